"""Why each mapping did or did not fire: the explain report and trace entries
from the module's records (after host/explain.ts), and their text and JSON
renderings as the Node CLI prints them (host/report.ts, `run --trace`)."""

import json
import math
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ._module import EXPLAIN_FIRST_CODE, ExplainRecord
from ._types import (DroppedReport, Explanation, LastError, MappingInfo, MappingReport, NearMiss,
                     SourceReport, TraceEntry, TraceMapping, code_name)

OUTCOMES = ("processed", "dropped", "dropped", "invalid")
REASONS = (None, "no topic", "unknown topic", None)
RESULTS = ("fired", "skipped", "error")


def explanation(r: ExplainRecord, mappings: Sequence[MappingInfo], aliases: Sequence[Tuple[str, str]],
                last_errors: Mapping[str, LastError]) -> Explanation:
    """The report from the module's explain record; `aliases` are (name, topic)."""
    has_value = {name for (name, _), s in zip(aliases, r.sources) if s[3]}
    reports = []
    for m, (outputs, skipped, errors, _, by_code) in zip(mappings, r.mappings):
        reports.append(MappingReport(
            path=m.path, kind=m.kind, dependencies=m.dependencies,
            waiting_for=tuple(d for d in m.dependencies if d not in has_value),
            outputs=outputs, skipped=skipped, errors=errors,
            errors_by_code={code_name(EXPLAIN_FIRST_CODE + k): n for k, n in enumerate(by_code) if n > 0},
            last_error=last_errors.get(m.path)))
    sources = tuple(SourceReport(alias=name, topic=topic, has_value=has, updates=updates, invalid=invalid,
                                 last_timestamp_ms=None if math.isnan(ts) else ts)
                    for (name, topic), (updates, invalid, ts, has) in zip(aliases, r.sources))
    near = sorted((NearMiss(topic=t, did_you_mean=aliases[a][1], count=n) for a, n, t in r.near_misses),
                  key=lambda x: -x.count)
    return Explanation(tuple(reports), sources, DroppedReport(
        no_topic=r.dropped_no_topic, unknown_topic=r.dropped_unknown_topic,
        near_misses=tuple(near), near_misses_not_listed=r.near_misses_not_listed))


def trace_entries(records, topics: Sequence[Optional[str]], offset: int, mappings: Sequence[MappingInfo],
                  aliases: Sequence[Tuple[str, str]]) -> List[TraceEntry]:
    """Trace entries from the module's trace records of one framed batch;
    `topics[i]` is input i's topic (None without one); `offset` is added to each index."""
    entries = []
    not_dependent: Dict[int, List[str]] = {}  # by alias index
    for inp, outcome, alias, triggered in records:
        t = topics[inp]
        e = TraceEntry(index=inp + offset, outcome=OUTCOMES[outcome], topic=t or None, reason=REASONS[outcome])
        if outcome == 2 and alias >= 0:
            e.did_you_mean = aliases[alias][1]
        if outcome in (0, 3):
            e.alias = aliases[alias][0]
        for mapping, result, detail in triggered:
            m = TraceMapping(mappings[mapping].path, RESULTS[result])
            if result == 1 and detail >= 0:
                m.waiting_for = aliases[detail][0]
            elif result == 2:
                m.code = code_name(detail)
            e.mappings.append(m)
        if outcome == 0:
            paths = not_dependent.get(alias)
            if paths is None:
                name = e.alias
                paths = not_dependent[alias] = [m.path for m in mappings
                                                if m.kind == "dynamic" and name not in m.dependencies]
            e.not_dependent = list(paths)
        entries.append(e)
    return entries


def js_number(x: float) -> str:
    """x as JavaScript's JSON.stringify writes it (shortest round trip)."""
    if x != x or x in (math.inf, -math.inf):
        return "null"
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    r = repr(float(x))
    if "e" not in r:
        return r
    mantissa, exp = r.split("e")
    e = int(exp)
    if -7 < e < 21:  # JS writes these positionally
        digits = mantissa.replace(".", "").lstrip("-")
        point = (mantissa.lstrip("-").find(".") if "." in mantissa else len(mantissa.lstrip("-"))) + e
        sign = "-" if x < 0 else ""
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        return f"{sign}{digits[:point]}.{digits[point:]}" if point < len(digits) else f"{sign}{digits}{'0' * (point - len(digits))}"
    return f"{mantissa}e{'+' if e > 0 else '-'}{abs(e)}"


def to_json(value: Any) -> str:
    """`value` (dicts, lists, str, bool, int, float, None) as JSON.stringify
    writes it: no spaces, non-ASCII as is, numbers in JavaScript's form."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    if isinstance(value, float):
        return js_number(value)
    return json.dumps(value, ensure_ascii=False)


def _table(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells as left-aligned columns, two spaces apart, without trailing blanks."""
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(r)).rstrip() for r in rows) + "\n"


def render_explanation(e: Explanation) -> str:
    """The report as text (the Node CLI's `run --explain`): mappings, sources,
    then drops and near-miss topics."""
    def errors(m: MappingReport) -> str:
        if m.errors == 0:
            return "0"
        return f"{m.errors} ({', '.join(f'{code} {n}' for code, n in m.errors_by_code.items())})"

    mappings = _table([["mapping", "kind", "outputs", "skipped", "errors", "waiting for"]] + [
        [m.path, m.kind, str(m.outputs), str(m.skipped), errors(m), ", ".join(m.waiting_for)] for m in e.mappings])
    sources = _table([["source", "topic", "updates", "invalid", "last timestamp_ms"]] + [
        [s.alias, s.topic, str(s.updates), str(s.invalid),
         "-" if s.last_timestamp_ms is None else js_number(s.last_timestamp_ms)] for s in e.sources])
    d = e.dropped
    dropped = f"dropped: {d.no_topic} without a topic, {d.unknown_topic} on topics that are no source\n"
    for n in d.near_misses:
        dropped += f"  {n.topic}: {n.count} message{'' if n.count == 1 else 's'}; did you mean {n.did_you_mean}?\n"
    if d.near_misses_not_listed > 0:
        dropped += f"  ({d.near_misses_not_listed} more near-miss messages on topics not listed)\n"
    return f"{mappings}\n{sources}\n{dropped}"


def explanation_json(e: Explanation) -> str:
    """The report as one JSON object, as the Node CLI's `run --explain=json` prints it."""
    return to_json(e.to_dict())


def trace_line(line: int, entry: TraceEntry) -> str:
    """One `--trace` line: the entry with `line` (the input's line number) for its index."""
    d: Dict[str, Any] = {"line": line}
    d.update((k, v) for k, v in entry.to_dict().items() if k != "index")
    return to_json(d)
