// The result pane: outputs, errors and the explain report, in tabs.

import type { Explanation, TraceEntry } from "../../host/explain.js";
import { button, byId, el, plural } from "./dom.js";
import type { InputError, LineTrace, ShownOutput } from "./engine.js";

/** Outputs and errors listed in the page; all outputs are in the download. */
const MAX_SHOWN = 1000;

/** Selects input line `line` in the input editor. */
export type ShowLine = (line: number) => void;

const lineButton = (line: number, className: string, show: ShowLine): HTMLButtonElement =>
  button(`linklike ${className}`, `line ${line}`, `Show input line ${line}`, () => show(line));

/** The outputs (null: no run, the config is invalid). */
export function showOutputs(outputs: readonly ShownOutput[] | null, show: ShowLine): void {
  byId("output-count").textContent = outputs === null ? "" : `(${outputs.length})`;
  const items: HTMLElement[] = [];
  const decoder = new TextDecoder();
  for (const o of (outputs ?? []).slice(0, MAX_SHOWN)) {
    const li = el("li", "output");
    li.dataset.line = String(o.line);
    const head = el("div", "out-head");
    head.append(lineButton(o.line, "out-line", show), el("code", "out-topic", o.output.topic));
    li.append(head, el("code", "out-payload", decoder.decode(o.output.payload)), el("code", "out-meta", JSON.stringify(o.output.metadata)));
    items.push(li);
  }
  if (outputs !== null && outputs.length > MAX_SHOWN) items.push(el("li", "more", `… and ${outputs.length - MAX_SHOWN} more: download them all`));
  byId("outputs").replaceChildren(...items);
}

/** The errors, as `stream-processor run` prints them on stderr (null: no run). */
export function showErrors(errors: readonly InputError[] | null, show: ShowLine): void {
  byId("error-count").textContent = errors === null ? "" : `(${errors.length})`;
  byId("errors").replaceChildren(...(errors ?? []).slice(0, MAX_SHOWN).map((e) => {
    const li = el("li", "error");
    li.dataset.line = String(e.line);
    const text = e.mapping === undefined ? `: ${e.message}` : `, mapping '${e.mapping}': ${e.message}`;
    li.append(lineButton(e.line, "err-line", show), el("span", "err-text", text), " ", el("span", "err-code", `(${e.code})`));
    return li;
  }));
}

/** The module's explain report, in the columns of `run --explain` (null: no run). */
export function showExplanation(e: Explanation | null): void {
  const row = (cells: readonly (string | [string, string])[]): HTMLTableRowElement => {
    const tr = el("tr");
    for (const c of cells) tr.append(typeof c === "string" ? el("td", "", c) : el("td", c[0], c[1]));
    return tr;
  };
  byId("mappings").querySelector("tbody")!.replaceChildren(...(e?.mappings ?? []).map((m) => {
    const errors = m.errors === 0 ? "0" : `${m.errors} (${Object.entries(m.errorsByCode).map(([code, n]) => `${code} ${n}`).join(", ")})`;
    const tr = row([m.path, m.kind, m.dependencies.join(", "), ["num", String(m.outputs)], ["num", String(m.skipped)],
      ["num", errors], ["waiting", m.waitingFor.join(", ")]]);
    if (m.lastError !== undefined) tr.title = `last error: ${m.lastError.message} (${m.lastError.code})`;
    return tr;
  }));
  byId("sources").querySelector("tbody")!.replaceChildren(...(e?.sources ?? []).map((s) =>
    row([s.alias, ["topic", s.topic], ["num", String(s.updates)], ["num", String(s.invalid)],
      ["num", s.lastTimestampMs === undefined ? "-" : String(s.lastTimestampMs)]])));
  const d = e?.dropped;
  byId("dropped").textContent = d === undefined ? "" : `dropped: ${d.noTopic} without a topic, ${d.unknownTopic} on topics that are no source`;
  const nearMisses = (d?.nearMisses ?? []).map((n) => el("li", "near-miss", `${n.topic}: ${plural(n.count, "message")}; did you mean ${n.didYouMean}?`));
  if (d !== undefined && d.nearMissesNotListed > 0) nearMisses.push(el("li", "near-miss", `(${d.nearMissesNotListed} more near-miss messages on topics not listed)`));
  byId("near-misses").replaceChildren(...nearMisses);
}

/** One input's trace as a sentence: where it went, then each mapping it triggered. */
export function traceText(t: Omit<TraceEntry, "index">): string {
  const where = t.alias ?? t.topic ?? "(no topic)";
  let text = `${where}: ${t.outcome}`;
  if (t.reason !== undefined) text += ` (${t.reason}${t.didYouMean === undefined ? "" : `; did you mean ${t.didYouMean}?`})`;
  const results = t.mappings.map((m) => m.result === "fired" ? `${m.path} fired`
    : m.result === "skipped" ? `${m.path} skipped (waiting for ${m.waitingFor ?? "?"})` : `${m.path} error (${m.code ?? "?"})`);
  if (results.length > 0) text += `; ${results.join(", ")}`;
  if (t.notDependent !== undefined && t.notDependent.length > 0) text += `; not triggered: ${t.notDependent.join(", ")}`;
  return text;
}

/** Per input line, what became of it (null: no run). */
export function showTraces(traces: readonly LineTrace[] | null, show: ShowLine): void {
  byId("traces").replaceChildren(...(traces ?? []).slice(0, MAX_SHOWN).map((t) => {
    const li = el("li", `trace outcome-${t.trace.outcome}`);
    li.dataset.line = String(t.line);
    li.append(lineButton(t.line, "trace-line", show), " ", el("span", "trace-text", traceText(t.trace)));
    return li;
  }));
}

/**
 * The tabs in `container` (WAI-ARIA tabs pattern): a click or Enter selects one;
 * arrow keys, Home and End move between them and select.
 */
export function tabs(container: HTMLElement): void {
  const list = [...container.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus: boolean): void => {
    for (const t of list) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      byId(t.getAttribute("aria-controls")!).hidden = !selected;
    }
    if (focus) tab.focus();
  };
  for (const [i, tab] of list.entries()) {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (e) => {
      const to = e.key === "ArrowRight" ? (i + 1) % list.length : e.key === "ArrowLeft" ? (i - 1 + list.length) % list.length
        : e.key === "Home" ? 0 : e.key === "End" ? list.length - 1 : -1;
      if (to < 0) return;
      e.preventDefault();
      select(list[to], true);
    });
  }
}
