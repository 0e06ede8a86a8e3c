// V8's transcendental functions (src/base/ieee754.cc: fdlibm ports), so Math.*
// gives V8's bits. One file per family; this one only gathers them.
export { sin, cos, tan } from "./fdlibm_trig";
export { exp, expm1, sinh, cosh, tanh, pow } from "./fdlibm_exp";
export { log, log1p, log2, log10, acosh, asinh, atanh } from "./fdlibm_log";
export { acos, asin, atan, atan2, cbrt } from "./fdlibm_inv";
