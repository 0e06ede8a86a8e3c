// Hints for the quoting traps of expressions in YAML and JSON configs (host/hints.ts).

import { describe, expect, it } from "vitest";
import { ConfigError, StreamProcessor } from "../../host/index.js";
import { ternaryQuotingHint } from "../../host/hints.js";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const HEAD = "model: {name: p, version: v1}\noutput_topic: o\nsources: {press: t.press, a: t.a}\nmapping:\n";

async function configError(config: string | object): Promise<ConfigError> {
  try {
    (await StreamProcessor.create(config)).close();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("config was accepted");
}

describe("text meant literally", () => {
  it("a YAML string that is plain text gets the YAML quoting hint", async () => {
    const e = await configError(HEAD + '  label: "SN-42"\n  state: running\n  line: Line 1\n');
    const [label, state, line] = e.diagnostics.map((d) => d.message);
    // A suggestion of a built-in name may come first (not of an alias: the sources here are press and a).
    expect(label).toMatch(new RegExp("^mapping 'label': unknown identifier 'SN' \\(E41\\)\n  SN-42\n  \\^\\^\n" +
      "(  hint: did you mean '[A-Za-z.]+'\\?\n)?" + escape(`  hint: for the text "SN-42", quote it inside the YAML string: '"SN-42"'`) + "$"));
    expect(state).toBe("mapping 'state': unknown identifier 'running' (E41)\n  running\n  ^^^^^^^\n" +
      `  hint: for the text "running", quote it inside the YAML string: '"running"'`);
    expect(line).toBe("mapping 'line': expected an operator or the end of the expression, found number 1 (E40)\n  Line 1\n       ^\n" +
      `  hint: for the text "Line 1", quote it inside the YAML string: '"Line 1"'`);
    expect(e.diagnostics).toHaveLength(3);
  });

  it("in JSON text and in an object the hint says what to write there", async () => {
    const config = { model: { name: "p", version: "v1" }, output_topic: "o", sources: { a: "t" }, mapping: { n: { label: "SN-42" } } };
    const json = await configError(JSON.stringify(config));
    expect(json.diagnostics[0].message).toMatch(/\n {2}hint: for the text "SN-42", quote it inside the JSON string: "\\"SN-42\\""$/);
    const object = await configError(config);
    expect(object.diagnostics[0].path).toBe("n.label");
    expect(object.diagnostics[0].message).toMatch(/\n {2}hint: for the text "SN-42", write the expression "SN-42" \(a JavaScript string literal, quotes included\)$/);
  });

  it("no text hint where an alias is suggested, or where the expression has operators or quotes", async () => {
    const e = await configError(HEAD + "  x: pres + 1\n  y: b / 4\n  z: '\"a\" + q'\n");
    expect(e.diagnostics).toHaveLength(3);
    for (const d of e.diagnostics) expect(d.message).not.toContain("for the text");
    expect(e.diagnostics[0].message).toContain("did you mean 'press'?");
  });
});

describe("an unquoted ternary in YAML", () => {
  it("the YAML error carries the quoted form to write", async () => {
    const e = await configError(HEAD + "  k: a > 10 ? 'x' : 'y'\n");
    expect(e.message).toContain("invalid YAML: Nested mappings are not allowed in compact mappings at line 5, column 6");
    expect(e.message).toMatch(/\n {2}hint: an expression with ': ' in it \(like a ternary a \? b : c\) must be quoted in YAML: k: "a > 10 \? 'x' : 'y'"$/);
  });

  it.each([
    [`  k: a ? "x" : "y"`, `k: 'a ? "x" : "y"'`],
    [`  k: a ? 'x' : 'y'   # comment`, `k: "a ? 'x' : 'y'"`],
    [`    deep.key: r ? 1 : 0`, `deep.key: 'r ? 1 : 0'`],
  ])("%s", (line, quoted) => {
    expect(ternaryQuotingHint(line)).toBe(`hint: an expression with ': ' in it (like a ternary a ? b : c) must be quoted in YAML: ${quoted}`);
  });

  it.each([`  k: 'a ? "x" : "y"'`, "  k: a + b", "  k: {a: 1}", "# a ? b : c"])("no hint for %s", (line) => {
    expect(ternaryQuotingHint(line)).toBeUndefined();
  });
});
