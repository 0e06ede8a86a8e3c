package streamprocessor

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redpanda-data/benthos/v4/public/service"
)

// Benthos interpolates environment variables (`${NAME}`, `${NAME:default}`,
// `${NAME|function}`, NAME of letters, digits, `_` and `.`) in the config text
// before the plugin sees it, template literals included. What engines/README.md
// says to write, checked through a real stream and the benthos-sp binary.

// envConfig is a processor whose mapping x is expr, over the alias burnerOn.
func envConfig(expr string) string {
	return `stream_processor:
  model: { name: m, version: v1 }
  output_topic: o
  sources: { burnerOn: t.burner }
  mapping:
    x: '` + strings.ReplaceAll(expr, "'", "''") + `'
`
}

// runEnvStream runs one message (burnerOn = true) through a stream with expr;
// the output's payload, or the error the stream failed with.
func runEnvStream(t *testing.T, expr string) (string, error) {
	t.Helper()
	y := envConfig(expr)
	must(t, RecordConfigYAML([]byte(y)))
	b := service.NewStreamBuilder()
	must(t, b.SetLoggerYAML("level: none"))
	produce, err := b.AddBatchProducerFunc()
	must(t, err)
	if err := b.AddProcessorYAML(y); err != nil {
		return "", err
	}
	var got []string
	must(t, b.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
		for _, m := range batch {
			p, _ := m.AsBytes()
			got = append(got, string(p))
		}
		return nil
	}))
	s, err := b.Build()
	must(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	msg := service.NewMessage([]byte(`{"value":true,"timestamp_ms":1}`))
	msg.MetaSetMut(TopicKey, "t.burner")
	produced := make(chan error, 1)
	go func() { produced <- produce(ctx, service.MessageBatch{msg}) }()
	select {
	case err := <-done: // the processor failed to start
		return "", err
	case err := <-produced:
		must(t, err)
	}
	must(t, s.Stop(ctx))
	if len(got) != 1 {
		t.Fatalf("%s: %d outputs %v, want one", expr, len(got), got)
	}
	return got[0], nil
}

// setEnv sets the variable for the test, or unsets it for an empty value.
func setEnv(t *testing.T, name, value string) {
	t.Setenv(name, value) // restored when the test ends
	if value == "" {
		must(t, os.Unsetenv(name))
	}
}

func TestEnvVars_TemplateLiteralSubstitutions_ThroughAStream(t *testing.T) {
	for _, c := range []struct {
		expr, env, want string
	}{
		// An expression that is not a bare name (or member chain) passes unchanged.
		{expr: "`${burnerOn ? \"on\" : \"off\"}`", want: "on"},
		{expr: "`${burnerOn?1:0}`", want: "1"},
		{expr: "`${burnerOn.toString()}`", want: "true"},
		{expr: "`${burnerOn | 0}`", want: "1"},
		// A bare alias: the escape, a space or parentheses keep it.
		{expr: "`${{burnerOn}}`", want: "true"},
		{expr: "`${ burnerOn }`", want: "true"},
		{expr: "`${(burnerOn)}`", want: "true"},
		// Unescaped it is the environment variable (a stream built in Go puts
		// an empty string when it is not set), and so is a member chain.
		{expr: "`${burnerOn}`", want: ""},
		{expr: "`${burnerOn}`", env: "ENV", want: "ENV"},
		{expr: "`${burnerOn.length}`", want: ""},
		// `$${...}` is no escape: the `${...}` inside is still replaced.
		{expr: "`$${burnerOn}`", env: "ENV", want: "$ENV"},
	} {
		setEnv(t, "burnerOn", c.env)
		got, err := runEnvStream(t, c.expr)
		if err != nil {
			t.Errorf("%s (burnerOn=%q): %v", c.expr, c.env, err)
			continue
		}
		if want := `{"value":"` + c.want + `","timestamp_ms":1}`; got != want {
			t.Errorf("%s (burnerOn=%q): got %s, want %s", c.expr, c.env, got, want)
		}
	}
	// `${{...}}` around anything but a bare name is left as written: the module
	// then reads an object literal `{burnerOn ? ...}`, rejects it, and the
	// processor does not start.
	_, err := runEnvStream(t, "`${{burnerOn ? \"on\" : \"off\"}}`")
	if err == nil || !strings.Contains(err.Error(), "expected ':' after a property name, found '?'") {
		t.Errorf("${{expression}}: %v, want the module's object-literal syntax error", err)
	}
	// `${a|b}` is a variable with a decode function.
	_, err = runEnvStream(t, "`${burnerOn|0}`")
	if err == nil || !strings.Contains(err.Error(), "unknown env var decode function: 0") {
		t.Errorf("${a|0}: %v, want Benthos's decode-function error", err)
	}
}

func TestEnvVars_BuiltBinary_RefusesAnUnsetVariableAndRunsAnExpression(t *testing.T) {
	bin := buildBinary(t)
	setEnv(t, "burnerOn", "")
	run := func(expr string) (string, string, error) {
		conf := `input: { stdin: { scanner: { lines: {} } } }
pipeline:
  processors:
    - mapping: 'meta umh_topic = "t.burner"'
    - ` + strings.ReplaceAll(strings.TrimSuffix(envConfig(expr), "\n"), "\n", "\n      ") + `
output: { stdout: { codec: lines } }
logger: { level: warn }
`
		path := filepath.Join(t.TempDir(), "c.yaml")
		must(t, os.WriteFile(path, []byte(conf), 0o644))
		cmd := exec.Command(bin, "-c", path)
		cmd.Stdin = strings.NewReader(`{"value":true,"timestamp_ms":1}` + "\n")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		return stdout.String(), stderr.String(), err
	}
	out, stderr, err := run("`${burnerOn ? \"on\" : \"off\"}`")
	if err != nil || out != `{"value":"on","timestamp_ms":1}`+"\n" {
		t.Errorf("an expression in ${...}: %v, stdout %q, stderr %s", err, out, stderr)
	}
	out, stderr, err = run("`${burnerOn}`")
	if err == nil || out != "" || !strings.Contains(stderr, "required environment variables were not set: [burnerOn]") {
		t.Errorf("a bare ${alias}: %v, stdout %q, stderr %s", err, out, stderr)
	}
}
