// A self-made SVG chart: throughput (input messages/s, log scale) per engine and
// workload. In-module rows at batch 1000, end-to-end rows at the largest e2e batch.

const COLORS = {
  "wasm/V8": "#1f6feb",
  "wasm/wasmtime": "#8250df",
  host: "#1a7f37",
  "scanner-v8": "#bf8700",
  "plain-v8": "#cf222e",
  "quickjs-wasm": "#6e7781",
};
const LABEL = {
  "wasm/V8": "ours in-module (V8)",
  "wasm/wasmtime": "ours in-module (wasmtime)",
  host: "ours end to end (host)",
  "scanner-v8": "hand-optimised V8",
  "plain-v8": "plain V8",
  "quickjs-wasm": "QuickJS in WASM",
};

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function renderChart(r) {
  const e2eBatch = Math.max(...r.settings.e2eBatches);
  const engines = Object.keys(COLORS);
  const groups = Object.keys(r.workloads).map((w) => ({
    w,
    bars: engines.map((e) => r.rows.find((x) => x.workload === w && x.engine === e && x.batch === (x.measure === "in-module" ? 1000 : e2eBatch)))
      .filter(Boolean),
  }));
  const all = groups.flatMap((g) => g.bars.map((b) => b.msgsPerSec));
  const lo = 10 ** Math.floor(Math.log10(Math.min(...all)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const left = 190, right = 90, top = 70, barH = 16, gap = 4, groupGap = 26;
  const width = 900;
  const plotW = width - left - right;
  const x = (v) => left + (plotW * (Math.log10(v) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
  let y = top;
  const parts = [];
  for (const g of groups) {
    parts.push(`<text x="10" y="${y + 12}" font-weight="bold">${esc(g.w)}</text>`);
    for (const b of g.bars) {
      const w = Math.max(1, x(b.msgsPerSec) - left);
      parts.push(`<text x="${left - 6}" y="${y + barH - 4}" text-anchor="end">${esc(LABEL[b.engine])}</text>`);
      parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[b.engine]}"/>`);
      const label = b.msgsPerSec >= 1e6 ? `${(b.msgsPerSec / 1e6).toFixed(2)} M/s` : `${Math.round(b.msgsPerSec / 1e3)} k/s`;
      parts.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + barH - 4}">${label}</text>`);
      y += barH + gap;
    }
    y += groupGap;
  }
  const height = y + 30;
  const grid = [];
  for (let v = lo; v <= hi; v *= 10) {
    for (const k of [1, 2, 5]) {
      const t = v * k;
      if (t > hi) break;
      const gx = x(t).toFixed(1);
      grid.push(`<line x1="${gx}" y1="${top - 8}" x2="${gx}" y2="${y - groupGap}" stroke="${k === 1 ? "#bbb" : "#eee"}"/>`);
      if (k === 1) grid.push(`<text x="${gx}" y="${top - 12}" text-anchor="middle" fill="#555">${t >= 1e6 ? t / 1e6 + "M" : t >= 1e3 ? t / 1e3 + "k" : t}</text>`);
    }
  }
  const m = r.machine;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="20" font-size="15" font-weight="bold">Throughput, input messages per second (log scale; higher is better)</text>
<text x="10" y="38" fill="#555">${esc(`${m.cpu}, ${m.cores} cores; Node ${m.node}; wasmtime ${m.wasmtime ?? "n/a"}; medians of ${r.settings.runs} runs; in-module at batch 1000, end to end at batch ${e2eBatch}`)}</text>
${grid.join("\n")}
${parts.join("\n")}
</svg>
`;
}
