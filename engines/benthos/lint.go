package streamprocessor

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/redpanda-data/benthos/v4/public/bloblang"
	"gopkg.in/yaml.v3"
)

// Linting: `benthos-sp lint` (and any linter of a binary with this plugin)
// reports a config the module rejects (an expression that does not compile,
// a bad alias, ...) with the module's rendered diagnostic: path, expression
// and caret. Benthos plugins can contribute lints only through a Bloblang
// lint rule on the config spec, so the check is a Bloblang method that runs
// the module's `configure` on the linted config.

// lintMethod is the Bloblang method the spec's lint rule calls.
const lintMethod = "stream_processor_lint"

var registerLint sync.Once

// lintRule registers the lint method (once) and returns the spec's rule.
func lintRule() string {
	registerLint.Do(func() {
		spec := bloblang.NewPluginSpec().
			Description("Internal to the stream_processor plugin: the config errors of a stream_processor config, for its lint rule.")
		err := bloblang.RegisterMethodV2(lintMethod, spec, func(*bloblang.ParsedParams) (bloblang.Method, error) {
			return func(v any) (any, error) {
				out := []any{}
				for _, d := range lintConfig(v) {
					out = append(out, d)
				}
				return out, nil
			}, nil
		})
		if err != nil {
			panic(err)
		}
	})
	return "root = this." + lintMethod + "()"
}

// lintConfig is the module's diagnostics for a decoded processor config; none
// when the config's fields do not parse (Benthos lints those itself).
func lintConfig(v any) []string {
	text, err := json.Marshal(v) // JSON is YAML
	if err != nil {
		return nil
	}
	conf, err := Spec().ParseYAML(string(text), nil)
	if err != nil {
		return nil
	}
	mc, err := readConfig(conf)
	if err != nil {
		return nil
	}
	opts, err := readHostOptions(conf)
	if err != nil {
		return []string{err.Error()}
	}
	wasm, err := moduleBytes(mc.wasmPath)
	if err != nil {
		return []string{err.Error()}
	}
	ctx := context.Background()
	in, err := newInstance(ctx, wasm)
	if err != nil {
		return []string{err.Error()}
	}
	defer in.close(ctx)
	if err := opts.limits.set(ctx, in); err != nil {
		return []string{err.Error()}
	}
	recs, err := in.configure(ctx, mc.json, 0)
	if err != nil {
		return []string{err.Error()}
	}
	lines := recordedLines(v)
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = "stream_processor: " + r.message
		if r.path != "" {
			if ls := lines[r.path]; len(ls) > 0 {
				out[i] = fmt.Sprintf("stream_processor (YAML line %s): %s", joinInts(ls), r.message)
			}
		}
	}
	return out
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// The YAML lines of mappings. Benthos gives a lint rule the decoded config and
// the line of the processor only; RecordConfigYAML (which benthos-sp runs on
// every config file before Benthos starts, lint included) also records where
// each mapping is, by the mapping's paths and expressions.

type mappingLines struct {
	leaves map[string]bool   // paths of the leaves
	texts  map[string]string // path -> expression (string leaves)
	lines  map[string]int    // path -> YAML line of its key
}

var recordedMappingLines = struct {
	sync.Mutex
	all []mappingLines
}{}

// recordLines records the mapping lines of processor config nodes.
func recordLines(found []*yaml.Node) {
	recordedMappingLines.Lock()
	defer recordedMappingLines.Unlock()
	for _, n := range found {
		m := child(n, FieldMapping)
		if m == nil || m.Kind != yaml.MappingNode {
			continue
		}
		ml := mappingLines{leaves: map[string]bool{}, texts: map[string]string{}, lines: map[string]int{}}
		nodeLines(m, "", &ml, 0)
		recordedMappingLines.all = append(recordedMappingLines.all, ml)
	}
}

func nodeLines(n *yaml.Node, prefix string, ml *mappingLines, depth int) {
	for i := 0; i+1 < len(n.Content) && depth < maxYAMLDepth; i += 2 {
		path := n.Content[i].Value
		if prefix != "" {
			path = prefix + "." + path
		}
		v := resolveAlias(n.Content[i+1])
		ml.lines[path] = n.Content[i].Line
		if v.Kind == yaml.MappingNode {
			nodeLines(v, path, ml, depth+1)
			continue
		}
		ml.leaves[path] = true
		if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
			ml.texts[path] = v.Value
		}
	}
}

// recordedLines is the YAML lines of the mappings of a decoded config, from
// the recorded configs with the same mapping paths and expressions (several
// lines when identical configs were recorded at several places).
func recordedLines(v any) map[string][]int {
	conf, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	paths := map[string]any{}
	flattenMapping(conf[FieldMapping], "", paths, 0)
	recordedMappingLines.Lock()
	defer recordedMappingLines.Unlock()
	out := map[string][]int{}
	for _, ml := range recordedMappingLines.all {
		if !sameMapping(ml, paths) {
			continue
		}
		for p, l := range ml.lines {
			if !slices.Contains(out[p], l) {
				out[p] = append(out[p], l)
			}
		}
	}
	for _, ls := range out {
		slices.Sort(ls)
	}
	return out
}

func flattenMapping(v any, prefix string, out map[string]any, depth int) {
	entries, isObject := objectEntries(v)
	if !isObject || depth > maxYAMLDepth {
		return
	}
	for _, e := range entries {
		path := e.key
		if prefix != "" {
			path = prefix + "." + e.key
		}
		if _, sub := objectEntries(e.value); sub {
			flattenMapping(e.value, path, out, depth+1)
		} else {
			out[path] = e.value
		}
	}
}

// sameMapping: the recorded mapping has the same leaf paths, and the same text
// for every string leaf.
func sameMapping(ml mappingLines, leaves map[string]any) bool {
	if len(ml.leaves) != len(leaves) {
		return false
	}
	for p := range ml.leaves {
		if _, ok := leaves[p]; !ok {
			return false
		}
	}
	for p, text := range ml.texts {
		if s, ok := leaves[p].(string); !ok || s != text {
			return false
		}
	}
	return true
}
