package main_test

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMainStackFirst checks that package mainstack grows the main
// goroutine's stack before the packages whose initialization grew it
// (see its doc), as the runtime's init trace shows the order.
func TestMainStackFirst(t *testing.T) {
	cmd := exec.Command(weaklint, "-flags")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("weaklint -flags: %v\n%s", err, out)
	}
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	const mainstack = "github.com/weaklint/weaklint/cmd/weaklint/internal/mainstack"
	first, ok := order[mainstack]
	if !ok {
		t.Fatalf("no init of %s in the trace:\n%s", mainstack, out)
	}
	for _, pkg := range []string{"internal/platform", "golang.org/x/tools/go/ast/edge", "encoding/gob", "go/types"} {
		if i, ok := order[pkg]; !ok || i < first {
			t.Errorf("%s is initialized before %s (or not at all)", pkg, mainstack)
		}
	}
}

// TestNoMaxProcsUpdater checks that the binary carries main.go's go:debug
// setting: no goroutine following the CPU limit in each process.
func TestNoMaxProcsUpdater(t *testing.T) {
	out, err := exec.Command("go", "version", "-m", weaklint).CombinedOutput()
	if err != nil {
		t.Fatalf("go version -m: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "updatemaxprocs=0") {
		t.Errorf("weaklint's default GODEBUG lacks updatemaxprocs=0:\n%s", out)
	}
}

// BenchmarkProcessStart measures what every weaklint process pays besides
// its work: start, package initialization, the analyzers' flags and exit
// (weaklint -flags, which go vet runs once, prints the flags and exits), as
// go vet std starts about 1430 weaklint processes. It reports CPU time
// (user+sys) and minor page faults per process.
func BenchmarkProcessStart(b *testing.B) {
	var cpu time.Duration
	var faults int64
	for b.Loop() {
		cmd := exec.Command(weaklint, "-flags")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("weaklint -flags: %v\n%s", err, out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			faults += ru.Minflt
		}
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
	b.ReportMetric(float64(faults)/float64(b.N), "faults/op")
}
