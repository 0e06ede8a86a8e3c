// The configured program: aliases, mappings in declaration order, and the
// indexes the pipeline walks per message. Built once by config.ts.

import { Expression } from "./expr/index";
import { fastChain, fastSteps } from "./fastmap";

export const enum MappingKind {
  Constant = 0,   // static and pure: evaluated once at configure
  Volatile = 1,   // static but reads Date.now() / Math.random(): evaluated per emission
  Dynamic = 2,    // depends on aliases
}

/** Constant values up to this long are copied as two whole words: each pre-rendered value has at least this much room. */
export const CONST_WORDS_BYTES: usize = 16;

export class Mapping {
  constructor(
    public path: string,
    public source: string,
    public topic: string,
    public expression: Expression,
    public kind: MappingKind,
  ) {
    this.fastSteps = kind == MappingKind.Dynamic ? fastChain(expression) : 0;
    this.fastCount = fastSteps;
  }
  /** A chain of + - * / evaluated without the VM (fastmap.ts): its steps, or 0. */
  fastSteps: usize;
  fastCount: i32;
  /** Constant mappings: the rendered JSON value, or an error to report per message. */
  constJsonPtr: usize = 0;
  constJsonLen: i32 = 0;
  constErrorCode: i32 = 0;
  constErrorMessage: string = "";
  /** Its position in Program.mappings (mergeEmissions). The last field: read first, wazero checks the mapping's bounds once. */
  index: i32 = 0;
}

export class Program {
  aliases: string[] = [];
  topics: string[] = [];
  mappings: Mapping[] = [];
  /** Static mappings (constant or volatile), ascending. */
  statics: StaticArray<i32> = new StaticArray<i32>(0);
  /** Per alias: dynamic mappings that depend on it, ascending. */
  dependents: StaticArray<StaticArray<i32>> = new StaticArray<StaticArray<i32>>(0);
  /** Per alias: the mappings one of its inputs emits, statics and dependents merged in declaration order (mergeEmissions). */
  emissions: StaticArray<StaticArray<Mapping>> = new StaticArray<StaticArray<Mapping>>(0);
  /** FNV-1a of alias names and topics: ties a state snapshot to its config. */
  hash: u32 = 0;
}

/** The end of a StaticArray's data: its byte length is the last word of its runtime header. */
// @ts-ignore: decorator
@inline export function staticArrayEnd(data: usize): usize {
  return data + <usize>load<u32>(data - 4);
}

/** Number the mappings and fill p.emissions from p.statics and p.dependents (configure time). */
export function mergeEmissions(p: Program): void {
  const mappings = p.mappings;
  for (let m = 0; m < mappings.length; m++) mappings[m].index = m;
  const statics = p.statics, n = p.dependents.length, ns = statics.length;
  p.emissions = new StaticArray<StaticArray<Mapping>>(n);
  for (let a = 0; a < n; a++) {
    const deps = p.dependents[a], nd = deps.length;
    const out = new StaticArray<Mapping>(ns + nd);
    let s = 0, d = 0, o = 0;
    while (s < ns || d < nd) {
      if (d >= nd || (s < ns && statics[s] < deps[d])) out[o++] = mappings[statics[s++]];
      else out[o++] = mappings[deps[d++]];
    }
    p.emissions[a] = out;
  }
}

export let program: Program | null = null;

export function installProgram(p: Program): void { program = p; }
