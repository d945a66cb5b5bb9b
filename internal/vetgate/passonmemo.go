package vetgate

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
)

// A passOnMemo lets the units that the gate skips in one go vet run share
// the facts that they pass on, when their dependencies' facts sections are
// the same and all inert, and they have no facts of their own. Such a unit
// writes passOn of its dependencies' inert facts, which decoding those
// sections and encoding the union costs (gob's setup for each stream
// most). On go vet std, std's nil-safe method facts reach nearly every
// unit: 1334 skipped units have dependencies with facts, in 89 distinct
// sections, which make 524 distinct sets.
//
// The memo lives in go vet's work directory: an entry, named by the key of
// the set of the dependencies' sections (by content) and the fact types,
// is a hard link to the vetx file that the first unit with that key wrote
// (linkShared's file with its contents). It says that the sections' facts
// are all inert and what they pass on, so a unit that finds it decodes
// none of them (but to add facts of its own).
//
// A nil *passOnMemo records and finds nothing.
type passOnMemo struct {
	cfg   *config
	entry string
}

// passOnMemoVersion changes the keys when what they cover changes.
const passOnMemoVersion = "weaklint pass-on memo 1\n"

// openPassOnMemo returns the memo entry of the unit's dependencies' facts
// sections, or nil when the unit is not in a go vet work directory, has no
// dependency with facts, or one whose facts cannot be read.
func openPassOnMemo(cfg *config, sections *inertSections) *passOnMemo {
	if len(sections.sections) == 0 || sections.unreadable || sections.inert == nil || len(sections.inert.inert) == 0 {
		return nil
	}
	work := runWorkDir(cfg)
	if work == "" {
		return nil
	}
	h := sha256.New()
	h.Write([]byte(passOnMemoVersion))
	h.Write(sections.inert.fingerprint())
	for _, s := range sections.byHash() { // a set (inertSections.imported)
		h.Write(s.hash[:])
	}
	return &passOnMemo{cfg: cfg, entry: filepath.Join(work, "weaklint-passon-"+hex.EncodeToString(h.Sum(nil)[:16]))}
}

// fingerprint names the fact types that the gate decodes and those that it
// takes for inert: what passOn's output and the inertness of a section
// depend on, besides the sections.
func (f *inertFacts) fingerprint() []byte {
	var names []string
	for _, fact := range f.all {
		t := reflect.TypeOf(fact)
		name := t.String()
		if t.Kind() == reflect.Pointer {
			name = "*" + t.Elem().PkgPath() + "." + t.Elem().Name()
		}
		if f.inert[t] {
			name += " inert"
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return []byte(strings.Join(names, "\n") + "\n")
}

// lookup returns the facts section recorded under the key, if the entry is
// a complete vetx file without types that is the run's shared file with
// its contents (sharedFile): one that linkShared wrote. Anything else is
// ignored, and the caller decodes the sections.
func (m *passOnMemo) lookup() ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	// Stat, then read (readWhole, see rawfile.go): if the entry is replaced
	// in between, what was read is not the file stated, whose name
	// (sharedFile) says its contents, and it is ignored below.
	fi, err := os.Stat(m.entry)
	if err != nil || fi.Size() < vetxHeaderSize || fi.Size() > 64<<20 {
		return nil, false
	}
	data, _, err := readWhole(m.entry)
	if err != nil || int64(len(data)) != fi.Size() {
		return nil, false
	}
	if string(data[:4]) != vetxMagic || binary.LittleEndian.Uint32(data[4:8]) != 0 ||
		int64(binary.LittleEndian.Uint32(data[8:12])) != fi.Size()-vetxHeaderSize {
		return nil, false
	}
	shared, err := os.Stat(sharedFile(filepath.Dir(m.entry), data))
	if err != nil || !os.SameFile(fi, shared) {
		return nil, false
	}
	return bytes.Clone(data[vetxHeaderSize:]), true
}

// record notes that the unit's dependencies' sections are all inert and
// pass on facts (the unit's own vetx file's facts section, as it has none
// of its own).
func (m *passOnMemo) record(facts []byte) {
	if m == nil {
		return
	}
	linkShared(m.cfg, m.entry, vetxData(nil, facts))
}
