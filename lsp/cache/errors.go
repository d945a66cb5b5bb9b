package cache

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// This file finds the code of a package that analyzers cannot be trusted
// on: the top-level declarations that contain a parse error or a hard type
// error. Soft type errors (a variable declared and not used, an unused
// import: what every edit passes through) leave the types complete and
// count for nothing.
//
// The server runs every analyzer on packages with errors, as gopls does,
// instead of skipping the package (what analysis.Analyzer.RunDespiteErrors
// false means for the command line): one type error while typing would
// otherwise hide every diagnostic of the package. An analyzer that does not
// declare RunDespiteErrors has its findings inside the broken declarations
// dropped; one that fails on the broken package (SSA construction panics
// on missing types) keeps, for the files that did not change, what it
// found in them last time (see view.finish).

// brokenCode lists the broken declarations of a package.
type brokenCode struct {
	first  map[string]string       // file name -> its first hard error, as "line:col: message"
	spans  map[string][]brokenSpan // file name -> the broken declarations (the whole file if its header is broken)
	pkg    string                  // the first hard error of the package, "" if none
	errPos []token.Pos             // of every hard error in a file the analyzers see
	files  map[string]*ast.File    // by name, for positions
}

type brokenSpan struct{ pos, end token.Pos }

// errorFree reports whether the package has no hard errors.
func (b *brokenCode) errorFree() bool { return b.pkg == "" }

// contains reports whether pos lies in broken code.
func (b *brokenCode) contains(fset *token.FileSet, pos token.Pos) bool {
	tf := fset.File(pos)
	if tf == nil {
		return false
	}
	for _, s := range b.spans[tf.Name()] {
		if s.pos <= pos && pos < s.end {
			return true
		}
	}
	return false
}

func findBrokenCode(pkg *packages.Package) *brokenCode {
	b := &brokenCode{first: make(map[string]string), spans: make(map[string][]brokenSpan), files: make(map[string]*ast.File)}
	fset := pkg.Fset
	for _, f := range pkg.Syntax {
		if tf := fset.File(f.FileStart); tf != nil {
			b.files[tf.Name()] = f
		}
	}
	mark := func(name string, line, col int, msg string) {
		where := fmt.Sprintf("%d:%d", line, col)
		if _, ok := b.first[name]; !ok {
			b.first[name] = where + ": " + msg
		}
		if b.pkg == "" {
			b.pkg = fmt.Sprintf("%s:%s: %s", shortName(name), where, msg)
		}
		f := b.files[name]
		if f == nil {
			return // a file the analyzers do not see
		}
		tf := fset.File(f.FileStart)
		if line < 1 || line > tf.LineCount() {
			b.spans[name] = append(b.spans[name], brokenSpan{f.FileStart, f.FileEnd})
			return
		}
		pos := tf.LineStart(line)
		if off := tf.Offset(pos) + max(col-1, 0); off <= tf.Size() {
			pos = tf.Pos(off)
		}
		b.errPos = append(b.errPos, pos)
		for _, d := range f.Decls {
			if d.Pos() <= pos && pos <= d.End() {
				b.spans[name] = append(b.spans[name], brokenSpan{d.Pos(), d.End()})
				return
			}
		}
		b.spans[name] = append(b.spans[name], brokenSpan{f.FileStart, f.FileEnd})
	}
	for _, te := range pkg.TypeErrors {
		if te.Soft {
			continue
		}
		p := te.Fset.Position(te.Pos)
		mark(p.Filename, p.Line, p.Column, te.Msg)
	}
	for _, e := range pkg.Errors {
		if e.Kind == packages.TypeError {
			continue // in TypeErrors, which say whether they are soft
		}
		name, line, col := splitPos(e.Pos)
		if name == "" {
			if b.pkg == "" {
				b.pkg = e.Msg
			}
			continue
		}
		mark(name, line, col, e.Msg)
	}
	return b
}

// splitPos splits "file:line:col" (or "file:line", or "-").
func splitPos(pos string) (name string, line, col int) {
	parts := strings.Split(pos, ":")
	nums := []int{}
	for len(parts) > 1 && len(nums) < 2 {
		n, err := strconv.Atoi(parts[len(parts)-1])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		parts = parts[:len(parts)-1]
	}
	name = strings.Join(parts, ":")
	if name == "-" || name == "" {
		return "", 0, 0
	}
	switch len(nums) {
	case 2:
		return name, nums[0], nums[1]
	case 1:
		return name, nums[0], 1
	}
	return name, 0, 0
}

func shortName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}
