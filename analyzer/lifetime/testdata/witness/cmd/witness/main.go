// The witness command runs the lifetime witness cases in a program of its
// own, built without the race detector (which gives every tiny object a
// block of its own): one line per case, "index outcome", then "cycles N".
// With -tiny it runs only the tiny-object cleanups, for
// GODEBUG=checkfinalizers=1.
package main

import (
	"flag"
	"fmt"

	"github.com/weaklint/weaklint/analyzer/lifetime/testdata/witness"
)

func main() {
	tiny := flag.Bool("tiny", false, "run only the tiny-object cleanups and collect garbage")
	flag.Parse()
	if *tiny {
		witness.RunTinyCleanups()
		return
	}
	outcomes, cycles := witness.Observe()
	for i, o := range outcomes {
		fmt.Println(i, o)
	}
	fmt.Println("cycles", cycles)
}
