// The YAML parser's block structure: mappings and sequences by indentation, the
// value after `key:` or `- `, and what a node on a line is (which form, which anchor).

import { NodeKind, ScalarType, YamlNode } from "./node";
import { intText } from "../text";
import {
  n, p, fail, failed, ch, isWs, isBreakAt, isBlankAt, atEol, isFlowIndicator, colOf, skipSpace, skipBlankLines,
  indentOf, atAnyDocMarker, MAX_DEPTH, depth,
} from "./cursor";
import { parseQuoted, parsePlain, plainStarts, plainLineEnd } from "./scalars";
import { parseBlockScalar } from "./block_scalar";
import { parseFlowSeq, parseFlowMap } from "./flow";
import { readAnchor, beginAnchor, endAnchor, setAnchor, parseAlias } from "./anchors";
import { addPair } from "./mapping_keys";
import { Msg, msg } from "../messages";

export function emptyNode(at: i32): YamlNode {
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
  if (depth >= MAX_DEPTH) return fail(p, msg(Msg.NestedTooDeeplyMore) + intText(MAX_DEPTH) + " levels)");
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
    if (c == 0x21) return fail(p, msg(Msg.TagsAreNotSupported));
    if (c == 0x3f && isBlankAt(p + 1)) return fail(p, msg(Msg.ComplexKeysAreNot));
    if (c == 0x5b || c == 0x7b) return fail(p, msg(Msg.CollectionsAsMappingKeys));
    if (c == 0x2d && isBlankAt(p + 1)) return fail(p, msg(Msg.ASequenceEntryWhere));
    const keyPos = p;
    let key: YamlNode | null;
    if (c == 0x22 || c == 0x27) key = parseQuoted(indent, true);
    else if (c == 0x2a) key = keyAnchor.length > 0 ? fail(p, msg(Msg.AnAliasCannotHave)) : parseAlias();
    else if (plainStarts(p, false)) key = parsePlain(indent, false, true);
    else key = fail(p, msg(Msg.UnexpectedCharacter) + String.fromCharCode(c) + "'");
    if (key == null) return null;
    setAnchor(key, keyAnchor);
    keyAnchor = "";
    skipSpace();
    if (!(ch(p) == 0x3a && isBlankAt(p + 1))) {
      return fail(keyPos, msg(Msg.ExpectedKeyValueA));
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
    if (col > indent) return fail(p, msg(Msg.BadIndentationOfA));
  }
  return null; // not reached
}

/** A block sequence whose `-` are at column `indent`; `p` is at its first `-`. */
function parseBlockSeq(indent: i32): YamlNode | null {
  if (depth >= MAX_DEPTH) return fail(p, msg(Msg.NestedTooDeeplyMore) + intText(MAX_DEPTH) + " levels)");
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
    if (col > indent) return fail(p, msg(Msg.BadIndentationOfASequence));
    if (!(ch(p) == 0x2d && isBlankAt(p + 1))) return seq;
  }
  return null; // not reached
}

/**
 * The value after `key:` (afterKey) or `- `, whose parent collection is at column
 * `indent`: on the same line, or on the following lines.
 */
export function parseValue(indent: i32, afterKey: bool): YamlNode | null {
  skipSpace();
  let anchor = "";
  if (ch(p) == 0x21) return fail(p, msg(Msg.TagsAreNotSupported));
  if (ch(p) == 0x26) {
    anchor = readAnchor();
    if (failed()) return null;
    skipSpace();
    if (ch(p) == 0x21) return fail(p, msg(Msg.TagsAreNotSupported));
    if (ch(p) == 0x26) return fail(p, msg(Msg.ANodeCanHave));
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
    if (node.anchor.length > 0) return fail(node.pos, msg(Msg.ANodeCanHave));
    endAnchor(slot, node);
  }
  return node;
}

/** A block node starting a line at column `col` (> parentIndent). */
export function parseBlockNode(parentIndent: i32, col: i32): YamlNode | null {
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
      if (node != null && node.anchor.length > 0) return fail(node.pos, msg(Msg.ANodeCanHave));
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
    if (afterKey) return fail(p, msg(Msg.ABlockSequenceCannot));
    return parseBlockSeq(col);
  }
  if (c == 0x3f && isBlankAt(p + 1)) return fail(p, msg(Msg.ComplexKeysAreNot));
  if (c == 0x21) return fail(p, msg(Msg.TagsAreNotSupported));
  if (c == 0x7c || c == 0x3e) return parseBlockScalar(parentIndent);
  if (!afterKey && implicitKeyAhead()) return parseBlockMap(col, "");
  let node: YamlNode | null;
  if (c == 0x22 || c == 0x27) node = parseQuoted(parentIndent, false);
  else if (c == 0x5b) node = parseFlowSeq(parentIndent);
  else if (c == 0x7b) node = parseFlowMap(parentIndent);
  else if (c == 0x2a) node = parseAlias();
  else if (c == 0x25 && col == 0) node = fail(p, msg(Msg.DirectivesAreNotSupported));
  else if (plainStarts(p, false)) node = parsePlain(parentIndent, false, false);
  else node = fail(p, msg(Msg.UnexpectedCharacter) + String.fromCharCode(c) + "'");
  if (node == null) return null;
  skipSpace();
  if (ch(p) == 0x3a && isBlankAt(p + 1)) {
    return fail(node.pos, afterKey ? msg(Msg.NestedMappingsAreNot)
      : msg(Msg.AnImplicitKeyMust));
  }
  if (ch(p) == 0x23 && !isWs(ch(p - 1))) return fail(p, msg(Msg.ACommentNeedsWhite));
  if (!atEol(p) && ch(p) != 0x23) return fail(p, msg(Msg.UnexpectedTextAfterA));
  return node;
}
