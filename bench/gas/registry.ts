/**
 * Registry and coin rows: SPIN's permissioned coin and soulbound votes against plain
 * OpenZeppelin contracts, each pair measured on the same scenario in the same run; and every
 * step of the admission path (no reference exists for those).
 */
import { applicationSignerTypes, permitTypes } from "@spin/shared";
import {
  Signature,
  Wallet,
  type HDNodeWallet,
  type ContractTransactionResponse,
  type Signer,
  type TypedDataDomain,
} from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import type { GasSuite } from "./suites.ts";
import type { GasRow } from "./table.ts";

const PERSON = 1;
const WEEK = 7 * 24 * 3600;
const PROFILE_HASH = `0x${"ab".repeat(32)}`;
const COIN = 10n ** 18n;

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction was not mined");
  return receipt.gasUsed;
}

interface Permittable {
  getAddress(): Promise<string>;
  nonces(owner: string): Promise<bigint>;
  eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
}

/** Signs an EIP-2612 permit of `value` from `owner` to `spender`. */
async function signPermit(token: Permittable, owner: Signer, spender: string, value: bigint) {
  const [, name, version, chainId, verifyingContract] = await token.eip712Domain();
  const domain: TypedDataDomain = { name, version, chainId, verifyingContract };
  const deadline = 2n ** 48n;
  const message = {
    owner: await owner.getAddress(),
    spender,
    value,
    nonce: await token.nonces(await owner.getAddress()),
    deadline,
  };
  const signature = await owner.signTypedData(domain, permitTypes, message);
  const { v, r, s } = Signature.from(signature);
  return { deadline, v, r, s };
}

const DAY = 24 * 3600;
/** A rule that lets the bench walk the whole admission path in two simulated days. */
const BENCH_RULE = {
  vouchThreshold: 2,
  vouchWindow: WEEK,
  admissionDelay: DAY,
  ripeningPeriod: DAY,
  voucherSeniority: 0,
  vouchBudget: 10,
  budgetPeriod: 30 * DAY,
  reapplyCooldown: DAY,
};

async function registryRows(connection: NetworkConnection): Promise<GasRow[]> {
  const { ethers, networkHelpers } = connection;
  const [admin, alice, bob, carol, dave, erin] = await ethers.getSigners();
  const registry = await ethers.deployContract("CommonsRegistry", [admin.address, 2, WEEK]);
  const admissions = await ethers.getContractAt("Admissions", await registry.admissions());
  await (await admissions.setAdmissionRule(BENCH_RULE)).wait();
  const reference = await ethers.deployContract("ReferenceERC721Votes");

  for (const member of [alice, bob, carol]) {
    await (await registry.admit(member.address, PERSON, "ipfs://profile", PROFILE_HASH)).wait();
  }
  const admit = await gasOf(registry.admit(erin.address, PERSON, "ipfs://profile", PROFILE_HASH));

  // A newcomer's signed application, relayed by a member (with or without its first vouch).
  const [, name, version, chainId, verifyingContract] = await admissions.eip712Domain();
  const signed = async (applicant: HDNodeWallet) => {
    const application = {
      applicant: applicant.address,
      kind: PERSON,
      profileURI: "ipfs://profile",
      profileHash: PROFILE_HASH,
      place: { name: "", latitudeE6: 0, longitudeE6: 0, country: "0x0000", machines: [] },
      nonce: 0n,
      deadline: 2n ** 48n,
    };
    const domain = { name, version, chainId, verifyingContract };
    return {
      application,
      signature: await applicant.signTypedData(domain, applicationSignerTypes, application),
    };
  };
  const byMember = await signed(Wallet.createRandom());
  const applyBySig = await gasOf(
    admissions.connect(carol).applyBySig(byMember.application, byMember.signature),
  );
  const withVouch = await signed(Wallet.createRandom());
  const applyBySigAndVouch = await gasOf(
    admissions.connect(carol).applyBySigAndVouch(withVouch.application, withVouch.signature),
  );

  const apply = await gasOf(
    admissions.connect(dave).applyForAdmission(PERSON, "ipfs://profile", PROFILE_HASH),
  );
  const vouch = await gasOf(admissions.connect(alice).vouch(dave.address, PROFILE_HASH));
  const vouchSchedules = await gasOf(admissions.connect(bob).vouch(dave.address, PROFILE_HASH));
  await networkHelpers.time.increase(BENCH_RULE.admissionDelay);
  const complete = await gasOf(admissions.completeAdmission(dave.address, "ipfs://profile"));
  await networkHelpers.time.increase(BENCH_RULE.ripeningPeriod);
  const ripen = await gasOf(registry.ripen(dave.address));

  // Delegate: a self-delegated holder gives its vote to another self-delegated holder.
  for (const [index, holder] of [alice, bob].entries()) {
    await (await reference.mint(holder.address, index + 1)).wait();
    await (await reference.connect(holder).delegate(holder.address)).wait();
  }
  const delegate = await gasOf(registry.connect(alice).delegate(bob.address));
  const delegateReference = await gasOf(reference.connect(alice).delegate(bob.address));

  const row = (operation: string, ours: bigint): GasRow => ({
    operation,
    ours,
    reference: null,
    referenceName: "-",
  });
  return [
    row("apply by signature, relayed by a member (Person)", applyBySig),
    row("apply by signature + the relayer's vouch", applyBySigAndVouch),
    row("apply by transaction (Person)", apply),
    row("vouch", vouch),
    row("vouch that schedules the admission (k-th)", vouchSchedules),
    row("complete the admission after its delay", complete),
    row("ripen a new member's vote", ripen),
    row("admit by governance (Person, ripe at once)", admit),
    {
      operation: "delegate membership vote",
      ours: delegate,
      reference: delegateReference,
      referenceName: "OpenZeppelin ERC721Votes delegate",
      goal: { maxRatio: 1.0 },
    },
  ];
}

async function coinRows(connection: NetworkConnection): Promise<GasRow[]> {
  const { ethers } = connection;
  const [admin, alice, bob, carol] = await ethers.getSigners();
  const registry = await ethers.deployContract("CommonsRegistry", [admin.address, 2, WEEK]);
  for (const member of [alice, bob, carol]) {
    await (await registry.admit(member.address, PERSON, "ipfs://profile", PROFILE_HASH)).wait();
  }
  const coin = await ethers.deployContract("SpinCoin", [
    await registry.getAddress(),
    admin.address,
    1_000_000n * COIN,
    100_000n * COIN,
  ]);
  const plain = await ethers.deployContract("ReferenceERC20");
  const permitted = await ethers.deployContract("ReferenceERC20Permit");

  // Both holders already hold coin on every side.
  await (await coin.mintInitialAllocation(alice.address)).wait();
  await (await coin.connect(alice).transfer(bob.address, 10n * COIN)).wait();
  for (const token of [plain, permitted]) {
    await (await token.mint(alice.address, 1_000_000n * COIN)).wait();
    await (await token.mint(bob.address, 10n * COIN)).wait();
  }

  const transfer = await gasOf(coin.connect(alice).transfer(bob.address, COIN));
  const transferReference = await gasOf(plain.connect(alice).transfer(bob.address, COIN));

  const permitAndPull = async (token: typeof coin | typeof permitted): Promise<bigint> => {
    const { deadline, v, r, s } = await signPermit(token, alice, carol.address, COIN);
    const permit = await gasOf(
      token.connect(carol).permit(alice.address, carol.address, COIN, deadline, v, r, s),
    );
    const pull = await gasOf(token.connect(carol).transferFrom(alice.address, bob.address, COIN));
    return permit + pull;
  };
  const permit = await permitAndPull(coin);
  const permitReference = await permitAndPull(permitted);

  return [
    {
      operation: "coin transfer",
      ours: transfer,
      reference: transferReference,
      referenceName: "OpenZeppelin ERC20 transfer",
      goal: { maxRatio: 1.3 },
    },
    {
      operation: "coin permit + transferFrom",
      ours: permit,
      reference: permitReference,
      referenceName: "OpenZeppelin ERC20Permit permit + transferFrom",
    },
  ];
}

/** Rows for the commons registry (admission, votes) and the SPIN coin. */
export const registrySuite: GasSuite = async (connection) => [
  ...(await coinRows(connection)),
  ...(await registryRows(connection)),
];
