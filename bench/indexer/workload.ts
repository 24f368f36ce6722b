/**
 * The benchmark's chain: SPIN deployed on an in-process Hardhat network, with at least the
 * requested number of events (coin transfers between members, licence purchases) mined.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, type Hex } from "viem";
import { abis } from "@spin/shared";
import { buy, deploySpin, registerWork, type Spin } from "../../test/mocha/works/fixture.ts";

/** JSON-RPC calls sent to `url` as one batch; a node's error names the method that failed. */
async function rpcBatch(url: string, calls: { method: string; params: unknown[] }[]) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(calls.map((call, id) => ({ jsonrpc: "2.0", id, ...call }))),
  });
  const answers = (await response.json()) as { id: number; error?: { message: string } }[];
  const failed = answers.find((a) => a.error);
  if (failed) throw new Error(`${calls[failed.id].method}: ${failed.error!.message}`);
}

/**
 * Mines `events` coin transfers, `perBlock` per block: each block's transactions go to the node
 * as one JSON-RPC batch, then one evm_mine (many concurrent single requests through a provider
 * can stall a loaded machine).
 */
export async function mineTransfers(
  nodeUrl: string,
  connection: NetworkConnection,
  spin: Spin,
  events: number,
  perBlock: number,
): Promise<void> {
  const coin = (await spin.coin.getAddress()) as Hex;
  const senders = [spin.firm.address, spin.firm2.address];
  const nonces = new Map<string, number>();
  for (const sender of senders) {
    nonces.set(sender, await connection.ethers.provider.getTransactionCount(sender));
  }
  await rpcBatch(nodeUrl, [{ method: "evm_setAutomine", params: [false] }]);
  for (let sent = 0; sent < events; sent += perBlock) {
    const batch = Array.from({ length: Math.min(perBlock, events - sent) }, (_, i) => {
      const from = senders[(sent + i) % senders.length];
      const to = senders[(sent + i + 1) % senders.length] as Hex;
      const nonce = nonces.get(from)!;
      nonces.set(from, nonce + 1);
      const data = encodeFunctionData({
        abi: abis.SpinCoin,
        functionName: "transfer",
        args: [to, 1n],
      });
      const tx = { from, to: coin, data, gas: "0x186a0", nonce: `0x${nonce.toString(16)}` };
      return { method: "eth_sendTransaction", params: [tx] };
    });
    await rpcBatch(nodeUrl, batch);
    await rpcBatch(nodeUrl, [{ method: "evm_mine", params: [] }]);
  }
  await rpcBatch(nodeUrl, [
    { method: "evm_mine", params: [] },
    { method: "evm_setAutomine", params: [true] },
  ]);
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

/** The logs SPIN's contracts emitted from `from` to `to`: what an indexer must index. */
export async function countEvents(
  nodeUrl: string,
  contracts: Record<string, { address: string } | undefined>,
  from: number,
  to: number,
): Promise<number> {
  const address = Object.values(contracts).flatMap((c) => (c ? [c.address] : []));
  let count = 0;
  for (let start = from; start <= to; start += 20) {
    const end = Math.min(to, start + 19);
    const response = await fetch(nodeUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_getLogs",
        params: [
          { address, fromBlock: `0x${start.toString(16)}`, toBlock: `0x${end.toString(16)}` },
        ],
      }),
    });
    const body = (await response.json()) as { result?: unknown[]; error?: { message: string } };
    if (!body.result) throw new Error(`eth_getLogs ${start}-${end}: ${body.error?.message}`);
    count += body.result.length;
  }
  return count;
}
