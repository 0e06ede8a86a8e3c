// The mappings of docs/behaviour.md §2, with the aliases bound as the reference plugin would
// bind them, give V8's values.
import { test, expect } from "vitest";
import { Engine, isDiag } from "./engine";
import { checkAgainstV8 } from "./v8";

const e = new Engine();
const ALIASES = ["press", "tF", "r"];
const ROWS = [[100, 68, true], [0, -40, false], [25.5, 98.6, 1], ["25.5", "77", ""], [1e21, 0.1, "yes"], [-0, NaN, null]];

for (const src of ["press + 4.00001", "tF * 69 / 31", "press + tF", "press / 4", 'r ? "active" : "inactive"', '"SN-P42-008"', "42", "true", "4.00"]) {
  test(src, () => checkAgainstV8(e, src, ALIASES, ROWS));
}

test("behaviour §7 coercion examples", () => {
  checkAgainstV8(e, '"25.5" + 4', [], [[]]);
  checkAgainstV8(e, "true + 1", [], [[]]);
  const h = e.compile('"25.5" + 4');
  expect(!isDiag(h) && e.run(h)).toEqual({ value: "25.54" });
});

test("behaviour §6 number printing: values reach the output exactly", () => {
  const h = e.compile("press + 4.00001", ALIASES);
  if (isDiag(h)) throw new Error(h.message);
  expect(e.run(h, [100])).toEqual({ value: 104.00001 });
  const t = e.compile("tF * 69 / 31", ALIASES);
  if (isDiag(t)) throw new Error(t.message);
  expect(e.run(t, [0, 86])).toEqual({ value: 191.41935483870967 });
});
