package vetgate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
)

// A factsMemo lets a dependency unit reuse the facts of an earlier unit of
// the same package in one go vet run, instead of type-checking the package
// again.
//
// go vet std vets a package as itself and again as a dependency of every
// test that recompiles it: os is vetted 17 times ("os" for io/fs's test,
// for syscall's, ...), internal/poll 16 times, net 9 times. A dependency
// unit (VetxOnly) reports nothing and exists for its vetx file's facts.
// Those are determined by
//
//   - the package's files and the rest of its configuration (the config
//     file without its outputs and dependencies' files),
//   - its direct dependencies' facts, which carry those of indirect ones
//     (compared byte for byte, so that object paths, which number methods,
//     are compared too), and
//   - the declarations of its dependencies that its code refers to: a test
//     variant of a dependency adds declarations (export_test.go) but changes
//     none, and the package's code cannot refer to the added ones, since it
//     compiles without them.
//
// The key of the memo covers the first two; a unit with the same key
// exports the same facts of its own. But for the inert facts about other
// packages' methods that its dependencies pass on (analyzer.Gate.InertFacts:
// derefs' facts on nil-safe methods, which most packages of std have in
// their dependencies): a test variant's dependencies pass on more of them
// (those of testing's dependencies, say), which the package's code cannot
// refer to, as above. The key leaves those out (keyFacts), and a unit that
// reuses the facts passes on its own dependencies' inert facts instead of
// the recorded unit's (rebaseFacts): one package's units that differ only
// in them reuse facts, as they did before those facts existed. The memo lives in go vet's work directory: each
// type-checked unit records, under its key, the vetx file that it is about
// to write; a dependency unit with that key copies the facts of that file,
// once the file is complete. It writes no types, like a skipped unit: a
// type-checked unit that imports it reads its types from the compiler's
// export data and keeps its facts (completeDeps).
//
// A nil *factsMemo records and finds nothing.
type factsMemo struct {
	entry string      // the file that names the vetx file of the key's first unit
	inert *inertFacts // the inert fact types, for keyFacts and rebaseFacts
	lock  *os.File    // the entry, open, once claimed (see claim)
	state lockState   // what claim found
}

// factsMemoVersion changes the keys when what they cover changes.
const factsMemoVersion = "weaklint facts memo 2\n"

// openFactsMemo returns the memo entry of the unit's key, or nil when the
// unit is not in a go vet work directory or its key cannot be computed.
func openFactsMemo(cfg *config, flags []string, inert *inertFacts) *factsMemo {
	work := runWorkDir(cfg)
	if work == "" {
		return nil
	}
	key, err := factsKey(cfg, flags, inert)
	if err != nil {
		return nil
	}
	return &factsMemo{entry: filepath.Join(work, "weaklint-facts", key), inert: inert}
}

// variantFields are the fields of a unit's config file that differ between
// units of one package whose facts are the same: the unit's identity and
// outputs, its dependencies' files (whose facts the key covers by content),
// and its files, which the key covers one by one (see fileKey).
var variantFields = []string{"ID", "VetxOnly", "VetxOutput", "Stdout", "PackageFile", "PackageVetx", "GoFiles", "NonGoFiles"}

// factsKey returns the memo key of a unit: a hash of its configuration
// (without variantFields), the command-line flags (which select analyzers
// and their settings), its files, and the facts of its direct
// dependencies (but the inert ones they pass on, see keyFacts).
func factsKey(cfg *config, flags []string, inert *inertFacts) (string, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(cfg.data, &fields); err != nil {
		return "", err
	}
	for _, f := range variantFields {
		delete(fields, f)
	}
	rest, err := json.Marshal(fields) // sorted by field name
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(factsMemoVersion))
	h.Write(rest)
	for _, f := range flags {
		fmt.Fprintf(h, "\nflag %q", f)
	}
	objdir := filepath.Dir(cfg.VetxOutput)
	for _, list := range [][]string{cfg.GoFiles, cfg.NonGoFiles} {
		fmt.Fprintf(h, "\nfiles %d", len(list))
		for _, name := range list {
			if err := fileKey(h, name, objdir); err != nil {
				return "", err
			}
		}
	}
	for _, path := range slices.Sorted(maps.Keys(cfg.PackageVetx)) {
		if err := hashFacts(h, path, cfg.PackageVetx[path], inert); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// fileKey adds a file of the unit to h: its name, size and modification
// time, or for a file that the go command generated in the unit's own
// directory (cgo's output: net's unit has seven), its base name and the hash
// of its contents, which are the same in every unit of the package.
func fileKey(h hash.Hash, name, objdir string) error {
	if filepath.Dir(name) == objdir {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "\ngenerated %q %x", filepath.Base(name), sha256.Sum256(data))
		return nil
	}
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "\nfile %q %d %d", name, fi.Size(), fi.ModTime().UnixNano())
	return nil
}

// hashFacts adds to h a dependency's path and the hash of its facts, but
// the inert ones it passes on.
func hashFacts(h hash.Hash, path, vetx string, inert *inertFacts) error {
	facts, err := readFactsSection(vetx)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "\ndep %q %x", path, sha256.Sum256(inert.keyFacts(path, facts)))
	return nil
}

func readFactsSection(vetx string) ([]byte, error) {
	hdr, err := readVetxHeader(vetx)
	if err != nil {
		return nil, err
	}
	return readVetxFacts(vetx, hdr)
}

// keyFacts returns the facts section of the dependency dep without the
// inert facts about other packages that it passes on, encoded again; or
// the section itself if it has none, or cannot be decoded.
func (f *inertFacts) keyFacts(dep string, data []byte) []byte {
	if f == nil || len(f.inert) == 0 || len(data) == 0 {
		return data
	}
	facts, err := f.decodeAll(data)
	if err != nil {
		return data
	}
	var own []gobFact
	for _, fact := range facts {
		if fact.PkgPath == dep || !f.inert[reflect.TypeOf(fact.Fact)] {
			own = append(own, fact)
		}
	}
	if len(own) == len(facts) {
		return data
	}
	enc, err := encodeFacts(own)
	if err != nil {
		return data
	}
	return enc
}

// rebaseFacts returns the facts that a unit that reuses the recorded facts
// writes: the recorded unit's, with the inert facts about other packages
// that it passed on replaced by those that the unit's own dependencies pass
// on (as unitchecker would: passedOn). The key covered everything else.
func (f *inertFacts) rebaseFacts(cfg *config, recorded []byte) ([]byte, bool) {
	if f == nil || len(f.inert) == 0 {
		return recorded, true
	}
	var facts []gobFact
	if len(recorded) > 0 {
		all, err := f.decodeAll(recorded)
		if err != nil {
			return nil, false
		}
		for _, fact := range all {
			if fact.PkgPath == cfg.ImportPath || !f.inert[reflect.TypeOf(fact.Fact)] {
				facts = append(facts, fact)
			}
		}
	}
	for _, vetx := range cfg.PackageVetx {
		data, err := readFactsSection(vetx)
		if err != nil {
			return nil, false
		}
		if len(data) == 0 {
			continue
		}
		deps, err := f.decodeAll(data)
		if err != nil {
			return nil, false
		}
		for _, fact := range passedOn(deps) {
			if f.inert[reflect.TypeOf(fact.Fact)] {
				facts = append(facts, fact)
			}
		}
	}
	enc, err := encodeFacts(facts)
	return enc, err == nil
}

// lookup returns the facts recorded under the key, if the unit that
// recorded them has written its vetx file completely. A unit that has not
// finished (or failed) leaves no file, a short one, or an older one of
// another size: the caller type-checks.
func (m *factsMemo) lookup(cfg *config) ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	data, err := os.ReadFile(m.entry)
	if err != nil {
		return nil, false
	}
	vetx := string(data)
	hdr, err := readVetxHeader(vetx)
	if err != nil {
		return nil, false
	}
	fi, err := os.Stat(vetx)
	if err != nil || fi.Size() != vetxHeaderSize+int64(hdr.typesLen)+int64(hdr.factsLen) {
		return nil, false
	}
	facts, err := readVetxFacts(vetx, hdr)
	if err != nil {
		return nil, false
	}
	return m.inert.rebaseFacts(cfg, facts)
}

// record notes that the unit about to be type-checked writes its facts to
// vetx (the unit's VetxOutput). Until the file is complete, lookup misses: a
// later unit with the key waits for the recording unit, which holds the
// entry's lock (claim), or else type-checks too.
//
// The entry is the lock file: a unit that holds the lock writes the name
// into it, in place (a reader finds it empty, or a name that does not name
// a complete vetx file, until then: a miss). A unit that could not take
// the lock records nothing, since replacing the file would leave the
// holder's lock on a file that no one opens; where there are no locks, or
// for a unit that did not claim the entry, the name is written to a new
// file renamed over the entry.
func (m *factsMemo) record(vetx string) {
	if m == nil || vetx == "" || !filepath.IsAbs(vetx) || strings.ContainsRune(vetx, '\n') {
		return
	}
	switch m.state {
	case lockHeld:
		if _, err := m.lock.WriteAt([]byte(vetx), 0); err == nil {
			m.lock.Truncate(int64(len(vetx)))
		}
		return
	case lockBusy:
		return
	}
	dir := m.dir()
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.WriteString(vetx)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), m.entry) != nil {
		os.Remove(tmp.Name())
	}
}

// dir is the directory of the memo's entries.
func (m *factsMemo) dir() string { return filepath.Dir(m.entry) }
