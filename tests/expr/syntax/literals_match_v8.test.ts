// Literal syntax: every accepted form gives V8's value.
import { describe, test } from "vitest";
import { Engine } from "../engine";
import { checkClosed, checkAgainstV8 } from "../v8";

const e = new Engine();

describe("number literals", () => {
  const cases = [
    "0", "7", "42", "3.14", ".5", "5.", "5.e3", "1e3", "1E3", "1e+3", "1e-3", "2.5e-10", "1e21", "1e308",
    "1e309", "5e-324", "2e-324", "0.1", "0.30000000000000004", "9007199254740993", "123456789012345678901234567890",
    "0x1A", "0XfF", "0o17", "0O777", "0b1011", "0B1", "0x0", "0b0",
    "0x1fffffffffffff", "0x20000000000001", "0x20000000000003", "0xffffffffffffffffffff",
    "0b" + "1".repeat(60) + "01", "0o7777777777777777777777", "0x" + "f".repeat(300),
    "1.7976931348623157e308", "2.2250738585072014e-308", "4.9406564584124654e-324",
    "0.000001", "1e-7", "123e-20", "18446744073709551616", "1..toString()",
  ];
  for (const c of cases) test(c, () => checkClosed(e, c));
});

describe("string literals and escapes", () => {
  const cases = [
    `"abc"`, `'abc'`, `""`, `''`, `"it's"`, `'say "hi"'`, `'\\''`, `"\\""`,
    `"a\\nb"`, `"\\t\\r\\b\\f\\v"`, `"\\0"`, `"\\0x"`, `"\\x41\\x7e"`, `"\\u00e9"`, `"\\u{1F600}"`,
    `"\\u{0}"`, `"\\u{10FFFF}"`, `"\\uD83D\\uDE00"`, `"\\q\\w\\e"`, `"\\\\"`, `"line\\\ncontinued"`,
    `"crlf\\\r\ncontinued"`, `"\u2028 and \u2029 raw"`, `"é ü 😀"`, `"\\\u2028x"`,
  ];
  for (const c of cases) test(JSON.stringify(c), () => checkClosed(e, c));
});

describe("template literals", () => {
  const cases = [
    "``", "`plain`", "`a${1}b`", "`${1}${2}`", "`${'x'}`", "`${1 + 2} = three`",
    "`${true}|${null}|${undefined}|${NaN}|${-0}|${1e21}|${0.1 + 0.2}`",
    "`outer ${`inner ${`innermost ${1}`}`} end`", "`${`${`${'deep'}`}`}`",
    "`line1\nline2`", "`cr\r\nlf`", "`cr\ronly`", "`\\n\\t\\x41\\u0042\\u{43}`", "`\\``", "`$`", "`$ {1}`", "`\\${1}`",
    "`${1}`.length", "`${'a' + `${'b'}`}c`", "`a${1 ? `b${2}` : 'c'}d`",
    "`" + "${1}".repeat(40) + "`", "`x${'y'.toUpperCase()}z`",
  ];
  for (const c of cases) test(JSON.stringify(c), () => checkClosed(e, c));
});

describe("keyword and global literals", () => {
  for (const c of ["true", "false", "null", "undefined", "NaN", "Infinity", "-Infinity", "void 0", "typeof null"]) {
    test(c, () => checkClosed(e, c));
  }
});

describe("comments and whitespace are accepted as in JavaScript", () => {
  const cases = [
    "1 /* one */ + 2", "1 + // rest of line\n 2", "/* lead */ 3", "4 /* trail */", "\t 5 \n", "\u00a06\ufeff",
    "1\u2028+\u20292", "1 +\r\n2", "/**/7/**/",
  ];
  for (const c of cases) test(JSON.stringify(c), () => checkClosed(e, c));
});

describe("tokens that look alike are split as JavaScript splits them", () => {
  const cases = [
    "a?.5:1", "a ?.5 : 1", "1..toString()", "1.0.toFixed(1)", ".5+.5", "a<-1", "a- -1", "a+-+-1", "a >>> 1 >> 1",
    "'\\u{1F600}'.length", "`\\u{1F600}`.length", "s . length", "s\n.length", "Math . PI", "typeof typeof a",
    "void void a", "(s.split(','))[1]", "s.split(',')[a]", "a===1!==false", "a!=+s", "a**-1",
  ];
  for (const c of cases) test(JSON.stringify(c), () => checkAgainstV8(e, c, ["a", "s"], [[1, "x,y"], [0, "p,q,r"]]));
});
