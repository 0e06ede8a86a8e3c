// The program description a host reads once after configure (docs/ABI.md
// "Program description"): aliases, then mappings with kind, deps, topic, path
// and expression. Hosts intern output topics from it.

import { outputArea } from "./area";
import { Program } from "./program";

function putText(s: string): void {
  const n = String.UTF8.byteLength(s);
  outputArea.reserve(<usize>n + 4);
  String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, outputArea.end);
  outputArea.length += <usize>n;
}

function putU32(v: u32): void {
  outputArea.reserve(4);
  outputArea.putU32(v);
}

export function describeProgram(p: Program): i32 {
  outputArea.length = 0;
  putU32(<u32>p.aliases.length);
  putU32(<u32>p.mappings.length);
  for (let a = 0; a < p.aliases.length; a++) {
    putU32(<u32>String.UTF8.byteLength(p.aliases[a]));
    putU32(<u32>String.UTF8.byteLength(p.topics[a]));
    putText(p.aliases[a]);
    putText(p.topics[a]);
    outputArea.reserve(4);
    outputArea.pad4();
  }
  for (let m = 0; m < p.mappings.length; m++) {
    const mapping = p.mappings[m];
    const deps = mapping.expression.deps;
    putU32(<u32>mapping.kind);
    putU32(<u32>deps.length);
    putU32(<u32>String.UTF8.byteLength(mapping.topic));
    putU32(<u32>String.UTF8.byteLength(mapping.path));
    putU32(<u32>String.UTF8.byteLength(mapping.source));
    for (let d = 0; d < deps.length; d++) putU32(<u32>deps[d]);
    putText(mapping.topic);
    putText(mapping.path);
    putText(mapping.source);
    outputArea.reserve(4);
    outputArea.pad4();
  }
  return <i32>outputArea.length;
}
