// Where the module's bytes go: builds the release module once more with a name
// section (same options otherwise), then attributes every function body to its
// source file and every data segment to the file of the first function that
// addresses it. Groups files by feature. Prints a table; --json for machines.
//   node bench/size.mjs [--shrink N] [--json]
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import asc from "assemblyscript/asc";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { shrink: { type: "string" }, json: { type: "boolean", default: false } } });

// Feature groups, first match wins (paths as in the name section).
const GROUPS = [
  // expr/ by stage folder (assembly/README.md); chunk (with the compiler's ChunkWriter) and
  // array_keys (shared with the checker) count as front end, as before the folders.
  ["expression front end (lexer, parser, checker, compiler, diagnostics)", /assembly\/expr\/((syntax|check|compile)\/|(index|run\/chunk|lib\/array_keys)\b)/],
  ["Math, V8-exact (fdlibm ports)", /assembly\/expr\/(math\/|lib\/math\b)/],
  ["string methods and Unicode case", /assembly\/expr\/lib\/(strings|methods|replace|search|strcase|unicode_case)\b/],
  ["expression runtime (VM, operators, coercion, built-ins)", /assembly\/expr\//],
  ["number printing (String(x), toFixed, radix)", /assembly\/num\/(shortest|fixed|radix|format|dtoa|xjb\w*)\b|xjb-as/],
  ["number parsing (exact decimal -> double)", /assembly\/num\//],
  ["JSON reader, payload, writer, config tree", /assembly\/json\//],
  ["config, program, describe, snapshot", /assembly\/(config|program|describe|snapshot|text)\b/],
  ["pipeline, topics, state, records, ABI", /assembly\//],
  ["AssemblyScript standard library", /~lib\//],
];

const dir = mkdtempSync(join(tmpdir(), "sp-size-"));
const wasmPath = join(dir, "named.wasm"), watPath = join(dir, "named.wat");
const extra = args.shrink === undefined ? [] : ["--shrinkLevel", args.shrink];
const { error } = await asc.main(["assembly/index.ts", "--target", "release", ...extra, "--debug", "-o", wasmPath, "--textFile", watPath],
  { stdout: { write() { return true; } }, stderr: process.stderr, baseDir: root });
if (error) throw error;
const bytes = readFileSync(wasmPath), wat = readFileSync(watPath, "utf8");
rmSync(dir, { recursive: true });

// Sections, function body sizes, function names.
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = bytes[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
const sections = {}; const bodies = []; const names = new Map(); let imports = 0;
while (p < bytes.length) {
  const id = bytes[p++], len = leb(), start = p;
  let key = String(id);
  if (id === 0) {
    const nl = leb(); key = bytes.subarray(p, p + nl).toString(); p += nl;
    if (key === "name") while (p < start + len) {
      const sid = bytes[p++], sl = leb(), ss = p;
      if (sid === 1) { const n = leb(); for (let i = 0; i < n; i++) { const idx = leb(), l = leb(); names.set(idx, bytes.subarray(p, p + l).toString()); p += l; } }
      p = ss + sl;
    }
  }
  if (id === 2) { const n = leb(); for (let i = 0; i < n; i++) { p += leb(); p += leb(); const kind = bytes[p++]; if (kind === 0) { imports++; leb(); } else throw new Error("unexpected import kind"); } }
  if (id === 10) { const n = leb(); for (let i = 0; i < n; i++) { const sz = leb(); bodies.push(sz + 1); p += sz; } }
  sections[key] = (sections[key] ?? 0) + len;
  p = start + len;
}
const fileOf = (name) => name.replace(/^~lib\/xjb-as\//, "xjb-as/").split(/[#~]/)[0].replace(/\/[^/]*$/, "") || name;

// Data segments (from the text form, which keeps their offsets) and who addresses them.
const segs = [];
for (const m of wat.matchAll(/\(data \$[0-9.]+ \(i32\.const (\d+)\) "((?:[^"\\]|\\.)*)"\)/g)) {
  const n = m[2].replace(/\\[0-9a-f]{2}/g, "x").replace(/\\./g, "x").length;
  segs.push({ off: Number(m[1]), size: n, owner: null, distance: Infinity });
}
segs.sort((a, b) => a.off - b.off);
// An object's address is at most 8 bytes past its segment's start (string payload after
// rtId/rtSize) or up to 32 bytes before it (leading zeros dropped by memory packing).
const segFor = (a) => {
  let lo = 0, hi = segs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (segs[mid].off < a - 8) lo = mid + 1; else hi = mid; }
  const s = segs[lo];
  return s && s.off - a <= 32 ? s : null;
};
let current = null;
for (const line of wat.split("\n")) {
  const f = /^ \(func \$(\S+)/.exec(line);
  if (f) { current = f[1]; continue; }
  const c = current && /i32\.const (\d+)/.exec(line);
  if (c && Number(c[1]) >= 1024) {
    // The function whose constant lands closest to the segment's start owns it.
    const a = Number(c[1]), s = segFor(a);
    if (s && (s.owner === null || Math.abs(s.off - a) < s.distance)) { s.owner = current; s.distance = Math.abs(s.off - a); }
  }
}
// A segment no function addresses (e.g. strings inside a static array) goes with its neighbour below.
for (let i = 0; i < segs.length; i++) if (segs[i].owner === null) segs[i].owner = i > 0 ? segs[i - 1].owner : "?";
const dataHeaders = (sections["11"] ?? 0) - segs.reduce((a, s) => a + s.size, 0);

const rows = new Map(GROUPS.map(([g]) => [g, { code: 0, data: 0 }]));
const other = { code: 0, data: 0 };
const groupOf = (name) => { for (const [g, re] of GROUPS) if (re.test(name)) return rows.get(g); return other; };
bodies.forEach((sz, i) => { groupOf(fileOf(names.get(i + imports) ?? "?")).code += sz; });
for (const s of segs) groupOf(fileOf(s.owner)).data += s.size;

const moduleBytes = readFileSync(join(root, "build", "stream_processor.wasm")).length;
const named = bytes.length - (sections.name ?? 0) - 1 - 6; // minus the name section and its header (approx.)
const result = {
  shrinkLevel: args.shrink ?? "asconfig",
  moduleBytesWithoutNames: named,
  buildStreamProcessorWasm: moduleBytes,
  codeSection: sections["10"] ?? 0, dataSection: sections["11"] ?? 0, dataSegments: segs.length, dataSegmentHeaders: dataHeaders,
  groups: [...rows].map(([group, v]) => ({ group, ...v })).concat(other.code + other.data ? [{ group: "other", ...other }] : []),
};
if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`module ~${named} B without names (build/stream_processor.wasm: ${moduleBytes} B); code section ${result.codeSection} B, data section ${result.dataSection} B (${segs.length} segments, ${dataHeaders} B of segment headers)`);
  console.log("| feature | code B | data B | total B |\n|---|---:|---:|---:|");
  for (const g of result.groups.sort((a, b) => b.code + b.data - a.code - a.data)) console.log(`| ${g.group} | ${g.code} | ${g.data} | ${g.code + g.data} |`);
}
// SIZE_DEBUG=1: the 15 biggest data segments and the function each was given to (on stderr).
if (process.env.SIZE_DEBUG) for (const s of [...segs].sort((a, b) => b.size - a.size).slice(0, 15)) console.error(s.off, s.size, s.owner);
