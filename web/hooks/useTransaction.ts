"use client";
/**
 * The one helper every write goes through: simulate, wait for the signature, wait for the block,
 * then for the indexer to reach that block before the pages refresh. Failures are decoded into
 * plain language by the caller (TxStatus); a declined signature is a phase of its own.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { encodeFunctionData, type EncodeFunctionDataParameters } from "viem";
import type {
  Abi,
  Address,
  ContractFunctionArgs,
  ContractFunctionName,
  Hex,
  TransactionReceipt,
} from "viem";
import { useAccount, useConfig } from "wagmi";
import { withGasMargin } from "@spin/shared";
import { must } from "@/lib/api/client";
import { browserApi } from "@/lib/api/browser";
import { decodeFailure, minedFailure, type Failure } from "@/lib/errors";
import { useSpin } from "@/lib/spin";

export type TxPhase =
  | "idle"
  | "simulating"
  | "signing"
  | "pending"
  | "indexing"
  | "confirmed"
  | "rejected"
  | "failed";

export interface TxState {
  phase: TxPhase;
  hash?: Hex;
  block?: bigint;
  failure?: Failure;
  /** A precondition the page can state (no wallet, wrong network). */
  blocked?: "noWallet" | "wrongNetwork";
}

type Mutability = "nonpayable" | "payable";

/**
 * A write, typed by its contract's ABI: a function the ABI does not have, or arguments of the
 * wrong types, fail to compile.
 */
export interface WriteRequest<
  A extends Abi = Abi,
  F extends ContractFunctionName<A, Mutability> = ContractFunctionName<A, Mutability>,
> {
  address: Address;
  abi: A;
  functionName: F;
  args: ContractFunctionArgs<A, Mutability, F>;
  value?: bigint;
  /**
   * Simulate on the next block instead of the latest: a work's registration must come at least
   * a block after its commitment, and a chain that mines only on transactions (the local one)
   * has no later block yet when the registration is simulated.
   */
  blockTag?: "pending";
}

/** A write, or a step that first collects a signature (a permit) and then names the write. */
export type WriteStep<A extends Abi, F extends ContractFunctionName<A, Mutability>> =
  | WriteRequest<A, F>
  | ((account: Address) => Promise<WriteRequest<A, F>>);

/** Checks a write against its ABI where it is built, for steps that return it later. */
export function write<const A extends Abi, F extends ContractFunctionName<A, Mutability>>(
  request: WriteRequest<A, F>,
): WriteRequest<A, F> {
  return request;
}

const INDEXER_WAIT_MS = 20_000;

async function waitForIndexer(block: bigint): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < INDEXER_WAIT_MS) {
    try {
      const health = await must(browserApi.GET("/health"));
      if (health.indexedBlock !== null && BigInt(health.indexedBlock) >= block) return;
    } catch {
      // The API may answer 503 while it catches up: keep polling until the deadline.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export function useTransaction() {
  const wagmi = useConfig();
  const { address, chainId } = useAccount();
  const { config } = useSpin();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  const busy = useRef(false);

  const run = useCallback(
    async <const A extends Abi, F extends ContractFunctionName<A, Mutability>>(
      step: WriteStep<A, F>,
    ): Promise<TransactionReceipt | undefined> => {
      if (busy.current) return undefined;
      if (!address) return (setState({ phase: "idle", blocked: "noWallet" }), undefined);
      if (chainId !== config.chainId) {
        return (setState({ phase: "idle", blocked: "wrongNetwork" }), undefined);
      }
      busy.current = true;
      try {
        let request: WriteRequest<A, F>;
        if (typeof step === "function") {
          setState({ phase: "signing" });
          request = await step(address);
        } else {
          request = step;
        }
        setState({ phase: "simulating" });
        // The write path (gas, fees, signing requests) loads with the first transaction.
        // webpack keeps only the destructured exports in the chunk it loads.
        const { estimateGas, simulateContract, waitForTransactionReceipt, writeContract } =
          await import("wagmi/actions");
        const simulation = await simulateContract(wagmi, {
          ...(request as unknown as WriteRequest),
          account: address,
        } as Parameters<typeof simulateContract>[1]);
        // The wallet would estimate on a block that may share the latest one's second; the
        // margin covers the vote checkpoints a later second makes new (see withGasMargin).
        const estimate = await estimateGas(wagmi, {
          account: address,
          to: request.address,
          data: encodeFunctionData(request as unknown as EncodeFunctionDataParameters),
          value: request.value,
          blockTag: request.blockTag,
        });
        const gas = withGasMargin(estimate);
        setState({ phase: "signing" });
        const hash = await writeContract(wagmi, {
          ...simulation.request,
          gas,
        } as Parameters<typeof writeContract>[1]);
        setState({ phase: "pending", hash });
        const receipt = await waitForTransactionReceipt(wagmi, { hash });
        if (receipt.status !== "success") {
          setState({
            phase: "failed",
            hash,
            block: receipt.blockNumber,
            failure: minedFailure(receipt.gasUsed, gas),
          });
          return undefined;
        }
        setState({ phase: "indexing", hash, block: receipt.blockNumber });
        await waitForIndexer(receipt.blockNumber);
        await queryClient.invalidateQueries();
        // Server-rendered parts of the page read the API again too.
        router.refresh();
        setState({ phase: "confirmed", hash, block: receipt.blockNumber });
        return receipt;
      } catch (error) {
        const failure = decodeFailure(error);
        setState((previous) => ({
          phase: failure.kind === "rejected" ? "rejected" : "failed",
          hash: previous.hash,
          failure,
        }));
        return undefined;
      } finally {
        busy.current = false;
      }
    },
    [address, chainId, config.chainId, queryClient, router, wagmi],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  const busyNow = ["simulating", "signing", "pending", "indexing"].includes(state.phase);
  return { state, run, reset, busy: busyNow };
}
