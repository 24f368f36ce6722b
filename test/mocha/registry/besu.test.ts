import { expect } from "chai";
import { network } from "hardhat";
import {
  deployRegistry,
  ENODE_HOST,
  ENODE_ID,
  ENODE_PORT,
  Kind,
  PROFILE,
  PROFILE_HASH,
  Status,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();

async function setup() {
  return deployRegistry(ethers);
}

const OTHER_ID = "b2".repeat(64);
const THIRD_ID = "c3".repeat(64);

describe("CommonsRegistry Besu rules", () => {
  describe("transactionAllowed", () => {
    it("allows only admitted, unsuspended participants", async () => {
      const { registry, admissions, alice, bob, carol, coop, outsiders } =
        await networkHelpers.loadFixture(setup);
      const [stranger, applicant, fund] = outsiders;
      await admissions.connect(applicant).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await registry.setProtocolAccount(fund.address, true);
      await registry.suspend(bob.address, "");
      await registry.expel(carol.address, "");
      const expected: [string, boolean][] = [
        [alice.address, true],
        [coop.address, true],
        [bob.address, false],
        [carol.address, false],
        [stranger.address, false],
        [applicant.address, false],
        [fund.address, false],
        [ethers.ZeroAddress, false],
      ];
      for (const [sender, allowed] of expected) {
        expect(
          await registry.transactionAllowed(sender, alice.address, 1, 1, 21000, "0x1234"),
        ).to.equal(allowed);
      }
      expect(await registry.areAllowed(alice.address, bob.address)).to.deep.equal([true, false]);
      expect(await registry.areAllowed(fund.address, coop.address)).to.deep.equal([true, true]);
    });

    it("has no exception for newcomers: applications arrive signed, relayed by members", async () => {
      const { registry, admissions, alice, bob, outsiders } =
        await networkHelpers.loadFixture(setup);
      const [stranger, applicant] = outsiders;
      await admissions.connect(applicant).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      await registry.suspend(bob.address, "");
      const target = await admissions.getAddress();
      const calls = [
        admissions.interface.encodeFunctionData("applyForAdmission", [
          Kind.Cooperative,
          PROFILE,
          PROFILE_HASH,
        ]),
        admissions.interface.encodeFunctionData("applyAsPlace", [
          PROFILE,
          PROFILE_HASH,
          { name: "Fablab", latitudeE6: 0, longitudeE6: 0, country: "0x4b45", machines: [] },
        ]),
        admissions.interface.encodeFunctionData("vouch", [alice.address, PROFILE_HASH]),
      ];
      for (const payload of calls) {
        for (const sender of [stranger, applicant, bob]) {
          expect(
            await registry.transactionAllowed(sender.address, target, 0, 0, 100_000, payload),
          ).to.equal(false);
        }
        // A member relays whatever newcomers signed.
        expect(
          await registry.transactionAllowed(alice.address, target, 0, 0, 100_000, payload),
        ).to.equal(true);
      }
    });
  });

  describe("accounts list", () => {
    it("pages through every admitted account, and no applicant", async () => {
      const { registry, admissions, alice, place, outsiders } =
        await networkHelpers.loadFixture(setup);
      await admissions.connect(outsiders[0]).applyForAdmission(Kind.Person, PROFILE, PROFILE_HASH);
      expect(await registry.accountCount()).to.equal(5n);
      expect(await registry.accountAt(0)).to.equal(alice.address);
      expect(await registry.accountAt(4)).to.equal(place.address);
      await expect(registry.accountAt(5))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryIndexOutOfRange")
        .withArgs(5, 5);
    });
  });

  describe("node allowlist", () => {
    it("adds a node run by a Place and allows exactly that enode", async () => {
      const { registry, place } = await networkHelpers.loadFixture(setup);
      await expect(registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, place.address))
        .to.emit(registry, "EnodeAdded")
        .withArgs(ENODE_ID, ENODE_HOST, ENODE_PORT, place.address);
      expect(await registry.enodeCount()).to.equal(1n);
      expect(await registry.enodeAt(0)).to.deep.equal([
        ENODE_ID,
        ENODE_HOST,
        BigInt(ENODE_PORT),
        place.address,
      ]);
      expect(await registry.connectionAllowed(ENODE_ID, ENODE_HOST, ENODE_PORT)).to.equal(true);
      expect(await registry.connectionAllowed(ENODE_ID, "10.0.0.2", ENODE_PORT)).to.equal(false);
      expect(await registry.connectionAllowed(ENODE_ID, ENODE_HOST, 30304)).to.equal(false);
      expect(await registry.connectionAllowed(OTHER_ID, ENODE_HOST, ENODE_PORT)).to.equal(false);
    });

    it("cuts off a node while its owner is suspended, and for good once expelled", async () => {
      const { registry, coop } = await networkHelpers.loadFixture(setup);
      await registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, coop.address);
      await registry.suspend(coop.address, "");
      expect(await registry.connectionAllowed(ENODE_ID, ENODE_HOST, ENODE_PORT)).to.equal(false);
      await registry.reinstate(coop.address, "");
      expect(await registry.connectionAllowed(ENODE_ID, ENODE_HOST, ENODE_PORT)).to.equal(true);
      await registry.expel(coop.address, "");
      expect(await registry.connectionAllowed(ENODE_ID, ENODE_HOST, ENODE_PORT)).to.equal(false);
    });

    it("removes nodes, keeping the list dense", async () => {
      const { registry, place, coop } = await networkHelpers.loadFixture(setup);
      await registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, place.address);
      await registry.addEnode(OTHER_ID, "node.example.org", 30303, coop.address);
      await registry.addEnode(THIRD_ID, ENODE_HOST, 30305, coop.address);
      await expect(registry.removeEnode(ENODE_ID, ENODE_HOST, ENODE_PORT))
        .to.emit(registry, "EnodeRemoved")
        .withArgs(ENODE_ID, ENODE_HOST, ENODE_PORT, place.address);
      expect(await registry.enodeCount()).to.equal(2n);
      expect((await registry.enodeAt(0))[0]).to.equal(THIRD_ID);
      expect((await registry.enodeAt(1))[0]).to.equal(OTHER_ID);
      expect(await registry.connectionAllowed(ENODE_ID, ENODE_HOST, ENODE_PORT)).to.equal(false);
      expect(await registry.connectionAllowed(THIRD_ID, ENODE_HOST, 30305)).to.equal(true);
      await registry.removeEnode(OTHER_ID, "node.example.org", 30303);
      expect(await registry.enodeCount()).to.equal(1n);
      expect(await registry.connectionAllowed(THIRD_ID, ENODE_HOST, 30305)).to.equal(true);
      await registry.removeEnode(THIRD_ID, ENODE_HOST, 30305);
      expect(await registry.enodeCount()).to.equal(0n);
      await expect(registry.enodeAt(0))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryIndexOutOfRange")
        .withArgs(0, 0);
    });

    it("lets a removed node be added again", async () => {
      const { registry, place } = await networkHelpers.loadFixture(setup);
      await registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, place.address);
      await registry.removeEnode(ENODE_ID, ENODE_HOST, ENODE_PORT);
      await registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, place.address);
      expect(await registry.connectionAllowed(ENODE_ID, ENODE_HOST, ENODE_PORT)).to.equal(true);
    });

    it("refuses malformed node ids, hosts and ports", async () => {
      const { registry, place } = await networkHelpers.loadFixture(setup);
      const cases: [string, string, number][] = [
        ["a1".repeat(63), ENODE_HOST, ENODE_PORT],
        [`${"a1".repeat(63)}A1`, ENODE_HOST, ENODE_PORT],
        [`${"a1".repeat(63)}g1`, ENODE_HOST, ENODE_PORT],
        [`${"a1".repeat(63)}-1`, ENODE_HOST, ENODE_PORT],
        [`0x${"a1".repeat(63)}`, ENODE_HOST, ENODE_PORT],
        [ENODE_ID, "", ENODE_PORT],
        [ENODE_ID, "h".repeat(254), ENODE_PORT],
        [ENODE_ID, ENODE_HOST, 0],
      ];
      for (const [id, host, port] of cases) {
        await expect(registry.addEnode(id, host, port, place.address))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidEnode")
          .withArgs(id, host, port);
      }
      expect(await registry.enodeCount()).to.equal(0n);
    });

    it("refuses owners that are not admitted Places or Cooperatives", async () => {
      const { registry, alice, place, outsiders } = await networkHelpers.loadFixture(setup);
      const [stranger, firm] = outsiders;
      await registry.admit(firm.address, Kind.Enterprise, PROFILE, PROFILE_HASH);
      await expect(
        registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(registry, "CommonsRegistryZeroAddress");
      await registry.suspend(place.address, "");
      for (const [owner, kind, status] of [
        [stranger, Kind.None, Status.None],
        [alice, Kind.Person, Status.Admitted],
        [firm, Kind.Enterprise, Status.Admitted],
        [place, Kind.Place, Status.Suspended],
      ] as const) {
        await expect(registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, owner.address))
          .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidEnodeOwner")
          .withArgs(owner.address, kind, status);
      }
    });

    it("refuses a node already listed and the removal of an unknown one", async () => {
      const { registry, place, coop } = await networkHelpers.loadFixture(setup);
      await registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, place.address);
      await expect(registry.addEnode(ENODE_ID, ENODE_HOST, ENODE_PORT, coop.address))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryEnodeExists")
        .withArgs(ENODE_ID, ENODE_HOST, ENODE_PORT);
      await expect(registry.removeEnode(OTHER_ID, ENODE_HOST, ENODE_PORT))
        .to.be.revertedWithCustomError(registry, "CommonsRegistryUnknownEnode")
        .withArgs(OTHER_ID, ENODE_HOST, ENODE_PORT);
    });
  });
});
