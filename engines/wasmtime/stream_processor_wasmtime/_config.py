"""Config input -> the config JSON the module reads (docs/ABI.md `configure`),
exactly as the Node host makes it (host/config.ts):

- a mapping is used as is;
- text (or UTF-8 bytes) is JSON if it parses as JSON (duplicate keys rejected
  with line and column), else YAML as the npm `yaml` package reads it there:
  YAML 1.2 core schema (`yes`/`on` are strings, `0777` is 777, `0o17` octal,
  `1_000` a string), `<<` merge keys, duplicate keys rejected with line and
  column, alias bombs refused by the same count, one document;
- in YAML, a number or boolean leaf under the top-level `mapping` key becomes
  its source text, so `ratio: 1.50` is the expression "1.50" (docs/behaviour.md §2);
- the JSON is written as JavaScript's JSON.stringify writes it: numbers as
  JavaScript prints them, NaN and infinities as null, and object keys in
  JavaScript's order (keys that are array indexes first, ascending).

ruamel.yaml (a YAML 1.2 parser) only tokenises: its events are composed here,
and plain scalars are resolved with the core-schema patterns of the npm
package (ruamel's own resolver also reads `1_000` and `0b1` as numbers).
Every problem is a ConfigError whose message has the line and column.
"""

import json
import math
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scanner import Scanner
from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                                ScalarEvent, SequenceEndEvent, SequenceStartEvent)

from ._types import ConfigError, Diagnostic

# Deeper YAML is refused (the Node host's limit is its call stack, some 600 to
# 900 levels; the module refuses JSON nested deeper than 1024).
MAX_DEPTH = 256
# The npm package's maxAliasCount.
MAX_ALIAS_COUNT = 100

_LINE_END = "\0\r\n\x85\u2028\u2029"


class _Scanner(Scanner):
    """ruamel's scanner, with tabs as separation inside a line as YAML 1.2 and
    the npm package allow them (`key:\tvalue`, `value\t# comment`, `a\tb` in a
    plain scalar); ruamel refuses every tab outside quotes. Tabs are still not
    indentation."""

    def scan_to_next_token(self) -> Any:
        # ruamel's loop over whitespace, comments and line breaks, with tabs
        # skipped except as indentation before a token.
        r = self.reader
        if r.index == 0 and r.peek() == "\ufeff":
            r.forward()
        while True:
            n = 0
            while r.peek(n) in " \t":
                n += 1
            indentation = not r.buffer[r.pointer - r.column:r.pointer].strip(" ")
            if self.flow_level or not indentation or r.peek(n) in _LINE_END + "#":
                r.forward(n)
            else:
                while r.peek() == " ":
                    r.forward()
            if r.peek() == "#":
                while r.peek() not in _LINE_END:
                    r.forward()
            if not self.scan_line_break():
                return None
            if not self.flow_level:
                self.allow_simple_key = True

    def scan_plain_spaces(self, indent: Any, start_mark: Any) -> Any:
        r = self.reader
        length = 0
        while r.peek(length) in " \t":
            length += 1
        if length and r.peek(length) not in "\r\n\x85\u2028\u2029":
            whitespace = r.prefix(length)
            r.forward(length)
            return [whitespace]
        return super().scan_plain_spaces(indent, start_mark)


_YAML = YAML(typ="safe", pure=True)
_YAML.Scanner = _Scanner
_TAG = "tag:yaml.org,2002:"

# The YAML 1.2 core schema as the npm package has it (schema/core/*.js), in its order.
_NULL = re.compile(r"(?:~|[Nn]ull|NULL)?\Z")
_BOOL = re.compile(r"(?:[Tt]rue|TRUE|[Ff]alse|FALSE)\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT_NAN = re.compile(r"(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)\Z")
_FLOAT_EXP = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)\Z")
# Tags the npm package knows but this host does not convert (their values are not config).
_UNSUPPORTED_TAGS = {_TAG + t for t in ("binary", "omap", "pairs", "set", "timestamp", "merge")}


def _float_nan(s: str) -> float:
    if s[-3:].lower() == "nan":
        return math.nan
    return -math.inf if s[0] == "-" else math.inf


# (pattern, value) per core tag, tried in order.
_CORE = (
    (_TAG + "null", _NULL, lambda s: None),
    (_TAG + "bool", _BOOL, lambda s: s[0] in "tT"),
    (_TAG + "int", _INT_OCT, lambda s: float(int(s[2:], 8))),
    (_TAG + "int", _INT, lambda s: float(int(s))),
    (_TAG + "int", _INT_HEX, lambda s: float(int(s[2:], 16))),
    (_TAG + "float", _FLOAT_NAN, _float_nan),
    (_TAG + "float", _FLOAT_EXP, float),
    (_TAG + "float", _FLOAT, float),
)


def _resolve_scalar(value: str, tag: Optional[str], plain: bool) -> Any:
    """The JavaScript value of a scalar: None, bool, float (every number) or str."""
    if tag is None:
        if not plain:
            return value
        for _, pattern, make in _CORE:
            if pattern.match(value):
                return make(value)
        return value
    for name, pattern, make in _CORE:
        if name == tag and pattern.match(value):
            return make(value)
    # `!!str`, `!`, unknown tags, and a core tag whose pattern does not match
    # (`!!int 1.5`): a string, as the npm package makes it.
    return value


class _Scalar:
    __slots__ = ("value", "source", "anchor", "merge")

    def __init__(self, value, source, anchor=None):
        self.value, self.source, self.anchor = value, source, anchor
        self.merge = False  # a merge key: a plain `<<` (or `!!str <<`) key


class _Seq:
    __slots__ = ("items", "anchor")

    def __init__(self, anchor):
        self.items: List[Any] = []
        self.anchor = anchor


class _Map:
    __slots__ = ("pairs", "anchor", "keys_seen")

    def __init__(self, anchor):
        self.pairs: List[List[Any]] = []  # [key node, value node, is a merge key]
        self.anchor = anchor
        self.keys_seen = set()


class _Alias:
    __slots__ = ("target",)

    def __init__(self, target):
        self.target = target


_MERGE = "<<"


class _MergeKey:
    """The value of a plain `<<` key (a Symbol in the npm package: never equal to another)."""
    __slots__ = ()


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


class _Text:
    """The config text, for line and column of a position (1-based, columns in
    UTF-16 code units, as the Node host counts them)."""

    def __init__(self, text: str):
        self.text = text

    def where(self, mark) -> str:
        index = getattr(mark, "index", None)
        if index is None:
            return f"at line {mark.line + 1}, column {mark.column + 1}"
        start = self.text.rfind("\n", 0, index) + 1
        end = self.text.find("\n", index)
        line_text = self.text[start:] if end < 0 else self.text[start:end]
        column = _utf16_len(self.text[start:index]) + 1
        caret = " " * (column - 1) + "^"
        return f"at line {mark.line + 1}, column {column}:\n\n{line_text}\n{caret}"


def _tag_text(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _yaml_error(message: str) -> ConfigError:
    return ConfigError([Diagnostic("config_invalid", f"invalid YAML: {message}")])


def _key_identity(value: Any):
    """What the npm package compares keys by (`===` of scalar values): None
    when the key equals no other (NaN, a merge key)."""
    if isinstance(value, _MergeKey) or (isinstance(value, float) and math.isnan(value)):
        return None
    return (type(value), 0.0 if value == 0 and isinstance(value, float) else value)


def _compose(text: str) -> Any:
    """The node tree of the single YAML document in `text` (None when empty)."""
    where = _Text(text).where
    anchors: Dict[str, Any] = {}
    stack: List[Any] = []       # open collections
    pending: List[Any] = []     # per open collection: its key waiting for a value
    root = None
    documents = 0

    def add(node, mark):
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, _Seq):
            parent.items.append(node)
        elif pending[-1] is None:
            if isinstance(node, (_Seq, _Map)):
                raise _yaml_error(f"a mapping key must be a scalar {where(mark)}")
            identity = _key_identity(node.value) if isinstance(node, _Scalar) else None
            if identity is not None:
                if identity in parent.keys_seen:
                    raise _yaml_error(f"Map keys must be unique {where(mark)}")
                parent.keys_seen.add(identity)
            pending[-1] = node
        else:
            key = pending[-1]
            parent.pairs.append([key, node, isinstance(key, _Scalar) and key.merge])
            pending[-1] = None

    try:
        for ev in _YAML.parse(text):
            if isinstance(ev, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _yaml_error(f"Source contains multiple documents {where(ev.start_mark)}")
                if ev.version is not None and tuple(ev.version) < (1, 2):
                    # The npm package reads these with the YAML 1.1 schema (`yes` is
                    # true, timestamps are dates, ...), which this host does not have.
                    raise _yaml_error(f"%YAML {ev.version[0]}.{ev.version[1]} documents are not supported "
                                      f"(remove the directive: the config is then read as YAML 1.2) {where(ev.start_mark)}")
            elif isinstance(ev, ScalarEvent):
                tag = _TAG + "str" if ev.tag == "!" else ev.tag  # `!`: non-specific, a string
                if tag in _UNSUPPORTED_TAGS:
                    raise _yaml_error(f"tag {_tag_text(ev.tag)} is not supported {where(ev.start_mark)}")
                plain = ev.style is None
                value = _resolve_scalar(ev.value, tag, plain)
                node = _Scalar(value, ev.value, ev.anchor)
                is_key = bool(stack) and isinstance(stack[-1], _Map) and pending[-1] is None
                if is_key and plain and ev.value == _MERGE and tag in (None, _TAG + "str"):
                    node.merge = True
                    if tag is None:
                        node.value = _MergeKey()
                if ev.anchor is not None:
                    anchors[ev.anchor] = node
                add(node, ev.start_mark)
            elif isinstance(ev, AliasEvent):
                target = anchors.get(ev.anchor)
                if target is None:
                    raise _yaml_error(f"Unresolved alias (the anchor must be set before the alias): {ev.anchor}")
                add(_Alias(target), ev.start_mark)
            elif isinstance(ev, (SequenceStartEvent, MappingStartEvent)):
                if ev.tag in _UNSUPPORTED_TAGS:
                    raise _yaml_error(f"tag {_tag_text(ev.tag)} is not supported {where(ev.start_mark)}")
                node = _Seq(ev.anchor) if isinstance(ev, SequenceStartEvent) else _Map(ev.anchor)
                if ev.anchor is not None:
                    anchors[ev.anchor] = node
                add(node, ev.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise _yaml_error(f"nested too deeply (more than {MAX_DEPTH} levels) {where(ev.start_mark)}")
                stack.append(node)
                pending.append(None)
            elif isinstance(ev, (SequenceEndEvent, MappingEndEvent)):
                stack.pop()
                pending.pop()
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "syntax error"
        raise _yaml_error(f"{problem} {where(mark)}" if mark else problem) from None
    except YAMLError as e:
        raise _yaml_error(str(e)) from None
    return root


def _is_source_kept(value: Any) -> bool:
    return isinstance(value, (bool, float))


def _keep_scalar_source(node: Any) -> None:
    """Every number or boolean leaf under `node` becomes its source text
    (`1.50` -> "1.50"), in place; an alias of such a scalar is replaced by the
    text. Keys are left alone; aliases are not followed (host/config.ts)."""
    if isinstance(node, _Scalar):
        if _is_source_kept(node.value):
            node.value = node.source
        return
    if isinstance(node, _Alias):
        t = node.target
        if isinstance(t, _Scalar) and _is_source_kept(t.value):
            # The npm package's visit() cannot replace the node it starts at.
            raise _yaml_error("Cannot replace node with scalar parent")
        return
    # Pre-order, as the npm package's visit(): a scalar is fixed before the
    # aliases after it see it (an alias of a fixed scalar stays an alias, and
    # counts as one).
    stack = [_slots(node)]
    while stack:
        for holder, i in stack[-1]:
            child = holder[i]
            if isinstance(child, _Scalar):
                if _is_source_kept(child.value):
                    child.value = child.source
            elif isinstance(child, _Alias):
                t = child.target
                if isinstance(t, _Scalar) and _is_source_kept(t.value):
                    holder[i] = _Scalar(t.source, t.source)
            else:
                stack.append(_slots(child))
                break
        else:
            stack.pop()


def _slots(node: Any):
    """(holder, index) of each child of a collection in document order; map
    keys left out (they are scalars or aliases, which are not fixed)."""
    if isinstance(node, _Seq):
        return ((node.items, i) for i in range(len(node.items)))
    return ((pair, 1) for pair in node.pairs)


def _mapping_node(root: Any) -> Any:
    """The value node of the top-level `mapping` key, if any."""
    if not isinstance(root, _Map):
        return None
    for key, value, _ in root.pairs:
        if isinstance(key, _Scalar) and key.value == "mapping" and isinstance(key.value, str):
            return value
    return None


class _AnchorData:
    __slots__ = ("count", "alias_count", "res")

    def __init__(self):
        self.count, self.alias_count, self.res = 1, 0, None


class _ToJS:
    """Document#toJS() of the npm package: the JavaScript value of the node
    tree (dicts are JavaScript objects), with its alias counting."""

    def __init__(self):
        self.anchors: Dict[int, Tuple[Any, _AnchorData]] = {}

    def value(self, node: Any) -> Any:
        if node is None:
            return None
        if isinstance(node, _Alias) or node.anchor is None:
            return self._convert(node, None)
        data = _AnchorData()
        self.anchors[id(node)] = (node, data)
        res = self._convert(node, data)
        data.res = res
        return res

    def _convert(self, node: Any, data: Optional[_AnchorData]) -> Any:
        if isinstance(node, _Scalar):
            return node.value
        if isinstance(node, _Alias):
            target, data = self._resolve(node)
            return data.res
        if isinstance(node, _Seq):
            seq: List[Any] = []
            if data is not None:
                data.res = seq
            for item in node.items:
                seq.append(self.value(item))
            return seq
        obj: Dict[str, Any] = {}
        if data is not None:
            data.res = obj
        for key, value, merge in node.pairs:
            if merge:
                self._merge(obj, value)
                continue
            js_key = self.value(key)
            if isinstance(js_key, (dict, list)):
                raise _yaml_error("a mapping key must be a scalar")
            obj[_property_key(js_key, null_as="")] = self.value(value)
        return obj

    def _resolve(self, alias: _Alias) -> Tuple[Any, _AnchorData]:
        """Alias#resolve with its count: an alias of a node with n nested
        aliases costs n, and the total per anchor is capped."""
        target = alias.target
        entry = self.anchors.get(id(target))
        if entry is None:
            self.value(target)
            entry = self.anchors[id(target)]
        data = entry[1]
        data.count += 1
        if data.alias_count == 0:
            data.alias_count = self._alias_count(target)
        if data.count * data.alias_count > MAX_ALIAS_COUNT:
            raise _yaml_error("Excessive alias count indicates a resource exhaustion attack")
        return target, data

    def _alias_count(self, node: Any) -> int:
        if isinstance(node, _Alias):
            entry = self.anchors.get(id(node.target))
            return entry[1].count * entry[1].alias_count if entry else 0
        if isinstance(node, _Seq):
            return max((self._alias_count(i) for i in node.items), default=0)
        if isinstance(node, _Map):
            return max((max(self._alias_count(k), self._alias_count(v)) for k, v, _ in node.pairs), default=0)
        return 1

    def _merge(self, obj: Dict[str, Any], value: Any) -> None:
        """A `<<` merge: each source map's keys that `obj` does not have yet."""
        source = self._resolve(value)[0] if isinstance(value, _Alias) else value
        for item in (source.items if isinstance(source, _Seq) else [source]):
            src = self._resolve(item)[0] if isinstance(item, _Alias) else item
            if not isinstance(src, _Map):
                raise _yaml_error("Merge sources must be maps or map aliases")
            for key, v in self._as_js_map(src):
                name = _property_key(key, null_as="null")
                if name not in obj:
                    obj[name] = v

    def _as_js_map(self, node: _Map) -> List[Tuple[Any, Any]]:
        """The map's entries as a JavaScript Map (keys not made strings; a
        later key replaces the value, keeping its place)."""
        entries: Dict[Any, Tuple[Any, Any]] = {}
        for key, value, merge in node.pairs:
            if merge:
                # A merge inside a merge source: keys the Map does not have yet.
                source = self._resolve(value)[0] if isinstance(value, _Alias) else value
                for item in (source.items if isinstance(source, _Seq) else [source]):
                    src = self._resolve(item)[0] if isinstance(item, _Alias) else item
                    if not isinstance(src, _Map):
                        raise _yaml_error("Merge sources must be maps or map aliases")
                    for k, v in self._as_js_map(src):
                        entries.setdefault(_map_identity(k), (k, v))
                continue
            js_key = self.value(key)
            if isinstance(js_key, (dict, list)):
                raise _yaml_error("a mapping key must be a scalar")
            ident = _map_identity(js_key)
            js_value = self.value(value)
            entries[ident] = (entries[ident][0] if ident in entries else js_key, js_value)
        return list(entries.values())


def _map_identity(value: Any):
    """A JavaScript Map's key equality (SameValueZero) as a dict key."""
    if isinstance(value, float):
        return (float, "nan" if math.isnan(value) else value + 0.0)
    return (type(value), value)


def _property_key(key: Any, null_as: str) -> str:
    """String(key) as a JavaScript object property name."""
    if key is None:
        return null_as
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, float):
        return js_number(key)
    return key


def js_number(x: float) -> str:
    """A number as JavaScript's String(x) prints it (shortest round-trip digits)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    digits = digits.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * -n + digits
    else:
        e = n - 1
        s = digits[0] + ("." + digits[1:] if k > 1 else "") + ("e+" if e >= 0 else "e-") + str(abs(e))
    return ("-" if x < 0 else "") + s


_ARRAY_INDEX = re.compile(r"(?:0|[1-9][0-9]{0,9})\Z")


def _js_key_order(keys: List[str]) -> List[str]:
    """JavaScript's property order: array indexes (0 .. 2^32-2) ascending, then the rest in insertion order."""
    index = [k for k in keys if _ARRAY_INDEX.match(k) and int(k) < 4294967295]
    if not index:
        return keys
    chosen = set(index)
    return sorted(index, key=int) + [k for k in keys if k not in chosen]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_string(s: str) -> str:
    """JSON.stringify of a string: well-formed (lone surrogates escaped)."""
    text = json.dumps(s, ensure_ascii=False)
    if _SURROGATE.search(text):
        # Pairs written as two escapes in YAML are one character in JavaScript.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        text = _SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)
    return text


class _Unserialisable(Exception):
    pass


def to_json(value: Any) -> str:
    """JSON.stringify(value) for dicts, lists, str, numbers, bool and None."""
    out: List[str] = []
    active = set()  # ids of the containers being written: a cycle refers back to one
    # Work items: a value to write, or a str to emit, or ("exit", id).
    todo: List[Any] = [("value", value)]
    while todo:
        kind, item = todo.pop()
        if kind == "text":
            out.append(item)
            continue
        if kind == "exit":
            active.discard(item)
            continue
        v = item
        if v is None:
            out.append("null")
        elif isinstance(v, bool):
            out.append("true" if v else "false")
        elif isinstance(v, (int, float)):
            try:
                f = float(v)
            except OverflowError:
                raise _Unserialisable(f"the integer {v} is too large for a JavaScript number") from None
            out.append(js_number(f) if math.isfinite(f) else "null")
        elif isinstance(v, str):
            out.append(_json_string(v))
        elif isinstance(v, (Mapping, list, tuple)):
            if id(v) in active:
                raise _Unserialisable("it refers to itself (a YAML alias inside its own anchor?)")
            active.add(id(v))
            todo.append(("exit", id(v)))
            if isinstance(v, Mapping):
                keys = list(v.keys())
                for k in keys:
                    if not isinstance(k, str):
                        raise _Unserialisable(f"a key is a {type(k).__name__}, not a string: {k!r}")
                entries = [(k, v[k]) for k in _js_key_order(keys)]
                todo.append(("text", "}"))
                for i in range(len(entries) - 1, -1, -1):
                    k, e = entries[i]
                    todo.append(("value", e))
                    todo.append(("text", ("," if i else "") + _json_string(k) + ":"))
                out.append("{")
            else:
                todo.append(("text", "]"))
                for i in range(len(v) - 1, -1, -1):
                    todo.append(("value", v[i]))
                    if i:
                        todo.append(("text", ","))
                out.append("[")
        else:
            raise _Unserialisable(f"a {type(v).__name__} is not JSON")
    return "".join(out)


def duplicate_json_key(text: str) -> Optional[Tuple[str, int, int]]:
    """The first key that repeats an earlier key of the same object in `text`
    (valid JSON), with its line and column (host/config.ts duplicateJsonKey)."""
    objects: List[Optional[set]] = []  # None: an array
    expect_key = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            keys = objects[-1] if objects else None
            if expect_key and keys is not None:
                key = json.loads(text[i:j + 1])
                if key in keys:
                    line_start = text.rfind("\n", 0, i) + 1
                    return key, text.count("\n", 0, i) + 1, _utf16_len(text[line_start:i]) + 1
                keys.add(key)
                expect_key = False
            i = j
        elif c == "{":
            objects.append(set())
            expect_key = True
        elif c == "[":
            objects.append(None)
        elif c in "}]":
            objects.pop()
        elif c == ",":
            expect_key = bool(objects) and objects[-1] is not None
        i += 1
    return None


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _parse_json(text: str) -> Tuple[bool, Any]:
    """(True, value) when `text` is JSON as JavaScript's JSON.parse reads it."""
    try:
        value = json.loads(text, parse_int=float, parse_constant=_reject_constant)
    except RecursionError:
        raise ConfigError([Diagnostic("config_invalid", "config cannot be serialised as JSON: it is nested too deeply")]) from None
    except ValueError:
        return False, None
    dup = duplicate_json_key(text)
    if dup is not None:
        key, line, column = dup
        raise ConfigError([Diagnostic("config_invalid",
                                      f"invalid JSON: duplicate key {_json_string(key)} at line {line}, column {column}",
                                      path=key)])
    return True, value


def parse_config_text(text: str) -> Any:
    """Config text: JSON if it is valid JSON (duplicate keys rejected), else YAML."""
    ok, value = _parse_json(text)
    if ok:
        return value
    root = _compose(text)
    mapping = _mapping_node(root)
    if mapping is not None:
        _keep_scalar_source(mapping)
    return _ToJS().value(root)


def config_json(config: Any) -> bytes:
    """The config JSON (UTF-8) for `config`: a mapping, or its YAML or JSON text
    (str, or UTF-8 bytes). Raises ConfigError, and nothing else, for text that
    does not parse and a value that cannot become JSON. Field validation is
    the module's job."""
    if isinstance(config, (bytes, bytearray, memoryview)):
        try:
            config = bytes(config).decode("utf-8")
        except UnicodeDecodeError as e:
            raise ConfigError([Diagnostic("config_invalid", f"config text is not UTF-8: {e}")]) from None
    if isinstance(config, str):
        value = parse_config_text(config)
    elif isinstance(config, Mapping):
        value = config
    else:
        raise ConfigError([Diagnostic("config_invalid", "config must be a mapping or YAML/JSON text")])
    try:
        text = to_json(value)
    except _Unserialisable as e:
        raise ConfigError([Diagnostic("config_invalid", f"config cannot be serialised as JSON: {e}")]) from None
    return text.encode("utf-8")
