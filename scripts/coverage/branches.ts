import { createRequire } from "node:module";
import { decisionTag, decisionsOf, parse, walk, type AstNode } from "./decisions.ts";

const require = createRequire(import.meta.url);

/**
 * One outcome of a decision in the source: the true or false side of an `if`, a `require`
 * passing or failing, a ternary's condition, or one operand of `&&`/`||` being true or false.
 */
export interface Branch {
  line: number;
  label: string;
  taken: boolean;
}

interface InstrumentedStatement {
  tag: Uint8Array;
  startUtf16: number;
  endUtf16: number;
}

interface Edr {
  addStatementCoverageInstrumentation(
    source: string,
    sourceName: string,
    solcVersion: string,
  ): { metadata: InstrumentedStatement[] };
}

const edr = require("@nomicfoundation/edr") as Edr;

/**
 * The decisions in one source file and whether each outcome ran, given the hit counts of a
 * coverage run: Hardhat's statement hits for `if` and `require`, the decision probes' hits
 * (plugin.ts) for ternaries and the operands of `&&` and `||`.
 */
export function branchesOf(
  sourceName: string,
  content: string,
  solcVersion: string,
  hits: ReadonlyMap<string, number>,
): Branch[] {
  const bytes = Buffer.from(content, "utf8");
  // AST offsets count UTF-8 bytes; the instrumentation counts UTF-16 code units.
  const toUtf16 = (byteOffset: number) => bytes.subarray(0, byteOffset).toString("utf8").length;
  const lineOf = (byteOffset: number) => bytes.subarray(0, byteOffset).toString("utf8").split("\n").length;
  const start = (node: AstNode) => Number(node.src!.split(":")[0]);

  const { metadata } = edr.addStatementCoverageInstrumentation(
    content,
    `project/${sourceName}`,
    solcVersion,
  );
  // Hardhat names project sources "project/<path>" and keys hits by the tag in hex. An
  // instrumented range starts at the end of the previous token, so a statement's range is the
  // innermost one that holds its first character.
  const instrumented = metadata
    .map((s) => ({ ...s, hex: Buffer.from(s.tag).toString("hex") }))
    .sort((a, b) => a.startUtf16 - b.startUtf16);
  /** How often the statement `node` opens with ran. */
  const count = (node: AstNode): number => {
    const at = toUtf16(start(node));
    const holder = instrumented.findLast((s) => s.startUtf16 <= at && at < s.endUtf16);
    return holder === undefined ? 0 : (hits.get(holder.hex) ?? 0);
  };

  const ast = parse(sourceName, content);
  const branches: Branch[] = [];
  for (const node of walk(ast)) {
    if (node.nodeType === "IfStatement") {
      const reached = count(node);
      const trueRuns = count(node.trueBody as AstNode);
      const falseBody = node.falseBody as AstNode | null;
      const falseRuns = falseBody ? count(falseBody) : reached - trueRuns;
      const line = lineOf(start(node));
      branches.push({ line, label: "if: true", taken: trueRuns > 0 });
      branches.push({ line, label: "if: false", taken: falseRuns > 0 });
    } else if (node.nodeType === "Block" || node.nodeType === "UncheckedBlock") {
      const statements = (node.statements as AstNode[]) ?? [];
      statements.forEach((statement, i) => {
        if (!isRequire(statement) || i + 1 >= statements.length) return;
        const reached = count(statement);
        const passed = count(statements[i + 1]);
        const line = lineOf(start(statement));
        branches.push({ line, label: "require: passes", taken: passed > 0 });
        branches.push({ line, label: "require: fails", taken: reached > passed });
      });
    }
  }
  decisionsOf(ast).forEach((decision, rank) => {
    const line = lineOf(decision.start);
    const text = bytes
      .subarray(decision.start, decision.start + decision.length)
      .toString("utf8")
      .replace(/\s+/g, " ");
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    const label = `${decision.kind === "ternary" ? "ternary" : `${decision.kind} operand`} \`${shown}\``;
    for (const outcome of [true, false]) {
      const taken = (hits.get(decisionTag(sourceName, rank, outcome)) ?? 0) > 0;
      branches.push({ line, label: `${label}: ${outcome}`, taken });
    }
  });
  return branches.sort((a, b) => a.line - b.line);
}

function isRequire(statement: AstNode): boolean {
  if (statement.nodeType !== "ExpressionStatement") return false;
  const call = statement.expression as AstNode;
  return (
    call.nodeType === "FunctionCall" && (call.expression as AstNode).nodeType === "Identifier" &&
    (call.expression as AstNode).name === "require"
  );
}
