package streamprocessor

import (
	"strings"
	"syscall"
	"testing"
)

// docs/scaling.md's hand-over, for real: instance A runs the model and stops
// (SIGTERM, as when it is rescheduled); instance B, another process with its
// own config file, starts on the same cache and key and continues A's state.
func TestScaling_HandOver_TwoProcessesOnOneCacheKey(t *testing.T) {
	withKey := strings.Replace(statePipeline, "          interval: ${INTERVAL:5s}\n",
		"          interval: ${INTERVAL:5s}\n          key: plant-A.aawd.pump.v1\n", 1)
	if withKey == statePipeline {
		t.Fatal("statePipeline changed: no place for the key")
	}
	shared := t.TempDir() // the shared cache (a file cache on a shared volume here)
	a := startSP(t, withKey, "STATE_DIR="+shared)
	a.waitLog("no state snapshot in cache 'sp_state' key 'plant-A.aawd.pump.v1'")
	a.send("a", 40)
	a.send("b", 2)
	if sum := a.next("sum "); sum != "42" {
		t.Fatalf("instance A: sum %s, want 42", sum)
	}
	a.stop(syscall.SIGTERM)

	b := startSP(t, withKey, "STATE_DIR="+shared)
	b.waitLog("state restored from cache 'sp_state' key 'plant-A.aawd.pump.v1'")
	b.send("b", 3) // a = 40 is known from instance A
	if sum := b.next("sum "); sum != "43" {
		t.Fatalf("instance B: sum %s on its first input, want 43 (a = 40 from instance A)", sum)
	}
	b.send("a", 7)
	if sum := b.next("sum "); sum != "10" {
		t.Fatalf("instance B: sum %s, want 10", sum)
	}
	b.stop(syscall.SIGTERM)
}
