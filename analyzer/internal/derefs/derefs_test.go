package derefs_test

import (
	"go/ast"
	"go/types"
	"slices"
	"sync/atomic"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/weaklint/weaklint/analyzer/internal/derefs"
	"github.com/weaklint/weaklint/analyzer/internal/fixtures"
	"github.com/weaklint/weaklint/internal/nilsafe"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, fixtures.Dir(t), derefs.Analyzer, "derefs/getters", "derefs/nilsafe")
}

// TestSyntaxAgreesWithSSA compares package nilsafe's syntactic rule for
// dereferenced parameters, whose facts the vet gate writes without
// type-checking, with this package's SSA rule, on standard packages: the
// syntactic rule must never find a parameter dereferenced where SSA finds
// it is not (a false report would follow). It finds fewer: the test logs
// how many parameters SSA alone finds.
func TestSyntaxAgreesWithSSA(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks and builds SSA for standard packages")
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax}
	pkgs, err := packages.Load(cfg, "bufio", "bytes", "fmt", "strings", "strconv", "time", "sort",
		"go/ast", "go/parser", "go/printer", "go/scanner", "go/types", "go/constant",
		"encoding/json", "encoding/xml", "encoding/gob", "encoding/csv",
		"net/url", "net/mail", "net/textproto", "mime/multipart", "net/http",
		"text/template", "text/template/parse", "html/template", "text/tabwriter",
		"regexp", "regexp/syntax", "math/big", "image", "image/png", "image/draw",
		"archive/tar", "archive/zip", "compress/flate", "compress/gzip",
		"container/list", "container/heap", "container/ring",
		"crypto/x509", "database/sql", "debug/elf", "debug/dwarf", "flag", "log/slog", "expvar", "testing")
	if err != nil {
		t.Fatal(err)
	}
	// checker.Analyze runs packages in parallel: the counts are shared.
	var syntactic, ssaOnly atomic.Int64
	compare := &analysis.Analyzer{
		Name:     "compare",
		Doc:      "compares nilsafe.DerefParams with derefs' SSA rule",
		Requires: []*analysis.Analyzer{derefs.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			result := pass.ResultOf[derefs.Analyzer].(*derefs.Result)
			syntax := nilsafe.DerefParams(pass.Files)
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					fd, ok := d.(*ast.FuncDecl)
					if !ok {
						continue
					}
					fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
					if !ok {
						continue
					}
					ssaParams, ok := result.Func(fn)
					if !ok {
						continue
					}
					for _, i := range syntax[fd] {
						syntactic.Add(1)
						if !slices.Contains(ssaParams, i) {
							t.Errorf("%s: %s: parameter %d dereferenced by the syntactic rule, not by SSA (%v)",
								pass.Fset.Position(fd.Pos()), fn.FullName(), i, ssaParams)
						}
					}
					for _, i := range ssaParams {
						if !slices.Contains(syntax[fd], i) && isPointerParam(fn, i) {
							ssaOnly.Add(1)
						}
					}
				}
			}
			return nil, nil
		},
	}
	if _, err := checker.Analyze([]*analysis.Analyzer{compare}, pkgs, nil); err != nil {
		t.Fatal(err)
	}
	if syntactic.Load() == 0 {
		t.Fatal("the syntactic rule found nothing")
	}
	t.Logf("%d parameters dereferenced by both rules, %d by SSA alone", syntactic.Load(), ssaOnly.Load())
}

// isPointerParam reports whether argument i of fn (a method's receiver is
// 0) is a pointer.
func isPointerParam(fn *types.Func, i int) bool {
	sig := fn.Signature()
	var v *types.Var
	if sig.Recv() != nil {
		if i == 0 {
			v = sig.Recv()
		} else {
			i--
		}
	}
	if v == nil {
		v = sig.Params().At(i)
	}
	_, ok := v.Type().Underlying().(*types.Pointer)
	return ok
}
