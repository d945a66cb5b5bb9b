// Command weaklsp is weaklint's language server: editors show weaklint's
// findings while the code is typed, and apply its suggested fixes as quick
// fixes. It speaks the Language Server Protocol on standard input and
// output.
//
//	weaklsp [-debounce 150ms] [-logfile file]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/lsp"
)

func main() {
	flags := flag.NewFlagSet("weaklsp", flag.ContinueOnError)
	version := flags.Bool("version", false, "print the version and exit")
	debounce := flags.Duration("debounce", 0, "delay between an edit and its analysis when another analysis runs or waits (default 150ms; the client's settings may change it)")
	logFile := flags.String("logfile", "", "append the server's log to this file instead of standard error")
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), `weaklsp: weaklint's language server, on standard input and output.

Usage: weaklsp [flags]

Start it from an editor's LSP client; see weaklint's README for set-ups.
Settings (initializationOptions or workspace/didChangeConfiguration, at the
top level or under "weaklint"): an analyzer's name (as the weaklint flag)
with true or false, "debounce" (milliseconds), "run" ("onType" or "onSave").

Analyzers:`)
		for _, a := range analyzer.All() {
			fmt.Fprintf(flags.Output(), "\n  %-12s %s", a.Name, firstLine(a.Doc))
		}
		fmt.Fprintf(flags.Output(), "\n\nFlags:\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			os.Exit(0)
		}
		os.Exit(2)
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "weaklsp: unexpected arguments %q: the server takes no arguments, only flags\n", flags.Args())
		os.Exit(2)
	}
	if *version {
		fmt.Println("weaklsp", moduleVersion())
		return
	}

	var logw io.Writer = os.Stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintf(os.Stderr, "weaklsp: %v\n", err)
			os.Exit(1)
		}
		logw = f
	}
	code := lsp.Serve(context.Background(), stdio{}, lsp.Options{
		Analyzers: analyzer.All(),
		Log:       logw,
		Version:   moduleVersion(),
		Debounce:  *debounce,
	})
	// A read of standard input may still be blocked: only exiting ends it.
	os.Exit(code)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// stdio is the server's connection: standard input and output.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error {
	errIn, errOut := os.Stdin.Close(), os.Stdout.Close()
	if errIn != nil {
		return errIn
	}
	return errOut
}
