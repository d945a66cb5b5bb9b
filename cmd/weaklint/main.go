// Command weaklint reports misuse of weak pointers and cleanups.
//
//	weaklint [flags] packages...
//	go vet -vettool=$(command -v weaklint) packages...
package main

import (
	"os"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/cmd/weaklint/internal/errfilter"
	"github.com/weaklint/weaklint/internal/vetgate"
)

func main() {
	if errfilter.Wanted(os.Args[1:]) {
		os.Exit(errfilter.Run())
	}
	vetgate.Main(analyzer.All()...)
}
