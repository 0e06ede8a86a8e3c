// The counters of docs/behaviour.md §9, as eight u64 in static memory so a host can
// read them at metrics_ptr() at any time (docs/ABI.md "Metrics block").

export const enum Metric {
  MessagesProcessed = 0,
  MessagesDropped = 1,
  MessagesErrored = 2,
  InvalidDataType = 3,
  OutputsGenerated = 4,
  ExpressionErrors = 5,
  ActiveMappings = 6,
  ActiveVariables = 7,
}

export const metricsBlock = memory.data(64, 8);

// @ts-ignore: decorator
@inline export function count(which: Metric): void {
  const p = metricsBlock + (<usize>which << 3);
  store<u64>(p, load<u64>(p) + 1);
}

// @ts-ignore: decorator
@inline export function setMetric(which: Metric, value: u64): void {
  store<u64>(metricsBlock + (<usize>which << 3), value);
}
