// The figures paragraph of README.md, generated from bench/results/latest.json so
// that no number there is typed by hand. `npm run bench` runs it after the suite.
//   node scripts/readme-figures.mjs           rewrite the block in README.md
//   node scripts/readme-figures.mjs --check   exit 1 if README.md's block differs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const START = "<!-- figures: generated from bench/results/latest.json by scripts/readme-figures.mjs; do not edit by hand -->";
export const END = "<!-- /figures -->";

const int = (x) => Math.round(x).toLocaleString("en-US");
const x1 = (r) => `${r.toFixed(1)}×`;

/** The paragraph for result `r` (the JSON of bench/results/latest.json). */
export function figures(r) {
  const row = (workload, engine, measure, batch) => {
    const found = r.rows.find((x) => x.workload === workload && x.engine === engine && x.measure === measure && x.batch === batch);
    if (found === undefined) throw new Error(`no ${workload} ${engine} ${measure} batch ${batch} row in the results`);
    return found.nsPerMsg;
  };
  const h = r.headline.W1;
  const w4 = r.configure.W4;
  const soak = r.soak.W1.inModule;
  const m = r.machine;
  return [
    `Measured at commit ${m.commit} on this project's ${m.cores}-core ${m.cpu} (bench/RESULTS.md, ` +
      `${r.settings.runs} runs of ${int(r.settings.messagesPerRun)} messages, medians): the W1 fixture costs ` +
      `${int(row("W1", "wasm/V8", "in-module", 1000))} ns per message inside the module under V8 and ` +
      `${int(row("W1", "wasm/wasmtime", "in-module", 1000))} ns under wasmtime, and ${int(h.hostNsPerMsg)} ns end to ` +
      `end through the Node host — ${x1(h.vsPlainV8)} plain V8, ${x1(h.vsScannerV8)} a hand-optimised V8 scanner, ` +
      `${x1(h.vsQuickJS)} QuickJS-in-WASM — with ${soak.heapTopDelta === 0 ? "no" : soak.heapTopDelta + " bytes of"} ` +
      `allocation and ${soak.linearMemoryGrowth === 0 ? "no" : int(soak.linearMemoryGrowth) + " bytes of"} memory growth ` +
      `over ${int(soak.messages)} messages. configure() of 2,000 mappings (W4) takes ${w4.warmMedianMs.toFixed(1)} ms on a ` +
      `warm instance and ${w4.freshProcessMs.toFixed(1)} ms as the first call of a fresh process. The benchmarked module ` +
      `is ${int(r.size.buildStreamProcessorWasm)} bytes.`,
  ].join("\n");
}

/** `readme` with its figures block replaced by `text`. */
export function withFigures(readme, text) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} block`);
  return readme.slice(0, a + START.length) + "\n" + text + "\n" + readme.slice(b);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(readFileSync(join(root, "bench", "results", "latest.json"), "utf8"));
  const path = join(root, "README.md");
  const readme = readFileSync(path, "utf8");
  const want = withFigures(readme, figures(results));
  if (process.argv.includes("--check")) {
    if (want !== readme) {
      console.error("README.md's figures differ from bench/results/latest.json: run node scripts/readme-figures.mjs");
      process.exit(1);
    }
  } else if (want !== readme) {
    writeFileSync(path, want);
  }
}
