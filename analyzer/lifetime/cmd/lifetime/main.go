// The lifetime command runs the lifetime analyzer alone, standalone or as
// go vet -vettool.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/weaklint/weaklint/analyzer/lifetime"
)

func main() { singlechecker.Main(lifetime.Analyzer) }
