/**
 * The licence templates SPIN ships (licences/index.json), as LicenceTemplates.addTemplate
 * arguments. The deployment and the tests install them from here.
 */
import { readFileSync } from "node:fs";

export const CommercialUse = { Forbidden: 0, Free: 1, CommonsFree: 2 } as const;

export interface ShippedLicence {
  id: number;
  slug: string;
  name: string;
  file: string;
  text: "summary" | "full";
  uri: string;
  sha256: string;
  terms: {
    commercialUse: keyof typeof CommercialUse;
    derivativesAllowed: boolean;
    shareAlike: boolean;
    attribution: boolean;
    fee: string;
    term: number;
    minFee: string;
    maxFee: string;
    contributorsBps: number;
    upstreamBps: number;
    fundA: number;
    fundABps: number;
    fundB: number;
    fundBBps: number;
  };
}

export function shippedLicences(): ShippedLicence[] {
  const url = new URL("../../licences/index.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { licences: ShippedLicence[] }).licences;
}

/** The on-chain Terms struct of a shipped licence. */
export function termsOf(licence: ShippedLicence) {
  const t = licence.terms;
  return {
    fee: BigInt(t.fee),
    term: t.term,
    contributorsBps: t.contributorsBps,
    upstreamBps: t.upstreamBps,
    fundABps: t.fundABps,
    fundA: t.fundA,
    fundBBps: t.fundBBps,
    fundB: t.fundB,
    commercialUse: CommercialUse[t.commercialUse],
    derivativesAllowed: t.derivativesAllowed,
    shareAlike: t.shareAlike,
    attribution: t.attribution,
  };
}

/** The on-chain FeeBounds struct of a shipped licence. */
export function boundsOf(licence: ShippedLicence) {
  return { minFee: BigInt(licence.terms.minFee), maxFee: BigInt(licence.terms.maxFee) };
}
