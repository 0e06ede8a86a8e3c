// Property keys every array inherits (Array.prototype and Object.prototype in
// V8 11 / Node 20). `s.split(sep)[key]` with one of these keys is a function
// (or Array.prototype for __proto__) in JavaScript; the language has no
// function values, so the VM reports such a key as an error instead of
// silently giving undefined. Allocation-free: the names are static data.

const NAMES: string[] = [
  "constructor", "at", "concat", "copyWithin", "fill", "find", "findIndex", "findLast", "findLastIndex",
  "lastIndexOf", "pop", "push", "reverse", "shift", "unshift", "slice", "sort", "splice", "includes", "indexOf",
  "join", "keys", "entries", "values", "forEach", "filter", "flat", "flatMap", "map", "every", "some", "reduce",
  "reduceRight", "toLocaleString", "toString", "toReversed", "toSorted", "toSpliced", "with",
  "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
  "isPrototypeOf", "propertyIsEnumerable", "valueOf", "__proto__",
];

/** Whether the UTF-16 key (p, n) names a property every array inherits. */
export function isInheritedArrayKey(p: usize, n: i32): bool {
  if (n < 2 || n > 20) return false;
  for (let i = 0; i < NAMES.length; i++) {
    const name = unchecked(NAMES[i]);
    if (name.length == n && memory.compare(p, changetype<usize>(name), <usize>n << 1) == 0) return true;
  }
  return false;
}
