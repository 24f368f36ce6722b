import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { withGasMargin } from "@spin/shared";
import { startAnvil, type Anvil } from "../../../scripts/chain/anvil.ts";
import { deploySpin } from "../../../scripts/deploy/spin.ts";
import { demoFounders } from "../../../scripts/seed/demo-commons.ts";

// Votes are kept per second (ERC-6372 timestamp clock). A node estimates a transaction on a block
// that can share the latest block's second, where a member's checkpoint from that second is
// rewritten in place; if the transaction lands in a later second, each checkpoint it touches
// takes a new storage slot. The networks' gas margin must cover the worst case: a delegation
// that moves a vote between two other members, all three written in the second it was
// estimated in.
describe("gas margin of the configured networks", function () {
  let dir: string;
  let anvil: Anvil;
  let connection: NetworkConnection;
  const deploymentId = `gas-margin-${process.pid}-${Date.now()}`;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "spin-gas-"));
    anvil = await startAnvil({ port: 17_545 + (process.pid % 1000), unlimitedCodeSize: true });
    connection = await network.create({ network: "local", override: { url: anvil.url } });
  });
  after(async () => {
    await connection?.close();
    await anvil?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    await rm(path.join(import.meta.dirname, "../../../ignition/deployments", deploymentId), {
      recursive: true,
      force: true,
    });
  });

  it("lands a delegation estimated in one second and mined in the next", async () => {
    const persons = demoFounders().filter((founder) => founder.kind === "Person");
    const book = await deploySpin(connection, {
      deploymentsDir: dir,
      deploymentId,
      founders: persons,
    });
    const { ethers } = connection;
    const provider = ethers.provider;
    const registryAs = async (index: number) =>
      ethers.getContractAt(
        "CommonsRegistry",
        book.contracts.CommonsRegistry.address,
        await ethers.getSigner(persons[index].account),
      );
    const [a, b, c, d] = persons.map((person) => person.account);

    // One block in second T writes the checkpoints of a, b, c and d.
    const second = (await provider.getBlock("latest"))!.timestamp + 10;
    await provider.send("evm_setAutomine", [false]);
    await provider.send("evm_setNextBlockTimestamp", [second]);
    const first = await (await registryAs(0)).delegate(b);
    const other = await (await registryAs(2)).delegate(d);
    await provider.send("evm_mine", []);
    expect((await first.wait())!.status).to.equal(1);
    expect((await other.wait())!.status).to.equal(1);

    // a moves its vote from b to c, estimated on a block of second T and mined in T + 1.
    await provider.send("evm_setNextBlockTimestamp", [second + 1]);
    const nextSecond = await (await registryAs(0)).delegate.estimateGas(c);
    await provider.send("evm_setNextBlockTimestamp", [second]);
    const sameSecond = await (await registryAs(0)).delegate.estimateGas(c);
    const moved = await (await registryAs(0)).delegate(c);
    await provider.send("evm_setNextBlockTimestamp", [second + 1]);
    await provider.send("evm_mine", []);
    await provider.send("evm_setAutomine", [true]);

    const receipt = await provider.getTransactionReceipt(moved.hash);
    expect(nextSecond, "the later second costs more").to.be.greaterThan(sameSecond);
    expect(moved.gasLimit).to.equal(withGasMargin(sameSecond));
    expect(receipt!.status, `ran out of gas at ${receipt!.gasUsed}`).to.equal(1);
    expect(receipt!.gasUsed).to.be.greaterThan(sameSecond);
    expect((await provider.getBlock(receipt!.blockNumber))!.timestamp).to.equal(second + 1);
  });
});
