/**
 * Issue 11, item 4, as the squatter tries it: whoever sees a content hash first (the uploaded
 * bundle, the registration waiting in the pool) registers it as theirs; and a suspended squatted
 * work used to keep the hash from its author for ever.
 */
import { expect } from "chai";
import { network } from "hardhat";
import {
  Reason,
  commit,
  commitAndRegister,
  deploySpin,
  freshHash,
  registerWork,
  registration,
  type Spin,
} from "./fixture.ts";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deploySpin(connection);

describe("work squatting (issue 11, item 4)", () => {
  let spin: Spin;
  let hash: string;
  beforeEach(async () => {
    spin = await networkHelpers.loadFixture(fixture);
    hash = freshHash(spin.ethers);
  });

  /** Runs `send` with automatic mining off, so its transactions wait in the pool; mines them. */
  async function inOneBlock(send: () => Promise<void>) {
    await spin.ethers.provider.send("evm_setAutomine", [false]);
    try {
      await send();
    } finally {
      await spin.ethers.provider.send("evm_mine", []);
      await spin.ethers.provider.send("evm_setAutomine", [true]);
    }
  }

  it("refuses a squatter who copies the author's pending registration from the pool", async () => {
    const { works, alice: author, bob: squatter, ethers } = spin;
    const salt = await commit(spin, author, hash);
    const mine = registration(spin, author.address, { contentHash: hash });
    await inOneBlock(async () => {
      await works.connect(author).register(mine, salt, { gasLimit: 1_000_000 });
      const pending = await ethers.provider.send("eth_getBlockByNumber", ["pending", true]);
      const seen = pending.transactions.find(
        (tx: { from: string }) => tx.from.toLowerCase() === author.address.toLowerCase(),
      );
      const [r, revealedSalt] = works.interface.decodeFunctionData("register", seen.input);
      expect(r.contentHash).to.equal(hash);
      const theirs = {
        ...registration(spin, squatter.address, { contentHash: hash }),
        metadataURI: r.metadataURI,
      };
      // Same hash, same salt, a higher fee: the commitment binds the author's address.
      await expect(works.connect(squatter).register(theirs, revealedSalt))
        .to.be.revertedWithCustomError(works, "WorksNoCommitment")
        .withArgs(await works.commitmentFor(hash, squatter.address, revealedSalt));
    });
    expect(await works.workOfHash(hash)).to.deep.equal([1n, 1n]);
    expect(await works.isSteward(1n, author.address)).to.equal(true);
  });

  it("refuses a squatter who commits on seeing the hash and reveals in the same block", async () => {
    const { works, alice: author, bob: squatter } = spin;
    await commit(spin, author, hash);
    const salt = spin.ethers.id("squatter's salt");
    const commitment = await works.commitmentFor(hash, squatter.address, salt);
    await inOneBlock(async () => {
      await works.connect(squatter).commitRegistration(commitment, { gasLimit: 200_000 });
      const theirs = registration(spin, squatter.address, { contentHash: hash });
      await expect(
        works.connect(squatter).register.staticCall(theirs, salt, { blockTag: "pending" }),
      )
        .to.be.revertedWithCustomError(works, "WorksCommitmentTooRecent")
        .withArgs(commitment, BigInt(await spin.ethers.provider.getBlockNumber()) + 1n);
    });
  });

  it("gives the hash back to the older commitment when a squatter who saw the bundle registers first", async () => {
    const { works, licensing, alice: author, bob: squatter, firm } = spin;
    const authorSalt = await commit(spin, author, hash); // before uploading the bundle
    // The bundle is public now: the squatter commits, waits a block and registers first.
    const squatted = await registerWork(spin, squatter, { contentHash: hash });
    expect(await works.workOfHash(hash)).to.deep.equal([squatted, 1n]);
    const mine = registration(spin, author.address, { contentHash: hash });
    await expect(works.connect(author).register(mine, authorSalt))
      .to.emit(works, "ContentHashSuperseded")
      .withArgs(hash, squatted, squatted + 1n, 1n)
      .and.to.emit(works, "WorkSuspended")
      .withArgs(squatted, "superseded by an earlier commitment");
    const authored = squatted + 1n;
    expect(await works.workOfHash(hash)).to.deep.equal([authored, 1n]);
    expect((await works.workOf(squatted)).suspended).to.equal(true);
    expect((await licensing.licenceStatus(squatted, firm.address)).reason).to.equal(
      BigInt(Reason.SuspendedWork),
    );
    // The squatter cannot take it back: its commitment is younger (and a new one younger still).
    await expect(
      commitAndRegister(
        spin,
        squatter,
        registration(spin, squatter.address, { contentHash: hash }),
      ),
    )
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(hash, authored);
  });

  it("lets a steward's older commitment take back a version the squatter registered first", async () => {
    const { works, alice: author, bob: squatter } = spin;
    const work = await registerWork(spin, author);
    const next = freshHash(spin.ethers);
    const salt = await commit(spin, author, next);
    const squatted = await registerWork(spin, squatter, { contentHash: next });
    await expect(works.connect(author).addVersion(work, next, "ipfs://v2", salt))
      .to.emit(works, "ContentHashSuperseded")
      .withArgs(next, squatted, work, 2n);
    expect(await works.workOfHash(next)).to.deep.equal([work, 2n]);
    expect((await works.workOf(squatted)).suspended).to.equal(true);
  });

  it("keeps the first registration once the priority window has passed", async () => {
    const { works, alice: author, bob: squatter } = spin;
    const authorSalt = await commit(spin, author, hash);
    const squatted = await registerWork(spin, squatter, { contentHash: hash });
    const [, contestableUntil] = await works.claimOf(hash);
    await networkHelpers.time.increaseTo(contestableUntil + 1n);
    await expect(
      works
        .connect(author)
        .register(registration(spin, author.address, { contentHash: hash }), authorSalt),
    )
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(hash, squatted);
  });

  it("lets governance reassign a squatted hash that suspension alone does not free", async () => {
    const { works, alice: author, bob: squatter, admin } = spin;
    // The author showed the bundle before committing: the squatter's commitment is older.
    const squatted = await registerWork(spin, squatter, { contentHash: hash });
    const mine = registration(spin, author.address, { contentHash: hash });
    const salt = await commit(spin, author, hash);
    await expect(works.connect(author).register(mine, salt))
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(hash, squatted);
    await works.connect(admin).suspend(squatted, "plagiarism: dispute 12");
    await expect(works.connect(author).register(mine, salt))
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(hash, squatted);

    await expect(
      works.connect(squatter).reassignHash(hash, squatter.address, "mine"),
    ).to.be.revertedWithCustomError(works, "AccessControlUnauthorizedAccount");
    await expect(
      works.connect(admin).reassignHash(hash, author.address, "dispute 12: the author's"),
    )
      .to.emit(works, "ContentHashReleased")
      .withArgs(hash, squatted, author.address, "dispute 12: the author's");
    expect(await works.workOfHash(hash)).to.deep.equal([0n, 0n]);
    expect((await works.claimOf(hash))[2]).to.equal(author.address);
    await expect(
      commitAndRegister(
        spin,
        squatter,
        registration(spin, squatter.address, { contentHash: hash }),
      ),
    )
      .to.be.revertedWithCustomError(works, "WorksContentHashReserved")
      .withArgs(hash, author.address);
    await (await works.connect(author).register(mine, salt)).wait();
    const authored = await works.workCount();
    expect(await works.workOfHash(hash)).to.deep.equal([authored, 1n]);
    // Governance's decision is final: no commitment, however old, takes it over.
    expect((await works.claimOf(hash))[0]).to.equal(0n);
  });

  it("refuses an older commitment to a hash its own work already holds", async () => {
    const { works, alice } = spin;
    const older = spin.ethers.id("older salt");
    await (
      await works
        .connect(alice)
        .commitRegistration(await works.commitmentFor(hash, alice.address, older))
    ).wait();
    const work = await registerWork(spin, alice, { contentHash: hash });
    await expect(works.connect(alice).addVersion(work, hash, "ipfs://again", older))
      .to.be.revertedWithCustomError(works, "WorksContentHashTaken")
      .withArgs(hash, work);
  });

  it("lets governance move a reservation to someone else", async () => {
    const { works, alice: author, bob: squatter, carol, admin } = spin;
    await registerWork(spin, squatter, { contentHash: hash });
    await works.connect(admin).reassignHash(hash, author.address, "dispute 12");
    await expect(works.connect(admin).reassignHash(hash, carol.address, "dispute 12, on appeal"))
      .to.emit(works, "ContentHashReleased")
      .withArgs(hash, 0n, carol.address, "dispute 12, on appeal");
    await expect(
      commitAndRegister(spin, author, registration(spin, author.address, { contentHash: hash })),
    )
      .to.be.revertedWithCustomError(works, "WorksContentHashReserved")
      .withArgs(hash, carol.address);
  });

  it("lets governance free a hash for the earliest commitment, and refuses unknown hashes", async () => {
    const { works, alice: author, bob: squatter, admin } = spin;
    const squatted = await registerWork(spin, squatter, { contentHash: hash });
    await expect(works.connect(admin).reassignHash(hash, spin.ethers.ZeroAddress, "freed"))
      .to.emit(works, "WorkSuspended")
      .withArgs(squatted, "freed");
    await (
      await commitAndRegister(
        spin,
        author,
        registration(spin, author.address, { contentHash: hash }),
      )
    ).wait();
    expect((await works.workOfHash(hash))[0]).to.equal(await works.workCount());
    const unknown = freshHash(spin.ethers);
    await expect(works.connect(admin).reassignHash(unknown, author.address, "?"))
      .to.be.revertedWithCustomError(works, "WorksUnknownContentHash")
      .withArgs(unknown);
  });
});
