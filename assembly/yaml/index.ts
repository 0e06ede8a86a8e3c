// Config text -> the config JSON the module's configure reads, exactly as the Node
// host makes it (host/config.ts): JSON if the text is valid JSON (duplicate keys
// rejected), else one YAML document; then JSON.stringify of the value.

import { parseJsonDocument, JsonKind, JsonNode } from "../json/dom";
import { parseYaml, yamlError, yamlErrorPos, lineOf, columnOf } from "./parser";
import { intText } from "../text";
import { documentValue, conversionError, conversionErrorPos, JsKind, JsValue } from "./tojs";
import { writeJs, ByteSink } from "./stringify";
import { Msg, msg } from "../messages";

export { ByteSink } from "./stringify";

let problem = "";

/** Why the last configText failed: the Node host's message shape ("invalid YAML: …"). */
export function configTextError(): string { return problem; }

function fromJson(node: JsonNode): JsValue {
  switch (node.kind) {
    case JsonKind.Null: return new JsValue(JsKind.Null);
    case JsonKind.Boolean: { const v = new JsValue(JsKind.Bool); v.bool = node.bool; return v; }
    case JsonKind.Number: { const v = new JsValue(JsKind.Number); v.num = node.num; return v; }
    case JsonKind.String: { const v = new JsValue(JsKind.String); v.str = node.text; return v; }
    case JsonKind.Array: {
      const v = new JsValue(JsKind.Array);
      for (let i = 0; i < node.items.length; i++) v.items.push(fromJson(node.items[i]));
      return v;
    }
    default: {
      const v = new JsValue(JsKind.Object);
      for (let i = 0; i < node.keys.length; i++) { v.keys.push(node.keys[i]); v.values.push(fromJson(node.values[i])); }
      return v;
    }
  }
}

/** UTF-16 index of byte offset `off` of the UTF-8 text at `ptr`. */
function unitIndex(ptr: usize, off: i32): i32 {
  let units = 0;
  for (let i = 0; i < off; i++) {
    const b = <u32>load<u8>(ptr + <usize>i);
    if ((b & 0xc0) != 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/**
 * The config JSON (UTF-8) for the config text of `len` bytes at `ptr`, or null
 * with configTextError() set.
 */
export function configText(ptr: usize, len: i32): ByteSink | null {
  problem = "";
  const out = new ByteSink();
  const doc = parseJsonDocument(ptr, len);
  if (doc.root != null) {
    if (doc.duplicateOffset >= 0) {
      const text = String.UTF8.decodeUnsafe(ptr, <usize>len);
      const at = unitIndex(ptr, doc.duplicateOffset);
      const before = text.substring(0, at);
      let line = 1;
      for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) == 0x0a) line++;
      const column = at - before.lastIndexOf("\n");
      const key = new ByteSink();
      key.jsonString(doc.duplicateKey);
      problem = msg(Msg.InvalidJSONDuplicateKey) + String.UTF8.decodeUnsafe(key.ptr, <usize>key.len) +
        " at line " + intText(line) + ", column " + intText(column);
      return null;
    }
    writeJs(out, fromJson(doc.root!));
    return out;
  }
  const text = String.UTF8.decodeUnsafe(ptr, <usize>len);
  const root = parseYaml(text);
  if (root == null) {
    const at = yamlErrorPos();
    problem = "invalid YAML: " + yamlError() + " at line " + intText(lineOf(at)) + ", column " + intText(columnOf(at));
    return null;
  }
  const value = documentValue(root!);
  if (value == null) {
    const at = conversionErrorPos();
    problem = "invalid YAML: " + conversionError() + " at line " + intText(lineOf(at)) + ", column " + intText(columnOf(at));
    return null;
  }
  if (value.kind == JsKind.Undefined) {
    problem = msg(Msg.ConfigMustBeAn);
    return null;
  }
  writeJs(out, value);
  return out;
}

/** JSON.stringify(JSON.parse(text)) for the valid JSON value of `len` bytes at `ptr` (duplicate keys: the last wins). */
export function jsonValueText(ptr: usize, len: i32): ByteSink {
  const out = new ByteSink();
  const doc = parseJsonDocument(ptr, len);
  if (doc.root != null) writeJs(out, fromJson(doc.root!));
  return out;
}
