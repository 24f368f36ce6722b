/** A JSON-RPC call to one Besu node's admin endpoint (PERM API). */
export type BesuCall = (method: string, params: unknown[]) => Promise<unknown>;

export class BesuRpcError extends Error {
  readonly code: number;
  constructor(url: string, method: string, code: number, message: string) {
    super(`${method} on ${url} failed (${code}): ${message}`);
    this.name = "BesuRpcError";
    this.code = code;
  }
}

let nextId = 1;

export function besuRpc(url: string, timeoutMs = 30_000): BesuCall {
  return async (method, params) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string };
    };
    if (body.error !== undefined) {
      throw new BesuRpcError(url, method, body.error.code, body.error.message);
    }
    return body.result;
  };
}
