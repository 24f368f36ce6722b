/**
 * A test wallet for the browser: an EIP-1193 provider injected before the page loads and
 * announced through EIP-6963. The page forwards every request to Node through an exposed
 * function; Node signs with a test key and sends through the gateway, so the chain's
 * permissioning applies. `reject` makes the next signatures fail with code 4001, as when a
 * person declines; `chainId` lets a test put the wallet on the wrong network.
 */
import type { Page } from "playwright-core";
import { createWalletClient, http, numberToHex, type Hex, type TypedDataDefinition } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export interface TestWallet {
  address: `0x${string}`;
  /** Decline every request (`true`), or only signatures, letting transactions through. */
  reject: boolean | "signatures";
  chainId: number;
  /** Every method the page asked for, in order. */
  calls: string[];
  /** Every transaction sent, with the gas limit the page asked for (none: the wallet's own). */
  sent: { hash: Hex; gas?: bigint }[];
}

interface TxParams {
  to?: Hex;
  data?: Hex;
  value?: Hex;
  gas?: Hex;
}

export async function rpc(url: string, method: string, params: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
  });
  const body = (await response.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
  };
  if (body.error) throw Object.assign(new Error(body.error.message), body.error);
  return body.result;
}

const initScript = () => {
  type Listener = (value: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const bridge = (window as unknown as { __spinWallet(payload: string): Promise<string> })
    .__spinWallet;
  const provider = {
    isSpinTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown }) {
      const answer = JSON.parse(await bridge(JSON.stringify({ method, params }))) as {
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
      };
      if (answer.error) {
        throw Object.assign(new Error(answer.error.message), {
          code: answer.error.code,
          data: answer.error.data,
        });
      }
      if (method === "wallet_switchEthereumChain") {
        const id = (params as { chainId: string }[])[0].chainId;
        listeners.get("chainChanged")?.forEach((l) => l(id));
      }
      return answer.result;
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  const icon =
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Ccircle cx='10' cy='10' r='9' fill='%2314532d'/%3E%3C/svg%3E";
  const detail = Object.freeze({
    info: {
      uuid: "5b1c4a36-2f6e-4a3e-9c1e-7f3a3f1b9e01",
      name: "Test Wallet",
      icon,
      rdns: "org.spin.test-wallet",
    },
    provider,
  });
  const announce = () =>
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
};

export async function injectWallet(page: Page, key: Hex, rpcUrl: string): Promise<TestWallet> {
  const account = privateKeyToAccount(key);
  const wallet: TestWallet = {
    address: account.address,
    reject: false,
    chainId: 31337,
    calls: [],
    sent: [],
  };
  const client = createWalletClient({ account, transport: http(rpcUrl) });

  async function handle(method: string, params: unknown): Promise<unknown> {
    const list = (params ?? []) as unknown[];
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return [account.address];
      case "eth_chainId":
        return numberToHex(wallet.chainId);
      case "wallet_switchEthereumChain":
        wallet.chainId = Number((list[0] as { chainId: string }).chainId);
        return null;
      case "wallet_addEthereumChain":
        return null;
      case "eth_sendTransaction": {
        if (wallet.reject === true)
          throw Object.assign(new Error("User rejected the request."), { code: 4001 });
        const tx = list[0] as TxParams;
        const chainId = Number(await rpc(rpcUrl, "eth_chainId", []));
        const gas = tx.gas ? BigInt(tx.gas) : undefined;
        const hash = await client.sendTransaction({
          chain: {
            id: chainId,
            name: "SPIN",
            nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
            rpcUrls: { default: { http: [rpcUrl] } },
          },
          to: tx.to,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : undefined,
          gas,
        });
        wallet.sent.push({ hash, gas });
        return hash;
      }
      case "eth_signTypedData_v4": {
        if (wallet.reject)
          throw Object.assign(new Error("User rejected the request."), { code: 4001 });
        const typed = JSON.parse(list[1] as string) as TypedDataDefinition & {
          types: Record<string, unknown>;
        };
        const { EIP712Domain: _domain, ...types } = typed.types;
        return account.signTypedData({ ...typed, types } as TypedDataDefinition);
      }
      case "personal_sign":
        if (wallet.reject)
          throw Object.assign(new Error("User rejected the request."), { code: 4001 });
        return account.signMessage({ message: { raw: list[0] as Hex } });
      default:
        return rpc(rpcUrl, method, params);
    }
  }

  await page.exposeFunction("__spinWallet", async (payload: string) => {
    const { method, params } = JSON.parse(payload) as { method: string; params?: unknown };
    wallet.calls.push(method);
    try {
      return JSON.stringify({ result: await handle(method, params) });
    } catch (error) {
      const e = error as { code?: number; message?: string; data?: unknown };
      return JSON.stringify({
        error: { code: e.code ?? -32603, message: e.message ?? String(error), data: e.data },
      });
    }
  });
  await page.addInitScript(initScript);
  return wallet;
}
