import { describe, test } from "vitest";
import { Engine } from "../engine";
import { VALUES, checkAgainstV8, checkClosed, literal } from "../v8";

const e = new Engine();
const rows = VALUES.map((v) => [v]);

describe("unary operators", () => {
  for (const op of ["-", "+", "!", "~", "typeof ", "void ", "!!", "- -", "~~"]) {
    test(`${op}a on every type`, () => {
      checkAgainstV8(e, `${op}a`, ["a"], rows);
    });
    test(`${op}literal is folded to the same value`, () => {
      for (const v of VALUES) checkClosed(e, `${op} ${literal(v)}`);
    });
  }
});
