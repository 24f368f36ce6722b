import type { NetworkConnection } from "hardhat/types/network";
import { fundSuite } from "./fund.ts";
import { governanceSuite } from "./governance.ts";
import { registrySuite } from "./registry.ts";
import type { GasRow } from "./table.ts";
import { worksSuite } from "./works.ts";

/** A suite deploys what it needs on the shared in-process chain and returns its rows. */
export type GasSuite = (connection: NetworkConnection) => Promise<GasRow[]>;

/** Every area's suite, in the order the table prints them. */
export const suites: GasSuite[] = [registrySuite, governanceSuite, fundSuite, worksSuite];
