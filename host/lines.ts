// Reading a text stream as lines, a chunk at a time (for the CLI's JSON lines).

import type { Readable } from "node:stream";

/**
 * The lines of `stream` (UTF-8), yielded as arrays: every complete line of each
 * chunk read, without the line ending (`\n` or `\r\n`). A last line without a
 * line ending is yielded at the end. Memory holds one chunk plus one partial line.
 */
export async function* lineChunks(stream: Readable): AsyncGenerator<string[]> {
  stream.setEncoding("utf8");
  let rest = "";
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      lines.push(text.charCodeAt(nl - 1) === 13 && nl > start ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (lines.length > 0) yield lines;
  }
  if (rest.length > 0) yield [rest.endsWith("\r") ? rest.slice(0, -1) : rest];
}
