// The playground's mapping of a module diagnostic (mapping path + span in the
// expression value) back to the YAML/JSON source the user typed: every case runs
// the real module on the config text, takes its diagnostic, and checks that the
// located source text is exactly the faulty token as written in the source
// (quoted, escaped, folded or in a block scalar).

import { describe, expect, it } from "vitest";
import { ConfigError, StreamProcessor, type Diagnostic } from "../../host/index.js";
import { locateDiagnostic, pointAt } from "../../web/src/yaml-position.js";

const HEAD = "model: {name: p, version: v1}\noutput_topic: o\nsources:\n  press: t.press\n";

async function diagnostics(text: string): Promise<readonly Diagnostic[]> {
  try {
    (await StreamProcessor.create(text)).close();
  } catch (e) {
    if (e instanceof ConfigError) return e.diagnostics;
    throw e;
  }
  throw new Error("config was accepted");
}

async function located(text: string): Promise<{ source: string; line: number; column: number; exact: boolean }> {
  const [d] = await diagnostics(text);
  const loc = locateDiagnostic(text, d);
  if (loc === null) throw new Error(`not located: ${d.message}`);
  return { source: text.slice(loc.start.offset, loc.end.offset), line: loc.start.line, column: loc.start.column, exact: loc.exact };
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
function where(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k < nth; k++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`'${needle}' not in text`);
  const p = pointAt(text, at);
  return { line: p.line, column: p.column };
}

describe("locating an expression span in the config source", () => {
  const cases: [string, string, string][] = [
    // name, mapping YAML, faulty source token (its last occurrence is the fault)
    ["plain scalar", "mapping:\n  motor:\n    rpm: pres / 4\n", "pres"],
    ["plain scalar with a comment", "mapping:\n  a: press + prss   # comment\n", "prss"],
    ["single quoted with '' escapes", "mapping:\n  a: 'press ? ''it\\''s'' : prss'\n", "prss"],
    ["double quoted with \\\" escapes", 'mapping:\n  a: "\\"on\\" + prss"\n', "prss"],
    ["double quoted with \\u and \\t", 'mapping:\n  a: "\\"\\u00e9\\t\\" + prss"\n', "prss"],
    ["double quoted with a \\U escape (two UTF-16 units)", 'mapping:\n  a: "\\"\\U0001F600\\" + prss"\n', "prss"],
    ["astral character before the fault", "mapping:\n  a: '\"😀😀\" + prss'\n", "prss"],
    ["plain scalar folded over lines", "mapping:\n  a: press +\n    press *\n    prss\n", "prss"],
    ["double quoted with an escaped line break", 'mapping:\n  a: "press + \\\n     prss"\n', "prss"],
    ["double quoted folded with an empty line", 'mapping:\n  a: "press + `a\n\n     ${prss}`"\n', "prss"],
    ["block literal", "mapping:\n  a: |\n    press +\n      prss\n", "prss"],
    ["block literal, strip, explicit indent", "mapping:\n  a: |2-\n      press +\n     prss\n", "prss"],
    ["block folded", "mapping:\n  a: >\n    press +\n    press +\n\n    prss\n", "prss"],
    ["flow mapping", "mapping: {a: press, b: \"'x' + prss\"}\n", "prss"],
    ["key with a dot", "mapping:\n  motor.rpm: prss / 4\n", "prss"],
    ["merge key", "base: &b\n  x: prss\nmapping:\n  <<: *b\n  y: press\n", "prss"],
    ["unknown member in a nested path", "mapping:\n  a:\n    b:\n      c: Math.flor(press)\n", "flor"],
  ];
  for (const [name, mapping, token] of cases) {
    it(name, async () => {
      // `merge key` puts an anchor at the top level, which the module rejects as an
      // unknown field unless it lives under `mapping`: keep it valid otherwise.
      const text = name === "merge key" ? HEAD + mapping.replace("base: &b\n  x: prss\nmapping:\n  <<: *b", "mapping:\n  <<: &b {x: prss}") : HEAD + mapping;
      const got = await located(text);
      const occurrences = text.split(token).length - 1;
      expect(got).toEqual({ source: token, ...where(text, token, occurrences), exact: true });
    });
  }

  it("an empty span at the end of the expression is just after its last character", async () => {
    const text = HEAD + "mapping:\n  a: 'press +'\n";
    const [d] = await diagnostics(text);
    expect(d.span?.[0]).toBe(d.span?.[1]);
    const loc = locateDiagnostic(text, d)!;
    expect(text.slice(loc.start.offset - 7, loc.start.offset)).toBe("press +");
    expect(text[loc.start.offset]).toBe("'");
  });

  it("works on JSON config text (JSON string escapes)", async () => {
    const text = JSON.stringify({ model: { name: "p", version: "v1" }, output_topic: "o", sources: { press: "t" },
      mapping: { a: { b: '"\u00e9\\"" + prss' } } }, null, 2).replace("é", "\\u00e9");
    const got = await located(text);
    expect(got).toEqual({ source: "prss", ...where(text, "prss"), exact: true });
  });
});

describe("locating other config diagnostics", () => {
  it("a config field without a span points at its key", async () => {
    const text = HEAD + "colour: red\nmapping:\n  a: press\n";
    const got = await located(text);
    expect(got).toEqual({ source: "colour", ...where(text, "colour"), exact: true });
  });

  it("a source alias with a space points at the alias", async () => {
    const text = HEAD + "  bad alias: t.x\nmapping:\n  a: press\n";
    const got = await located(text);
    expect(got.source).toBe("bad alias");
    expect(got.line).toBe(5);
  });

  it("a YAML syntax error uses the line and column of the parser's message", async () => {
    const text = HEAD + "mapping:\n  a: press\n   b: [\n";
    const [d] = await diagnostics(text);
    const m = /at line (\d+), column (\d+)/.exec(d.message)!;
    const loc = locateDiagnostic(text, d)!;
    expect([loc.start.line, loc.start.column]).toEqual([Number(m[1]), Number(m[2])]);
  });
});
