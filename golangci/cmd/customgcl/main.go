// Command customgcl builds a golangci-lint with module plugins, as
// `golangci-lint custom` does, but from the Go module proxy (or the module
// cache, offline) instead of a git clone of golangci-lint:
//
//	go -C golangci run ./cmd/customgcl ..    # in a clone of weaklint
//
// It reads .custom-gcl.yml (or .yaml, .json) in the directory given
// (default "."), with the same fields and meaning as golangci-lint's: the
// golangci-lint version, the binary's name and destination, and plugins by
// module and either version or local path (relative to that directory).
// Then, like golangci-lint custom, it writes cmd/golangci-lint/plugins.go
// to blank-import the plugins, adds a replace directive for each local
// plugin and `go get`s the others, runs go mod tidy and builds
// ./cmd/golangci-lint.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/weaklint/weaklint/golangci/customgcl"
)

func main() {
	out := flag.String("o", "", "write the binary to this directory instead of the configuration's destination")
	work := flag.String("work", "", "build in this directory (kept) instead of a temporary one")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: customgcl [-o dir] [-work dir] [dir]\n\nBuilds golangci-lint with the plugins of dir/.custom-gcl.yml.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	dir := "."
	switch flag.NArg() {
	case 0:
	case 1:
		dir = flag.Arg(0)
	default:
		flag.Usage()
		os.Exit(2)
	}
	cfg, err := customgcl.Load(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "customgcl:", err)
		os.Exit(1)
	}
	if *out != "" {
		if cfg.Destination, err = filepath.Abs(*out); err != nil {
			fmt.Fprintln(os.Stderr, "customgcl:", err)
			os.Exit(1)
		}
	}
	bin, err := customgcl.Build(cfg, *work, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "customgcl:", err)
		os.Exit(1)
	}
	fmt.Println(bin)
}
