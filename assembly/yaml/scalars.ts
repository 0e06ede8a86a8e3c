// The YAML parser's flow scalars: plain (resolved as the `yaml` package's core
// schema does: null, booleans, numbers, `<<`) and single- / double-quoted, with
// escapes and line folding.

import { NodeKind, ScalarType, YamlNode } from "./node";
import { parseFloatJs, parseIntJs } from "../num/parse";
import { SPACE, TAB, src, n, p, fail, ch, isWs, isBreakAt, isBlankAt, isFlowIndicator, lineStartOf, skipBreak, atAnyDocMarker } from "./cursor";
import { Msg, msg } from "../messages";

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
export function plainLineEnd(i: i32, flow: bool): i32 {
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
export function plainStarts(i: i32, flow: bool): bool {
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
export function parsePlain(parentIndent: i32, flow: bool, oneLine: bool): YamlNode | null {
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
    if (!flow && ch(e) == 0x3a) return fail(r, msg(Msg.AMultiLinePlain));
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
export function parseQuoted(parentIndent: i32, oneLine: bool): YamlNode | null {
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
      return fail(node.pos, msg(Msg.MissingClosingQuote));
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
        if (oneLine) return fail(node.pos, msg(Msg.AnImplicitKeyMust));
        p = skipBreak(p + 1);
        while (true) {
          while (isWs(ch(p))) p++;
          if (p < n && isBreakAt(p)) { out += "\n"; p = skipBreak(p); continue; }
          break;
        }
        if (!continuationIndented(parentIndent)) return fail(node.pos, msg(Msg.MissingClosingQuoteA));
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
          if (cp < 0 || cp > 0x10ffff) return fail(p, msg(Msg.InvalidEscapeSequenceIn));
          len = 2 + digits;
          break;
        }
        default: return fail(p, msg(Msg.InvalidEscapeSequenceIn));
      }
      out += String.fromCodePoint(cp);
      keep = out.length;
      p += len;
      continue;
    }
    if (isBreakAt(p)) {
      if (oneLine) return fail(node.pos, msg(Msg.AnImplicitKeyMust));
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
        return fail(node.pos, msg(Msg.MissingClosingQuoteA));
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
