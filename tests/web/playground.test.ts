// The playground in a real browser: Debian's Chromium driven by playwright-core,
// the page served by host/serve.ts from build/web/ (npm run build:web). What the
// page shows is compared with `stream-processor run` on the same files.
//
// docs/playground.png and docs/playground-diagnostic.png (the README shows them)
// are taken here and written only when UPDATE_SCREENSHOT=1 or when they do not
// exist: pixels (fonts, timings in the status line) differ from run to run, so
// rewriting them every time would dirty the working tree for nothing.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TraceEntry } from "../../host/explain.js";
import { startServer, type PlaygroundServer } from "../../host/serve.js";
import { traceText } from "../../web/src/results.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLE_CONFIG = join(root, "examples", "pump.yaml");
const EXAMPLE_INPUT = join(root, "examples", "pump.jsonl");
const SCREENSHOT = join(root, "docs", "playground.png");
const DIAGNOSTIC_SCREENSHOT = join(root, "docs", "playground-diagnostic.png");

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it), or CHROMIUM_PATH. */
function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"];
  const onPath = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim();
  if (onPath !== "") candidates.push(onPath);
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error("the browser tests need Chromium: `apt-get install chromium` (Debian's package; .ci/run installs it) or set CHROMIUM_PATH");
}

/** `stream-processor run` on the files: stdout lines and stderr lines. */
function cliRun(config: string, input: string, extra: string[] = []): { outputs: string[]; stderr: string[] } {
  const r = spawnSync(process.execPath, [join(root, "dist", "host", "cli.js"), "run", "--config", config, "--input", input, ...extra], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`stream-processor run failed (${r.status}): ${r.stderr}`);
  return { outputs: r.stdout.split("\n").filter((l) => l !== ""), stderr: r.stderr.split("\n").filter((l) => l !== "") };
}

/** Wait until the page has run the current config and input. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('#result[data-busy="false"]', { timeout: 30_000 });
}

/** The outputs the page shows, each put back together as a JSON line. */
function shownOutputs(page: Page): Promise<string[]> {
  return page.$$eval("#outputs li.output", (items) => items.map((li) => {
    const text = (selector: string): string => li.querySelector(selector)?.textContent ?? "";
    return `{"topic":${JSON.stringify(text(".out-topic"))},"payload":${text(".out-payload")},"metadata":${text(".out-meta")}}`;
  }));
}

/** The errors the page lists, as `line N…` text. */
function shownErrors(page: Page): Promise<string[]> {
  return page.$$eval("#errors li", (items) => items.map((li) =>
    `${li.querySelector(".err-line")?.textContent ?? ""}${li.querySelector(".err-text")?.textContent ?? ""}`));
}

let browser: Browser;
let server: PlaygroundServer;

beforeAll(async () => {
  if (!existsSync(join(root, "build", "web", "index.html"))) throw new Error("build/web is missing: run `npm run build:web` (part of `npm run build`)");
  if (!existsSync(join(root, "dist", "host", "cli.js"))) throw new Error("dist/host/cli.js is missing: run `npm run build:host`");
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  server = await startServer({ port: 0 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(url = server.url, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url);
  await settled(page);
  return page;
}

describe("playground", () => {
  it("shows the example's outputs and errors exactly as `stream-processor run` prints them, and downloads them", async () => {
    const requests: string[] = [];
    const problems: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(server.url);
    await settled(page);

    expect(await page.inputValue("#config")).toBe(readFileSync(EXAMPLE_CONFIG, "utf8"));
    expect(await page.inputValue("#input")).toBe(readFileSync(EXAMPLE_INPUT, "utf8"));
    const cli = cliRun(EXAMPLE_CONFIG, EXAMPLE_INPUT);
    expect(cli.outputs.length).toBeGreaterThan(100);
    expect(await shownOutputs(page)).toEqual(cli.outputs);
    expect(await shownErrors(page)).toEqual(cli.stderr.filter((l) => l.startsWith("line ")));

    if (process.env.UPDATE_SCREENSHOT === "1" || !existsSync(SCREENSHOT)) {
      await page.screenshot({ path: SCREENSHOT });
    }

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toBe("outputs.jsonl");
    const saved = await download.path();
    expect(readFileSync(saved, "utf8")).toBe(cli.outputs.map((l) => `${l}\n`).join(""));

    // Its own files only, and the module it runs is build/stream_processor.wasm unchanged.
    const origin = new URL(server.url).origin;
    expect(requests.every((u) => u.startsWith(origin) || u.startsWith("blob:") || u.startsWith("data:"))).toBe(true);
    expect(new Set(requests.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname)))
      .toEqual(new Set(["/", "/style.css", "/app.js", "/stream_processor.wasm", "/session.json"]));
    const served = Buffer.from(await (await fetch(new URL("stream_processor.wasm", server.url))).arrayBuffer());
    expect(served.equals(readFileSync(join(root, "build", "stream_processor.wasm")))).toBe(true);
    expect(problems).toEqual([]);

    // The explain report: the same tables as `run --explain` prints.
    const explained = cliRun(EXAMPLE_CONFIG, EXAMPLE_INPUT, ["--explain"]).stderr;
    const cliTable = (header: string): string[][] => {
      const start = explained.findIndex((l) => l.startsWith(header));
      const rows: string[][] = [];
      for (let i = start + 1; i < explained.length && /^\S/.test(explained[i]) && !explained[i].startsWith("source ") && !explained[i].startsWith("dropped:"); i++) {
        rows.push(explained[i].split(/\s{2,}/));
      }
      return rows;
    };
    const pageTable = (id: string, columns: number[]): Promise<string[][]> => page.$$eval(`#${id} tbody tr`, (trs, cols) => trs.map((tr) => {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "");
      const picked = cols.map((c) => cells[c]);
      while (picked.length > 0 && picked[picked.length - 1] === "") picked.pop(); // the CLI trims trailing blanks
      return picked;
    }), columns);
    const mappingRows = cliTable("mapping ");
    expect(mappingRows.map((r) => r[0])).toEqual(["pressure", "temperature", "combined", "motor.rpm", "status", "serialNumber"]);
    expect(await pageTable("mappings", [0, 1, 3, 4, 5, 6])).toEqual(mappingRows);
    expect(await pageTable("sources", [0, 1, 2, 3, 4])).toEqual(cliTable("source "));
    expect(await page.textContent("#dropped")).toBe(explained.find((l) => l.startsWith("dropped:")));

    // The trace: per input line, what `run --trace` says became of it.
    const traced = cliRun(EXAMPLE_CONFIG, EXAMPLE_INPUT, ["--trace"]).stderr.filter((l) => l.startsWith("{"))
      .map((l) => { const { line, ...t } = JSON.parse(l) as { line: number } & Omit<TraceEntry, "index">; return [`line ${line}`, traceText(t)]; });
    expect(traced.length).toBe(readFileSync(EXAMPLE_INPUT, "utf8").trim().split("\n").length); // one per input line
    expect(await page.$$eval("#traces li", (lis) => lis.map((li) => [li.querySelector(".trace-line")!.textContent, li.querySelector(".trace-text")!.textContent])))
      .toEqual(traced);
    await context.close();
  });

  it("puts an unknown alias's diagnostic under its YAML line with the caret on its column, and fixing it brings the outputs back", async () => {
    const page = await openPage();
    const yaml = readFileSync(EXAMPLE_CONFIG, "utf8");
    const lines = yaml.split("\n");
    const lineIndex = lines.findIndex((l) => /^\s+rpm: press \/ 4/.test(l));
    const column = lines[lineIndex].indexOf("press") + 1;
    const sOffset = lines.slice(0, lineIndex).join("\n").length + 1 + column - 1 + 4; // the last 's' of `press`

    // Type: put the cursor after that 's' and delete it.
    await page.focus("#config");
    await page.$eval("#config", (t, at) => (t as HTMLTextAreaElement).setSelectionRange(at + 1, at + 1), sOffset);
    await page.keyboard.press("Backspace");
    await settled(page);

    const problems = page.locator("#config-problems li.problem");
    await expect(problems.count()).resolves.toBe(1);
    const problem = problems.first();
    expect(await problem.getAttribute("data-line")).toBe(String(lineIndex + 1));
    expect(await problem.getAttribute("data-column")).toBe(String(column));
    expect(await problem.locator(".source").textContent()).toBe(lines[lineIndex].replace("press", "pres"));
    const caret = (await problem.locator(".caret").textContent())!;
    expect(caret).toBe(" ".repeat(column - 1) + "^^^^");
    expect(await problem.locator(".problem-msg").textContent()).toContain("unknown identifier 'pres'");
    expect(await problem.locator(".problem-hint").textContent()).toContain("did you mean 'press'?");
    // On screen, the first caret is right under the `p` of `pres`.
    const [charX, caretX] = await problem.evaluate((li, col) => {
      const x = (node: Node, at: number): number => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().left;
      };
      const source = li.querySelector(".source")!.firstChild!;
      const caretText = li.querySelector(".caret")!.firstChild!;
      return [x(source, col - 1), x(caretText, caretText.textContent!.indexOf("^"))];
    }, column);
    expect(Math.abs(charX - caretX)).toBeLessThan(0.5);
    // In the editor: the squiggle under `pres`, a gutter marker, and right under the
    // line a note whose caret starts at the squiggle's x, on the next line's slot.
    expect(await page.locator("#config-editor .squiggle").textContent()).toBe("pres");
    expect(await page.locator("#config-editor .gutter-marker").evaluate((m) => (m as HTMLElement).style.getPropertyValue("--line"))).toBe(String(lineIndex));
    const note = page.locator("#config-editor .note");
    expect(await note.getAttribute("data-line")).toBe(String(lineIndex + 1));
    expect(await note.locator(".note-caret").textContent()).toBe("^^^^");
    expect(await note.locator(".note-text").textContent()).toBe(" unknown identifier 'pres' (E41) — did you mean 'press'?");
    const geometry = await page.evaluate((line) => {
      const t = document.querySelector<HTMLTextAreaElement>("#config")!;
      const style = getComputedStyle(t);
      const lineTop = (n: number): number => t.getBoundingClientRect().top + parseFloat(style.paddingTop) + n * parseFloat(style.lineHeight) - t.scrollTop;
      return {
        squiggleX: document.querySelector("#config-editor .squiggle")!.getBoundingClientRect().left,
        caretX: document.querySelector("#config-editor .note-caret")!.getBoundingClientRect().left,
        noteTop: document.querySelector("#config-editor .note")!.getBoundingClientRect().top,
        nextLineTop: lineTop(line),
      };
    }, lineIndex + 1);
    expect(Math.abs(geometry.squiggleX - geometry.caretX)).toBeLessThan(0.5);
    expect(Math.abs(geometry.noteTop - geometry.nextLineTop)).toBeLessThan(0.5);
    if (process.env.UPDATE_SCREENSHOT === "1" || !existsSync(DIAGNOSTIC_SCREENSHOT)) await page.screenshot({ path: DIAGNOSTIC_SCREENSHOT });
    // The note steps aside while the cursor is on the line it covers.
    await page.keyboard.press("ArrowDown");
    expect(await note.evaluate((n) => n.classList.contains("aside"))).toBe(true);
    await page.keyboard.press("ArrowUp");
    expect(await note.evaluate((n) => n.classList.contains("aside"))).toBe(false);
    expect(await page.locator("#outputs li").count()).toBe(0);
    await expect(page.textContent("#status")).resolves.toContain("config invalid");

    // Fix it: type the 's' back.
    await page.keyboard.type("s");
    await settled(page);
    expect(await page.locator("#config-problems li").count()).toBe(0);
    expect(await page.locator("#config-editor .squiggle").count()).toBe(0);
    expect(await shownOutputs(page)).toEqual(cliRun(EXAMPLE_CONFIG, EXAMPLE_INPUT).outputs);
    await page.context().close();
  });

  it("a link reproduces the config and input in a fresh page, which then works offline", async () => {
    const page = await openPage();
    const config = readFileSync(EXAMPLE_CONFIG, "utf8").replace("rpm: press / 4", "rpm: press / 8 # ünïcode ✓");
    const input = readFileSync(EXAMPLE_INPUT, "utf8").split("\n").slice(0, 6).join("\n");
    await page.fill("#config", config);
    await page.fill("#input", input);
    await settled(page);
    const outputs = await shownOutputs(page);
    expect(outputs).toContain('{"topic":"umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm","payload":{"value":12.505,"timestamp_ms":1732700001622},"metadata":{"umh_topic":"umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm"}}');
    const link = page.url();
    expect(new URL(link).hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.click("#copy-link");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await page.context().close();

    const fresh = await openPage(link);
    expect(await fresh.inputValue("#config")).toBe(config);
    expect(await fresh.inputValue("#input")).toBe(input);
    expect(await shownOutputs(fresh)).toEqual(outputs);
    // Offline, it goes on: everything runs in the page.
    await fresh.context().setOffline(true);
    await fresh.fill("#config", config.replace("press / 8", "press / 2"));
    await settled(fresh);
    expect(await shownOutputs(fresh)).toContain('{"topic":"umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm","payload":{"value":50.02,"timestamp_ms":1732700001622},"metadata":{"umh_topic":"umh.v1.corpA.plant-A.aawd._pump_v1.motor.rpm"}}');
    await fresh.context().close();
  });

  it("reports an invalid input line at its line number and still processes the others", async () => {
    const page = await openPage();
    const lines = readFileSync(EXAMPLE_INPUT, "utf8").split("\n");
    lines[2] = '{"topic": "umh.v1.corpA.plant-A.aawd._raw.tempF", "payload": {"value": 1';
    await page.fill("#input", lines.join("\n"));
    await settled(page);
    // The example's two rejected payloads (lines 11 and 19) are input problems too.
    expect(await page.locator("#input-problems li.problem").evaluateAll((ps) => ps.map((p) => (p as HTMLElement).dataset.line)))
      .toEqual(["3", "11", "19"]);
    const problem = page.locator('#input-problems li.problem[data-line="3"]');
    expect(await problem.getAttribute("data-code")).toBe("unreadable_line");
    expect(await problem.locator(".problem-msg").textContent()).toContain("not valid JSON");
    expect(await problem.locator(".source").textContent()).toBe(lines[2]);
    expect(await page.locator("#input-editor .gutter-marker").evaluateAll((ms) => ms.map((m) => (m as HTMLElement).style.getPropertyValue("--line"))))
      .toContain("2");
    expect((await shownErrors(page))[0]).toMatch(/^line 3: not valid JSON/);

    // The CLI reads the same lines the same way (its JSON.parse message may differ by V8 version).
    const dir = mkdtempSync(join(tmpdir(), "playground-"));
    try {
      writeFileSync(join(dir, "in.jsonl"), lines.join("\n"));
      const cli = cliRun(EXAMPLE_CONFIG, join(dir, "in.jsonl"));
      expect(await shownOutputs(page)).toEqual(cli.outputs);
      expect(cli.stderr.filter((l) => l.startsWith("line ")).map((l) => l.split(":")[0]))
        .toEqual((await shownErrors(page)).map((l) => l.split(":")[0]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.context().close();
  });

  it("is usable with the keyboard, labels its controls, and fits 1280×800 and a narrow window", async () => {
    const page = await openPage();
    for (const [role, name] of [["textbox", /^Config/], ["textbox", /^Input/], ["button", /Load example/], ["button", /Copy link/], ["button", /Download outputs/]] as const) {
      expect(await page.getByRole(role, { name }).count()).toBe(1);
    }
    // Every control has an accessible name.
    const unnamed = await page.$$eval("button, textarea, input, select, a[href]", (els) => els.filter((e) => {
      const labelled = (e as HTMLInputElement).labels?.length || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby");
      return !labelled && (e.textContent ?? "").trim() === "";
    }).length);
    expect(unnamed).toBe(0);
    // Tab reaches the actions and both editors in order; Tab leaves a textarea (no focus trap).
    const order: string[] = [];
    await page.locator("body").focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.id ?? ""));
    }
    expect(order).toEqual(["load-example", "copy-link", "download", "config", "input"]);
    // The result's tabs: arrow keys, Home and End move between Outputs, Errors, Explain and Trace.
    await page.focus("#tab-outputs");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-errors");
    expect(await page.isVisible("#panel-errors")).toBe(true);
    expect(await page.isVisible("#panel-outputs")).toBe(false);
    await page.keyboard.press("ArrowRight");
    expect(await page.isVisible("#mappings")).toBe(true);
    await page.keyboard.press("End");
    expect(await page.isVisible("#traces")).toBe(true);
    await page.keyboard.press("Home");
    expect(await page.isVisible("#outputs")).toBe(true);
    // Enter on "Load example" (focused) restores the example after an edit.
    await page.fill("#config", "model: {}\n");
    await settled(page);
    await page.focus("#load-example");
    await page.keyboard.press("Enter");
    await settled(page);
    expect(await page.inputValue("#config")).toBe(readFileSync(EXAMPLE_CONFIG, "utf8"));

    const fits = (): Promise<{ w: number; h: number; vw: number; vh: number }> => page.evaluate(() => ({
      w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, vw: innerWidth, vh: innerHeight,
    }));
    const wide = await fits();
    expect(wide.w).toBeLessThanOrEqual(wide.vw);
    expect(wide.h).toBeLessThanOrEqual(wide.vh); // three panes side by side, no page scroll
    await page.setViewportSize({ width: 400, height: 800 });
    const narrow = await fits();
    expect(narrow.w).toBeLessThanOrEqual(narrow.vw); // stacked: no sideways scrolling
    const boxes = await page.$$eval(".pane", (ps) => ps.map((p) => p.getBoundingClientRect().width));
    for (const w of boxes) expect(w).toBeGreaterThan(350);
    await page.context().close();
  });

  it("shows the config and input given to `stream-processor serve`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "playground-"));
    const own = await (async () => {
      writeFileSync(join(dir, "c.yaml"), readFileSync(EXAMPLE_CONFIG, "utf8").replace("serialNumber", "serial"));
      writeFileSync(join(dir, "in.jsonl"), readFileSync(EXAMPLE_INPUT, "utf8").split("\n").slice(0, 3).join("\n"));
      return startServer({ port: 0, config: join(dir, "c.yaml"), input: join(dir, "in.jsonl") });
    })();
    try {
      const page = await openPage(own.url);
      expect(await page.inputValue("#config")).toBe(readFileSync(join(dir, "c.yaml"), "utf8"));
      expect(await shownOutputs(page)).toEqual(cliRun(join(dir, "c.yaml"), join(dir, "in.jsonl")).outputs);
      await page.context().close();
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
