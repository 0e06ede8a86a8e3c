// Drives build/test/expr.wasm (tests/wasm/expr.entry.ts): compile expressions,
// bind alias values, evaluate, and read values, diagnostics and disassembly.
import { loadTestModule, TestModule } from "../wasm/load";

export type JsValue = number | string | boolean | null | undefined;

export interface Diag { code: number; start: number; end: number; message: string; hint: string | null }

export class Engine {
  m: TestModule;
  constructor() { this.m = loadTestModule("expr"); }

  private get x() { return this.m.exports; }
  private u16(): Uint16Array { return new Uint16Array(this.x.memory.buffer); }
  private dv(): DataView { return new DataView(this.x.memory.buffer); }

  /** Copy a JS string into module memory as UTF-16; returns [ptr, units]. */
  put(s: string): [number, number] {
    const ptr = this.x.alloc(s.length * 2);
    const u = this.u16();
    for (let i = 0; i < s.length; i++) u[(ptr >>> 1) + i] = s.charCodeAt(i);
    return [ptr, s.length];
  }

  text(len: number): string {
    const ptr = this.x.textPtr() >>> 1;
    return String.fromCharCode(...this.u16().subarray(ptr, ptr + len));
  }

  /** A handle (>= 0), or the diagnostic. */
  compile(src: string, aliases: string[] = []): number | Diag {
    const [sp, sl] = this.put(src);
    const [ap, al] = this.put(aliases.join("\n"));
    const h = this.x.compile(sp, sl, ap, al);
    if (h >= 0) return h;
    const code = this.x.diagCode();
    const start = this.x.diagStart();
    const end = this.x.diagEnd();
    const message = this.text(this.x.diagMessage());
    const hl = this.x.diagHint();
    return { code, start, end, message, hint: hl < 0 ? null : this.text(hl) };
  }

  /** The rendered diagnostic of the last failed compile. */
  render(path: string): string {
    const [pp, pl] = this.put(path);
    return this.text(this.x.diagRender(pp, pl));
  }

  deps(h: number): number[] {
    const t = this.text(this.x.deps(h));
    return t === "" ? [] : t.split(",").map(Number);
  }
  flags(h: number): { volatile: boolean; constant: boolean } {
    const f = this.x.flags(h);
    return { volatile: (f & 1) !== 0, constant: (f & 2) !== 0 };
  }
  maxStack(h: number): number { return this.x.maxStack(h); }
  disasm(h: number): string { return this.text(this.x.disasm(h)); }
  aliasProblem(name: string): string | null {
    const [p, l] = this.put(name);
    const n = this.x.aliasProblem(p, l);
    return n < 0 ? null : this.text(n);
  }
  seed(s: number) { this.x.seed(s); }
  now(ms: number) { this.x.now(ms); }

  /** Evaluate with values[i] bound to alias i. */
  run(h: number, values: JsValue[] = []): { value: JsValue } | { error: number; message: string } {
    const state = this.x.alloc(Math.max(values.length, 1) * 16);
    const strings = values.map((v) => (typeof v === "string" ? this.put(v) : null));
    const dv = this.dv();
    values.forEach((v, i) => {
      const s = state + i * 16;
      if (v === undefined) dv.setUint32(s, 0, true);
      else if (v === null) dv.setUint32(s, 1, true);
      else if (typeof v === "boolean") { dv.setUint32(s, 2, true); dv.setFloat64(s + 8, v ? 1 : 0, true); }
      else if (typeof v === "number") { dv.setUint32(s, 3, true); dv.setFloat64(s + 8, v, true); }
      else {
        const [p, l] = strings[i]!;
        dv.setUint32(s, 4, true); dv.setUint32(s + 4, l, true); dv.setFloat64(s + 8, 0, true); dv.setUint32(s + 8, p, true);
      }
    });
    const code = this.x.run(h, state);
    if (code !== 0) {
      const bytes = new Uint8Array(this.x.memory.buffer, this.x.errPtr(), this.x.errLen());
      return { error: code, message: new TextDecoder().decode(bytes.slice()) };
    }
    return { value: this.readSlot(this.x.resultSlot()) };
  }

  readSlot(s: number): JsValue {
    const dv = this.dv();
    switch (dv.getUint32(s, true)) {
      case 0: return undefined;
      case 1: return null;
      case 2: return dv.getFloat64(s + 8, true) !== 0;
      case 3: return dv.getFloat64(s + 8, true);
      case 4: {
        const len = dv.getUint32(s + 4, true);
        const ptr = dv.getUint32(s + 8, true) >>> 1;
        const u = this.u16().subarray(ptr, ptr + len);
        let out = "";
        for (let i = 0; i < u.length; i += 4096) out += String.fromCharCode(...u.subarray(i, i + 4096));
        return out;
      }
      // An array, object or regular expression: only its kind (a mapping's result is never one).
      case 5: case 6: case 7: return { composite: ["array", "object", "regexp"][dv.getUint32(s, true) - 5] } as unknown as JsValue;
    }
    throw new Error("bad tag " + dv.getUint32(s, true));
  }
}

export function isDiag(x: number | Diag): x is Diag { return typeof x !== "number"; }

/** What V8 gives for `expr` with aliases bound (sloppy mode, like new Function). */
export function v8(expr: string, aliases: string[], values: JsValue[]): { value: JsValue } | { threw: string } {
  try {
    // eslint-disable-next-line no-new-func
    return { value: new Function(...aliases, "return (" + expr + "\n)")(...values) };
  } catch (e) {
    return { threw: (e as Error).name };
  }
}
