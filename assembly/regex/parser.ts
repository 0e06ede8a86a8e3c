// The pattern compiler: ECMAScript pattern syntax (§22.2.1, with Annex B's
// extensions when the u flag is off) straight to bytecode (program.ts), one
// recursive-descent pass after a scan that counts and names the groups. V8's
// SyntaxError texts for bad patterns; constructs we do not run (lookbehind,
// \p{…}) are `unsupported` with the span of the construct. Configure time.

import { Op, INFINITE, opSize } from "./program";
import { addRange, addClassEscape, finishSet } from "./classes";
import { escapeAt } from "./escapes";

export class Compiled {
  code: i32[] = [];
  groups: i32 = 1;            // group 0 included
  names: string[] = [];       // by group index ("" when unnamed)
  regs: i32 = 2;
  error: string | null = null;   // V8's SyntaxError reason
  unsupported: string | null = null;
  at: i32 = 0;                   // span of the unsupported construct in the pattern
  end: i32 = 0;
}

const MAX_NESTING: i32 = 200;

export class PatternCompiler {
  src: string;
  pos: i32 = 0;
  unicode: bool;
  ignoreCase: bool;
  multiline: bool;
  dotAll: bool;
  out: Compiled = new Compiled();
  nextGroup: i32 = 1;
  loops: i32 = 0;
  hasNames: bool = false;
  depth: i32 = 0;

  constructor(src: string, ignoreCase: bool, multiline: bool, dotAll: bool, unicode: bool) {
    this.src = src;
    this.ignoreCase = ignoreCase;
    this.multiline = multiline;
    this.dotAll = dotAll;
    this.unicode = unicode;
  }

  compile(): Compiled {
    const o = this.out;
    this.scanGroups();
    if (this.failed) return o;
    this.disjunction();
    if (!this.failed && this.pos < this.src.length) this.fail("Unmatched ')'");
    o.code.push(Op.Match);
    o.regs = o.groups * 2 + this.loops * 2;
    return o;
  }

  get failed(): bool { return this.out.error !== null || this.out.unsupported !== null; }
  fail(message: string): void { if (!this.failed) this.out.error = message; }
  unsupported(message: string, at: i32, end: i32): void {
    if (this.failed) return;
    this.out.unsupported = message; this.out.at = at; this.out.end = end;
  }

  peek(k: i32 = 0): i32 { const i = this.pos + k; return i < this.src.length ? this.src.charCodeAt(i) : -1; }

  // --- groups, counted and named before compiling (backreferences may point forward)

  scanGroups(): void {
    const s = this.src, n = s.length, o = this.out;
    o.names.push("");
    let inClass = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c == 0x5c) { i++; continue; }
      if (inClass) { if (c == 0x5d) inClass = false; continue; }
      if (c == 0x5b) { inClass = true; continue; }
      if (c != 0x28) continue;
      if (i + 1 < n && s.charCodeAt(i + 1) == 0x3f) {
        if (i + 2 >= n || s.charCodeAt(i + 2) != 0x3c) continue;
        const d = i + 3 < n ? s.charCodeAt(i + 3) : -1;
        if (d == 0x3d || d == 0x21) continue; // lookbehind
        const end = nameEnd(s, i + 3);
        if (end < 0) {
          let j = i + 3;
          while (j < n && s.charCodeAt(j) != 0x3e && s.charCodeAt(j) < 0x80) j++;
          if (j < n && s.charCodeAt(j) >= 0x80) { this.unsupported("group names are ASCII letters, digits, '$' and '_' here", i + 3, j + 1); return; }
          this.fail("Invalid capture group name");
          return;
        }
        const name = s.substring(i + 3, end);
        if (o.names.includes(name)) { this.fail("Duplicate capture group name"); return; }
        o.names.push(name);
        this.hasNames = true;
      } else {
        o.names.push("");
      }
      o.groups++;
    }
  }

  // --- disjunctions and terms ---------------------------------------------------

  disjunction(): void {
    if (++this.depth > MAX_NESTING) { this.unsupported("the pattern is nested too deeply", this.pos, this.pos + 1); return; }
    const code = this.out.code;
    let start = code.length;
    const jumps: i32[] = [];
    this.alternative();
    while (!this.failed && this.peek() == 0x7c) {
      this.pos++;
      insert(code, start, [Op.SplitNext, 0]);
      jumps.push(code.length);
      code.push(Op.Jump); code.push(0);
      code[start + 1] = code.length - start;
      start = code.length;
      this.alternative();
    }
    for (let i = 0; i < jumps.length; i++) code[jumps[i] + 1] = code.length - jumps[i];
    this.depth--;
  }

  alternative(): void {
    while (!this.failed && this.pos < this.src.length) {
      const c = this.peek();
      if (c == 0x7c || c == 0x29) return;
      this.term();
    }
  }

  term(): void {
    const code = this.out.code;
    const start = code.length;
    const groupsBefore = this.nextGroup;
    const c = this.peek();
    const at = this.pos;
    switch (c) {
      case 0x5e: this.pos++; code.push(this.multiline ? Op.BolM : Op.Bol); this.noQuantifier(); return;
      case 0x24: this.pos++; code.push(this.multiline ? Op.EolM : Op.Eol); this.noQuantifier(); return;
      case 0x2a: case 0x2b: case 0x3f: this.fail("Nothing to repeat"); return;
      case 0x7b:
        if (this.braces(false)) { this.fail("Nothing to repeat"); return; }
        if (this.unicode) { this.fail("Lone quantifier brackets"); return; }
        this.pos++; this.char(c); break;
      case 0x7d: case 0x5d:
        if (this.unicode) { this.fail("Lone quantifier brackets"); return; }
        this.pos++; this.char(c); break;
      case 0x2e: this.pos++; code.push(this.dotAll ? Op.Any : Op.Dot); break;
      case 0x5b: this.charClass(); break;
      case 0x28: {
        if (this.peek(1) != 0x3f) { this.pos++; this.group(this.nextGroup++); break; }
        const d = this.peek(2);
        if (d == 0x3d || d == 0x21) { // (?= (?!
          this.pos += 3;
          code.push(Op.Look); code.push(d == 0x21 ? 1 : 0); code.push(0);
          this.disjunction();
          if (!this.closeGroup()) return;
          code.push(Op.LookEnd);
          code[start + 2] = code.length - start;
          if (this.unicode) { if (this.quantifierFollows()) this.fail("Invalid quantifier"); return; }
          break;
        }
        if (d == 0x3a) { this.pos += 3; this.disjunction(); if (!this.closeGroup()) return; break; }
        if (d == 0x3c) {
          const e = this.peek(3);
          if (e == 0x3d || e == 0x21) { this.unsupported("lookbehind is not supported", at, at + 4); return; }
          this.pos = nameEnd(this.src, this.pos + 3) + 1; // checked by scanGroups
          this.group(this.nextGroup++);
          break;
        }
        this.fail("Invalid group");
        return;
      }
      case 0x5c: {
        const e = this.peek(1);
        if (e == 0x62 || e == 0x42) { this.pos += 2; code.push(e == 0x62 ? Op.WordB : Op.NotWordB); this.noQuantifier(); return; }
        this.atomEscape();
        break;
      }
      default: {
        this.pos++;
        let cp = c;
        if (this.unicode && (c & 0xfc00) == 0xd800 && (this.peek() & 0xfc00) == 0xdc00) {
          cp = 0x10000 + ((c - 0xd800) << 10) + (this.peek() - 0xdc00);
          this.pos++;
        }
        this.char(cp);
      }
    }
    if (this.failed) return;
    this.quantifier(start, groupsBefore);
  }

  group(index: i32): void {
    const code = this.out.code;
    code.push(Op.Save); code.push(index << 1);
    this.disjunction();
    if (!this.closeGroup()) return;
    code.push(Op.Save); code.push((index << 1) + 1);
  }

  closeGroup(): bool {
    if (this.failed) return false;
    if (this.peek() != 0x29) { this.fail("Unterminated group"); return false; }
    this.pos++;
    return true;
  }

  /** One character, or the set of its case variants when ignoring case. */
  char(c: i32): void {
    if (this.ignoreCase) {
      const set: i32[] = [c, c];
      const s = finishSet(set, true, this.unicode);
      if (s.length > 2 || s[0] != s[1]) { this.emitClass(s, false); return; }
    }
    this.out.code.push(Op.Char); this.out.code.push(c);
  }

  emitClass(set: i32[], negated: bool): void {
    const code = this.out.code;
    code.push(Op.Class); code.push(negated ? 1 : 0); code.push(set.length >> 1);
    for (let i = 0; i < set.length; i++) code.push(set[i]);
  }

  // --- quantifiers ------------------------------------------------------------------

  qMin: i32 = 0;
  qMax: i32 = 0;

  /** `{n}`, `{n,}` or `{n,m}` at the position: qMin/qMax set and, when `consume`, skipped. */
  braces(consume: bool): bool {
    const s = this.src;
    let i = this.pos;
    if (this.peek() != 0x7b) return false;
    i++;
    const a = i;
    let min: f64 = 0, max: f64 = 0;
    while (i < s.length && isDigit(s.charCodeAt(i))) { min = min * 10 + <f64>(s.charCodeAt(i) - 48); i++; }
    if (i == a) return false;
    max = min;
    if (i < s.length && s.charCodeAt(i) == 0x2c) {
      i++;
      const b = i;
      max = 0;
      while (i < s.length && isDigit(s.charCodeAt(i))) { max = max * 10 + <f64>(s.charCodeAt(i) - 48); i++; }
      if (i == b) max = Infinity;
    }
    if (i >= s.length || s.charCodeAt(i) != 0x7d) return false;
    if (consume) {
      this.pos = i + 1;
      if (min > max) { this.fail("numbers out of order in {} quantifier"); return true; }
      this.qMin = min >= <f64>INFINITE ? INFINITE : <i32>min;
      this.qMax = max >= <f64>INFINITE ? INFINITE : <i32>max;
    }
    return true;
  }

  quantifierFollows(): bool {
    const c = this.peek();
    return c == 0x2a || c == 0x2b || c == 0x3f || this.braces(false);
  }

  noQuantifier(): void {
    if (this.quantifierFollows()) this.fail("Nothing to repeat");
  }

  quantifier(start: i32, groupsBefore: i32): void {
    const c = this.peek();
    let min = 0, max = INFINITE;
    if (c == 0x2a) this.pos++;
    else if (c == 0x2b) { this.pos++; min = 1; }
    else if (c == 0x3f) { this.pos++; max = 1; }
    else if (c == 0x7b) {
      if (!this.braces(true)) { if (this.unicode) this.fail("Incomplete quantifier"); return; }
      if (this.failed) return;
      min = this.qMin; max = this.qMax;
    } else return;
    let greedy = true;
    if (this.peek() == 0x3f) { this.pos++; greedy = false; }
    const code = this.out.code;
    if (min == 1 && max == 1) return;
    if (max == 0) { code.length = start; return; }
    const r = this.out.groups * 2 + this.loops * 2;
    this.loops++;
    const body = code[start];
    if (greedy && (body == Op.Char || body == Op.Any || body == Op.Dot || body == Op.Class) && code.length - start == opSize(body, code, start)) {
      insert(code, start, [Op.Star, r, min, max]);
      code.push(Op.StarBack); code.push(r);
      return;
    }
    insert(code, start, [Op.RepInit, r, Op.Rep, r, min, max, greedy ? 1 : 0, 0, Op.RepEnter, r, groupsBefore, this.nextGroup]);
    const head = start + 2;
    const end = code.length;
    code.push(Op.RepEnd); code.push(r); code.push(head - end);
    code[head + 5] = code.length - head;
  }

  // --- escapes -----------------------------------------------------------------------

  atomEscape(): void {
    const code = this.out.code;
    const at = this.pos;
    const e = this.peek(1);
    if (e < 0) { this.fail("\\ at end of pattern"); return; }
    if (e >= 0x31 && e <= 0x39) { // \1 … a backreference if there is such a group
      let v = 0, i = this.pos + 1;
      while (i < this.src.length && isDigit(this.src.charCodeAt(i)) && v < 100000) { v = v * 10 + this.src.charCodeAt(i) - 48; i++; }
      if (v < this.out.groups) { this.pos = i; code.push(Op.BackRef); code.push(v); return; }
      if (this.unicode) { this.fail("Invalid escape"); return; }
    }
    if (e == 0x6b && (this.unicode || this.hasNames)) { // \k<name>
      if (this.peek(2) != 0x3c) { this.fail("Invalid named reference"); return; }
      const end = nameEnd(this.src, this.pos + 3);
      if (end < 0) { this.fail("Invalid capture group name"); return; }
      const g = this.out.names.indexOf(this.src.substring(this.pos + 3, end));
      if (g <= 0) { this.fail("Invalid named capture referenced"); return; }
      this.pos = end + 1;
      code.push(Op.BackRef); code.push(g);
      return;
    }
    if (isClassEscape(e)) {
      this.pos += 2;
      const set: i32[] = [];
      addClassEscape(set, e, this.unicode && this.ignoreCase);
      this.emitClass(finishSet(set, this.ignoreCase, this.unicode), false);
      return;
    }
    if ((e == 0x70 || e == 0x50) && this.unicode) { this.unsupported("\\p{…} property escapes are not supported", at, at + 2); return; }
    const c = escapeAt(this, false);
    if (!this.failed) this.char(c);
  }

  // --- classes -------------------------------------------------------------------------

  charClass(): void {
    this.pos++;
    let negated = false;
    if (this.peek() == 0x5e) { negated = true; this.pos++; }
    const set: i32[] = [];
    for (;;) {
      if (this.pos >= this.src.length) { this.fail("Unterminated character class"); return; }
      if (this.peek() == 0x5d) { this.pos++; break; }
      const a = this.classAtom(set);
      if (this.failed) return;
      if (this.peek() == 0x2d && this.peek(1) != 0x5d && this.pos + 1 < this.src.length) {
        this.pos++;
        const b = this.classAtom(set);
        if (this.failed) return;
        if (a < 0 || b < 0) {
          if (this.unicode) { this.fail("Invalid character class"); return; }
          if (a >= 0) addRange(set, a, a);
          addRange(set, 0x2d, 0x2d);
          if (b >= 0) addRange(set, b, b);
          continue;
        }
        if (a > b) { this.fail("Range out of order in character class"); return; }
        addRange(set, a, b);
        continue;
      }
      if (a >= 0) addRange(set, a, a);
    }
    this.emitClass(finishSet(set, this.ignoreCase, this.unicode), negated);
  }

  /** One class atom: its code point, or -1 for a class escape (added to `set`). */
  classAtom(set: i32[]): i32 {
    const c = this.peek();
    if (c != 0x5c) {
      this.pos++;
      if (this.unicode && (c & 0xfc00) == 0xd800 && (this.peek() & 0xfc00) == 0xdc00) {
        const d = this.peek(); this.pos++;
        return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      }
      return c;
    }
    const e = this.peek(1);
    if (e < 0) { this.fail("\\ at end of pattern"); return 0; }
    if (isClassEscape(e)) { this.pos += 2; addClassEscape(set, e, this.unicode && this.ignoreCase); return -1; }
    if (e == 0x62) { this.pos += 2; return 8; }
    if (this.unicode) {
      if (e == 0x2d) { this.pos += 2; return 0x2d; }
      if (e == 0x70 || e == 0x50) { this.unsupported("\\p{…} property escapes are not supported", this.pos, this.pos + 2); return 0; }
      if (e >= 0x31 && e <= 0x39) { this.fail("Invalid class escape"); return 0; }
      if (e == 0x6b || e == 0x42) { this.fail("Invalid escape"); return 0; }
    } else if (e == 0x63) { // \c in a class also takes digits and _
      const x = this.peek(2);
      if (isDigit(x) || x == 0x5f) { this.pos += 3; return x & 31; }
    }
    if (!this.unicode && (e == 0x38 || e == 0x39)) { this.pos += 2; return e; }
    return escapeAt(this, true);
  }
}

function isDigit(c: i32): bool { return c >= 0x30 && c <= 0x39; }

function isClassEscape(e: i32): bool {
  const l = e | 0x20;
  return l == 0x64 || l == 0x77 || l == 0x73;
}

function isNameStart(c: i32): bool { return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x24 || c == 0x5f; }

/** The index of the `>` closing a group name starting at i, or -1. */
export function nameEnd(s: string, i: i32): i32 {
  if (i >= s.length || !isNameStart(s.charCodeAt(i))) return -1;
  for (i++; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x3e) return i;
    if (!isNameStart(c) && !isDigit(c)) return -1;
  }
  return -1;
}

/** Insert `words` into `code` at `at`. */
function insert(code: i32[], at: i32, words: i32[]): void {
  const k = words.length, n = code.length;
  for (let i = 0; i < k; i++) code.push(0);
  for (let i = n - 1; i >= at; i--) code[i + k] = code[i];
  for (let i = 0; i < k; i++) code[at + i] = words[i];
}
