package lsp

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/weaklint/weaklint/lsp/internal/testanalyzer"
)

// TestEditWhileIdle: an edit made once the previous results are out is
// analyzed at once, whatever the debounce delay (a minute here): the delay
// only holds back edits made while an analysis runs or waits.
func TestEditWhileIdle(t *testing.T) {
	c := startServer(t, testanalyzer.BadCall)
	c.initialize(map[string]any{"debounce": "1m"})
	name := filepath.Join(fixtureDir(t, "basic"), "b", "b.go")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	u := c.open(name, string(src))
	c.diagnostics(u, "diagnostics of the opened file", hasVersion(1))
	for v := 2; v <= 3; v++ {
		text, want := string(src)+"\nfunc More() { bad() }\n", 2
		if v == 3 {
			text, want = string(src), 1
		}
		start := time.Now()
		c.change(u, v, text)
		p := c.diagnostics(u, "diagnostics of the edit", hasVersion(v))
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("edit %d made while idle: diagnostics after %v, want them at once, not after the debounce delay", v, d)
		}
		if len(p.Diagnostics) != want {
			t.Errorf("edit %d: %d diagnostics, want %d: %q", v, len(p.Diagnostics), want, messagesOf(p))
		}
	}
	c.shutdown()
}

// TestEditWhileBusy: an edit made while an analysis runs or is due waits
// for the debounce delay.
func TestEditWhileBusy(t *testing.T) {
	for _, busy := range []struct {
		name         string
		due, running bool
	}{{"running", false, true}, {"due", true, false}, {"idle", false, false}} {
		d := newDiagnoser(nil)
		d.due, d.running = busy.due, busy.running
		d.scheduleEdit(time.Hour)
		select {
		case <-d.wake:
			if busy.due || busy.running {
				t.Errorf("%s: an edit was analyzed at once, want it held back by the debounce delay", busy.name)
			}
		case <-time.After(200 * time.Millisecond):
			if !busy.due && !busy.running {
				t.Errorf("%s: an edit was held back, want it analyzed at once", busy.name)
			}
		}
		d.stop()
	}
}
