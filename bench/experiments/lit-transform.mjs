// EXPERIMENT, not part of the build (docs/RATIONALE.md says why): an asc transform
// that turns the string literals of the configure-time sources into `__lit(k)`, a
// memoised String decoded on first use from one UTF-8 byte blob, instead of UTF-16
// static String objects (8 header bytes + 2 per character, and usually a data
// segment of their own); arrays of literals become `__lits(k, n)`. The blob, its
// length table and `__lit`/`__lits` are a generated source, "assembly/lit.ts",
// handed to the parser here. Measured on the release build: 132,294 -> 122,127
// bytes, all tests passing, outputs identical. It depends on AssemblyScript 0.28's
// AST numbering (the K_* constants below) and its i64 glue.
//   npx asc assembly/index.ts --target release --transform ./bench/experiments/lit-transform.mjs -o /tmp/lit.wasm
// (LIT_LOG=1 lists the literals. A relative "transform" path in asconfig.json does
// not load: asc joins it to the config's directory and resolves it as a package.)
import { Node } from "assemblyscript";
import { writeFileSync } from "node:fs";

// Whole files: every literal (configure-time only).
const FILES = new Set([
  "config", "program", "describe", "snapshot", "index",
  "expr/syntax/lexer", "expr/syntax/lex_numbers", "expr/syntax/lex_strings", "expr/syntax/parser",
  "expr/syntax/productions", "expr/syntax/words", "expr/syntax/diagnostic", "expr/check/checker",
  "expr/check/calls", "expr/check/names", "expr/compile/compiler", "expr/compile/disassembler",
  "expr/index", "expr/lib/array_keys", "json/dom",
].map((f) => `assembly/${f}.ts`));
// Files that also hold run-time literals: only the functions named here (none by
// default; e.g. LIT_BUILTINS=isNamespace,lookupStatic LIT_METHODS=lookupProperty are
// configure-time but save only ~15 bytes; adding "expr/lib/builtins.ts" / "expr/lib/methods.ts"
// moves their top-level NAMES arrays, read at run time, allocated at start).
const FUNCTIONS = new Map([
  ["assembly/expr/lib/builtins.ts", new Set((process.env.LIT_BUILTINS ?? "").split(","))],
  ["assembly/expr/lib/methods.ts", new Set((process.env.LIT_METHODS ?? "").split(","))],
]);
// Functions whose literals stay static: hot at configure (W4 calls isValueName per
// identifier, flatten per mapping), so a __lit call per use would cost time.
const SKIP = new Set((process.env.LIT_SKIP ?? "isValueName,flatten").split(","));
// Blob encoding: "utf8" (String.UTF8.decodeUnsafe; any text) or "latin1" (a widening
// loop; literals with characters above U+00FF stay static).
const UTF8 = (process.env.LIT_ENC ?? "utf8") === "utf8";
const MIN_LENGTH = Number(process.env.LIT_MIN ?? 1);
// Arrays of string literals: "block" = one __lits(k, n) call building the string[]
// from n consecutive blob entries, "each" = one __lit(k) per element, "skip".
const ARRAYS = process.env.LIT_ARRAYS ?? "block";
// Calls whose string arguments must stay compile-time constants.
const CONSTANT_ARGS = new Set(["assert", "abort", "ERROR", "WARNING", "INFO", "offsetof", "nameof", "idof", "unreachable"]);

const K_CALL = 10, K_IDENT = 7, K_LITERAL = 17, K_EXPORT = 36, K_IMPORT = 43, K_THROW = 46,
  K_FUNCTIONDECL = 56, K_METHODDECL = 59, K_DECORATOR = 63, K_SWITCHCASE = 65;
const L_STRING = 2, L_ARRAY = 5;

const isNode = (v) => v !== null && typeof v === "object" && typeof v.kind === "number" && v.range !== undefined;

export default class LitTransform {
  afterParse(parser) {
    const index = new Map(); // string -> k
    const texts = [];
    const log = process.env.LIT_LOG ? [] : null;
    const encode = (s) => UTF8 ? [...Buffer.from(s, "utf8")] : [...s].map((c) => c.charCodeAt(0));
    const movable = (s, min = MIN_LENGTH) => s.length > 0 && s.length >= min && encode(s).length <= 255 &&
      (UTF8 ? s.isWellFormed() : ![...s].some((c) => c.charCodeAt(0) > 0xff));
    const call = (name, args, range) => Node.createCallExpression(
      Node.createIdentifierExpression(name, range), null,
      args.map((a) => Node.createIntegerLiteralExpression(i64_new(a, 0), range)), range);
    const replace = (lit, where) => {
      const s = lit.value;
      if (!movable(s)) return null;
      let k = index.get(s);
      if (k === undefined) { k = texts.length; index.set(s, k); texts.push(s); }
      if (log) log.push(`${where}\t${JSON.stringify(s)}`);
      return call("__lit", [k], lit.range);
    };
    // [ "a", "b", … ] -> __lits(k, n): fresh consecutive entries (not shared).
    const replaceArray = (arr, where) => {
      const els = arr.elementExpressions;
      if (els.length < 2 || !els.every((e) => e && e.kind === K_LITERAL && e.literalKind === L_STRING && movable(e.value, 1))) return null;
      const k = texts.length;
      for (const e of els) texts.push(e.value);
      if (log) log.push(`${where}\t[${els.map((e) => JSON.stringify(e.value)).join(",")}]`);
      return call("__lits", [k, els.length], arr.range);
    };
    // Walks every Node-valued property; replaces string literals in place.
    const seen = new WeakSet();
    const walk = (node, where, allow) => {
      if (seen.has(node)) return;
      seen.add(node);
      switch (node.kind) {
        case K_DECORATOR: case K_IMPORT: case K_EXPORT: case K_THROW: case K_SWITCHCASE: return;
        case K_CALL:
          if (node.expression.kind === K_IDENT && CONSTANT_ARGS.has(node.expression.text)) return;
          break;
        case K_FUNCTIONDECL: case K_METHODDECL:
          where = node.name.text;
          break;
      }
      for (const key of Object.keys(node)) {
        if (key === "range" || key === "decorators") continue;
        const v = node[key];
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) visit(v[i], (r) => { v[i] = r; }, where, allow);
        } else {
          visit(v, (r) => { node[key] = r; }, where, allow);
        }
      }
    };
    const visit = (v, set, where, allow) => {
      if (!isNode(v)) return;
      if (v.kind === K_LITERAL && v.literalKind === L_STRING) {
        if (allow(where)) { const r = replace(v, where); if (r) set(r); }
        return;
      }
      if (v.kind === K_LITERAL && v.literalKind === L_ARRAY && ARRAYS !== "each" &&
          v.elementExpressions.some((e) => e && e.kind === K_LITERAL && e.literalKind === L_STRING)) {
        if (ARRAYS === "block" && allow(where)) { const r = replaceArray(v, where); if (r) set(r); }
        return;
      }
      walk(v, where, allow);
    };
    for (const source of parser.sources) {
      const path = source.normalizedPath;
      const fns = FUNCTIONS.get(path);
      if (!FILES.has(path) && !fns) continue;
      const allow = fns ? (where) => fns.has(where) && !SKIP.has(where) : (where) => !SKIP.has(where);
      const stmts = source.statements;
      for (let i = 0; i < stmts.length; i++) visit(stmts[i], (r) => { stmts[i] = r; }, path.slice(9), allow);
    }
    if (log) console.error(log.join("\n"));
    if (texts.length === 0) return;

    const bytes = [];
    const offs = [0];
    const lens = [];
    for (const s of texts) { const b = encode(s); bytes.push(...b); lens.push(b.length); offs.push(bytes.length); }
    if (bytes.length > 0xffff) throw new Error("lit blob larger than 64 KiB: widen the offsets");
    console.error(`lit-transform: ${texts.length} literals, ${bytes.length} bytes`);
    if (process.env.LIT_COUNT) writeFileSync(process.env.LIT_COUNT, JSON.stringify(texts));
    // Where literal k starts: a u16 offset table, or (smaller) a u8 length table
    // summed on the first use of each literal.
    const offsets = process.env.LIT_TABLE === "off";
    const table = offsets ? `const LIT_OFFS = memory.data<u16>([${offs.join(",")}]);`
      : `const LIT_LENS = memory.data<u8>([${lens.join(",")}]);`;
    const locate = offsets ? `
    const o = LIT_OFFS + (<usize>k << 1);
    const start = <usize>load<u16>(o);
    const n = <usize>load<u16>(o, 2) - start;` : `
    let start: usize = 0;
    for (let j = 0; j < k; j++) start += <usize>load<u8>(LIT_LENS + <usize>j);
    const n = <usize>load<u8>(LIT_LENS + <usize>k);`;
    parser.parseFile(`
const LIT_BLOB = memory.data<u8>([${bytes.join(",")}]);
${table}
const LIT_CACHE = memory.data(${texts.length * 4}, 4);${process.env.LIT_COUNT ? `
const LIT_COUNTS = memory.data(${texts.length * 4}, 4);` : ""}
// @ts-ignore: decorator
@global function __lit(k: i32): string {
  const slot = LIT_CACHE + (<usize>k << 2);${process.env.LIT_COUNT ? `
  store<u32>(LIT_COUNTS + (<usize>k << 2), load<u32>(LIT_COUNTS + (<usize>k << 2)) + 1);` : ""}
  let s = load<usize>(slot);
  if (s == 0) {${locate}
${UTF8 ? `    s = changetype<usize>(String.UTF8.decodeUnsafe(LIT_BLOB + start, n));` : `
    s = __new(n << 1, idof<String>());
    for (let i: usize = 0; i < n; i++) store<u16>(s + (i << 1), <u16>load<u8>(LIT_BLOB + start + i));`}
    store<usize>(slot, s);
  }
  return changetype<string>(s);
}
// @ts-ignore: decorator
@global function __lits(k: i32, n: i32): string[] {
  const a = new Array<string>(n);
  for (let i = 0; i < n; i++) unchecked(a[i] = __lit(k + i));
  return a;
}
`, "assembly/lit.ts", false);
  }
}
