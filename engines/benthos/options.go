package streamprocessor

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// The host's fields: what the processor does around the module (errors,
// state, limits, seed). The module never sees them.
const (
	FieldState         = "state"
	FieldStateCache    = "cache"
	FieldStateKey      = "key"
	FieldStateInterval = "interval"
	FieldOnBadSnapshot = "on_bad_snapshot"
	FieldLimits        = "limits"
	FieldSeed          = "seed"
)

// hostOptions are the host's fields of one processor config.
type hostOptions struct {
	onError onErrorMode
	limits  limits
	seed    uint32
	state   *stateOptions // nil: no state kept across restarts
}

// stateOptions is the `state` field.
type stateOptions struct {
	cache    string
	key      string // empty: derived from output_topic and model
	interval time.Duration
	reset    bool // on_bad_snapshot: reset
}

// hostFields are the host's fields of the config spec.
func hostFields() []*service.ConfigField {
	limitFields := make([]*service.ConfigField, len(limitSpecs))
	for i, s := range limitSpecs {
		limitFields[i] = service.NewIntField(s.name).
			Description(fmt.Sprintf("%s Default %d, at most %d.", s.description, s.def, s.max)).
			Optional()
	}
	return []*service.ConfigField{
		onErrorField(),
		service.NewObjectField(FieldState,
			service.NewStringField(FieldStateCache).
				Description("Label of a cache resource (`cache_resources`) that holds the state snapshot: file, redis, sql, nats_kv, memcached, ... any cache of this build."),
			service.NewStringField(FieldStateKey).
				Description("The cache key. Empty: `stream_processor.<output_topic>._<model.name>_<model.version>`. Two processors must not share a key.").
				Default(""),
			service.NewDurationField(FieldStateInterval).
				Description("Save the state at most this often, and only when it changed since the last save; it is also saved when the processor closes (graceful shutdown). A crash loses at most this much of the state's updates.").
				Default("5s"),
		).
			Description("Keep the latest values (and `Math.random`'s generator state) across restarts in a Benthos cache: restored when the processor starts, saved on the interval and at shutdown. A missing key is a fresh start.").
			Optional(),
		service.NewStringAnnotatedEnumField(FieldOnBadSnapshot, map[string]string{
			"fail":  "The processor does not start; the error names the cache and key.",
			"reset": "The snapshot is ignored (logged at WARN) and the processor starts with no state; the next save replaces it.",
		}).
			Description("What a snapshot in the state cache that cannot be restored (corrupted, of another config or of an unknown version) does.").
			Default("fail").
			Advanced(),
		service.NewObjectField(FieldLimits, limitFields...).
			Description("Module limits by name (the Node host's `limits` option). Unset limits keep the module's defaults.").
			Optional().
			Advanced(),
		service.NewIntField(FieldSeed).
			Description("Seed of `Math.random` (its low 32 bits), for reproducible runs. Default: a random seed per processor. A restored state continues its own generator instead.").
			Optional().
			Advanced(),
	}
}

// readHostOptions reads the host's fields.
func readHostOptions(conf *service.ParsedConfig) (*hostOptions, error) {
	o := &hostOptions{limits: defaultLimits, seed: rand.Uint32()}
	mode, err := conf.FieldString(FieldOnError)
	if err != nil {
		return nil, err
	}
	if o.onError, err = parseOnError(mode); err != nil {
		return nil, err
	}
	if conf.Contains(FieldSeed) {
		seed, err := conf.FieldInt(FieldSeed)
		if err != nil {
			return nil, err
		}
		o.seed = uint32(seed)
	}
	for _, s := range limitSpecs {
		if !conf.Contains(FieldLimits, s.name) {
			continue
		}
		v, err := conf.FieldInt(FieldLimits, s.name)
		if err != nil {
			return nil, err
		}
		if o.limits, err = o.limits.withLimit(s, v); err != nil {
			return nil, fmt.Errorf("field '%s': %w", FieldLimits, err)
		}
	}
	bad, err := conf.FieldString(FieldOnBadSnapshot)
	if err != nil {
		return nil, err
	}
	if bad != "fail" && bad != "reset" {
		return nil, fmt.Errorf("field '%s': '%s' is neither 'fail' nor 'reset'", FieldOnBadSnapshot, bad)
	}
	if !conf.Contains(FieldState) {
		return o, nil
	}
	st := &stateOptions{reset: bad == "reset"}
	if st.cache, err = conf.FieldString(FieldState, FieldStateCache); err != nil {
		return nil, err
	}
	if st.cache == "" {
		return nil, errors.New("field 'state.cache': the label of a cache resource is required")
	}
	if st.key, err = conf.FieldString(FieldState, FieldStateKey); err != nil {
		return nil, err
	}
	if st.interval, err = conf.FieldDuration(FieldState, FieldStateInterval); err != nil {
		return nil, err
	}
	if st.interval <= 0 {
		return nil, fmt.Errorf("field 'state.interval': %s is not a positive duration", st.interval)
	}
	o.state = st
	return o, nil
}

// defaultStateKey is the cache key of a model's state: one per output topic,
// model name and version (dots only, so it is a file name for the file cache).
func defaultStateKey(outputTopic, name, version string) string {
	return "stream_processor." + outputTopic + "._" + name + "_" + version
}
