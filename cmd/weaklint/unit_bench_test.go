package main_test

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkVetUnitSkipped measures what one go vet unit that the gate skips
// costs: a whole process of the weaklint binary (start, package
// initialization, the gate's reading and parsing), as go vet std runs about
// 1300 of them. It reports CPU time (user+sys) per unit, the figure that
// counts on a shared machine, beside the wall time. The units are real
// packages of GOROOT: strings, as a package go vet was asked about (parsed
// whole), and time, as a dependency (imports only, then the files that
// import runtime).
func BenchmarkVetUnitSkipped(b *testing.B) {
	for _, unit := range []struct {
		name, pkg string
		vetxOnly  bool
	}{
		{"root", "strings", false},
		{"dependency", "time", true},
	} {
		b.Run(unit.name, func(b *testing.B) {
			cfgFile := skippedUnitConfig(b, unit.pkg, unit.vetxOnly)
			var cpu time.Duration
			b.ResetTimer()
			for b.Loop() {
				cmd := exec.Command(weaklint, cfgFile)
				cmd.Env = append(os.Environ(), "WEAKLINT_NOGATE=", "WEAKLINT_GATELOG=")
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("weaklint %s: %v\n%s", cfgFile, err, out)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}

// skippedUnitConfig writes the vet config of a unit for package pkg of
// GOROOT whose direct dependencies were all skipped, and checks that the
// gate skips it.
func skippedUnitConfig(b *testing.B, pkg string, vetxOnly bool) string {
	b.Helper()
	out, err := exec.Command("go", "list", "-json", pkg).Output()
	if err != nil {
		b.Fatalf("go list %s: %v", pkg, err)
	}
	var p struct {
		Dir        string
		ImportPath string
		GoFiles    []string
		Imports    []string
	}
	if err := json.Unmarshal(out, &p); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	// A skipped dependency's vetx file: a header without types or facts.
	gated := filepath.Join(dir, "dep.vetx")
	header := binary.LittleEndian.AppendUint64([]byte("vetx"), 0)
	if err := os.WriteFile(gated, header, 0o666); err != nil {
		b.Fatal(err)
	}
	cfg := map[string]any{
		"ID":          p.ImportPath,
		"Compiler":    "gc",
		"Dir":         p.Dir,
		"ImportPath":  p.ImportPath,
		"ImportMap":   map[string]string{},
		"PackageFile": map[string]string{},
		"PackageVetx": map[string]string{},
		"VetxOnly":    vetxOnly,
		"VetxOutput":  filepath.Join(dir, "vet.out"),
		"Stdout":      filepath.Join(dir, "vet.stdout"),
	}
	var files []string
	for _, f := range p.GoFiles {
		files = append(files, filepath.Join(p.Dir, f))
	}
	cfg["GoFiles"] = files
	for _, imp := range p.Imports {
		if imp == "unsafe" || imp == "C" {
			continue
		}
		cfg["ImportMap"].(map[string]string)[imp] = imp
		cfg["PackageVetx"].(map[string]string)[imp] = gated
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		b.Fatal(err)
	}
	cfgFile := filepath.Join(dir, "vet.cfg")
	if err := os.WriteFile(cfgFile, data, 0o666); err != nil {
		b.Fatal(err)
	}
	// The unit must be skipped, or this measures something else.
	log := filepath.Join(dir, "gate.log")
	cmd := exec.Command(weaklint, cfgFile)
	cmd.Env = append(os.Environ(), "WEAKLINT_NOGATE=", "WEAKLINT_GATELOG="+log)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("weaklint %s: %v\n%s", cfgFile, err, out)
	}
	if got, _ := os.ReadFile(log); string(got) != "skip "+p.ImportPath+"\n" {
		b.Fatalf("the gate did not skip %s: %s", pkg, got)
	}
	return cfgFile
}
