/**
 * Issue 12, item 3: EIP-7702 (type-4) transactions set code on every account of their
 * authorization list, so the account rule applies to their sender and to each authority, each
 * recovered from its own signature. Against the gateway in front of a real anvil holding SPIN.
 */
import { expect } from "chai";
import { concat, type Address, type Hex } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { SENDER_NOT_AUTHORIZED_MESSAGE, startGateway, type Gateway } from "@spin/gateway";
import { devKey, members, spinOnAnvil, type SpinNode } from "./fixture.ts";
import { memoryLogger, request, rpc, WsClient } from "./rpc.ts";

/** The code EIP-7702 leaves on an authority: 0xef0100 followed by the delegate's address. */
const delegationTo = (delegate: Address): Hex =>
  concat(["0xef0100", delegate]).toLowerCase() as Hex;

describe("gateway: EIP-7702 transactions obey the account rule (anvil)", function () {
  this.timeout(120_000);
  let spin: SpinNode;
  let gateway: Gateway;
  let logger: ReturnType<typeof memoryLogger>;
  let alice: PrivateKeyAccount;
  let bob: PrivateKeyAccount;
  let carol: PrivateKeyAccount;
  /** Any contract will do as the delegate: what matters is who lets their account run it. */
  let delegate: Address;

  before(async function () {
    spin = await spinOnAnvil();
    [alice, bob, carol] = [members.alice, members.bob, members.carol].map((i) =>
      privateKeyToAccount(devKey(i)),
    );
    delegate = spin.book.contracts.SpinCoin.address;
  });
  after(async function () {
    await spin?.stop();
  });
  beforeEach(async function () {
    logger = memoryLogger();
    gateway = await startGateway(
      { upstream: spin.anvil.url, port: 0, registry: spin.registry },
      logger,
    );
  });
  afterEach(async function () {
    await gateway.close();
  });

  const nonceOf = (account: Address) => spin.chain.getTransactionCount({ address: account });
  const codeOf = async (account: Address) =>
    ((await spin.chain.getCode({ address: account })) ?? "0x").toLowerCase();

  /** A type-4 transaction from `sender` carrying one authorization signed by each authority. */
  async function typeFour(
    sender: PrivateKeyAccount,
    authorities: PrivateKeyAccount[],
  ): Promise<Hex> {
    const nonce = await nonceOf(sender.address);
    const authorizationList = await Promise.all(
      authorities.map(async (authority) =>
        authority.signAuthorization({
          address: delegate,
          chainId: spin.chainId,
          // An authority that also sends uses the nonce after its transaction's.
          nonce:
            (await nonceOf(authority.address)) + (authority.address === sender.address ? 1 : 0),
        }),
      ),
    );
    return sender.signTransaction({
      type: "eip7702",
      chainId: spin.chainId,
      nonce,
      to: sender.address,
      gas: 200_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 10n ** 9n,
      authorizationList,
    });
  }

  it("forwards a member's type-4 transaction whose authorities are members", async function () {
    const answer = await rpc(gateway.url, "eth_sendRawTransaction", [await typeFour(alice, [bob])]);
    expect(answer.error).to.equal(undefined);
    await spin.chain.waitForTransactionReceipt({ hash: answer.result as Hex });
    expect(await codeOf(bob.address)).to.equal(delegationTo(delegate));
  });

  it("refuses a non-member's type-4 transaction with -32007 and sets no code", async function () {
    const stranger = await spin.stranger();
    const nonce = await nonceOf(stranger.address);
    const raw = await typeFour(stranger, [stranger]);
    const answer = await rpc(gateway.url, "eth_sendRawTransaction", [raw]);
    expect(answer.error).to.deep.equal({ code: -32007, message: SENDER_NOT_AUTHORIZED_MESSAGE });
    expect(await nonceOf(stranger.address)).to.equal(nonce);
    expect(await codeOf(stranger.address)).to.equal("0x");
    // The same bytes sent to the node itself would have set the code.
    const hash = await spin.node<Hex>("eth_sendRawTransaction", [raw]);
    await spin.chain.waitForTransactionReceipt({ hash });
    expect(await codeOf(stranger.address)).to.equal(delegationTo(delegate));
  });

  it("refuses a member's type-4 transaction carrying a non-member's authorization", async function () {
    const stranger = await spin.stranger();
    const nonce = await nonceOf(carol.address);
    const raw = await typeFour(carol, [bob, stranger]);
    const overHttp = await rpc(gateway.url, "eth_sendRawTransaction", [raw]);
    const overSync = await rpc(gateway.url, "eth_sendRawTransactionSync", [raw]);
    const ws = await WsClient.open(gateway.wsUrl);
    const overWs = await ws
      .send(request("eth_sendRawTransaction", [raw]))
      .finally(() => ws.close());
    for (const answer of [overHttp, overSync, overWs]) {
      expect(answer.error?.code).to.equal(-32007);
      expect(answer.error?.message).to.equal(SENDER_NOT_AUTHORIZED_MESSAGE);
      expect(String(answer.error?.data)).to.include(stranger.address);
    }
    expect(await nonceOf(carol.address)).to.equal(nonce);
    expect(await codeOf(stranger.address)).to.equal("0x");
    const lines = logger.entries.filter((e) => e.fields.reason === "authority_not_authorized");
    expect(lines).to.have.length(3);
    expect(lines[0]).to.deep.include({ level: "info" });
    expect(lines[0].fields).to.include({
      sender: carol.address,
      authority: stranger.address,
      delegate,
    });
  });

  it("answers an authorization whose signer cannot be recovered with -32602", async function () {
    // r = 0 is no signature anyone can have made.
    const broken = await alice.signTransaction({
      type: "eip7702",
      chainId: spin.chainId,
      nonce: await nonceOf(alice.address),
      to: alice.address,
      gas: 200_000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 10n ** 9n,
      authorizationList: [
        {
          address: delegate,
          chainId: spin.chainId,
          nonce: 0,
          r: "0x0000000000000000000000000000000000000000000000000000000000000000",
          s: "0x0000000000000000000000000000000000000000000000000000000000000001",
          yParity: 0,
        },
      ],
    });
    const answer = await rpc(gateway.url, "eth_sendRawTransaction", [broken]);
    expect(answer.error?.code).to.equal(-32602);
    expect(String(answer.error?.data)).to.match(/authorization 0/);
  });
});
