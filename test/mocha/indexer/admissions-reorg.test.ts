/**
 * Every event of the admission rules is indexed and undone by a reorg: on anvil, a snapshot, then
 * a quorum floor (a governor's deployment), a rule change, a Place's and two Persons' signed
 * applications, vouches, a scheduled admission, a rejection, a completed admission and its
 * ripened vote; then the chain goes back to the snapshot. Both stores must equal a fresh index of
 * the final chain, and an application relayed only on the abandoned branch is back in the inbox.
 */
import { expect } from "chai";
import { getCreateAddress, Wallet } from "ethers";
import type { Indexer } from "../../../indexer/src/index.ts";
import {
  DAY,
  Kind,
  RULE,
  postApplication,
  signApplication,
  startAdmissionsChain,
  type AdmissionsChain,
} from "./helpers/admissions.ts";
import { startTestIndexer, waitForHead } from "./helpers/indexer.ts";
import { createTestDatabase, dumpChainData } from "./helpers/store.ts";

const followed = [
  "QuorumFloorSet",
  "AdmissionRuleChanged",
  "Applied",
  "ProfileUpdated",
  "PlaceUpdated",
  "Vouched",
  "AdmissionScheduled",
  "ApplicationRejected",
  "Admitted",
  "VoteRipening",
  "VoteRipened",
];

describe("indexer: the admission events through a reorg (anvil, PGlite and PostgreSQL)", function () {
  this.timeout(600_000);
  let c: AdmissionsChain;
  let governorAddress: string;

  before(async () => {
    c = await startAdmissionsChain({}, async ({ connection, admin }) => {
      // The governor is deployed on the branch the reorg abandons: its address is known ahead.
      const nonce = await connection.ethers.provider.getTransactionCount(admin.address);
      governorAddress = getCreateAddress({ from: admin.address, nonce });
      const deploymentBlock = (await connection.ethers.provider.getBlockNumber()) + 1;
      return { SpinGovernor: { address: governorAddress, deploymentBlock } };
    });
  });
  after(async () => {
    await c?.close();
  });

  async function inbox(indexer: Indexer): Promise<string[]> {
    const page = (await (await fetch(`${indexer.url}/applications?limit=100`)).json()) as {
      items: { applicant: string }[];
    };
    return page.items.map((i) => i.applicant);
  }

  async function eventNamesAfter(indexer: Indexer, block: number): Promise<string[]> {
    const rows = await indexer.db
      .selectFrom("events")
      .select("event_name")
      .where("block_number", ">", block)
      .execute();
    return [...new Set(rows.map((r) => r.event_name))];
  }

  it("indexes each admission event and rolls all of them back", async () => {
    const { admissions, registry, founders, admin, connection } = c;
    const provider = connection.provider;
    const waiting = Wallet.createRandom();
    const waitingSigned = await signApplication(c, waiting, "Waiting Wanda");
    for (const { indexer } of c.indexers) {
      expect((await postApplication(indexer, waitingSigned)).status).to.equal(201);
    }
    await c.synced();
    const ancestor = await connection.ethers.provider.getBlockNumber();
    const snapshot = await provider.request({ method: "evm_snapshot" });

    const governor = await connection.ethers.deployContract("SpinGovernor", [
      await registry.getAddress(),
      admin.address,
      10,
      100,
      20,
      10,
    ]);
    await governor.waitForDeployment();
    expect(await governor.getAddress()).to.equal(governorAddress);
    await (await admissions.setAdmissionRule({ ...RULE, vouchWindow: 4 * DAY })).wait();
    const place = await signApplication(c, Wallet.createRandom(), "Fablab Lima", {
      kind: Kind.Place,
      place: {
        name: "Fablab Lima",
        latitudeE6: -12_046_374,
        longitudeE6: -77_042_793,
        country: "0x5045",
        machines: ["laser cutter"],
      },
    });
    await (
      await admissions.connect(founders[0]).applyBySig(place.application, place.signature)
    ).wait();
    const person = Wallet.createRandom();
    const personSigned = await signApplication(c, person, "Paula");
    await (
      await admissions
        .connect(founders[0])
        .applyBySigAndVouch(personSigned.application, personSigned.signature)
    ).wait();
    await (
      await admissions
        .connect(founders[1])
        .vouch(person.address, personSigned.application.profileHash)
    ).wait();
    const refusedOne = await signApplication(c, Wallet.createRandom(), "Rex");
    await (
      await admissions.connect(founders[2]).applyBySig(refusedOne.application, refusedOne.signature)
    ).wait();
    await (await admissions.rejectApplication(refusedOne.application.applicant, "spam")).wait();
    await (
      await admissions
        .connect(founders[2])
        .applyBySig(waitingSigned.application, waitingSigned.signature)
    ).wait();
    await c.advance(RULE.admissionDelay);
    await (
      await admissions.completeAdmission(person.address, personSigned.application.profileURI)
    ).wait();
    await c.advance(RULE.ripeningPeriod);
    await (await registry.connect(founders[3]).ripen(person.address)).wait();
    await c.synced();
    for (const { kind, indexer } of c.indexers) {
      expect(await eventNamesAfter(indexer, ancestor), kind).to.include.members(followed);
      expect(await inbox(indexer), `${kind}: relayed`).not.to.include(
        waiting.address.toLowerCase(),
      );
    }

    await provider.request({ method: "evm_revert", params: [snapshot] });
    await provider.request({ method: "evm_mine" });
    await provider.request({ method: "evm_mine" });
    await c.synced();
    for (const { kind, indexer, database } of c.indexers) {
      expect(indexer.sync.status.reorgsTotal, kind).to.be.greaterThan(0);
      expect(await eventNamesAfter(indexer, ancestor), kind).to.deep.equal([]);
      expect(await inbox(indexer), `${kind}: back in the inbox`).to.include(
        waiting.address.toLowerCase(),
      );
      const fresh = await createTestDatabase(database.target.kind);
      const reference = await startTestIndexer(c.chain, fresh, {
        backfill: { initialRange: 1000, maxRange: 1000 },
      });
      try {
        await waitForHead(c.chain, reference.db);
        expect(await dumpChainData(indexer.db), kind).to.deep.equal(
          await dumpChainData(reference.db),
        );
      } finally {
        await reference.stop();
        await fresh.drop();
      }
    }
  });
});
