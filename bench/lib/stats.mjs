// Small statistics helpers: medians across runs, percentiles of samples.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** The q-quantile (0..1) of `xs` by nearest rank; xs is sorted in place. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function percentiles(samples) {
  const s = Float64Array.from(samples).sort();
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), p999: quantile(s, 0.999), samples: s.length };
}

/** Median clock-read overhead of `now()` in ns (subtracted from per-batch timings). */
export function timerOverheadNs(now, reps = 200000) {
  const d = new Float64Array(reps);
  for (let i = 0; i < reps; i++) { const a = now(); const b = now(); d[i] = b - a; }
  return median(Array.from(d.subarray(reps >> 1))) * 1e6;
}
