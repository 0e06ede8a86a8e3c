// The expression engine's public face, used by the pipeline:
//   compileExpression(source, aliases) -> an Expression or the first Diagnostic
//   evaluate(expr, state, out)          -> ErrorCode, the value in `out`
// Compilation (parse, check, fold, compile) runs at configure time and may
// allocate; evaluate() allocates nothing on the heap (strings go to the arena).

import { Parser } from "./syntax/parser";
import { Checker } from "./check/checker";
import { Compiler } from "./compile/compiler";
import { Chunk } from "./run/chunk";
import { run } from "./run/vm";
import { Diagnostic, renderDiagnostic as render } from "./syntax/diagnostic";
import { disassembleChunk } from "./compile/disassembler";
import { aliasNameProblem as nameProblem } from "./check/names";

export { Diagnostic } from "./syntax/diagnostic";
// The host hands these in: the module imports nothing, so no clock and no entropy of its own.
export { setNow } from "./lib/clock";
export { seedRandom, randomState0, randomState1, setRandomState } from "./lib/random";
// For fastmap.ts, which reads the bytecode of plain arithmetic chains.
export { Op } from "./run/chunk";
export { BinaryOp } from "./run/operators";

/** A compiled expression. Immutable; lives as long as the module. */
export class Expression {
  /** Alias indexes used anywhere in the expression, ascending, unique. */
  deps: StaticArray<i32>;
  /** Calls Date.now() or Math.random(): evaluate again for every emission. */
  volatile: bool;
  /** No deps and not volatile: the pipeline evaluates it once at configure time. */
  constant: bool;
  /** Raw bytecode and constant pool (what the VM reads). */
  code: usize;
  consts: usize;
  /** Deepest value stack the bytecode needs, in slots. */
  maxStack: i32;
  /** Kept for the disassembler. */
  chunk: Chunk;
  source: string;
  aliases: string[];

  constructor(deps: StaticArray<i32>, volatile: bool, chunk: Chunk, maxStack: i32, source: string, aliases: string[]) {
    this.deps = deps;
    this.volatile = volatile;
    this.constant = deps.length == 0 && !volatile;
    this.code = chunk.codePtr;
    this.consts = chunk.constPtr;
    this.maxStack = maxStack;
    this.chunk = chunk;
    this.source = source;
    this.aliases = aliases;
  }
}

/** Exactly one of the two fields is set. */
export class CompileOutcome {
  expression: Expression | null = null;
  diagnostic: Diagnostic | null = null;
}

/** Compile `source` where aliases[i] is alias index i. Never throws. */
export function compileExpression(source: string, aliases: string[]): CompileOutcome {
  const outcome = new CompileOutcome();
  const parser = new Parser(source);
  const tree = parser.parse();
  if (tree === null) { outcome.diagnostic = parser.diagnostic; return outcome; }
  const checker = new Checker(aliases);
  const checked = checker.check(tree);
  if (checker.diagnostic !== null) { outcome.diagnostic = checker.diagnostic; return outcome; }
  const compiler = new Compiler(checked);
  if (!compiler.compile()) { outcome.diagnostic = compiler.diagnostic; return outcome; }
  outcome.expression = new Expression(checker.deps(), checker.volatile, compiler.chunk!, compiler.maxDepth, source, aliases);
  return outcome;
}

/**
 * Evaluate `expr`: alias i's value slot is at state + i*16 (every dependency set);
 * the result goes to `out`. Returns an ErrorCode (0 = ok; else the message is set).
 * Does not reset the arena: the caller does, before each evaluation.
 */
// @ts-ignore: decorator
@inline export function evaluate(expr: Expression, state: usize, out: usize): i32 {
  return run(expr.code, expr.consts, state, out);
}

/** The diagnostic as text: message and code, the source line, a caret line, the hint. */
export function renderDiagnostic(path: string, source: string, d: Diagnostic): string {
  return render(path, source, d);
}

/** The bytecode as text, one instruction per line. */
export function disassemble(expr: Expression): string {
  return disassembleChunk(expr.chunk, expr.source, expr.aliases);
}

/** null if `name` may be an alias, else the reason it may not. */
export function aliasNameProblem(name: string): string | null {
  return nameProblem(name);
}
