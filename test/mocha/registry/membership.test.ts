import { expect } from "chai";
import { network } from "hardhat";
import { deployRegistry, Kind, PROFILE, PROFILE_HASH, Status } from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();

async function setup() {
  return deployRegistry(ethers);
}

const ERC721_ID = "0x80ac58cd";
const ERC721_METADATA_ID = "0x5b5e139f";
const ERC5192_ID = "0xb45a3c0e";
const ERC165_ID = "0x01ffc9a7";
const ACCESS_CONTROL_ID = "0x7965db0b";

describe("CommonsRegistry membership", () => {
  describe("soulbound token", () => {
    it("gives each Person one locked token whose id is its address", async () => {
      const { registry, alice, coop } = await networkHelpers.loadFixture(setup);
      const tokenId = BigInt(alice.address);
      expect(await registry.name()).to.equal("SPIN Membership");
      expect(await registry.symbol()).to.equal("SPINM");
      expect(await registry.tokenIdOf(alice.address)).to.equal(tokenId);
      expect(await registry.ownerOf(tokenId)).to.equal(alice.address);
      expect(await registry.balanceOf(alice.address)).to.equal(1n);
      expect(await registry.balanceOf(coop.address)).to.equal(0n);
      expect(await registry.locked(tokenId)).to.equal(true);
      expect(await registry.tokenURI(tokenId)).to.equal(PROFILE);
      expect(await registry.getApproved(tokenId)).to.equal(ethers.ZeroAddress);
      expect(await registry.isApprovedForAll(alice.address, coop.address)).to.equal(false);
    });

    it("answers nonexistent tokens with ERC721NonexistentToken", async () => {
      const { registry, coop } = await networkHelpers.loadFixture(setup);
      const ids = [BigInt(coop.address), 2n ** 160n + BigInt(coop.address)];
      for (const id of ids) {
        for (const call of [
          registry.ownerOf(id),
          registry.locked(id),
          registry.getApproved(id),
          registry.tokenURI(id),
        ]) {
          await expect(call)
            .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken")
            .withArgs(id);
        }
      }
      await expect(registry.balanceOf(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(registry, "ERC721InvalidOwner")
        .withArgs(ethers.ZeroAddress);
    });

    it("reverts every transfer and approval", async () => {
      const { registry, alice, bob } = await networkHelpers.loadFixture(setup);
      const tokenId = BigInt(alice.address);
      const asAlice = registry.connect(alice);
      const calls = [
        asAlice.transferFrom(alice.address, bob.address, tokenId),
        asAlice["safeTransferFrom(address,address,uint256)"](alice.address, bob.address, tokenId),
        asAlice["safeTransferFrom(address,address,uint256,bytes)"](
          alice.address,
          bob.address,
          tokenId,
          "0x",
        ),
        asAlice.approve(bob.address, tokenId),
      ];
      for (const call of calls) {
        await expect(call)
          .to.be.revertedWithCustomError(registry, "MembershipSoulbound")
          .withArgs(tokenId);
      }
      await expect(asAlice.setApprovalForAll(bob.address, true))
        .to.be.revertedWithCustomError(registry, "MembershipNoOperators")
        .withArgs(bob.address);
      expect(await registry.ownerOf(tokenId)).to.equal(alice.address);
    });

    it("declares ERC-721, metadata, ERC-5192, ERC-165 and AccessControl", async () => {
      const { registry } = await networkHelpers.loadFixture(setup);
      for (const id of [ERC721_ID, ERC721_METADATA_ID, ERC5192_ID, ERC165_ID, ACCESS_CONTROL_ID]) {
        expect(await registry.supportsInterface(id)).to.equal(true);
      }
      expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("votes", () => {
    it("uses a timestamp clock", async () => {
      const { registry } = await networkHelpers.loadFixture(setup);
      expect(await registry.clock()).to.equal(BigInt(await networkHelpers.time.latest()));
      expect(await registry.CLOCK_MODE()).to.equal("mode=timestamp");
    });

    it("self-delegates one vote on admission", async () => {
      const { registry, alice, bob, carol } = await networkHelpers.loadFixture(setup);
      for (const person of [alice, bob, carol]) {
        expect(await registry.delegates(person.address)).to.equal(person.address);
        expect(await registry.getVotes(person.address)).to.equal(1n);
      }
      expect(await registry.totalVotes()).to.equal(3n);
    });

    it("delegates to another member and back, keeping the history", async () => {
      const { registry, alice, bob } = await networkHelpers.loadFixture(setup);
      const before = await networkHelpers.time.latest();
      await expect(registry.connect(alice).delegate(bob.address))
        .to.emit(registry, "DelegateChanged")
        .withArgs(alice.address, alice.address, bob.address)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(alice.address, 1, 0)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(bob.address, 1, 2);
      const delegated = await networkHelpers.time.latest();
      expect(await registry.delegates(alice.address)).to.equal(bob.address);
      expect(await registry.getVotes(alice.address)).to.equal(0n);
      expect(await registry.getVotes(bob.address)).to.equal(2n);

      await expect(registry.connect(alice).delegate(alice.address))
        .to.emit(registry, "DelegateChanged")
        .withArgs(alice.address, bob.address, alice.address)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(bob.address, 2, 1)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(alice.address, 0, 1);
      await networkHelpers.mine();

      expect(await registry.getPastVotes(bob.address, before)).to.equal(1n);
      expect(await registry.getPastVotes(bob.address, delegated)).to.equal(2n);
      expect(await registry.getPastDelegate(alice.address, before)).to.equal(alice.address);
      expect(await registry.getPastDelegate(alice.address, delegated)).to.equal(bob.address);
      expect(await registry.getPastBalanceOf(alice.address, delegated)).to.equal(1n);
      expect(await registry.getPastTotalSupply(delegated)).to.equal(3n);
      expect(await registry.getVotes(alice.address)).to.equal(1n);
    });

    it("moves a vote from one delegate to another", async () => {
      const { registry, alice, bob, carol } = await networkHelpers.loadFixture(setup);
      await registry.connect(alice).delegate(bob.address);
      await expect(registry.connect(alice).delegate(carol.address))
        .to.emit(registry, "DelegateVotesChanged")
        .withArgs(bob.address, 2, 1)
        .and.to.emit(registry, "DelegateVotesChanged")
        .withArgs(carol.address, 1, 2);
      expect(await registry.getVotes(alice.address)).to.equal(0n);
    });

    it("delegating to the current delegate changes nothing", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(setup);
      await expect(registry.connect(alice).delegate(alice.address))
        .to.emit(registry, "DelegateChanged")
        .withArgs(alice.address, alice.address, alice.address)
        .and.not.to.emit(registry, "DelegateVotesChanged");
      expect(await registry.getVotes(alice.address)).to.equal(1n);
    });

    it("answers the past before any checkpoint with zeros", async () => {
      const { registry, outsiders } = await networkHelpers.loadFixture(setup);
      const now = await networkHelpers.time.latest();
      expect(await registry.getPastVotes(outsiders[0].address, now - 1)).to.equal(0n);
      expect(await registry.getPastDelegate(outsiders[0].address, now - 1)).to.equal(
        ethers.ZeroAddress,
      );
      expect(await registry.getPastTotalSupply(0)).to.equal(0n);
      expect(await registry.delegates(outsiders[0].address)).to.equal(ethers.ZeroAddress);
    });

    it("refuses lookups at or after the current timepoint", async () => {
      const { registry, alice } = await networkHelpers.loadFixture(setup);
      const now = BigInt(await networkHelpers.time.latest());
      for (const call of [
        registry.getPastVotes(alice.address, now),
        registry.getPastDelegate(alice.address, now + 1n),
        registry.getPastBalanceOf(alice.address, now),
        registry.getPastTotalSupply(now),
      ]) {
        await expect(call).to.be.revertedWithCustomError(registry, "ERC5805FutureLookup");
      }
      await expect(registry.getPastVotes(alice.address, now))
        .to.be.revertedWithCustomError(registry, "ERC5805FutureLookup")
        .withArgs(now, now);
    });

    it("refuses delegation by accounts without a vote", async () => {
      const { registry, alice, bob, coop, outsiders } = await networkHelpers.loadFixture(setup);
      await registry.suspend(alice.address, "");
      for (const [account, kind, status] of [
        [outsiders[0], Kind.None, Status.None],
        [alice, Kind.Person, Status.Suspended],
        [coop, Kind.Cooperative, Status.Admitted],
      ] as const) {
        await expect(registry.connect(account).delegate(bob.address))
          .to.be.revertedWithCustomError(registry, "MembershipNotVoter")
          .withArgs(account.address, kind, status);
      }
    });

    it("refuses delegation to anyone but an admitted, unsuspended Person", async () => {
      const { registry, alice, bob, place, outsiders } = await networkHelpers.loadFixture(setup);
      await registry.suspend(bob.address, "");
      for (const [delegatee, kind, status] of [
        [ethers.ZeroAddress, Kind.None, Status.None],
        [outsiders[0].address, Kind.None, Status.None],
        [bob.address, Kind.Person, Status.Suspended],
        [place.address, Kind.Place, Status.Admitted],
      ] as const) {
        await expect(registry.connect(alice).delegate(delegatee))
          .to.be.revertedWithCustomError(registry, "MembershipInvalidDelegatee")
          .withArgs(delegatee, kind, status);
      }
      expect(await registry.delegates(alice.address)).to.equal(alice.address);
    });

    it("keeps one checkpoint per timepoint when several changes share a block", async () => {
      const { registry, alice, bob } = await networkHelpers.loadFixture(setup);
      await networkHelpers.mine();
      const before = await networkHelpers.time.latest();
      await ethers.provider.send("evm_setAutomine", [false]);
      try {
        await registry.connect(alice).delegate(bob.address);
        await registry.connect(alice).delegate(alice.address);
        await registry.suspend(bob.address, "");
        await networkHelpers.mine();
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
      }
      const block = await networkHelpers.time.latest();
      await networkHelpers.mine();
      expect(await registry.getPastVotes(bob.address, before)).to.equal(1n);
      expect(await registry.getPastVotes(bob.address, block)).to.equal(0n);
      expect(await registry.getPastVotes(alice.address, block)).to.equal(1n);
      expect(await registry.getPastDelegate(alice.address, block)).to.equal(alice.address);
      expect(await registry.getPastTotalSupply(block)).to.equal(2n);
    });

    it("counts total votes as admitted, unsuspended Persons through admissions and expulsions", async () => {
      const { registry, alice, outsiders } = await networkHelpers.loadFixture(setup);
      await registry.admit(outsiders[0].address, Kind.Person, PROFILE, PROFILE_HASH);
      const four = await networkHelpers.time.latest();
      await registry.expel(alice.address, "");
      const three = await networkHelpers.time.latest();
      await networkHelpers.mine();
      expect(await registry.getPastTotalSupply(four)).to.equal(4n);
      expect(await registry.getPastTotalSupply(three)).to.equal(3n);
      expect(await registry.getPastBalanceOf(alice.address, four)).to.equal(1n);
      expect(await registry.getPastBalanceOf(alice.address, three)).to.equal(0n);
    });
  });

  describe("votes with standing", () => {
    it("answers past votes and present standing in one call, as getPastVotes does", async () => {
      const { registry, alice, bob, carol, coop, outsiders } =
        await networkHelpers.loadFixture(setup);
      await registry.connect(alice).delegate(bob.address);
      const delegated = await networkHelpers.time.latest();
      await registry.suspend(bob.address, "review");
      await registry.expel(carol.address, "fraud");
      await networkHelpers.mine();
      for (const [account, votes, standing] of [
        [alice, 0n, true],
        [bob, 2n, false],
        [carol, 1n, false],
        [coop, 0n, false],
        [outsiders[0], 0n, false],
      ] as const) {
        expect(await registry.getPastVotes(account.address, delegated)).to.equal(votes);
        expect(await registry.votingPowerOf(account.address, delegated)).to.deep.equal([
          votes,
          standing,
        ]);
      }
      expect(await registry.ownVoteOf(alice.address, delegated)).to.deep.equal([
        1n,
        bob.address,
        true,
      ]);
      expect(await registry.ownVoteOf(bob.address, delegated)).to.deep.equal([
        1n,
        bob.address,
        false,
      ]);
      const now = BigInt(await networkHelpers.time.latest());
      for (const call of [
        registry.votingPowerOf(alice.address, now),
        registry.ownVoteOf(alice.address, now),
      ]) {
        await expect(call)
          .to.be.revertedWithCustomError(registry, "ERC5805FutureLookup")
          .withArgs(now, now);
      }
    });
  });

  describe("delegation by signature", () => {
    async function signDelegation(
      signerIndex: number,
      delegatee: string,
      nonce: bigint,
      expiry: bigint,
      verifyingContract: string,
    ) {
      const signers = await ethers.getSigners();
      const { chainId } = await ethers.provider.getNetwork();
      const signature = await signers[signerIndex].signTypedData(
        { name: "SPIN Membership", version: "1", chainId, verifyingContract },
        {
          Delegation: [
            { name: "delegatee", type: "address" },
            { name: "nonce", type: "uint256" },
            { name: "expiry", type: "uint256" },
          ],
        },
        { delegatee, nonce, expiry },
      );
      return ethers.Signature.from(signature);
    }

    it("delegates for a signer, once per nonce", async () => {
      const { registry, alice, bob, outsiders } = await networkHelpers.loadFixture(setup);
      const address = await registry.getAddress();
      const expiry = BigInt(await networkHelpers.time.latest()) + 3600n;
      const { v, r, s } = await signDelegation(1, bob.address, 0n, expiry, address);
      const relayer = registry.connect(outsiders[0]);
      await expect(relayer.delegateBySig(bob.address, 0, expiry, v, r, s))
        .to.emit(registry, "DelegateChanged")
        .withArgs(alice.address, alice.address, bob.address);
      expect(await registry.nonces(alice.address)).to.equal(1n);
      await expect(relayer.delegateBySig(bob.address, 0, expiry, v, r, s))
        .to.be.revertedWithCustomError(registry, "InvalidAccountNonce")
        .withArgs(alice.address, 1);
    });

    it("refuses an expired signature", async () => {
      const { registry, bob } = await networkHelpers.loadFixture(setup);
      const expiry = BigInt(await networkHelpers.time.latest()) - 1n;
      const { v, r, s } = await signDelegation(
        1,
        bob.address,
        0n,
        expiry,
        await registry.getAddress(),
      );
      await expect(registry.delegateBySig(bob.address, 0, expiry, v, r, s))
        .to.be.revertedWithCustomError(registry, "VotesExpiredSignature")
        .withArgs(expiry);
    });

    it("exposes the EIP-712 domain separator it verifies against", async () => {
      const { registry } = await networkHelpers.loadFixture(setup);
      const { chainId } = await ethers.provider.getNetwork();
      const expected = ethers.TypedDataEncoder.hashDomain({
        name: "SPIN Membership",
        version: "1",
        chainId,
        verifyingContract: await registry.getAddress(),
      });
      expect(await registry.DOMAIN_SEPARATOR()).to.equal(expected);
    });
  });
});
