// The cleanupref command runs the cleanupref analyzer alone, standalone or
// as go vet -vettool.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/weaklint/weaklint/analyzer/cleanupref"
)

func main() { singlechecker.Main(cleanupref.Analyzer) }
