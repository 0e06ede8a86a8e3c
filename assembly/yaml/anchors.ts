// The YAML parser's anchors (`&name`) and aliases (`*name`): an alias refers to the
// latest anchor of its name before it, never to a node that contains it.

import { NodeKind, YamlNode } from "./node";
import { src, n, p, fail, ch, isBlankAt, isFlowIndicator } from "./cursor";
import { Msg, msg } from "../messages";

// Anchors in the order they appear; a node is null while its content is parsed.
export let anchorNames: string[] = [];
export let anchorNodes: Array<YamlNode | null> = [];

function readName(): string {
  const start = p;
  while (p < n && !isBlankAt(p) && !isFlowIndicator(ch(p))) p++;
  return src.substring(start, p);
}

export function readAnchor(): string {
  const at = p;
  p++;
  const name = readName();
  if (name.length == 0) { fail(at, msg(Msg.AnAnchorNeedsA)); return ""; }
  if (!isBlankAt(p) && !isFlowIndicator(ch(p))) { fail(p, msg(Msg.UnexpectedCharacterAfterAn)); return ""; }
  return name;
}

/** An anchor seen at the start of its node: returns its slot (-1 for no anchor). */
export function beginAnchor(name: string): i32 {
  if (name.length == 0) return -1;
  anchorNames.push(name);
  anchorNodes.push(null);
  return anchorNames.length - 1;
}

/** The node of the anchor in `slot` is complete. */
export function endAnchor(slot: i32, node: YamlNode | null): void {
  if (slot < 0 || node == null) return;
  node.anchor = anchorNames[slot];
  anchorNodes[slot] = node;
}

export function setAnchor(node: YamlNode | null, name: string): void {
  endAnchor(beginAnchor(name), node);
}

export function parseAlias(): YamlNode | null {
  const node = new YamlNode(NodeKind.Alias, p);
  p++;
  const name = readName();
  if (name.length == 0) return fail(node.pos, msg(Msg.AnAliasNeedsA));
  for (let i = anchorNames.length - 1; i >= 0; i--) {
    if (anchorNames[i] == name) {
      const target = anchorNodes[i];
      if (target == null) return fail(node.pos, "alias *" + name + msg(Msg.RefersToANode));
      node.target = target;
      return node;
    }
  }
  return fail(node.pos, "alias *" + name + msg(Msg.HasNoAnchor) + name + " before it");
}
