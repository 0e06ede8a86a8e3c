// A plain <textarea> with a line-number gutter; behind the text, a backdrop that
// underlines marked ranges at their exact columns; above it, under each marked
// line, a one-line note: a caret under the marked columns and the message. The
// textarea stays the only editable element (native undo, selection,
// accessibility); the layers follow its scroll. A note covers the line below its
// own, so it steps aside while the cursor is on that line.

/** A range of one line to mark: 1-based line, 1-based columns, end exclusive. */
export interface Mark {
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** Shown under the line, after the caret (the first mark of a line wins). */
  readonly message: string;
}

export class CodeEditor {
  readonly textarea: HTMLTextAreaElement;
  private readonly numbers: HTMLElement;
  private readonly markers: HTMLElement;
  private readonly backdrop: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly withNotes: boolean;
  private marks: readonly Mark[] = [];
  private lineCount = -1;

  /**
   * Build the editor around `textarea`, which must be the only child of `root`.
   * `notes`: show the note under marked lines (for column-precise marks; a mark
   * over a whole line says nothing a note would add).
   */
  constructor(root: HTMLElement, textarea: HTMLTextAreaElement, options: { notes: boolean }) {
    this.withNotes = options.notes;
    this.textarea = textarea;
    textarea.wrap = "off";
    textarea.spellcheck = false;
    textarea.autocapitalize = "off";
    textarea.setAttribute("autocomplete", "off");
    const gutter = element("div", "gutter");
    gutter.setAttribute("aria-hidden", "true");
    this.numbers = element("pre", "gutter-numbers");
    this.markers = element("div", "gutter-markers");
    gutter.append(this.numbers, this.markers);
    const code = element("div", "code");
    this.backdrop = element("pre", "backdrop");
    this.backdrop.setAttribute("aria-hidden", "true");
    this.notes = element("div", "notes");
    this.notes.setAttribute("aria-hidden", "true"); // the problems list under the editor says the same, for everyone
    code.append(this.backdrop, textarea, this.notes);
    root.append(gutter, code);
    textarea.addEventListener("input", () => this.render());
    textarea.addEventListener("scroll", () => this.follow());
    for (const type of ["keyup", "mouseup", "focus", "blur"]) textarea.addEventListener(type, () => this.stepAside());
    document.addEventListener("selectionchange", () => this.stepAside());
    this.render();
  }

  get value(): string { return this.textarea.value; }

  /** Replace the whole text (not an edit: the textarea's undo history restarts). */
  set value(text: string) {
    this.textarea.value = text;
    this.render();
  }

  /** Show `marks` (replacing the previous ones). */
  setMarks(marks: readonly Mark[]): void {
    this.marks = marks;
    this.render();
    this.revealNote();
  }

  /** When the cursor is on a line with a note and the note is scrolled out below, scroll it in. */
  private revealNote(): void {
    const t = this.textarea;
    if (!this.withNotes || document.activeElement !== t) return;
    const line = t.value.slice(0, t.selectionStart).split("\n").length;
    if (!this.marks.some((m) => m.line === line)) return;
    const style = getComputedStyle(t);
    const lineHeight = parseFloat(style.lineHeight) || 20;
    const noteBottom = parseFloat(style.paddingTop) + (line + 1) * lineHeight;
    const visibleBottom = t.scrollTop + t.clientHeight;
    if (noteBottom > visibleBottom) t.scrollTop += noteBottom - visibleBottom;
  }

  /** Focus the textarea and select `column`..`endColumn` of `line` (1-based), scrolled into view. */
  select(line: number, column: number, endColumn = column): void {
    const lines = this.textarea.value.split("\n");
    let offset = 0;
    for (let l = 1; l < line && l <= lines.length; l++) offset += lines[l - 1].length + 1;
    this.textarea.focus();
    this.textarea.setSelectionRange(offset + column - 1, offset + Math.max(endColumn, column) - 1);
    const lineHeight = parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    const top = (line - 1) * lineHeight;
    if (top < this.textarea.scrollTop || top > this.textarea.scrollTop + this.textarea.clientHeight - 2 * lineHeight) {
      this.textarea.scrollTop = Math.max(0, top - this.textarea.clientHeight / 3);
    }
  }

  private render(): void {
    const text = this.textarea.value;
    const lines = text.split("\n");
    if (lines.length !== this.lineCount) {
      this.lineCount = lines.length;
      this.numbers.textContent = Array.from({ length: lines.length }, (_, i) => String(i + 1)).join("\n");
    }
    const byLine = new Map<number, Mark[]>();
    for (const m of this.marks) {
      if (m.line < 1 || m.line > lines.length) continue;
      const list = byLine.get(m.line) ?? [];
      list.push(m);
      byLine.set(m.line, list);
    }
    // The backdrop needs the text only down to the last marked line.
    const last = Math.max(0, ...byLine.keys());
    const parts: Node[] = [];
    const notes: HTMLElement[] = [];
    this.markers.replaceChildren();
    for (let l = 1; l <= last; l++) {
      const line = lines[l - 1];
      const marks = (byLine.get(l) ?? []).slice().sort((a, b) => a.column - b.column);
      let at = 0;
      for (const m of marks) {
        const from = Math.max(at, Math.min(m.column - 1, line.length));
        const to = Math.max(from, Math.min(m.endColumn - 1, line.length));
        parts.push(document.createTextNode(line.slice(at, from)));
        // An empty range (a fault at the end of a line) is underlined as one space.
        const mark = element("mark", "squiggle");
        mark.textContent = to > from ? line.slice(from, to) : " ";
        parts.push(mark);
        at = to;
      }
      parts.push(document.createTextNode(line.slice(at)));
      if (marks.length > 0) {
        if (this.withNotes) notes.push(note(l, line, marks[0]));
        const marker = element("div", "gutter-marker");
        marker.style.setProperty("--line", String(l - 1));
        this.markers.append(marker);
      }
      parts.push(document.createTextNode("\n"));
    }
    this.backdrop.replaceChildren(...parts);
    this.notes.replaceChildren(...notes);
    this.follow();
    this.stepAside();
  }

  /** Hide the note that covers the line the cursor is on. */
  private stepAside(): void {
    const t = this.textarea;
    const focused = document.activeElement === t;
    const cursorLine = focused ? t.value.slice(0, t.selectionStart).split("\n").length : -1;
    for (const n of this.notes.children) {
      (n as HTMLElement).classList.toggle("aside", Number((n as HTMLElement).dataset.line) + 1 === cursorLine);
    }
  }

  /** Keep gutter and backdrop aligned with the textarea's scroll position. */
  private follow(): void {
    const { scrollTop, scrollLeft } = this.textarea;
    this.backdrop.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.notes.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.numbers.style.transform = `translateY(${-scrollTop}px)`;
    this.markers.style.transform = `translateY(${-scrollTop}px)`;
  }
}

/** The note under `line` (1-based `l`): the line's indentation, a caret under the mark, the message. */
function note(l: number, line: string, mark: Mark): HTMLElement {
  const n = element("div", "note");
  n.dataset.line = String(l);
  n.style.setProperty("--line", String(l));
  const from = Math.min(mark.column - 1, line.length);
  // Tabs stay tabs so the caret lines up under tab-indented text; other characters become spaces.
  const pad = [...line.slice(0, from)].map((ch) => (ch === "\t" ? "\t" : " ")).join("");
  const width = Math.max(1, [...line.slice(from, Math.max(from, mark.endColumn - 1))].length);
  n.append(pad, element("span", "note-caret", "^".repeat(width)), element("span", "note-text", ` ${mark.message}`));
  return n;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
