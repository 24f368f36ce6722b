/**
 * The decisions inside Solidity expressions that statement coverage cannot see: the condition of
 * every ternary (`c ? a : b`) and every operand of `&&` and `||`. Each has two outcomes, true and
 * false. During a coverage build (see plugin.ts) each one is wrapped in a probe that reports the
 * outcome it took with a hit tag of its own, derived from the source's path and the decision's
 * rank in the source, so that check.ts finds the same tags from the untouched source.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface AstNode {
  nodeType?: string;
  src?: string;
  [key: string]: unknown;
}

interface Solc {
  compile(input: string): string;
}

const solc = require("solc") as Solc;

/** The source's AST; parsing only, so imports need not resolve. */
export function parse(sourceName: string, content: string): AstNode {
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { [sourceName]: { content } },
        settings: { stopAfter: "parsing", outputSelection: { "*": { "": ["ast"] } } },
      }),
    ),
  ) as {
    sources?: Record<string, { ast: AstNode }>;
    errors?: { severity: string; formattedMessage: string }[];
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  return output.sources![sourceName].ast;
}

export function* walk(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
  } else if (node !== null && typeof node === "object") {
    const astNode = node as AstNode;
    if (typeof astNode.nodeType === "string") yield astNode;
    for (const value of Object.values(astNode)) yield* walk(value);
  }
}

/** Start and length, in UTF-8 bytes, of a node. */
export function span(node: AstNode): { start: number; length: number } {
  const [start, length] = node.src!.split(":").map(Number);
  return { start, length };
}

/** One decision: a ternary's condition, or an operand of `&&`/`||`. */
export interface Decision {
  kind: "ternary" | "&&" | "||";
  /** The expression whose value decides, in UTF-8 bytes of the source it was found in. */
  start: number;
  length: number;
}

const isLogical = (node: AstNode) =>
  node.nodeType === "BinaryOperation" && (node.operator === "&&" || node.operator === "||");

/** `(x)` is a one-element tuple in the AST: the expression inside it. */
function unwrap(node: AstNode): AstNode {
  let inner = node;
  while (
    inner.nodeType === "TupleExpression" &&
    !inner.isInlineArray &&
    (inner.components as AstNode[]).length === 1
  ) {
    inner = (inner.components as AstNode[])[0];
  }
  return inner;
}

/**
 * The decisions in a parsed source, in source order (an outer expression before the operands it
 * starts with). Operands that are themselves `&&`/`||` are not decisions: their own operands are.
 */
export function decisionsOf(ast: AstNode): Decision[] {
  const constants = new Set<AstNode>();
  for (const node of walk(ast)) {
    if (node.nodeType === "VariableDeclaration" && node.constant === true && node.value) {
      for (const inner of walk(node.value)) constants.add(inner);
    }
  }
  const decisions: Decision[] = [];
  for (const node of walk(ast)) {
    // A constant's initialiser is evaluated by the compiler, not at run time.
    if (constants.has(node)) continue;
    if (node.nodeType === "Conditional") {
      decisions.push({ kind: "ternary", ...span(node.condition as AstNode) });
    } else if (isLogical(node)) {
      for (const operand of [node.leftExpression, node.rightExpression] as AstNode[]) {
        if (!isLogical(unwrap(operand))) {
          decisions.push({ kind: node.operator as "&&" | "||", ...span(operand) });
        }
      }
    }
  }
  return decisions.sort((a, b) => a.start - b.start || b.length - a.length);
}

/** The hit tag (32 bytes, hex without 0x) of one outcome of the `rank`-th decision of a source. */
export function decisionTag(sourceName: string, rank: number, outcome: boolean): string {
  return createHash("sha256").update(`spin-branch|${sourceName}|${rank}|${outcome}`).digest("hex");
}

/** The probe's name in a source: unique per source, as sources import one another. */
export function probeName(sourceName: string): string {
  return `__spinDecision_${createHash("sha256").update(sourceName).digest("hex").slice(0, 12)}`;
}

/**
 * Wraps every decision of an instrumented source in a probe that reports its outcome through
 * Hardhat's coverage library and returns it unchanged, so evaluation and short-circuiting stay
 * as they were. `sourceName` names the original source (tags are computed from it);
 * `expected` is how many decisions the original has: the instrumentation only adds statements,
 * so the instrumented source must have as many, in the same order.
 */
export function addDecisionProbes(
  instrumented: string,
  sourceName: string,
  expected: number,
  coverageLibrary = "__NomicFoundationCoverage",
): string {
  const decisions = decisionsOf(parse(sourceName, instrumented));
  if (decisions.length !== expected) {
    throw new Error(
      `${sourceName}: ${decisions.length} decisions after instrumentation, ${expected} before`,
    );
  }
  if (decisions.length === 0) return instrumented;
  const probe = probeName(sourceName);
  // At one offset: closings before openings; openings of longer (outer) expressions first;
  // closings of shorter (inner) ones first.
  const insertions: { at: number; closing: number; order: number; text: string }[] = [];
  decisions.forEach((d, rank) => {
    const [whenTrue, whenFalse] = [true, false].map((o) => `0x${decisionTag(sourceName, rank, o)}`);
    insertions.push({ at: d.start, closing: 1, order: -d.length, text: `${probe}(` });
    insertions.push({
      at: d.start + d.length,
      closing: 0,
      order: d.length,
      text: `, ${whenTrue}, ${whenFalse})`,
    });
  });
  insertions.sort((a, b) => a.at - b.at || a.closing - b.closing || a.order - b.order);
  const bytes = Buffer.from(instrumented, "utf8");
  const parts: Buffer[] = [];
  let cursor = 0;
  for (const insertion of insertions) {
    parts.push(bytes.subarray(cursor, insertion.at), Buffer.from(insertion.text, "utf8"));
    cursor = insertion.at;
  }
  parts.push(bytes.subarray(cursor));
  const helper =
    `\nfunction ${probe}(bool value, uint256 whenTrue, uint256 whenFalse) pure returns (bool) {` +
    ` ${coverageLibrary}.sendHit(value ? whenTrue : whenFalse); return value; }\n`;
  return Buffer.concat(parts).toString("utf8") + helper;
}
