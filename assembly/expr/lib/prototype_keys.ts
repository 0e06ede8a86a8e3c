// Property keys a primitive or an object inherits from its prototype (V8 11 /
// Node 20: Object.getOwnPropertyNames of each prototype; tests/expr/lib compares
// them with the running Node). Their values are functions (or Object.prototype
// for __proto__), which the language does not have, so reading one is an error
// and `in` finds one. Arrays use array_keys.ts. Static data, no allocation.

import { Tag } from "../../value";
import { isInheritedArrayKey } from "./array_keys";
import { isDateMethodKey } from "./date/methods";

const OBJECT_KEYS: string[] = [
  "constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
  "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString",
];

const STRING_KEYS: string[] = [
  "anchor", "at", "big", "blink", "bold", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith",
  "fontcolor", "fontsize", "fixed", "includes", "indexOf", "isWellFormed", "italics", "lastIndexOf", "link",
  "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll",
  "search", "slice", "small", "split", "strike", "sub", "substr", "substring", "sup", "startsWith",
  "toWellFormed", "trim", "trimStart", "trimLeft", "trimEnd", "trimRight", "toLocaleLowerCase",
  "toLocaleUpperCase", "toLowerCase", "toUpperCase",
];

const NUMBER_KEYS: string[] = ["toExponential", "toFixed", "toPrecision"];

// RegExp.prototype's methods (its accessors, source, flags …, are read as values: regexp.ts).
const REGEXP_KEYS: string[] = ["test", "exec", "compile"];

function listed(names: string[], p: usize, n: i32): bool {
  for (let i = 0; i < names.length; i++) {
    const name = unchecked(names[i]);
    if (name.length == n && memory.compare(p, changetype<usize>(name), <usize>n << 1) == 0) return true;
  }
  return false;
}

/** Whether the UTF-16 key (p, n) is inherited by a value of type `t` (not undefined/null). */
export function isInheritedKey(t: Tag, p: usize, n: i32): bool {
  if (n < 2 || n > 20) return false;
  switch (t) {
    case Tag.Array: return isInheritedArrayKey(p, n);
    case Tag.String: if (listed(STRING_KEYS, p, n)) return true; break;
    case Tag.Number: if (listed(NUMBER_KEYS, p, n)) return true; break;
    case Tag.Date: if (isDateMethodKey(p, n)) return true; break; // toString, valueOf, constructor: below
    case Tag.RegExp: if (listed(REGEXP_KEYS, p, n)) return true; break;
  }
  return listed(OBJECT_KEYS, p, n);
}

