// The CLI's text rendering of an explain report (`run --explain`).

import type { Explanation } from "./explain.js";

/** Rows of cells as left-aligned columns, two spaces apart, without trailing blanks. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n") + "\n";
}

/** The report as text: mappings, sources, then drops and near-miss topics. */
export function renderExplanation(e: Explanation): string {
  const mappings = table([
    ["mapping", "kind", "outputs", "skipped", "errors", "waiting for"],
    ...e.mappings.map((m) => [m.path, m.kind, String(m.outputs), String(m.skipped),
      m.errors === 0 ? "0" : `${m.errors} (${Object.entries(m.errorsByCode).map(([code, n]) => `${code} ${n}`).join(", ")})`,
      m.waitingFor.join(", ")]),
  ]);
  const sources = table([
    ["source", "topic", "updates", "invalid", "last timestamp_ms"],
    ...e.sources.map((s) => [s.alias, s.topic, String(s.updates), String(s.invalid), s.lastTimestampMs === undefined ? "-" : String(s.lastTimestampMs)]),
  ]);
  const d = e.dropped;
  let dropped = `dropped: ${d.noTopic} without a topic, ${d.unknownTopic} on topics that are no source\n`;
  for (const n of d.nearMisses) {
    dropped += `  ${n.topic}: ${n.count} message${n.count === 1 ? "" : "s"}; did you mean ${n.didYouMean}?\n`;
  }
  if (d.nearMissesNotListed > 0) dropped += `  (${d.nearMissesNotListed} more near-miss messages on topics not listed)\n`;
  return `${mappings}\n${sources}\n${dropped}`;
}
