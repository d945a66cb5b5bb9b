package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/weaklint/weaklint/analyzer"
)

// BenchmarkEditToDiagnostics measures, with weaklint's real analyzers, the
// time from an edit of an open file of a 20-file package
// (testdata/lsp/bench) to the publication of its new diagnostics, warm:
// the module was loaded when the file was opened. The debounce delay is set
// to 0 so that the figure is the server's own work (each edit is made once
// the previous one's diagnostics are out, when the server is idle: such an
// edit is analyzed at once whatever the delay).
//
// Each edit toggles an unchecked dereference, so the diagnostics really
// change. It reports the median and the 90th percentile, and how many
// loads happened during the edits (0: every edit re-checked one package).
func BenchmarkEditToDiagnostics(b *testing.B) {
	c := startServer(b, analyzer.All()...)
	c.initialize(map[string]any{"debounce": 0})
	name := filepath.Join(fixtureDir(b, "bench"), "store", "user.go")
	src, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	clean := strings.Replace(string(src), "return p.Value().Name // unchecked: weakderef reports this\n",
		"if v := p.Value(); v != nil {\n\t\treturn v.Name\n\t}\n\treturn \"\"\n", 1)
	if clean == string(src) {
		b.Fatal("the fixture no longer has the unchecked dereference the benchmark toggles")
	}
	u := c.open(name, string(src))
	start := time.Now()
	first := c.diagnostics(u, "diagnostics of the opened file", hasVersion(1))
	if len(first.Diagnostics) != 1 {
		b.Fatalf("opened file: %d diagnostics, want 1 (weakderef): %q", len(first.Diagnostics), messagesOf(first))
	}
	b.Logf("first diagnostics (load of the module and its dependencies): %v", time.Since(start).Round(time.Millisecond))
	loads := c.server.session.Stats.Loads.Load()

	var latencies []time.Duration
	b.ResetTimer()
	for i := range b.N {
		version := i + 2
		text, want := clean, 0
		if i%2 == 1 {
			text, want = string(src), 1
		}
		text += fmt.Sprintf("\n// edit %d\n", i)
		t0 := time.Now()
		c.change(u, version, text)
		p := c.diagnostics(u, "diagnostics of the edit", hasVersion(version))
		latencies = append(latencies, time.Since(t0))
		if len(p.Diagnostics) != want {
			b.Fatalf("edit %d: %d diagnostics, want %d: %q", i, len(p.Diagnostics), want, messagesOf(p))
		}
	}
	b.StopTimer()
	slices.Sort(latencies)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(latencies[len(latencies)/2]), "ms-median")
	b.ReportMetric(ms(latencies[len(latencies)*9/10]), "ms-p90")
	b.ReportMetric(float64(c.server.session.Stats.Loads.Load()-loads), "loads")
	c.shutdown()
}
