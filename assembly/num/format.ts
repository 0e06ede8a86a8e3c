// Number -> text with V8's exact results, into a caller's UTF-16 buffer:
// String(x), x.toFixed(d) and x.toString(radix). Allocation-free.

export { NUMBER_MAX_UNITS, formatNumber, formatNumberAscii } from "./shortest";
export { FIXED_MAX_UNITS, formatFixed } from "./fixed";
export { RADIX_MAX_UNITS, formatRadix } from "./radix";
