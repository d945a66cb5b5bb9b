// Command noplint runs the gate in front of an analyzer that does nothing,
// to measure the gate and the drivers apart from any analysis.
package main

import (
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/internal/vetgate"
)

var nop = &analysis.Analyzer{
	Name: "weakderef",
	Doc:  "does nothing",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { vetgate.Main(nop) }
