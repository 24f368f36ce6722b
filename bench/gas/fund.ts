/**
 * The common fund's ways out and limits: splitting coin among the sub-funds (the deployment's
 * initial allocation), scheduling a cap raise, a second grant in one transaction (paying the
 * per-transaction cap's bookkeeping), and sweeping streams their recipient can no longer claim.
 * Governance's own calls, measured directly (the timelock adds the same overhead to each).
 */
import type { NetworkConnection } from "hardhat/types/network";
import { COIN, deploySpin } from "../../test/mocha/works/fixture.ts";
import type { GasSuite } from "./suites.ts";
import type { GasRow } from "./table.ts";

async function gasOf(
  tx: Promise<{ wait: () => Promise<{ gasUsed: bigint } | null> }>,
): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction has no receipt");
  return receipt.gasUsed;
}

const row = (operation: string, ours: bigint): GasRow => ({
  operation,
  ours,
  reference: null,
  referenceName: "-",
});

export const fundSuite: GasSuite = async (connection: NetworkConnection) => {
  const spin = await deploySpin(connection);
  const { fund, coin, commons, admin, firm, alice, bob, carol } = spin;
  const { time } = connection.networkHelpers;
  const rows: GasRow[] = [];

  await coin.connect(firm).transfer(await fund.getAddress(), 100_000n * COIN);
  rows.push(
    row(
      "fund: split unassigned coin among the four sub-funds",
      await gasOf(fund.connect(admin).creditSplit([4_000, 2_000, 2_000, 2_000], "allocation")),
    ),
  );
  rows.push(
    row("fund: raise a cap (in force after the delay)", await gasOf(fund.setCap(0, 5_000))),
  );
  rows.push(row("fund: lower a cap (in force at once)", await gasOf(fund.setCap(0, 2_000))));

  const start = BigInt(await time.latest());
  for (const recipient of [alice, bob, carol]) {
    await fund.createStream(0, recipient.address, 1_000n * COIN, start, start + 1_000_000n, "x");
  }
  await time.increase(500_000n);
  await commons.connect(admin).suspend(alice.address, "review");
  rows.push(
    row("fund: mark a stream unclaimable", await gasOf(fund.connect(bob).markStreamUnclaimable(0))),
  );
  await time.increase(await fund.UNCLAIMED_PERIOD());
  rows.push(
    row(
      "fund: sweep a stream back (suspended recipient, after the period)",
      await gasOf(fund.sweepStream(0, "unclaimable")),
    ),
  );
  await commons.connect(admin).expel(bob.address, "gone");
  rows.push(
    row(
      "fund: sweep a stream back (expelled recipient, at once)",
      await gasOf(fund.sweepStream(1, "expelled")),
    ),
  );
  return rows;
};
