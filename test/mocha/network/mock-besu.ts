// A stand-in for a Besu node's PERM API: keeps allowlists and records every call it receives.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type MockBesu = {
  url: string;
  accounts: string[];
  nodes: string[];
  calls: Array<{ method: string; params: unknown[] }>;
  close(): Promise<void>;
};

export async function startMockBesu(accounts: string[], nodes: string[]): Promise<MockBesu> {
  const state = { accounts: [...accounts], nodes: [...nodes] };
  const calls: MockBesu["calls"] = [];

  function handle(method: string, params: unknown[]): unknown {
    const list = (params[0] ?? []) as string[];
    switch (method) {
      case "perm_getAccountsAllowlist":
        return state.accounts;
      case "perm_getNodesAllowlist":
        return state.nodes;
      case "perm_addAccountsToAllowlist":
        state.accounts.push(...list);
        return "Success";
      case "perm_removeAccountsFromAllowlist":
        state.accounts = state.accounts.filter((a) => !list.includes(a));
        return "Success";
      case "perm_addNodesToAllowlist":
        state.nodes.push(...list);
        return "Success";
      case "perm_removeNodesFromAllowlist":
        state.nodes = state.nodes.filter((n) => !list.includes(n));
        return "Success";
      default:
        return undefined;
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const { id, method, params } = JSON.parse(Buffer.concat(chunks).toString()) as {
        id: number;
        method: string;
        params: unknown[];
      };
      calls.push({ method, params });
      const result = handle(method, params);
      const body =
        result === undefined
          ? {
              jsonrpc: "2.0",
              id,
              error: { code: -32601, message: "Method not enabled" },
            }
          : { jsonrpc: "2.0", id, result };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get accounts() {
      return state.accounts;
    },
    get nodes() {
      return state.nodes;
    },
    calls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
