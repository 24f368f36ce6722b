/**
 * The whole SPIN system in two Ignition modules.
 *
 * `SpinSystem` deploys every contract and wires them: the fund and licensing become protocol
 * accounts (they may hold coin), the initial allocation is minted into the fund's Pooled
 * sub-fund, licensing may credit the fund, the shipped licence templates are registered, and
 * the governor may propose to and cancel in the timelock. The deployer still holds every admin
 * role afterwards, so it can admit the founding members.
 *
 * `SpinHandover` then gives every admin role to the timelock and has the deployer renounce them:
 * after it, no single key keeps any admin power.
 */
import { readFileSync } from "node:fs";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

const DEFAULT_ADMIN_ROLE = `0x${"00".repeat(32)}`;
const DAY = 24 * 60 * 60;

interface LicenceEntry {
  name: string;
  uri: string;
  sha256: string;
  terms: Record<string, string | number | boolean>;
}

const commercialUse = { Forbidden: 0, Free: 1, CommonsFree: 2 } as const;

/** The licence templates SPIN ships, as `addTemplate` arguments. */
function shippedLicences(): [string, string, string, unknown[], unknown[]][] {
  const index = JSON.parse(
    readFileSync(new URL("../../licences/index.json", import.meta.url), "utf8"),
  ) as { licences: LicenceEntry[] };
  return index.licences.map((l) => {
    const t = l.terms;
    const terms = [
      BigInt(t.fee as string),
      t.term,
      t.contributorsBps,
      t.upstreamBps,
      t.fundABps,
      t.fundA,
      t.fundBBps,
      t.fundB,
      commercialUse[t.commercialUse as keyof typeof commercialUse],
      t.derivativesAllowed,
      t.shareAlike,
      t.attribution,
    ];
    const bounds = [BigInt(t.minFee as string), BigInt(t.maxFee as string)];
    return [l.name, l.sha256, l.uri, terms, bounds];
  });
}

export const SpinSystem = buildModule("SpinSystem", (m) => {
  const deployer = m.getAccount(0);

  const registry = m.contract("CommonsRegistry", [
    deployer,
    m.getParameter("vouchThreshold", 3),
    m.getParameter("vouchWindow", 30 * DAY),
  ]);
  const initialAllocation = m.getParameter("initialAllocation", 1_000_000n * 10n ** 18n);
  const coin = m.contract("SpinCoin", [
    registry,
    deployer,
    initialAllocation,
    m.getParameter("yearlyMintCap", 100_000n * 10n ** 18n),
  ]);

  const timelock = m.contract("SpinTimelock", [
    m.getParameter("timelockDelay", 2 * DAY),
    [],
    ["0x0000000000000000000000000000000000000000"],
    deployer,
  ]);
  const governor = m.contract("SpinGovernor", [
    registry,
    timelock,
    m.getParameter("votingDelay", DAY),
    m.getParameter("votingPeriod", 7 * DAY),
    m.getParameter("quorumPercent", 20),
    m.getParameter("lateQuorumExtension", 2 * DAY),
  ]);
  m.call(timelock, "grantRole", [m.staticCall(timelock, "PROPOSER_ROLE"), governor], {
    id: "timelock_grant_proposer",
  });
  m.call(timelock, "grantRole", [m.staticCall(timelock, "CANCELLER_ROLE"), governor], {
    id: "timelock_grant_canceller",
  });

  const fund = m.contract("CommonFund", [
    deployer,
    coin,
    registry,
    m.getParameter("lockDates", [0, 0, 0]),
    m.getParameter("capsBps", [2_000, 1_000, 1_000, 1_000]),
  ]);
  const templates = m.contract("LicenceTemplates", [deployer]);
  const works = m.contract("WorksRegistry", [deployer, registry, templates]);
  const licensing = m.contract("Licensing", [deployer, registry, works, templates, coin, fund]);

  const fundIsProtocol = m.call(registry, "setProtocolAccount", [fund, true], {
    id: "registry_protocol_fund",
  });
  m.call(registry, "setProtocolAccount", [licensing, true], { id: "registry_protocol_licensing" });
  m.call(fund, "grantRole", [m.staticCall(fund, "CREDITOR_ROLE"), licensing], {
    id: "fund_creditor_licensing",
  });
  const minted = m.call(coin, "mintInitialAllocation", [fund], { after: [fundIsProtocol] });
  m.call(fund, "credit", [0, initialAllocation, "initial allocation"], { after: [minted] });

  shippedLicences().forEach((args, i) => {
    m.call(templates, "addTemplate", args as never, { id: `licence_${i + 1}` });
  });

  return { registry, coin, timelock, governor, fund, templates, works, licensing };
});

export const SpinHandover = buildModule("SpinHandover", (m) => {
  const deployer = m.getAccount(0);
  // Every future of SpinSystem runs before any future here that uses one of its results.
  const system = m.useModule(SpinSystem);
  const { timelock } = system;
  const governed = {
    registry: system.registry,
    coin: system.coin,
    fund: system.fund,
    templates: system.templates,
    works: system.works,
    licensing: system.licensing,
  };
  for (const [name, contract] of Object.entries(governed)) {
    const granted = m.call(contract, "grantRole", [DEFAULT_ADMIN_ROLE, timelock], {
      id: `${name}_grant_timelock`,
    });
    m.call(contract, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
      id: `${name}_renounce_deployer`,
      after: [granted],
    });
  }
  m.call(timelock, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
    id: "timelock_renounce_deployer",
  });
  return system;
});

export default SpinHandover;
