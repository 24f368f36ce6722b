/**
 * Issue 11, item 7: free application spam, profiles changed between vouches, and newcomers
 * locked out of a members-only chain, performed as the attacker would and refused.
 */
import { expect } from "chai";
import { network } from "hardhat";
import {
  admissionsDomain,
  deployRegistry,
  FABLAB,
  Kind,
  OTHER_HASH,
  PROFILE,
  PROFILE_HASH,
  profileChangeTypes,
  RULE,
  signApplication,
  State,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();

async function setup() {
  return deployRegistry(ethers);
}

const now = async () => BigInt(await networkHelpers.time.latest());

describe("Attack: free application spam (issue 11, item 7)", () => {
  it("refuses a new key's own transactions, yet admits its signed application relayed by a member", async () => {
    const { registry, admissions, alice } = await networkHelpers.loadFixture(setup);
    const newcomer = ethers.Wallet.createRandom();
    const payload = admissions.interface.encodeFunctionData("applyForAdmission", [
      Kind.Person,
      PROFILE,
      PROFILE_HASH,
    ]);
    const target = await admissions.getAddress();
    expect(
      await registry.transactionAllowed(newcomer.address, target, 0, 0, 200_000, payload),
    ).to.equal(false);
    // On a chain whose allowlists hold only members, the member sends what the newcomer signed.
    const { application, signature } = await signApplication(admissions, newcomer, {
      now: await now(),
    });
    const relayed = admissions.interface.encodeFunctionData("applyBySig", [application, signature]);
    expect(
      await registry.transactionAllowed(alice.address, target, 0, 0, 200_000, relayed),
    ).to.equal(true);
    await expect(admissions.connect(alice).applyBySig(application, signature)).to.emit(
      admissions,
      "Applied",
    );
  });

  it("refuses 100 kB of junk riding on an application, and oversized profile or place data", async () => {
    const { registry, admissions, alice } = await networkHelpers.loadFixture(setup);
    const spammer = ethers.Wallet.createRandom();
    const { application, signature } = await signApplication(admissions, spammer, {
      now: await now(),
    });
    const data =
      admissions.interface.encodeFunctionData("applyBySig", [application, signature]) +
      "ab".repeat(100_000);
    await expect(alice.sendTransaction({ to: await admissions.getAddress(), data }))
      .to.be.revertedWithCustomError(admissions, "AdmissionsCalldataTooLarge")
      .withArgs((data.length - 2) / 2, 6_144);

    const longURI = `ipfs://${"x".repeat(600)}`;
    const long = await signApplication(admissions, spammer, {
      now: await now(),
      profileURI: longURI,
    });
    await expect(admissions.connect(alice).applyBySig(long.application, long.signature))
      .to.be.revertedWithCustomError(registry, "CommonsRegistryInvalidProfile")
      .withArgs(longURI, PROFILE_HASH);
    const machines = Array.from({ length: 33 }, (_, i) => `m${i}`);
    const crowded = await signApplication(admissions, spammer, {
      now: await now(),
      kind: Kind.Place,
      place: { ...FABLAB, machines },
    });
    await expect(admissions.connect(alice).applyBySig(crowded.application, crowded.signature))
      .to.be.revertedWithCustomError(registry, "CommonsRegistryTooManyMachines")
      .withArgs(33, 32);
    expect((await admissions.applicationOf(spammer.address)).state).to.equal(State.None);
  });

  it("keeps one application per key: no second while pending, no replay, no return before the cool-down", async () => {
    const { registry, admissions, alice, bob } = await networkHelpers.loadFixture(setup);
    const spammer = ethers.Wallet.createRandom();
    const first = await signApplication(admissions, spammer, { now: await now() });
    await admissions.connect(alice).applyBySig(first.application, first.signature);
    const accounts = await registry.accountCount();

    const second = await signApplication(admissions, spammer, { now: await now() });
    await expect(admissions.connect(alice).applyBySig(second.application, second.signature))
      .to.be.revertedWithCustomError(admissions, "AdmissionsAlreadyApplied")
      .withArgs(spammer.address, State.Open);
    await expect(admissions.connect(bob).applyBySig(first.application, first.signature))
      .to.be.revertedWithCustomError(admissions, "InvalidAccountNonce")
      .withArgs(spammer.address, 1);

    await admissions.rejectApplication(spammer.address, "spam");
    const mayApplyFrom = (await now()) + BigInt(RULE.reapplyCooldown);
    const retry = await signApplication(admissions, spammer, {
      now: await now(),
      deadline: mayApplyFrom + 3_600n,
    });
    await expect(admissions.connect(alice).applyBySig(retry.application, retry.signature))
      .to.be.revertedWithCustomError(admissions, "AdmissionsCoolingDown")
      .withArgs(spammer.address, mayApplyFrom);
    // After the cool-down the same slots are reused: nothing accumulates, not even in the registry.
    await networkHelpers.time.setNextBlockTimestamp(mayApplyFrom);
    await admissions.connect(alice).applyBySig(retry.application, retry.signature);
    expect((await admissions.applicationOf(spammer.address)).round).to.equal(2n);
    expect(await registry.accountCount()).to.equal(accounts);
  });

  it("discards the vouches when the profile changes, so nobody vouches for a profile it never read", async () => {
    const { admissions, alice, bob, carol } = await networkHelpers.loadFixture(setup);
    const applicant = ethers.Wallet.createRandom();
    const signed = await signApplication(admissions, applicant, { now: await now() });
    await admissions.connect(alice).applyBySigAndVouch(signed.application, signed.signature);

    // Between Alice's vouch and Bob's, the applicant swaps its profile (a relayed signature).
    const change = {
      applicant: applicant.address,
      profileURI: "ipfs://someone-else",
      profileHash: OTHER_HASH,
      nonce: await admissions.nonces(applicant.address),
      deadline: (await now()) + 3_600n,
    };
    const changeSignature = await applicant.signTypedData(
      await admissionsDomain(admissions),
      profileChangeTypes,
      change,
    );
    await admissions.connect(carol).updateApplicationBySig(change, changeSignature);

    // Bob read the first profile: his vouch is refused, and Alice's no longer counts.
    await expect(admissions.connect(bob).vouch(applicant.address, PROFILE_HASH))
      .to.be.revertedWithCustomError(admissions, "AdmissionsProfileChanged")
      .withArgs(applicant.address, PROFILE_HASH, OTHER_HASH);
    const application = await admissions.applicationOf(applicant.address);
    expect([application.state, application.vouches]).to.deep.equal([BigInt(State.Open), 0n]);
    expect(await admissions.hasVouched(applicant.address, alice.address)).to.equal(false);
  });
});
