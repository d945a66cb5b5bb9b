// Command weaklint reports misuse of weak pointers and cleanups.
//
//	weaklint [flags] packages...
//	go vet -vettool="$(command -v weaklint || echo weaklint-is-not-on-PATH)" packages...
//
// Exit status: 0 no findings (and with -json or -sarif, findings or not), 1 an
// error (a package that does not load, parse or type-check), 2 an unknown
// flag, 3 findings (or findings that -fix could not fix).
//
//go:debug updatemaxprocs=0
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

// The go:debug line above keeps the runtime from starting, in every
// process, the goroutine that would follow changes of the container's CPU
// limit while weaklint runs (GOMAXPROCS is still set from the limit at
// start): go vet starts a weaklint process per package, most of which live
// a few milliseconds, and the goroutine's start woke a thread in each.
func main() {
	if errfilter.Wanted(os.Args[1:]) {
		os.Exit(front.Run(os.Args[1:], analyzer.All()))
	}
	if os.Getenv(errfilter.ChildEnv) != "" {
		front.RegisterFlags(flag.CommandLine) // for -help; front acts on them
	}
	vetgate.Main(analyzer.All()...)
}
