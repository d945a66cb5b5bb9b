// Command weaklint reports misuse of weak pointers and cleanups.
//
//	weaklint [flags] packages...
//	go vet -vettool=$(command -v weaklint) packages...
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/weaklint/weaklint/analyzer"
)

func main() { multichecker.Main(analyzer.All()...) }
