// Command weaklint reports misuse of weak pointers and cleanups.
//
//	weaklint [flags] packages...
//	go vet -vettool="$(command -v weaklint || echo weaklint-is-not-on-PATH)" packages...
//
// Exit status: 0 no findings (and with -json or -sarif, findings or not), 1 an
// error (a package that does not load, parse or type-check), 2 an unknown
// flag, 3 findings (or findings that -fix could not fix).
package main

import (
	"flag"
	"os"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/cmd/weaklint/internal/errfilter"
	"github.com/weaklint/weaklint/cmd/weaklint/internal/front"
	_ "github.com/weaklint/weaklint/cmd/weaklint/internal/mainstack" // first: see its doc
	"github.com/weaklint/weaklint/internal/vetgate"
)

func main() {
	if errfilter.Wanted(os.Args[1:]) {
		os.Exit(front.Run(os.Args[1:], analyzer.All()))
	}
	if os.Getenv(errfilter.ChildEnv) != "" {
		front.RegisterFlags(flag.CommandLine) // for -help; front acts on them
	}
	vetgate.Main(analyzer.All()...)
}
