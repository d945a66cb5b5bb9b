package cache

import (
	"go/types"
	"maps"
	"reflect"
	"strings"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// An edit inside a function body changes neither what the importers of a
// package are type-checked against (its declarations) nor, most often, the
// facts it exports: its importers' types, findings and facts would come out
// the same, so they are not checked again (as gopls compares export
// hashes). The importers keep the package's previous *types.Package, whose
// facts therefore stay in the store (see view.update).

// sameForImporters reports whether np, a new version of old checked
// against the same imports, looks the same to importers: the same
// declarations, the same ill-typedness and analyzer gate decision, and the
// same facts.
func sameForImporters(facts *factStore, old, np *packages.Package, oldSkipped, newSkipped bool) bool {
	if old.Types == nil || np.Types == nil || old.IllTyped != np.IllTyped || oldSkipped != newSkipped {
		return false
	}
	if exportShape(old.Types) != exportShape(np.Types) {
		return false
	}
	a, okA := factsByPath(facts, old.Types)
	b, okB := factsByPath(facts, np.Types)
	return okA && okB && maps.EqualFunc(a, b, func(f, g any) bool { return reflect.DeepEqual(f, g) })
}

// exportShape prints the package-level declarations of pkg, exported or
// not (an unexported type can be reached through an exported one), with
// the methods of its named types and the values of its constants.
func exportShape(pkg *types.Package) string {
	qf := func(p *types.Package) string { return p.Path() }
	var b strings.Builder
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		b.WriteString(types.ObjectString(obj, qf))
		if c, ok := obj.(*types.Const); ok {
			b.WriteString(" = " + c.Val().ExactString())
		}
		b.WriteByte('\n')
		if tn, ok := obj.(*types.TypeName); ok && !tn.IsAlias() {
			if named, ok := tn.Type().(*types.Named); ok {
				for m := range named.Methods() {
					b.WriteString("\t" + types.ObjectString(m, qf) + "\n")
				}
			}
		}
	}
	return b.String()
}

// factsByPath returns the facts exported about pkg and its objects, keyed
// by analyzer, fact type and object path; false if an object has no path
// (the facts cannot be compared).
func factsByPath(s *factStore, pkg *types.Package) (map[string]any, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var enc objectpath.Encoder
	out := make(map[string]any, len(s.byPkg[pkg]))
	for _, k := range s.byPkg[pkg] {
		var path objectpath.Path
		if k.obj != nil {
			p, err := enc.For(k.obj)
			if err != nil {
				return nil, false
			}
			path = p
		}
		out[k.analyzer.Name+"\x00"+k.typ.String()+"\x00"+string(path)] = s.facts[k]
	}
	return out, true
}
