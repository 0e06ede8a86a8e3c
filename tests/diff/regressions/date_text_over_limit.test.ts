// new Date(array) takes the array's text: over the 1 MiB evaluation string limit the
// module's record is string_limit, while V8 builds the text (fuzz-expr seed 2027).
// The oracle now counts that hidden text as going over the limit on the way.
import { test } from "vitest";
import { expectSameAsV8 } from "./support";

test("new Date of an array whose text is over the limit", async () => {
  await expectSameAsV8("new Date([''.padStart(1048576), 0])", {});
});

test("Date.parse of such an array", async () => {
  await expectSameAsV8("Date.parse([''.padStart(1048576), 0])", {});
});

test("an array whose text fits is parsed as V8 does", async () => {
  await expectSameAsV8("new Date(['2026-12-06']).getTime()", {});
});
