/**
 * The benchmark's chain: SPIN deployed on an in-process Hardhat network, with at least the
 * requested number of events (coin transfers between members, licence purchases) mined.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, type Hex } from "viem";
import { abis } from "@spin/shared";
import { buy, deploySpin, registerWork, type Spin } from "../../test/mocha/works/fixture.ts";

export interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** Mines `events` coin transfers, `perBlock` per block, sending raw transactions. */
export async function mineTransfers(
  connection: NetworkConnection,
  spin: Spin,
  events: number,
  perBlock: number,
): Promise<void> {
  const provider = connection.provider as unknown as Eip1193;
  const coin = (await spin.coin.getAddress()) as Hex;
  const senders = [spin.firm.address, spin.firm2.address];
  await provider.request({ method: "evm_setAutomine", params: [false] });
  for (let sent = 0; sent < events; sent++) {
    const from = senders[sent % senders.length];
    const to = senders[(sent + 1) % senders.length];
    const data = encodeFunctionData({
      abi: abis.SpinCoin,
      functionName: "transfer",
      args: [to as Hex, 1n],
    });
    await provider.request({
      method: "eth_sendTransaction",
      params: [{ from, to: coin, data, gas: "0x186a0" }],
    });
    if ((sent + 1) % perBlock === 0) await provider.request({ method: "evm_mine" });
  }
  await provider.request({ method: "evm_mine" });
  await provider.request({ method: "evm_setAutomine", params: [true] });
}

/** SPIN with works, licences and a few purchases, for the licence check. */
export async function deployWithWorks(connection: NetworkConnection) {
  const spin = await deploySpin(connection);
  const workIds: bigint[] = [];
  for (let i = 0; i < 10; i++) {
    workIds.push(
      await registerWork(spin, i % 2 === 0 ? spin.alice : spin.bob, { licenceId: 1 + (i % 4) }),
    );
  }
  await buy(spin, spin.firm, workIds[0]);
  await buy(spin, spin.firm2, workIds[4]);
  return { spin, workIds };
}
