import { expect } from "chai";
import { network } from "hardhat";
import {
  CC0,
  CC_BY_SA,
  COPYFAIR,
  PPL,
  deploySpin,
  freshHash,
  registerWork,
  registration,
  commitAndRegister,
  commitAndAddVersion,
  type Spin,
} from "./fixture.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySpin(connection);

describe("WorksRegistry: registration", () => {
  let spin: Spin;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
  });

  it("registers a work with its hash, licence, stewards, contributors and shares", async () => {
    const { works, alice, bob } = spin;
    const r = registration(spin, alice.address, {
      stewards: [alice.address],
      contributors: [alice.address, bob.address],
      shares: [6_000, 4_000],
    });
    await expect(commitAndRegister(spin, alice, r))
      .to.emit(works, "WorkRegistered")
      .withArgs(
        1n,
        r.contentHash,
        alice.address,
        PPL,
        r.metadataURI,
        r.stewards,
        r.contributors,
        r.shares,
        [],
      );
    const work = await works.workOf(1n);
    expect(work.licenceId).to.equal(PPL);
    expect(work.versionCount).to.equal(1n);
    expect(work.parentCount).to.equal(0n);
    expect(work.suspended).to.equal(false);
    expect(await works.shareOf(1n, alice.address)).to.equal(6_000n);
    expect(await works.shareOf(1n, bob.address)).to.equal(4_000n);
    expect(await works.isSteward(1n, alice.address)).to.equal(true);
    expect(await works.isSteward(1n, bob.address)).to.equal(false);
    expect(await works.workOfHash(r.contentHash)).to.deep.equal([1n, 1n]);
    expect(await works.workCount()).to.equal(1n);
  });

  it("refuses a content hash that exists, naming the existing work", async () => {
    const { works, alice, bob } = spin;
    const hash = freshHash(spin.ethers);
    await registerWork(spin, alice, { contentHash: hash });
    await expect(
      commitAndRegister(spin, bob, registration(spin, bob.address, { contentHash: hash })),
    )
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(hash, 1n);
  });

  it("refuses the zero content hash", async () => {
    const { works, alice, ethers } = spin;
    await expect(
      commitAndRegister(
        spin,
        alice,
        registration(spin, alice.address, { contentHash: ethers.ZeroHash }),
      ),
    ).to.be.revertedWithCustomError(works, "WorksZeroContentHash");
  });

  it("refuses shares that do not sum to 10,000", async () => {
    const { works, alice, bob } = spin;
    const r = registration(spin, alice.address, {
      contributors: [alice.address, bob.address],
      shares: [6_000, 3_999],
    });
    await expect(commitAndRegister(spin, alice, r))
      .to.be.revertedWithCustomError(works, "WorksSharesNotWhole")
      .withArgs(9_999n);
  });

  it("refuses mismatched contributor and share lists", async () => {
    const { works, alice } = spin;
    const r = registration(spin, alice.address, { shares: [5_000, 5_000] });
    await expect(commitAndRegister(spin, alice, r))
      .to.be.revertedWithCustomError(works, "WorksLengthMismatch")
      .withArgs(1n, 2n);
  });

  it("refuses zero, zero-share and repeated contributors", async () => {
    const { works, alice, ethers } = spin;
    const zero = registration(spin, alice.address, { contributors: [ethers.ZeroAddress] });
    await expect(commitAndRegister(spin, alice, zero))
      .to.be.revertedWithCustomError(works, "WorksInvalidContributor")
      .withArgs(ethers.ZeroAddress, 10_000n);
    const zeroShare = registration(spin, alice.address, {
      contributors: [alice.address, spin.bob.address],
      shares: [10_000, 0],
    });
    await expect(commitAndRegister(spin, alice, zeroShare))
      .to.be.revertedWithCustomError(works, "WorksInvalidContributor")
      .withArgs(spin.bob.address, 0n);
    const repeated = registration(spin, alice.address, {
      contributors: [alice.address, alice.address],
      shares: [5_000, 5_000],
    });
    await expect(commitAndRegister(spin, alice, repeated))
      .to.be.revertedWithCustomError(works, "WorksInvalidContributor")
      .withArgs(alice.address, 5_000n);
  });

  it("refuses no contributors and more than 32", async () => {
    const { works, alice, ethers } = spin;
    const none = registration(spin, alice.address, { contributors: [], shares: [] });
    await expect(commitAndRegister(spin, alice, none))
      .to.be.revertedWithCustomError(works, "WorksContributorCount")
      .withArgs(0n, 32n);
    const many = Array.from({ length: 33 }, () => ethers.Wallet.createRandom().address);
    const tooMany = registration(spin, alice.address, {
      contributors: many,
      shares: many.map(() => 1),
    });
    await expect(commitAndRegister(spin, alice, tooMany))
      .to.be.revertedWithCustomError(works, "WorksContributorCount")
      .withArgs(33n, 32n);
  });

  it("refuses no stewards, more than 8, and zero or repeated stewards", async () => {
    const { works, alice, ethers } = spin;
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { stewards: [] })),
    )
      .to.be.revertedWithCustomError(works, "WorksStewardCount")
      .withArgs(0n, 8n);
    const nine = Array.from({ length: 9 }, () => ethers.Wallet.createRandom().address);
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { stewards: nine })),
    )
      .to.be.revertedWithCustomError(works, "WorksStewardCount")
      .withArgs(9n, 8n);
    await expect(
      commitAndRegister(
        spin,
        alice,
        registration(spin, alice.address, { stewards: [ethers.ZeroAddress] }),
      ),
    )
      .to.be.revertedWithCustomError(works, "WorksInvalidSteward")
      .withArgs(ethers.ZeroAddress);
    await expect(
      commitAndRegister(
        spin,
        alice,
        registration(spin, alice.address, { stewards: [alice.address, alice.address] }),
      ),
    )
      .to.be.revertedWithCustomError(works, "WorksInvalidSteward")
      .withArgs(alice.address);
  });

  it("refuses non-members, suspended members and protocol accounts as registrants", async () => {
    const { works, commons, stranger, alice, admin } = spin;
    await expect(commitAndRegister(spin, stranger, registration(spin, stranger.address)))
      .to.be.revertedWithCustomError(works, "WorksNotParticipant")
      .withArgs(stranger.address);
    await commons.suspend(alice.address, "review");
    await expect(commitAndRegister(spin, alice, registration(spin, alice.address)))
      .to.be.revertedWithCustomError(works, "WorksNotParticipant")
      .withArgs(alice.address);
    await commons.setProtocolAccount(admin.address, true);
    await expect(commitAndRegister(spin, admin, registration(spin, admin.address)))
      .to.be.revertedWithCustomError(works, "WorksNotParticipant")
      .withArgs(admin.address);
  });

  it("refuses an unknown or retired licence template", async () => {
    const { works, templates, alice } = spin;
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { licenceId: 99 })),
    )
      .to.be.revertedWithCustomError(works, "WorksLicenceNotActive")
      .withArgs(99n);
    await templates.setActive(COPYFAIR, false);
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { licenceId: COPYFAIR })),
    )
      .to.be.revertedWithCustomError(works, "WorksLicenceNotActive")
      .withArgs(COPYFAIR);
  });
});

describe("WorksRegistry: forks and lineage", () => {
  let spin: Spin;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
  });

  it("registers a fork with its parents", async () => {
    const { works, alice, bob } = spin;
    const a = await registerWork(spin, alice, { licenceId: CC0 });
    const b = await registerWork(spin, alice, { licenceId: PPL });
    const fork = await registerWork(spin, bob, { licenceId: PPL, parents: [a, b] });
    expect(await works.parentsOf(fork)).to.deep.equal([a, b]);
    expect((await works.workOf(fork)).parentCount).to.equal(2n);
  });

  it("accepts up to 16 parents and refuses 17", async () => {
    const { works, alice } = spin;
    const ids: bigint[] = [];
    for (let i = 0; i < 17; i++) ids.push(await registerWork(spin, alice, { licenceId: CC0 }));
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { parents: ids })),
    )
      .to.be.revertedWithCustomError(works, "WorksTooManyParents")
      .withArgs(17n, 16n);
    const fork = await registerWork(spin, alice, { parents: ids.slice(0, 16) });
    expect(await works.parentsOf(fork)).to.deep.equal(ids.slice(0, 16));
  });

  it("binds a fork of a share-alike work to a compatible licence", async () => {
    const { works, templates, alice, bob } = spin;
    const sa = await registerWork(spin, alice, { licenceId: CC_BY_SA });
    await expect(
      commitAndRegister(
        spin,
        bob,
        registration(spin, bob.address, { licenceId: PPL, parents: [sa] }),
      ),
    )
      .to.be.revertedWithCustomError(works, "WorksIncompatibleLicence")
      .withArgs(sa, CC_BY_SA, PPL);
    const same = await registerWork(spin, bob, { licenceId: CC_BY_SA, parents: [sa] });
    expect(await works.parentsOf(same)).to.deep.equal([sa]);
    await templates.setCompatible(CC_BY_SA, COPYFAIR, true);
    const compatible = await registerWork(spin, bob, { licenceId: COPYFAIR, parents: [sa] });
    expect((await works.workOf(compatible)).licenceId).to.equal(COPYFAIR);
  });

  it("lets a fork of a work without share-alike choose any licence", async () => {
    const { works, alice, bob } = spin;
    const cc0 = await registerWork(spin, alice, { licenceId: CC0 });
    const fork = await registerWork(spin, bob, { licenceId: PPL, parents: [cc0] });
    expect((await works.workOf(fork)).licenceId).to.equal(PPL);
  });

  it("refuses to fork a work whose licence forbids derivatives", async () => {
    const { works, templates, alice, bob } = spin;
    const terms = {
      fee: 0n,
      term: 0,
      contributorsBps: 10_000,
      upstreamBps: 0,
      fundABps: 0,
      fundA: 0,
      fundBBps: 0,
      fundB: 0,
      commercialUse: 0,
      derivativesAllowed: false,
      shareAlike: false,
      attribution: true,
    };
    await templates.addTemplate(
      "CC BY-NC-ND 4.0",
      spin.ethers.ZeroHash,
      "https://creativecommons.org/licenses/by-nc-nd/4.0/",
      terms,
      { minFee: 0n, maxFee: 0n },
    );
    const nd = await registerWork(spin, alice, { licenceId: 5 });
    await expect(
      commitAndRegister(
        spin,
        bob,
        registration(spin, bob.address, { licenceId: 5, parents: [nd] }),
      ),
    )
      .to.be.revertedWithCustomError(works, "WorksDerivativesForbidden")
      .withArgs(nd, 5n);
  });

  it("refuses unknown, future, repeated and suspended parents", async () => {
    const { works, alice } = spin;
    const a = await registerWork(spin, alice, { licenceId: CC0 });
    for (const parent of [0n, 5n]) {
      await expect(
        commitAndRegister(spin, alice, registration(spin, alice.address, { parents: [parent] })),
      )
        .to.be.revertedWithCustomError(works, "WorksUnknownWork")
        .withArgs(parent);
    }
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { parents: [a, a] })),
    )
      .to.be.revertedWithCustomError(works, "WorksDuplicateParent")
      .withArgs(a);
    await works.suspend(a, "plagiarism");
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { parents: [a] })),
    )
      .to.be.revertedWithCustomError(works, "WorksParentSuspended")
      .withArgs(a);
  });
});

describe("WorksRegistry: versions and stewards", () => {
  let spin: Spin;
  let id: bigint;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
    id = await registerWork(spin, spin.alice);
  });

  it("appends versions and keeps the history", async () => {
    const { works, alice } = spin;
    const first = (await works.queryFilter(works.filters.WorkRegistered(id)))[0].args.contentHash;
    const second = freshHash(spin.ethers);
    await expect(commitAndAddVersion(spin, alice, id, second, "ipfs://v2"))
      .to.emit(works, "VersionAdded")
      .withArgs(id, second, 2n, "ipfs://v2", alice.address);
    expect(await works.workOfHash(first)).to.deep.equal([id, 1n]);
    expect(await works.workOfHash(second)).to.deep.equal([id, 2n]);
    expect((await works.workOf(id)).versionCount).to.equal(2n);
  });

  it("keeps content hashes unique across works and versions", async () => {
    const { works, alice } = spin;
    const other = await registerWork(spin, alice);
    const otherHash = (await works.queryFilter(works.filters.WorkRegistered(other)))[0].args
      .contentHash;
    await expect(commitAndAddVersion(spin, alice, id, otherHash, ""))
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(otherHash, other);
    const v2 = freshHash(spin.ethers);
    await commitAndAddVersion(spin, alice, id, v2, "");
    await expect(
      commitAndRegister(spin, alice, registration(spin, alice.address, { contentHash: v2 })),
    )
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(v2, id);
  });

  it("refuses versions from non-stewards, suspended stewards, and on unknown or suspended works", async () => {
    const { works, commons, alice, bob } = spin;
    await expect(commitAndAddVersion(spin, bob, id, freshHash(spin.ethers), ""))
      .to.be.revertedWithCustomError(works, "WorksNotSteward")
      .withArgs(id, bob.address);
    await expect(commitAndAddVersion(spin, alice, 9n, freshHash(spin.ethers), ""))
      .to.be.revertedWithCustomError(works, "WorksUnknownWork")
      .withArgs(9n);
    await commons.suspend(alice.address, "review");
    await expect(commitAndAddVersion(spin, alice, id, freshHash(spin.ethers), ""))
      .to.be.revertedWithCustomError(works, "WorksNotParticipant")
      .withArgs(alice.address);
    await commons.reinstate(alice.address, "ok");
    await works.suspend(id, "plagiarism");
    await expect(commitAndAddVersion(spin, alice, id, freshHash(spin.ethers), ""))
      .to.be.revertedWithCustomError(works, "WorksSuspended")
      .withArgs(id);
  });

  it("adds and removes stewards but never the last one", async () => {
    const { works, alice, bob } = spin;
    await expect(works.connect(alice).setSteward(id, bob.address, true))
      .to.emit(works, "StewardSet")
      .withArgs(id, bob.address, true, alice.address);
    expect(await works.isSteward(id, bob.address)).to.equal(true);
    await works.connect(bob).setSteward(id, bob.address, true); // no change, still emits
    expect((await works.workOf(id)).stewardCount).to.equal(2n);
    await works.connect(bob).setSteward(id, alice.address, false);
    expect(await works.isSteward(id, alice.address)).to.equal(false);
    await expect(works.connect(bob).setSteward(id, bob.address, false))
      .to.be.revertedWithCustomError(works, "WorksLastSteward")
      .withArgs(id, bob.address);
    await expect(works.connect(alice).setSteward(id, alice.address, true))
      .to.be.revertedWithCustomError(works, "WorksNotSteward")
      .withArgs(id, alice.address);
    await expect(works.connect(bob).setSteward(id, spin.ethers.ZeroAddress, true))
      .to.be.revertedWithCustomError(works, "WorksInvalidSteward")
      .withArgs(spin.ethers.ZeroAddress);
    await expect(works.connect(bob).setSteward(7n, alice.address, true))
      .to.be.revertedWithCustomError(works, "WorksUnknownWork")
      .withArgs(7n);
  });

  it("refuses a ninth steward", async () => {
    const { works, alice, ethers } = spin;
    for (let i = 0; i < 7; i++)
      await works.connect(alice).setSteward(id, ethers.Wallet.createRandom().address, true);
    await expect(works.connect(alice).setSteward(id, ethers.Wallet.createRandom().address, true))
      .to.be.revertedWithCustomError(works, "WorksStewardCount")
      .withArgs(9n, 8n);
  });
});

describe("WorksRegistry: adoption and suspension", () => {
  let spin: Spin;
  let id: bigint;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
    id = await registerWork(spin, spin.alice);
  });

  it("lets Places and Cooperatives adopt a work and withdraw", async () => {
    const { works, place, coop } = spin;
    await expect(works.connect(place).adopt(id))
      .to.emit(works, "AdoptionDeclared")
      .withArgs(id, place.address);
    await works.connect(coop).adopt(id);
    expect(await works.adoptersOf(id)).to.deep.equal([place.address, coop.address]);
    expect(await works.hasAdopted(id, place.address)).to.equal(true);
    await expect(works.connect(place).withdrawAdoption(id))
      .to.emit(works, "AdoptionWithdrawn")
      .withArgs(id, place.address);
    expect(await works.adoptersOf(id)).to.deep.equal([coop.address]);
  });

  it("refuses adoption by other kinds, suspended members, twice, and of suspended works", async () => {
    const { works, commons, alice, firm, coop, place } = spin;
    for (const who of [alice, firm]) {
      await expect(works.connect(who).adopt(id))
        .to.be.revertedWithCustomError(works, "WorksCannotAdopt")
        .withArgs(who.address);
    }
    await works.connect(coop).adopt(id);
    await expect(works.connect(coop).adopt(id))
      .to.be.revertedWithCustomError(works, "WorksAlreadyAdopted")
      .withArgs(id, coop.address);
    await commons.suspend(place.address, "review");
    await expect(works.connect(place).adopt(id))
      .to.be.revertedWithCustomError(works, "WorksCannotAdopt")
      .withArgs(place.address);
    await expect(works.connect(place).withdrawAdoption(id))
      .to.be.revertedWithCustomError(works, "WorksNotAdopted")
      .withArgs(id, place.address);
    await works.suspend(id, "plagiarism");
    await expect(works.connect(coop).adopt(id))
      .to.be.revertedWithCustomError(works, "WorksSuspended")
      .withArgs(id);
  });

  it("lets governance suspend and reinstate a work, and no one else", async () => {
    const { works, alice } = spin;
    await expect(works.connect(alice).suspend(id, "x")).to.be.revertedWithCustomError(
      works,
      "AccessControlUnauthorizedAccount",
    );
    await expect(works.suspend(id, "plagiarism"))
      .to.emit(works, "WorkSuspended")
      .withArgs(id, "plagiarism");
    expect((await works.workOf(id)).suspended).to.equal(true);
    await expect(works.suspend(id, "again"))
      .to.be.revertedWithCustomError(works, "WorksSuspended")
      .withArgs(id);
    await expect(works.reinstate(id, "cleared"))
      .to.emit(works, "WorkReinstated")
      .withArgs(id, "cleared");
    expect((await works.workOf(id)).suspended).to.equal(false);
    await expect(works.reinstate(id, "again"))
      .to.be.revertedWithCustomError(works, "WorksNotSuspended")
      .withArgs(id);
    await expect(works.reinstate(42n, "?"))
      .to.be.revertedWithCustomError(works, "WorksUnknownWork")
      .withArgs(42n);
    await expect(works.suspend(42n, "?"))
      .to.be.revertedWithCustomError(works, "WorksUnknownWork")
      .withArgs(42n);
  });
});
