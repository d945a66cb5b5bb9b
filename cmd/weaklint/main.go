// Command weaklint reports misuse of weak pointers and cleanups.
//
//	weaklint [flags] packages...
//	go vet -vettool=$(command -v weaklint) packages...
package main

import (
	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/internal/vetgate"
)

func main() { vetgate.Main(analyzer.All()...) }
