/** GET /api/demo: the local chain's demo identities with their keys; 404 on any other chain. */
import { must } from "@/lib/api/client";
import { api } from "@/lib/server/api";
import { demoAddresses, demoAvailable, demoIdentities } from "@/lib/server/demo";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  if (!demoAvailable())
    return Response.json(
      { error: "unavailable", message: "demo identities exist only on the local chain" },
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  const named = await must(
    api().GET("/names", { params: { query: { address: demoAddresses() } } }),
  );
  const identities = demoIdentities(named.items);
  return Response.json({ items: identities }, { headers: { "cache-control": "no-store" } });
}
