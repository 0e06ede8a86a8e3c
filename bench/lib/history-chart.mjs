// bench/results/history.svg from bench/history.jsonl: ns/msg of the headline
// figures over commits, one panel per workload (self-made SVG, no network).

const SERIES = [
  { key: "inModuleV8", label: "in-module, V8", color: "#1f6feb" },
  { key: "inModuleWasmtime", label: "in-module, wasmtime", color: "#8250df" },
  { key: "hostE2E", label: "end to end, host", color: "#1a7f37" },
  { key: "benthos", label: "Benthos processor", color: "#bf8700" },
];

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Log-scale bounds: powers of ten around `values`. */
function decades(values) {
  const lo = Math.min(...values), hi = Math.max(...values);
  if (!(lo > 0)) return [1, 10];
  const a = 10 ** Math.floor(Math.log10(lo)), b = 10 ** Math.ceil(Math.log10(hi));
  return [a, b > a ? b : a * 10];
}

/** Entries with at least one timed figure, oldest first, the last `limit` of them. */
export function timedEntries(history, limit = 30) {
  return history.filter((e) => Object.values(e.workloads).some((w) => SERIES.some((s) => w[s.key] != null))).slice(-limit);
}

export function renderHistoryChart(history, { limit = 30 } = {}) {
  const entries = timedEntries(history, limit);
  const workloads = [...new Set(entries.flatMap((e) => Object.keys(e.workloads)))].sort();
  const panelW = 430, panelH = 220, padL = 56, padR = 12, padT = 28, padB = 44, top = 64;
  const cols = 2;
  const width = cols * panelW + 20;
  const height = top + Math.ceil(workloads.length / cols) * panelH + 10;
  const parts = [];
  SERIES.forEach((s, i) => {
    const x = 10 + i * 200;
    parts.push(`<rect x="${x}" y="${top - 26}" width="12" height="12" fill="${s.color}"/><text x="${x + 16}" y="${top - 16}">${esc(s.label)}</text>`);
  });
  workloads.forEach((w, k) => {
    const ox = 10 + (k % cols) * panelW, oy = top + Math.floor(k / cols) * panelH;
    const plotW = panelW - padL - padR, plotH = panelH - padT - padB;
    const values = entries.flatMap((e) => SERIES.map((s) => e.workloads[w]?.[s.key]).filter((v) => v != null));
    const [lo, hi] = decades(values);
    const X = (i) => ox + padL + (entries.length === 1 ? plotW / 2 : (plotW * i) / (entries.length - 1));
    const Y = (v) => oy + padT + plotH - (plotH * Math.log10(v / lo)) / Math.log10(hi / lo);
    parts.push(`<text x="${ox}" y="${oy + 16}" font-weight="bold">${esc(w)} ns/msg (log scale)</text>`);
    for (let d = lo; d <= hi; d *= 10) {
      for (const k of [1, 2, 5]) {
        const v = d * k;
        if (v > hi) break;
        const y = Y(v).toFixed(1);
        parts.push(`<line x1="${ox + padL}" y1="${y}" x2="${ox + padL + plotW}" y2="${y}" stroke="${k === 1 ? "#bbb" : "#eee"}"/>`);
        parts.push(`<text x="${ox + padL - 4}" y="${(Y(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${v.toLocaleString("en")}</text>`);
      }
    }
    const every = Math.max(1, Math.ceil(entries.length / 8));
    entries.forEach((e, i) => {
      if (i % every !== 0 && i !== entries.length - 1) return;
      parts.push(`<text x="${X(i).toFixed(1)}" y="${oy + padT + plotH + 16}" text-anchor="middle" fill="#555">${esc(e.commit ?? "?")}</text>`);
      parts.push(`<text x="${X(i).toFixed(1)}" y="${oy + padT + plotH + 30}" text-anchor="middle" fill="#999" font-size="10">${esc(e.date.slice(5, 10))}</text>`);
    });
    for (const s of SERIES) {
      const pts = entries.map((e, i) => [i, e.workloads[w]?.[s.key]]).filter(([, v]) => v != null);
      if (pts.length === 0) continue;
      const xy = pts.map(([i, v]) => `${X(i).toFixed(1)},${Y(v).toFixed(1)}`);
      if (pts.length > 1) parts.push(`<polyline data-series="${s.key}" data-workload="${w}" points="${xy.join(" ")}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
      for (const p of xy) { const [cx, cy] = p.split(","); parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${s.color}"/>`); }
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="18" font-size="15" font-weight="bold">ns per input message over commits (bench/history.jsonl; lower is better)</text>
${parts.join("\n")}
</svg>
`;
}

const f1 = (x) => (x == null ? "–" : x.toLocaleString("en", { maximumFractionDigits: 0 }));
const fl = (x) => (x == null ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(1));

/** RESULTS.md's section on the history: the chart and, per workload, the last `limit` runs. */
export function renderHistoryMarkdown(history, { limit = 12 } = {}) {
  const L = [];
  L.push("## Over commits (`bench/history.jsonl`)");
  L.push("");
  L.push("Every `npm run bench` appends its headline figures to `bench/history.jsonl` (earlier runs backfilled from the results kept in the repository: `node bench/history.mjs backfill`). " +
    "Timings are from a shared 2-core machine: compare runs with care (see each run's load average in its results). " +
    "Wasm operators/msg (wasmtime fuel, the performance gate's figure) do not depend on the machine.");
  L.push("");
  L.push("![ns per message over commits](results/history.svg)");
  L.push("");
  const rows = history.slice(-limit);
  const workloads = [...new Set(rows.flatMap((e) => Object.keys(e.workloads)))].sort();
  for (const w of workloads) {
    L.push(`**${w}** — ns/msg (in-module and host at batch 1000, Benthos at 100 per ProcessBatch); latency of one message end to end through the host (batch 1); wasm operators/msg`);
    L.push("");
    L.push("| commit | date | in-module V8 | in-module wasmtime | host e2e | Benthos | p50 µs | p95 µs | p99 µs | operators/msg | source |");
    L.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const e of rows) {
      const x = e.workloads[w];
      if (!x) continue;
      const ops = x.operatorsPerMsg == null ? "–" : x.operatorsPerMsg.toLocaleString("en", { maximumFractionDigits: 2 });
      L.push(`| ${e.commit ?? "?"}${e.dirty ? "+" : ""} | ${e.date.slice(0, 16).replace("T", " ")} | ${f1(x.inModuleV8)} | ${f1(x.inModuleWasmtime)} | ${f1(x.hostE2E)} | ${f1(x.benthos)} | ${fl(x.latencyUs.p50)} | ${fl(x.latencyUs.p95)} | ${fl(x.latencyUs.p99)} | ${ops} | ${e.source} |`);
    }
    L.push("");
  }
  L.push("`+` after a commit: measured with uncommitted changes.");
  L.push("");
  return L.join("\n");
}
