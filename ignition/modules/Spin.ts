/**
 * The whole SPIN system in two Ignition modules.
 *
 * `SpinSystem` deploys every contract and wires them: the registry creates its Admissions, whose
 * admission rule is set from the parameters; the fund and licensing become protocol accounts
 * (they may hold coin), the initial allocation is minted into the fund and split among its four
 * sub-funds by `allocationBps` (so the locked ones really hold their share), licensing may credit
 * the fund, the shipped licence templates are registered, and the governor alone may propose to,
 * cancel in and execute on the timelock. The deployer still holds every admin role afterwards, so
 * it can admit the founding members.
 *
 * `SpinHandover` then gives every admin role to the timelock and has the deployer renounce them:
 * after it, no single key keeps any admin power.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { Future } from "@nomicfoundation/ignition-core";
import { boundsOf, shippedLicences, termsOf } from "../../scripts/deploy/licences.ts";

const DEFAULT_ADMIN_ROLE = `0x${"00".repeat(32)}`;
const DAY = 24 * 60 * 60;

export const SpinSystem = buildModule("SpinSystem", (m) => {
  const deployer = m.getAccount(0);

  const vouchThreshold = m.getParameter("vouchThreshold", 3);
  const vouchWindow = m.getParameter("vouchWindow", 30 * DAY);
  const registry = m.contract("CommonsRegistry", [deployer, vouchThreshold, vouchWindow]);
  // Admissions is governed by whoever holds the registry's admin role: no handover of its own.
  // The delays exceed a governance cycle (voting delay + period + late-quorum extension +
  // timelock delay: 12 days by default), so governance can stop an admission, and expel before a
  // vote ripens; docs/security.md gives the bound these limits put on a faction.
  const admissions = m.contractAt("Admissions", m.staticCall(registry, "admissions"));
  m.call(admissions, "setAdmissionRule", [
    {
      vouchThreshold,
      vouchWindow,
      admissionDelay: m.getParameter("admissionDelay", 14 * DAY),
      ripeningPeriod: m.getParameter("ripeningPeriod", 14 * DAY),
      voucherSeniority: m.getParameter("voucherSeniority", 28 * DAY),
      vouchBudget: m.getParameter("vouchBudget", 2),
      budgetPeriod: m.getParameter("budgetPeriod", 30 * DAY),
      reapplyCooldown: m.getParameter("reapplyCooldown", 30 * DAY),
    },
  ]);
  const initialAllocation = m.getParameter("initialAllocation", 1_000_000n * 10n ** 18n);
  const coin = m.contract("SpinCoin", [
    registry,
    deployer,
    initialAllocation,
    m.getParameter("yearlyMintCap", 100_000n * 10n ** 18n),
  ]);

  // No open executor: a ready operation runs only through the governor's `execute` (which
  // anyone may call), so every execution is the governor's ProposalExecuted (docs/governance.md).
  const timelock = m.contract("SpinTimelock", [
    m.getParameter("timelockDelay", 2 * DAY),
    [],
    [],
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
  m.call(timelock, "grantRole", [m.staticCall(timelock, "EXECUTOR_ROLE"), governor], {
    id: "timelock_grant_executor",
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
  // Basis points of the allocation for Pooled, Global South, Commons, Technology Infrastructure
  // (summing to 10,000; Pooled also takes the rounding).
  const allocationBps = m.getParameter("allocationBps", [4_000, 2_000, 2_000, 2_000]);
  m.call(fund, "creditSplit", [allocationBps, "initial allocation"], { after: [minted] });

  // One after the other, so each template gets the id licences/index.json gives it.
  let previous: Future | undefined;
  for (const licence of shippedLicences()) {
    const args = [licence.name, licence.sha256, licence.uri, termsOf(licence), boundsOf(licence)];
    previous = m.call(templates, "addTemplate", args, {
      id: `licence_${licence.slug.replace(/\W/g, "_")}`,
      after: previous ? [previous] : [],
    });
  }

  return { registry, admissions, coin, timelock, governor, fund, templates, works, licensing };
});

/** The contracts whose admin role moves to the timelock, by their SpinSystem result names. */
export const governedContracts = {
  registry: "CommonsRegistry",
  coin: "SpinCoin",
  fund: "CommonFund",
  templates: "LicenceTemplates",
  works: "WorksRegistry",
  licensing: "Licensing",
} as const;

/**
 * Takes the deployed system by address (parameters named like SpinSystem's results), so it acts on
 * exactly that system on every network, whether or not Ignition keeps a journal there.
 */
export const SpinHandover = buildModule("SpinHandover", (m) => {
  const deployer = m.getAccount(0);
  const timelock = m.contractAt("SpinTimelock", m.getParameter<string>("timelock"));
  for (const [name, artifact] of Object.entries(governedContracts)) {
    const contract = m.contractAt(artifact, m.getParameter<string>(name), { id: `${name}_at` });
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
  return { timelock };
});
