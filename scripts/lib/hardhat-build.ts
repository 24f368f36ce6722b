/**
 * How SPIN's contracts are built, beyond solc's own settings (hardhat.config.ts plugs this in):
 *
 * - every core compiles: solc from npm is WebAssembly and single-threaded, and Hardhat by
 *   default leaves one core idle, which on a two-core machine halves the build's speed;
 * - solc's warning about transient storage (code 2394) is dropped for sources under
 *   node_modules: OpenZeppelin's TransientSlot triggers it once per compilation job, and nobody
 *   here can act on it. The same warning on SPIN's own sources is still shown.
 */
import { availableParallelism } from "node:os";
import type { SolidityHooks } from "hardhat/types/hooks";

const TRANSIENT_STORAGE_WARNING = "2394";

interface SolcDiagnostic {
  severity?: string;
  errorCode?: string;
  sourceLocation?: { file?: string };
}

/** True for a source a package brought (Hardhat names them npm/<package>@<version>/...). */
function fromDependency(diagnostic: SolcDiagnostic): boolean {
  const file = diagnostic.sourceLocation?.file ?? "";
  return file.startsWith("npm/") || file.includes("node_modules/");
}

export function isSilenced(diagnostic: SolcDiagnostic): boolean {
  return (
    diagnostic.severity === "warning" &&
    diagnostic.errorCode === TRANSIENT_STORAGE_WARNING &&
    fromDependency(diagnostic)
  );
}

export default async (): Promise<Partial<SolidityHooks>> => ({
  build: (context, rootFilePaths, options, next) =>
    next(context, rootFilePaths, {
      ...options,
      concurrency: options?.concurrency ?? availableParallelism(),
    }),
  invokeSolc: async (context, compiler, input, config, next) => {
    const output = await next(context, compiler, input, config);
    if (!output.errors) return output;
    return { ...output, errors: output.errors.filter((e) => !isSilenced(e as SolcDiagnostic)) };
  },
});
