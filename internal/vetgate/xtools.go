package vetgate

// This file holds everything the gate assumes about golang.org/x/tools (and
// the go command's side of the vet protocol): the gate answers go vet in
// unitchecker's place for the packages it skips, and hands the others to
// stock unitchecker, so each of these must match what x/tools does. They were
// checked against the version below; TestXToolsVersion fails when go.mod
// moves to another, so that each is checked again:
//
//   - the unit config file (unitchecker.Config, readConfig): config;
//   - the vetx file layout (unitchecker's readVetxFile, writeVetxFile, and
//     internal/facts' encoding of an empty fact set): vetx*, writeVetx;
//   - the facts section of a vetx file (internal/facts: a gob-encoded
//     []gobFact; Set.Encode passes on imported facts about methods and
//     fields, not those about packages or package-level functions): gobFact,
//     passOn;
//   - the types section of a vetx file (gcimporter.IExportData: indexed
//     export data without gcexportdata.Write's 'i' prefix, strings as a
//     uvarint length and bytes): vetxTypes, exportedString;
//   - the -V=full handshake (analysisflags.versionFlag): versionFlag;
//   - which analyzers run and how boolean flags are spelled
//     (analysisflags.Parse, package flag): enabled, lookupBool;
//   - what a unit without diagnostics prints with -json (unitchecker's
//     processResults, driverutil.JSONTree.Print), and that the go command
//     accepts a unit without a stdout file (cmd/go's Builder.vet):
//     skippedStdout;
//   - the go command's work directory, where go vet puts each unit's
//     outputs (cmd/go's Builder.vet: $WORK/bNNN/vet.out, and $WORK is named
//     go-build*, removed when go vet exits): runWorkDir.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
)

// xtoolsChecked is the version of golang.org/x/tools that this file was
// checked against.
const xtoolsChecked = "v0.52.0"

// -- unit config --

// config is the part of the go vet unit description (unitchecker.Config) that
// the gate reads or rewrites. A rewritten file keeps every field of the
// original verbatim (data), including those the gate does not know.
type config struct {
	ID           string
	Dir          string // the package's directory
	ImportPath   string
	GoFiles      []string
	NonGoFiles   []string
	IgnoredFiles []string          // the directory's files that the build constraints exclude
	ImportMap    map[string]string // import path in the source → package path
	PackageFile  map[string]string // package path → the compiler's export data
	PackageVetx  map[string]string // package path → vetx file, for direct dependencies
	VetxOnly     bool              // a dependency: facts only, no diagnostics
	VetxOutput   string
	Stdout       string
	FixArchive   string

	data []byte // the file's contents
}

func readConfig(filename string) (*config, error) {
	data, _, err := readWhole(filename)
	if err != nil {
		return nil, err
	}
	cfg := &config{data: data}
	if decodeConfig(data, cfg) {
		return cfg, nil
	}
	cfg = &config{data: data}
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("cannot decode JSON config file %s: %v", filename, err)
	}
	return cfg, nil
}

// writeWithVetx writes a copy of the original config file with PackageVetx
// replaced by vetx.
func (cfg *config) writeWithVetx(filename string, vetx map[string]string) error {
	var out map[string]json.RawMessage
	if err := json.Unmarshal(cfg.data, &out); err != nil {
		return err
	}
	m, err := json.Marshal(vetx)
	if err != nil {
		return err
	}
	out["PackageVetx"] = m
	data, err := json.MarshalIndent(out, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(filename, data, 0o666)
}

// runWorkDir returns the go command's work directory for this run of go vet
// ($WORK, which the go command removes when it exits), or "" if the unit's
// outputs are not in one. The go command writes a unit's outputs in
// $WORK/bNNN/ and names $WORK go-buildNNN.
func runWorkDir(cfg *config) string {
	if cfg.VetxOutput == "" {
		return ""
	}
	work := filepath.Dir(filepath.Dir(cfg.VetxOutput))
	if !strings.HasPrefix(filepath.Base(work), "go-build") {
		return ""
	}
	return work
}

// -- vetx files --

// A vetx file, as unitchecker writes and reads it, is
//
//	"vetx" | uint32le len(types) | uint32le len(facts) | types | facts
//
// where types is indexed export data (vetxTypes) and facts is the
// gob-encoded fact set, empty when the package has no facts
// (internal/facts: Set.Encode writes nothing for an empty set and
// Decoder.Decode skips empty data).
//
// A gated package writes no types, since it was never type-checked: a
// skipped package writes a header only (no facts either), a dependency unit
// that reuses another unit's facts (factsMemo) writes those facts. Stock
// unitchecker cannot import such a package, so before a package goes down
// the stock path its gated direct dependencies are given full vetx files
// with types converted from the compiler's export data, and their facts
// (see completeDeps).
const (
	vetxMagic      = "vetx"
	vetxHeaderSize = 12
)

// vetxHeader holds the lengths of a vetx file's two sections.
type vetxHeader struct {
	typesLen, factsLen uint32
}

// gated reports whether the file was written by the gate: it has no types.
func (h vetxHeader) gated() bool { return h.typesLen == 0 }

// readVetxHeader reads the section lengths of a vetx file without reading
// the sections themselves.
func readVetxHeader(filename string) (vetxHeader, error) {
	f, err := openRaw(filename)
	if err != nil {
		return vetxHeader{}, err
	}
	defer f.Close()
	return readOpenVetxHeader(f, filename)
}

// readVetxHeaderFacts reads the section lengths of a vetx file and its
// facts section, opening it once (a skipped unit reads those of each
// dependency); factsErr is the error from reading the facts.
func readVetxHeaderFacts(filename string) (h vetxHeader, facts []byte, err, factsErr error) {
	f, err := openRaw(filename)
	if err != nil {
		return vetxHeader{}, nil, err, nil
	}
	defer f.Close()
	if h, err = readOpenVetxHeader(f, filename); err != nil {
		return vetxHeader{}, nil, err, nil
	}
	facts, factsErr = readOpenVetxFacts(f, filename, h)
	return h, facts, nil, factsErr
}

func readOpenVetxHeader(f io.ReaderAt, filename string) (vetxHeader, error) {
	var buf [vetxHeaderSize]byte
	if _, err := f.ReadAt(buf[:], 0); err != nil {
		return vetxHeader{}, fmt.Errorf("vetx file %s too short", filename)
	}
	if string(buf[:4]) != vetxMagic {
		return vetxHeader{}, fmt.Errorf("vetx file %s has bad magic", filename)
	}
	return vetxHeader{
		typesLen: binary.LittleEndian.Uint32(buf[4:8]),
		factsLen: binary.LittleEndian.Uint32(buf[8:12]),
	}, nil
}

// readVetxTypes reads the types section of a vetx file.
func readVetxTypes(filename string, h vetxHeader) ([]byte, error) {
	f, err := openRaw(filename)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, h.typesLen)
	if _, err := f.ReadAt(data, vetxHeaderSize); err != nil {
		return nil, fmt.Errorf("vetx file %s: %v", filename, err)
	}
	return data, nil
}

// readVetxFacts reads the facts section of a vetx file.
func readVetxFacts(filename string, h vetxHeader) ([]byte, error) {
	if h.factsLen == 0 {
		return nil, nil
	}
	f, err := openRaw(filename)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpenVetxFacts(f, filename, h)
}

func readOpenVetxFacts(f io.ReaderAt, filename string, h vetxHeader) ([]byte, error) {
	if h.factsLen == 0 {
		return nil, nil
	}
	data := make([]byte, h.factsLen)
	if _, err := f.ReadAt(data, vetxHeaderSize+int64(h.typesLen)); err != nil {
		return nil, fmt.Errorf("vetx file %s: %v", filename, err)
	}
	return data, nil
}

// writeVetx writes a vetx file with the given sections.
func writeVetx(filename string, types, facts []byte) error {
	return os.WriteFile(filename, vetxData(types, facts), 0o666)
}

// vetxData returns the contents of a vetx file with the given sections.
func vetxData(types, facts []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(vetxHeaderSize + len(types) + len(facts))
	buf.WriteString(vetxMagic)
	buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(types))))
	buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(facts))))
	buf.Write(types)
	buf.Write(facts)
	return buf.Bytes()
}

// vetxTypes encodes pkg as the types section of a vetx file: what
// unitchecker writes (gcimporter.IExportData) and reads back
// (gcimporter.IImportData), which is gcexportdata.Write's output without its
// leading format byte 'i'.
func vetxTypes(fset *token.FileSet, pkg *types.Package) ([]byte, error) {
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, fset, pkg); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if len(data) == 0 || data[0] != 'i' {
		return nil, fmt.Errorf("gcexportdata.Write: not indexed export data")
	}
	return data[1:], nil
}

// exportedString is s as it appears in the string section of indexed export
// data: its length as a uvarint, then its bytes.
func exportedString(s string) []byte {
	return append(binary.AppendUvarint(nil, uint64(len(s))), s...)
}

// -- flags --

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

// -- output --

// skippedStdout is what unitchecker writes to a unit's stdout file when the
// package has no diagnostics: nothing, or with -json an empty JSON object
// for a package go vet was asked about. Unlike unitchecker, the gate does
// not create an empty stdout file: the go command reads the file only if it
// exists, and caches it only then (cmd/go's Builder.vet), so that each of
// the ~1300 skipped units of go vet std would cost one more file in the
// unit's directory and one more entry in the build cache. Since Go 1.26,
// go vet passes -json to the tool whether or not it was given -json (it
// parses the diagnostics itself, cmd/go's runVet), so each root unit
// writes "{}" (as a link to one shared file, linkShared).
func skippedStdout(cfg *config, json bool) []byte {
	if json && !cfg.VetxOnly {
		return []byte("{}\n")
	}
	return nil
}
