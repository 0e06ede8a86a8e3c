// Error code numbers -> names (docs/ABI.md "Error codes"). The module never
// reuses a code; a number missing here still gets a stable name.

const NAMES: ReadonlyMap<number, string> = new Map([
  [1, "invalid_json"],
  [2, "missing_value"],
  [3, "invalid_value_type"],
  [4, "invalid_timestamp"],
  [5, "payload_too_large"],
  [6, "string_too_long"],
  [10, "non_finite_result"],
  [11, "nullish_result"],
  [12, "type_error"],
  [13, "string_limit"],
  [14, "memory_limit"],
  [15, "range_error"],
  [20, "bad_frame"],
  [30, "config_invalid"],
  [31, "config_limit"],
  [80, "snapshot_invalid"],
]);

/**
 * The name of error code `code`. Expression diagnostics (40–69, named in
 * docs/expressions.md) that this table does not list read `expression_<n>`;
 * any other unknown code reads `code_<n>`.
 */
export function codeName(code: number): string {
  const name = NAMES.get(code);
  if (name !== undefined) return name;
  return code >= 40 && code <= 69 ? `expression_${code}` : `code_${code}`;
}
