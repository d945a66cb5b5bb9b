package vetgate

import (
	"fmt"
	"os"
	"testing"

	"github.com/weaklint/weaklint/analyzer"
)

func TestZZDump(t *testing.T) {
	name := os.Getenv("VETX")
	if name == "" {
		t.Skip()
	}
	h, err := readVetxHeader(name)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := readVetxFacts(name, h)
	inert := newInertFacts(tableGate, analyzer.All())
	facts, err := inert.decode(data)
	fmt.Println(h, err)
	for _, f := range facts {
		fmt.Println(f.PkgPath, f.Object, f.Fact)
	}
}
