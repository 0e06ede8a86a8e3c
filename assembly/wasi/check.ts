// `stream-processor check`: validate the config and list its mappings (path, kind,
// dependencies) as the Node CLI does.

import { stdout, stderr, randomU32 } from "./io";
import { loadConfig, mappings } from "./core";
import { intText } from "../text";

const KINDS = ["constant", "volatile", "dynamic"];

export function check(configPath: string): void {
  loadConfig(configPath, <i32>randomU32());
  let width = 0;
  for (let i = 0; i < mappings.length; i++) width = max(width, mappings[i].path.length);
  for (let i = 0; i < mappings.length; i++) {
    const m = mappings[i];
    let line = m.path.padEnd(width) + "  " + KINDS[m.kind].padEnd(8) + "  " + m.deps.join(", ");
    line = line.trimEnd();
    stdout.text(line + "\n");
  }
  const n = mappings.length;
  stderr.text(configPath + ": ok, " + intText(n) + " mapping" + (n == 1 ? "" : "s") + "\n");
}
