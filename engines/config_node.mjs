// Reads a JSON array of config texts on stdin and prints, for each, the config
// JSON the Node host gives the module, or its ConfigError: for the wasmtime
// host's YAML parity test (engines/wasmtime/tests/test_yaml_config.py).
//   node engines/config_node.mjs < texts.json > results.json
import { readFileSync } from "node:fs";
import { configJson } from "../dist/host/config.js";
import { ConfigError } from "../dist/host/index.js";

const texts = JSON.parse(readFileSync(0, "utf8"));
const results = texts.map((text) => {
  try {
    return { json: configJson(text) };
  } catch (e) {
    if (!(e instanceof ConfigError)) return { crash: String(e) };
    return { error: e.diagnostics.map((d) => d.message) };
  }
});
process.stdout.write(JSON.stringify(results));
