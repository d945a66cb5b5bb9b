package nilsafe

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"
)

// A Deref is what package derefs exports about an exported function or
// method of a package without weak code, as far as syntax alone shows it.
type Deref struct {
	Decl *ast.FuncDecl
	Summary
}

// A Summary is what a function's syntax shows: the pointer parameters that
// it dereferences (argument indexes; a method's receiver is 0), and the
// constants that it returns for a nil pointer argument (NilResults). It
// holds no syntax, so that go vet's fast path can keep it across units.
type Summary struct {
	Params     []int
	NilResults []NilResult
}

// Derefs returns, for the exported functions and methods declared in the
// files of a package, in declaration order, those about which syntax shows
// something other than what is assumed without a fact (a method with a
// pointer receiver dereferences it, nothing else is dereferenced):
//
//   - the receiver of a method that NilSafe lists is not dereferenced,
//     and the constants it returns for a nil receiver are its NilResults;
//   - the constants it returns for a nil pointer parameter are its
//     ParamNilResults;
//   - the receiver of any other method with a pointer receiver is, as
//     assumed (syntax cannot show more than that assumption);
//   - a parameter p of type *T, where T is a struct type declared in the
//     package, is dereferenced if the body does so on every path that
//     returns normally in a shape that params recognizes (see derefsParam).
//
// Like Methods, it reads go/ast only, so that the vet gate, which does not
// type-check the packages it skips, finds exactly the same.
func Derefs(files []*ast.File) []Deref {
	pkg := newPackage(files)
	pkg.solve()
	var out []Deref
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			var params, assumed []int
			ptrRecv := fd.Recv.NumFields() == 1 && isStar(fd.Recv.List[0].Type)
			var nilResults []NilResult
			if ptrRecv {
				assumed = []int{0}
				if !NilSafe(fd) {
					params = []int{0}
				}
				nilResults = NilResults(fd)
			}
			nilResults = append(nilResults, ParamNilResults(fd)...)
			if fn := pkg.funcs[fd]; fn != nil {
				for i, yes := range fn.derefs {
					if yes && (i > 0 || fd.Recv == nil) {
						params = append(params, i)
					}
				}
			}
			if !slices.Equal(params, assumed) || len(nilResults) > 0 {
				out = append(out, Deref{Decl: fd, Summary: Summary{Params: params, NilResults: nilResults}})
			}
		}
	}
	return out
}

// DerefParams returns, for every function and method declared in the files
// of a package that the parameter rule looks at (not generic, with a body,
// on a struct type of the package), the pointer parameters that it finds
// dereferenced on every path, by argument index (a method's receiver is 0,
// and is listed if its body dereferences it in the same shapes). It is
// what Derefs builds on, for tests that compare it with derefs' SSA rule.
func DerefParams(files []*ast.File) map[*ast.FuncDecl][]int {
	pkg := newPackage(files)
	pkg.solve()
	out := make(map[*ast.FuncDecl][]int)
	for _, fn := range pkg.order {
		var params []int
		for i, yes := range fn.derefs {
			if yes {
				params = append(params, i)
			}
		}
		out[fn.decl] = params
	}
	return out
}

func isStar(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.StarExpr)
	return ok
}

// A syntaxPackage is what params needs to know of a package's
// declarations.
type syntaxPackage struct {
	structs         map[string]*ast.StructType      // non-generic struct types
	methods         map[string]map[string]*function // base type -> method name -> method
	valueRecv       map[*ast.FuncDecl]bool          // methods with a value receiver
	byName          map[string]*function            // non-generic package-level functions
	names           map[string]bool                 // every package-level name
	declaredMethods map[string]map[string]bool      // base type -> names of all its methods
	funcs           map[*ast.FuncDecl]*function     // every analyzable function and method
	order           []*function
}

// A function is a non-generic function or method with its candidate
// parameters: those of type *T, T a struct type of the package (and a
// method's receiver), by argument index.
type function struct {
	decl   *ast.FuncDecl
	names  []string // parameter name by argument index ("" if not a candidate)
	derefs []bool   // by argument index: dereferenced on every path
	cycle  int      // shared by the functions of one call cycle (markCycles)
	// From summarize:
	locals   map[string]bool // every name declared in the function
	assigned map[string]bool // names assigned, declared again or whose address is taken
	hasGoto  bool
	calls    []string // names called: f(...)
	selects  []string // names selected and called: x.m(...)
}

func newPackage(files []*ast.File) *syntaxPackage {
	pkg := &syntaxPackage{
		structs:         make(map[string]*ast.StructType),
		methods:         make(map[string]map[string]*function),
		valueRecv:       make(map[*ast.FuncDecl]bool),
		byName:          make(map[string]*function),
		funcs:           make(map[*ast.FuncDecl]*function),
		names:           make(map[string]bool),
		declaredMethods: make(map[string]map[string]bool),
	}
	declared := make(map[string]bool) // every package-level type name
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fd.Recv == nil {
					pkg.names[fd.Name.Name] = true
				} else if len(fd.Recv.List) == 1 {
					if base, _ := recvBase(fd.Recv.List[0].Type); base != "" {
						if pkg.declaredMethods[base] == nil {
							pkg.declaredMethods[base] = make(map[string]bool)
						}
						pkg.declaredMethods[base][fd.Name.Name] = true
					}
				}
				continue
			}
			gd := d.(*ast.GenDecl)
			for _, s := range gd.Specs {
				if vs, ok := s.(*ast.ValueSpec); ok {
					for _, n := range vs.Names {
						pkg.names[n.Name] = true
					}
				}
			}
			if gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				pkg.names[ts.Name.Name] = true
				if declared[ts.Name.Name] {
					delete(pkg.structs, ts.Name.Name) // a redeclaration does not compile
					continue
				}
				declared[ts.Name.Name] = true
				if st, ok := ts.Type.(*ast.StructType); ok && ts.TypeParams == nil && !ts.Assign.IsValid() {
					pkg.structs[ts.Name.Name] = st
				}
			}
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Type.TypeParams != nil || fd.Name.Name == "_" {
				continue
			}
			fn := &function{decl: fd}
			fn.summarize()
			var fields []*ast.Field
			if fd.Recv != nil {
				if len(fd.Recv.List) != 1 {
					continue
				}
				recv := fd.Recv.List[0]
				base, ptr := recvBase(recv.Type)
				if base == "" || pkg.structs[base] == nil {
					continue // generic, or a type whose fields are not known
				}
				if pkg.methods[base] == nil {
					pkg.methods[base] = make(map[string]*function)
				}
				if _, dup := pkg.methods[base][fd.Name.Name]; dup {
					continue
				}
				pkg.methods[base][fd.Name.Name] = fn
				if !ptr {
					pkg.valueRecv[fd] = true
				}
				fields = append(fields, recv)
			} else {
				if _, dup := pkg.byName[fd.Name.Name]; dup || fd.Name.Name == "init" {
					continue
				}
				pkg.byName[fd.Name.Name] = fn
			}
			fields = append(fields, fd.Type.Params.List...)
			for _, field := range fields {
				n := max(len(field.Names), 1)
				cand := pkg.pointerToStruct(field.Type, fn.locals)
				for i := range n {
					name := ""
					if cand && len(field.Names) > 0 && field.Names[i].Name != "_" {
						name = field.Names[i].Name
					}
					fn.names = append(fn.names, name)
				}
			}
			fn.derefs = make([]bool, len(fn.names))
			pkg.funcs[fd] = fn
			pkg.order = append(pkg.order, fn)
		}
	}
	return pkg
}

// recvBase returns the name of a receiver's base type, T in T or *T (not
// generic), and whether it is a pointer.
func recvBase(e ast.Expr) (string, bool) {
	e = ast.Unparen(e)
	ptr := false
	if star, ok := e.(*ast.StarExpr); ok {
		ptr, e = true, ast.Unparen(star.X)
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name, ptr
	}
	return "", false
}

// pointerToStruct reports whether a parameter's type is *T, T a struct
// type of the package (not shadowed by a name of the function's).
func (pkg *syntaxPackage) pointerToStruct(e ast.Expr, locals map[string]bool) bool {
	star, ok := ast.Unparen(e).(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(star.X).(*ast.Ident)
	return ok && pkg.structs[id.Name] != nil && !locals[id.Name]
}

// summarize walks fd once, for what the rule needs to know of it besides
// its top-level statements: every name that it declares anywhere
// (receiver, parameters, results, variables, types, also in its function
// literals: such a name may shadow a package-level one where it is used);
// the names that its body assigns or declares (again), or whose address
// it takes, and whether it holds a goto (derefsParam leaves those
// parameters alone); the names of what it calls (markCycles).
func (fn *function) summarize() {
	fn.locals = make(map[string]bool)
	fn.assigned = make(map[string]bool)
	addFields := func(fl *ast.FieldList, assigned bool) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				fn.locals[n.Name] = true
				fn.assigned[n.Name] = fn.assigned[n.Name] || assigned
			}
		}
	}
	addFields(fn.decl.Recv, false)
	addFields(fn.decl.Type.TypeParams, false)
	addFields(fn.decl.Type.Params, false)
	addFields(fn.decl.Type.Results, false)
	ident := func(e ast.Expr) *ast.Ident {
		id, _ := ast.Unparen(e).(*ast.Ident)
		return id
	}
	ast.Inspect(fn.decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncType: // a literal's
			addFields(n.TypeParams, true)
			addFields(n.Params, true)
			addFields(n.Results, true)
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id := ident(l); id != nil {
					fn.assigned[id.Name] = true
					if n.Tok == token.DEFINE {
						fn.locals[id.Name] = true
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id := ident(e); id != nil {
					fn.assigned[id.Name] = true
					if n.Tok == token.DEFINE {
						fn.locals[id.Name] = true
					}
				}
			}
		case *ast.UnaryExpr:
			if id := ident(n.X); n.Op == token.AND && id != nil {
				fn.assigned[id.Name] = true
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				fn.locals[id.Name], fn.assigned[id.Name] = true, true
			}
		case *ast.TypeSpec:
			fn.locals[n.Name.Name] = true
		case *ast.BranchStmt:
			fn.hasGoto = fn.hasGoto || n.Tok == token.GOTO
		case *ast.CallExpr:
			switch fun := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				fn.calls = append(fn.calls, fun.Name)
			case *ast.SelectorExpr:
				fn.selects = append(fn.selects, fun.Sel.Name)
			}
		}
		return true
	})
}

// solve computes the least fixed point of derefsParam over the package: a
// call of a function of the package dereferences an argument once the
// callee is known to dereference that parameter. Recursion assumes not,
// like derefs' SSA rule.
func (pkg *syntaxPackage) solve() {
	pkg.markCycles()
	for changed := true; changed; {
		changed = false
		for _, fn := range pkg.order {
			for i, name := range fn.names {
				if name != "" && !fn.derefs[i] && pkg.derefsParam(fn, name) {
					fn.derefs[i] = true
					changed = true
				}
			}
		}
	}
}

// PackageDerefs is what derefs exports from syntax for the package pkgPath:
// Derefs where ParamRuleApplies, else MethodDerefs.
func PackageDerefs(pkgPath string, files []*ast.File) []Deref {
	if ParamRuleApplies(pkgPath) {
		return Derefs(files)
	}
	return MethodDerefs(files)
}

// MethodDerefs is Derefs without the parameter rule: the methods that
// NilSafe lists, each with no parameter dereferenced and its NilResults.
// It is what is known of a package where ParamRuleApplies is false.
func MethodDerefs(files []*ast.File) []Deref {
	var out []Deref
	for _, f := range files {
		for _, fd := range Methods(f) {
			out = append(out, Deref{Decl: fd, Summary: Summary{NilResults: NilResults(fd)}})
		}
	}
	return out
}

// ParamRuleApplies reports whether the facts of the package pkgPath
// include the parameter rule: not for the standard library. go vet runs
// the vet tool on every standard package that a module imports, and in the
// packages that the gate skips the rule costs a parse of every file (on go
// vet std it took the vet tool from 0.24x to 0.38x of go vet's own CPU),
// while their functions with pointer parameters of their own struct types
// are rarely handed a weak referent. The nil-safe method rule, which a byte
// prefilter keeps cheap, applies everywhere.
//
// The package is judged by its path alone (the first element of the
// standard library's paths), so that every mode decides alike: go vet's
// configuration, go/packages and the language server know different
// things about a package's module. A test variant's path ("p [p.test]")
// is judged by its package's.
func ParamRuleApplies(pkgPath string) bool {
	first, _, _ := strings.Cut(pkgPath, "/")
	first, _, _ = strings.Cut(first, " ")
	return !stdRoots[first]
}

// stdRoots are the first elements of the standard library's package paths
// (go list std, Go 1.26). A root added by a later release gets the
// parameter rule, in every mode alike.
var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "bytes": true, "cmp": true, "compress": true,
	"container": true, "context": true, "crypto": true, "database": true, "debug": true,
	"embed": true, "encoding": true, "errors": true, "expvar": true, "flag": true,
	"fmt": true, "go": true, "hash": true, "html": true, "image": true, "index": true,
	"internal": true, "io": true, "iter": true, "log": true, "maps": true, "math": true,
	"mime": true, "net": true, "os": true, "path": true, "plugin": true, "reflect": true,
	"regexp": true, "runtime": true, "slices": true, "sort": true, "strconv": true,
	"strings": true, "structs": true, "sync": true, "syscall": true, "testing": true,
	"text": true, "time": true, "unicode": true, "unique": true, "unsafe": true,
	"vendor": true, "weak": true,
}
