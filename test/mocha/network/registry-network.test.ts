import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { network } from "hardhat";
import type { CommonsRegistry } from "../../../types/ethers-contracts/index.ts";
import { createPublicClient, custom, fromRlp, getAddress, type Address, type Hex } from "viem";
import { serveProvider, type ProviderServer } from "@spin/gateway";
import { allowlistsFrom } from "../../../scripts/network/allowlists.ts";
import { enodeUrl, validatorAddressOf } from "../../../scripts/network/enode.ts";
import { generateNetworkFiles } from "../../../scripts/network/network-files.ts";
import { readRegistryState, type RegistryState } from "../../../scripts/network/read-registry.ts";
import { besuRpc } from "../../../scripts/network/besu-rpc.ts";
import { applySync, isEmptyPlan, planSync } from "../../../scripts/network/sync.ts";
import { startMockBesu } from "./mock-besu.ts";

const run = promisify(execFile);
const { ethers, provider } = await network.create();
const Kind = { Person: 1, Cooperative: 2 };
const client = createPublicClient({ transport: custom(provider) });

function newEnodeId(): string {
  return ethers.Wallet.createRandom().signingKey.publicKey.slice(4);
}

describe("network: Besu files and allowlists from the registry", function () {
  let registry: CommonsRegistry;
  let registryAddress: Address;
  let members: {
    person: string;
    coopA: string;
    coopB: string;
    suspendedPerson: string;
    applicant: string;
  };
  const enodes = {
    a1: newEnodeId(),
    a2: newEnodeId(),
    b1: newEnodeId(),
    b2: newEnodeId(),
  };

  async function state(): Promise<RegistryState> {
    return readRegistryState(client, registryAddress);
  }

  before(async function () {
    const [admin, person, coopA, coopB, suspendedPerson, applicant] = await ethers.getSigners();
    members = {
      person: person.address,
      coopA: coopA.address,
      coopB: coopB.address,
      suspendedPerson: suspendedPerson.address,
      applicant: applicant.address,
    };
    registry = await ethers.deployContract("CommonsRegistry", [admin.address, 2, 7 * 24 * 3600]);
    registryAddress = getAddress(await registry.getAddress());
    const profile = ethers.id("profile");
    const admit = registry.admit;
    const addEnode = registry.addEnode;
    await (await admit(person.address, Kind.Person, "ipfs://p", profile)).wait();
    await (await admit(coopA.address, Kind.Cooperative, "ipfs://a", profile)).wait();
    await (await admit(coopB.address, Kind.Cooperative, "ipfs://b", profile)).wait();
    await (await admit(suspendedPerson.address, Kind.Person, "ipfs://s", profile)).wait();
    await (await addEnode(enodes.a1, "10.0.0.1", 30303, coopA.address)).wait();
    await (await addEnode(enodes.a2, "10.0.0.2", 30303, coopA.address)).wait();
    await (await addEnode(enodes.b1, "10.0.1.1", 30303, coopB.address)).wait();
    await (await addEnode(enodes.b2, "node.example.org", 30304, coopB.address)).wait();
    const admissions = await ethers.getContractAt("Admissions", await registry.admissions());
    await (
      await admissions.connect(applicant).applyForAdmission(Kind.Person, "ipfs://x", profile)
    ).wait();
  });

  async function expectAllowlistsMatchRegistry(current: RegistryState): Promise<void> {
    const lists = allowlistsFrom(current);
    for (const account of current.accounts) {
      const allowed = (await registry.transactionAllowed(
        account.address,
        ethers.ZeroAddress,
        0,
        0,
        0,
        "0x",
      )) as boolean;
      expect(lists.accounts.includes(account.address), account.address).to.equal(allowed);
    }
    for (const enode of current.enodes) {
      const allowed = (await registry.connectionAllowed(
        enode.enodeId,
        enode.host,
        enode.port,
      )) as boolean;
      expect(lists.nodes.includes(enodeUrl(enode)), enode.host).to.equal(allowed);
    }
  }

  describe("allowlists", function () {
    it("allow admitted members and their nodes, not applicants", async function () {
      const current = await state();
      // Applications live in Admissions: the registry lists participants only.
      expect(current.accounts.map((a) => a.address)).not.to.include(members.applicant);
      const lists = allowlistsFrom(current);
      expect(lists.accounts).to.have.members([
        members.person,
        members.coopA,
        members.coopB,
        members.suspendedPerson,
      ]);
      expect(lists.nodes).to.have.length(4);
      expect(lists.nodes).to.include(`enode://${enodes.b2}@node.example.org:30304`);
      await expectAllowlistsMatchRegistry(current);
    });

    it("drop suspended members, and the nodes of a suspended owner, until reinstated", async function () {
      await (await registry.suspend(members.suspendedPerson, "test")).wait();
      await (await registry.suspend(members.coopB, "test")).wait();
      const suspended = await state();
      const lists = allowlistsFrom(suspended);
      expect(lists.accounts).to.have.members([members.person, members.coopA]);
      expect(lists.nodes).to.have.members([
        `enode://${enodes.a1}@10.0.0.1:30303`,
        `enode://${enodes.a2}@10.0.0.2:30303`,
      ]);
      await expectAllowlistsMatchRegistry(suspended);

      await (await registry.reinstate(members.coopB, "test")).wait();
      const reinstated = await state();
      expect(allowlistsFrom(reinstated).nodes).to.have.length(4);
      await expectAllowlistsMatchRegistry(reinstated);
    });

    it("add explicit bootstrap accounts once, sorted with the members", async function () {
      const deployer = getAddress("0x000000000000000000000000000000000000dEaD");
      const lists = allowlistsFrom(await state(), [deployer, deployer, getAddress(members.person)]);
      expect(lists.accounts.filter((a) => a === deployer)).to.have.length(1);
      expect(lists.accounts.filter((a) => a === members.person)).to.have.length(1);
      const sorted = [...lists.accounts].sort((a, b) =>
        a.toLowerCase() < b.toLowerCase() ? -1 : 1,
      );
      expect(lists.accounts).to.deep.equal(sorted);
    });

    it("follow removed enodes", async function () {
      await (await registry.removeEnode(enodes.a2, "10.0.0.2", 30303)).wait();
      const current = await state();
      expect(allowlistsFrom(current).nodes).to.not.include(`enode://${enodes.a2}@10.0.0.2:30303`);
      await expectAllowlistsMatchRegistry(current);
    });
  });

  describe("network files", function () {
    it("make every allowed enode a validator by default, each with its own directory", async function () {
      const files = generateNetworkFiles(await state(), {
        chainId: 4242,
        source: "test",
      });
      expect(files.validators.map((v) => v.address)).to.have.members(
        [enodes.a1, enodes.b1, enodes.b2].map(validatorAddressOf),
      );
      const genesis = JSON.parse(files.files.get("genesis.json") ?? "") as {
        extraData: Hex;
      };
      const [, listed] = fromRlp(genesis.extraData) as [Hex, Hex[]];
      expect(listed.map((a) => getAddress(a))).to.have.members(
        files.validators.map((v) => v.address),
      );
      for (const v of files.validators) {
        for (const name of [
          "config.toml",
          "genesis.json",
          "permissions_config.toml",
          "static-nodes.json",
        ]) {
          expect(files.files.has(`${v.directory}/${name}`), `${v.directory}/${name}`).to.equal(
            true,
          );
        }
      }
    });

    it("take only the listed validators with --validators", async function () {
      const files = generateNetworkFiles(await state(), {
        chainId: 4242,
        source: "test",
        validatorIds: [`0x${enodes.b1.toUpperCase()}`],
      });
      expect(files.validators.map((v) => v.address)).to.deep.equal([validatorAddressOf(enodes.b1)]);
    });

    it("refuse a validator that is not a registered enode of an admitted owner", async function () {
      expect(() =>
        generateNetworkFiles(
          { accounts: [], enodes: [] },
          { chainId: 1, source: "test", validatorIds: [enodes.a1] },
        ),
      ).to.throw("not a registered enode");
    });

    it("write a permissions file, static nodes and a validator config Besu reads", async function () {
      const files = generateNetworkFiles(await state(), {
        chainId: 4242,
        source: "test",
      });
      const permissions = files.files.get("permissions_config.toml") ?? "";
      expect(permissions).to.match(/^# Generated from test/);
      expect(permissions).to.include(`accounts-allowlist=[\n  "${files.allowlists.accounts[0]}",`);
      expect(permissions).to.include(`  "enode://${enodes.b2}@node.example.org:30304",`);
      expect(JSON.parse(files.files.get("static-nodes.json") ?? "")).to.deep.equal(
        files.allowlists.nodes,
      );
      const b2 = files.validators.find((v) => v.enode.enodeId === enodes.b2);
      const config = files.files.get(`${b2?.directory}/config.toml`) ?? "";
      for (const line of [
        'genesis-file="genesis.json"',
        'node-private-key-file="key"',
        'p2p-host="node.example.org"',
        "p2p-port=30304",
        "permissions-accounts-config-file-enabled=true",
        'permissions-nodes-config-file="permissions_config.toml"',
        "min-gas-price=0",
        'rpc-http-host="127.0.0.1"',
      ]) {
        expect(config).to.include(line);
      }
    });

    it("are written by the network:besu command", async function () {
      const node: ProviderServer = await serveProvider(provider);
      const out = await mkdtemp(join(tmpdir(), "spin-besu-"));
      try {
        const { stdout } = await run(process.execPath, [
          "scripts/network/besu.ts",
          "--rpc",
          node.url,
          "--registry",
          registryAddress,
          "--chain-id",
          "4242",
          "--out",
          out,
          "--allow",
          "0x000000000000000000000000000000000000dEaD",
        ]);
        expect(stdout).to.match(/validators \(3\):/);
        expect(stdout).to.match(/warning: 3 validators tolerate no failure/);
        expect(stdout).to.match(/bootstrap account allowed outside the registry: 0x0+dEaD/);
        expect(await readdir(out)).to.have.members([
          "genesis.json",
          "permissions_config.toml",
          "static-nodes.json",
          "validators",
        ]);
        expect(await readdir(join(out, "validators"))).to.have.length(3);
        const genesis = JSON.parse(await readFile(join(out, "genesis.json"), "utf8")) as {
          config: { chainId: number };
        };
        expect(genesis.config.chainId).to.equal(4242);
      } finally {
        await rm(out, { recursive: true, force: true });
        await node.close();
      }
    });
  });

  describe("sync", function () {
    it("sends exactly the adds and removes a node needs, then nothing", async function () {
      const desired = allowlistsFrom(await state());
      const stale = "0x1111111111111111111111111111111111111111";
      const staleNode = `enode://${newEnodeId()}@10.9.9.9:30303`;
      // The node already has one member (in lowercase) and one allowed enode (with ?discport=).
      const kept = desired.accounts[0].toLowerCase();
      const keptNode = `${desired.nodes[0]}?discport=30303`;
      const besu = await startMockBesu([kept, stale], [keptNode, staleNode]);
      try {
        const call = besuRpc(besu.url);
        await applySync(call, await planSync(call, desired));
        expect(besu.calls).to.deep.equal([
          { method: "perm_getAccountsAllowlist", params: [] },
          { method: "perm_getNodesAllowlist", params: [] },
          {
            method: "perm_addNodesToAllowlist",
            params: [desired.nodes.slice(1)],
          },
          {
            method: "perm_addAccountsToAllowlist",
            params: [desired.accounts.slice(1)],
          },
          { method: "perm_removeAccountsFromAllowlist", params: [[stale]] },
          { method: "perm_removeNodesFromAllowlist", params: [[staleNode]] },
        ]);
        besu.calls.length = 0;
        const again = await planSync(call, desired);
        expect(isEmptyPlan(again)).to.equal(true);
        await applySync(call, again);
        expect(besu.calls.map((c) => c.method)).to.deep.equal([
          "perm_getAccountsAllowlist",
          "perm_getNodesAllowlist",
        ]);
      } finally {
        await besu.close();
      }
    });

    it("removes a member governance suspends, through the network:sync command", async function () {
      const before = allowlistsFrom(await state());
      const besu = await startMockBesu(before.accounts, before.nodes);
      const node = await serveProvider(provider);
      try {
        await (await registry.suspend(members.person, "test")).wait();
        const { stdout } = await run(process.execPath, [
          "scripts/network/besu-sync.ts",
          "--rpc",
          node.url,
          "--registry",
          registryAddress,
          "--node",
          besu.url,
        ]);
        expect(stdout).to.include(besu.url);
        expect(besu.calls.slice(2)).to.deep.equal([
          {
            method: "perm_removeAccountsFromAllowlist",
            params: [[members.person]],
          },
        ]);
        expect(besu.accounts).to.not.include(members.person);
      } finally {
        await registry.reinstate(members.person, "test");
        await node.close();
        await besu.close();
      }
    });

    it("fails loudly when a node cannot be reached", async function () {
      const call = besuRpc("http://127.0.0.1:9");
      let failure = "";
      try {
        await planSync(call, { accounts: [], nodes: [] });
      } catch (error) {
        failure = (error as Error).message;
      }
      expect(failure).to.match(/fetch failed|ECONNREFUSED/);
    });
  });
});
