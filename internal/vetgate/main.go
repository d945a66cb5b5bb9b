package vetgate

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// NoGateEnv names the environment variable that turns the gate off.
const NoGateEnv = "WEAKLINT_NOGATE"

// LogEnv names an environment variable holding a file to which every vet
// unit appends one line, "skip <package>" or "full <package>: <reason>",
// to measure the gate.
const LogEnv = "WEAKLINT_GATELOG"

// Main is the main function of weaklint: go vet's per-package protocol with
// the gate in front of it, and multichecker for everything else.
func Main(analyzers ...*analysis.Analyzer) {
	// Registered before multichecker's flags, which then keep this -V.
	flag.Var(versionFlag{}, "V", "print version and exit")
	// -version for people; -V=full is go vet's handshake.
	flag.Bool("version", false, "print weaklint's version and exit")
	if v, _ := lookupBool(os.Args[1:], "version"); v {
		fmt.Println("weaklint", moduleVersion())
		os.Exit(0)
	}

	if n := len(os.Args); n > 1 && strings.HasSuffix(os.Args[n-1], ".cfg") {
		cfgFile, err := vetUnit(os.Args[n-1], os.Args[1:n-1], analyzers)
		if err != nil {
			log.SetFlags(0)
			log.Fatalf("weaklint: %v", err)
		}
		os.Args[n-1] = cfgFile
	}
	multichecker.Main(analyzers...)
}

// vetUnit is the gate: it exits 0 after writing the outputs of a skipped
// unit, or returns the config file that stock unitchecker should run.
func vetUnit(cfgFile string, flags []string, analyzers []*analysis.Analyzer) (string, error) {
	cfg, err := readConfig(cfgFile)
	if err != nil {
		return "", err
	}
	skip, reason := false, "gate off ("+NoGateEnv+")"
	if os.Getenv(NoGateEnv) == "" {
		if name := unsafeAnalyzer(enabled(analyzers, flags), flags); name != "" {
			reason = "analyzer " + name + " is not gate-safe with these flags"
		} else {
			skip, reason = skippable(cfg)
		}
	}
	logDecision(cfg, skip, reason)
	if skip {
		if err := writeSkipped(cfg, boolFlag(flags, "json")); err != nil {
			return "", err
		}
		os.Exit(0)
	}
	return completeDeps(cfg, cfgFile)
}

// writeSkipped writes what stock unitchecker writes for a package without
// facts or diagnostics: the vetx file (here without types, see vetx.go) and
// the stdout file, which holds an empty JSON object in -json mode.
func writeSkipped(cfg *config, json bool) error {
	if cfg.VetxOutput != "" {
		if err := writeVetx(cfg.VetxOutput, nil, nil); err != nil {
			return err
		}
	}
	if cfg.Stdout != "" {
		var out []byte
		if json && !cfg.VetxOnly {
			out = []byte("{}\n")
		}
		return os.WriteFile(cfg.Stdout, out, 0o666)
	}
	return nil
}

func logDecision(cfg *config, skip bool, reason string) {
	name := os.Getenv(LogEnv)
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return // a measurement aid; never fail vet over it
	}
	defer f.Close()
	line := "skip " + cfg.ID + "\n"
	if !skip {
		line = "full " + cfg.ID + ": " + reason + "\n"
	}
	f.WriteString(line) // one write: O_APPEND keeps concurrent lines whole
}

// enabled returns the analyzers that multichecker will run given the
// command-line flags: if any -NAME flag is true, only those; otherwise all
// but those whose -NAME flag is false (see x/tools analysisflags.Parse).
func enabled(analyzers []*analysis.Analyzer, flags []string) []*analysis.Analyzer {
	set := make(map[string]bool)
	anyTrue := false
	for _, a := range analyzers {
		if v, ok := lookupBool(flags, a.Name); ok {
			set[a.Name] = v
			anyTrue = anyTrue || v
		}
	}
	var keep []*analysis.Analyzer
	for _, a := range analyzers {
		v, ok := set[a.Name]
		if anyTrue && v || !anyTrue && (!ok || v) {
			keep = append(keep, a)
		}
	}
	return keep
}

func boolFlag(flags []string, name string) bool {
	v, _ := lookupBool(flags, name)
	return v
}

// lookupBool finds the last -name or -name=bool among flags (as go vet
// passes them: one argument each).
func lookupBool(flags []string, name string) (value, ok bool) {
	for _, arg := range flags {
		arg = strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
		k, v, hasValue := strings.Cut(arg, "=")
		if k != name {
			continue
		}
		b := true
		if hasValue {
			var err error
			if b, err = strconv.ParseBool(v); err != nil {
				continue // flag.Parse will complain
			}
		}
		value, ok = b, true
	}
	return value, ok
}

// versionFlag answers go vet's -V=full handshake like x/tools analysisflags,
// whose buildID is a hash of the executable, but also hashes whether the gate
// is on: go vet caches each unit's outputs under that ID, and a run with
// WEAKLINT_NOGATE=1 must not reuse the outputs of a gated run.
type versionFlag struct{}

func (versionFlag) IsBoolFlag() bool { return true }
func (versionFlag) Get() any         { return nil }
func (versionFlag) String() string   { return "" }
func (versionFlag) Set(s string) error {
	if s != "full" {
		return fmt.Errorf("unsupported flag value: -V=%s (use -V=full)", s)
	}
	progname, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(progname)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	fmt.Fprintf(h, "\n%s=%q\n", NoGateEnv, os.Getenv(NoGateEnv))
	fmt.Printf("%s version devel comments-go-here buildID=%02x\n", progname, h.Sum(nil))
	os.Exit(0)
	return nil
}

// moduleVersion is weaklint's module version, as go install recorded it.
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
