/** What a person may paste to name a work: its id, its content hash, or a link to its page. */
export type WorkRef = { kind: "id"; id: bigint } | { kind: "hash"; hash: `0x${string}` };

export function parseWorkRef(input: string): WorkRef | null {
  const text = input.trim();
  if (/^#?\d+$/.test(text)) return { kind: "id", id: BigInt(text.replace("#", "")) };
  if (/^0x[0-9a-fA-F]{64}$/.test(text))
    return { kind: "hash", hash: text.toLowerCase() as `0x${string}` };
  const link = /\/works\/(\d+)(?:[/?#]|$)/.exec(text);
  if (link) return { kind: "id", id: BigInt(link[1]) };
  return null;
}
