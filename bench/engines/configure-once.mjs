// One configure() in a process that has never seen the module: what the first
// processor of a pipeline pays. Prints the call's duration in ms.
//   node bench/engines/configure-once.mjs W4 [module.wasm]
import { readFileSync } from "node:fs";
import { WORKLOADS } from "../lib/workloads.mjs";
import { instantiate, configure } from "./inmodule-node.mjs";

const [wname = "W4", wasm = new URL("../../build/stream_processor.wasm", import.meta.url)] = process.argv.slice(2);
console.log(configure(instantiate(readFileSync(wasm)), WORKLOADS[wname].config).toFixed(3));
