// YamlNode tree -> the JavaScript value the Node host builds (`doc.toJS()` of the
// `yaml` package with `merge: true`, after host/config.ts keeps the source text of
// numbers and booleans under `mapping`) -> (stringify.ts) its JSON.stringify text as UTF-8.
// Object keys follow JavaScript's property order (array indexes first, ascending).

import { NodeKind, ScalarType, YamlNode } from "./node";
import { formatNumber, NUMBER_MAX_UNITS } from "../num/format";
import { Msg, msg } from "../messages";

export const enum JsKind { Undefined, Null, Bool, Number, String, Array, Object }

export class JsValue {
  kind: JsKind;
  bool: bool = false;
  num: f64 = 0;
  str: string = "";
  items: JsValue[] = [];
  /** Object property keys (insertion order) and values. */
  keys: string[] = [];
  values: JsValue[] = [];
  constructor(kind: JsKind) { this.kind = kind; }
}

/** A JavaScript Map of the merge algorithm: keys are values, compared by SameValueZero. */
class JsMap {
  keys: JsValue[] = [];
  values: JsValue[] = [];
}

/** The `yaml` package's maxAliasCount. */
const MAX_ALIAS_COUNT: i32 = 100;

let convError = "";
let convPos: i32 = -1;

export function conversionError(): string { return convError; }
export function conversionErrorPos(): i32 { return convPos; }

function convFail(at: i32, message: string): JsValue | null {
  if (convPos < 0) { convPos = at; convError = message; }
  return null;
}

const numberBuf = memory.data(NUMBER_MAX_UNITS << 1);

/** String(x) for a Number. */
export function numberText(x: f64): string {
  const units = formatNumber(numberBuf, x);
  return String.UTF16.decodeUnsafe(numberBuf, <usize>units << 1);
}

// ---- marking `mapping` (host/config.ts keepScalarSource) ----------------------

function isSourceKept(node: YamlNode): bool {
  return node.kind == NodeKind.Scalar && (node.type == ScalarType.Number || node.type == ScalarType.Bool);
}

/** Marks like `visit` does: scalars in place; aliases (as values) to such scalars. */
function markKeep(node: YamlNode, aliasKeeps: YamlNode[]): void {
  switch (node.kind) {
    case NodeKind.Scalar: if (isSourceKept(node)) node.keepSource = true; break;
    case NodeKind.Alias: if (isSourceKept(node.target!)) aliasKeeps.push(node); break;
    case NodeKind.Map:
      for (let i = 0; i < node.values.length; i++) markKeep(node.values[i], aliasKeeps);
      break;
    case NodeKind.Seq:
      for (let i = 0; i < node.items.length; i++) markKeep(node.items[i], aliasKeeps);
      break;
  }
}

/** Aliases replaced by their target's source text (they no longer count as aliases). */
let replacedAliases: YamlNode[] = [];

function markMapping(root: YamlNode): void {
  replacedAliases = [];
  if (root.kind != NodeKind.Map) return;
  for (let i = 0; i < root.keys.length; i++) {
    const k = root.keys[i];
    if (k.kind == NodeKind.Scalar && k.type == ScalarType.String && k.text == "mapping") {
      const v = root.values[i];
      // `visit` of an alias itself replaces nothing.
      if (v.kind != NodeKind.Alias) markKeep(v, replacedAliases);
      return;
    }
  }
}

function isReplaced(alias: YamlNode): bool {
  for (let i = 0; i < replacedAliases.length; i++) if (replacedAliases[i] == alias) return true;
  return false;
}

// ---- conversion -----------------------------------------------------------------

let converting: YamlNode[] = [];
// The value of each anchored node as converted last: an alias yields it.
let anchoredNodes: YamlNode[] = [];
let anchoredValues: JsValue[] = [];

function anchoredValue(node: YamlNode): JsValue | null {
  for (let i = anchoredNodes.length - 1; i >= 0; i--) if (anchoredNodes[i] == node) return anchoredValues[i];
  return null;
}

/** The alias count of `node` (the `yaml` package's getAliasCount). */
function aliasCountOf(node: YamlNode): i32 {
  switch (node.kind) {
    case NodeKind.Alias: {
      const t = node.target!;
      return t.registered ? t.count * t.aliasCount : 0;
    }
    case NodeKind.Map: {
      let c = 0;
      for (let i = 0; i < node.keys.length; i++) {
        c = max(c, max(aliasCountOf(node.keys[i]), aliasCountOf(node.values[i])));
      }
      return c;
    }
    case NodeKind.Seq: {
      let c = 0;
      for (let i = 0; i < node.items.length; i++) c = max(c, aliasCountOf(node.items[i]));
      return c;
    }
    default: return 1;
  }
}

/** Alias resolution with the resource-exhaustion check; null after an error. */
function resolveAlias(alias: YamlNode): YamlNode | null {
  const t = alias.target!;
  for (let i = 0; i < converting.length; i++) {
    if (converting[i] == t) { convFail(alias.pos, "alias *" + t.anchor + msg(Msg.RefersToANode)); return null; }
  }
  if (!t.registered) { if (toJs(t) == null) return null; }
  t.count += 1;
  if (t.aliasCount == 0) t.aliasCount = aliasCountOf(t);
  if (t.count * t.aliasCount > MAX_ALIAS_COUNT) {
    convFail(alias.pos, msg(Msg.ExcessiveAliasCountMore) + "100" + msg(Msg.AliasExpansions));
    return null;
  }
  return t;
}

/** Node -> JS value; null after an error. */
function toJs(node: YamlNode): JsValue | null {
  if (node.anchor.length == 0) return convert(node);
  node.registered = true;
  node.count = 1;
  node.aliasCount = 0;
  const v = convert(node);
  if (v != null) { anchoredNodes.push(node); anchoredValues.push(v); }
  return v;
}

function convert(node: YamlNode): JsValue | null {
  switch (node.kind) {
    case NodeKind.Alias: {
      if (isReplaced(node)) {
        const v = new JsValue(JsKind.String);
        v.str = node.target!.text;
        return v;
      }
      const t = resolveAlias(node);
      if (t == null) return null;
      return anchoredValue(t);
    }
    case NodeKind.Scalar: return scalarValue(node);
    case NodeKind.Seq: {
      converting.push(node);
      const v = new JsValue(JsKind.Array);
      for (let i = 0; i < node.items.length; i++) {
        const item = toJs(node.items[i]);
        if (item == null) return null;
        v.items.push(item);
      }
      converting.pop();
      return v;
    }
    default: {
      converting.push(node);
      const v = new JsValue(JsKind.Object);
      for (let i = 0; i < node.keys.length; i++) {
        const key = node.keys[i];
        if (isMergeKey(key)) {
          if (!mergeInto(v, null, node.values[i])) return null;
          continue;
        }
        const k = toJs(key);
        if (k == null) return null;
        const name = keyString(k, key.pos);
        if (name == null) return null;
        const value = toJs(node.values[i]);
        if (value == null) return null;
        setProperty(v, name!, value);
      }
      converting.pop();
      return v;
    }
  }
}

function scalarValue(node: YamlNode): JsValue {
  if (node.keepSource) {
    const v = new JsValue(JsKind.String);
    v.str = node.text;
    return v;
  }
  switch (node.type) {
    case ScalarType.Null: return new JsValue(JsKind.Null);
    case ScalarType.Bool: { const v = new JsValue(JsKind.Bool); v.bool = node.bool; return v; }
    case ScalarType.Number: { const v = new JsValue(JsKind.Number); v.num = node.num; return v; }
    case ScalarType.MergeKey: return new JsValue(JsKind.Undefined); // a Symbol: JSON.stringify drops it
    default: { const v = new JsValue(JsKind.String); v.str = node.text; return v; }
  }
}

function isMergeKey(key: YamlNode): bool {
  return key.kind == NodeKind.Scalar && key.type == ScalarType.MergeKey;
}

/** The property key of a map key (stringifyKey of addPairToJSMap). */
function keyString(k: JsValue, at: i32): string | null {
  switch (k.kind) {
    case JsKind.Null: return "";
    case JsKind.Bool: return k.bool ? "true" : "false";
    case JsKind.Number: return numberText(k.num);
    case JsKind.String: return k.str;
    default:
      convFail(at, msg(Msg.CollectionsAsMappingKeys));
      return null;
  }
}

/** ToPropertyKey of a Map key (in the merge of a source map). */
function propertyKey(k: JsValue, at: i32): string | null {
  if (k.kind == JsKind.Null) return "null";
  if (k.kind == JsKind.Undefined) return "undefined";
  return keyString(k, at);
}

/** Set or overwrite in place (an existing key keeps its position). */
function setProperty(obj: JsValue, key: string, value: JsValue): void {
  for (let i = 0; i < obj.keys.length; i++) {
    if (obj.keys[i] == key) { obj.values[i] = value; return; }
  }
  obj.keys.push(key);
  obj.values.push(value);
}

function hasProperty(obj: JsValue, key: string): bool {
  for (let i = 0; i < obj.keys.length; i++) if (obj.keys[i] == key) return true;
  return false;
}

function sameValueZero(a: JsValue, b: JsValue): bool {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case JsKind.Null: case JsKind.Undefined: return true;
    case JsKind.Bool: return a.bool == b.bool;
    case JsKind.Number: return a.num == b.num || (isNaN(a.num) && isNaN(b.num));
    case JsKind.String: return a.str == b.str;
    default: return a == b;
  }
}

/** `<<: value` into an object (`obj`) or a Map (`map`) being built (addMergeToJSMap). */
function mergeInto(obj: JsValue | null, map: JsMap | null, value: YamlNode): bool {
  let source: YamlNode | null = value;
  if (value.kind == NodeKind.Alias) { source = resolveAlias(value); if (source == null) return false; }
  if (source!.kind == NodeKind.Seq) {
    const items = source!.items;
    for (let i = 0; i < items.length; i++) if (!mergeOne(obj, map, items[i])) return false;
    return true;
  }
  return mergeOne(obj, map, source!);
}

function mergeOne(obj: JsValue | null, map: JsMap | null, value: YamlNode): bool {
  let source: YamlNode | null = value;
  if (value.kind == NodeKind.Alias) { source = resolveAlias(value); if (source == null) return false; }
  if (source!.kind != NodeKind.Map) { convFail(value.pos, msg(Msg.MergeSourcesMustBe)); return false; }
  const src = toJsMap(source!);
  if (src == null) return false;
  for (let i = 0; i < src.keys.length; i++) {
    if (map != null) {
      if (mapIndex(map, src.keys[i]) < 0) { map.keys.push(src.keys[i]); map.values.push(src.values[i]); }
    } else {
      const name = propertyKey(src.keys[i], value.pos);
      if (name == null) return false;
      if (!hasProperty(obj!, name!)) { obj!.keys.push(name!); obj!.values.push(src.values[i]); }
    }
  }
  return true;
}

function mapIndex(map: JsMap, key: JsValue): i32 {
  for (let i = 0; i < map.keys.length; i++) if (sameValueZero(map.keys[i], key)) return i;
  return -1;
}

/** A mapping node as a JavaScript Map (YAMLMap#toJSON with Map): keys stay values. */
function toJsMap(node: YamlNode): JsMap | null {
  converting.push(node);
  const map = new JsMap();
  for (let i = 0; i < node.keys.length; i++) {
    const key = node.keys[i];
    if (isMergeKey(key)) {
      if (!mergeInto(null, map, node.values[i])) return null;
      continue;
    }
    const k = toJs(key);
    if (k == null) return null;
    const v = toJs(node.values[i]);
    if (v == null) return null;
    const at = mapIndex(map, k);
    if (at >= 0) map.values[at] = v;
    else { map.keys.push(k); map.values.push(v); }
  }
  converting.pop();
  return map;
}

/** The JS value of a parsed document, as host/config.ts builds it; null after an error. */
export function documentValue(root: YamlNode): JsValue | null {
  convError = "";
  convPos = -1;
  converting = [];
  anchoredNodes = [];
  anchoredValues = [];
  markMapping(root);
  return toJs(root);
}
