// Date.now: the host passes the current time (ms since the epoch) with each
// batch, because the module imports nothing (no Date import from the host).

let nowMs: f64 = 0;

/** Set the time Date.now() returns until the next call. */
export function setNow(ms: f64): void { nowMs = Math.floor(ms); }

/** Date.now(): whole milliseconds, as V8 returns them. */
export function now(): f64 { return nowMs; }
