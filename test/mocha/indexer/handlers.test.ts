/**
 * Every event a followed contract can emit is either read by a handler or ignored with a
 * reason: a contract change that adds an event fails here until the indexer decides.
 */
import { expect } from "chai";
import { abis, type ContractName } from "@spin/shared";
import { handlers } from "../../../indexer/src/indexing/apply.ts";
import { ignoredEvents, unaccountedEvents } from "../../../indexer/src/indexing/ignored.ts";

const followed = Object.keys(abis) as ContractName[];

function eventsOf(contract: ContractName): string[] {
  return (abis[contract] as readonly { type: string; name?: string }[])
    .filter((item) => item.type === "event")
    .map((item) => item.name!);
}

describe("indexer event coverage", () => {
  for (const contract of followed) {
    it(`handles or knowingly ignores every event of ${contract}`, () => {
      expect(
        unaccountedEvents(contract),
        `${contract} events with no handler and no reason`,
      ).to.deep.equal([]);
      for (const [name, reason] of Object.entries(ignoredEvents[contract] ?? {})) {
        expect(reason, `${contract}.${name} needs a reason`).to.match(/\w{3,}/);
      }
    });

    it(`names only real, unhandled events of ${contract} as ignored`, () => {
      const events = new Set(eventsOf(contract));
      const handled = Object.keys(handlers[contract] ?? {});
      const ignored = Object.keys(ignoredEvents[contract] ?? {});
      expect(
        ignored.filter((name) => !events.has(name)),
        "not in the ABI",
      ).to.deep.equal([]);
      expect(
        handled.filter((name) => !events.has(name)),
        "handlers not in the ABI",
      ).to.deep.equal([]);
      expect(
        ignored.filter((name) => handled.includes(name)),
        "both",
      ).to.deep.equal([]);
    });
  }

  it("fails for an event that appears in an ABI without a handler or a reason", () => {
    const grown = [...abis.Admissions, { type: "event", name: "SomethingNew", inputs: [] }];
    expect(unaccountedEvents("Admissions", grown)).to.deep.equal(["SomethingNew"]);
    const withoutReason = abis.SpinCoin.filter((item) => item.type === "event");
    expect(unaccountedEvents("Admissions", withoutReason)).to.include("Transfer");
  });
});
