import { expect } from "chai";
import { network } from "hardhat";
import { fromRlp, getAddress, type Address, type Hex } from "viem";
import {
  validatorAddressOf,
  enodeUrl,
  enodeUrlKey,
  normalizeEnodeId,
} from "../../../scripts/network/enode.ts";
import { buildQbftGenesis, sortValidators } from "../../../scripts/network/genesis.ts";
import { encodeQbftExtraData } from "../../../scripts/network/qbft-extra-data.ts";

const { ethers } = await network.create();

describe("network: QBFT genesis", function () {
  describe("extraData golden vectors from Besu's documentation", function () {
    // Source: https://besu.hyperledger.org/private-networks/how-to/configure/consensus/qbft
    // ("Generate extra data": the toEncode.json list of four validators and the output of
    // `besu rlp encode --from=toEncode.json --type=QBFT_EXTRA_DATA`).
    it("matches `besu rlp encode` of the documented toEncode.json", function () {
      const toEncode: Address[] = [
        "0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb",
        "0x06e23768a0f59cf365e18c2e0c89e151bcdedc70",
        "0xc5327f96ee02d7bcbc1bf1236b8c15148971e1de",
        "0xab5e7f4061c605820d3744227eed91ff8e2c8908",
      ];
      expect(encodeQbftExtraData(toEncode)).to.equal(
        "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f854944592c8e45706cc08b8f44b11e43cba0cfc5892cb9406e23768a0f59cf365e18c2e0c89e151bcdedc7094c5327f96ee02d7bcbc1bf1236b8c15148971e1de94ab5e7f4061c605820d3744227eed91ff8e2c8908c080c0",
      );
    });

    // Source: same page, "Genesis file", tab "Block header validator selection": the example
    // genesis's extraData for its four validators.
    it("matches the extraData of the documented block-header-selection genesis", function () {
      const validators = [
        "0x64a702e6263b7297a96638cac6ae65e6541f4169",
        "0x3923390ad55e90c237593b3b0e401f3b08a03185",
        "0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692",
        "0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78",
      ].map((a) => getAddress(a));
      expect(encodeQbftExtraData(validators)).to.equal(
        "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0",
      );
    });

    // Source: same page, tab "Contract validator selection": no validators in the header.
    it("matches the extraData of the documented contract-selection genesis (no validators)", function () {
      expect(encodeQbftExtraData([])).to.equal(
        "0xe5a00000000000000000000000000000000000000000000000000000000000000000c0c080c0",
      );
    });

    it("refuses vanity data that is not 32 bytes", function () {
      expect(() => encodeQbftExtraData([], "0x00")).to.throw("exactly 32 bytes");
    });
  });

  describe("validator addresses from enode ids", function () {
    it("derives the address a node key signs with (keccak256 of the public key, last 20 bytes)", function () {
      for (let i = 0; i < 3; i++) {
        const wallet = ethers.Wallet.createRandom();
        const enodeId = wallet.signingKey.publicKey.slice(4); // drop 0x04: 64-byte key
        expect(validatorAddressOf(enodeId)).to.equal(wallet.address);
        expect(validatorAddressOf(`0x${enodeId.toUpperCase()}`)).to.equal(wallet.address);
      }
    });

    it("refuses an enode id that is not a 64-byte key", function () {
      expect(() => validatorAddressOf("abcd")).to.throw("64-byte public key");
      expect(() => normalizeEnodeId("g".repeat(128))).to.throw("64-byte public key");
    });

    it("writes and compares enode URLs the way Besu spells them", function () {
      const id = "ab".repeat(64);
      expect(enodeUrl({ enodeId: id, host: "10.0.0.1", port: 30303 })).to.equal(
        `enode://${id}@10.0.0.1:30303`,
      );
      expect(enodeUrl({ enodeId: id, host: "::1", port: 30303 })).to.equal(
        `enode://${id}@[::1]:30303`,
      );
      expect(enodeUrlKey(`enode://${id.toUpperCase()}@10.0.0.1:30303?discport=30303`)).to.equal(
        enodeUrlKey(`enode://${id}@10.0.0.1:30303`),
      );
      expect(() => enodeUrlKey("enode://nope")).to.throw("not an enode URL");
    });
  });

  describe("genesis file", function () {
    const validators = [
      "0xC5327f96ee02d7bcbc1bf1236b8c15148971e1de",
      "0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb",
      "0xaB5e7f4061c605820d3744227eed91ff8e2c8908",
      "0x06E23768A0F59cf365e18c2e0c89e151bcdedc70",
    ].map((a) => getAddress(a));

    it("lists validators in ascending order in extraData", function () {
      const genesis = buildQbftGenesis({ chainId: 4242, validators });
      const [vanity, listed, vote, round, seals] = fromRlp(genesis.extraData as Hex) as [
        Hex,
        Hex[],
        Hex[],
        Hex,
        Hex[],
      ];
      expect(vanity).to.equal(`0x${"00".repeat(32)}`);
      expect(listed.map((a) => getAddress(a))).to.deep.equal(sortValidators(validators));
      expect(listed.map((a) => getAddress(a))).to.deep.equal([
        validators[3],
        validators[1],
        validators[2],
        validators[0],
      ]);
      expect([vote, round, seals]).to.deep.equal([[], "0x", []]);
    });

    it("sets the chain id, QBFT, a zero base fee and every fork up to Cancun", function () {
      const genesis = buildQbftGenesis({ chainId: 4242, validators }) as {
        config: Record<string, unknown>;
        mixHash: string;
        difficulty: string;
      };
      expect(genesis.config).to.include({
        chainId: 4242,
        zeroBaseFee: true,
        londonBlock: 0,
        cancunTime: 0,
      });
      expect(genesis.config.qbft).to.deep.equal({
        blockperiodseconds: 2,
        epochlength: 30_000,
        requesttimeoutseconds: 4,
      });
      expect(genesis.mixHash).to.equal(
        "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
      );
      expect(genesis.difficulty).to.equal("0x1");
    });

    it("refuses a network without validators", function () {
      expect(() => buildQbftGenesis({ chainId: 1, validators: [] })).to.throw(
        "at least one validator",
      );
    });
  });
});
