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
  [16, "non_scalar_result"],
  [18, "syntax_error"],
  [20, "bad_frame"],
  [30, "config_invalid"],
  [31, "config_limit"],
  // Expression diagnostics: snake_case of assembly/expr/syntax/diagnostic.ts's enum (docs/expressions.md).
  [40, "syntax"],
  [41, "unknown_identifier"],
  [42, "unterminated_string"],
  [43, "invalid_escape"],
  [44, "invalid_number"],
  [45, "invalid_character"],
  [46, "empty_expression"],
  [47, "assignment"],
  [48, "statement"],
  [49, "comma"],
  [50, "function_literal"],
  [51, "new"],
  [52, "this"],
  [53, "regex"],
  [54, "array_object_literal"],
  [55, "optional_chaining"],
  [56, "forbidden_global"],
  [57, "unknown_member"],
  [58, "argument_count"],
  [59, "unsupported_operator"],
  [60, "unsupported_index"],
  [61, "mixed_coalesce"],
  [62, "unary_exponent"],
  [63, "too_deep"],
  [64, "too_complex"],
  [65, "not_callable"],
  [66, "builtin_as_value"],
  [80, "snapshot_invalid"],
]);

/**
 * The name of error code `code`. An expression diagnostic (40–69) that this
 * table does not list reads `expression_<n>`; any other unknown code `code_<n>`.
 */
export function codeName(code: number): string {
  const name = NAMES.get(code);
  if (name !== undefined) return name;
  return code >= 40 && code <= 69 ? `expression_${code}` : `code_${code}`;
}
