// The strongcache command runs the strongcache analyzer alone, standalone
// or as go vet -vettool.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/weaklint/weaklint/analyzer/strongcache"
)

func main() { singlechecker.Main(strongcache.Analyzer) }
