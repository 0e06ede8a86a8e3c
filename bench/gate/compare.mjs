// Measured figures against a baseline. Every figure is "lower is better"; its
// kind sets how far it may move before the gate fails:
//   operators  2% of the baseline (fuel counts are exact; 2% lets a change pay
//              for itself elsewhere without a baseline update per commit)
//   size       1 KB (1,024 bytes)
//   exact      not at all (allocation counts, memory growth, B/op)
// Worse by more than the tolerance fails; better by more than the tolerance
// fails too, asking for the baseline to be rewritten (`npm run perf:baseline`)
// so that the improvement is recorded in the commit that makes it.

export const TOLERANCE = {
  operators: { relative: 0.02, text: "2%" },
  size: { absolute: 1024, text: "1 KB" },
  exact: { absolute: 0, text: "exact" },
};

export function allowance(kind, baseline) {
  const t = TOLERANCE[kind];
  if (!t) throw new Error(`unknown figure kind ${kind}`);
  return t.relative != null ? Math.abs(baseline) * t.relative : t.absolute;
}

/**
 * Compare `measured` ({ name: { value, kind } }) with `baseline` ({ name: value }).
 * `partial`: only some parts were measured, so baseline figures without a
 * measurement are not an error. Returns { worse, better, unchanged, missing, unknown }.
 */
export function compare(measured, baseline, { partial = false } = {}) {
  const out = { worse: [], better: [], unchanged: [], missing: [], unknown: [] };
  for (const [name, { value, kind }] of Object.entries(measured)) {
    if (!(name in baseline)) { out.unknown.push({ name, value, kind }); continue; }
    const before = baseline[name];
    const slack = allowance(kind, before);
    const row = { name, kind, before, after: value, tolerance: TOLERANCE[kind].text };
    if (value > before + slack) out.worse.push(row);
    else if (value < before - slack) out.better.push(row);
    else out.unchanged.push(row);
  }
  if (!partial) for (const name of Object.keys(baseline)) if (!(name in measured)) out.missing.push({ name, before: baseline[name] });
  return out;
}

const num = (x) => (Number.isInteger(x) ? x.toLocaleString("en") : x.toLocaleString("en", { maximumFractionDigits: 2 }));

function change(r) {
  const d = r.after - r.before;
  const pct = r.before !== 0 ? ` (${d > 0 ? "+" : ""}${((100 * d) / r.before).toFixed(2)}%)` : "";
  return `${num(r.before)} -> ${num(r.after)}${pct}, tolerance ${r.tolerance}`;
}

/** The gate's report: one line per figure, then the verdict. Returns { text, ok }. */
export function report(result, baselinePath) {
  const L = [];
  for (const r of result.worse) L.push(`WORSE   ${r.name}: ${change(r)}`);
  for (const r of result.better) L.push(`BETTER  ${r.name}: ${change(r)}`);
  for (const r of result.missing) L.push(`MISSING ${r.name}: in the baseline (${num(r.before)}) but not measured`);
  for (const r of result.unknown) L.push(`NEW     ${r.name}: ${num(r.value)}, not in the baseline`);
  for (const r of result.unchanged) L.push(`ok      ${r.name}: ${change(r)}`);
  const ok = result.worse.length + result.better.length + result.missing.length + result.unknown.length === 0;
  if (ok) L.push(`perf gate: OK, ${result.unchanged.length} figures within tolerance of ${baselinePath}`);
  else {
    if (result.worse.length) L.push(`perf gate: FAILED: ${result.worse.length} figure(s) worse than ${baselinePath}: ${result.worse.map((r) => r.name).join("; ")}`);
    if (result.better.length || result.unknown.length || result.missing.length) {
      L.push(`perf gate: FAILED: the baseline is out of date (${result.better.length} better, ${result.unknown.length} new, ${result.missing.length} missing): ` +
        "if that is intended, run `npm run perf:baseline` and commit bench/baselines/gate.json with the change");
    }
  }
  return { text: L.join("\n"), ok };
}
