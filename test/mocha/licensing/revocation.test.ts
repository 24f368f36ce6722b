/**
 * Issue 11, item 6, as the revoked licensee tries it: an Enterprise that paid the next term
 * ahead kept using the work after its licence was revoked, and a commoner whose record was
 * revoked recorded use again at once.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { CC0, PPL, Reason, buy, deploySpin, registerWork, type Spin } from "../works/fixture.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const YEAR = 365n * 86_400n;

async function fixture() {
  const spin = await deploySpin(connection);
  const ppl = await registerWork(spin, spin.alice, { licenceId: PPL });
  const cc0 = await registerWork(spin, spin.alice, { licenceId: CC0 });
  return { spin, ppl, cc0 };
}

describe("revocation revokes (issue 11, item 6)", () => {
  let spin: Spin;
  let ppl: bigint;
  let cc0: bigint;
  beforeEach(async () => {
    ({ spin, ppl, cc0 } = await networkHelpers.loadFixture(fixture));
  });

  it("voids the term an Enterprise paid ahead, and refuses its next purchase until lifted", async () => {
    const { licensing, firm } = spin;
    await buy(spin, firm, ppl); // record 1: this year
    await networkHelpers.time.increase(YEAR / 2n);
    await buy(spin, firm, ppl); // record 2: next year, paid ahead
    await expect(licensing.revoke(1n, "fraud"))
      .to.emit(licensing, "LicenceRevoked")
      .withArgs(1n, ppl, firm.address, "fraud")
      .and.to.emit(licensing, "LicenceRevoked")
      .withArgs(2n, ppl, firm.address, "fraud");
    await networkHelpers.time.increase(YEAR); // in the term it paid ahead
    expect(await licensing.licenceStatus(ppl, firm.address)).to.deep.equal([
      false,
      BigInt(Reason.Revoked),
      BigInt(PPL),
      2n,
      0n,
    ]);
    expect((await licensing.recordOf(2n)).revoked).to.equal(true);
    await expect(buy(spin, firm, ppl))
      .to.be.revertedWithCustomError(licensing, "LicensingRevoked")
      .withArgs(ppl, firm.address, 2n);
    await licensing.liftRevocation(ppl, firm.address, "fine paid");
    expect((await licensing.licenceStatus(ppl, firm.address)).reason).to.equal(
      BigInt(Reason.NoLicence),
    );
    await buy(spin, firm, ppl);
    expect((await licensing.licenceStatus(ppl, firm.address)).reason).to.equal(
      BigInt(Reason.PaidLicence),
    );
  });

  it("voids every term still running or paid ahead, whichever record governance names", async () => {
    const { licensing, firm } = spin;
    await buy(spin, firm, ppl); // record 1, expired by the time of the revocation
    await networkHelpers.time.increase(YEAR + 1n);
    for (let i = 0; i < 3; i++) await buy(spin, firm, ppl); // records 2 (running), 3 and 4 (ahead)
    await expect(licensing.revoke(3n, "fraud"))
      .to.emit(licensing, "LicenceRevoked")
      .withArgs(4n, ppl, firm.address, "fraud")
      .and.to.emit(licensing, "LicenceRevoked")
      .withArgs(2n, ppl, firm.address, "fraud");
    for (const id of [2n, 3n, 4n]) expect((await licensing.recordOf(id)).revoked).to.equal(true);
    expect((await licensing.recordOf(1n)).revoked, "a term that had ended stays valid").to.equal(
      false,
    );
    expect((await licensing.licenceStatus(ppl, firm.address)).allowed).to.equal(false);
  });

  it("refuses a revoked commoner's new record of use until lifted, under PPL and open licences", async () => {
    const { licensing, coop, firm2 } = spin;
    for (const [work, user] of [
      [ppl, coop],
      [cc0, firm2],
    ] as const) {
      await licensing.connect(user).recordCommonsUse(work);
      const recordId = (await licensing.licenceStatus(work, user.address)).recordId;
      await licensing.revoke(recordId, "misuse");
      expect((await licensing.licenceStatus(work, user.address)).reason).to.equal(
        BigInt(Reason.Revoked),
      );
      await expect(licensing.connect(user).recordCommonsUse(work))
        .to.be.revertedWithCustomError(licensing, "LicensingRevoked")
        .withArgs(work, user.address, recordId);
      await licensing.liftRevocation(work, user.address, "settled");
      expect((await licensing.licenceStatus(work, user.address)).allowed).to.equal(true);
      await expect(licensing.connect(user).recordCommonsUse(work)).to.emit(
        licensing,
        "CommonsUseRecorded",
      );
    }
  });

  it("refuses to lift a revocation that is not there", async () => {
    const { licensing, firm } = spin;
    await expect(licensing.liftRevocation(ppl, firm.address, "nothing"))
      .to.be.revertedWithCustomError(licensing, "LicensingNotRevoked")
      .withArgs(ppl, firm.address);
    await buy(spin, firm, ppl);
    await expect(licensing.liftRevocation(ppl, firm.address, "nothing"))
      .to.be.revertedWithCustomError(licensing, "LicensingNotRevoked")
      .withArgs(ppl, firm.address);
  });

  it("blocks the licensee again when governance revokes a record older than a lift", async () => {
    const { licensing, firm } = spin;
    await buy(spin, firm, ppl);
    await networkHelpers.time.increase(2n * YEAR);
    await buy(spin, firm, ppl); // record 2, record 1 long expired
    await licensing.revoke(2n, "fraud");
    await licensing.liftRevocation(ppl, firm.address, "settled");
    await licensing.revoke(1n, "older fraud found");
    await expect(buy(spin, firm, ppl))
      .to.be.revertedWithCustomError(licensing, "LicensingRevoked")
      .withArgs(ppl, firm.address, 1n);
  });

  it("refuses more than MAX_TERMS_AHEAD terms paid ahead", async () => {
    const { licensing, firm } = spin;
    const max = await licensing.MAX_TERMS_AHEAD();
    for (let i = 0n; i <= max; i++) await buy(spin, firm, ppl);
    const paidUntil = (await licensing.recordOf(max + 1n)).expiry;
    await expect(buy(spin, firm, ppl))
      .to.be.revertedWithCustomError(licensing, "LicensingPaidAhead")
      .withArgs(ppl, paidUntil, paidUntil - max * YEAR);
  });

  it("reports validUntil only when a paid term decides, and the latest record whatever the reason", async () => {
    const { licensing, works, commons, firm, firm2, coop, alice } = spin;
    await buy(spin, firm, ppl);
    const expiry = (await licensing.recordOf(1n)).expiry;
    await licensing.connect(coop).recordCommonsUse(ppl);
    const status = async (work: bigint, who: { address: string }) => {
      const s = await licensing.licenceStatus(work, who.address);
      return [s.reason, s.recordId, s.validUntil];
    };
    expect(await status(ppl, firm)).to.deep.equal([BigInt(Reason.PaidLicence), 1n, expiry]);
    expect(await status(ppl, coop)).to.deep.equal([BigInt(Reason.CommonsUse), 2n, 0n]);
    expect(await status(ppl, alice)).to.deep.equal([BigInt(Reason.CommonsUse), 0n, 0n]);
    expect(await status(ppl, firm2)).to.deep.equal([BigInt(Reason.NoLicence), 0n, 0n]);
    expect(await status(cc0, firm)).to.deep.equal([BigInt(Reason.OpenLicence), 0n, 0n]);
    await commons.suspend(firm.address, "review");
    expect(await status(ppl, firm)).to.deep.equal([BigInt(Reason.NotMember), 1n, 0n]);
    await commons.reinstate(firm.address, "ok");
    await works.suspend(ppl, "dispute");
    expect(await status(ppl, firm)).to.deep.equal([BigInt(Reason.SuspendedWork), 1n, 0n]);
    await works.reinstate(ppl, "ok");
    await networkHelpers.time.increaseTo(expiry);
    expect(await status(ppl, firm)).to.deep.equal([BigInt(Reason.Expired), 1n, expiry]);
    await licensing.revoke(1n, "fraud");
    expect(await status(ppl, firm)).to.deep.equal([BigInt(Reason.Revoked), 1n, 0n]);
  });
});
