// A plain <textarea> with a line-number gutter and, behind the text, a backdrop
// that underlines marked ranges at their exact columns and prints each marked
// line's message after its end. The textarea stays the only editable element
// (native undo, selection, accessibility); gutter and backdrop follow its scroll.

/** A range of one line to mark: 1-based line, 1-based columns, end exclusive. */
export interface Mark {
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** Shown after the end of the line (the first mark of a line wins). */
  readonly message: string;
}

export class CodeEditor {
  readonly textarea: HTMLTextAreaElement;
  private readonly numbers: HTMLElement;
  private readonly markers: HTMLElement;
  private readonly backdrop: HTMLElement;
  private marks: readonly Mark[] = [];
  private lineCount = -1;

  /** Build the editor around `textarea`, which must be the only child of `root`. */
  constructor(root: HTMLElement, textarea: HTMLTextAreaElement) {
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
    code.append(this.backdrop, textarea);
    root.append(gutter, code);
    textarea.addEventListener("input", () => this.render());
    textarea.addEventListener("scroll", () => this.follow());
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
        const lens = element("span", "lens");
        lens.textContent = `   ${marks[0].message}`;
        parts.push(lens);
        const marker = element("div", "gutter-marker");
        marker.style.setProperty("--line", String(l - 1));
        this.markers.append(marker);
      }
      parts.push(document.createTextNode("\n"));
    }
    this.backdrop.replaceChildren(...parts);
    this.follow();
  }

  /** Keep gutter and backdrop aligned with the textarea's scroll position. */
  private follow(): void {
    const { scrollTop, scrollLeft } = this.textarea;
    this.backdrop.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.numbers.style.transform = `translateY(${-scrollTop}px)`;
    this.markers.style.transform = `translateY(${-scrollTop}px)`;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}
