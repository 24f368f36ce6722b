/**
 * A burner wallet for the local chain: a throwaway key kept in localStorage behind a minimal
 * EIP-1193 provider, so a newcomer can try SPIN without installing an extension. It signs
 * locally, sends raw transactions through the app's RPC route and gets its test gas from the
 * app's faucet route. Never offered on other chains.
 */
import {
  createWalletClient,
  http,
  numberToHex,
  type Chain,
  type EIP1193Provider,
  type Hex,
  type TypedDataDefinition,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { FAUCET_PATH } from "../config";
import { BURNER_AUTHORIZED_KEY as AUTHORIZED_KEY } from "./burner-lazy";

export const BURNER_KEY_STORAGE = "spin-burner-key";
const STORAGE_KEY = BURNER_KEY_STORAGE;

function loadKey(): Hex {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored && /^0x[0-9a-fA-F]{64}$/.test(stored)) return stored as Hex;
  const key = generatePrivateKey();
  window.localStorage.setItem(STORAGE_KEY, key);
  return key;
}

interface TxParams {
  to?: Hex;
  data?: Hex;
  value?: Hex;
  gas?: Hex;
}

async function rpc(url: string, method: string, params: unknown): Promise<unknown> {
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

export function createBurnerProvider(chain: Chain, rpcUrl: string): EIP1193Provider {
  // The key is read again on every request: choosing a demo identity or importing a key swaps it.
  let signer: { key: Hex; account: ReturnType<typeof privateKeyToAccount> } | undefined;
  let funded: string | undefined;
  const current = () => {
    const key = loadKey();
    if (signer?.key !== key) signer = { key, account: privateKeyToAccount(key) };
    return signer.account;
  };

  /** Test gas from the app's faucet: the gateway refuses node control such as setBalance. */
  async function ensureGas(): Promise<void> {
    const account = current();
    if (funded === account.address) return;
    const response = await fetch(FAUCET_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: account.address }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      throw new Error(body.message ?? `the faucet answered HTTP ${response.status}`);
    }
    funded = account.address;
  }

  async function request({
    method,
    params,
  }: {
    method: string;
    params?: unknown;
  }): Promise<unknown> {
    const list = (params ?? []) as unknown[];
    const account = current();
    switch (method) {
      case "eth_requestAccounts":
        window.localStorage.setItem(AUTHORIZED_KEY, "1");
        await ensureGas();
        return [account.address];
      case "eth_accounts":
        return window.localStorage.getItem(AUTHORIZED_KEY) === "1" ? [account.address] : [];
      case "wallet_revokePermissions":
        window.localStorage.removeItem(AUTHORIZED_KEY);
        return null;
      case "eth_chainId":
        return numberToHex(chain.id);
      case "wallet_switchEthereumChain":
      case "wallet_addEthereumChain":
        return null;
      case "eth_sendTransaction": {
        const tx = list[0] as TxParams;
        const wallet = createWalletClient({ account, chain, transport: http(rpcUrl) });
        return wallet.sendTransaction({
          to: tx.to,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : undefined,
          gas: tx.gas ? BigInt(tx.gas) : undefined,
        });
      }
      case "eth_signTypedData_v4": {
        const typed = JSON.parse(list[1] as string) as TypedDataDefinition & {
          types: Record<string, unknown>;
        };
        const { EIP712Domain: _domain, ...types } = typed.types;
        return account.signTypedData({ ...typed, types } as TypedDataDefinition);
      }
      case "personal_sign":
        return account.signMessage({ message: { raw: list[0] as Hex } });
      default:
        return rpc(rpcUrl, method, params);
    }
  }

  const provider = {
    request,
    on: () => provider,
    removeListener: () => provider,
  };
  return provider as unknown as EIP1193Provider;
}
