package vetgate

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// TestSkippablePackages: the gate's decision on parsed files and
// type-checked dependencies, as the language server asks it.
func TestSkippablePackages(t *testing.T) {
	fset := token.NewFileSet()
	std := importer.Default()
	pkgs := make(map[string]*types.Package)
	parse := func(src string) *ast.File {
		f, err := parser.ParseFile(fset, "x.go", src, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	check := func(path, src string) *types.Package {
		conf := types.Config{Importer: importerFunc(func(p string) (*types.Package, error) {
			if pkg, ok := pkgs[p]; ok {
				return pkg, nil
			}
			return std.Import(p)
		})}
		pkg, err := conf.Check(path, fset, []*ast.File{parse(src)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		pkgs[path] = pkg
		return pkg
	}
	check("holder", "package holder\n\nimport \"weak\"\n\ntype T struct{ p weak.Pointer[int] }\n")
	check("user", "package user\n\nimport \"holder\"\n\nvar X []holder.T\n") // weak through another package's type
	check("generic", "package generic\n\nimport \"weak\"\n\nfunc F[P interface{ ~int | weak.Pointer[int] }]() {}\n")
	check("plain", "package plain\n\nimport \"strings\"\n\nvar B strings.Builder\n\nfunc F() int { return 1 }\n")
	for path, want := range map[string]bool{"holder": true, "user": true, "generic": true, "plain": false} {
		if got := typesMention(pkgs[path]); got != want {
			t.Errorf("typesMention(%s) = %v, want %v", path, got, want)
		}
	}

	for _, tc := range []struct {
		name string
		src  string
		deps []Dep
		want string // "" if skippable, else a part of the reason
	}{
		{"plain", "package p\n\nimport \"plain\"\n\nvar _ = plain.F()\n", []Dep{{Path: "plain", Types: pkgs["plain"]}}, ""},
		{"dep with facts", "package p\n\nimport \"plain\"\n\nvar _ = plain.F()\n", []Dep{{Path: "plain", HasFacts: true, Types: pkgs["plain"]}}, "dependency plain has facts"},
		{"dep with weak types", "package p\n\nimport \"user\"\n\nvar _ = user.X\n", []Dep{{Path: "user", Types: pkgs["user"]}}, "dependency user has weak types"},
		{"skipped dep is not read", "package p\n\nimport \"user\"\n\nvar _ = user.X\n", []Dep{{Path: "user", Skipped: true, Types: pkgs["user"]}}, ""},
		{"imports weak", "package p\n\nimport \"weak\"\n\nvar _ weak.Pointer[int]\n", nil, "imports weak"},
		{"registrar", "package p\n\nimport rt \"runtime\"\n\nfunc F(p *int) { rt.SetFinalizer(p, nil) }\n", nil, "refers to runtime.SetFinalizer"},
		{"other runtime", "package p\n\nimport \"runtime\"\n\nfunc F() { runtime.Gosched() }\n", nil, ""},
		{"directive in a dependency", "package p\n\n//weaklint:ignore weakderef why\nvar X int\n", nil, ""},
		{"directive in a package shown", "package p\n\n//weaklint:ignore weakderef why\nvar X int\n", nil, "directive"},
	} {
		shown := strings.HasSuffix(tc.name, "shown")
		skip, reason := Skippable([]*ast.File{parse(tc.src)}, nil, tc.deps, shown)
		if tc.want == "" && !skip {
			t.Errorf("%s: not skipped (%s), want skipped", tc.name, reason)
		}
		if tc.want != "" && (skip || !strings.Contains(reason, tc.want)) {
			t.Errorf("%s: skipped=%v (%q), want not skipped because %q", tc.name, skip, reason, tc.want)
		}
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func TestFlagsOf(t *testing.T) {
	if got := FlagsOf("strongcache.memo=true x.y=1"); strings.Join(got, " ") != "-strongcache.memo=true -x.y=1" {
		t.Errorf("FlagsOf = %q", got)
	}
}
