// Command gendoc writes doc_gen.go, the analyzers' Doc constants, from
// doc.go in the current directory (see package analysisdoc). An analyzer
// package runs it with
//
//	//go:generate go run ../internal/analysisdoc/gendoc
package main

import (
	"log"
	"os"

	"github.com/weaklint/weaklint/analyzer/internal/analysisdoc"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gendoc: ")
	content, err := os.ReadFile("doc.go")
	if err != nil {
		log.Fatal(err)
	}
	out, err := analysisdoc.Generate(string(content))
	if err != nil {
		log.Fatalf("doc.go: %v", err)
	}
	if err := os.WriteFile(analysisdoc.GeneratedFile, out, 0o666); err != nil {
		log.Fatal(err)
	}
}
