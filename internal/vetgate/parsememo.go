package vetgate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// A parseMemo keeps the summaries of a package's files for the other units
// of the same package in one go vet run. go vet std vets a package with
// internal tests alone and with its _test.go files (the test variant, whose
// unit has the same ID and import path); both are roots, whose files the gate
// parses whole (so that a syntax error is reported as without the gate):
// about a third of what the gate parses on std. The memo lives in go vet's
// work directory, one file per import path, and answers only for files whose
// size and modification time are unchanged.
//
// A nil *parseMemo keeps nothing.
type parseMemo struct {
	file    string
	entries map[string]memoEntry
	added   bool
}

// A memoEntry is the summary of a file as it was when it was parsed.
type memoEntry struct {
	Size, ModTime int64
	Summary       *fileSummary
}

// openParseMemo returns the memo of the unit's package, or nil if the unit
// is not in a go vet work directory.
func openParseMemo(cfg *config) *parseMemo {
	work := runWorkDir(cfg)
	if work == "" {
		return nil
	}
	h := sha256.Sum256([]byte(cfg.ImportPath))
	file := filepath.Join(work, "weaklint-parsed", hex.EncodeToString(h[:16])+".json")
	m := &parseMemo{file: file, entries: make(map[string]memoEntry)}
	if data, err := os.ReadFile(file); err == nil {
		json.Unmarshal(data, &m.entries) // a damaged memo is only a miss
	}
	return m
}

// lookup returns the summary of the file name, if it has not changed since.
func (m *parseMemo) lookup(name string) (*fileSummary, bool) {
	if m == nil {
		return nil, false
	}
	e, ok := m.entries[name]
	if !ok || e.Summary == nil {
		return nil, false
	}
	fi, err := os.Stat(name)
	if err != nil || fi.Size() != e.Size || fi.ModTime().UnixNano() != e.ModTime {
		return nil, false
	}
	return e.Summary, true
}

// add records the summary of the file name, parsed whole and without error.
func (m *parseMemo) add(name string, s *fileSummary) {
	if m == nil {
		return
	}
	fi, err := os.Stat(name)
	if err != nil {
		return
	}
	m.entries[name] = memoEntry{Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Summary: s}
	// Only a package's non-test files are vetted again as a root (the
	// package and its test variant): a memo that gained only _test.go
	// files (a test variant after its package, an external test package)
	// is not worth a file.
	if !strings.HasSuffix(name, "_test.go") {
		m.added = true
	}
}

// save writes the memo for the next units, renaming a file of its own into
// place so that a reader never sees a partial file. Two units of a package
// that run at once each write what they know; the last one's stays.
func (m *parseMemo) save() {
	if m == nil || !m.added {
		return
	}
	data, err := json.Marshal(m.entries)
	if err != nil {
		return
	}
	dir := filepath.Dir(m.file)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, "tmp-*.json")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), m.file) != nil {
		os.Remove(tmp.Name())
	}
}
