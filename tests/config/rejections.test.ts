// docs/behaviour.md §7: every construct outside the subset is a config error with the
// mapping path, a message naming the construct, and a caret under it.
import { describe, expect, test } from "vitest";
import { StreamProcessor, ConfigError } from "../../host/index";

const base = {
  model: { name: "m", version: "1" },
  output_topic: "umh.v1.x",
  sources: { a: "umh.v1.x._raw.a", b: "umh.v1.x._raw.b" },
};

async function diagnose(expression: string) {
  try {
    const p = await StreamProcessor.create({ ...base, mapping: { out: { value: expression } } });
    p.close();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const d = (e as ConfigError).diagnostics;
    expect(d).toHaveLength(1);
    return d[0];
  }
  throw new Error(`accepted: ${expression}`);
}

// [expression, text the message must name, the offending text under the caret]
const cases: [string, RegExp, string][] = [
  ["a; b", /;|statement/i, ";"],
  ["a = 1", /assign/i, "="],
  ["a += 1", /assign/i, "+="],
  ["a++", /\+\+|increment|assign/i, "++"],
  ["if (a) b", /if|statement|keyword/i, "if"],
  ["let x = 1", /let|statement|keyword/i, "let"],
  ["function f() { return 1 }", /function/i, "function"],
  ["(x) => x + 1", /arrow|function/i, "(x) =>"],
  ["new Map()", /new/i, "new"],
  ["eval('1')", /eval/i, "eval"],
  ["Function('return 1')()", /Function/, "Function"],
  ["require('fs')", /require/, "require"],
  ["process.exit(1)", /process/, "process"],
  ["globalThis.a", /globalThis/, "globalThis"],
  ["console.log(a)", /console/, "console"],
  ["window", /window/, "window"],
  ["nope + 1", /unknown identifier 'nope'/, "nope"],
  ["/(?<!a)b/.test(a)", /lookbehind/i, "(?<!"],
  ["/(ab/.test(a)", /Invalid regular expression: \/\(ab\/: Unterminated group/, "/(ab/"],
  ["this", /this/, "this"],
  ["a, b", /,|sequence|comma/i, ","],
  ["[1, , 2]", /hole/i, ","],
  ["({x() { return 1 }})", /method/i, "x"],
  ["a.trim?.()", /optional/i, "?."],
  ["a.foo", /foo/, "foo"],
];

describe("constructs outside the subset are rejected at configure time", () => {
  for (const [expression, names, caretText] of cases) {
    test(expression, async () => {
      const d = await diagnose(expression);
      expect(d.path).toBe("out.value");
      const [first, shown, caret] = d.message.split("\n");
      expect(first).toMatch(/^mapping 'out\.value': /);
      expect(first).toMatch(names);
      expect(shown).toBe("  " + expression);
      const start = caret.indexOf("^");
      expect(start, "caret line").toBeGreaterThanOrEqual(2);
      expect(expression.slice(start - 2).startsWith(caretText), `caret at '${expression.slice(start - 2)}'`).toBe(true);
    });
  }
});
