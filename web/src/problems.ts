// The problem lists under the editors, and the marks they put in the editors:
// config diagnostics at their YAML line and column (yaml-position.ts), input
// errors at their line.

import type { Diagnostic } from "../../host/errors.js";
import { button, byId, el, plural } from "./dom.js";
import type { Mark } from "./editor.js";
import type { InputError } from "./engine.js";
import { locateDiagnostic, type SourceLocation } from "./yaml-position.js";

/** Problems listed under the input editor (every error is marked in it). */
const MAX_LISTED = 1000;
/** Characters of an input line shown in its problem. */
const EXCERPT_MAX = 200;

/** Selects a range of the editor: 1-based line and columns. */
export type Select = (line: number, column: number, endColumn: number) => void;

/** Show the problem count in the heading `#<prefix>-problems-title`. */
function count(prefix: string, n: number): void {
  byId(`${prefix}-problems-title`).className = n > 0 ? "problems-title bad" : "problems-title";
  byId(`${prefix}-problem-count`).textContent = n > 0 ? plural(n, "problem") : "no problems";
}

/**
 * List `diagnostics` under the config editor, each at its place in `text` with
 * the YAML line and a caret under the fault; returns the marks for the editor.
 */
export function showConfigProblems(diagnostics: readonly Diagnostic[], text: string, select: Select): Mark[] {
  const lines = text.split("\n");
  const marks: Mark[] = [];
  const items = diagnostics.map((d) => {
    const loc = locateDiagnostic(text, d);
    const { headline, hints } = splitMessage(d.message);
    const li = el("li", "problem");
    li.dataset.code = d.code;
    if (loc !== null) {
      const { line, column } = loc.start;
      const endColumn = loc.end.line === line ? loc.end.column : lines[line - 1].length + 1;
      li.dataset.line = String(line);
      li.dataset.column = String(column);
      // The note under the line is short: the fault and the hint (the path is the line's key).
      const hint = hints.map((h) => h.replace(/^hint: /, "")).join("; ");
      marks.push({ line, column, endColumn, message: headline.replace(/^mapping '.*?': /, "") + (hint ? ` — ${hint}` : "") });
      li.append(button("problem-loc", `line ${line}, column ${column}`, "Show in the config", () => select(line, column, endColumn)),
        el("p", "problem-msg", headline), excerpt(lines[line - 1], loc, endColumn));
      // Not exact: the module's own rendering (expression and caret) is the reliable one.
      if (!loc.exact) li.append(el("pre", "excerpt", d.message.split("\n").slice(1).filter((l) => !isHint(l)).join("\n")));
    } else {
      li.append(el("pre", "problem-msg", d.message));
    }
    for (const h of hints) li.append(el("p", "problem-hint", h));
    return li;
  });
  byId("config-problems").replaceChildren(...items);
  count("config", diagnostics.length);
  return marks;
}

/**
 * List the errors of the input itself (unreadable lines, rejected payloads) under
 * the input editor; returns marks for every error's line, mapping errors included.
 */
export function showInputProblems(errors: readonly InputError[], lines: readonly string[], select: Select): Mark[] {
  const own = errors.filter((e) => e.mapping === undefined);
  byId("input-problems").replaceChildren(...own.slice(0, MAX_LISTED).map((e) => {
    const li = el("li", "problem");
    li.dataset.line = String(e.line);
    li.dataset.code = e.code;
    const source = lines[e.line - 1] ?? "";
    const pre = el("pre", "excerpt");
    pre.append(el("span", "num", `${e.line} │ `), el("span", "source", source.length > EXCERPT_MAX ? `${source.slice(0, EXCERPT_MAX)}…` : source));
    li.append(button("problem-loc", `line ${e.line}`, "Show in the input", () => select(e.line, 1, source.length + 1)),
      el("p", "problem-msg", `${e.message} (${e.code})`), pre);
    return li;
  }));
  count("input", own.length);
  return errors.map((e) => ({
    line: e.line, column: 1, endColumn: (lines[e.line - 1] ?? "").length + 1,
    message: e.mapping === undefined ? e.message : `mapping '${e.mapping}': ${e.message}`,
  }));
}

const isHint = (line: string): boolean => /^\s*hint: /.test(line);

/** The module's message: its first line, and its hint lines (the expression and caret are shown from the YAML). */
function splitMessage(message: string): { headline: string; hints: string[] } {
  const [headline, ...rest] = message.split("\n");
  return { headline, hints: rest.filter(isHint).map((l) => l.trim()) };
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
