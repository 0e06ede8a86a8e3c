// After '.', only an identifier or keyword is a member name. The parser once
// took any token with text, so the '}' that closes a template substitution
// (whose cooked text follows it) passed as a name and the error surfaced later.
import { expect, test } from "vitest";
import { StreamProcessor } from "../../../host/index";
import { v8SyntaxError, v8CaretOffset } from "../mutate.mjs";

async function diagnosticOf(expr: string) {
  try {
    await StreamProcessor.create({ model: { name: "d", version: "1" }, output_topic: "o", sources: { v0: "t" }, mapping: { m: expr } });
  } catch (e) {
    return (e as { diagnostics: { code: string; message: string; span?: [number, number] }[] }).diagnostics[0];
  }
  return null;
}

for (const expr of ["`${ v0 . }-x${ 1 }`", "`${ v0 . }`", "v0 . 'x'", "v0 . `x`", "v0 . 1"]) {
  test(`${expr}: a syntax error at the token after '.', where V8 puts it`, async () => {
    expect(v8SyntaxError(expr)).not.toBeNull();
    const d = await diagnosticOf(expr);
    expect(d?.code).toBe("syntax");
    expect(d?.span?.[0]).toBe(v8CaretOffset(expr));
  });
}
