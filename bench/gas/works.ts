/**
 * Works and licensing: committing, registering, forking, buying, claiming, revoking and sweeping,
 * against Story Protocol's published medians. Registration is commit then reveal: the commit is
 * its own row, the register and fork rows are the reveal. Two series show how a purchase's gas
 * grows with the number of parents (bounded by 16) and with lineage depth (it must not).
 */
import type { NetworkConnection } from "hardhat/types/network";
import {
  CC0,
  PPL,
  buy,
  commit,
  deploySpin,
  registerWork,
  registration,
  type Spin,
} from "../../test/mocha/works/fixture.ts";
import type { GasSuite } from "./suites.ts";
import type { GasRow } from "./table.ts";

const STORY_REGISTER_AND_ATTACH = 673_293n;
const STORY_REGISTER_DERIVATIVE = 382_994n;
const STORY_MINT_LICENSE_TOKENS = 417_585n;

async function gasOf(
  tx: Promise<{ wait: () => Promise<{ gasUsed: bigint } | null> }>,
): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction has no receipt");
  return receipt.gasUsed;
}

/** A chain of `depth` PPL works, each the fork of the previous; returns the last one. */
async function lineage(spin: Spin, depth: number): Promise<bigint> {
  let id = await registerWork(spin, spin.alice, { licenceId: PPL });
  for (let i = 1; i < depth; i++)
    id = await registerWork(spin, spin.alice, { licenceId: PPL, parents: [id] });
  return id;
}

/** A PPL fork of `count` fresh PPL parents. */
async function forkOf(spin: Spin, count: number): Promise<bigint> {
  const parents: bigint[] = [];
  for (let i = 0; i < count; i++)
    parents.push(await registerWork(spin, spin.bob, { licenceId: PPL }));
  return registerWork(spin, spin.alice, { licenceId: PPL, parents });
}

/** Gas of a purchase by `firm2` (not its first: the firm has bought before, as firms do). */
async function purchaseGas(spin: Spin, workId: bigint): Promise<bigint> {
  return gasOf(buy(spin, spin.firm2, workId));
}

export const worksSuite: GasSuite = async (connection: NetworkConnection) => {
  const spin = await deploySpin(connection);
  const { works, licensing, alice, bob } = spin;
  const rows: GasRow[] = [];

  // Warm-up: the counters exist, firm2 has a permit nonce, each work has been bought once.
  const warm = await registerWork(spin, alice, { licenceId: CC0 });
  await buy(spin, spin.firm2, await registerWork(spin, alice, { licenceId: PPL }));

  const first = registration(spin, alice.address, {
    licenceId: PPL,
    contributors: [alice.address, bob.address],
    shares: [7_000, 3_000],
  });
  const commitGas = await gasOf(
    works
      .connect(alice)
      .commitRegistration(
        await works.commitmentFor(first.contentHash, alice.address, spin.ethers.id("bench")),
      ),
  );
  rows.push({
    operation: "works: commit to a content hash (before revealing it)",
    ours: commitGas,
    reference: null,
    referenceName: "-",
  });
  const register = await gasOf(works.connect(alice).register(first, spin.ethers.id("bench")));
  const original = await works.workCount();
  rows.push({
    operation: "works: register a work with its licence (2 contributors, reveal)",
    ours: register,
    reference: STORY_REGISTER_AND_ATTACH,
    referenceName: "Story register + attach terms (published median)",
    goal: { maxGas: 150_000n },
  });

  const forked = registration(spin, bob.address, {
    licenceId: PPL,
    contributors: [bob.address, alice.address],
    shares: [8_000, 2_000],
    parents: [original],
  });
  const fork = await gasOf(
    works.connect(bob).register(forked, await commit(spin, bob, forked.contentHash)),
  );
  const forkId = await works.workCount();
  rows.push({
    operation: "works: fork with one parent (reveal)",
    ours: fork,
    reference: STORY_REGISTER_DERIVATIVE,
    referenceName: "Story registerDerivative (published median)",
    goal: { maxGas: 170_000n },
  });

  await buy(spin, spin.firm, forkId);
  rows.push({
    operation: "licensing: buy a licence with permit (contributors/parent/fund split)",
    ours: await purchaseGas(spin, forkId),
    reference: STORY_MINT_LICENSE_TOKENS,
    referenceName: "Story mintLicenseTokens (published)",
    goal: { maxGas: 180_000n },
  });

  rows.push({
    operation: "licensing: claim a contributor's balance",
    ours: await gasOf(licensing.connect(bob).claim(forkId)),
    reference: null,
    referenceName: "-",
  });
  rows.push({
    operation: "licensing: settle a work's upstream pot (1 parent)",
    ours: await gasOf(licensing.connect(bob).settleUpstream(forkId)),
    reference: null,
    referenceName: "-",
  });
  rows.push({
    operation: "licensing: flush accrued fund shares to the common fund",
    ours: await gasOf(licensing.connect(bob).flushFund()),
    reference: null,
    referenceName: "-",
  });

  for (const count of [1, 4, 16]) {
    const id = await forkOf(spin, count);
    await buy(spin, spin.firm, id);
    rows.push({
      operation: `licensing: buy, work with ${count} parent${count === 1 ? "" : "s"}`,
      ours: await purchaseGas(spin, id),
      reference: STORY_MINT_LICENSE_TOKENS,
      referenceName: "Story mintLicenseTokens (published)",
      goal: { maxGas: 180_000n },
    });
  }
  for (const depth of [1, 8, 32]) {
    const id = await lineage(spin, depth);
    await buy(spin, spin.firm, id);
    rows.push({
      operation: `licensing: buy, lineage depth ${depth}`,
      ours: await purchaseGas(spin, id),
      reference: STORY_MINT_LICENSE_TOKENS,
      referenceName: "Story mintLicenseTokens (published)",
      goal: { maxGas: 180_000n },
    });
  }
  rows.push(...(await exitRows(connection, spin, forkId)));
  void warm;
  return rows;
};

/**
 * Revocation and the ways out of licensing: revoking a licence with its term paid ahead, lifting
 * the revocation, marking a share unclaimable and sweeping it (after the period, and at once for
 * an expelled contributor).
 */
async function exitRows(
  connection: NetworkConnection,
  spin: Spin,
  workId: bigint,
): Promise<GasRow[]> {
  const { licensing, commons, alice, bob, firm2, admin } = spin;
  const row = (operation: string, ours: bigint): GasRow => ({
    operation,
    ours,
    reference: null,
    referenceName: "-",
  });
  const rows: GasRow[] = [];
  await buy(spin, firm2, workId); // firm2 now holds a running term and one paid ahead
  const latest = (await licensing.licenceStatus(workId, firm2.address)).recordId;
  rows.push(
    row(
      "licensing: revoke a licence (term paid ahead + running term)",
      await gasOf(licensing.connect(admin).revoke(latest, "fraud")),
    ),
  );
  rows.push(
    row(
      "licensing: lift a revocation",
      await gasOf(licensing.connect(admin).liftRevocation(workId, firm2.address, "settled")),
    ),
  );
  await commons.connect(admin).suspend(alice.address, "review");
  rows.push(
    row(
      "licensing: mark a share unclaimable",
      await gasOf(licensing.connect(bob).markUnclaimable(workId, alice.address)),
    ),
  );
  await connection.networkHelpers.time.increase(await licensing.UNCLAIMED_PERIOD());
  rows.push(
    row(
      "licensing: sweep a marked share to the fund (governance)",
      await gasOf(licensing.connect(admin).sweepUnclaimed(workId, alice.address, "unclaimed")),
    ),
  );
  await buy(spin, firm2, workId);
  await commons.connect(admin).expel(bob.address, "gone");
  rows.push(
    row(
      "licensing: sweep an expelled contributor's share (governance)",
      await gasOf(licensing.connect(admin).sweepUnclaimed(workId, bob.address, "expelled")),
    ),
  );
  return rows;
}
