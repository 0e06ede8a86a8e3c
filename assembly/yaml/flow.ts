// The YAML parser's flow collections: `[a, b]` and `{k: v}`, nested to MAX_DEPTH,
// their lines indented more than their block parent.

import { NodeKind, ScalarType, YamlNode } from "./node";
import { intText } from "../text";
import {
  SPACE, n, p, fail, failed, ch, isWs, isBreakAt, isBlankAt, atEol, isFlowIndicator, lineStartOf, skipBreak,
  atAnyDocMarker, MAX_DEPTH, depth,
} from "./cursor";
import { parseQuoted, parsePlain, plainStarts } from "./scalars";
import { readAnchor, beginAnchor, endAnchor, setAnchor, parseAlias } from "./anchors";
import { addPair } from "./mapping_keys";
import { Msg, msg } from "../messages";

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
      if (p > 0 && !isBlankAt(p - 1)) { fail(p, msg(Msg.ACommentNeedsWhite)); return; }
      while (!atEol(p)) p++;
    }
    if (p < n && isBreakAt(p)) {
      p = skipBreak(p);
      newLine = true;
      if (atAnyDocMarker(p)) { fail(p, msg(Msg.ADocumentMarkerInside)); return; }
      continue;
    }
    break;
  }
  if (newLine && p < n && parentIndent >= 0 && ch(p) != 0x5d && ch(p) != 0x7d) {
    const start = lineStartOf(p);
    let spaces = 0;
    while (ch(start + spaces) == SPACE) spaces++;
    if (spaces <= parentIndent) fail(p, msg(Msg.AFlowCollectionS));
  }
}

function parseFlowNode(parentIndent: i32): YamlNode | null {
  let anchor = "";
  if (ch(p) == 0x21) return fail(p, msg(Msg.TagsAreNotSupported));
  if (ch(p) == 0x26) {
    anchor = readAnchor();
    if (failed()) return null;
    skipFlowSpace(parentIndent);
    if (ch(p) == 0x21) return fail(p, msg(Msg.TagsAreNotSupported));
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
  else if (c == 0x2a) node = anchor.length > 0 ? fail(p, msg(Msg.AnAliasCannotHave)) : parseAlias();
  else if (plainStarts(p, true)) node = parsePlain(parentIndent, true, false);
  else node = fail(p, c == -1 ? msg(Msg.UnexpectedEndOfThe) : msg(Msg.UnexpectedCharacter) + String.fromCharCode(c) + "'");
  endAnchor(slot, node);
  return node;
}

export function parseFlowSeq(parentIndent: i32): YamlNode | null {
  if (depth >= MAX_DEPTH) return fail(p, msg(Msg.NestedTooDeeplyMore) + intText(MAX_DEPTH) + " levels)");
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
    if (ch(p) == 0x2c) return fail(p, msg(Msg.AnEmptyEntryIn));
    if (ch(p) == 0x3f && isBlankAt(p + 1)) return fail(p, msg(Msg.ComplexKeysAreNot));
    const item = parseFlowNode(parentIndent);
    if (item == null) return null;
    skipFlowSpace(parentIndent);
    if (failed()) return null;
    if (ch(p) == 0x3a) return fail(p, msg(Msg.SinglePairMappingsInside));
    node.items.push(item);
    if (ch(p) == 0x2c) { p++; continue; }
    if (ch(p) == 0x5d) { p++; return node; }
    return fail(p, ch(p) == -1 ? msg(Msg.MissingAtTheEnd) : msg(Msg.ExpectedOrInA));
  }
}

export function parseFlowMap(parentIndent: i32): YamlNode | null {
  if (depth >= MAX_DEPTH) return fail(p, msg(Msg.NestedTooDeeplyMore) + intText(MAX_DEPTH) + " levels)");
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
    if (ch(p) == 0x2c) return fail(p, msg(Msg.AnEmptyEntryInA));
    if (ch(p) == 0x3f && isBlankAt(p + 1)) return fail(p, msg(Msg.ComplexKeysAreNot));
    if (ch(p) == 0x5b || ch(p) == 0x7b) return fail(p, msg(Msg.CollectionsAsMappingKeys));
    if (ch(p) == 0x3a && (isBlankAt(p + 1) || isFlowIndicator(ch(p + 1)))) return fail(p, msg(Msg.AMappingEntryWithout));
    const keyPos = p;
    const key = parseFlowNode(parentIndent);
    if (key == null) return null;
    if (key.kind != NodeKind.Scalar && key.kind != NodeKind.Alias) return fail(keyPos, msg(Msg.CollectionsAsMappingKeys));
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
    return fail(p, ch(p) == -1 ? msg(Msg.MissingAtTheEndOf) : msg(Msg.ExpectedOrInAFlow));
  }
}
