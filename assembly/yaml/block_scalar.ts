// The YAML parser's block scalars: literal `|` and folded `>`, with chomping and
// indentation indicators.

import { NodeKind, ScalarType, YamlNode } from "./node";
import { SPACE, TAB, src, n, p, fail, failed, ch, isBreakAt, isBlankAt, atEol, lineStartOf, skipBreak, skipSpace } from "./cursor";
import { Msg, msg } from "../messages";

/** A block scalar's auto-detected indentation: its first non-empty line's (from `p`). */
function detectIndent(parentIndent: i32, base: i32): i32 {
  let q = p;
  let maxEmpty = 0;
  while (true) {
    let spaces = 0;
    while (ch(q + spaces) == SPACE) spaces++;
    if (q + spaces >= n) return max(maxEmpty, base + 1);
    if (isBreakAt(q + spaces)) {
      if (spaces > maxEmpty) maxEmpty = spaces;
      q = skipBreak(q + spaces);
      continue;
    }
    if (spaces <= parentIndent) return parentIndent + 1; // no content: the scalar is empty
    if (maxEmpty > spaces) fail(q, msg(Msg.LeadingEmptyLinesOf));
    return spaces;
  }
  return 0; // not reached
}

/** A block scalar (`|` or `>` header at `p`) whose parent node is at `parentIndent`. */
export function parseBlockScalar(parentIndent: i32): YamlNode | null {
  const node = new YamlNode(NodeKind.Scalar, p);
  const folded = ch(p) == 0x3e;
  p++;
  let indicator = 0;
  let chomp = 0; // 0 clip, -1 strip, 1 keep
  for (let k = 0; k < 2; k++) {
    const c = ch(p);
    if (c >= 0x31 && c <= 0x39 && indicator == 0) { indicator = c - 0x30; p++; }
    else if ((c == 0x2d || c == 0x2b) && chomp == 0) { chomp = c == 0x2d ? -1 : 1; p++; }
  }
  if (!isBlankAt(p)) return fail(p, msg(Msg.InvalidBlockScalarHeader));
  skipSpace();
  if (ch(p) == 0x23) while (!atEol(p)) p++;
  if (!atEol(p)) return fail(p, msg(Msg.InvalidBlockScalarHeader));
  const base = parentIndent < 0 ? 0 : parentIndent;
  let indent = indicator > 0 ? base + indicator : -1;
  if (p < n) p = skipBreak(p);
  if (indent < 0) indent = detectIndent(parentIndent, base);
  if (failed()) return null;
  // Lines: content (kind 1), more-indented content (2), empty (0).
  const lines = new Array<string>();
  const kinds = new Array<i32>();
  let endedWithBreak = false;
  while (true) {
    if (p >= n) break;
    let s = 0;
    while (ch(p + s) == SPACE) s++;
    if (p + s >= n || isBreakAt(p + s)) {
      // An empty line, or white space past the indentation (content).
      if (s > indent) { lines.push(src.substring(p + indent, p + s)); kinds.push(2); }
      else { lines.push(""); kinds.push(0); }
      if (p + s >= n) { p = p + s; endedWithBreak = false; break; }
      p = skipBreak(p + s);
      endedWithBreak = true;
      continue;
    }
    if (s < indent) break;
    let e = p + s;
    while (!atEol(e)) e++;
    const text = src.substring(p + indent, e);
    lines.push(text);
    kinds.push(s > indent || ch(p + indent) == TAB ? 2 : 1);
    if (e >= n) { p = e; endedWithBreak = false; break; }
    p = skipBreak(e);
    endedWithBreak = true;
  }
  // A line that ended the scalar belongs to the parent: go back to its start.
  if (p < n) p = lineStartOf(p);
  // Trailing empty lines are chomping's business.
  let last = lines.length - 1;
  while (last >= 0 && kinds[last] == 0) last--;
  let out = "";
  let prevKind = -1; // kind of the previous content line
  let pendingEmpty = 0;
  for (let i = 0; i <= last; i++) {
    const k = kinds[i];
    if (k == 0) { pendingEmpty++; continue; }
    if (prevKind < 0) {
      for (let e = 0; e < pendingEmpty; e++) out += "\n";
    } else if (!folded) {
      out += "\n";
      for (let e = 0; e < pendingEmpty; e++) out += "\n";
    } else if (prevKind == 1 && k == 1) {
      if (pendingEmpty == 0) out += " ";
      else for (let e = 0; e < pendingEmpty; e++) out += "\n";
    } else {
      out += "\n";
      for (let e = 0; e < pendingEmpty; e++) out += "\n";
    }
    pendingEmpty = 0;
    out += lines[i];
    prevKind = k;
  }
  if (chomp >= 0) {
    // The last content line's break (a final line without one still gets it, as
    // the `yaml` package reads it); keep adds the empty lines after it.
    if (last >= 0) out += "\n";
    if (chomp > 0) {
      let extra = lines.length - 1 - last;
      if (extra > 0 && !endedWithBreak) extra--;
      for (let e = 0; e < extra; e++) out += "\n";
    }
  }
  node.text = out;
  node.type = ScalarType.String;
  return node;
}
