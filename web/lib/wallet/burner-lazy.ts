/**
 * The burner's stand-in until it is used: it answers the connection checks wagmi makes on every
 * page load, and loads the signing code (secp256k1, the wallet client) only once the person
 * chooses the burner, so other visitors never download it.
 */
import { numberToHex, type Chain, type EIP1193Provider } from "viem";

/** Set once the person chose the burner, so it is not connected behind their back on reload. */
export const BURNER_AUTHORIZED_KEY = "spin-burner-authorized";

type RequestArguments = { method: string; params?: unknown };

export function createLazyBurnerProvider(chain: Chain, rpcUrl: string): EIP1193Provider {
  let real: Promise<EIP1193Provider> | undefined;
  const load = () =>
    (real ??= import("./burner").then((m) => m.createBurnerProvider(chain, rpcUrl)));
  const provider = {
    async request(args: RequestArguments): Promise<unknown> {
      const authorized = window.localStorage.getItem(BURNER_AUTHORIZED_KEY) === "1";
      if (args.method === "eth_accounts" && !authorized) return [];
      if (args.method === "eth_chainId") return numberToHex(chain.id);
      const burner = await load();
      return burner.request(args as Parameters<EIP1193Provider["request"]>[0]);
    },
    on: () => provider,
    removeListener: () => provider,
  };
  return provider as unknown as EIP1193Provider;
}
