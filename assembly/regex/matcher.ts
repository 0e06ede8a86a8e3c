// The backtracking matcher (ECMA-262 §22.2.2 semantics): runs a program of
// program.ts over UTF-16 text. Choice points and an undo log of register writes
// share one stack, so backtracking restores captures, loop counters and loop
// start positions exactly. A greedy loop over one character (`.*`, `\d+`) takes
// its characters in a tight loop and gives them back one per backtracking step.
// Steps are counted (program.ts STEP_LIMIT); past the limit (or when the stack is full) the match
// stops with `limitHit` set. The stack and registers are reserved at configure
// time (reserve()); matching allocates nothing.

import { Op, Flag, INFINITE, STEP_LIMIT, D_CODE, D_FLAGS, D_REGS, D_GROUPS } from "./program";
import { canonicalize } from "./case";

/** Stack entries (8 bytes each): choice points (pc >= 0, position) or undo records (-1 - register, old value). */
const STACK_ENTRIES: i32 = 1 << 17;

let stack: usize = 0;
let sp: i32 = 0;
let regs: usize = 0;
let regsCap: i32 = 0;
/** Steps left in this evaluation (one store resets it: the mapping VM does so for every evaluation). */
let remaining: i32 = STEP_LIMIT;
export let limitHit: bool = false;

let text: usize = 0;
let textLen: i32 = 0;
let prog: usize = 0;
let unicode: bool = false;
let ignoreCase: bool = false;

/** Room for a program with `count` registers (configure time). */
export function reserve(count: i32): void {
  if (stack == 0) stack = heap.alloc(<usize>STACK_ENTRIES << 3);
  if (count > regsCap) {
    if (regs != 0) heap.free(regs);
    regs = heap.alloc(<usize>count << 2);
    regsCap = count;
  }
}

/** A new evaluation: the step budget is full again. */
// @ts-ignore: decorator
@inline export function resetSteps(): void { remaining = STEP_LIMIT; }

/** A method starts searching a string of `units`: linear work on long strings stays within the budget. */
export function grantSteps(units: i32): void {
  limitHit = false;
  const more = <i64>remaining + (<i64>units << 4);
  remaining = more > 0x7fffffff ? 0x7fffffff : <i32>more;
}

/** Capture register k (2g start, 2g + 1 end of group g; -1 unset) of the last match. */
// @ts-ignore: decorator
@inline export function capture(k: i32): i32 { return load<i32>(regs + (<usize>k << 2)); }

/**
 * Find the first match of regex `d` in (p, n) starting at `from` or later: true
 * with the captures set, false when there is none or the step limit was hit.
 */
export function search(d: usize, p: usize, n: i32, from: i32): bool {
  prog = <usize>load<u32>(d, D_CODE);
  const flags = load<i32>(d, D_FLAGS);
  unicode = (flags & Flag.Unicode) != 0;
  ignoreCase = (flags & Flag.IgnoreCase) != 0;
  text = p; textLen = n;
  const count = load<i32>(d, D_REGS);
  const groups = load<i32>(d, D_GROUPS);
  // With u, V8 also tries the middle of a pair (where only assertions can match: matchOne).
  for (let start = from; start <= n; start++) {
    memory.fill(regs, 0xff, <usize>(groups << 1) << 2);
    sp = 0;
    const end = run(0, start, 0);
    if (end >= 0) {
      store<i32>(regs, start);
      store<i32>(regs, end, 4);
      return true;
    }
    if (limitHit) return false;
  }
  return false;
}

// @ts-ignore: decorator
@inline function unit(i: i32): i32 { return <i32>load<u16>(text + (<usize>i << 1)); }
function isLead(i: i32): bool { return (unit(i) & 0xfc00) == 0xd800; }
function isTrail(i: i32): bool { return (unit(i) & 0xfc00) == 0xdc00; }
// @ts-ignore: decorator
@inline function word(i: i32): i32 { return load<i32>(prog + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function reg(r: i32): i32 { return load<i32>(regs + (<usize>r << 2)); }

function push(a: i32, b: i32): bool {
  if (sp >= STACK_ENTRIES) { limitHit = true; return false; }
  const at = stack + (<usize>sp << 3);
  store<i32>(at, a);
  store<i32>(at, b, 4);
  sp++;
  return true;
}

function setReg(r: i32, v: i32): bool {
  const old = reg(r);
  if (old == v) return true;
  if (!push(-1 - r, old)) return false;
  store<i32>(regs + (<usize>r << 2), v);
  return true;
}

// The choice point backtrack() resumed.
let resumePc: i32 = 0;
let resumePos: i32 = 0;

/** Undo down to the newest choice point above `base` and take it; false when none is left. */
function backtrack(base: i32): bool {
  while (sp > base) {
    sp--;
    const at = stack + (<usize>sp << 3);
    const a = load<i32>(at), b = load<i32>(at, 4);
    if (a < 0) { store<i32>(regs + (<usize>(-1 - a) << 2), b); continue; }
    if (--remaining < 0) { limitHit = true; return false; }
    resumePc = a; resumePos = b;
    return true;
  }
  return false;
}

/** Width of the character at i (2 for a pair with u), 0 at the end. */
function widthAt(i: i32): i32 {
  if (i >= textLen) return 0;
  return unicode && isLead(i) && i + 1 < textLen && isTrail(i + 1) ? 2 : 1;
}

function charAt(i: i32, w: i32): i32 {
  if (w == 1) return unit(i);
  return 0x10000 + ((unit(i) - 0xd800) << 10) + (unit(i + 1) - 0xdc00);
}

function isWordAt(i: i32): bool {
  if (i < 0 || i >= textLen) return false;
  const c = unit(i);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f) return true;
  return unicode && ignoreCase && (c == 0x17f || c == 0x212a);
}

function isLineTerminator(c: i32): bool { return c == 10 || c == 13 || c == 0x2028 || c == 0x2029; }

function inClass(pc: i32, c: i32): bool {
  let lo = 0, hi = word(pc + 2) - 1;
  const ranges = pc + 3;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < word(ranges + (mid << 1))) hi = mid - 1;
    else if (c > word(ranges + (mid << 1) + 1)) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Width of the character at pos if instruction `op` at pc matches it, else 0. */
function matchOne(op: i32, pc: i32, pos: i32): i32 {
  const w = widthAt(pos);
  if (w == 0 || (unicode && pos > 0 && isTrail(pos) && isLead(pos - 1))) return 0;
  const c = charAt(pos, w);
  let ok = true;
  if (op == Op.Char) ok = c == word(pc + 1);
  else if (op == Op.Dot) ok = !isLineTerminator(c);
  else if (op == Op.Class) ok = inClass(pc, c) != (word(pc + 1) != 0);
  return ok ? w : 0;
}

function backRef(g: i32, pos: i32): i32 {
  const s = reg(g << 1), e = reg((g << 1) + 1);
  if (s < 0 || e < 0) return pos;
  const len = e - s;
  if (pos + len > textLen) return -1;
  for (let i = 0; i < len; i++) {
    const a = unit(s + i), b = unit(pos + i);
    if (a != b && !(ignoreCase && canonicalize(a, unicode) == canonicalize(b, unicode))) return -1;
  }
  return pos + len;
}

/** Run from `pc` at `pos` until Match or LookEnd (the end position) or failure (-1); `base` bounds backtracking. */
function run(pc: i32, pos: i32, base: i32): i32 {
  for (;;) {
    let ok = true;
    const op = word(pc);
    switch (op) {
      case Op.Match: case Op.LookEnd: return pos;
      case Op.Char: case Op.Any: case Op.Dot: case Op.Class: {
        const w = matchOne(op, pc, pos);
        ok = w > 0;
        if (ok) { pos += w; pc += op == Op.Class ? 3 + (word(pc + 2) << 1) : op == Op.Char ? 2 : 1; }
        break;
      }
      case Op.Star: {
        const min = word(pc + 2), max = word(pc + 3);
        const body = pc + 4, bodyOp = word(body);
        const next = body + (bodyOp == Op.Class ? 3 + (word(body + 2) << 1) : bodyOp == Op.Char ? 2 : 1);
        let count = 0, p = pos, bound = pos;
        while (max == INFINITE || count < max) {
          const w = matchOne(bodyOp, body, p);
          if (w == 0) break;
          p += w;
          if (++count == min) bound = p;
        }
        remaining -= count >> 8;
        if (count < min) { ok = false; break; }
        if (p > bound) ok = setReg(word(pc + 1), bound) && push(next, p);
        pos = p;
        pc = next + 2;
        break;
      }
      case Op.StarBack: { // give back one character (a whole pair with u), down to the bound
        pos -= unicode && pos >= 2 && isTrail(pos - 1) && isLead(pos - 2) && pos - 2 >= reg(word(pc + 1)) ? 2 : 1;
        if (pos > reg(word(pc + 1))) ok = push(pc, pos);
        pc += 2;
        break;
      }
      case Op.Bol: ok = pos == 0; pc++; break;
      case Op.BolM: ok = pos == 0 || isLineTerminator(unit(pos - 1)); pc++; break;
      case Op.Eol: ok = pos == textLen; pc++; break;
      case Op.EolM: ok = pos == textLen || isLineTerminator(unit(pos)); pc++; break;
      case Op.WordB: case Op.NotWordB:
        ok = (isWordAt(pos - 1) != isWordAt(pos)) == (op == Op.WordB); pc++; break;
      case Op.SplitNext: ok = push(pc + word(pc + 1), pos); pc += 2; break;
      case Op.SplitJump: ok = push(pc + 2, pos); pc += word(pc + 1); break;
      case Op.Jump: pc += word(pc + 1); break;
      case Op.Save: ok = setReg(word(pc + 1), pos); pc += 2; break;
      case Op.BackRef: {
        const e = backRef(word(pc + 1), pos);
        ok = e >= 0;
        pos = e; pc += 2;
        break;
      }
      case Op.Look: {
        const negated = word(pc + 1) != 0;
        const mark = sp;
        const e = run(pc + 3, pos, mark);
        if (limitHit) return -1;
        if (negated) {
          if (e >= 0) { unwind(mark); ok = false; } // undo its captures
        } else if (e < 0) {
          ok = false;
        } else {
          keepUndo(mark); // atomic: drop its choice points, keep its capture writes undoable
        }
        pc += word(pc + 2);
        break;
      }
      case Op.RepInit: ok = setReg(word(pc + 1), 0); pc += 2; break;
      case Op.Rep: {
        const r = word(pc + 1), min = word(pc + 2), max = word(pc + 3);
        const count = reg(r);
        const exit = pc + word(pc + 5);
        if (max != INFINITE && count >= max) { pc = exit; break; }
        if (count < min) { pc += 6; break; }
        if (word(pc + 4) != 0) { ok = push(exit, pos); pc += 6; }
        else { ok = push(pc + 6, pos); pc = exit; }
        break;
      }
      case Op.RepEnter: {
        ok = setReg(word(pc + 1) + 1, pos);
        for (let g = word(pc + 2), to = word(pc + 3); ok && g < to; g++) ok = setReg(g << 1, -1) && setReg((g << 1) + 1, -1);
        pc += 4;
        break;
      }
      case Op.RepEnd: {
        const r = word(pc + 1);
        const head = pc + word(pc + 2);
        const count = reg(r);
        if (count >= word(head + 2) && pos == reg(r + 1)) { ok = false; break; } // an empty iteration past the minimum
        ok = setReg(r, count + 1);
        if (--remaining < 0) { limitHit = true; return -1; }
        pc = head;
        break;
      }
      default: return -1;
    }
    if (!ok) {
      if (limitHit || !backtrack(base)) return -1;
      pc = resumePc; pos = resumePos;
    }
  }
  return -1; // not reached
}

/** Undo every register write above `mark` and drop its choice points. */
function unwind(mark: i32): void {
  while (sp > mark) {
    sp--;
    const at = stack + (<usize>sp << 3);
    const a = load<i32>(at);
    if (a < 0) store<i32>(regs + (<usize>(-1 - a) << 2), load<i32>(at, 4));
  }
}

/** Remove the choice points above `mark`, keeping the undo records in order. */
function keepUndo(mark: i32): void {
  let to = mark;
  for (let i = mark; i < sp; i++) {
    const at = stack + (<usize>i << 3);
    if (load<i32>(at) < 0) {
      if (to != i) store<u64>(stack + (<usize>to << 3), load<u64>(at));
      to++;
    }
  }
  sp = to;
}
