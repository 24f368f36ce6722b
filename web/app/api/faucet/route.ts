/**
 * Test gas for the burner wallet, on the local development chain only. The gateway refuses node
 * control (setBalance) to everyone, so the app asks the local node itself, which it knows only
 * when started for the local chain (SPIN_LOCAL_NODE_URL). Gas is all it gives: whether the
 * account may do anything with it is still the registry's answer at the gateway.
 */
import { jsonRpc } from "@spin/shared";
import { isAddress, numberToHex } from "viem";
import { LOCAL_CHAIN_ID } from "@/lib/config";
import { localNodeUrl, serverConfig } from "@/lib/server-config";

export const dynamic = "force-dynamic";

/** 100 ETH of local test gas. */
const TEST_GAS = 100n * 10n ** 18n;

function refuse(status: number, message: string, field: string | null = null): Response {
  return Response.json(
    { error: status === 400 ? "invalid_request" : "unavailable", message, field },
    { status },
  );
}

export async function POST(request: Request): Promise<Response> {
  const node = localNodeUrl();
  if (serverConfig().chainId !== LOCAL_CHAIN_ID || !node)
    return refuse(404, "test gas is only given on the local development chain");
  let account: unknown;
  try {
    account = ((await request.json()) as { account?: unknown }).account;
  } catch {
    return refuse(400, "the body must be JSON: { account }", "body");
  }
  if (typeof account !== "string" || !isAddress(account))
    return refuse(400, "body.account must be an account address", "body.account");
  try {
    const balance = BigInt(await jsonRpc<string>(node, "eth_getBalance", [account, "latest"]));
    if (balance > 0n) return Response.json({ account, funded: false });
    await jsonRpc(node, "anvil_setBalance", [account, numberToHex(TEST_GAS)]);
    return Response.json({ account, funded: true });
  } catch (error) {
    const message = `the local node cannot give test gas: ${error instanceof Error ? error.message : String(error)}`;
    return refuse(502, message);
  }
}
