// docs/behaviour.md §2: every validation message, first failure wins, plus the stricter checks.
import { describe, expect, test } from "vitest";
import { StreamProcessor, ConfigError } from "../../host/index";

const valid = () => ({
  mode: "timeseries",
  model: { name: "pump", version: "v1" } as Record<string, unknown>,
  output_topic: "umh.v1.corpA.plant-A.aawd",
  sources: { press: "umh.v1.corpA.plant-A.aawd._raw.press", tF: "umh.v1.corpA.plant-A.aawd._raw.tempF" } as Record<string, unknown>,
  mapping: { pressure: "press + 4.00001" } as unknown,
} as Record<string, unknown>);

async function configError(config: unknown): Promise<ConfigError> {
  try {
    const p = await StreamProcessor.create(config as object);
    p.close();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("config was accepted");
}

async function firstMessage(config: unknown): Promise<string> {
  return (await configError(config)).diagnostics[0].message;
}

describe("reference-plugin validation messages", () => {
  test("the valid base config is accepted", async () => {
    const p = await StreamProcessor.create(valid());
    expect(p.mappings().map((m) => m.path)).toEqual(["pressure"]);
    p.close();
  });

  test("mode is optional and defaults to timeseries", async () => {
    const c = valid();
    delete c.mode;
    const p = await StreamProcessor.create(c);
    p.close();
  });

  test("empty mode", async () => {
    expect(await firstMessage({ ...valid(), mode: "" })).toBe("mode is required");
  });

  test("unsupported mode", async () => {
    expect(await firstMessage({ ...valid(), mode: "events" })).toBe("unsupported mode: events (only 'timeseries' is supported)");
  });

  test("missing output_topic", async () => {
    const c = valid();
    delete c.output_topic;
    expect(await firstMessage(c)).toBe("output_topic is required");
    expect(await firstMessage({ ...valid(), output_topic: "" })).toBe("output_topic is required");
  });

  test("missing model name and version", async () => {
    expect(await firstMessage({ ...valid(), model: { version: "v1" } })).toBe("model name is required");
    expect(await firstMessage({ ...valid(), model: { name: "pump", version: "" } })).toBe("model version is required");
    const c = valid();
    delete c.model;
    expect(await firstMessage(c)).toBe("model name is required");
  });

  test("no sources", async () => {
    expect(await firstMessage({ ...valid(), sources: {} })).toBe("at least one source mapping is required");
    const c = valid();
    delete c.sources;
    expect(await firstMessage(c)).toBe("at least one source mapping is required");
  });

  test("mapping that is not an object", async () => {
    expect(await firstMessage({ ...valid(), mapping: "press + 1" })).toBe("mapping field must be an object");
    expect(await firstMessage({ ...valid(), mapping: ["press"] })).toBe("mapping field must be an object");
  });

  test("first failure wins", async () => {
    const e = await configError({ mode: "x", model: {}, sources: {}, mapping: 5 });
    expect(e.diagnostics.map((d) => d.message)).toEqual(["unsupported mode: x (only 'timeseries' is supported)"]);
  });

  test("a scalar mapping value becomes its text as the expression", async () => {
    const p = await StreamProcessor.create({ ...valid(), mapping: { answer: 42, flag: true } });
    expect(p.mappings().map((m) => [m.path, m.expression, m.kind])).toEqual([
      ["answer", "42", "constant"],
      ["flag", "true", "constant"],
    ]);
    p.close();
  });

  test("an unknown top-level field is rejected, naming the known ones", async () => {
    expect(await firstMessage({ ...valid(), mappings: {} })).toBe(
      "unknown config field 'mappings' (known: mode, model, output_topic, sources, mapping)");
  });
});

describe("stricter than the reference plugin", () => {
  test("an alias that is not an identifier", async () => {
    const m = await firstMessage({ ...valid(), sources: { "my-alias": "t.a" } });
    expect(m).toMatch(/^source alias 'my-alias': /);
  });

  test("an alias that is a reserved or built-in name", async () => {
    expect(await firstMessage({ ...valid(), sources: { Math: "t.a" } })).toMatch(/^source alias 'Math': /);
    expect(await firstMessage({ ...valid(), sources: { typeof: "t.a" } })).toMatch(/^source alias 'typeof': /);
  });

  test("two aliases on the same topic", async () => {
    expect(await firstMessage({ ...valid(), sources: { a: "t.x", b: "t.x" } })).toBe(
      "sources 'a' and 'b' have the same topic 't.x'");
  });

  test("a mapping path defined twice", async () => {
    const e = await configError({ ...valid(), mapping: { "a.b": "1", a: { b: "2" } } });
    expect(e.diagnostics.map((d) => d.message)).toEqual(["mapping 'a.b' is defined twice"]);
  });

  test("an empty expression", async () => {
    expect(await firstMessage({ ...valid(), mapping: { x: "  " } })).toMatch(/^mapping 'x': empty expression \(E46\)\n/);
    expect(await firstMessage({ ...valid(), mapping: { x: null } })).toMatch(/^mapping 'x': empty expression \(E46\)\n/);
  });

  test("a null or empty leaf is an E46 diagnostic reported alongside every other config error", async () => {
    const e = await configError({ ...valid(), mapping: { a: null, b: "pres + 1", c: "", d: {}, e: "press +" } });
    expect(e.diagnostics.map((d) => [d.path, d.code])).toEqual([
      ["d", "config_invalid"],
      ["a", "empty_expression"],
      ["b", "unknown_identifier"],
      ["c", "empty_expression"],
      ["e", "syntax"],
    ]);
    expect(e.diagnostics[1].message).toBe(
      "mapping 'a': empty expression (E46)\n\n  ^\n  hint: write a value such as 0 or \"text\", or remove the mapping");
  });

  test("an unknown identifier names the path, shows the expression and a caret, and suggests", async () => {
    const e = await configError({ ...valid(), mapping: { motor: { rpm: "pres / 4" } } });
    expect(e.diagnostics).toHaveLength(1);
    const d = e.diagnostics[0];
    expect(d.path).toBe("motor.rpm");
    expect(d.span).toEqual([0, 4]);
    const lines = d.message.split("\n");
    expect(lines[0]).toMatch(/^mapping 'motor\.rpm': unknown identifier 'pres'/);
    expect(lines[1]).toBe("  pres / 4");
    expect(lines[2]).toBe("  ^^^^");
    expect(d.message).toMatch(/did you mean 'press'\?/);
  });

  test("every broken mapping is reported, one diagnostic per expression", async () => {
    const e = await configError({ ...valid(), mapping: { a: "press +", b: "ok + 1", c: "press * 2", d: "x = 1" } });
    expect(e.diagnostics.map((d) => d.path)).toEqual(["a", "b", "d"]);
  });

  test("the caret sits under the offending column", async () => {
    const e = await configError({ ...valid(), mapping: { x: "press + tF + nope" } });
    const lines = e.diagnostics[0].message.split("\n");
    expect(lines[1]).toBe("  press + tF + nope");
    expect(lines[2]).toBe("               ^^^^");
  });
});
