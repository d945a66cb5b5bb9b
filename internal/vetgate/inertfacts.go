package vetgate

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// inertFacts knows the fact types that do not stop the gate from skipping a
// package (analyzer.Gate.InertFacts): crypto/tls imports weak, so derefs and
// referents export facts about its methods (which parameters they
// dereference, which check their arguments), which every importer of
// crypto/tls (net/http and ~50 more units of go vet std) would otherwise be
// type-checked to pass on, although they cannot change anything there.
//
// A nil *inertFacts knows none.
type inertFacts struct {
	inert map[reflect.Type]bool
	all   []analysis.Fact // every fact type of the analyzers, for gob
	// syntax are the analyzers' SyntaxFacts, which make the facts that a
	// skipped package exports from syntax alone (nilSafeFacts).
	syntax     []func(nilsafe.Summary) analysis.Fact
	registered bool // with gob (register)
	// decoded holds the sections decoded so far, by the SHA-256 of their
	// contents: a unit that is not skipped decodes its dependencies'
	// sections to decide (inertSections), to key the facts memo
	// (keyFacts) and to pass on their inert facts (rebaseFacts), and gob
	// costs most of that.
	decoded map[[sha256.Size]byte]decodedSection
}

// A decodedSection is a facts section, decoded.
type decodedSection struct {
	facts []gobFact
	err   error
}

// newInertFacts returns the fact types of the analyzers (roots and their
// requirements), noting those that gate declares inert.
func newInertFacts(gate gateOf, roots []*analysis.Analyzer) *inertFacts {
	f := &inertFacts{inert: make(map[reflect.Type]bool)}
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		g, _ := gate(a)
		if g.SyntaxFact != nil {
			f.syntax = append(f.syntax, g.SyntaxFact)
		}
		inert := make(map[reflect.Type]bool)
		for _, fact := range g.InertFacts {
			inert[reflect.TypeOf(fact)] = true
		}
		for _, fact := range a.FactTypes {
			f.all = append(f.all, fact)
			if t := reflect.TypeOf(fact); inert[t] {
				f.inert[t] = true
			}
		}
		for _, req := range a.Requires {
			visit(req)
		}
	}
	for _, a := range roots {
		visit(a)
	}
	return f
}

// gobFact is an element of the facts section of a vetx file: x/tools
// internal/facts encodes a package's facts as a gob-encoded []gobFact, the
// fact's package path, the path of its object in that package ("" for a
// package fact), and the fact, of a type registered with gob.
type gobFact struct {
	PkgPath string
	Object  objectpath.Path
	Fact    analysis.Fact
}

var errNotInert = errors.New("facts that are not inert")

// decode returns the facts of a vetx file's facts section, or errNotInert
// if one of them is not inert.
func (f *inertFacts) decode(data []byte) ([]gobFact, error) {
	if f == nil || len(f.inert) == 0 {
		return nil, errNotInert
	}
	return f.decodeHashed(sha256.Sum256(data), data)
}

// decodeHashed is decode of a section whose contents hash to key.
func (f *inertFacts) decodeHashed(key [sha256.Size]byte, data []byte) ([]gobFact, error) {
	if f == nil || len(f.inert) == 0 {
		return nil, errNotInert
	}
	facts, err := f.decodeAllHashed(key, data)
	if err != nil {
		return nil, err
	}
	for _, fact := range facts {
		if fact.Fact == nil || !f.inert[reflect.TypeOf(fact.Fact)] {
			return nil, errNotInert
		}
	}
	return facts, nil
}

// decodeAll decodes a facts section, whatever its facts' types. Each
// distinct section is decoded once (see decoded): the facts returned are
// shared, and callers must not modify them.
func (f *inertFacts) decodeAll(data []byte) ([]gobFact, error) {
	return f.decodeAllHashed(sha256.Sum256(data), data)
}

// decodeAllHashed is decodeAll of a section whose contents hash to key.
func (f *inertFacts) decodeAllHashed(key [sha256.Size]byte, data []byte) ([]gobFact, error) {
	if d, ok := f.decoded[key]; ok {
		return d.facts, d.err
	}
	f.register()
	var facts []gobFact
	err := gob.NewDecoder(bytes.NewReader(data)).Decode(&facts)
	if err != nil {
		facts = nil
	}
	if f.decoded == nil {
		f.decoded = make(map[[sha256.Size]byte]decodedSection)
	}
	f.decoded[key] = decodedSection{facts, err}
	return facts, err
}

// register registers the fact types with gob, as unitchecker does before
// it decodes facts, once (registering a type again is harmless, but costs
// a lookup in gob's maps under a lock for each: a unit decodes a section
// of each dependency with facts).
func (f *inertFacts) register() {
	if f.registered {
		return
	}
	f.registered = true
	for _, fact := range f.all {
		gob.Register(fact)
	}
}

// passOn returns the facts section that unitchecker would write for a
// package with its own facts own whose dependencies exported the facts
// imported (internal/facts: Set.Encode): all of its own, and the imported
// facts about methods (and fields), but not package facts nor facts about
// package-level objects, which importers get from the package itself.
func passOn(imported, own []gobFact) ([]byte, error) {
	return encodeFacts(append(passedOn(imported), own...))
}

// passedOn returns the facts among imported ones that unitchecker passes
// on: those about methods (and fields), whose object paths have a dot.
func passedOn(facts []gobFact) []gobFact {
	var out []gobFact
	for _, f := range facts {
		if strings.Contains(string(f.Object), ".") {
			out = append(out, f)
		}
	}
	return out
}

// encodeFacts encodes facts as a vetx file's facts section, as
// internal/facts does: without duplicates, sorted by package, object and
// type; nothing for no facts.
func encodeFacts(facts []gobFact) ([]byte, error) {
	type key struct {
		pkg string
		obj objectpath.Path
		t   reflect.Type
	}
	seen := make(map[key]bool)
	var out []gobFact
	for _, f := range facts {
		k := key{f.PkgPath, f.Object, reflect.TypeOf(f.Fact)}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, nil // internal/facts writes nothing for no facts
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.PkgPath != y.PkgPath {
			return x.PkgPath < y.PkgPath
		}
		if x.Object != y.Object {
			return x.Object < y.Object
		}
		return reflect.TypeOf(x.Fact).String() < reflect.TypeOf(y.Fact).String()
	})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(out); err != nil {
		return nil, fmt.Errorf("encoding facts: %v", err)
	}
	return buf.Bytes(), nil
}
