/**
 * A Hardhat plugin that makes the decisions inside expressions observable in coverage builds:
 * after Hardhat's statement instrumentation, every ternary condition and every operand of `&&`
 * and `||` in contracts/ is wrapped in a probe reporting which way it went (decisions.ts).
 * Builds without --coverage, tests and other sources are left untouched.
 */
import path from "node:path";
import type { HardhatPlugin } from "hardhat/types/plugins";
import { addDecisionProbes, decisionsOf, parse } from "./decisions.ts";

/** Sources whose decisions check.ts counts. */
export const COVERED_DIR = "contracts";
/** The library Hardhat's statement instrumentation calls. */
const COVERAGE_LIBRARY = "__NomicFoundationCoverage";

const plugin: HardhatPlugin = {
  id: "spin-decision-coverage",
  hookHandlers: {
    solidity: async () => ({
      default: async () => ({
        async preprocessProjectFileBeforeBuilding(
          context,
          sourceName,
          fsPath,
          fileContent,
          solcVersion,
          next,
        ) {
          // Runs before Hardhat's own coverage handler (plugins chain in reverse order), so the
          // source it gets back is already instrumented with statement hits.
          if (fileContent.includes(COVERAGE_LIBRARY)) {
            throw new Error(
              `${sourceName} reached the decision probes already instrumented: list the plugin after Hardhat's in hardhat.config.ts`,
            );
          }
          const instrumented = await next(context, sourceName, fsPath, fileContent, solcVersion);
          const relative = path.relative(context.config.paths.root, fsPath).split(path.sep).join("/");
          if (
            !context.globalOptions.coverage ||
            !relative.startsWith(`${COVERED_DIR}/`) ||
            instrumented === fileContent
          ) {
            return instrumented;
          }
          const expected = decisionsOf(parse(relative, fileContent)).length;
          return addDecisionProbes(instrumented, relative, expected);
        },
      }),
    }),
  },
};

export default plugin;
