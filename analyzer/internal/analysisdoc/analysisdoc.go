// Package analysisdoc extracts an analyzer's documentation from its doc.go,
// the way the x/tools passes do, so that the package comment is the single
// source of an analyzer's Doc.
package analysisdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract returns the text after "# Analyzer NAME" in the package comment
// of content (a doc.go file), with the leading "NAME: " removed from the
// summary line. It panics on malformed input: doc.go is part of the program.
func MustExtract(content, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		panic(fmt.Sprintf("analysisdoc: %v", err))
	}
	if f.Doc == nil {
		panic("analysisdoc: doc.go has no package comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name
	_, after, ok := strings.Cut(text, heading)
	if !ok {
		panic(fmt.Sprintf("analysisdoc: no %q heading", heading))
	}
	if i := strings.Index(after, "\n# "); i >= 0 {
		after = after[:i]
	}
	after = strings.TrimSpace(after)
	summary, ok := strings.CutPrefix(after, name+":")
	if !ok {
		panic(fmt.Sprintf("analysisdoc: section %q does not start with %q", heading, name+":"))
	}
	return strings.TrimSpace(summary)
}
