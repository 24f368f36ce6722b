import { getAddress, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { parseConfig, ConfigError } from "@/lib/config";
import { layoutLineage } from "@/lib/lineage";
import { buildSnapshot, type DecodedLog } from "@/lib/snapshot";
import { parseWorkRef } from "@/lib/work-ref";

const a = getAddress("0x00000000000000000000000000000000000000a1");
const b = getAddress("0x00000000000000000000000000000000000000b2");
let index = 0;
function log(eventName: string, args: Record<string, unknown>, blockNumber = 1n): DecodedLog {
  return {
    eventName,
    args,
    address: a as Address,
    blockNumber,
    logIndex: index++,
    transactionHash: "0x" as Hex,
  };
}
function registered(workId: bigint, parents: bigint[], block: bigint) {
  return log(
    "WorkRegistered",
    {
      workId,
      contentHash: `0x${workId.toString().padStart(64, "0")}`,
      registrant: a,
      licenceId: 1,
      metadataURI: "",
      stewards: [a],
      contributors: [a],
      shares: [10_000],
      parents,
    },
    block,
  );
}

describe("buildSnapshot", () => {
  it("folds admission events into each participant's current status", () => {
    const s = buildSnapshot([
      log(
        "Applied",
        { account: b, kind: 1, profileURI: "ipfs://p", profileHash: "0x", windowEnd: 99n },
        1n,
      ),
      log("Vouched", { voucher: a, candidate: b, vouches: 1, threshold: 2 }, 2n),
      log("Admitted", { account: a, kind: 1, how: 1 }, 1n),
      log("Suspended", { account: a, reason: "x" }, 3n),
    ]);
    const byAccount = Object.fromEntries(s.participants.map((p) => [p.account, p]));
    expect(byAccount[b]).toMatchObject({
      status: 1,
      kind: 1,
      vouches: 1,
      vouchers: [a],
      windowEnd: 99,
    });
    expect(byAccount[a]).toMatchObject({ status: 3, kind: 1 });
  });

  it("links forks to parents and lists the newest work first", () => {
    const s = buildSnapshot([
      registered(1n, [], 1n),
      registered(2n, [1n], 2n),
      log("AdoptionDeclared", { workId: 2n, adopter: b }, 3n),
    ]);
    expect(s.works.map((w) => w.id)).toEqual([2n, 1n]);
    expect(s.works[1].children).toEqual([2n]);
    expect(s.works[0].adopters).toEqual([b]);
    expect(s.adoptions).toHaveLength(1);
  });

  it("records votes, overrides and delegation", () => {
    const s = buildSnapshot([
      log("ProposalCreated", {
        proposalId: 5n,
        proposer: a,
        targets: [a],
        values: [0n],
        signatures: [""],
        calldatas: ["0x"],
        voteStart: 1n,
        voteEnd: 2n,
        description: "# Grant",
      }),
      log("VoteCast", { voter: a, proposalId: 5n, support: 1, weight: 2n, reason: "yes" }),
      log("OverrideVoteCast", { voter: b, proposalId: 5n, support: 0, weight: 1n, reason: "" }),
      log("DelegateChanged", { delegator: b, fromDelegate: b, toDelegate: a }),
    ]);
    expect(s.proposals[0].voters.map((v) => [v.voter, v.override])).toEqual([
      [a, false],
      [b, true],
    ]);
    expect(s.delegates[b.toLowerCase()]).toBe(a);
  });
});

describe("layoutLineage", () => {
  it("puts ancestors above and forks below the focused work", () => {
    const s = buildSnapshot([
      registered(1n, [], 1n),
      registered(2n, [1n], 2n),
      registered(3n, [2n], 3n),
      registered(4n, [2n], 4n),
    ]);
    const layout = layoutLineage(s.works, 2n);
    const row = (id: bigint) => layout.nodes.find((n) => n.id === id)?.row;
    expect(row(1n)).toBe(0);
    expect(row(2n)).toBe(1);
    expect(row(3n)).toBe(2);
    expect(row(4n)).toBe(2);
    expect(layout.columns).toBe(2);
    expect(layout.edges).toHaveLength(3);
  });
});

describe("parseWorkRef", () => {
  it("accepts an id, a content hash or a link", () => {
    expect(parseWorkRef(" 12 ")).toEqual({ kind: "id", id: 12n });
    expect(parseWorkRef("#3")).toEqual({ kind: "id", id: 3n });
    expect(parseWorkRef(`0x${"AB".repeat(32)}`)).toEqual({
      kind: "hash",
      hash: `0x${"ab".repeat(32)}`,
    });
    expect(parseWorkRef("http://localhost:3000/works/7?tab=x")).toEqual({ kind: "id", id: 7n });
  });
  it("refuses anything else", () => {
    expect(parseWorkRef("lamp")).toBeNull();
    expect(parseWorkRef("0x1234")).toBeNull();
  });
});

describe("parseConfig", () => {
  it("defaults to the local stack", () => {
    expect(parseConfig({})).toEqual({
      apiUrl: "http://127.0.0.1:42069",
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337,
    });
  });
  it("validates every variable", () => {
    expect(() => parseConfig({ NEXT_PUBLIC_SPIN_CHAIN_ID: "x" })).toThrow(ConfigError);
    expect(() => parseConfig({ NEXT_PUBLIC_SPIN_API_URL: "ftp://x" })).toThrow(ConfigError);
    expect(parseConfig({ NEXT_PUBLIC_SPIN_RPC_URL: "https://rpc.example/" }).rpcUrl).toBe(
      "https://rpc.example",
    );
  });
});
