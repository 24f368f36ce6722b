/** Forwards the page's JSON-RPC to the chain's gateway, so the page talks only to this app. */
import { serverConfig } from "@/lib/server-config";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  try {
    const upstream = await fetch(serverConfig().rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    return new Response(await upstream.text(), {
      status: upstream.status,
      headers: { "content-type": "application/json" },
    });
  } catch (error) {
    const message = `the chain's RPC cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
    return Response.json(
      { jsonrpc: "2.0", id: null, error: { code: -32603, message } },
      { status: 502 },
    );
  }
}
