package streamprocessor

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// State across restarts, through real benthos-sp processes and a real `file`
// cache: JSON lines in on stdin, one output line per message on stdout.

const statePipeline = `
input:
  stdin:
    scanner:
      lines: {}
pipeline:
  threads: 1
  processors:
    - mapping: |
        meta umh_topic = this.topic
        root = this.payload.format_json(indent: "", no_indent: true).string()
    - stream_processor:
        model: { name: pump, version: v1 }
        output_topic: umh.v1.t
        sources:
          a: umh.v1.t._raw.a
          b: umh.v1.t._raw.b
        mapping:
          sum: a + b
          r: Math.random()
        seed: 7
        on_bad_snapshot: ${ON_BAD_SNAPSHOT:fail}
        state:
          cache: sp_state
          interval: ${INTERVAL:5s}
output:
  stdout:
    codec: lines
  processors:
    - mapping: 'root = "%s %s".format(@umh_topic.trim_prefix("umh.v1.t._pump_v1."), this.value.string())'
cache_resources:
  - label: sp_state
    file:
      directory: ${STATE_DIR}
logger:
  level: info
http:
  enabled: false
`

// stateKey is the default key of statePipeline's processor.
const stateKey = "stream_processor.umh.v1.t._pump_v1"

// spProcess is a running benthos-sp: write input lines, read output lines.
type spProcess struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string // stdout lines
	stderr *syncBuffer
	exited chan error
	ts     int
}

func startSP(t *testing.T, pipeline string, env ...string) *spProcess {
	t.Helper()
	bin := buildBinary(t)
	conf := filepath.Join(t.TempDir(), "pipeline.yaml")
	must(t, os.WriteFile(conf, []byte(pipeline), 0o644))
	p := &spProcess{t: t, cmd: exec.Command(bin, "-c", conf), lines: make(chan string, 10000), stderr: &syncBuffer{}, exited: make(chan error, 1)}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = p.stderr
	var err error
	p.stdin, err = p.cmd.StdinPipe()
	must(t, err)
	stdout, err := p.cmd.StdoutPipe()
	must(t, err)
	must(t, p.cmd.Start())
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	go func() { p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		for range p.lines { // until stdout closes
		}
	})
	return p
}

// send writes one input on alias's topic.
func (p *spProcess) send(alias string, value float64) {
	p.t.Helper()
	p.ts++
	line := fmt.Sprintf(`{"topic":"umh.v1.t._raw.%s","payload":{"value":%v,"timestamp_ms":%d}}`+"\n", alias, value, p.ts)
	if _, err := io.WriteString(p.stdin, line); err != nil {
		p.t.Fatalf("writing to benthos-sp: %v\n%s", err, p.stderr.String())
	}
}

// next is the next output line with the given prefix ("sum ", "r "), skipping others.
func (p *spProcess) next(prefix string) string {
	p.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("benthos-sp stopped before an output %q:\n%s", prefix, p.stderr.String())
			}
			if strings.HasPrefix(l, prefix) {
				return strings.TrimPrefix(l, prefix)
			}
		case <-deadline:
			p.t.Fatalf("no output %q within 20 s:\n%s", prefix, p.stderr.String())
		}
	}
}

// stop sends sig and waits for the process to exit.
func (p *spProcess) stop(sig syscall.Signal) {
	p.t.Helper()
	must(p.t, p.cmd.Process.Signal(sig))
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		p.t.Fatalf("benthos-sp did not exit on %v:\n%s", sig, p.stderr.String())
	}
}

// waitLog waits until stderr holds s.
func (p *spProcess) waitLog(s string) {
	p.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(p.stderr.String(), s) {
			return
		}
	}
	p.t.Fatalf("no log %q within 20 s:\n%s", s, p.stderr.String())
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// SIGTERM: the state is saved at shutdown; the restarted process fires the
// dynamic mapping on its first input, and Math.random continues its sequence.
func TestState_SIGTERM_RestartContinuesTheState(t *testing.T) {
	dir := t.TempDir()
	env := []string{"STATE_DIR=" + dir, "INTERVAL=1h"} // only the shutdown save
	// The reference run: one process, four random draws.
	ref := startSP(t, statePipeline, "STATE_DIR="+t.TempDir())
	ref.waitLog("starting with no state")
	var want []string
	for i := range 4 {
		ref.send("b", float64(i))
		want = append(want, ref.next("r "))
	}
	ref.stop(syscall.SIGTERM)

	first := startSP(t, statePipeline, env...)
	first.waitLog("no state snapshot in cache 'sp_state' key '" + stateKey + "'")
	first.send("a", 1)
	if r := first.next("r "); r != want[0] {
		t.Fatalf("first draw %s, want %s (seed 7)", r, want[0])
	}
	first.send("b", 2)
	if sum := first.next("sum "); sum != "3" {
		t.Fatalf("sum %s before the restart, want 3", sum)
	}
	if r := first.next("r "); r != want[1] {
		t.Fatalf("second draw %s, want %s", r, want[1])
	}
	first.stop(syscall.SIGTERM)
	if !strings.Contains(first.stderr.String(), "state saved to cache 'sp_state' key '"+stateKey+"' at shutdown") {
		t.Fatalf("no shutdown save logged:\n%s", first.stderr.String())
	}

	second := startSP(t, statePipeline, env...)
	second.waitLog("state restored from cache 'sp_state' key '" + stateKey + "'")
	second.send("a", 10) // b = 2 arrived before the restart
	if sum := second.next("sum "); sum != "12" {
		t.Fatalf("sum %s on the first input after the restart, want 12 (b = 2 from before it)", sum)
	}
	for _, w := range want[2:] {
		if r := second.next("r "); r != w {
			t.Fatalf("draw after the restart %s, want %s: the generator did not continue", r, w)
		}
		second.send("a", 10)
	}
	second.stop(syscall.SIGTERM)
}

// SIGKILL: no shutdown save, so the updates since the last interval save are
// lost, and no more: every update seen more than one interval (plus the time
// to write the cache file) before the kill is restored.
func TestState_SIGKILL_LosesAtMostOneInterval(t *testing.T) {
	const interval = time.Second
	const slack = 300 * time.Millisecond // stdout pipe and cache file write
	env := []string{"STATE_DIR=" + t.TempDir(), "INTERVAL=" + interval.String()}
	p := startSP(t, statePipeline, env...)
	p.waitLog("starting with no state")
	p.send("b", 0)
	var seen []time.Time // seen[i]: when the output of a = i+1 came out
	for i := 1; len(seen) == 0 || time.Since(seen[0]) < 3*interval+interval/2; i++ {
		p.send("a", float64(i))
		if sum := p.next("sum "); sum != strconv.Itoa(i) {
			t.Fatalf("sum %s, want %d", sum, i)
		}
		seen = append(seen, time.Now())
		time.Sleep(10 * time.Millisecond)
	}
	killed := time.Now()
	p.stop(syscall.SIGKILL)

	q := startSP(t, statePipeline, env...)
	q.waitLog("state restored from cache")
	q.send("b", 0)
	restored, err := strconv.Atoi(q.next("sum "))
	must(t, err)
	lost := len(seen) - restored
	t.Logf("%d updates in %s, interval %s: %d restored, %d lost", len(seen), killed.Sub(seen[0]), interval, restored, lost)
	if restored < 1 || restored > len(seen) {
		t.Fatalf("restored a = %d, want one of the %d updates", restored, len(seen))
	}
	if lost > 0 {
		if firstLost := seen[restored]; killed.Sub(firstLost) > interval+slack {
			t.Errorf("update %d, seen %s before the kill, was lost: more than one interval (%s)", restored+1, killed.Sub(firstLost), interval)
		}
	}
	q.stop(syscall.SIGTERM)
}

// A corrupted cache entry fails the start with an error naming the key;
// on_bad_snapshot: reset starts with no state and the next save replaces it.
func TestState_CorruptedEntry_FailsNamingTheKey_ResetStartsFresh(t *testing.T) {
	dir := t.TempDir()
	p := startSP(t, statePipeline, "STATE_DIR="+dir)
	p.waitLog("starting with no state")
	p.send("a", 1)
	p.send("b", 2)
	p.next("sum ")
	p.stop(syscall.SIGTERM)
	path := filepath.Join(dir, stateKey)
	snapshot, err := os.ReadFile(path)
	must(t, err)
	snapshot[len(snapshot)/2] ^= 0xff
	must(t, os.WriteFile(path, snapshot, 0o644))

	bad := startSP(t, statePipeline, "STATE_DIR="+dir)
	select {
	case err := <-bad.exited:
		if err == nil {
			t.Fatalf("benthos-sp started on a corrupted snapshot:\n%s", bad.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("benthos-sp did not fail on a corrupted snapshot:\n%s", bad.stderr.String())
	}
	for _, want := range []string{"cache 'sp_state' key '" + stateKey + "'", "cannot be restored", "snapshot_invalid"} {
		if !strings.Contains(bad.stderr.String(), want) {
			t.Errorf("the error does not say %q:\n%s", want, bad.stderr.String())
		}
	}

	reset := startSP(t, statePipeline, "STATE_DIR="+dir, "ON_BAD_SNAPSHOT=reset")
	reset.waitLog("on_bad_snapshot is reset: starting with no state")
	reset.send("a", 5)
	reset.send("b", 1) // b = 2 from before is gone: a fresh start
	if sum := reset.next("sum "); sum != "6" {
		t.Fatalf("sum %s after a reset, want 6", sum)
	}
	reset.stop(syscall.SIGTERM)
	if saved, err := os.ReadFile(path); err != nil || bytes.Equal(saved, snapshot) {
		t.Fatalf("the corrupted snapshot was not replaced at shutdown (%v)", err)
	}
	again := startSP(t, statePipeline, "STATE_DIR="+dir)
	again.waitLog("state restored from cache")
	again.send("a", 10)
	if sum := again.next("sum "); sum != "11" {
		t.Fatalf("sum %s after restoring the replaced snapshot, want 11", sum)
	}
	again.stop(syscall.SIGTERM)
}

// A snapshot of another config (other sources on the same key) fails the start
// with an error naming the key, never a silent reset.
func TestState_ForeignSnapshot_FailsNamingTheKey(t *testing.T) {
	dir := t.TempDir()
	p := startSP(t, statePipeline, "STATE_DIR="+dir)
	p.waitLog("starting with no state")
	p.send("a", 1)
	p.next("r ")
	p.stop(syscall.SIGTERM)

	other := strings.Replace(statePipeline, "b: umh.v1.t._raw.b", "c: umh.v1.t._raw.c", 1)
	other = strings.Replace(other, "sum: a + b", "sum: a + c", 1)
	q := startSP(t, other, "STATE_DIR="+dir)
	select {
	case err := <-q.exited:
		if err == nil {
			t.Fatalf("benthos-sp started on another config's snapshot:\n%s", q.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("benthos-sp did not fail on another config's snapshot:\n%s", q.stderr.String())
	}
	for _, want := range []string{"cache 'sp_state' key '" + stateKey + "'", "cannot be restored", "snapshot_invalid"} {
		if !strings.Contains(q.stderr.String(), want) {
			t.Errorf("the error does not say %q:\n%s", want, q.stderr.String())
		}
	}
}
