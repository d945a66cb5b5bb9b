// Package vetgate is the fast path of weaklint in go vet mode.
//
// go vet runs the tool once per package, dependencies first, with a config
// file naming the package's files and the vetx (facts) files of its direct
// dependencies. Stock unitchecker parses and type-checks every package, which
// costs nearly as much as go vet itself, although most packages cannot hold
// weak-pointer or cleanup code. The gate skips a package without
// type-checking it when
//
//   - none of its files imports weak or runtimeweak, or refers to
//     runtime.AddCleanup or runtime.SetFinalizer (the APIs every weaklint
//     check starts from), and
//   - none of its direct dependencies exported facts (facts are how a check
//     follows weak values and cleanup wrappers across packages), but inert
//     ones (analyzer.Gate.InertFacts), which it passes on, and
//   - no direct dependency's types mention weak or runtimeweak (a package can
//     call Value on a weak.Pointer held in another package's exported field,
//     or declare a field of such a type, without importing weak), and
//   - every analyzer that runs is known to report and export facts only when
//     one of the above holds (analyzer.Table, Gate).
//
// A skipped package cannot have diagnostics, nor facts of its own but those
// that analyzers export from syntax alone (nilsafefacts.go), so it writes a
// vetx file without types, with those facts and its dependencies' inert
// facts if any, and exits 0. A dependency unit (one that go vet runs for facts
// only) whose package was type-checked earlier in the run with the same
// files and dependencies' facts copies that unit's facts (factsMemo). Every
// other package takes the stock unitchecker path. Setting WEAKLINT_NOGATE=1
// turns the gate off, for comparison.
package vetgate

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// relevantImports are the packages through which code reaches weak
// pointers or registers cleanups: those of weakapi's tables, but runtime,
// which nearly every package imports and which matters only through its
// registrars (runtimeRegistrars).
var relevantImports = func() map[string]bool {
	paths := map[string]bool{weakapi.WeakPath: true}
	for _, s := range weakapi.Sources {
		paths[s.Pkg] = true
	}
	for _, r := range weakapi.Registrars {
		if r.Pkg != weakapi.RuntimePath {
			paths[r.Pkg] = true
		}
	}
	return paths
}()

// runtimeRegistrars are the functions of package runtime that attach a
// cleanup to an object (from weakapi.Registrars); the rest of runtime
// (GOOS, Gosched, Caller, KeepAlive...) is irrelevant to the checks. Code can
// only refer to them as runtime.Name, or unqualified after a dot import.
var runtimeRegistrars = func() map[string]bool {
	names := make(map[string]bool)
	for _, r := range weakapi.Registrars {
		if r.Pkg == weakapi.RuntimePath && r.Recv == "" {
			names[r.Name] = true
		}
	}
	return names
}()

// skippable reports whether the unit can be skipped; if not, why not. The
// facts of dependencies that exported only inert facts do not count; a
// skipped unit passes them on: facts is what its vetx file must hold.
func skippable(cfg *config, inert *inertFacts) (skip bool, reason string, facts []byte) {
	if cfg.FixArchive != "" {
		return false, "go fix", nil
	}
	var deps []dependency
	sections := newInertSections(inert)
	for _, path := range slices.Sorted(maps.Keys(cfg.PackageVetx)) { // for a stable reason
		file := cfg.PackageVetx[path]
		h, facts, err, factsErr := readVetxHeaderFacts(file)
		if err != nil {
			return false, err.Error(), nil // let unitchecker report it
		}
		d := dependency{path: path, hasFacts: h.factsLen > 0, skipped: h.gated(), mentions: func() (bool, error) {
			return typesMentionRelevant(file, h)
		}}
		if d.hasFacts {
			d.section = sections.add(facts, factsErr)
		}
		deps = append(deps, d)
	}
	// A dependency's facts do not count if they are all inert: known at
	// once if an earlier unit had the same sections (passOnMemo), or else
	// decoded in order up to the first that is not (decide stops there).
	memo := openPassOnMemo(cfg, sections)
	passedOn, known := memo.lookup()
	for i := range deps {
		if !deps[i].hasFacts {
			continue
		}
		if !known && !sections.allInert(deps[i].section) {
			break
		}
		deps[i].hasFacts = false
	}
	src := newUnitSources(cfg.GoFiles)
	files := openFilesMemo(cfg) // a dependency unit's files, if seen before
	defer files.record()
	skip, reason = decide(deps, func() string {
		return files.filesReason(func() string {
			// The packages go vet was asked about (not VetxOnly) are
			// parsed whole, so that a syntax error is reported as without
			// the gate, unless go vet compiles them (compiled.go); for
			// their dependencies, go vet reports nothing, and the import
			// clauses suffice unless runtime is imported. A root file that
			// spells a directive is parsed whole in any case: go vet
			// reports on directives only in root units.
			root := !cfg.VetxOnly
			syntax := root && !compiledByGo(cfg)
			for _, i := range likelyRelevantFirst(src, len(cfg.GoFiles), syntax) {
				whole := syntax || root && src.spells(i, ignorePrefix)
				if reason := fileRelevance(src, i, cfg.ImportMap, whole); reason != "" {
					return reason
				}
			}
			return ""
		})
	})
	if !skip {
		return false, reason, nil
	}
	// The facts that analyzers export from syntax alone (nilsafefacts.go).
	own, err := inert.nilSafeFacts(cfg, src, files)
	if err != nil {
		return false, err.Error(), nil // let unitchecker decide
	}
	if known && len(own) == 0 {
		return true, "", passedOn
	}
	imported, ok := memoImported(inert, passedOn, known)
	if !ok {
		// All inert (decide skipped the unit): decoded unless the memo
		// said so.
		for i := range sections.sections {
			if !sections.allInert(i) {
				return false, "dependency facts changed", nil // let unitchecker decide
			}
		}
		imported = sections.imported()
	}
	facts, err = passOn(imported, own)
	if err != nil {
		return false, err.Error(), nil // let unitchecker pass them on
	}
	if len(own) == 0 {
		memo.record(facts)
	}
	return true, "", facts
}

// memoImported returns, for a unit with facts of its own whose
// dependencies' sections the pass-on memo knows, the facts they pass on,
// decoded from the memo's one section instead of each of theirs: passOn of
// those and the unit's own is passOn of the sections' facts and its own
// (the memo's are passedOn of theirs, without duplicates, which passOn
// drops keeping the first, the dependencies' before the unit's).
func memoImported(inert *inertFacts, passedOn []byte, known bool) ([]gobFact, bool) {
	if !known {
		return nil, false
	}
	if len(passedOn) == 0 {
		return nil, true
	}
	facts, err := inert.decode(passedOn)
	return facts, err == nil
}

// inertSections gathers the inert facts of a unit's dependencies. A unit's
// dependencies often pass on the very same facts (on go vet std, 9811
// facts sections in the units the gate answered, 6011 distinct within
// their units): each distinct section is read whole but decoded once, as
// its facts add nothing to the union that passOn writes.
type inertSections struct {
	inert    *inertFacts
	sections []*factsSection           // distinct, in the order read
	index    map[[sha256.Size]byte]int // of sections, by contents
	// unreadable: a dependency's section could not be read; the memo
	// (passOnMemo), which knows the sections read, is not used.
	unreadable bool
}

// A factsSection is the facts section of a dependency's vetx file.
type factsSection struct {
	hash             [sha256.Size]byte
	data             []byte
	decoded, isInert bool
	facts            []gobFact // once decoded, if inert
}

func newInertSections(inert *inertFacts) *inertSections {
	return &inertSections{inert: inert, index: make(map[[sha256.Size]byte]int)}
}

// add adds the facts section of a dependency's vetx file (and the error
// from reading it) and returns its index among the distinct sections, or
// -1 if it could not be read (unitchecker will say why).
func (s *inertSections) add(data []byte, err error) int {
	if err != nil {
		s.unreadable = true
		return -1
	}
	key := sha256.Sum256(data)
	if i, ok := s.index[key]; ok {
		return i
	}
	s.index[key] = len(s.sections)
	s.sections = append(s.sections, &factsSection{hash: key, data: data})
	return len(s.sections) - 1
}

// allInert reports whether all the facts of section i are inert (false for
// -1, or a section that cannot be decoded), decoding it if need be; if so,
// its facts are kept.
func (s *inertSections) allInert(i int) bool {
	if i < 0 {
		return false
	}
	sec := s.sections[i]
	if !sec.decoded {
		sec.decoded = true
		facts, err := s.inert.decodeHashed(sec.hash, sec.data)
		if err == nil {
			sec.isInert, sec.facts = true, facts
		}
	}
	return sec.isInert
}

// imported returns the facts of the sections decoded and inert, the
// sections in the order of their contents' hashes: what passOn makes of
// them depends on the set of sections alone, as passOnMemo's key does.
func (s *inertSections) imported() []gobFact {
	var facts []gobFact
	for _, sec := range s.byHash() {
		if sec.isInert {
			facts = append(facts, sec.facts...)
		}
	}
	return facts
}

// byHash returns the sections in the order of their hashes.
func (s *inertSections) byHash() []*factsSection {
	return slices.SortedFunc(slices.Values(s.sections), func(a, b *factsSection) int {
		return bytes.Compare(a.hash[:], b.hash[:])
	})
}

// A dependency is a direct dependency of a unit, as the gate sees it.
type dependency struct {
	path     string
	hasFacts bool
	skipped  bool                 // the gate skipped it: its types cannot mention weak
	mentions func() (bool, error) // whether its types mention weak or runtimeweak
	section  int                  // its facts among the unit's inertSections, if it has any
}

// decide is the gate's decision for a unit with the given dependencies
// (in a stable order) and files (filesReason says why they matter, "" if
// they cannot), cheapest checks first.
func decide(deps []dependency, filesReason func() string) (bool, string) {
	for _, d := range deps {
		if d.hasFacts {
			return false, fmt.Sprintf("dependency %s has facts", d.path)
		}
	}
	if reason := filesReason(); reason != "" {
		return false, reason
	}
	// Last, as it reads the most: the dependencies' types. A skipped
	// package's types cannot mention weak.
	for _, d := range deps {
		if d.skipped {
			continue
		}
		mentions, err := d.mentions()
		if err != nil {
			return false, err.Error() // let unitchecker report it
		}
		if mentions {
			return false, fmt.Sprintf("dependency %s has weak types", d.path)
		}
	}
	return true, ""
}

// ignorePrefix starts a //weaklint:ignore directive (suppress.Prefix, which
// this package cannot import): the analyzers of package analyzer/ignore
// report on directives in any package.
const ignorePrefix = "//weaklint:ignore"

// fileRelevance says why a file may matter to the checks ("" if it cannot):
// it imports weak or runtimeweak, refers to a cleanup registrar of runtime,
// holds a //weaklint:ignore directive (whole files only: those go vet
// reports on), or does not parse (unitchecker reports the error).
//
// Each file is parsed whole by one root unit at most: go vet runs a
// package's files as a root once (the package with its _test.go files, the
// test variant, when it has any; cmd/go's runVet), the package alone only
// as a dependency, whose imports suffice; and a root unit whose files go vet
// compiles (compiledByGo) parses whole only those that spell a directive.
func fileRelevance(src *unitSources, i int, importMap map[string]string, whole bool) string {
	data, err := src.read(i)
	if err != nil {
		return "unreadable"
	}
	var f *ast.File
	if whole {
		// Comments cost much of the parse; they matter only in a file
		// that spells a directive somewhere.
		var mode parser.Mode
		if bytes.Contains(data, []byte(ignorePrefix)) {
			mode = parser.ParseComments
		}
		f, err = src.parse(i, mode)
	} else {
		f, err = src.imports(i)
	}
	if err != nil {
		return "parse error"
	}
	// A reference to a registrar spells its name: a file that spells none
	// (most) is not walked.
	s, err := summarize(f, whole && spellsRegistrar(data))
	if err != nil {
		return err.Error()
	}
	if whole {
		return s.relevance(importMap)
	}
	reason, runtimeNames := s.importsRelevance(importMap)
	if reason != "" || len(runtimeNames) == 0 {
		return reason
	}
	// A dependency that imports runtime: look for its registrars, whose
	// names it must spell (about half of std imports runtime, and few of
	// those files name a registrar: most are not parsed again).
	if !spellsRegistrar(data) {
		return ""
	}
	if f, err = src.parse(i, 0); err != nil {
		return "parse error"
	}
	if s, err = summarize(f, true); err != nil {
		return err.Error()
	}
	return s.refsRelevance(runtimeNames)
}

// likelyRelevantFirst returns the indexes of a unit's n files in the order
// to test them: for a root unit, whose files are parsed whole until one
// matters, those whose text spells weak or a registrar of runtime come
// first, so that a unit that matters (and is type-checked, which parses
// its files again) parses few of them (go vet std: net's 11th file of 130
// is the first to name SetFinalizer, runtime/pprof's 14th; the full units
// parsed about 500 KB of source before one that matters). Whether a file
// matters does not depend on the order, only which reason is given first.
func likelyRelevantFirst(src *unitSources, n int, root bool) []int {
	order := make([]int, 0, n)
	var rest []int
	for i := range n {
		if root {
			data, err := src.read(i)
			if err != nil || !bytes.Contains(data, []byte("weak")) && !spellsRegistrar(data) {
				rest = append(rest, i)
				continue
			}
		}
		order = append(order, i)
	}
	return append(order, rest...)
}

// spellsRegistrar reports whether a file's text contains the name of a
// registrar of runtime anywhere (a reference to one must spell it).
func spellsRegistrar(data []byte) bool {
	for name := range runtimeRegistrars {
		if bytes.Contains(data, []byte(name)) {
			return true
		}
	}
	return false
}

// A fileSummary is what the gate needs of a file's syntax.
type fileSummary struct {
	Imports [][2]string // local name ("" for none) and path of each import
	Refs    [][2]string // X and Sel of each selector X.Sel where Sel names a registrar of runtime
	// Directive: the file has a //weaklint:ignore comment (known only if
	// comments were parsed).
	Directive bool
}

// summarize summarizes a parsed file (its imports only, if that is all that
// was parsed); its references to registrars only if refs is set, as they
// take a walk of the whole syntax tree.
func summarize(f *ast.File, refs bool) (*fileSummary, error) {
	s := new(fileSummary)
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return nil, errors.New("bad import")
		}
		local := ""
		if imp.Name != nil {
			local = imp.Name.Name
		}
		s.Imports = append(s.Imports, [2]string{local, path})
	}
	for _, group := range f.Comments {
		for _, c := range group.List {
			if rest, ok := strings.CutPrefix(c.Text, ignorePrefix); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
				s.Directive = true
			}
		}
	}
	if !refs {
		return s, nil
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && runtimeRegistrars[sel.Sel.Name] {
			if x, ok := sel.X.(*ast.Ident); ok {
				ref := [2]string{x.Name, sel.Sel.Name}
				if !slices.Contains(s.Refs, ref) {
					s.Refs = append(s.Refs, ref)
				}
			}
		}
		return true
	})
	return s, nil
}

// relevance is fileRelevance for a whole file.
func (s *fileSummary) relevance(importMap map[string]string) string {
	reason, runtimeNames := s.importsRelevance(importMap)
	if reason != "" {
		return reason
	}
	if reason := s.refsRelevance(runtimeNames); reason != "" {
		return reason
	}
	if s.Directive {
		return "has a " + ignorePrefix + " directive"
	}
	return ""
}

// importsRelevance returns why the file's imports make it matter, or else
// the local names of runtime in it.
func (s *fileSummary) importsRelevance(importMap map[string]string) (string, []string) {
	var runtimeNames []string
	for _, imp := range s.Imports {
		local, path := imp[0], imp[1]
		if mapped, ok := importMap[path]; ok {
			path = mapped
		}
		switch {
		case relevantImports[path]:
			return "imports " + path, nil
		case path == weakapi.RuntimePath:
			if local == "" {
				local = "runtime"
			}
			if local == "." {
				return "dot-imports runtime", nil
			}
			runtimeNames = append(runtimeNames, local)
		}
	}
	return "", runtimeNames
}

// refsRelevance says whether the file refers to a registrar of runtime
// through one of its local names. Syntax only: a local variable named
// runtime also counts, which can only cost a type-check.
func (s *fileSummary) refsRelevance(runtimeNames []string) string {
	for _, ref := range s.Refs {
		if slices.Contains(runtimeNames, ref[0]) {
			return "refers to runtime." + ref[1]
		}
	}
	return ""
}
