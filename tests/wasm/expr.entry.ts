// Test entry for the expression engine (build/test/expr.wasm). Strings cross the
// boundary as UTF-16 code units: the test writes them at alloc()'d addresses and
// reads text results at textPtr()/textLen() (units). Slots are read directly.

import { compileExpression, evaluate, renderDiagnostic, disassemble, aliasNameProblem, Expression, Diagnostic, seedRandom, setNow } from "../../assembly/expr/index";
import { arenaReset } from "../../assembly/arena";
import { errPtr as ep, errLen as el } from "../../assembly/errors";

const expressions: Expression[] = [];
let lastDiagnostic: Diagnostic | null = null;
let lastSource = "";
let text = "";
const result = memory.data(16);

function str(ptr: usize, len: i32): string { return String.UTF16.decodeUnsafe(ptr, <usize>len << 1); }
function setText(s: string): i32 { text = s; return s.length; }

export function alloc(bytes: i32): usize { return heap.alloc(max(<usize>bytes, 8)); }
export function textPtr(): usize { return changetype<usize>(text); }
export function textLen(): i32 { return text.length; }
export function resultSlot(): usize { return result; }
export function errPtr(): usize { return ep(); }
export function errLen(): i32 { return el(); }
export function seed(s: i32): void { seedRandom(<u64>s); }
export function now(ms: f64): void { setNow(ms); }

/** Compile; returns a handle >= 0, or -1 with the diagnostic kept for diag*(). Aliases: joined by "\n". */
export function compile(srcPtr: usize, srcLen: i32, aliasesPtr: usize, aliasesLen: i32): i32 {
  const source = str(srcPtr, srcLen);
  const joined = str(aliasesPtr, aliasesLen);
  const aliases = joined.length == 0 ? new Array<string>() : joined.split("\n");
  const o = compileExpression(source, aliases);
  lastSource = source;
  const e = o.expression;
  if (e === null) { lastDiagnostic = o.diagnostic; return -1; }
  lastDiagnostic = null;
  expressions.push(e);
  return expressions.length - 1;
}

export function diagCode(): i32 { const d = lastDiagnostic; return d === null ? 0 : d.code; }
export function diagStart(): i32 { const d = lastDiagnostic; return d === null ? -1 : d.start; }
export function diagEnd(): i32 { const d = lastDiagnostic; return d === null ? -1 : d.end; }
export function diagMessage(): i32 { const d = lastDiagnostic; return setText(d === null ? "" : d.message); }
export function diagHint(): i32 {
  const d = lastDiagnostic;
  if (d === null) return -1;
  const h = d.hint;
  return h === null ? -1 : setText(h);
}
/** Render the last diagnostic for mapping `path`; returns the text length. */
export function diagRender(pathPtr: usize, pathLen: i32): i32 {
  const d = lastDiagnostic;
  if (d === null) return setText("");
  return setText(renderDiagnostic(str(pathPtr, pathLen), lastSource, d));
}

/** Bit 0 volatile, bit 1 constant. */
export function flags(h: i32): i32 {
  const e = expressions[h];
  return (e.volatile ? 1 : 0) | (e.constant ? 2 : 0);
}
export function maxStack(h: i32): i32 { return expressions[h].maxStack; }
/** Dependencies as text "0,2,5". */
export function deps(h: i32): i32 {
  const d = expressions[h].deps;
  let s = "";
  for (let i = 0; i < d.length; i++) s += (i > 0 ? "," : "") + d[i].toString();
  return setText(s);
}
export function disasm(h: i32): i32 { return setText(disassemble(expressions[h])); }

/** Evaluate handle `h` with alias slots at `state`; the value lands in resultSlot(). */
export function run(h: i32, state: usize): i32 {
  arenaReset();
  return evaluate(expressions[h], state, result);
}

/** Length of the reason, or -1 if the name may be an alias. */
export function aliasProblem(ptr: usize, len: i32): i32 {
  const p = aliasNameProblem(str(ptr, len));
  return p === null ? -1 : setText(p);
}

/** The heap's top (the stub allocator gives back its last block): tests prove evaluation allocates nothing. */
export function heapTop(): usize {
  const p = heap.alloc(0);
  heap.free(p);
  return p;
}
