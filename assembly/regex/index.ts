// The regular expression engine's public face for expr/lib (the only importer):
// compile a literal's source and flags into a descriptor (program.ts) at
// configure time, then search with matcher.ts.

import { PatternCompiler } from "./parser";
import { Flag, DESCRIPTOR_SIZE, D_CODE, D_FLAGS, D_TEXT, D_TEXT_LEN, D_SOURCE_LEN, D_GROUPS, D_REGS, D_NAMES, D_NAME_COUNT } from "./program";
import { reserve } from "./matcher";

export { search, capture, limitHit, resetSteps, grantSteps } from "./matcher";
export { setCaseTable, hasCaseTable, CASE_PLANES_END } from "./case";
export * from "./program";

export class RegexCompile {
  descriptor: usize = 0;
  /** V8's SyntaxError text, or null. */
  error: string | null = null;
  /** A construct we do not run, or null; at/end: its span in the source (from the first `/`). */
  unsupported: string | null = null;
  at: i32 = 0;
  end: i32 = 0;
}

const FLAG_LETTERS = "dgimsuvy";

/** Flag bits of `flags`, -1 when V8 rejects them (unknown or repeated letters). */
export function parseFlags(flags: string): i32 {
  let seen = 0;
  for (let i = 0; i < flags.length; i++) {
    const k = FLAG_LETTERS.indexOf(flags.charAt(i));
    if (k < 0 || (seen & (1 << k)) != 0) return -1;
    seen |= 1 << k;
  }
  return seen;
}

/** Compile `/source/flags` (the text between the slashes and after the last one). */
export function compileRegex(source: string, flags: string): RegexCompile {
  const r = new RegexCompile();
  const seen = parseFlags(flags);
  if (seen < 0) { r.error = "Invalid regular expression flags"; return r; }
  // d, v, y (bits 0, 6, 7 of "dgimsuvy") are not run here.
  for (let k = 0; k < 8; k++) {
    if ((seen & (1 << k)) != 0 && (k == 0 || k == 6 || k == 7)) {
      const i = flags.indexOf(FLAG_LETTERS.charAt(k));
      r.unsupported = "the " + FLAG_LETTERS.charAt(k) + " flag is not supported";
      r.at = source.length + 2 + i; r.end = r.at + 1;
      return r;
    }
  }
  let bits = 0;
  if (seen & 2) bits |= Flag.Global;
  if (seen & 4) bits |= Flag.IgnoreCase;
  if (seen & 8) bits |= Flag.Multiline;
  if (seen & 16) bits |= Flag.DotAll;
  if (seen & 32) bits |= Flag.Unicode;
  const canonical = (bits & Flag.Global ? "g" : "") + (bits & Flag.IgnoreCase ? "i" : "") + (bits & Flag.Multiline ? "m" : "") +
    (bits & Flag.DotAll ? "s" : "") + (bits & Flag.Unicode ? "u" : "");
  const c = new PatternCompiler(source, (bits & Flag.IgnoreCase) != 0, (bits & Flag.Multiline) != 0,
    (bits & Flag.DotAll) != 0, (bits & Flag.Unicode) != 0).compile();
  if (c.unsupported !== null) {
    r.unsupported = c.unsupported; r.at = c.at + 1; r.end = c.end + 1;
    return r;
  }
  if (c.error !== null) {
    r.error = "Invalid regular expression: /" + source + "/" + flags + ": " + <string>c.error;
    return r;
  }
  const d = heap.alloc(DESCRIPTOR_SIZE);
  const code = heap.alloc(<usize>c.code.length << 2);
  for (let i = 0; i < c.code.length; i++) store<i32>(code + (<usize>i << 2), c.code[i]);
  const text = "/" + source + "/" + canonical;
  const t = heap.alloc(<usize>text.length << 1);
  memory.copy(t, changetype<usize>(text), <usize>text.length << 1);
  let named = 0;
  for (let g = 1; g < c.names.length; g++) if (c.names[g].length > 0) named++;
  const names = heap.alloc(<usize>max(named, 1) * 12);
  let k = 0;
  for (let g = 1; g < c.names.length; g++) {
    const name = c.names[g];
    if (name.length == 0) continue;
    const np = heap.alloc(<usize>name.length << 1);
    memory.copy(np, changetype<usize>(name), <usize>name.length << 1);
    const e = names + <usize>k * 12;
    store<i32>(e, g); store<u32>(e, <u32>np, 4); store<i32>(e, name.length, 8);
    k++;
  }
  store<u32>(d, <u32>code, D_CODE);
  store<i32>(d, bits, D_FLAGS);
  store<u32>(d, <u32>t, D_TEXT);
  store<i32>(d, text.length, D_TEXT_LEN);
  store<i32>(d, source.length, D_SOURCE_LEN);
  store<i32>(d, c.groups, D_GROUPS);
  store<i32>(d, c.regs, D_REGS);
  store<u32>(d, <u32>names, D_NAMES);
  store<i32>(d, named, D_NAME_COUNT);
  reserve(c.regs);
  r.descriptor = d;
  return r;
}
