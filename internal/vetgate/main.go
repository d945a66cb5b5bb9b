package vetgate

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// NoGateEnv names the environment variable that turns the gate off.
const NoGateEnv = "WEAKLINT_NOGATE"

// LogEnv names an environment variable holding a file to which every vet
// unit appends one line, "skip <package>", "reuse <package>: <reason>" (a
// dependency unit that reused another unit's facts, see factsMemo) or
// "full <package>: <reason>", to measure the gate.
const LogEnv = "WEAKLINT_GATELOG"

// Main is the main function of weaklint: go vet's per-package protocol with
// the gate in front of it, and multichecker for everything else.
func Main(analyzers ...*analysis.Analyzer) {
	// Registered before multichecker's flags, which then keep this -V.
	flag.Var(versionFlag{}, "V", "print version and exit")
	// -version for people; -V=full is go vet's handshake, and in a vet unit
	// (which go vet would pass -version to) it is ignored.
	flag.Bool("version", false, "print weaklint's version and exit")
	n := len(os.Args)
	unit := n > 1 && strings.HasSuffix(os.Args[n-1], ".cfg")
	if unit {
		// Nothing writes a memory profile in a vet unit (unitchecker
		// ignores -memprofile): do not record the stack of an allocation
		// every 512 kB, about 1% of the CPU of a unit that type-checks
		// (net: 1.1%). The runtime takes one last sample on seeing the
		// change, about what a skipped unit, allocating 0.5 MB, took.
		runtime.MemProfileRate = 0
	}
	if v, _ := lookupBool(os.Args[1:], "version"); v && !unit {
		fmt.Println("weaklint", moduleVersion())
		os.Exit(0)
	}

	if unit && os.Getenv(renderRootEnv) != "" {
		// A dependency unit's child, run as a root unit (renderRoot):
		// its config is complete, and the parent decided for the gate.
		deferGC()
	} else if unit {
		cfgFile, err := vetUnit(os.Args[n-1], os.Args[1:n-1], analyzers)
		if err != nil {
			log.SetFlags(0)
			log.Fatalf("weaklint: %v", err)
		}
		os.Args[n-1] = cfgFile
	}
	multichecker.Main(analyzers...)
}

// vetUnit is the gate: it exits 0 after writing the outputs of a unit that
// it answers without type-checking (skipped, or a dependency unit that
// reuses another unit's facts), or returns the config file that stock
// unitchecker should run.
func vetUnit(cfgFile string, flags []string, analyzers []*analysis.Analyzer) (string, error) {
	// First, so that the gate's own parsing does not collect either.
	deferGC()
	cfg, err := readConfig(cfgFile)
	if err != nil {
		return "", err
	}
	gateOn := os.Getenv(NoGateEnv) == ""
	skip, reason := false, "gate off ("+NoGateEnv+")"
	var facts []byte
	var inert *inertFacts
	if gateOn {
		roots := enabled(analyzers, flags)
		inert = newInertFacts(tableGate, roots)
		if name := unsafeAnalyzer(tableGate, roots, flags); name != "" {
			reason = "analyzer " + name + " is not gate-safe with these flags"
		} else {
			skip, reason, facts = skippable(cfg, inert)
		}
	}
	if skip {
		logDecision(cfg, "skip", "")
		if err := writeAnswered(cfg, facts, boolFlag(flags, "json")); err != nil {
			return "", err
		}
		os.Exit(0)
	}
	var memo *factsMemo
	if gateOn && cfg.FixArchive == "" {
		memo = openFactsMemo(cfg, flags, inert)
	}
	replay := memo != nil && replayable(flags)
	held := false
	if cfg.VetxOnly {
		facts, ok := memo.lookup(cfg)
		if !ok {
			// A twin that holds the key's lock is type-checking it: wait
			// for it, or else hold the lock while type-checking, so that
			// the twins that come next wait for this unit.
			var waited bool
			if held, waited = memo.claim(true); waited {
				facts, ok = memo.lookup(cfg)
				reason += " (after waiting for a unit with the same key)"
			}
		}
		if ok {
			logDecision(cfg, "reuse", reason)
			if err := writeAnswered(cfg, facts, false); err != nil {
				return "", err
			}
			os.Exit(0)
		}
	} else if replay {
		// A root unit reuses a twin's work only if the twin recorded what
		// the root prints (see rootOutput).
		out, facts, ok := memo.lookupRoot(cfg)
		if !ok {
			var waited bool
			if held, waited = memo.claim(true); waited {
				out, facts, ok = memo.lookupRoot(cfg)
				reason += " (after waiting for a unit with the same key)"
			}
		}
		if ok {
			logDecision(cfg, "reuse", reason+" (replays a dependency unit's diagnostics)")
			return "", replayRoot(cfg, out, facts)
		}
	} else {
		held, _ = memo.claim(false)
	}
	memo.record(cfg.VetxOutput)
	logDecision(cfg, "full", reason)
	full, err := completeDeps(cfg, cfgFile)
	if err == nil && cfg.VetxOnly && replay && held && mayShareRootKey(cfg) && memo.renderRoot(cfg, full, flags) {
		os.Exit(0)
	}
	return full, err
}

// writeAnswered writes what stock unitchecker writes for a package without
// diagnostics and with the given facts: the vetx file (here without types,
// see xtools.go) and, unless it would be empty, the stdout file (see
// skippedStdout).
func writeAnswered(cfg *config, facts []byte, json bool) error {
	if cfg.VetxOutput != "" {
		if err := writeShared(cfg, cfg.VetxOutput, vetxData(nil, facts)); err != nil {
			return err
		}
	}
	if out := skippedStdout(cfg, json); cfg.Stdout != "" && len(out) > 0 {
		return writeShared(cfg, cfg.Stdout, out)
	}
	return nil
}

// writeShared writes data to the unit's output file name: as a hard link
// to the run's one file with these contents (linkShared), or else as a file
// of its own.
func writeShared(cfg *config, name string, data []byte) error {
	if linkShared(cfg, name, data) {
		return nil
	}
	os.Remove(name) // it may be a link to a shared file: never write through one
	return os.WriteFile(name, data, 0o666)
}

// linkShared makes the unit's output file name a hard link to the run's one
// file with these contents, in go vet's work directory, which it creates if
// need be, and reports whether it did. Answered units write few distinct
// outputs (go vet std: about 1400 vetx files, most without facts, the rest
// passing on one of a few dozen sets of inert facts, and since Go 1.26,
// which passes -json to the tool to parse its diagnostics, "{}" on the
// stdout of each of about 500 root units); a link costs a directory entry,
// a new file also an inode, whose allocation costs about 1 ms of CPU on a
// busy ext4 file system, more than the rest of a skipped unit's own work.
// Nothing writes an output file after its unit: the go command reads it and
// copies it into its cache.
func linkShared(cfg *config, name string, data []byte) bool {
	work := runWorkDir(cfg)
	if work == "" {
		return false
	}
	shared := sharedFile(work, data)
	if link(shared, name) {
		return true
	}
	// The first unit with these contents creates the file, whole, under
	// its final name.
	tmp, err := os.CreateTemp(work, "weaklint-tmp-*")
	if err != nil {
		return false
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), shared) != nil {
		os.Remove(tmp.Name())
		return false
	}
	return link(shared, name)
}

// sharedFile is the name of the run's one file with these contents.
func sharedFile(work string, data []byte) string {
	h := sha256.Sum256(data)
	return filepath.Join(work, "weaklint-shared-"+hex.EncodeToString(h[:16]))
}

// link makes name a hard link to shared. A file already there (left by an
// earlier run of the unit in the same directory) may itself be a link to a
// shared file, so it is replaced, never written through.
func link(shared, name string) bool {
	err := os.Link(shared, name)
	if errors.Is(err, fs.ErrExist) && os.Remove(name) == nil {
		err = os.Link(shared, name)
	}
	return err == nil
}

// logDecision appends "skip ID", "reuse ID: reason" or "full ID: reason"
// to the gate log (LogEnv), where reason says why the unit could not be
// skipped.
func logDecision(cfg *config, decision, reason string) {
	name := os.Getenv(LogEnv)
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return // a measurement aid; never fail vet over it
	}
	defer f.Close()
	line := decision + " " + cfg.ID + "\n"
	if reason != "" {
		line = decision + " " + cfg.ID + ": " + reason + "\n"
	}
	f.WriteString(line) // one write: O_APPEND keeps concurrent lines whole
}

// moduleVersion is weaklint's module version, as go install recorded it.
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
