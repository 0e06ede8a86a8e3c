// Drives build/test/semantics.wasm (run/ and lib/ called directly, no parser): JS
// values in, JS values (or thrown errors) out, so each test can compare the module
// with V8 computing the same thing.
import { loadTestModule } from "../wasm/load";

export type Prim = number | string | boolean | null | undefined;
export type Outcome = { ok: true; value: Prim } | { ok: false; name: string; message: string };

export const BinaryOp = {
  "+": 0, "-": 1, "*": 2, "/": 3, "%": 4, "**": 5, "<": 6, "<=": 7, ">": 8, ">=": 9,
  "==": 10, "!=": 11, "===": 12, "!==": 13, "&": 14, "|": 15, "^": 16, "<<": 17, ">>": 18, ">>>": 19,
} as const;
export const UnaryOp = { "-": 0, "+": 1, "!": 2, "~": 3, typeof: 4, void: 5 } as const;

// ErrorCode values (assembly/errors.ts) for the error kinds JavaScript throws.
const ERROR_NAMES: Record<number, string> = { 12: "TypeError", 13: "StringLimit", 14: "MemoryLimit", 15: "RangeError" };

export function loadSemantics() {
  const mod = loadTestModule("semantics");
  const x = mod.exports;
  const text = x.textArea() as number;
  let textTop = 0;

  const u16 = () => new Uint16Array(x.memory.buffer);
  const u8 = () => new Uint8Array(x.memory.buffer);

  function writeText(s: string): [number, number] {
    const ptr = text + textTop * 2;
    const mem = u16();
    for (let i = 0; i < s.length; i++) mem[(ptr >> 1) + i] = s.charCodeAt(i);
    textTop += s.length + (s.length & 1);
    if (textTop * 2 > 8 << 20) throw new Error("test text area full");
    return [ptr, s.length];
  }

  function put(slotIndex: number, v: Prim): number {
    const s = x.slot(slotIndex) as number;
    if (typeof v === "number") x.putNumber(s, v);
    else if (typeof v === "string") { const [p, n] = writeText(v); x.putString(s, p, n); }
    else if (typeof v === "boolean") x.putBool(s, v ? 1 : 0);
    else if (v === null) x.putNull(s);
    else x.putUndefined(s);
    return s;
  }

  function read(s: number): Prim {
    switch (x.getTag(s)) {
      case 0: return undefined;
      case 1: return null;
      case 2: return x.getNumber(s) !== 0;
      case 3: return x.getNumber(s);
      default: {
        const p = x.getPtr(s) >>> 0, n = x.getLen(s);
        const mem = u16();
        let out = "";
        for (let i = 0; i < n; i += 4096) out += String.fromCharCode(...mem.subarray((p >> 1) + i, (p >> 1) + Math.min(n, i + 4096)));
        return out;
      }
    }
  }

  function message(): string {
    const p = x.errPtr() >>> 0, n = x.errLen();
    return new TextDecoder().decode(u8().slice(p, p + n));
  }

  function outcome(code: number, out: number): Outcome {
    if (code !== 0) return { ok: false, name: ERROR_NAMES[code] ?? `code ${code}`, message: message() };
    return { ok: true, value: read(out) };
  }

  function begin(): void { textTop = 0; x.arenaReset(); }

  const OUT = 15; // result slot (tests of aliasing pass an operand slot instead)

  function rawName(s: string): [number, number] { return writeText(s); }

  return {
    exports: x,
    begin,
    put,
    read,
    message,
    binary(op: keyof typeof BinaryOp, a: Prim, b: Prim, outSlot = OUT): Outcome {
      begin();
      const sa = put(0, a), sb = put(1, b);
      const out = x.slot(outSlot);
      return outcome(x.binaryOp(BinaryOp[op], sa, sb, out), out);
    },
    unary(op: keyof typeof UnaryOp, a: Prim): Outcome {
      begin();
      const sa = put(0, a), out = x.slot(OUT);
      return outcome(x.unaryOp(UnaryOp[op], sa, out), out);
    },
    truthy(a: Prim): boolean { begin(); return x.truthy(put(0, a)) !== 0; },
    toNumber(a: Prim): number { begin(); return x.toNumber(put(0, a)); },
    toString(a: Prim): Outcome { begin(); const out = x.slot(OUT); return outcome(x.toStringSlot(put(0, a), out), out); },
    strictEquals(a: Prim, b: Prim): boolean { begin(); return x.strictEquals(put(0, a), put(1, b)) !== 0; },
    looseEquals(a: Prim, b: Prim): boolean { begin(); return x.looseEquals(put(0, a), put(1, b)) !== 0; },
    isNullish(a: Prim): boolean { begin(); return x.isNullish(put(0, a)) !== 0; },
    /** Id of a global function ("parseInt") or a static ("Math.max"). */
    builtinId(name: string): number {
      begin();
      const dot = name.indexOf(".");
      if (dot < 0) { const [p, n] = rawName(name); return x.lookupGlobal(p, n); }
      const [p, n] = rawName(name.slice(0, dot));
      const [q, m] = rawName(name.slice(dot + 1));
      return x.lookupStatic(p, n, q, m);
    },
    methodId(name: string): number { begin(); const [p, n] = rawName(name); return x.lookupMethod(p, n); },
    propertyId(name: string): number { begin(); const [p, n] = rawName(name); return x.lookupProperty(p, n); },
    isNamespace(name: string): boolean { begin(); const [p, n] = rawName(name); return x.isNamespace(p, n) !== 0; },
    constant(id: number): Prim { begin(); const out = x.slot(OUT); x.builtinConstant(id, out); return read(out); },
    call(id: number, args: Prim[]): Outcome {
      begin();
      args.forEach((a, i) => put(1 + i, a));
      const out = x.slot(OUT);
      return outcome(x.callBuiltin(id, x.slot(1), args.length, out), out);
    },
    method(id: number, receiver: Prim, args: Prim[], outSlot = OUT): Outcome {
      begin();
      const r = put(0, receiver);
      args.forEach((a, i) => put(1 + i, a));
      const out = x.slot(outSlot);
      return outcome(x.callMethod(id, r, x.slot(1), args.length, out), out);
    },
    property(id: number, receiver: Prim): Outcome {
      begin();
      const r = put(0, receiver), out = x.slot(OUT);
      return outcome(x.getProperty(id, r, out), out);
    },
    split(receiver: Prim, args: Prim[], index: Prim): Outcome {
      begin();
      const r = put(0, receiver);
      args.forEach((a, i) => put(1 + i, a));
      const k = put(14, index), out = x.slot(OUT);
      return outcome(x.splitIndex(r, x.slot(1), args.length, k, out), out);
    },
  };
}

/** Run `f` in V8 and capture its result or the error it throws, like Outcome. */
export function v8(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() as Prim };
  } catch (e) {
    const err = e as Error;
    return { ok: false, name: err.name, message: err.message };
  }
}

/** Show a value unambiguously in failure messages (-0, NaN, strings quoted). */
export function show(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

/** Compare outcomes; returns a description of the difference or null. */
export function differ(got: Outcome, want: Outcome, compareMessage = true): string | null {
  if (got.ok && want.ok) {
    if (Object.is(got.value, want.value)) return null;
    return `got ${show(got.value)}, want ${show(want.value)}`;
  }
  if (!got.ok && !want.ok) {
    if (got.name !== want.name) return `got ${got.name}: ${got.message}, want ${want.name}: ${want.message}`;
    if (compareMessage && got.message !== want.message) return `message ${JSON.stringify(got.message)}, want ${JSON.stringify(want.message)}`;
    return null;
  }
  return got.ok ? `got ${show(got.value)}, want ${want.name}: ${want.message}`
    : `got ${got.name}: ${got.message}, want ${want.ok ? show(want.value) : ""}`;
}
