import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import { parseAddressBook } from "@spin/shared";
import type { NetworkConnection } from "hardhat/types/network";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { deploySpin } from "../../../scripts/deploy/spin.ts";
import { shippedLicences } from "../../../scripts/deploy/licences.ts";

const ADMIN = `0x${"00".repeat(32)}`;
const Status = { Admitted: 2n } as const;

// A real node over HTTP, as a deployment to any network sees it: Ignition keeps its journal on
// disk for such networks, which is what makes a second run resume instead of redeploying.
describe("deployment", () => {
  let dir: string;
  let anvil: Anvil;
  let connection: NetworkConnection;
  let ethers: NetworkConnection["ethers"];
  const deploymentId = `test-${process.pid}-${Date.now()}`;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "spin-deploy-"));
    // Coverage runs instrument the contracts past EIP-170; npm test checks the real ones.
    anvil = await startAnvil({ port: 18_545 + (process.pid % 1000), unlimitedCodeSize: true });
    connection = await network.create({ network: "local", override: { url: anvil.url } });
    ethers = connection.ethers;
  });
  after(async () => {
    await anvil?.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(import.meta.dirname, "../../../ignition/deployments", deploymentId), {
      recursive: true,
      force: true,
    });
  });

  async function deploy() {
    const [, alice, coop] = await ethers.getSigners();
    return deploySpin(connection, {
      deploymentsDir: dir,
      deploymentId,
      parameters: { initialAllocation: 1_000n * 10n ** 18n },
      founders: [
        {
          account: alice.address,
          kind: "Person",
          profileURI: "ipfs://alice",
          profileHash: ethers.id("alice"),
        },
        {
          account: coop.address,
          kind: "Place",
          profileURI: "ipfs://fablab",
          profileHash: ethers.id("fablab"),
          place: {
            name: "Fablab",
            latitudeE6: 48_856_600,
            longitudeE6: 2_352_200,
            country: "FR",
            machines: ["laser"],
          },
        },
      ],
    });
  }

  it("deploys every contract, wires them and leaves no admin power with the deployer", async () => {
    const [deployer, alice, place] = await ethers.getSigners();
    const book = await deploy();
    const at = (name: keyof typeof book.contracts) => book.contracts[name].address;
    const registry = await ethers.getContractAt("CommonsRegistry", at("CommonsRegistry"));
    const coin = await ethers.getContractAt("SpinCoin", at("SpinCoin"));
    const fund = await ethers.getContractAt("CommonFund", at("CommonFund"));
    const timelock = await ethers.getContractAt("SpinTimelock", at("SpinTimelock"));
    const templates = await ethers.getContractAt("LicenceTemplates", at("LicenceTemplates"));

    for (const name of [
      "CommonsRegistry",
      "SpinCoin",
      "CommonFund",
      "LicenceTemplates",
      "WorksRegistry",
      "Licensing",
    ] as const) {
      const contract = await ethers.getContractAt(name, at(name));
      expect(
        await contract.hasRole(ADMIN, at("SpinTimelock")),
        `${name}: timelock is admin`,
      ).to.equal(true);
      expect(
        await contract.hasRole(ADMIN, deployer.address),
        `${name}: deployer is not admin`,
      ).to.equal(false);
    }
    expect(await timelock.hasRole(ADMIN, deployer.address)).to.equal(false);
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), at("SpinGovernor"))).to.equal(
      true,
    );
    expect(await timelock.hasRole(await timelock.CANCELLER_ROLE(), at("SpinGovernor"))).to.equal(
      true,
    );
    // Only the governor executes (anyone may call governor.execute): no open executor role.
    expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), at("SpinGovernor"))).to.equal(
      true,
    );
    expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(
      false,
    );
    // The registry's Admissions is in the address book, with the deployment's admission rule.
    expect(await registry.admissions()).to.equal(at("Admissions"));
    const admissions = await ethers.getContractAt("Admissions", at("Admissions"));
    const rule = await admissions.admissionRule();
    expect([rule.vouchThreshold, rule.admissionDelay, rule.ripeningPeriod]).to.deep.equal([
      3n,
      14n * 86_400n,
      14n * 86_400n,
    ]);

    expect(await registry.isProtocolAccount(at("CommonFund"))).to.equal(true);
    expect(await registry.isProtocolAccount(at("Licensing"))).to.equal(true);
    expect(await fund.hasRole(await fund.CREDITOR_ROLE(), at("Licensing"))).to.equal(true);
    expect(await coin.balanceOf(at("CommonFund"))).to.equal(1_000n * 10n ** 18n);
    // The allocation is split among the sub-funds as the default allocationBps says.
    const shares = [400n, 200n, 200n, 200n].map((n) => n * 10n ** 18n);
    for (const [id, share] of shares.entries()) {
      expect((await fund.subFund(id)).balance, `sub-fund ${id}`).to.equal(share);
    }
    expect(await fund.unassigned()).to.equal(0n);
    expect(await templates.templateCount()).to.equal(BigInt(shippedLicences().length));
    for (const licence of shippedLicences()) {
      const [name, legalTextHash] = await templates.legalTextOf(licence.id);
      expect([name, legalTextHash], `licence id ${licence.id}`).to.deep.equal([
        licence.name,
        licence.sha256,
      ]);
    }

    expect(await registry.statusOf(alice.address)).to.equal(Status.Admitted);
    expect(await registry.statusOf(place.address)).to.equal(Status.Admitted);
    expect(await registry.getVotes(alice.address)).to.equal(1n);

    const written = parseAddressBook(
      JSON.parse(await readFile(path.join(dir, `${book.chainId}.json`), "utf8")),
    );
    expect(written).to.deep.equal(book);
    for (const entry of Object.values(book.contracts)) {
      expect(await ethers.provider.getCode(entry.address, entry.deploymentBlock)).to.not.equal(
        "0x",
      );
      if (entry.deploymentBlock > 0) {
        expect(await ethers.provider.getCode(entry.address, entry.deploymentBlock - 1)).to.equal(
          "0x",
        );
      }
    }
  });

  it("does not deploy again when run a second time", async () => {
    const first = JSON.parse(await readFile(path.join(dir, "31337.json"), "utf8"));
    const blockBefore = await ethers.provider.getBlockNumber();
    const again = await deploy();
    expect(again.contracts).to.deep.equal(first.contracts);
    expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore);
  });
});
