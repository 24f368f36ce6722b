/** The scenarios of people using the dApp, reading and acting (run by run.ts). */
import { gapScenarios } from "./dapp-gaps.ts";
import { pagingScenarios } from "./dapp-paging.ts";
import { readScenarios } from "./dapp-read.ts";
import { writeScenarios } from "./dapp-write.ts";

export const dappScenarios = {
  ...readScenarios,
  ...writeScenarios,
  ...gapScenarios,
  ...pagingScenarios,
};
