/**
 * The coverage tool's own tests: which decisions it finds in a source, how it counts their
 * outcomes, and that its probes report the right outcome without changing what the code does.
 */
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import { branchesOf } from "../../../scripts/coverage/branches.ts";
import {
  addDecisionProbes,
  decisionTag,
  decisionsOf,
  parse,
} from "../../../scripts/coverage/decisions.ts";

const require = createRequire(import.meta.url);
const solc = require("solc") as { compile(input: string): string; version(): string };
const solcVersion = (require("solc/package.json") as { version: string }).version;
const { ethers } = await network.create();

const FIXTURE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;
import "Stub.sol";

contract Fixture {
    uint256 public constant LIMIT = 1 > 0 ? 10 : 20;

    function pick(uint256 x) external pure returns (uint256) {
        return x > 5 ? 1 : 2;
    }

    function both(bool a, bool b) external pure returns (bool) {
        return a && b;
    }

    function safeRatio(uint256 a, uint256 b) external pure returns (bool) {
        return b != 0 && a / b > 1;
    }

    function any3(bool a, bool b, bool c) external pure returns (bool) {
        return (a || b) || c;
    }

    function nested(uint256 x) external pure returns (uint256) {
        return (x > 1 && x < 10) ? x : 0;
    }

    function guarded(uint256 x) external pure returns (uint256) {
        if (x == 0 || x > 100) return 0;
        return x;
    }
}
`;

/** A coverage library that records nothing: the probed fixture must behave as the original. */
const SILENT = `pragma solidity ^0.8.28;
library StubCoverage { function sendHit(uint256) internal pure {} }`;
/** A coverage library that stops at the first hit and says which it was. */
const TELLING = `pragma solidity ^0.8.28;
error Hit(uint256 tag);
library StubCoverage { function sendHit(uint256 tag) internal pure { revert Hit(tag); } }`;

async function deployProbed(stub: string) {
  const probed = addDecisionProbes(FIXTURE, "Fixture.sol", 13, "StubCoverage");
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { "Fixture.sol": { content: probed }, "Stub.sol": { content: stub } },
        settings: { outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
      }),
    ),
  ) as {
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
    errors?: { severity: string; formattedMessage: string }[];
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const { abi, evm } = output.contracts["Fixture.sol"].Fixture;
  const factory = new ethers.ContractFactory(abi as never, evm.bytecode.object, (await ethers.getSigners())[0]);
  const contract = await factory.deploy();
  await contract.waitForDeployment();
  return contract as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
}

const tag = (rank: number, outcome: boolean) => BigInt(`0x${decisionTag("Fixture.sol", rank, outcome)}`);

describe("coverage tool: decisions inside expressions", () => {
  it("finds every ternary condition and every leaf operand of && and ||, in source order", () => {
    const decisions = decisionsOf(parse("Fixture.sol", FIXTURE));
    expect(decisions.map((d) => d.kind)).to.deep.equal([
      "ternary", // pick: x > 5
      "&&", // both: a
      "&&", // both: b
      "&&", // safeRatio: b != 0
      "&&", // safeRatio: a / b > 1
      "||", // any3: a
      "||", // any3: b
      "||", // any3: c (the (a || b) operand is not a decision: its operands are)
      "ternary", // nested: (x > 1 && x < 10)
      "&&", // nested: x > 1
      "&&", // nested: x < 10
      "||", // guarded: x == 0
      "||", // guarded: x > 100
    ]);
    const text = (d: { start: number; length: number }) =>
      Buffer.from(FIXTURE).subarray(d.start, d.start + d.length).toString();
    expect(text(decisions[0])).to.equal("x > 5");
    expect(text(decisions[8])).to.equal("(x > 1 && x < 10)");
    expect(text(decisions[12])).to.equal("x > 100");
  });

  it("counts each decision's true and false outcomes as branches, from the probes' hits", () => {
    const hits = new Map<string, number>([
      [decisionTag("Fixture.sol", 0, true), 3],
      [decisionTag("Fixture.sol", 1, false), 1],
    ]);
    const branches = branchesOf("Fixture.sol", FIXTURE, solcVersion, hits);
    const decisionBranches = branches.filter((b) => !b.label.startsWith("if") && !b.label.startsWith("require"));
    expect(decisionBranches).to.have.length(26);
    const pick = branches.filter((b) => b.line === 9);
    expect(pick).to.deep.equal([
      { line: 9, label: "ternary `x > 5`: true", taken: true },
      { line: 9, label: "ternary `x > 5`: false", taken: false },
    ]);
    expect(branches.filter((b) => b.line === 13)).to.deep.equal([
      { line: 13, label: "&& operand `a`: true", taken: false },
      { line: 13, label: "&& operand `a`: false", taken: true },
      { line: 13, label: "&& operand `b`: true", taken: false },
      { line: 13, label: "&& operand `b`: false", taken: false },
    ]);
    // The `if` on line 29 still counts its own two sides, beside its operands' four.
    expect(branches.filter((b) => b.line === 29).map((b) => b.label)).to.have.members([
      "if: true",
      "if: false",
      "|| operand `x == 0`: true",
      "|| operand `x == 0`: false",
      "|| operand `x > 100`: true",
      "|| operand `x > 100`: false",
    ]);
  });

  it("leaves what the code computes unchanged, short-circuits included", async () => {
    const probed = await deployProbed(SILENT);
    expect(await probed.pick(9)).to.equal(1n);
    expect(await probed.pick(2)).to.equal(2n);
    expect(await probed.both(true, false)).to.equal(false);
    expect(await probed.both(true, true)).to.equal(true);
    // b == 0: the division is never evaluated.
    expect(await probed.safeRatio(5, 0)).to.equal(false);
    expect(await probed.safeRatio(5, 2)).to.equal(true);
    expect(await probed.any3(false, false, true)).to.equal(true);
    expect(await probed.any3(false, false, false)).to.equal(false);
    expect(await probed.nested(5)).to.equal(5n);
    expect(await probed.nested(50)).to.equal(0n);
    expect(await probed.guarded(0)).to.equal(0n);
    expect(await probed.guarded(7)).to.equal(7n);
    expect(await probed.LIMIT()).to.equal(10n);
  });

  it("reports the outcome each decision took, with its own tag", async () => {
    const probed = await deployProbed(TELLING);
    const firstHit = async (call: Promise<unknown>) => {
      const error = (await call.catch((e: unknown) => e)) as { data?: string; info?: { error?: { data?: string } } };
      const data = error.data ?? error.info?.error?.data;
      const decoded = new ethers.Interface(["error Hit(uint256 tag)"]).parseError(data!);
      return decoded!.args.tag as bigint;
    };
    expect(await firstHit(probed.pick(9))).to.equal(tag(0, true));
    expect(await firstHit(probed.pick(2))).to.equal(tag(0, false));
    expect(await firstHit(probed.both(false, true))).to.equal(tag(1, false));
    expect(await firstHit(probed.safeRatio(5, 0))).to.equal(tag(3, false));
    expect(await firstHit(probed.any3(false, true, false))).to.equal(tag(5, false));
    // The ternary's operands are evaluated (and reported) before the ternary's own outcome.
    expect(await firstHit(probed.nested(0))).to.equal(tag(9, false));
    expect(await firstHit(probed.guarded(0))).to.equal(tag(11, true));
  });

  it("finds as many decisions in every contract after Hardhat's instrumentation as before", async () => {
    const edr = require("@nomicfoundation/edr") as {
      addStatementCoverageInstrumentation(s: string, n: string, v: string): { source: string };
    };
    const root = path.resolve(import.meta.dirname, "../../..");
    const entries = await readdir(path.join(root, "contracts"), { recursive: true, withFileTypes: true });
    let probedSources = 0;
    for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(".sol"))) {
      const file = path.join(entry.parentPath, entry.name);
      const name = path.relative(root, file).split(path.sep).join("/");
      const content = await readFile(file, "utf8");
      const expected = decisionsOf(parse(name, content)).length;
      const { source } = edr.addStatementCoverageInstrumentation(content, `project/${name}`, solcVersion);
      const probed = addDecisionProbes(source, name, expected);
      if (expected > 0) {
        expect(probed, name).to.contain("__NomicFoundationCoverage.sendHit(value ? whenTrue : whenFalse)");
        probedSources++;
      } else {
        expect(probed, name).to.equal(source);
      }
    }
    expect(probedSources).to.be.greaterThan(5);
  });

  it("refuses a source whose instrumentation changed its decisions", () => {
    expect(() => addDecisionProbes(FIXTURE, "Fixture.sol", 12)).to.throw(
      "Fixture.sol: 13 decisions after instrumentation, 12 before",
    );
  });
});
