// YAML text -> YamlNode tree, for the configs the Node host accepts (host/config.ts):
// block and flow mappings and sequences, plain / single- / double-quoted scalars
// (with escapes and line folding), comments, block scalars `|` `>` (chomping and
// indentation indicators), anchors, aliases and `<<` merge keys, one document with
// an optional `---` / `...`. Everything else (tags, directives, several documents,
// complex keys) is an error with its position, never a different reading.
// Scalars resolve as the `yaml` package's core schema does.

import { NodeKind, ScalarType, YamlNode } from "./node";
import { parseFloatJs, parseIntJs } from "../num/parse";
import { intText } from "../text";

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;

let src = "";
let n: i32 = 0;
let p: i32 = 0;
let errPos: i32 = -1;
let errMsg = "";
// Anchors in the order they appear; a node is null while its content is parsed.
/** Collections nest at most this deep (the parser is recursive). */
const MAX_DEPTH: i32 = 1000;
let depth: i32 = 0;
let anchorNames: string[] = [];
let anchorNodes: Array<YamlNode | null> = [];

/** The error of the last parse ("" when it succeeded). */
export function yamlError(): string { return errMsg; }
/** Where it is: offset in UTF-16 units of the text, or -1. */
export function yamlErrorPos(): i32 { return errPos; }

function fail(at: i32, message: string): YamlNode | null {
  if (errPos < 0) { errPos = at; errMsg = message; }
  return null;
}
// @ts-ignore: decorator
@inline function failed(): bool { return errPos >= 0; }

// @ts-ignore: decorator
@inline function ch(i: i32): i32 { return i < n ? <i32>src.charCodeAt(i) : -1; }
function isWs(c: i32): bool { return c == SPACE || c == TAB; }
// Line breaks are LF and CRLF; a lone CR is an ordinary character (as the `yaml` package reads it).
function isBreakAt(i: i32): bool { const c = ch(i); return c == LF || (c == CR && ch(i + 1) == LF); }
function isBlankAt(i: i32): bool { const c = ch(i); return c == SPACE || c == TAB || c == -1 || isBreakAt(i); }
function atEol(i: i32): bool { return i >= n || isBreakAt(i); }
function isFlowIndicator(c: i32): bool { return c == 0x2c || c == 0x5b || c == 0x5d || c == 0x7b || c == 0x7d; }

function lineStartOf(i: i32): i32 {
  let j = i;
  while (j > 0 && ch(j - 1) != LF) j--;
  return j;
}
function colOf(i: i32): i32 { return i - lineStartOf(i); }

/** After a line break at `i` (LF, CR or CRLF), the next line's start. */
function skipBreak(i: i32): i32 {
  if (ch(i) == CR && ch(i + 1) == LF) return i + 2;
  return i + 1;
}

function skipSpace(): void { while (isWs(ch(p))) p++; }

/** `---` or `...` at the start of a line, followed by a blank. */
function atDocMarker(i: i32, c: i32): bool {
  return colOf(i) == 0 && ch(i) == c && ch(i + 1) == c && ch(i + 2) == c && isBlankAt(i + 3);
}
function atAnyDocMarker(i: i32): bool { return atDocMarker(i, 0x2d) || atDocMarker(i, 0x2e); }

/** Skip white space, comments and line breaks up to the next content (or the end). */
function skipBlankLines(): void {
  while (true) {
    skipSpace();
    if (ch(p) == 0x23) {
      if (p > 0 && !isBlankAt(p - 1)) { fail(p, "a comment needs white space before '#'"); return; }
      while (!atEol(p)) p++;
    }
    if (p < n && isBreakAt(p)) { p = skipBreak(p); continue; }
    return;
  }
}

/** The indentation of the content at `i` (its column); an error if it contains a tab. */
function indentOf(i: i32): i32 {
  const start = lineStartOf(i);
  for (let j = start; j < i; j++) {
    if (ch(j) == TAB) { fail(j, "tabs are not allowed as indentation"); break; }
  }
  return i - start;
}

// ---- scalars ----------------------------------------------------------------

function resolvePlain(node: YamlNode): void {
  const s = node.text;
  const len = s.length;
  if (len == 0 || s == "~" || s == "null" || s == "Null" || s == "NULL") { node.type = ScalarType.Null; return; }
  if (s == "true" || s == "True" || s == "TRUE") { node.type = ScalarType.Bool; node.bool = true; return; }
  if (s == "false" || s == "False" || s == "FALSE") { node.type = ScalarType.Bool; node.bool = false; return; }
  if (s == "<<") { node.type = ScalarType.MergeKey; return; }
  const ptr = changetype<usize>(s);
  const c0 = <i32>s.charCodeAt(0);
  // 0o17, 0x1F
  if (len > 2 && c0 == 0x30 && (s.charCodeAt(1) == 0x6f || s.charCodeAt(1) == 0x78)) {
    const hex = s.charCodeAt(1) == 0x78;
    let ok = true;
    for (let i = 2; i < len; i++) {
      const c = <i32>s.charCodeAt(i);
      const digit = hex ? (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) : c >= 0x30 && c <= 0x37;
      if (!digit) { ok = false; break; }
    }
    if (ok) {
      node.type = ScalarType.Number;
      node.num = parseIntJs(ptr + 4, len - 2, hex ? 16 : 8);
      return;
    }
  }
  // [-+]?(\.inf|\.Inf|\.INF), \.nan|\.NaN|\.NAN
  let i = 0;
  if (c0 == 0x2d || c0 == 0x2b) i = 1;
  const rest = s.substring(i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") {
    node.type = ScalarType.Number; node.num = c0 == 0x2d ? -Infinity : Infinity; return;
  }
  if (i == 0 && (s == ".nan" || s == ".NaN" || s == ".NAN")) { node.type = ScalarType.Number; node.num = NaN; return; }
  // [-+]?[0-9]+ ; [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  let intDigits = 0;
  let j = i;
  while (j < len && isDigit(<i32>s.charCodeAt(j))) { j++; intDigits++; }
  if (j == len) {
    if (intDigits == 0) return;
    node.type = ScalarType.Number; node.num = parseIntJs(ptr, len, 10); return;
  }
  let fracDigits = 0;
  let dot = false;
  if (s.charCodeAt(j) == 0x2e) {
    dot = true;
    j++;
    while (j < len && isDigit(<i32>s.charCodeAt(j))) { j++; fracDigits++; }
  }
  if (intDigits == 0 && fracDigits == 0) return;
  let exp = false;
  if (j < len && (s.charCodeAt(j) | 0x20) == 0x65) {
    exp = true;
    j++;
    if (j < len && (s.charCodeAt(j) == 0x2b || s.charCodeAt(j) == 0x2d)) j++;
    let expDigits = 0;
    while (j < len && isDigit(<i32>s.charCodeAt(j))) { j++; expDigits++; }
    if (expDigits == 0) return;
  }
  if (j != len) return;
  if (!dot && !exp) return; // covered above
  node.type = ScalarType.Number;
  node.num = parseFloatJs(ptr, len);
}

function isDigit(c: i32): bool { return c >= 0x30 && c <= 0x39; }

/**
 * The end of the plain scalar text on this line from `i`: before `: `, ` #`, the
 * line break, and in flow context before `,[]{}` and `:` followed by one of them.
 */
function plainLineEnd(i: i32, flow: bool): i32 {
  let j = i;
  let end = i;
  while (j < n) {
    const c = ch(j);
    if (isBreakAt(j)) break;
    if (c == 0x3a) {
      const d = ch(j + 1);
      if (isBlankAt(j + 1) || (flow && isFlowIndicator(d))) break;
    } else if (c == 0x23) {
      if (j > i && isWs(ch(j - 1))) break;
    } else if (flow && isFlowIndicator(c)) break;
    j++;
    if (!isWs(c)) end = j;
  }
  return end;
}

/** Can a plain scalar start at `i`? */
function plainStarts(i: i32, flow: bool): bool {
  const c = ch(i);
  if (c == -1 || isBlankAt(i)) return false;
  if (c == 0x2d || c == 0x3f || c == 0x3a) {
    const d = ch(i + 1);
    return !isBlankAt(i + 1) && !(flow && isFlowIndicator(d));
  }
  // , [ ] { } # & * ! | > ' " % @ `
  return !(isFlowIndicator(c) || c == 0x23 || c == 0x26 || c == 0x2a || c == 0x21 || c == 0x7c || c == 0x3e ||
    c == 0x27 || c == 0x22 || c == 0x25 || c == 0x40 || c == 0x60);
}

/** A plain scalar from `p`; continuation lines must be indented more than `parentIndent`. */
function parsePlain(parentIndent: i32, flow: bool, oneLine: bool): YamlNode | null {
  const node = new YamlNode(NodeKind.Scalar, p);
  let end = plainLineEnd(p, flow);
  let text = src.substring(p, end);
  p = end;
  while (!oneLine) {
    let q = p;
    while (isWs(ch(q))) q++;
    if (!isBreakAt(q)) break;
    // Look past the line break (and empty lines) for a continuation line.
    let empty = 0;
    let r = skipBreak(q);
    while (true) {
      while (isWs(ch(r))) r++;
      if (r < n && isBreakAt(r)) { empty++; r = skipBreak(r); continue; }
      break;
    }
    if (r >= n || atAnyDocMarker(r) || ch(r) == 0x23) break;
    let lead = lineStartOf(r);
    while (lead < r && ch(lead) == SPACE) lead++;
    if (!flow && lead - lineStartOf(r) <= parentIndent) break;
    if (flow && isFlowIndicator(ch(r))) break;
    if (ch(r) == 0x3a && (isBlankAt(r + 1) || (flow && isFlowIndicator(ch(r + 1))))) break;
    const e = plainLineEnd(r, flow);
    if (e == r) break;
    if (!flow && ch(e) == 0x3a) return fail(r, "a multi-line plain scalar cannot contain ': ' (an implicit key must be on one line)");
    if (empty == 0) text += " ";
    else for (let k = 0; k < empty; k++) text += "\n";
    text += src.substring(r, e);
    p = e;
  }
  node.text = text;
  resolvePlain(node);
  return node;
}

function hexValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Is the line of `p` (inside a multi-line scalar) indented more than `parentIndent`? */
function continuationIndented(parentIndent: i32): bool {
  if (p >= n || atAnyDocMarker(p)) return false;
  let spaces = 0;
  const lead = lineStartOf(p);
  while (lead + spaces < p && ch(lead + spaces) == SPACE) spaces++;
  return spaces > parentIndent;
}

/** Is there a closing single quote (not a '' pair) at or after `i`? */
function closingQuoteAfter(i: i32): bool {
  for (let j = i; j < n; j++) {
    if (ch(j) == 0x27) {
      if (ch(j + 1) != 0x27) return true;
      j++;
    }
  }
  return false;
}

/** A quoted scalar at `p` ('...' or "..."), with line folding. */
function parseQuoted(parentIndent: i32, oneLine: bool): YamlNode | null {
  const node = new YamlNode(NodeKind.Scalar, p);
  const quote = ch(p);
  const double = quote == 0x22;
  p++;
  let out = "";
  let keep = 0; // out's length without trailing white space that a line break would drop
  // Where the last '' of a single-quoted scalar ended: the `yaml` package closes such
  // a scalar at the end of the text or before an unindented line (its lexer cuts the
  // token there and the resolver sees a final quote), so this reader does too.
  let pairEnd = -1;
  while (true) {
    const c = ch(p);
    if (c == -1) {
      if (pairEnd == p) break;
      return fail(node.pos, "missing closing quote");
    }
    if (c == quote) {
      if (!double && ch(p + 1) == 0x27) { out += "'"; keep = out.length; p += 2; pairEnd = p; continue; }
      p++;
      break;
    }
    if (double && c == 0x5c) {
      const e = ch(p + 1);
      if (isBreakAt(p + 1)) {
        // An escaped line break: joined without a space; leading white space skipped.
        if (oneLine) return fail(node.pos, "an implicit key must be on one line");
        p = skipBreak(p + 1);
        while (true) {
          while (isWs(ch(p))) p++;
          if (p < n && isBreakAt(p)) { out += "\n"; p = skipBreak(p); continue; }
          break;
        }
        if (!continuationIndented(parentIndent)) return fail(node.pos, "missing closing quote (a continuation line is not indented enough)");
        keep = out.length;
        continue;
      }
      let cp: i32 = -1;
      let len = 2;
      switch (e) {
        case 0x30: cp = 0; break;
        case 0x61: cp = 7; break;
        case 0x62: cp = 8; break;
        case 0x74: case TAB: cp = 9; break;
        case 0x6e: cp = 10; break;
        case 0x76: cp = 11; break;
        case 0x66: cp = 12; break;
        case 0x72: cp = 13; break;
        case 0x65: cp = 0x1b; break;
        case SPACE: cp = 0x20; break;
        case 0x22: cp = 0x22; break;
        case 0x2f: cp = 0x2f; break;
        case 0x5c: cp = 0x5c; break;
        case 0x4e: cp = 0x85; break;
        case 0x5f: cp = 0xa0; break;
        case 0x4c: cp = 0x2028; break;
        case 0x50: cp = 0x2029; break;
        case 0x78: case 0x75: case 0x55: {
          const digits = e == 0x78 ? 2 : e == 0x75 ? 4 : 8;
          cp = 0;
          for (let k = 0; k < digits; k++) {
            const h = hexValue(ch(p + 2 + k));
            if (h < 0) { cp = -1; break; }
            cp = (cp << 4) | h;
          }
          if (cp < 0 || cp > 0x10ffff) return fail(p, "invalid escape sequence in a double-quoted scalar");
          len = 2 + digits;
          break;
        }
        default: return fail(p, "invalid escape sequence in a double-quoted scalar");
      }
      out += String.fromCodePoint(cp);
      keep = out.length;
      p += len;
      continue;
    }
    if (isBreakAt(p)) {
      if (oneLine) return fail(node.pos, "an implicit key must be on one line");
      out = out.substring(0, keep);
      const breakAt = p;
      p = skipBreak(p);
      let empty = 0;
      while (true) {
        while (isWs(ch(p))) p++;
        if (p < n && isBreakAt(p)) { empty++; p = skipBreak(p); continue; }
        break;
      }
      if (!continuationIndented(parentIndent)) {
        if (pairEnd == breakAt && closingQuoteAfter(breakAt)) { p = breakAt; break; }
        return fail(node.pos, "missing closing quote (a continuation line is not indented enough)");
      }
      if (empty == 0) out += " ";
      else for (let k = 0; k < empty; k++) out += "\n";
      keep = out.length;
      continue;
    }
    out += String.fromCharCode(c);
    if (!isWs(c)) keep = out.length;
    p++;
  }
  node.text = out;
  node.type = ScalarType.String;
  return node;
}

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
    if (maxEmpty > spaces) fail(q, "leading empty lines of a block scalar are indented more than its first line");
    return spaces;
  }
  return 0; // not reached
}

/** A block scalar (`|` or `>` header at `p`) whose parent node is at `parentIndent`. */
function parseBlockScalar(parentIndent: i32): YamlNode | null {
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
  if (!isBlankAt(p)) return fail(p, "invalid block scalar header");
  skipSpace();
  if (ch(p) == 0x23) while (!atEol(p)) p++;
  if (!atEol(p)) return fail(p, "invalid block scalar header");
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

// ---- anchors and aliases ------------------------------------------------------

function readName(): string {
  const start = p;
  while (p < n && !isBlankAt(p) && !isFlowIndicator(ch(p))) p++;
  return src.substring(start, p);
}

function readAnchor(): string {
  const at = p;
  p++;
  const name = readName();
  if (name.length == 0) { fail(at, "an anchor needs a name"); return ""; }
  if (!isBlankAt(p) && !isFlowIndicator(ch(p))) { fail(p, "unexpected character after an anchor"); return ""; }
  return name;
}

/** An anchor seen at the start of its node: returns its slot (-1 for no anchor). */
function beginAnchor(name: string): i32 {
  if (name.length == 0) return -1;
  anchorNames.push(name);
  anchorNodes.push(null);
  return anchorNames.length - 1;
}

/** The node of the anchor in `slot` is complete. */
function endAnchor(slot: i32, node: YamlNode | null): void {
  if (slot < 0 || node == null) return;
  node.anchor = anchorNames[slot];
  anchorNodes[slot] = node;
}

function setAnchor(node: YamlNode | null, name: string): void {
  endAnchor(beginAnchor(name), node);
}

function parseAlias(): YamlNode | null {
  const node = new YamlNode(NodeKind.Alias, p);
  p++;
  const name = readName();
  if (name.length == 0) return fail(node.pos, "an alias needs a name");
  for (let i = anchorNames.length - 1; i >= 0; i--) {
    if (anchorNames[i] == name) {
      const target = anchorNodes[i];
      if (target == null) return fail(node.pos, "alias *" + name + " refers to a node that contains it");
      node.target = target;
      return node;
    }
  }
  return fail(node.pos, "alias *" + name + " has no anchor &" + name + " before it");
}

// ---- flow collections -----------------------------------------------------------

/**
 * Skip white space, line breaks and comments inside a flow collection. Its lines
 * must be indented more than its block parent (`parentIndent`), a closing bracket
 * excepted.
 */
function skipFlowSpace(parentIndent: i32): void {
  let newLine = false;
  while (true) {
    while (isWs(ch(p))) p++;
    if (ch(p) == 0x23) {
      if (p > 0 && !isBlankAt(p - 1)) { fail(p, "a comment needs white space before '#'"); return; }
      while (!atEol(p)) p++;
    }
    if (p < n && isBreakAt(p)) {
      p = skipBreak(p);
      newLine = true;
      if (atAnyDocMarker(p)) { fail(p, "a document marker inside a flow collection"); return; }
      continue;
    }
    break;
  }
  if (newLine && p < n && parentIndent >= 0 && ch(p) != 0x5d && ch(p) != 0x7d) {
    const start = lineStartOf(p);
    let spaces = 0;
    while (ch(start + spaces) == SPACE) spaces++;
    if (spaces <= parentIndent) fail(p, "a flow collection's lines must be indented more than its parent");
  }
}

function parseFlowNode(parentIndent: i32): YamlNode | null {
  let anchor = "";
  if (ch(p) == 0x21) return fail(p, "tags are not supported");
  if (ch(p) == 0x26) {
    anchor = readAnchor();
    if (failed()) return null;
    skipFlowSpace(parentIndent);
    if (ch(p) == 0x21) return fail(p, "tags are not supported");
    if (ch(p) == 0x2c || ch(p) == 0x5d || ch(p) == 0x7d || ch(p) == 0x3a) {
      const empty = new YamlNode(NodeKind.Scalar, p);
      empty.type = ScalarType.Null;
      setAnchor(empty, anchor);
      return empty;
    }
  }
  const slot = beginAnchor(anchor);
  let node: YamlNode | null;
  const c = ch(p);
  if (c == 0x5b) node = parseFlowSeq(parentIndent);
  else if (c == 0x7b) node = parseFlowMap(parentIndent);
  else if (c == 0x22 || c == 0x27) node = parseQuoted(parentIndent, false);
  else if (c == 0x2a) node = anchor.length > 0 ? fail(p, "an alias cannot have an anchor") : parseAlias();
  else if (plainStarts(p, true)) node = parsePlain(parentIndent, true, false);
  else node = fail(p, c == -1 ? "unexpected end of the document in a flow collection" : "unexpected character '" + String.fromCharCode(c) + "'");
  endAnchor(slot, node);
  return node;
}

function parseFlowSeq(parentIndent: i32): YamlNode | null {
  if (depth >= MAX_DEPTH) return fail(p, "nested too deeply (more than " + intText(MAX_DEPTH) + " levels)");
  depth++;
  const node = parseFlowSeqItems(parentIndent);
  depth--;
  return node;
}

function parseFlowSeqItems(parentIndent: i32): YamlNode | null {
  const node = new YamlNode(NodeKind.Seq, p);
  p++;
  while (true) {
    skipFlowSpace(parentIndent);
    if (failed()) return null;
    if (ch(p) == 0x5d) { p++; return node; }
    if (ch(p) == 0x2c) return fail(p, "an empty entry in a flow sequence");
    if (ch(p) == 0x3f && isBlankAt(p + 1)) return fail(p, "complex keys ('? ') are not supported");
    const item = parseFlowNode(parentIndent);
    if (item == null) return null;
    skipFlowSpace(parentIndent);
    if (failed()) return null;
    if (ch(p) == 0x3a) return fail(p, "single-pair mappings inside a flow sequence are not supported");
    node.items.push(item);
    if (ch(p) == 0x2c) { p++; continue; }
    if (ch(p) == 0x5d) { p++; return node; }
    return fail(p, ch(p) == -1 ? "missing ']' at the end of a flow sequence" : "expected ',' or ']' in a flow sequence");
  }
}

function parseFlowMap(parentIndent: i32): YamlNode | null {
  if (depth >= MAX_DEPTH) return fail(p, "nested too deeply (more than " + intText(MAX_DEPTH) + " levels)");
  depth++;
  const node = parseFlowMapItems(parentIndent);
  depth--;
  return node;
}

function parseFlowMapItems(parentIndent: i32): YamlNode | null {
  const node = new YamlNode(NodeKind.Map, p);
  p++;
  while (true) {
    skipFlowSpace(parentIndent);
    if (failed()) return null;
    if (ch(p) == 0x7d) { p++; return node; }
    if (ch(p) == 0x2c) return fail(p, "an empty entry in a flow mapping");
    if (ch(p) == 0x3f && isBlankAt(p + 1)) return fail(p, "complex keys ('? ') are not supported");
    if (ch(p) == 0x5b || ch(p) == 0x7b) return fail(p, "collections as mapping keys are not supported");
    if (ch(p) == 0x3a && (isBlankAt(p + 1) || isFlowIndicator(ch(p + 1)))) return fail(p, "a mapping entry without a key is not supported");
    const keyPos = p;
    const key = parseFlowNode(parentIndent);
    if (key == null) return null;
    if (key.kind != NodeKind.Scalar && key.kind != NodeKind.Alias) return fail(keyPos, "collections as mapping keys are not supported");
    const quoted = ch(keyPos) == 0x22 || ch(keyPos) == 0x27;
    skipFlowSpace(parentIndent);
    if (failed()) return null;
    let value: YamlNode | null = null;
    if (ch(p) == 0x3a && (quoted || isBlankAt(p + 1) || isFlowIndicator(ch(p + 1)))) {
      p++;
      skipFlowSpace(parentIndent);
      if (failed()) return null;
      if (ch(p) == 0x2c || ch(p) == 0x7d) {
        value = new YamlNode(NodeKind.Scalar, p);
        value.type = ScalarType.Null;
      } else {
        value = parseFlowNode(parentIndent);
        if (value == null) return null;
        skipFlowSpace(parentIndent);
        if (failed()) return null;
      }
    } else {
      value = new YamlNode(NodeKind.Scalar, p);
      value.type = ScalarType.Null;
    }
    if (!addPair(node, key, value, keyPos)) return null;
    if (ch(p) == 0x2c) { p++; continue; }
    if (ch(p) == 0x7d) { p++; return node; }
    return fail(p, ch(p) == -1 ? "missing '}' at the end of a flow mapping" : "expected ',' or '}' in a flow mapping");
  }
}

// ---- block collections --------------------------------------------------------

/** The `yaml` package's uniqueKeys test: equal scalar values are the same key. */
function sameKey(a: YamlNode, b: YamlNode): bool {
  if (a.kind != NodeKind.Scalar || b.kind != NodeKind.Scalar || a.type != b.type) return false;
  switch (a.type) {
    case ScalarType.Null: return true;
    case ScalarType.Bool: return a.bool == b.bool;
    case ScalarType.Number: return a.num == b.num; // NaN never equals; 0 == -0 (===)
    case ScalarType.String: return a.text == b.text;
    default: return false; // each `<<` is its own key
  }
}

function addPair(map: YamlNode, key: YamlNode, value: YamlNode, keyPos: i32): bool {
  for (let i = 0; i < map.keys.length; i++) {
    if (sameKey(map.keys[i], key)) { fail(keyPos, "duplicate key '" + key.text + "'"); return false; }
  }
  map.keys.push(key);
  map.values.push(value);
  return true;
}

function emptyNode(at: i32): YamlNode {
  const e = new YamlNode(NodeKind.Scalar, at);
  e.type = ScalarType.Null;
  return e;
}

/** Is there an implicit key (`key:` followed by a blank) on this line at `p`? Does not move. */
function implicitKeyAhead(): bool {
  const save = p;
  let q = p;
  if (ch(q) == 0x26) { // an anchor on the key
    while (q < n && !isBlankAt(q)) q++;
    while (isWs(ch(q))) q++;
  }
  const c = ch(q);
  if (c == 0x22 || c == 0x27) {
    // Find the closing quote on this line.
    let j = q + 1;
    while (true) {
      const d = ch(j);
      if (d == -1 || isBreakAt(j)) return false;
      if (c == 0x27 && d == 0x27) { if (ch(j + 1) == 0x27) { j += 2; continue; } break; }
      if (c == 0x22 && d == 0x5c) { j += 2; continue; }
      if (c == 0x22 && d == 0x22) break;
      j++;
    }
    q = j + 1;
  } else if (c == 0x2a) {
    q++;
    while (q < n && !isBlankAt(q) && !isFlowIndicator(ch(q))) q++;
  } else if (c == 0x5b || c == 0x7b) {
    // A flow collection as a key: found here so that it can be refused by name.
    let depth = 0;
    let j = q;
    for (; j < n && !isBreakAt(j); j++) {
      const d = ch(j);
      if (d == 0x5b || d == 0x7b) depth++;
      else if (d == 0x5d || d == 0x7d) { depth--; if (depth == 0) { j++; break; } }
    }
    q = j;
  } else if (plainStarts(q, false)) {
    q = plainLineEnd(q, false);
  } else {
    return false;
  }
  while (isWs(ch(q))) q++;
  p = save;
  return ch(q) == 0x3a && isBlankAt(q + 1);
}

/** A block mapping whose keys are at column `indent`; `p` is at its first key. */
function parseBlockMap(indent: i32, firstKeyAnchor: string): YamlNode | null {
  if (depth >= MAX_DEPTH) return fail(p, "nested too deeply (more than " + intText(MAX_DEPTH) + " levels)");
  depth++;
  const node = parseBlockMapItems(indent, firstKeyAnchor);
  depth--;
  return node;
}

function parseBlockMapItems(indent: i32, firstKeyAnchor: string): YamlNode | null {
  const map = new YamlNode(NodeKind.Map, p);
  let keyAnchor = firstKeyAnchor;
  while (true) {
    if (ch(p) == 0x26) { keyAnchor = readAnchor(); if (failed()) return null; skipSpace(); }
    const c = ch(p);
    if (c == 0x21) return fail(p, "tags are not supported");
    if (c == 0x3f && isBlankAt(p + 1)) return fail(p, "complex keys ('? ') are not supported");
    if (c == 0x5b || c == 0x7b) return fail(p, "collections as mapping keys are not supported");
    if (c == 0x2d && isBlankAt(p + 1)) return fail(p, "a sequence entry where a mapping key was expected");
    const keyPos = p;
    let key: YamlNode | null;
    if (c == 0x22 || c == 0x27) key = parseQuoted(indent, true);
    else if (c == 0x2a) key = keyAnchor.length > 0 ? fail(p, "an alias cannot have an anchor") : parseAlias();
    else if (plainStarts(p, false)) key = parsePlain(indent, false, true);
    else key = fail(p, "unexpected character '" + String.fromCharCode(c) + "'");
    if (key == null) return null;
    setAnchor(key, keyAnchor);
    keyAnchor = "";
    skipSpace();
    if (!(ch(p) == 0x3a && isBlankAt(p + 1))) {
      return fail(keyPos, "expected 'key: value' (a mapping entry) at this indentation");
    }
    p++;
    const value = parseValue(indent, true);
    if (value == null) return null;
    if (!addPair(map, key, value, keyPos)) return null;
    skipBlankLines();
    if (failed()) return null;
    if (p >= n || atAnyDocMarker(p)) return map;
    const col = indentOf(p);
    if (failed()) return null;
    if (col < indent) return map;
    if (col > indent) return fail(p, "bad indentation of a mapping entry");
  }
  return null; // not reached
}

/** A block sequence whose `-` are at column `indent`; `p` is at its first `-`. */
function parseBlockSeq(indent: i32): YamlNode | null {
  if (depth >= MAX_DEPTH) return fail(p, "nested too deeply (more than " + intText(MAX_DEPTH) + " levels)");
  depth++;
  const node = parseBlockSeqItems(indent);
  depth--;
  return node;
}

function parseBlockSeqItems(indent: i32): YamlNode | null {
  const seq = new YamlNode(NodeKind.Seq, p);
  while (true) {
    p++; // the '-'
    const item = parseValue(indent, false);
    if (item == null) return null;
    seq.items.push(item);
    skipBlankLines();
    if (failed()) return null;
    if (p >= n || atAnyDocMarker(p)) return seq;
    const col = indentOf(p);
    if (failed()) return null;
    if (col < indent) return seq;
    if (col > indent) return fail(p, "bad indentation of a sequence entry");
    if (!(ch(p) == 0x2d && isBlankAt(p + 1))) return seq;
  }
  return null; // not reached
}

/**
 * The value after `key:` (afterKey) or `- `, whose parent collection is at column
 * `indent`: on the same line, or on the following lines.
 */
function parseValue(indent: i32, afterKey: bool): YamlNode | null {
  skipSpace();
  let anchor = "";
  if (ch(p) == 0x21) return fail(p, "tags are not supported");
  if (ch(p) == 0x26) {
    anchor = readAnchor();
    if (failed()) return null;
    skipSpace();
    if (ch(p) == 0x21) return fail(p, "tags are not supported");
    if (ch(p) == 0x26) return fail(p, "a node can have only one anchor");
  }
  let node: YamlNode | null;
  let slot = -1;
  if (!atEol(p) && ch(p) != 0x23) {
    const col = colOf(p);
    // On this line.
    if (anchor.length > 0 && !afterKey && implicitKeyAhead()) {
      // `- &a key: v`: the anchor belongs to the key.
      return parseBlockMap(col, anchor);
    }
    slot = beginAnchor(anchor);
    node = parseInline(indent, afterKey, col);
  } else {
    // On the following lines.
    skipBlankLines();
    if (failed()) return null;
    if (p >= n || atAnyDocMarker(p)) { node = emptyNode(p); slot = beginAnchor(anchor); }
    else {
      const col = indentOf(p);
      if (failed()) return null;
      slot = beginAnchor(anchor);
      if (col > indent) node = parseBlockNode(indent, col);
      else if (col == indent && afterKey && ch(p) == 0x2d && isBlankAt(p + 1)) node = parseBlockSeq(col);
      else node = emptyNode(p);
    }
  }
  if (node != null && anchor.length > 0) {
    if (node.anchor.length > 0) return fail(node.pos, "a node can have only one anchor");
    endAnchor(slot, node);
  }
  return node;
}

/** A block node starting a line at column `col` (> parentIndent). */
function parseBlockNode(parentIndent: i32, col: i32): YamlNode | null {
  if (ch(p) == 0x26) {
    const save = p;
    const anchor = readAnchor();
    if (failed()) return null;
    skipSpace();
    if (atEol(p) || ch(p) == 0x23) {
      // `&a` alone on its line: the anchor of the node below.
      skipBlankLines();
      if (failed()) return null;
      if (p >= n || atAnyDocMarker(p)) { const e = emptyNode(p); setAnchor(e, anchor); return e; }
      const c2 = indentOf(p);
      if (failed()) return null;
      if (c2 <= parentIndent) { const e = emptyNode(p); setAnchor(e, anchor); return e; }
      const slot = beginAnchor(anchor);
      const node = parseBlockNode(parentIndent, c2);
      if (node != null && node.anchor.length > 0) return fail(node.pos, "a node can have only one anchor");
      endAnchor(slot, node);
      return node;
    }
    p = save;
    if (implicitKeyAhead()) {
      readAnchor();
      skipSpace();
      return parseBlockMap(col, anchor);
    }
    readAnchor();
    skipSpace();
    const slot = beginAnchor(anchor);
    const node = parseInline(parentIndent, false, col);
    endAnchor(slot, node);
    return node;
  }
  return parseInline(parentIndent, false, col);
}

/** A node whose first character is at `p` (column `col`) on the current line. */
function parseInline(parentIndent: i32, afterKey: bool, col: i32): YamlNode | null {
  const c = ch(p);
  if (c == 0x2d && isBlankAt(p + 1)) {
    if (afterKey) return fail(p, "a block sequence cannot start on the line of its key");
    return parseBlockSeq(col);
  }
  if (c == 0x3f && isBlankAt(p + 1)) return fail(p, "complex keys ('? ') are not supported");
  if (c == 0x21) return fail(p, "tags are not supported");
  if (c == 0x7c || c == 0x3e) return parseBlockScalar(parentIndent);
  if (!afterKey && implicitKeyAhead()) return parseBlockMap(col, "");
  let node: YamlNode | null;
  if (c == 0x22 || c == 0x27) node = parseQuoted(parentIndent, false);
  else if (c == 0x5b) node = parseFlowSeq(parentIndent);
  else if (c == 0x7b) node = parseFlowMap(parentIndent);
  else if (c == 0x2a) node = parseAlias();
  else if (c == 0x25 && col == 0) node = fail(p, "directives ('%') are not supported");
  else if (plainStarts(p, false)) node = parsePlain(parentIndent, false, false);
  else node = fail(p, "unexpected character '" + String.fromCharCode(c) + "'");
  if (node == null) return null;
  skipSpace();
  if (ch(p) == 0x3a && isBlankAt(p + 1)) {
    return fail(node.pos, afterKey ? "nested mappings are not allowed on the line of their key"
      : "an implicit key must be on one line");
  }
  if (ch(p) == 0x23 && !isWs(ch(p - 1))) return fail(p, "a comment needs white space before '#'");
  if (!atEol(p) && ch(p) != 0x23) return fail(p, "unexpected text after a value");
  return node;
}

// ---- the document -----------------------------------------------------------------

/**
 * Parse `text` as one YAML document. Returns the root node (a null scalar for an
 * empty document), or null with yamlError() / yamlErrorPos() set.
 */
export function parseYaml(text: string): YamlNode | null {
  src = text;
  n = text.length;
  p = 0;
  errPos = -1;
  errMsg = "";
  anchorNames = [];
  anchorNodes = [];
  depth = 0;
  if (ch(0) == 0xfeff) p = 1;
  skipBlankLines();
  if (failed()) return null;
  if (ch(p) == 0x25 && colOf(p) == 0) return fail(p, "directives ('%') are not supported");
  let root: YamlNode | null;
  if (atDocMarker(p, 0x2d)) {
    p += 3;
    root = parseValue(-1, false);
  } else if (p >= n) {
    root = emptyNode(p);
  } else {
    const col = indentOf(p);
    if (failed()) return null;
    root = atDocMarker(p, 0x2e) ? emptyNode(p) : parseBlockNode(-1, col);
  }
  if (root == null) return null;
  skipBlankLines();
  if (failed()) return null;
  if (atDocMarker(p, 0x2e)) {
    p += 3;
    skipBlankLines();
    if (failed()) return null;
    if (p < n) return fail(p, "several documents in one file are not supported");
  } else if (atDocMarker(p, 0x2d)) {
    return fail(p, "several documents in one file are not supported");
  } else if (p < n) {
    return fail(p, "unexpected content (check the indentation)");
  }
  return root;
}

/** 1-based line and column (in characters) of offset `pos` in the text last parsed. */
export function lineOf(pos: i32): i32 {
  let line = 1;
  for (let i = 0; i < pos && i < n; i++) {
    const c = ch(i);
    if (c == LF) line++;
  }
  return line;
}
export function columnOf(pos: i32): i32 { return colOf(min(pos, n)) + 1; }
