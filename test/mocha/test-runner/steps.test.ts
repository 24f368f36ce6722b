import { expect } from "chai";
import { readFileSync } from "node:fs";
import { waitFor } from "../../../scripts/lib/wait.ts";
import { runStep } from "../../../scripts/test/steps.ts";

const node = (code: string) => [process.execPath, "-e", code];

/** Whether `pid` still runs (a zombie waiting for its new parent to reap it does not). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

describe("npm test's steps", function () {
  it("gives a step's exit status, its output and how long it compiled", async () => {
    const ran = await runStep(
      node("console.log('compiled'); console.error('tests ran'); process.exit(3)"),
      { compiledAt: /^compiled$/m, echo: false },
    );
    expect(ran.status).to.equal(3);
    expect(ran.output).to.include("compiled").and.include("tests ran");
    expect(ran.compileMs).to.be.a("number");
    expect(ran.lingered).to.equal(false);
  });

  it("stops a step that reported its result but stays alive, and counts it as failed", async () => {
    // The step prints its last line, then a server it left open keeps it running.
    const ran = await runStep(
      node("console.error('Test run failed'); require('net').createServer().listen(0)"),
      { endsWith: /^Test run failed$/m, graceMs: 300, echo: false },
    );
    expect(ran.lingered).to.equal(true);
    expect(ran.status).to.equal(1);
    expect(ran.output).to.include("reported its result but was still running 0.3 s later");
  });

  it("stops what a step left running in its group when it exits, rather than waiting on it", async () => {
    // The step exits at once but leaves a process behind that holds its output open.
    const ran = await runStep(
      node(
        "const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });" +
          "console.log('left ' + c.pid); process.exit(0)",
      ),
      { echo: false },
    );
    expect(ran.status).to.equal(0);
    const pid = Number(ran.output.match(/left (\d+)/)?.[1]);
    expect(pid).to.be.greaterThan(0);
    // It was killed: its end is only a moment behind the closing of the output it held.
    await waitFor({
      what: "the process the step left behind to end",
      probe: () => alive(pid),
      done: (running) => !running,
      stallMs: 5_000,
    });
  });
});
