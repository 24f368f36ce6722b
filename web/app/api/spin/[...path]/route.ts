/** Forwards the page's API requests to the indexer (see lib/api/proxy.ts for what passes). */
import { forward } from "@/lib/api/proxy";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

export async function GET(request: Request, context: Context) {
  return forward(request, (await context.params).path);
}

export async function POST(request: Request, context: Context) {
  return forward(request, (await context.params).path);
}
