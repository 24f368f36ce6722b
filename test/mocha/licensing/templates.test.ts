import { expect } from "chai";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { network } from "hardhat";
import { CC0, CommercialUse, PPL, boundsOf, deploySpin, shippedLicences, termsOf, type Spin } from "../works/fixture.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySpin(connection);

describe("licence texts", () => {
  it("ships the four licences with hashes that match their files", () => {
    const licences = shippedLicences();
    expect(licences.map((l) => l.slug)).to.deep.equal(["ppl-1.0", "cc-by-sa-4.0", "cc0-1.0", "copyfair-1.0"]);
    for (const licence of licences) {
      const bytes = readFileSync(new URL(`../../../licences/${licence.file}`, import.meta.url));
      expect(`0x${createHash("sha256").update(bytes).digest("hex")}`, licence.file).to.equal(licence.sha256);
    }
  });

  it("labels every summary as a summary and points to the canonical text", () => {
    for (const licence of shippedLicences()) {
      const text = readFileSync(new URL(`../../../licences/${licence.file}`, import.meta.url), "utf8");
      expect(text).to.include(licence.uri);
      if (licence.text === "summary") expect(text).to.include("is a summary");
    }
  });
});

describe("LicenceTemplates", () => {
  let spin: Spin;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
  });

  const base = () => ({ ...termsOf(shippedLicences()[0]) });
  const bounds = () => boundsOf(shippedLicences()[0]);

  it("stores the shipped templates with their legal texts and terms", async () => {
    const { templates } = spin;
    expect(await templates.templateCount()).to.equal(4n);
    const ppl = shippedLicences()[0];
    expect(await templates.legalTextOf(PPL)).to.deep.equal([ppl.name, ppl.sha256, ppl.uri]);
    const terms = await templates.termsOf(PPL);
    expect(terms.commercialUse).to.equal(BigInt(CommercialUse.CommonsFree));
    expect(terms.fee).to.equal(BigInt(ppl.terms.fee));
    expect(terms.shareAlike).to.equal(true);
    expect(await templates.feeBoundsOf(PPL)).to.deep.equal([BigInt(ppl.terms.minFee), BigInt(ppl.terms.maxFee)]);
    expect(await templates.isActive(CC0)).to.equal(true);
  });

  it("emits the whole template when one is added", async () => {
    const { templates, ethers } = spin;
    await expect(templates.addTemplate("X", ethers.ZeroHash, "uri", base(), bounds()))
      .to.emit(templates, "TemplateAdded")
      .and.to.emit(templates, "TemplateActiveSet")
      .withArgs(5n, true);
  });

  it("refuses invalid templates", async () => {
    const { templates, ethers } = spin;
    const add = (terms: ReturnType<typeof base>, b = bounds(), name = "X") =>
      templates.addTemplate(name, ethers.ZeroHash, "uri", terms, b);
    await expect(add(base(), bounds(), "")).to.be.revertedWithCustomError(templates, "LicenceTemplatesEmptyName");
    await expect(add({ ...base(), contributorsBps: 6_001 }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesSplitNotWhole")
      .withArgs(10_001n);
    await expect(add({ ...base(), fundA: 4 }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesUnknownSubFund")
      .withArgs(4n);
    await expect(add({ ...base(), fundB: 9 }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesUnknownSubFund")
      .withArgs(9n);
    await expect(add({ ...base(), term: 0 }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesPaidTerms")
      .withArgs(base().fee, 0n);
    await expect(add({ ...base(), fee: 0n }, { minFee: 0n, maxFee: 0n }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesPaidTerms")
      .withArgs(0n, base().term);
    await expect(add(base(), { minFee: base().fee + 1n, maxFee: base().fee * 2n }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesFeeBounds")
      .withArgs(base().fee + 1n, base().fee, base().fee * 2n);
    await expect(add(base(), { minFee: 0n, maxFee: base().fee - 1n }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesFeeBounds")
      .withArgs(0n, base().fee, base().fee - 1n);
    const free = { ...base(), commercialUse: CommercialUse.Free };
    await expect(add(free, { minFee: 0n, maxFee: 0n }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesFeeWithoutPayers")
      .withArgs(CommercialUse.Free, base().fee);
    await expect(add({ ...free, fee: 0n }, { minFee: 0n, maxFee: 1n }))
      .to.be.revertedWithCustomError(templates, "LicenceTemplatesFeeWithoutPayers")
      .withArgs(CommercialUse.Free, 0n);
    const unbounded = await add(base(), { minFee: 0n, maxFee: 0n });
    await expect(unbounded).to.emit(templates, "TemplateAdded");
  });

  it("lets only governance add, retire and declare compatibility", async () => {
    const { templates, alice, ethers } = spin;
    await expect(templates.connect(alice).addTemplate("X", ethers.ZeroHash, "", base(), bounds()))
      .to.be.revertedWithCustomError(templates, "AccessControlUnauthorizedAccount");
    await expect(templates.connect(alice).setActive(PPL, false))
      .to.be.revertedWithCustomError(templates, "AccessControlUnauthorizedAccount");
    await expect(templates.connect(alice).setCompatible(PPL, CC0, true))
      .to.be.revertedWithCustomError(templates, "AccessControlUnauthorizedAccount");
    await expect(templates.setActive(PPL, false)).to.emit(templates, "TemplateActiveSet").withArgs(PPL, false);
    expect(await templates.isActive(PPL)).to.equal(false);
    await expect(templates.setCompatible(PPL, CC0, true))
      .to.emit(templates, "CompatibilitySet")
      .withArgs(PPL, CC0, true);
    expect(await templates.forkRule(PPL, CC0)).to.deep.equal([true, true]);
  });

  it("refuses unknown template ids", async () => {
    const { templates } = spin;
    const calls = [
      () => templates.setActive(0, true),
      () => templates.setCompatible(9, PPL, true),
      () => templates.setCompatible(PPL, 9, true),
      () => templates.termsOf(9),
      () => templates.feeBoundsOf(9),
      () => templates.legalTextOf(9),
      () => templates.forkRule(9, PPL),
    ];
    for (const call of calls) {
      await expect(call()).to.be.revertedWithCustomError(templates, "LicenceTemplatesUnknown");
    }
  });
});
