/**
 * The demo commons `npm start` seeds on the local chain: who its members are, what they made and
 * which demo account a newcomer can use to try each part of SPIN. Accounts are anvil's default
 * accounts (its public test mnemonic): account 0 deploys, the members below use accounts 1..N.
 */
import { createHash } from "node:crypto";
import { HDNodeWallet } from "ethers";
import type { Founder } from "../deploy/spin.ts";

/** anvil's (and Hardhat's) public test mnemonic: never use these keys anywhere but locally. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

export type MemberKind = Founder["kind"];

export interface DemoMember {
  /** Short handle the seed and the tests use. */
  key: string;
  /** Index of the anvil default account. */
  account: number;
  name: string;
  kind: MemberKind;
  /** Who this member is in the demo story. */
  role: string;
  /** What a newcomer can try in the dApp with this account. */
  tryThis: string;
  place?: NonNullable<Founder["place"]>;
}

export const DEMO_MEMBERS = [
  {
    key: "amara",
    account: 1,
    name: "Amara Okafor",
    kind: "Person",
    role: "water engineer in Nairobi; publishes the ceramic water filter",
    tryThis: "vote on the active proposal, propose a grant from the Pooled sub-fund",
  },
  {
    key: "lucas",
    account: 2,
    name: "Lucas Ferreira",
    kind: "Person",
    role: "solar tinkerer in São Paulo; author of the solar dryer",
    tryThis: "publish a new version of the solar dryer, fork the ceramic water filter",
  },
  {
    key: "claire",
    account: 3,
    name: "Claire Dubois",
    kind: "Person",
    role: "weaver in Lyon; steward of the Open Frame Loom and its second version",
    tryThis: "claim licence earnings that climbed up from the Pune forks, vouch for Mateo",
  },
  {
    key: "priya",
    account: 4,
    name: "Priya Nair",
    kind: "Person",
    role: "designer in Pune; forked the loom in bamboo; Kenji's delegate",
    tryThis: "claim earnings from both looms, queue the succeeded proposal",
  },
  {
    key: "kenji",
    account: 5,
    name: "Kenji Sato",
    kind: "Person",
    role: "furniture maker; CNC chair and the backstrap loom kit; delegates to Priya",
    tryThis: "override Priya's vote on the active proposal, or revoke the delegation",
  },
  {
    key: "sofia",
    account: 6,
    name: "Sofia Ramírez",
    kind: "Person",
    role: "mechanic; co-author of the pedal-powered grain mill with Sol Nascente",
    tryThis: "execute the queued proposal, fork the grain mill",
  },
  {
    key: "weavers",
    account: 7,
    name: "Tisseuses du Rhône",
    kind: "Cooperative",
    role: "weavers' cooperative in Lyon; produces the Open Frame Loom (free commons use of PPL)",
    tryThis: "adopt a work, record free commons use of a PPL work",
  },
  {
    key: "solnascente",
    account: 8,
    name: "Cooperativa Sol Nascente",
    kind: "Cooperative",
    role: "food cooperative in São Paulo; co-author of the grain mill, runs solar dryers",
    tryThis: "adopt the ceramic water filter, record free commons use of the grain mill",
  },
  {
    key: "nairobi",
    account: 9,
    name: "Gearbox Fablab Nairobi",
    kind: "Place",
    role: "fablab in Nairobi; builds water filters and dryers; funded by a maintenance stream",
    tryThis: "claim the vested part of its maintenance stream",
    place: {
      name: "Gearbox Fablab Nairobi",
      latitudeE6: -1_292_066,
      longitudeE6: 36_821_946,
      country: "KE",
      machines: ["laser cutter", "CNC router", "3D printer", "kiln"],
    },
  },
  {
    key: "saopaulo",
    account: 10,
    name: "Garagem Makerspace São Paulo",
    kind: "Place",
    role: "makerspace in São Paulo; produces the grain mill; asks for a CNC router grant",
    tryThis: "update its machines, adopt the One-Sheet CNC Chair",
    place: {
      name: "Garagem Makerspace São Paulo",
      latitudeE6: -23_550_520,
      longitudeE6: -46_633_308,
      country: "BR",
      machines: ["laser cutter", "3D printer", "welder", "lathe"],
    },
  },
  {
    key: "lyon",
    account: 11,
    name: "L'Atelier Partagé Lyon",
    kind: "Place",
    role: "shared workshop in Lyon; produces the loom and the CNC chair",
    tryThis: "adopt the Backstrap Loom Kit",
    place: {
      name: "L'Atelier Partagé Lyon",
      latitudeE6: 45_764_043,
      longitudeE6: 4_835_659,
      country: "FR",
      machines: ["CNC router", "laser cutter", "loom", "3D printer"],
    },
  },
  {
    key: "pune",
    account: 12,
    name: "Kaarkhana Pune",
    kind: "Place",
    role: "third place in Pune; produces the bamboo loom",
    tryThis: "withdraw or declare an adoption",
    place: {
      name: "Kaarkhana Pune",
      latitudeE6: 18_520_430,
      longitudeE6: 73_856_744,
      country: "IN",
      machines: ["laser cutter", "drill press", "loom"],
    },
  },
  {
    key: "loomworks",
    account: 13,
    name: "Loomworks Ltd",
    kind: "Enterprise",
    role: "for-profit loom maker; bought a commercial licence for the Backstrap Loom Kit",
    tryThis: "buy a commercial licence for another PPL or CopyFair work; check its licence",
  },
  {
    key: "sunharvest",
    account: 14,
    name: "SunHarvest Foods GmbH",
    kind: "Enterprise",
    role: "food processor; its sponsorship request was defeated; holds no licence yet",
    tryThis: "check whether it may use the grain mill commercially (not yet), then buy a licence",
  },
] as const satisfies readonly DemoMember[];

/** Applies during the seed and gets 1 of the 3 vouches it needs: still pending. */
export const DEMO_APPLICANT = {
  key: "mateo",
  account: 15,
  name: "Mateo Quispe",
  kind: "Person",
  role: "textile student in Cusco; signed an application Amara relayed and vouched for (1 of 3)",
  tryThis:
    "vouch for Mateo from two more Persons; after the 14-day window in which governance may reject it, complete his admission; his vote ripens 14 days later",
} as const satisfies DemoMember;

export type MemberKey = (typeof DEMO_MEMBERS)[number]["key"];

/** One demo work: a bundle folder under scripts/seed/bundles and how it is registered. */
export interface DemoWork {
  key: string;
  /** Folder under scripts/seed/bundles. */
  bundle: string;
  licence: "PPL" | "CC BY-SA" | "CC0" | "CopyFair";
  /** Registrant first; it is also the first steward. */
  contributors: { member: MemberKey; shareBps: number }[];
  /** Keys of the works it forks. */
  parents: string[];
  /** Bundles of later versions, oldest first. */
  versions: string[];
  adopters: MemberKey[];
}

export const DEMO_WORKS = [
  {
    key: "openLoom",
    bundle: "open-loom",
    licence: "PPL",
    contributors: [
      { member: "claire", shareBps: 6_000 },
      { member: "amara", shareBps: 4_000 },
    ],
    parents: [],
    versions: ["open-loom-v2"],
    adopters: ["weavers", "lyon"],
  },
  {
    key: "puneLoom",
    bundle: "pune-loom",
    licence: "PPL",
    contributors: [{ member: "priya", shareBps: 10_000 }],
    parents: ["openLoom"],
    versions: [],
    adopters: ["pune"],
  },
  {
    key: "backstrapLoom",
    bundle: "backstrap-loom",
    licence: "PPL",
    contributors: [
      { member: "kenji", shareBps: 7_000 },
      { member: "priya", shareBps: 3_000 },
    ],
    parents: ["puneLoom"],
    versions: [],
    adopters: [],
  },
  {
    key: "solarDryer",
    bundle: "solar-dryer",
    licence: "CC BY-SA",
    contributors: [{ member: "lucas", shareBps: 10_000 }],
    parents: [],
    versions: [],
    adopters: ["nairobi", "solnascente"],
  },
  {
    key: "grainMill",
    bundle: "pedal-grain-mill",
    licence: "CopyFair",
    contributors: [
      { member: "sofia", shareBps: 5_000 },
      { member: "solnascente", shareBps: 5_000 },
    ],
    parents: [],
    versions: [],
    adopters: ["saopaulo"],
  },
  {
    key: "cncChair",
    bundle: "cnc-chair",
    licence: "CC0",
    contributors: [{ member: "kenji", shareBps: 10_000 }],
    parents: [],
    versions: [],
    adopters: ["lyon"],
  },
  {
    key: "waterFilter",
    bundle: "ceramic-water-filter",
    licence: "CC BY-SA",
    contributors: [{ member: "amara", shareBps: 10_000 }],
    parents: [],
    versions: [],
    adopters: ["nairobi"],
  },
] as const satisfies readonly DemoWork[];

export type WorkKey = (typeof DEMO_WORKS)[number]["key"];

/** The shipped licence (licences/index.json slug) behind each demo label. */
export const LICENCE_SLUGS = {
  PPL: "ppl-1.0",
  "CC BY-SA": "cc-by-sa-4.0",
  CC0: "cc0-1.0",
  CopyFair: "copyfair-1.0",
} as const;

/** The address of anvil default account `index`. */
export function anvilAccount(index: number): HDNodeWallet {
  return HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
}

/** A member's profile document: a JSON data URI, so the dApp can show it without a server. */
export function profileOf(member: DemoMember): { profileURI: string; profileHash: string } {
  const document = JSON.stringify({ name: member.name, kind: member.kind, about: member.role });
  const bytes = Buffer.from(document, "utf8");
  return {
    profileURI: `data:application/json;base64,${bytes.toString("base64")}`,
    profileHash: `0x${createHash("sha256").update(bytes).digest("hex")}`,
  };
}

/** The founding members deploySpin admits, in account order. */
export function demoFounders(): Founder[] {
  return DEMO_MEMBERS.map((member: DemoMember) => ({
    account: anvilAccount(member.account).address,
    kind: member.kind,
    ...profileOf(member),
    ...(member.place ? { place: member.place } : {}),
  }));
}

export interface DemoAccount {
  name: string;
  kind: MemberKind;
  /** "member" once admitted at deployment, "applicant" for the pending application. */
  status: "member" | "applicant";
  address: string;
  /** anvil's public test key, to import into a wallet on the local chain only. */
  privateKey: string;
  role: string;
  tryThis: string;
}

/** Every demo account with its role and what to try with it, for `npm start` to print. */
export function demoAccounts(): DemoAccount[] {
  const entry = (member: DemoMember, status: DemoAccount["status"]): DemoAccount => {
    const wallet = anvilAccount(member.account);
    return {
      name: member.name,
      kind: member.kind,
      status,
      address: wallet.address,
      privateKey: wallet.privateKey,
      role: member.role,
      tryThis: member.tryThis,
    };
  };
  return [
    ...DEMO_MEMBERS.map((member: DemoMember) => entry(member, "member")),
    entry(DEMO_APPLICANT, "applicant"),
  ];
}

/** The demo accounts as plain text lines: one block per account. */
export function formatDemoAccounts(accounts: DemoAccount[] = demoAccounts()): string {
  return accounts
    .map((a) =>
      [
        `${a.name} (${a.kind}${a.status === "applicant" ? ", applicant" : ""})`,
        `  address     ${a.address}`,
        `  private key ${a.privateKey}`,
        `  who         ${a.role}`,
        `  try         ${a.tryThis}`,
      ].join("\n"),
    )
    .join("\n");
}
