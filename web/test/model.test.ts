import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { parseConfig, ConfigError } from "@/lib/config";
import { layoutLineage } from "@/lib/lineage";
import type { Schema } from "@/lib/api/client";
import {
  placesOf,
  ProposalState,
  toAction,
  toClaimable,
  toParticipant,
  toProposal,
  toTemplate,
  toWork,
  toWorkDetail,
} from "@/lib/model";
import { parseWorkRef } from "@/lib/work-ref";

const a = getAddress("0x00000000000000000000000000000000000000a1");
const b = getAddress("0x00000000000000000000000000000000000000b2");
const fund = "0x00000000000000000000000000000000000000f0";
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

function workRow(id: number, parents: number[] = []): Schema<"WorkSummary"> {
  return {
    work_id: id,
    content_hash: hash(id),
    metadata_uri: `ipfs://work-${id}`,
    registrant: a.toLowerCase(),
    licence_id: 1,
    version_count: 1,
    suspended: false,
    parents,
    contributors: [
      { account: a.toLowerCase(), shareBps: 7_000 },
      { account: b.toLowerCase(), shareBps: 3_000 },
    ],
    title: "Pedal grain mill",
    summary: null,
    tags: ["food"],
    machines: null,
  };
}

function proposalRow(fields: Partial<Schema<"Proposal">> = {}): Schema<"Proposal"> {
  return {
    proposal_id: "1234567890123456789012345678901234567890",
    proposer: a.toLowerCase(),
    description: "# Tools\n\nWhy",
    title: "Tools",
    vote_start: 100,
    vote_end: 200,
    actions: [],
    state: "created",
    phase: "active",
    eta: null,
    votes_for: "2",
    votes_against: "1",
    votes_abstain: "0",
    quorum: null,
    block_number: 9,
    ...fields,
  };
}

function participantRow(fields: Partial<Schema<"Participant">> = {}): Schema<"Participant"> {
  return {
    account: b.toLowerCase(),
    application: null,
    block_number: 3,
    is_protocol: false,
    kind: 1,
    kindName: "Person",
    name: null,
    place: null,
    profile_hash: null,
    profile_uri: null,
    status: 2,
    status_reason: null,
    statusName: "Admitted",
    vote: { state: "ripe", counts: true, ripensAt: null },
    vote_ripens_at: 0,
    member_since: 1,
    vouches: 0,
    window_end: 0,
    ...fields,
  };
}

describe("toWork", () => {
  it("turns a works row into ids, checksummed contributors and their shares", () => {
    const w = toWork(workRow(7, [3]));
    expect(w.id).toBe(7n);
    expect(w.parents).toEqual([3n]);
    expect(w.contributors).toEqual([a, b]);
    expect(w.shares).toEqual([7_000, 3_000]);
    expect(w.title).toBe("Pedal grain mill");
    expect(w.summary).toBeUndefined();
    expect(w.machines).toEqual([]);
  });

  it("shows a work by its latest version's content and front matter", () => {
    const { title: _t, summary: _s, tags: _g, machines: _m, ...summary } = workRow(2, [1]);
    const w = toWorkDetail({
      ...summary,
      block_number: 4,
      content: { title: "v2", summary: "s", tags: [], machines: ["laser-cutter"], cid: "bafk" },
      versions: [
        {
          version: 1,
          content_hash: hash(2),
          metadata_uri: "",
          author: a,
          block_number: 4,
          holdsContentHash: true,
        },
        {
          version: 2,
          content_hash: hash(99),
          metadata_uri: "",
          author: a,
          block_number: 8,
          holdsContentHash: true,
        },
      ],
      children: [5, 6],
      stewards: [a.toLowerCase()],
      adopters: [b.toLowerCase()],
      income: { fromChildren: [], perBps: "0", upstreamPending: "0", upstreamReceived: "0" },
      price: null,
      status_reason: null,
    });
    expect(w.contentHash).toBe(hash(99));
    expect(w.title).toBe("v2");
    expect(w.machines).toEqual(["laser-cutter"]);
    expect(w.children).toEqual([5n, 6n]);
    expect(w.adopters).toEqual([b]);
    expect(w.cid).toBe("bafk");
  });
});

describe("toParticipant", () => {
  const place = {
    name: "Fablab Dakar",
    latitudeE6: 14_716_700,
    longitudeE6: -17_467_700,
    country: "SN",
    machines: ["laser-cutter"],
  };
  it("keeps the API's name, a place's location in degrees and its delegate", () => {
    const p = toParticipant({
      ...participantRow({ kind: 3, kindName: "Place", name: "Fablab Dakar", place }),
      delegation: {
        account: b.toLowerCase(),
        block_number: 5,
        delegate: a.toLowerCase(),
        votes: "0",
      },
    });
    expect(p.account).toBe(b);
    expect(p.name).toBe("Fablab Dakar");
    expect(p.place).toMatchObject({ account: b, latitude: 14.7167, longitude: -17.4677 });
    expect(p.delegate).toBe(a);
    expect(toParticipant(participantRow()).name).toBeUndefined();
  });
  it("lists only the places among participants", () => {
    const places = placesOf([participantRow(), participantRow({ account: a, place })]);
    expect(places.map((p) => [p.account, p.name])).toEqual([[a, "Fablab Dakar"]]);
  });
});

describe("toTemplate", () => {
  it("reads terms whose integers arrive as decimal strings", () => {
    const tpl = toTemplate({
      licence_id: 2,
      name: "Reciprocity",
      legal_text_uri: "ipfs://x",
      legal_text_hash: hash(5),
      block_number: 1,
      bounds: {},
      compatibleLicences: [],
      commercial_use: 2,
      terms: {
        fee: "5000000000000000000",
        term: "31536000",
        commercialUse: 2,
        derivativesAllowed: true,
        shareAlike: true,
        attribution: false,
      },
      active: true,
    });
    expect(tpl.terms).toEqual({
      fee: 5n * 10n ** 18n,
      term: 31_536_000,
      commercialUse: 2,
      derivativesAllowed: true,
      shareAlike: true,
      attribution: false,
    });
  });
});

describe("toAction", () => {
  const base = { target: fund, value: "0", calldata: "0x12345678aa" };
  it("spells out a grant and a stream from the fund", () => {
    expect(
      toAction({
        ...base,
        contract: "CommonFund",
        call: { function: "grant", args: { 0: "0", 1: b.toLowerCase(), 2: "250", 3: "Tools" } },
      }),
    ).toEqual({ kind: "grant", subFund: 0n, recipient: b, amount: 250n, memo: "Tools" });
    expect(
      toAction({
        ...base,
        contract: "CommonFund",
        call: {
          function: "createStream",
          args: { 0: "1", 1: b.toLowerCase(), 2: "900", 3: 10, 4: "20", 5: "Rent" },
        },
      }),
    ).toEqual({
      kind: "stream",
      subFund: 1n,
      recipient: b,
      amount: 900n,
      start: 10,
      end: 20,
      memo: "Rent",
    });
  });
  it("names any other call, and an undecoded one by its selector", () => {
    expect(
      toAction({
        ...base,
        contract: "CommonsRegistry",
        call: { function: "suspend", args: { 0: a, 1: "spam" } },
      }),
    ).toEqual({ kind: "call", contract: "CommonsRegistry", fn: "suspend" });
    expect(toAction({ ...base, contract: null, call: null })).toEqual({
      kind: "call",
      contract: fund,
      fn: "0x12345678",
    });
  });
});

describe("toProposal", () => {
  it("maps the API's phase to the governor's state and keeps what queue and execute need", () => {
    const p = toProposal(
      proposalRow({
        phase: "queued",
        eta: 500,
        quorum: "3",
        actions: [
          { ...{ target: fund, value: "0", calldata: "0xab" }, contract: null, call: null },
        ],
      }),
    );
    expect(p.id).toBe(1234567890123456789012345678901234567890n);
    expect(p.state).toBe(ProposalState.Queued);
    expect(p.eta).toBe(500);
    expect(p.quorum).toBe(3n);
    expect(p.targets).toEqual([getAddress(fund)]);
    expect(p.values).toEqual([0n]);
    expect(p.calldatas).toEqual(["0xab"]);
    expect(p.votes).toEqual({ for: 2n, against: 1n, abstain: 0n });
  });
  it("leaves the state to the chain when the API only knows that voting ended", () => {
    const p = toProposal(proposalRow({ phase: "voting-ended" }));
    expect(p.state).toBeUndefined();
    expect(p.quorum).toBeUndefined();
    expect(toProposal(proposalRow({ phase: "succeeded" })).state).toBe(ProposalState.Succeeded);
    expect(toProposal(proposalRow({ phase: "defeated" })).state).toBe(ProposalState.Defeated);
  });
  it("keeps the API's title", () => {
    expect(toProposal(proposalRow()).title).toBe("Tools");
  });
});

describe("toClaimable", () => {
  it("keeps only what can be claimed now", () => {
    const c = toClaimable({
      account: a,
      works: [
        // Marked unclaimable, with nothing to claim now.
        { workId: 1, amount: "0", sweepableAt: 1_700_000_000 },
        { workId: 2, amount: "70", sweepableAt: null },
      ],
      streams: [{ streamId: 0, amount: "5", sweepableAt: null }],
      total: "75",
    });
    expect(c).toEqual({
      works: [{ workId: 2n, amount: 70n }],
      streams: [{ streamId: 0n, amount: 5n }],
      total: 75n,
    });
  });
});

describe("layoutLineage", () => {
  it("puts ancestors above and forks below the focused work", () => {
    const node = (id: bigint, parents: bigint[], children: bigint[]) => ({ id, parents, children });
    const layout = layoutLineage(
      [node(1n, [], [2n]), node(2n, [1n], [3n, 4n]), node(3n, [2n], []), node(4n, [2n], [])],
      2n,
    );
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
