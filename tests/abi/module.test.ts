import { describe, expect, test } from "vitest";
import {
  compiledModule, instantiate, configure, processBatch, frame, writeInput, readErrors, metrics,
} from "../support/raw_abi";

const pump = {
  model: { name: "pump", version: "v1" },
  output_topic: "umh.v1.corpA.plant-A.aawd",
  sources: {
    press: "umh.v1.corpA.plant-A.aawd._raw.press",
    tF: "umh.v1.corpA.plant-A.aawd._raw.tempF",
    r: "umh.v1.corpA.plant-A.aawd._raw.run",
    label: "umh.v1.corpA.plant-A.aawd._raw.label",
  },
  mapping: {
    pressure: "press + 4.00001",
    temperature: "tF * 69 / 31",
    motor: { rpm: "press / 4" },
    status: 'r ? "active" : "inactive"',
    text: "`p=${press} t=${tF}`",
    upper: "label.toUpperCase() + '-' + label.length",
    ratio: "press / (tF - tF)",
    serialNumber: '"SN-P42-008"',
    // Arrays and objects (issue 17) live in the evaluation arena too.
    json: "JSON.stringify({p: press, t: [tF, label.length], ok: r, [label]: {n: null}}, null, 1)",
    pick: "[press, tF, ...label][2] + Object.keys({a: press, 1: tF}).length + Object.entries([label]).length",
    has: "'p' in {p: press} && Array.isArray([label]) ? Math.max(...[press, tF]) : ({x: {y: label}})?.x?.y",
    // JSON.parse and Date (issue 17): values, texts and a SyntaxError record per message, all in the arena.
    parsed: "JSON.stringify(JSON.parse(JSON.stringify({p: press, l: label, a: [tF, null, true]}))) + JSON.parse('[' + press + ']')[0]",
    bad: "JSON.parse(label)",
    date: "new Date(press * 1e6).toISOString().slice(0, 10) + new Date(Date.UTC(2026, tF % 12, 6)).getUTCDay() + new Date(tF * 1e9)" +
      " + Date.parse('Dec 6 2026 10:00 GMT+0100') + new Date().setUTCHours(press % 24, 0, 0, 0) + JSON.stringify([new Date(press)])",
    // Regular expressions: programs and registers are made at configure time; a limit hit allocates nothing either.
    re: "(/(\\d+)\\.(\\d+)/.test(String(press)) ? label.replace(/(\\w+) é #(\\d+)/g, '$2-$1') : label.split(/\\s+/)[1]) + label.match(/#(?<n>\\d+)/).groups.n + label.search(/É/i) + JSON.stringify(label.match(/\\d/g))",
    reLimit: "label.endsWith('997') && /(a|a)*b/.test(label.padEnd(40, 'a').replace(/[^a]/g, 'a'))", // once a batch
  },
};

const DOCUMENTED_EXPORTS = [
  "memory", "abi_version", "set_limit", "input_area", "configure", "describe", "process",
  "output_ptr", "output_len", "error_ptr", "error_len", "error_count", "metrics_ptr", "status_ptr",
  "state_export", "state_import", "explain", "trace_ptr", "trace_len", "heap_top",
];

describe("module surface", () => {
  test("imports nothing", () => {
    expect(WebAssembly.Module.imports(compiledModule())).toEqual([]);
  });

  test("exports exactly the documented ABI", () => {
    const names = WebAssembly.Module.exports(compiledModule()).map((e) => e.name).sort();
    expect(names).toEqual([...DOCUMENTED_EXPORTS].sort());
  });

  test("reports ABI version 2", () => {
    expect(instantiate().abi_version()).toBe(2);
  });
});

describe("call order", () => {
  test("process before configure returns -1", () => {
    const x = instantiate();
    const len = writeInput(x, frame([]));
    expect(x.process(len)).toBe(-1);
  });

  test("a second configure returns -2 and keeps the first program", () => {
    const x = instantiate();
    expect(configure(x, pump)).toBe(0);
    expect(configure(x, { ...pump, output_topic: "other" })).toBe(-2);
    const r = processBatch(x, [{ topic: pump.sources.press, payload: '{"value":1,"timestamp_ms":5}' }]);
    expect(r.outputs.length).toBeGreaterThan(0);
  });

  test("set_limit after configure is refused", () => {
    const x = instantiate();
    expect(x.set_limit(3, 100)).toBe(0);
    expect(configure(x, pump)).toBe(0);
    expect(x.set_limit(3, 100)).toBe(-1);
  });

  test("a header shorter than 16 bytes is malformed", () => {
    const x = instantiate();
    configure(x, pump);
    writeInput(x, new Uint8Array(64));
    expect(x.process(8)).toBe(-2);
  });

  test("a record running past the batch ends the batch with a bad_frame error", () => {
    const x = instantiate();
    configure(x, pump);
    const good = frame([
      { topic: pump.sources.press, payload: '{"value":1,"timestamp_ms":5}' },
      { topic: pump.sources.press, payload: '{"value":2,"timestamp_ms":6}' },
    ]);
    // Cut the second record short: the first still produces its outputs.
    const cut = good.slice(0, good.length - 8);
    const len = writeInput(x, cut);
    const n = x.process(len);
    const errors = readErrors(x);
    expect(errors.map((e) => e.code)).toEqual([20]);
    expect(errors[0].message).toMatch(/record 1 runs past the end/);
    const full = instantiate();
    configure(full, pump);
    const one = processBatch(full, [{ topic: pump.sources.press, payload: '{"value":1,"timestamp_ms":5}' }]);
    expect(n).toBe(one.outputs.length);
  });
});

describe("status block", () => {
  // What the getters return, as the status block says it after each call that changes the areas.
  function status(x: ReturnType<typeof instantiate>) {
    const v = new DataView(x.memory.buffer, x.status_ptr(), 32);
    const w = (o: number) => v.getUint32(o, true);
    return { outputPtr: w(0), outputLen: w(4), errorPtr: w(8), errorLen: w(12), errorCount: w(16), metricsPtr: w(20), flags: w(24), reserved: w(28) };
  }
  function getters(x: ReturnType<typeof instantiate>, flags: number) {
    return {
      outputPtr: x.output_ptr(), outputLen: x.output_len(), errorPtr: x.error_ptr(), errorLen: x.error_len(),
      errorCount: x.error_count(), metricsPtr: x.metrics_ptr(), flags, reserved: 0,
    };
  }
  const press = (value: unknown, ts = 5) => ({ topic: pump.sources.press, payload: JSON.stringify({ value, timestamp_ms: ts }) });

  test("matches the getters after configure, process, describe, explain, state_export and state_import, at one address", () => {
    const x = instantiate();
    const at = x.status_ptr();
    expect(configure(x, { ...pump, mapping: { bad: "press +" } })).toBe(-1);
    expect(status(x)).toEqual(getters(x, 0));
    expect(status(x).errorCount).toBeGreaterThan(0);
    expect(configure(x, pump)).toBe(0); // its "date" mapping calls new Date(): the clock flag is set
    expect(status(x)).toEqual(getters(x, 1));
    const r = processBatch(x, [press(37.42), { topic: pump.sources.label, payload: '{"value":"x","timestamp_ms":5}' }, press("oops")]);
    expect(r.outputs.length).toBeGreaterThan(0);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(status(x)).toEqual(getters(x, 1));
    // A batch large enough to move the output area: the block follows it.
    const before = x.output_ptr();
    processBatch(x, Array.from({ length: 3000 }, (_, i) => press(i)));
    expect(x.output_ptr()).not.toBe(before);
    expect(status(x)).toEqual(getters(x, 1));
    for (const call of [() => x.describe(), () => x.explain(), () => x.state_export()]) {
      expect(call()).toBeGreaterThan(0);
      expect(status(x)).toEqual(getters(x, 1));
    }
    const len = writeInput(x, new Uint8Array(12));
    expect(x.state_import(len)).toBe(-1);
    expect(status(x)).toEqual(getters(x, 1));
    expect(status(x).errorCount).toBe(1);
    expect(x.status_ptr()).toBe(at);
  });

  test("the clock flag is clear when no expression is volatile", () => {
    const x = instantiate();
    expect(configure(x, { ...pump, mapping: { pressure: "press + 4.00001", when: "new Date(press).toISOString()" } })).toBe(0);
    expect(status(x).flags).toBe(0);
    for (const [expr, flag] of [["Date.now() - press", 1], ["new Date().getTime()", 1], ["Date()", 1], ["Math.random() < 2", 1]] as const) {
      const y = instantiate();
      expect(configure(y, { ...pump, mapping: { pressure: "press + 4.00001", other: expr } })).toBe(0);
      expect(status(y).flags, expr).toBe(flag);
    }
  });
});

describe("no allocation per message", () => {
  test("the heap top and memory size do not move across 100k messages after warm-up", () => {
    const x = instantiate();
    expect(configure(x, pump)).toBe(0);
    const batch: { topic: string; payload: string }[] = [];
    for (let i = 0; i < 1000; i++) {
      const k = i % 10;
      if (k < 4) batch.push({ topic: pump.sources.press, payload: `{"value":${i * 1.25},"timestamp_ms":${1700000000000 + i}}` });
      else if (k < 6) batch.push({ topic: pump.sources.tF, payload: `{"value":${70 + (i % 7)},"timestamp_ms":${1700000000000 + i},"unit":"F"}` });
      else if (k === 6) batch.push({ topic: pump.sources.r, payload: `{"value":${i % 2 === 0},"timestamp_ms":${1700000000000 + i}}` });
      else if (k === 7) batch.push({ topic: pump.sources.label, payload: `{"value":"pump \\u00e9 #${i}","timestamp_ms":${1700000000000 + i}}` });
      else if (k === 8) batch.push({ topic: pump.sources.press, payload: "not json" });
      else if (i % 20 === 9) batch.push({ topic: `umh.v1.unknown.${i % 300}`, payload: "{}" });
      else batch.push({ topic: pump.sources.press.replace("press", i % 40 < 20 ? "Press" : "pres"), payload: "{}" }); // near misses
    }
    // Every other batch asks for a trace; explain() after each: the explain and trace paths
    // must not allocate per message either.
    const plain = frame(batch, 1700000000000);
    const traced = plain.slice();
    new DataView(traced.buffer).setUint32(12, 1, true);
    let k = 0;
    const run = () => {
      const len = writeInput(x, k++ % 2 === 0 ? plain : traced);
      const n = x.process(len);
      expect(n).toBeGreaterThan(0);
      expect(x.explain()).toBeGreaterThan(0);
      return n;
    };
    for (let i = 0; i < 6; i++) run(); // warm-up: areas reach their size
    const top = x.heap_top();
    const pages = x.memory.buffer.byteLength;
    let outputs = 0;
    for (let i = 0; i < 100; i++) outputs += run();
    expect(x.heap_top()).toBe(top);
    expect(x.memory.buffer.byteLength).toBe(pages);
    expect(outputs).toBeGreaterThan(100 * 1000);
    const m = metrics(x);
    expect(m[0]).toBe(106 * 800); // processed
    expect(m[1]).toBe(106 * 100); // dropped
    expect(m[2]).toBe(106 * 100); // errored
    // The reLimit mapping did stop at the regex step limit (code 17, regex_limit), allocating nothing.
    const hit = processBatch(x, [{ topic: pump.sources.label, payload: '{"value":"pump 997","timestamp_ms":1700000000000}' }]);
    expect(hit.errors.map((e) => e.code)).toContain(17);
    expect(x.heap_top()).toBe(top);
  });

  test("the heap probe does detect an allocation", () => {
    // heap_top must move when the module does allocate: a larger batch grows the input area.
    const x = instantiate();
    configure(x, pump);
    const top = x.heap_top();
    x.input_area(4 << 20);
    expect(x.heap_top()).toBeGreaterThan(top);
  });
});
