/** Forwards the page's API requests to the indexer (same origin: no CORS, no other host). */
import { serverConfig } from "@/lib/server-config";

export const dynamic = "force-dynamic";

async function forward(request: Request, path: string[]): Promise<Response> {
  const url = new URL(request.url);
  const target = `${serverConfig().apiUrl}/${path.map(encodeURIComponent).join("/")}${url.search}`;
  try {
    const upstream = await fetch(target, {
      method: request.method,
      headers: { "content-type": request.headers.get("content-type") ?? "application/json" },
      body: request.method === "GET" ? undefined : await request.arrayBuffer(),
    });
    const headers = new Headers();
    const type = upstream.headers.get("content-type");
    if (type) headers.set("content-type", type);
    return new Response(upstream.body, { status: upstream.status, headers });
  } catch (error) {
    const message = `the SPIN API cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
    return Response.json({ error: "unavailable", message, field: null }, { status: 502 });
  }
}

type Context = { params: Promise<{ path: string[] }> };

export async function GET(request: Request, context: Context) {
  return forward(request, (await context.params).path);
}

export async function POST(request: Request, context: Context) {
  return forward(request, (await context.params).path);
}
