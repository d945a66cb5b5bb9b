package vetgate

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

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
