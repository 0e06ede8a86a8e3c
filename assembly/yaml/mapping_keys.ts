// Mapping keys of the YAML parser: a key equal to an earlier one is an error, as
// with the `yaml` package's uniqueKeys.

import { NodeKind, ScalarType, YamlNode } from "./node";
import { fail } from "./cursor";

/** The `yaml` package's uniqueKeys test: equal scalar values are the same key. */
function sameKey(a: YamlNode, b: YamlNode): bool {
  if (a.kind != NodeKind.Scalar || b.kind != NodeKind.Scalar || a.type != b.type) return false;
  switch (a.type) {
    case ScalarType.Null: return true;
    case ScalarType.Bool: return a.bool == b.bool;
    case ScalarType.Number: return a.num == b.num; // NaN never equals; 0 == -0 (===)
    case ScalarType.String: return a.text == b.text;
    default: return false; // each `<<` is its own key
  }
}

export function addPair(map: YamlNode, key: YamlNode, value: YamlNode, keyPos: i32): bool {
  for (let i = 0; i < map.keys.length; i++) {
    if (sameKey(map.keys[i], key)) { fail(keyPos, "duplicate key '" + key.text + "'"); return false; }
  }
  map.keys.push(key);
  map.values.push(value);
  return true;
}
