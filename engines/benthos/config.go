package streamprocessor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// moduleConfig is what the processor reads from its Benthos config.
type moduleConfig struct {
	json     []byte // the config JSON for `configure` (docs/behaviour.md §2)
	wasmPath string
	ordered  bool // key order of sources and mapping is the declared one
	needs    bool // the order matters: some object has two or more keys
}

// readConfig reads the fields with conf.FieldX and renders the config JSON.
func readConfig(conf *service.ParsedConfig) (*moduleConfig, error) {
	mode, err := conf.FieldString(FieldMode)
	if err != nil {
		return nil, err
	}
	name, err := conf.FieldString(FieldModel, FieldModelName)
	if err != nil {
		return nil, err
	}
	version, err := conf.FieldString(FieldModel, FieldModelVersion)
	if err != nil {
		return nil, err
	}
	outputTopic, err := conf.FieldString(FieldOutputTopic)
	if err != nil {
		return nil, err
	}
	sources, err := conf.FieldStringMap(FieldSources)
	if err != nil {
		return nil, err
	}
	mapping, err := conf.FieldAny(FieldMapping)
	if err != nil {
		return nil, err
	}
	wasmPath, err := conf.FieldString(FieldWasmPath)
	if err != nil {
		return nil, err
	}
	sourcesAny := make(map[string]any, len(sources))
	for k, v := range sources {
		sourcesAny[k] = v
	}
	order, found := recordedOrder(sourcesAny, mapping)
	w := &jsonWriter{ordered: found}
	w.b.WriteString(`{"mode":`)
	w.str(mode)
	w.b.WriteString(`,"model":{"name":`)
	w.str(name)
	w.b.WriteString(`,"version":`)
	w.str(version)
	w.b.WriteString(`},"output_topic":`)
	w.str(outputTopic)
	w.b.WriteString(`,"sources":`)
	w.value(sourcesAny, order.child(FieldSources), false, 0)
	w.b.WriteString(`,"mapping":`)
	w.value(mapping, order.child(FieldMapping), true, 0)
	w.b.WriteByte('}')
	if w.err != nil {
		return nil, w.err
	}
	return &moduleConfig{json: w.b.Bytes(), wasmPath: wasmPath, ordered: w.ordered, needs: w.needs}, nil
}

// jsonWriter writes decoded YAML values as JSON, objects in a given key order.
type jsonWriter struct {
	b       bytes.Buffer
	err     error
	ordered bool // every object was written in its recorded order
	needs   bool // some object had two or more keys
}

func (w *jsonWriter) str(s string) {
	enc, _ := json.Marshal(s) // a string always marshals
	w.b.Write(enc)
}

const maxDepth = 1000

// value writes v. Under `mapping` (asText), a number or boolean leaf becomes
// its text as a JSON string (docs/behaviour.md §2).
func (w *jsonWriter) value(v any, order *keyOrder, asText bool, depth int) {
	if depth > maxDepth {
		w.err = fmt.Errorf("field '%s': nested too deeply", FieldMapping)
		return
	}
	if entries, isObject := objectEntries(v); isObject {
		w.object(entries, order, asText, depth)
		return
	}
	switch t := v.(type) {
	case nil:
		w.b.WriteString("null")
	case string:
		w.str(t)
	case bool:
		w.scalar(strconv.FormatBool(t), asText)
	case int:
		w.scalar(strconv.Itoa(t), asText)
	case int64:
		w.scalar(strconv.FormatInt(t, 10), asText)
	case uint64:
		w.scalar(strconv.FormatUint(t, 10), asText)
	case float64:
		w.scalar(jsNumber(t), asText)
	case []any:
		w.b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				w.b.WriteByte(',')
			}
			w.value(e, nil, asText, depth+1)
		}
		w.b.WriteByte(']')
	default:
		w.str(fmt.Sprint(t))
	}
}

func (w *jsonWriter) scalar(text string, asText bool) {
	if asText {
		w.str(text)
		return
	}
	if text == "NaN" || strings.HasSuffix(text, "Infinity") {
		text = "null"
	}
	w.b.WriteString(text)
}

func (w *jsonWriter) object(entries []entry, order *keyOrder, asText bool, depth int) {
	keys := make([]string, len(entries))
	byKey := make(map[string]any, len(entries))
	for i, e := range entries {
		keys[i] = e.key
		byKey[e.key] = e.value
	}
	keys, ok := order.orderedKeys(keys)
	if len(keys) > 1 {
		w.needs = true
		w.ordered = w.ordered && ok
	}
	w.b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.str(k)
		w.b.WriteByte(':')
		w.value(byKey[k], order.child(k), asText, depth+1)
	}
	w.b.WriteByte('}')
}

type entry struct {
	key   string
	value any
}

// objectEntries lists the entries of a decoded YAML object (keys sorted), or
// reports that v is no object. Non-string keys become their text.
func objectEntries(v any) ([]entry, bool) {
	var out []entry
	switch m := v.(type) {
	case map[string]any:
		for k, e := range m {
			out = append(out, entry{k, e})
		}
	case map[any]any:
		for k, e := range m {
			out = append(out, entry{keyText(k), e})
		}
	default:
		return nil, false
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	return out, true
}

func keyText(k any) string {
	if f, ok := k.(float64); ok {
		return jsNumber(f)
	}
	return fmt.Sprint(k)
}

// jsNumber is the text of f as a JavaScript expression: the shortest
// round-trip digits, NaN and Infinity by name.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	if a := math.Abs(f); a == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // 1e+21, 1.5e-07
	mant, exp, _ := strings.Cut(s, "e")
	sign := exp[:1]
	digits := strings.TrimLeft(exp[1:], "0")
	return mant + "e" + sign + digits
}
