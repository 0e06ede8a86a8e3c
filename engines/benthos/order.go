package streamprocessor

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Benthos decodes a plugin's `mapping` and `sources` into Go maps, which have
// no order; but the order of `mapping` keys is the output order
// (docs/behaviour.md §6) and the order of `sources` is the alias order. The
// YAML text still has it, so RecordConfigYAML reads it from there, keyed by
// the shape of the two objects (their keys, sorted, recursively). The
// processor looks its config's shape up when it is built. The shape leaves
// out the values, so environment variables interpolated into expressions or
// topics do not matter.

// keyOrder is the declaration order of an object's keys, and that of its
// nested objects.
type keyOrder struct {
	keys []string
	sub  map[string]*keyOrder
}

var recorded = struct {
	sync.Mutex
	byShape map[string][]*keyOrder // shape -> orders of {sources, mapping}, one per record
}{byShape: map[string][]*keyOrder{}}

// RecordConfigYAML records the key order of `sources` and `mapping` of every
// `stream_processor` config in a YAML document (a whole Benthos config, a
// resources file, or one processor's config), so that processors built later
// from it emit their outputs in declaration order. Call it before the stream
// is built; the benthos-sp binary calls it for every config file it is given.
//
// # Errors
//
// The YAML does not parse. A document without stream_processor configs is no
// error.
func RecordConfigYAML(text []byte) error {
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		return fmt.Errorf("stream_processor: reading config YAML for key order: %w", err)
	}
	var found []*yaml.Node
	findProcessorConfigs(&root, &found, 0)
	if len(found) == 0 && looksLikeProcessorConfig(&root) {
		found = append(found, documentValue(&root))
	}
	recordLines(found)
	recorded.Lock()
	defer recorded.Unlock()
	for _, n := range found {
		o := configOrder(n)
		shape := o.shape()
		recorded.byShape[shape] = append(recorded.byShape[shape], o)
	}
	return nil
}

// recordedOrder is the recorded order of a config whose `sources` and
// `mapping` are `sources` and `mapping`; ok is false when there is no record or
// the records disagree.
func recordedOrder(sources, mapping any) (order *keyOrder, ok bool) {
	shape := valueOrder(map[string]any{FieldSources: sources, FieldMapping: mapping}).shape()
	recorded.Lock()
	defer recorded.Unlock()
	cands := recorded.byShape[shape]
	if len(cands) == 0 {
		return nil, false
	}
	for _, c := range cands[1:] {
		if c.String() != cands[0].String() {
			return nil, false
		}
	}
	return cands[0], true
}

const maxYAMLDepth = 200

// findProcessorConfigs appends the value node of every `stream_processor` key.
func findProcessorConfigs(n *yaml.Node, found *[]*yaml.Node, depth int) {
	if n == nil || depth > maxYAMLDepth {
		return
	}
	n = resolveAlias(n)
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := resolveAlias(n.Content[i+1])
			if n.Content[i].Value == ProcessorName && v.Kind == yaml.MappingNode {
				*found = append(*found, v)
			}
		}
	}
	for _, c := range n.Content {
		findProcessorConfigs(c, found, depth+1)
	}
}

func documentValue(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return resolveAlias(n.Content[0])
	}
	return resolveAlias(n)
}

// looksLikeProcessorConfig: a document that is one processor's config.
func looksLikeProcessorConfig(root *yaml.Node) bool {
	n := documentValue(root)
	return n.Kind == yaml.MappingNode && child(n, FieldSources) != nil && child(n, FieldOutputTopic) != nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func child(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return resolveAlias(n.Content[i+1])
		}
	}
	return nil
}

// configOrder is the order of `sources` and `mapping` of one processor config
// node (an absent `mapping` is the empty object, its default).
func configOrder(n *yaml.Node) *keyOrder {
	o := &keyOrder{keys: []string{FieldSources, FieldMapping}, sub: map[string]*keyOrder{}}
	for _, k := range o.keys {
		if c := child(n, k); c != nil && c.Kind == yaml.MappingNode {
			o.sub[k] = nodeOrder(c, 0)
		} else if c == nil && k == FieldMapping {
			o.sub[k] = &keyOrder{}
		}
	}
	return o
}

func nodeOrder(n *yaml.Node, depth int) *keyOrder {
	o := &keyOrder{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		o.keys = append(o.keys, k)
		if v := resolveAlias(n.Content[i+1]); v.Kind == yaml.MappingNode && depth < maxYAMLDepth {
			if o.sub == nil {
				o.sub = map[string]*keyOrder{}
			}
			o.sub[k] = nodeOrder(v, depth+1)
		}
	}
	return o
}

// valueOrder is the (sorted) key tree of a decoded value; nil for a non-object.
func valueOrder(v any) *keyOrder {
	entries, isObject := objectEntries(v)
	if !isObject {
		return nil
	}
	o := &keyOrder{}
	for _, e := range entries {
		o.keys = append(o.keys, e.key)
		if s := valueOrder(e.value); s != nil {
			if o.sub == nil {
				o.sub = map[string]*keyOrder{}
			}
			o.sub[e.key] = s
		}
	}
	return o
}

// shape is the key tree with every level's keys sorted: equal for two
// objects with the same keys at every level, whatever their order.
func (o *keyOrder) shape() string {
	var b strings.Builder
	o.write(&b, true)
	return b.String()
}

// String is the key tree in its order.
func (o *keyOrder) String() string {
	var b strings.Builder
	o.write(&b, false)
	return b.String()
}

func (o *keyOrder) write(b *strings.Builder, sorted bool) {
	keys := o.keys
	if sorted {
		keys = slices.Clone(keys)
		slices.Sort(keys)
	}
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, "%q", k)
		if s := o.sub[k]; s != nil {
			s.write(b, sorted)
		}
	}
	b.WriteByte('}')
}

// child order of key k, or nil.
func (o *keyOrder) child(k string) *keyOrder {
	if o == nil {
		return nil
	}
	return o.sub[k]
}

// orderedKeys is the declared order of `keys` when o declares exactly these
// keys, else `keys` sorted; ok reports whether the declared order was used.
func (o *keyOrder) orderedKeys(keys []string) (out []string, ok bool) {
	if o != nil && len(o.keys) == len(keys) {
		a, b := slices.Clone(o.keys), slices.Clone(keys)
		slices.Sort(a)
		slices.Sort(b)
		if slices.Equal(a, b) {
			return o.keys, true
		}
	}
	out = slices.Clone(keys)
	slices.Sort(out)
	return out, false
}
