package vetgate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The files memo lets the dependency units (VetxOnly) of one package in a
// go vet run share what the gate learns from the package's files: why
// they matter (fileRelevance, "" if they cannot) and, if they do not, what
// nilsafe lists there (syntaxDerefs). go vet std runs 845 dependency units
// of 253 distinct sets of files (reflect 15 times, testing 31): each read
// every file whole (70 MB in all), parsed its imports, and scanned its text
// for nil-safe candidates and registrar names; with the memo, a unit whose
// package an earlier unit saw stats its files and reads one entry.
//
// The entry's key names the files by identity, as the syntax memo's does
// (syntaxKey), without reading them: name, size and modification time, or
// for a file that the go command generated in the unit's own directory
// (cgo's output) its base name and contents. The entry, in go vet's work
// directory, is a hard link to the run's one file with its contents
// (linkShared): nearly all hold the same thing, no reason and no derefs.
//
// Root units (not VetxOnly) do not use the memo: go vet runs each set of
// files as a root once, and their files are parsed whole (fileRelevance).
//
// A nil *filesMemo finds and records nothing.
type filesMemo struct {
	cfg   *config
	entry string
	// What the entry said, and what the unit learnt besides.
	reason    string
	hasReason bool // reason is known
	derefs    []syntaxDeref
	hasDerefs bool   // derefs are known
	stored    []byte // the entry as read (nil if none)
}

// filesMemoHeader starts every entry; it changes with what entries hold.
const filesMemoHeader = "weaklint dependency files 1\n"

// openFilesMemo returns the memo entry of a dependency unit's files, read
// if it is there, or nil for a root unit, outside a go vet work directory,
// or if a file cannot be named (the unit reads it, and fails, itself).
func openFilesMemo(cfg *config) *filesMemo {
	if !cfg.VetxOnly {
		return nil
	}
	work := runWorkDir(cfg)
	if work == "" {
		return nil
	}
	key, err := filesKey(cfg)
	if err != nil {
		return nil
	}
	m := &filesMemo{cfg: cfg, entry: filepath.Join(work, "weaklint-files-"+key)}
	if data, _, err := readWhole(m.entry); err == nil {
		m.stored = data
		m.decode(data)
	}
	return m
}

// filesKey returns the key of a dependency unit's files: a hash of what
// the gate's answer for them depends on besides their contents, its
// package path (nilsafe.ParamRuleApplies, and the derefs' paths) and its
// import map (importsRelevance), and of the files by identity.
func filesKey(cfg *config) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s%q %d", filesMemoHeader, cfg.ImportPath, len(cfg.ImportMap))
	for _, path := range slices.Sorted(maps.Keys(cfg.ImportMap)) {
		fmt.Fprintf(h, "\nimport %q %q", path, cfg.ImportMap[path])
	}
	objdir := filepath.Dir(cfg.VetxOutput)
	for _, name := range cfg.GoFiles {
		if filepath.Dir(name) == objdir {
			data, _, err := readWhole(name)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(h, "\ngenerated %q %x", filepath.Base(name), sha256.Sum256(data))
			continue
		}
		fi, err := os.Stat(name)
		if err != nil {
			return "", err
		}
		if !fi.Mode().IsRegular() {
			return "", fmt.Errorf("%s is not a regular file", name)
		}
		fmt.Fprintf(h, "\nfile %q %d %d", name, fi.Size(), fi.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// filesReason returns why the files matter, from the entry if it says.
func (m *filesMemo) filesReason(compute func() string) string {
	if m == nil {
		return compute()
	}
	if !m.hasReason {
		m.reason, m.hasReason = compute(), true
	}
	return m.reason
}

// syntaxDerefs returns what nilsafe lists in the files, from the entry if
// it says.
func (m *filesMemo) syntaxDerefs(compute func() ([]syntaxDeref, error)) ([]syntaxDeref, error) {
	if m == nil {
		return compute()
	}
	if !m.hasDerefs {
		derefs, err := compute()
		if err != nil {
			return nil, err // not remembered: unitchecker will report it
		}
		m.derefs, m.hasDerefs = derefs, true
	}
	return m.derefs, nil
}

// record writes what the unit learnt of its files, unless the entry
// holds it already.
func (m *filesMemo) record() {
	if m == nil || !m.hasReason {
		return
	}
	if data := m.encode(); !bytes.Equal(data, m.stored) {
		linkShared(m.cfg, m.entry, data)
	}
}

// encode is the entry: the header, the reason quoted on a line, and if the
// derefs are known a line "derefs" followed by them as the syntax memo
// writes them (encodeSyntaxDerefs).
func (m *filesMemo) encode() []byte {
	var buf bytes.Buffer
	buf.WriteString(filesMemoHeader)
	buf.WriteString(strconv.Quote(m.reason))
	buf.WriteByte('\n')
	if m.hasDerefs {
		buf.WriteString("derefs\n")
		buf.Write(bytes.TrimPrefix(encodeSyntaxDerefs(m.derefs), []byte(syntaxMemoHeader)))
	}
	return buf.Bytes()
}

// decode reads an entry; anything that encode does not write leaves the
// memo knowing nothing (the unit computes it all and records it again).
func (m *filesMemo) decode(data []byte) {
	rest, ok := bytes.CutPrefix(data, []byte(filesMemoHeader))
	if !ok {
		return
	}
	line, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return
	}
	reason, err := strconv.Unquote(string(line))
	if err != nil || strconv.Quote(reason) != string(line) {
		return
	}
	var derefs []syntaxDeref
	known := false
	if len(rest) > 0 {
		body, ok := strings.CutPrefix(string(rest), "derefs\n")
		if !ok {
			return
		}
		if derefs, ok = decodeSyntaxDerefs([]byte(syntaxMemoHeader + body)); !ok {
			return
		}
		known = true
	}
	m.reason, m.hasReason = reason, true
	m.derefs, m.hasDerefs = derefs, known
}
