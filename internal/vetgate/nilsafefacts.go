package vetgate

import (
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/types/objectpath"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// This file writes, for a package that the gate skips, the facts that an
// analyzer exports there from syntax alone (analyzer.Gate.SyntaxFact:
// derefs' facts from nilsafe.Derefs, on nil-safe methods and on functions
// that dereference a pointer parameter on every path), so that go vet with
// the gate reports what it reports without it: an importer that calls such
// a function of the skipped package on a possibly reclaimed referent must
// find the fact. The facts go into the unit's vetx file as unitchecker
// would encode them (gobFact): the package path, the function's object
// path, the fact. The object path of a package-level function is its name;
// that of a method is computed here without type-checking (methodPaths).

// nilSafeFacts returns the facts that the analyzers' SyntaxFacts make for
// the functions and methods of the unit's package that nilsafe.Derefs
// lists. It parses every file of the package (a root unit's are parsed
// already): the parameter rule needs the package's struct types and the
// bodies of the functions that a function calls.
func (inert *inertFacts) nilSafeFacts(cfg *config, src *unitSources) ([]gobFact, error) {
	if inert == nil || len(inert.syntax) == 0 {
		return nil, nil
	}
	files := make([]*ast.File, len(cfg.GoFiles))
	for i := range cfg.GoFiles {
		var err error
		if files[i], err = src.parse(i, 0); err != nil {
			return nil, err
		}
	}
	listed := nilsafe.Derefs(files)
	if len(listed) == 0 {
		return nil, nil
	}
	paths := methodPaths(files)
	inert.register() // for passOn's encoder
	var facts []gobFact
	for _, d := range listed {
		path, ok := paths[d.Decl]
		if d.Decl.Recv == nil {
			path, ok = objectpath.Path(d.Decl.Name.Name), true
		}
		if !ok {
			continue // no receiver base type: objectpath has no path either
		}
		for _, fact := range inert.syntax {
			facts = append(facts, gobFact{PkgPath: cfg.ImportPath, Object: path, Fact: fact(d.Params)})
		}
	}
	return facts, nil
}

// typeSpecs returns the package-level type declarations of f (nil: none).
func typeSpecs(f *ast.File) []*ast.TypeSpec {
	var specs []*ast.TypeSpec
	if f == nil {
		return nil
	}
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
			for _, s := range gd.Specs {
				specs = append(specs, s.(*ast.TypeSpec))
			}
		}
	}
	return specs
}

// methodPaths returns the object path (objectpath.For) of each method
// declared in the files of a package (those not nil), in the order in which the type
// checker sees them, without type-checking: "T.M<i>" for the i-th method
// of the named type T (opType, opMethod). go/types numbers the methods of a
// type in the order of their declarations across the files
// (Checker.collectObjects), and export data keeps that order. A method is
// attached to its receiver's base type as Checker.resolveBaseTypeName
// finds it: the name in the receiver (under pointers, parentheses and type
// parameters), followed through the package's non-generic aliases to a
// defined type; a method whose receiver has no base type, or named "_", is
// not attached to any type and has no path.
func methodPaths(files []*ast.File) map[*ast.FuncDecl]objectpath.Path {
	types := make(map[string]*ast.TypeSpec)
	for _, f := range files {
		for _, ts := range typeSpecs(f) {
			if _, dup := types[ts.Name.Name]; !dup { // a redeclaration does not compile
				types[ts.Name.Name] = ts
			}
		}
	}
	paths := make(map[*ast.FuncDecl]objectpath.Path)
	methods := make(map[string][]string) // base type name -> method names, in order
	for _, f := range files {
		if f == nil {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv.NumFields() == 0 || fd.Name.Name == "_" {
				continue
			}
			base := receiverBase(fd.Recv.List[0].Type, types)
			if base == "" {
				continue
			}
			index := len(methods[base])
			for i, m := range methods[base] {
				if m == fd.Name.Name { // a duplicate does not compile; go/types keeps the first
					index = i
				}
			}
			if index == len(methods[base]) {
				methods[base] = append(methods[base], fd.Name.Name)
				paths[fd] = objectpath.Path(base + ".M" + strconv.Itoa(index))
			}
		}
	}
	return paths
}

// receiverBase returns the name of the defined type to which a method with
// the receiver type recv is attached, or "" (Checker.unpackRecv and
// Checker.resolveBaseTypeName).
func receiverBase(recv ast.Expr, types map[string]*ast.TypeSpec) string {
	ptr, name := unpackRecv(recv)
	seen := make(map[string]bool)
	for name != nil {
		ts := types[name.Name]
		if ts == nil || seen[name.Name] {
			return ""
		}
		if !ts.Assign.IsValid() {
			return name.Name
		}
		if ts.TypeParams != nil {
			return "" // a generic alias has no methods
		}
		seen[name.Name] = true
		typ := ast.Unparen(ts.Type)
		if star, ok := typ.(*ast.StarExpr); ok {
			if ptr {
				return ""
			}
			ptr = true
			typ = ast.Unparen(star.X)
		}
		name, _ = typ.(*ast.Ident)
	}
	return ""
}

// unpackRecv returns whether a receiver type is a pointer and the name in
// it, under parentheses, pointers and type parameters (nil if it is not a
// name: Checker.unpackRecv).
func unpackRecv(recv ast.Expr) (ptr bool, name *ast.Ident) {
	for {
		switch t := recv.(type) {
		case *ast.ParenExpr:
			recv = t.X
			continue
		case *ast.StarExpr:
			ptr = true
			recv = t.X
			continue
		}
		break
	}
	switch t := recv.(type) {
	case *ast.IndexExpr:
		recv = t.X
	case *ast.IndexListExpr:
		recv = t.X
	}
	name, _ = recv.(*ast.Ident)
	return ptr, name
}
