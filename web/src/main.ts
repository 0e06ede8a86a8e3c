// The playground page: two editors (config, input), the result pane, and the
// actions (load example, copy link, download). Every edit re-runs the real
// module after a short pause (engine.ts); the URL fragment always holds the
// current config and input (share.ts).

import exampleConfig from "../../examples/pump.yaml";
import exampleInput from "../../examples/pump.jsonl";
import { byId, el, plural } from "./dom.js";
import { CodeEditor } from "./editor.js";
import { runPlayground, splitLines, type RunResult } from "./engine.js";
import { showConfigProblems, showInputProblems } from "./problems.js";
import { showErrors, showExplanation, showOutputs, showTraces, tabs } from "./results.js";
import { decodeState, encodeState, type SharedState } from "./share.js";

/** Pause after the last keystroke before running. */
const DEBOUNCE_MS = 150;
/** Longer fragments are not put in the address (Chromium refuses URLs over 2 MB). */
const FRAGMENT_MAX = 1_500_000;

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
    const inputLines = splitLines(input);
    const showLine = (line: number): void => this.input.select(line, 1, (inputLines[line - 1] ?? "").length + 1);
    this.config.setMarks(showConfigProblems(r.ok ? [] : r.diagnostics, config, (l, c, e) => this.config.select(l, c, e)));
    this.input.setMarks(showInputProblems(r.ok ? r.errors : [], inputLines, (l, c, e) => this.input.select(l, c, e)));
    showOutputs(r.ok ? r.outputs : null, showLine);
    showErrors(r.ok ? r.errors : null, showLine);
    showExplanation(r.ok ? r.explanation : null);
    showTraces(r.ok ? r.traces : null, showLine);
    this.outputsJsonl = r.ok ? r.outputs.map((o) => `${o.jsonl}\n`).join("") : "";
    this.downloadButton.disabled = !r.ok || r.outputs.length === 0;
    if (!r.ok) {
      this.status.textContent = `config invalid: ${plural(r.diagnostics.length, "problem")}; fix it to see results`;
      this.status.className = "bad";
      return;
    }
    this.status.className = "";
    this.status.textContent = `${plural(r.inputs, "input")} → ${plural(r.outputs.length, "output")}, ` +
      `${plural(r.errors.length, "error")}, ${r.dropped} dropped (${ms.toFixed(1)} ms)`;
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
