package vetgate

import (
	"bytes"
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/types/objectpath"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// This file writes, for a package that the gate skips, the facts that an
// analyzer exports there from syntax alone (analyzer.Gate.SyntaxFact:
// derefs' facts from nilsafe.PackageDerefs, on nil-safe methods and on functions
// that dereference a pointer parameter on every path), so that go vet with
// the gate reports what it reports without it: an importer that calls such
// a function of the skipped package on a possibly reclaimed referent must
// find the fact. The facts go into the unit's vetx file as unitchecker
// would encode them (gobFact): the package path, the function's object
// path, the fact. The object path of a package-level function is its name;
// that of a method is computed here without type-checking (methodPaths).

// nilSafeFacts returns the facts that the analyzers' SyntaxFacts make for
// the functions and methods of the unit's package that nilsafe.Derefs
// lists (nilsafe.MethodDerefs for the standard library: see
// nilsafe.ParamRuleApplies), found once per package and go vet run
// (syntaxMemo; for a dependency unit, files, the memo of its files, if
// not nil).
func (inert *inertFacts) nilSafeFacts(cfg *config, src *unitSources, files *filesMemo) ([]gobFact, error) {
	if inert == nil || len(inert.syntax) == 0 {
		return nil, nil
	}
	derefs, err := files.syntaxDerefs(func() ([]syntaxDeref, error) {
		return memoSyntaxDerefs(cfg, src)
	})
	if err != nil || len(derefs) == 0 {
		return nil, err
	}
	inert.register() // for passOn's encoder
	var facts []gobFact
	for _, d := range derefs {
		for _, fact := range inert.syntax {
			facts = append(facts, gobFact{PkgPath: cfg.ImportPath, Object: d.path, Fact: fact(nilsafe.Summary{Params: d.params, NilResults: d.nilResults})})
		}
	}
	return facts, nil
}

// A syntaxDeref is a function or method that nilsafe lists, by its object
// path, with the parameters it dereferences and the constants it returns
// for nil (nilsafe.Deref).
type syntaxDeref struct {
	path       objectpath.Path
	params     []int
	nilResults []nilsafe.NilResult
}

// syntaxDerefs returns what nilsafe lists in the unit's package, with
// object paths. The parameter rule needs the package's struct types and
// the bodies of the functions that a function calls, so it parses every
// file of the package (a root unit's are parsed already); the method rule
// parses only the candidates (nilSafeMethods) among the files, whose
// indexes are given.
func syntaxDerefs(cfg *config, src *unitSources, candidates []int) ([]syntaxDeref, error) {
	files := make([]*ast.File, len(cfg.GoFiles))
	var listed []nilsafe.Deref
	if nilsafe.ParamRuleApplies(cfg.ImportPath) {
		for i := range cfg.GoFiles {
			var err error
			if files[i], err = src.parse(i, 0); err != nil {
				return nil, err
			}
		}
		listed = nilsafe.Derefs(files)
	} else {
		var err error
		if listed, err = nilSafeMethods(src, files, candidates); err != nil {
			return nil, err
		}
	}
	if len(listed) == 0 {
		return nil, nil
	}
	paths := methodPaths(files)
	var derefs []syntaxDeref
	for _, d := range listed {
		path, ok := paths[d.Decl]
		if d.Decl.Recv == nil {
			path, ok = objectpath.Path(d.Decl.Name.Name), true
		}
		if !ok {
			continue // no receiver base type: objectpath has no path either
		}
		derefs = append(derefs, syntaxDeref{path: path, params: d.Params, nilResults: d.NilResults})
	}
	return derefs, nil
}

// candidateFiles returns the indexes of the unit's files that can declare
// a method that nilsafe lists (nilsafe.Candidate, a test of the text).
func candidateFiles(src *unitSources) ([]int, error) {
	var candidates []int
	for i := range src.names {
		data, err := src.read(i)
		if err != nil {
			return nil, err
		}
		if nilsafe.Candidate(data) {
			candidates = append(candidates, i)
		}
	}
	return candidates, nil
}

// nilSafeMethods returns nilsafe.MethodDerefs of the package without
// parsing all of it: only the candidate files are parsed, and the
// package's other files only if a method is listed and they can declare
// methods of its type (typeFiles), which methodPaths needs to number the
// listed methods. Parsed files are left in files.
func nilSafeMethods(src *unitSources, files []*ast.File, candidates []int) ([]nilsafe.Deref, error) {
	var parsed []*ast.File
	for _, i := range candidates {
		var err error
		if files[i], err = src.parse(i, 0); err != nil {
			return nil, err
		}
		parsed = append(parsed, files[i])
	}
	listed := nilsafe.MethodDerefs(parsed)
	if len(listed) == 0 {
		return nil, nil
	}
	if err := typeFiles(src, files, listed); err != nil {
		return nil, err
	}
	return listed, nil
}

// typeFiles parses the files (those of files that are nil) that can
// declare a method of a listed method's receiver base type, or a type
// declaration through which a receiver reaches it: a method's path numbers
// it among its type's methods in every file, but only a file that spells
// the type's name, or an alias's, declares one (runtime has 187 files, and
// its one listed method's type, Func, is named in a few). Starting from
// the receivers' names, it parses the files that spell one, adds the names
// of the aliases declared there that lead to or from one, and so on until
// no file or name is added. The paths of the listed methods (methodPaths)
// are then those of the whole package.
func typeFiles(src *unitSources, files []*ast.File, listed []nilsafe.Deref) error {
	spelled := make(map[string]bool)
	for _, d := range listed {
		if id := receiverIdent(d.Decl.Recv.List[0].Type); id != nil {
			spelled[id.Name] = true
		}
	}
	for more := true; more; {
		more = false
		for i, f := range files {
			if f != nil {
				continue
			}
			data, err := src.read(i)
			if err != nil {
				return err
			}
			if !spellsAny(data, spelled) {
				continue
			}
			if files[i], err = src.parse(i, 0); err != nil {
				return err
			}
			more = true
		}
		for _, f := range files {
			for _, ts := range typeSpecs(f) {
				if !ts.Assign.IsValid() {
					continue
				}
				rhs := ast.Unparen(ts.Type)
				if star, ok := rhs.(*ast.StarExpr); ok {
					rhs = ast.Unparen(star.X)
				}
				if id, ok := rhs.(*ast.Ident); ok && spelled[id.Name] != spelled[ts.Name.Name] {
					spelled[id.Name], spelled[ts.Name.Name] = true, true
					more = true
				}
			}
		}
	}
	return nil
}

// spellsAny reports whether text holds one of the names as a whole word.
func spellsAny(text []byte, names map[string]bool) bool {
	for name := range names {
		for at := 0; ; {
			i := bytes.Index(text[at:], []byte(name))
			if i < 0 {
				break
			}
			i += at
			at = i + len(name)
			if (i == 0 || !isIdentByte(text[i-1])) && (at == len(text) || !isIdentByte(text[at])) {
				return true
			}
		}
	}
	return false
}

// isIdentByte reports whether b can be part of an identifier (a byte of a
// multi-byte UTF-8 letter included).
func isIdentByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_' || b >= 0x80
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

// receiverIdent returns the name in a method's receiver type, or nil.
func receiverIdent(recv ast.Expr) *ast.Ident {
	_, name := unpackRecv(recv)
	return name
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
