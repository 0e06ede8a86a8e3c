// The playground page: two editors (config, input), the result pane, and the
// actions (load example, copy link, download). Every edit re-runs the real
// module after a short pause (engine.ts); the URL fragment always holds the
// current config and input (share.ts).

import exampleConfig from "../../examples/pump.yaml";
import exampleInput from "../../examples/pump.jsonl";
import type { Diagnostic } from "../../host/errors.js";
import type { Explanation } from "../../host/explain.js";
import { CodeEditor, type Mark } from "./editor.js";
import { runPlayground, splitLines, type InputError, type RunResult } from "./engine.js";
import { decodeState, encodeState, type SharedState } from "./share.js";
import { locateDiagnostic, type SourceLocation } from "./yaml-position.js";

/** Pause after the last keystroke before running. */
const DEBOUNCE_MS = 150;
/** Outputs and errors listed in the page; all of them are in the download. */
const MAX_SHOWN = 1000;
const EXCERPT_MAX = 200;
/** Longer fragments are not put in the address (Chromium refuses URLs over 2 MB). */
const FRAGMENT_MAX = 1_500_000;

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`page is missing #${id}`);
  return e as T;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className !== undefined) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

class Playground {
  private readonly config = new CodeEditor(byId("config-editor"), byId<HTMLTextAreaElement>("config"), { notes: true });
  private readonly input = new CodeEditor(byId("input-editor"), byId<HTMLTextAreaElement>("input"), { notes: false });
  private readonly result = byId("result");
  private readonly status = byId("status");
  private readonly notice = byId("notice");
  private readonly downloadButton = byId<HTMLButtonElement>("download");
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private outputsJsonl = "";
  private shareable = true;

  constructor(private readonly wasm: WebAssembly.Module) {
    for (const editor of [this.config, this.input]) editor.textarea.addEventListener("input", () => this.schedule());
    byId("load-example").addEventListener("click", () => this.load({ config: exampleConfig, input: exampleInput }));
    byId("copy-link").addEventListener("click", () => void this.copyLink());
    this.downloadButton.addEventListener("click", () => this.download());
    tabs(byId("result"));
  }

  load(state: SharedState): void {
    this.config.value = state.config;
    this.input.value = state.input;
    this.schedule(0);
  }

  showNotice(text: string | null): void {
    this.notice.hidden = text === null;
    this.notice.textContent = text ?? "";
  }

  /** Run after the debounce pause; a newer edit cancels a pending or running run. */
  private schedule(delay = DEBOUNCE_MS): void {
    this.generation++;
    this.result.dataset.busy = "true";
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  private async run(): Promise<void> {
    const generation = ++this.generation;
    const config = this.config.value;
    const input = this.input.value;
    const started = performance.now();
    let result: RunResult;
    try {
      result = await runPlayground(config, input, this.wasm);
    } catch (e) {
      if (generation !== this.generation) return;
      this.status.textContent = `internal error: ${e instanceof Error ? e.message : String(e)}`;
      this.status.className = "bad";
      this.result.dataset.busy = "false";
      return;
    }
    if (generation !== this.generation) return;
    this.render(result, config, input, performance.now() - started);
    const fragment = await encodeState({ config, input });
    if (generation !== this.generation) return;
    this.shareable = fragment.length <= FRAGMENT_MAX;
    // An address that no longer matches the text would share a stale case: drop it.
    history.replaceState(null, "", this.shareable ? `#${fragment}` : location.pathname + location.search);
    this.result.dataset.busy = "false";
  }

  private render(r: RunResult, config: string, input: string, ms: number): void {
    this.renderConfigProblems(r.ok ? [] : r.diagnostics, config);
    const errors = r.ok ? r.errors : [];
    this.renderInputProblems(errors, input);
    const outputs = byId("outputs");
    const errorList = byId("errors");
    if (!r.ok) {
      this.status.textContent = `config invalid: ${plural(r.diagnostics.length, "problem")}; fix it to see results`;
      this.status.className = "bad";
      outputs.replaceChildren();
      errorList.replaceChildren();
      this.renderExplanation(null);
      byId("output-count").textContent = "";
      byId("error-count").textContent = "";
      this.outputsJsonl = "";
      this.downloadButton.disabled = true;
      return;
    }
    this.status.className = "";
    this.status.textContent = `${plural(r.inputs, "input")} → ${plural(r.outputs.length, "output")}, ` +
      `${plural(r.errors.length, "error")}, ${r.dropped} dropped (${ms.toFixed(1)} ms)`;

    byId("output-count").textContent = `(${r.outputs.length})`;
    const items: HTMLElement[] = [];
    for (const o of r.outputs.slice(0, MAX_SHOWN)) {
      const li = el("li", "output");
      li.dataset.line = String(o.line);
      const head = el("div", "out-head");
      head.append(this.lineButton(o.line, "out-line"), el("code", "out-topic", o.output.topic));
      li.append(head,
        el("code", "out-payload", new TextDecoder().decode(o.output.payload)),
        el("code", "out-meta", JSON.stringify(o.output.metadata)));
      items.push(li);
    }
    if (r.outputs.length > MAX_SHOWN) items.push(el("li", "more", `… and ${r.outputs.length - MAX_SHOWN} more: download them all`));
    outputs.replaceChildren(...items);
    this.outputsJsonl = r.outputs.map((o) => `${o.jsonl}\n`).join("");
    this.downloadButton.disabled = r.outputs.length === 0;

    byId("error-count").textContent = `(${r.errors.length})`;
    errorList.replaceChildren(...r.errors.slice(0, MAX_SHOWN).map((e) => {
      const li = el("li", "error");
      li.dataset.line = String(e.line);
      // The text `stream-processor run` prints on stderr for this error.
      const text = e.mapping === undefined ? `: ${e.message}` : `, mapping '${e.mapping}': ${e.message}`;
      li.append(this.lineButton(e.line, "err-line"), el("span", "err-text", text), " ", el("span", "err-code", `(${e.code})`));
      return li;
    }));

    this.renderExplanation(r.explanation);
  }

  /** The module's explain report, in the columns of `run --explain`. */
  private renderExplanation(e: Explanation | null): void {
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

  /** A "line N" button that selects line N of the input. */
  private lineButton(line: number, className: string): HTMLButtonElement {
    const b = el("button", `linklike ${className}`, `line ${line}`);
    b.type = "button";
    b.title = `Show input line ${line}`;
    b.addEventListener("click", () => this.input.select(line, 1, (splitLines(this.input.value)[line - 1] ?? "").length + 1));
    return b;
  }

  private renderConfigProblems(diagnostics: readonly Diagnostic[], text: string): void {
    const lines = text.split("\n");
    const marks: Mark[] = [];
    const items = diagnostics.map((d) => {
      const loc = locateDiagnostic(text, d);
      const { headline, hints } = splitMessage(d.message);
      const li = el("li", "problem");
      li.dataset.code = d.code;
      if (loc !== null) {
        const endColumn = loc.end.line === loc.start.line ? loc.end.column : lines[loc.start.line - 1].length + 1;
        li.dataset.line = String(loc.start.line);
        li.dataset.column = String(loc.start.column);
        marks.push({ line: loc.start.line, column: loc.start.column, endColumn, message: headline });
        const go = el("button", "problem-loc", `line ${loc.start.line}, column ${loc.start.column}`);
        go.type = "button";
        go.title = "Show in the config";
        go.addEventListener("click", () => this.config.select(loc.start.line, loc.start.column, endColumn));
        li.append(go, el("p", "problem-msg", headline), excerpt(lines[loc.start.line - 1], loc, endColumn));
        // Not exact: the module's own rendering (expression and caret) is the reliable one.
        if (!loc.exact) li.append(el("pre", "excerpt", d.message.split("\n").slice(1).filter((l) => !/^\s*hint: /.test(l)).join("\n")));
      } else {
        li.append(el("pre", "problem-msg", d.message));
      }
      for (const h of hints) li.append(el("p", "problem-hint", h));
      return li;
    });
    byId("config-problems").replaceChildren(...items);
    const title = byId("config-problems-title");
    title.className = diagnostics.length > 0 ? "problems-title bad" : "problems-title";
    byId("config-problem-count").textContent = diagnostics.length > 0 ? plural(diagnostics.length, "problem") : "no problems";
    this.config.setMarks(marks);
  }

  /** Marks for every error on its input line; the list holds the errors of the input itself. */
  private renderInputProblems(errors: readonly InputError[], text: string): void {
    const lines = splitLines(text);
    const marks: Mark[] = errors.map((e) => ({
      line: e.line, column: 1, endColumn: (lines[e.line - 1] ?? "").length + 1,
      message: e.mapping === undefined ? e.message : `mapping '${e.mapping}': ${e.message}`,
    }));
    this.input.setMarks(marks);
    const own = errors.filter((e) => e.mapping === undefined);
    byId("input-problems").replaceChildren(...own.slice(0, MAX_SHOWN).map((e) => {
      const li = el("li", "problem");
      li.dataset.line = String(e.line);
      li.dataset.code = e.code;
      const go = el("button", "problem-loc", `line ${e.line}`);
      go.type = "button";
      go.title = "Show in the input";
      const source = lines[e.line - 1] ?? "";
      go.addEventListener("click", () => this.input.select(e.line, 1, source.length + 1));
      const pre = el("pre", "excerpt");
      pre.append(el("span", "num", `${e.line} │ `), el("span", "source", source.length > EXCERPT_MAX ? `${source.slice(0, EXCERPT_MAX)}…` : source));
      li.append(go, el("p", "problem-msg", `${e.message} (${e.code})`), pre);
      return li;
    }));
    const title = byId("input-problems-title");
    title.className = own.length > 0 ? "problems-title bad" : "problems-title";
    byId("input-problem-count").textContent = own.length > 0 ? plural(own.length, "problem") : "no problems";
  }

  private async copyLink(): Promise<void> {
    if (!this.shareable) {
      this.showNotice("This config and input are too large for a link (over 1.5 MB compressed); download or save them instead.");
      return;
    }
    try {
      await navigator.clipboard.writeText(location.href);
      this.status.textContent = "link copied: it holds this config and input";
    } catch {
      this.showNotice(`Copy this link: ${location.href}`);
    }
  }

  private download(): void {
    const url = URL.createObjectURL(new Blob([this.outputsJsonl], { type: "application/jsonl" }));
    const a = el("a");
    a.href = url;
    a.download = "outputs.jsonl";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/**
 * The result's tabs (WAI-ARIA tabs pattern): a click or Enter selects one;
 * arrow keys, Home and End move between them and select.
 */
function tabs(container: HTMLElement): void {
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

/** The module's message: its first line, and its hint lines (the expression and caret are shown from the YAML). */
function splitMessage(message: string): { headline: string; hints: string[] } {
  const [headline, ...rest] = message.split("\n");
  return { headline, hints: rest.filter((l) => /^\s*hint: /.test(l)).map((l) => l.trim()) };
}

/** The source line with its number, and a caret line under columns start..endColumn. */
function excerpt(line: string, loc: SourceLocation, endColumn: number): HTMLElement {
  const pre = el("pre", "excerpt");
  const number = String(loc.start.line);
  // Keep tabs so the caret lines up under a tab-indented fault; one space per code point otherwise.
  let pad = "";
  for (const ch of line.slice(0, loc.start.column - 1)) pad += ch === "\t" ? "\t" : " ";
  const width = Math.max(1, [...line.slice(loc.start.column - 1, endColumn - 1)].length);
  pre.append(el("span", "num", `${number} │ `), el("span", "source", line), "\n",
    el("span", "num", `${" ".repeat(number.length)} │ `), el("span", "caret", pad + "^".repeat(width)));
  return pre;
}

async function loadModule(): Promise<WebAssembly.Module> {
  const url = new URL("stream_processor.wasm", document.baseURI);
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A static host that does not serve .wasm as application/wasm.
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot load ${url.pathname}: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
}

/**
 * What `stream-processor serve --config/--input` passed (session.json; the static
 * build has an empty one), each missing part replaced by the example's.
 */
async function sessionState(): Promise<SharedState> {
  try {
    const response = await fetch("session.json", { cache: "no-store" });
    const s = response.ok ? (await response.json()) as { config?: unknown; input?: unknown } : {};
    return {
      config: typeof s.config === "string" ? s.config : exampleConfig,
      input: typeof s.input === "string" ? s.input : exampleInput,
    };
  } catch {
    return { config: exampleConfig, input: exampleInput };
  }
}

async function start(): Promise<void> {
  const status = byId("status");
  let wasm: WebAssembly.Module;
  try {
    wasm = await loadModule();
  } catch (e) {
    status.textContent = `the module could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    status.className = "bad";
    return;
  }
  const playground = new Playground(wasm);
  let state: SharedState | null = null;
  try {
    state = await decodeState(location.hash);
  } catch (e) {
    playground.showNotice(`This link could not be read (${e instanceof Error ? e.message : String(e)}); showing the default case instead.`);
  }
  playground.load(state ?? await sessionState());
}

void start();
