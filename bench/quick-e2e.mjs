// Quick end-to-end check: node bench/quick-e2e.mjs W1 [batch] [engines,...]
import { WORKLOADS } from "./lib/workloads.mjs";
import { bench } from "./engines/e2e.mjs";
import { median } from "./lib/stats.mjs";
import * as plain from "./engines/plain-v8.mjs";
import * as scanner from "./engines/scanner-v8.mjs";
import * as quickjs from "./engines/quickjs.mjs";
import * as host from "./engines/host.mjs";
const wname = process.argv[2] ?? "W1";
const w = WORKLOADS[wname];
const batch = Number(process.argv[3] ?? 1000);
const names = (process.argv[4] ?? "host,scanner,plain,quickjs").split(",");
const makers = { host: () => host.create(w.config), scanner: () => scanner.create(w.config), plain: () => plain.create(w.config), quickjs: () => quickjs.create(w.config) };
const messages = w.stream(Number(process.env.N ?? 100000), 42);
for (const n of names) {
  const engine = await makers[n]();
  engine.memory ??= () => 0;
  const N = n === "quickjs" ? 20000 : messages.length;
  const r = bench({ engine, prime: w.prime(), messages: messages.slice(0, N), batch, runs: Number(process.env.RUNS ?? 5) });
  const ns = r.perRun.map((p) => p.ns / p.messages);
  console.log(wname, n.padEnd(8), "ns/msg", median(ns).toFixed(0).padStart(6), "runs", ns.map((x) => x.toFixed(0)).join(" "), "out/msg", (r.perRun[0].outputs / N).toFixed(2), "err", r.perRun[0].errors, "alloc B/msg", (r.jsAlloc.heap / N).toFixed(0), "+ext", (r.jsAlloc.external / N).toFixed(0));
}
