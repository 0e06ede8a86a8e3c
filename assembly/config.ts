// Config JSON -> Program (runs once per instance). Field validation follows the
// reference plugin's order and wording (docs/behaviour.md §2), first failure wins;
// expression diagnostics are collected for every mapping, first per expression.

import { JsonDocument, JsonKind, JsonNode, parseJsonDocument } from "./json/dom";
import { compileExpression, renderDiagnostic, aliasNameProblem, evaluate, Expression } from "./expr/index";
import { CONST_WORDS_BYTES, Mapping, MappingKind, Program, mergeEmissions } from "./program";
import { ErrorCode, errPtr, errLen } from "./errors";
import { recordConfigError } from "./records";
import { Limit, limit } from "./limits";
import { arenaReset } from "./arena";
import { resultProblem } from "./result";
import { writeJsonValue, jsonStringMaxBytes } from "./json/writer";
import { Tag, tagOf, strLen } from "./value";
import { intText } from "./text";
import { Msg, msg } from "./messages";

const KNOWN_FIELDS = ["mode", "model", "output_topic", "sources", "mapping"];

/**
 * The largest config text read. Parsing keeps a UTF-16 copy of every string
 * (twice the bytes), which must stay far below the 4 GiB of linear memory; 10 000
 * mappings of 4 KiB each with their paths and 10 000 sources fit with room.
 */
export const CONFIG_MAX_BYTES: i32 = 128 << 20;

function fail(message: string, field: string = "", code: i32 = ErrorCode.ConfigInvalid): Program | null {
  recordConfigError(-1, code, field, -1, -1, message);
  return null;
}

function member(obj: JsonNode, key: string): JsonNode | null {
  const keys = obj.keys;
  for (let i = 0; i < keys.length; i++) if (keys[i] == key) return obj.values[i];
  return null;
}

/** A required non-empty string member; "" when absent, empty or not a string. */
function text(obj: JsonNode | null, key: string): string {
  if (obj == null || obj.kind != JsonKind.Object) return "";
  const v = member(obj, key);
  if (v == null || v.kind != JsonKind.String) return "";
  return v.text;
}

function fnv(h: u32, s: string): u32 {
  for (let i = 0; i < s.length; i++) {
    const c = <u32>s.charCodeAt(i);
    h = (h ^ (c & 0xff)) * 0x01000193;
    h = (h ^ (c >> 8)) * 0x01000193;
  }
  return (h ^ 0) * 0x01000193; // separator, so ["ab","c"] != ["a","bc"]
}

/** Parse and check `len` bytes of config JSON at `ptr`. Records config errors and returns null on failure. */
export function loadConfig(ptr: usize, len: i32): Program | null {
  if (len > CONFIG_MAX_BYTES) {
    return fail("config of " + intText(len) + msg(Msg.BytesIsLargerThan) + intText(CONFIG_MAX_BYTES) + " bytes", "", ErrorCode.ConfigLimit);
  }
  const doc: JsonDocument = parseJsonDocument(ptr, len);
  if (doc.root == null) return fail(msg(Msg.ConfigIsNotValid) + doc.error + " at byte " + intText(doc.offset));
  if (doc.duplicateOffset >= 0) {
    return fail("duplicate key '" + doc.duplicateKey + msg(Msg.InConfigJSONAt) + intText(doc.duplicateOffset), doc.duplicateKey);
  }
  const root = doc.root!;
  if (root.kind != JsonKind.Object) return fail(msg(Msg.ConfigMustBeAn));

  for (let i = 0; i < root.keys.length; i++) {
    if (!KNOWN_FIELDS.includes(root.keys[i])) {
      return fail(msg(Msg.UnknownConfigField) + root.keys[i] + "' (known: " + KNOWN_FIELDS.join(", ") + ")", root.keys[i]);
    }
  }

  const mode = member(root, "mode");
  if (mode != null) {
    if (mode.kind != JsonKind.String || mode.text.length == 0) return fail(msg(Msg.ModeIsRequired), "mode");
    if (mode.text != "timeseries") return fail(msg(Msg.UnsupportedMode) + mode.text + msg(Msg.OnlyTimeseriesIsSupported), "mode");
  }
  const outputTopic = text(root, "output_topic");
  if (outputTopic.length == 0) return fail(msg(Msg.OutputTopicIsRequired), "output_topic");
  const model = member(root, "model");
  const modelName = text(model, "name");
  if (modelName.length == 0) return fail(msg(Msg.ModelNameIsRequired), "model.name");
  const modelVersion = text(model, "version");
  if (modelVersion.length == 0) return fail(msg(Msg.ModelVersionIsRequired), "model.version");

  const sources = member(root, "sources");
  if (sources == null || sources.kind != JsonKind.Object || sources.keys.length == 0) {
    return fail(msg(Msg.AtLeastOneSource), "sources");
  }
  const mappingNode = member(root, "mapping");
  if (mappingNode != null && mappingNode.kind != JsonKind.Object) return fail(msg(Msg.MappingFieldMustBe), "mapping");

  const p = new Program();
  if (<u32>sources.keys.length > limit(Limit.Sources)) {
    return fail(msg(Msg.TooManySources) + intText(sources.keys.length) + " (limit " + intText(limit(Limit.Sources)) + ")", "sources", ErrorCode.ConfigLimit);
  }
  let h: u32 = 0x811c9dc5;
  let ok = true;
  // topic -> alias index: a linear scan here was quadratic in the number of sources.
  const ownerOfTopic = new Map<string, i32>();
  for (let i = 0; i < sources.keys.length; i++) {
    const alias = sources.keys[i];
    const topicNode = sources.values[i];
    const problem = aliasNameProblem(alias);
    if (problem != null) {
      recordConfigError(-1, ErrorCode.ConfigInvalid, "sources." + alias, -1, -1, "source alias '" + alias + "': " + problem);
      ok = false;
      continue;
    }
    if (topicNode.kind != JsonKind.String || topicNode.text.length == 0) {
      recordConfigError(-1, ErrorCode.ConfigInvalid, "sources." + alias, -1, -1, "source '" + alias + msg(Msg.TopicMustBeA));
      ok = false;
      continue;
    }
    if (ownerOfTopic.has(topicNode.text)) {
      const dup = ownerOfTopic.get(topicNode.text);
      recordConfigError(-1, ErrorCode.ConfigInvalid, "sources." + alias, -1, -1,
        "sources '" + p.aliases[dup] + "' and '" + alias + msg(Msg.HaveTheSameTopic) + topicNode.text + "'");
      ok = false;
      continue;
    }
    ownerOfTopic.set(topicNode.text, p.aliases.length);
    p.aliases.push(alias);
    p.topics.push(topicNode.text);
    h = fnv(fnv(h, alias), topicNode.text);
  }
  p.hash = h;
  if (!ok) return null;

  // Flatten the mapping tree depth-first in declaration order.
  const paths = new Array<string>();
  const sourcesText = new Array<string>();
  const problems = new Array<string>();
  if (mappingNode != null) flatten(mappingNode, "", paths, sourcesText, problems);
  // Shape problems are reported, and every expression is still checked below.
  for (let i = 0; i < problems.length; i += 2) {
    recordConfigError(-1, ErrorCode.ConfigInvalid, problems[i], -1, -1, problems[i + 1]);
    ok = false;
  }
  if (<u32>paths.length > limit(Limit.Mappings)) {
    return fail(msg(Msg.TooManyMappings) + intText(paths.length) + " (limit " + intText(limit(Limit.Mappings)) + ")", "mapping", ErrorCode.ConfigLimit);
  }

  const prefix = outputTopic + "._" + modelName + "_" + modelVersion + ".";
  const seen = new Set<string>();
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i];
    const src = sourcesText[i];
    if (seen.has(path)) {
      recordConfigError(i, ErrorCode.ConfigInvalid, path, -1, -1, "mapping '" + path + msg(Msg.IsDefinedTwice));
      ok = false;
      continue;
    }
    seen.add(path);
    if (<u32>String.UTF8.byteLength(src) > limit(Limit.ExpressionBytes)) {
      recordConfigError(i, ErrorCode.ConfigLimit, path, -1, -1,
        "mapping '" + path + msg(Msg.ExpressionLongerThan) + intText(limit(Limit.ExpressionBytes)) + " bytes");
      ok = false;
      continue;
    }
    const outcome = compileExpression(src, p.aliases);
    if (outcome.diagnostic != null) {
      const d = outcome.diagnostic!;
      recordConfigError(i, d.code, path, d.start, d.end, renderDiagnostic(path, src, d));
      ok = false;
      continue;
    }
    const e = outcome.expression!;
    const kind = e.deps.length > 0 ? MappingKind.Dynamic : e.volatile ? MappingKind.Volatile : MappingKind.Constant;
    p.mappings.push(new Mapping(path, src, prefix + path, e, kind));
  }
  if (!ok) return null;
  buildIndexes(p);
  return p;
}

function flatten(node: JsonNode, prefix: string, paths: string[], sources: string[], problems: string[]): void {
  for (let i = 0; i < node.keys.length; i++) {
    const key = node.keys[i];
    const path = prefix.length == 0 ? key : prefix + "." + key;
    const v = node.values[i];
    if (key.length == 0) { problems.push(path); problems.push("mapping '" + prefix + msg(Msg.HasAnEmptyKey)); continue; }
    switch (v.kind) {
      case JsonKind.Object:
        if (v.keys.length == 0) { problems.push(path); problems.push("mapping '" + path + msg(Msg.IsAnEmptyObject)); }
        else flatten(v, path, paths, sources, problems);
        break;
      case JsonKind.String: paths.push(path); sources.push(v.text); break;
      // A YAML scalar becomes its text (`42` -> "42"), as in the reference plugin.
      case JsonKind.Number: paths.push(path); sources.push(v.text); break;
      case JsonKind.Boolean: paths.push(path); sources.push(v.bool ? "true" : "false"); break;
      // `key:` with nothing after it: an empty expression (E46), reported like any other.
      case JsonKind.Null: paths.push(path); sources.push(""); break;
      default: problems.push(path); problems.push("mapping '" + path + msg(Msg.ExpectedAnExpressionGot));
    }
  }
}

function buildIndexes(p: Program): void {
  const n = p.mappings.length;
  // Two passes (count, then fill) so every list is allocated once at its final size.
  const aliasCount = p.aliases.length;
  const fill = new StaticArray<i32>(aliasCount);
  let staticCount = 0;
  for (let m = 0; m < n; m++) {
    const mapping = p.mappings[m];
    if (mapping.kind != MappingKind.Dynamic) staticCount++;
    const deps = mapping.expression.deps;
    for (let d = 0; d < deps.length; d++) fill[deps[d]]++;
  }
  p.statics = new StaticArray<i32>(staticCount);
  p.dependents = new StaticArray<StaticArray<i32>>(aliasCount);
  for (let a = 0; a < aliasCount; a++) { p.dependents[a] = new StaticArray<i32>(fill[a]); fill[a] = 0; }
  staticCount = 0;
  for (let m = 0; m < n; m++) {
    const mapping = p.mappings[m];
    if (mapping.kind != MappingKind.Dynamic) p.statics[staticCount++] = m;
    const deps = mapping.expression.deps;
    for (let d = 0; d < deps.length; d++) { const a = deps[d]; p.dependents[a][fill[a]++] = m; }
    if (mapping.kind == MappingKind.Constant) prerender(mapping);
  }
  mergeEmissions(p);
}

// A constant mapping's value never changes: render its JSON once.
const constSlot = memory.data(16, 8);
function prerender(m: Mapping): void {
  arenaReset();
  let code = evaluate(m.expression, 0, constSlot);
  if (code == 0) code = resultProblem(constSlot);
  if (code != 0) {
    m.constErrorCode = code;
    m.constErrorMessage = String.UTF8.decodeUnsafe(errPtr(), <usize>errLen());
    return;
  }
  const cap = tagOf(constSlot) == Tag.String ? jsonStringMaxBytes(strLen(constSlot)) : 32;
  const buf = heap.alloc(max(<usize>cap, CONST_WORDS_BYTES)); // the pipeline copies whole words
  m.constJsonLen = writeJsonValue(buf, constSlot);
  m.constJsonPtr = buf;
}
