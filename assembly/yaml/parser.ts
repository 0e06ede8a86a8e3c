// YAML text -> YamlNode tree, for the configs the Node host accepts (host/config.ts):
// block and flow mappings and sequences, plain / single- / double-quoted scalars
// (with escapes and line folding), comments, block scalars `|` `>` (chomping and
// indentation indicators), anchors, aliases and `<<` merge keys, one document with
// an optional `---` / `...`. Everything else (tags, directives, several documents,
// complex keys) is an error with its position, never a different reading.
// Scalars resolve as the `yaml` package's core schema does.
// The document is read here; the parts are cursor.ts (position, errors, characters),
// scalars.ts and block_scalar.ts, anchors.ts, flow.ts, block.ts and mapping_keys.ts.

import { YamlNode } from "./node";
import { LF, src, n, p, errPos, errMsg, depth, fail, failed, ch, colOf, atDocMarker, skipBlankLines, indentOf } from "./cursor";
import { anchorNames, anchorNodes } from "./anchors";
import { emptyNode, parseValue, parseBlockNode } from "./block";
import { Msg, msg } from "../messages";

export { yamlError, yamlErrorPos } from "./cursor";

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
  if (ch(p) == 0x25 && colOf(p) == 0) return fail(p, msg(Msg.DirectivesAreNotSupported));
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
    if (p < n) return fail(p, msg(Msg.SeveralDocumentsInOne));
  } else if (atDocMarker(p, 0x2d)) {
    return fail(p, msg(Msg.SeveralDocumentsInOne));
  } else if (p < n) {
    return fail(p, msg(Msg.UnexpectedContentCheckThe));
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
