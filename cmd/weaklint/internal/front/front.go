// Package front is the standalone command as the user sees it. The checker
// (x/tools' multichecker, behind the vet gate) runs in a child process, as it
// exits the process itself; front runs it and shapes what it prints:
//
//   - standard error goes through errfilter (no lines that only repeat an
//     error, one line per syntax error as go vet prints it);
//   - -json prints each diagnostic once: the checker lists a package's
//     diagnostics again under its test variant;
//   - -sarif runs the checker with -json and prints a SARIF 2.1.0 log;
//     -sarif-from=FILE converts what go vet -json printed, without analyzing;
//   - -fix applies the fixes, then prints the findings left (those without a
//     fix, or whose fix conflicted) and exits 3 if there are any.
package front

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/cmd/weaklint/internal/errfilter"
	"github.com/weaklint/weaklint/cmd/weaklint/internal/sarif"
	"github.com/weaklint/weaklint/cmd/weaklint/internal/vetjson"
)

// Exit statuses of the standalone command (multichecker's, kept).
const (
	ExitClean       = 0 // no findings; also -json and -sarif, findings or not
	ExitError       = 1 // a package does not load, parse or type-check; bad input
	ExitUsage       = 2 // an unknown flag
	ExitDiagnostics = 3 // findings printed as text, or left by -fix
)

// RegisterFlags declares the flags that front acts on, so that the
// checker's -help lists them (front removes them before the child parses).
func RegisterFlags(fs *flag.FlagSet) {
	fs.Bool("sarif", false, "print findings as a SARIF 2.1.0 log on standard output (exit status 0 with findings, as -json)")
	fs.String("sarif-from", "", "convert the output of go vet -vettool=weaklint -json (a file, - for standard input) into SARIF, without analyzing")
}

// Run runs the command with args and returns its exit status; analyzers
// are the checks, whose documentation becomes SARIF rules.
func Run(args []string, analyzers []*analysis.Analyzer) int {
	opts := parse(args)
	switch {
	case opts.sarifFrom != "":
		return convertVetJSON(opts.sarifFrom, analyzers)
	case opts.sarif:
		return runSARIF(opts.child, analyzers)
	case opts.fix && !opts.diff:
		return runFix(opts.child)
	case opts.json:
		return runJSON(opts.child)
	}
	code, _ := child(opts.child, os.Stdout)
	return code
}

type options struct {
	child     []string // the arguments for the checker
	sarif     bool
	sarifFrom string
	json, fix bool
	diff      bool
}

// parse picks front's flags out of args, up to the first argument that is
// not a flag (as package flag does), leaving the rest to the checker.
func parse(args []string) options {
	var o options
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			o.child = append(o.child, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		on := !hasValue
		if hasValue {
			on, _ = strconv.ParseBool(value)
		}
		switch name {
		case "sarif":
			o.sarif = on
			continue // not for the checker
		case "sarif-from":
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
			}
			o.sarifFrom = value
			continue
		case "json":
			o.json = on
		case "fix":
			o.fix = on
		case "diff":
			o.diff = on
		}
		o.child = append(o.child, arg)
	}
	return o
}

// child runs the checker with args, its standard output to stdout and its
// standard error through errfilter, and returns its exit status and the
// lines it printed on standard error.
func child(args []string, stdout io.Writer) (int, []string) {
	exe, err := os.Executable()
	if err != nil {
		return fail(err), nil
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), errfilter.ChildEnv+"=1")
	cmd.Stdin, cmd.Stdout = os.Stdin, stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return fail(err), nil
	}
	if err := cmd.Start(); err != nil {
		return fail(err), nil
	}
	var lines bytes.Buffer
	filterErr := errfilter.Filter(io.MultiWriter(os.Stderr, &lines), stderr)
	io.Copy(io.Discard, stderr) // if Filter stopped early, let the child finish
	err = cmd.Wait()
	printed := strings.Split(strings.TrimSuffix(lines.String(), "\n"), "\n")
	if lines.Len() == 0 {
		printed = nil
	}
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		if code := exit.ExitCode(); code >= 0 {
			return code, printed
		}
		return fail(err), printed // killed by a signal
	}
	if err != nil || filterErr != nil {
		return fail(errors.Join(err, filterErr)), printed
	}
	return ExitClean, printed
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "weaklint:", err)
	return ExitError
}

// runJSON prints the checker's JSON with each diagnostic once.
func runJSON(args []string) int {
	tree, code, _ := childJSON(args)
	if tree == nil {
		return code
	}
	if err := tree.Write(os.Stdout); err != nil {
		return fail(err)
	}
	return code
}

// childJSON runs the checker with args (which ask for -json) and returns
// its deduplicated output, exit status and error lines. The tree is nil
// if the output does not parse (the error is printed).
func childJSON(args []string) (vetjson.Tree, int, []string) {
	var out bytes.Buffer
	code, errLines := child(args, &out)
	tree, err := vetjson.Decode(&out)
	if err != nil {
		return nil, max(code, fail(err)), errLines
	}
	tree.Dedupe()
	return tree, code, errLines
}

// runFix applies the fixes, then lists what is left, as text.
func runFix(args []string) int {
	if code, _ := child(args, os.Stdout); code != ExitClean {
		return code
	}
	var check []string // the same run without -fix, in JSON
	for _, arg := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if strings.HasPrefix(arg, "-") && (name == "fix" || name == "json") {
			continue
		}
		check = append(check, arg)
	}
	flags := slices.IndexFunc(check, func(a string) bool { return !strings.HasPrefix(a, "-") })
	if flags < 0 {
		flags = len(check)
	}
	check = slices.Insert(check, flags, "-json")
	tree, code, _ := childJSON(check)
	if tree == nil || code != ExitClean {
		return max(code, ExitError)
	}
	if tree.Count() == 0 {
		return ExitClean
	}
	fmt.Fprintf(os.Stderr, "weaklint: -fix left %d finding(s) without a fix:\n", tree.Count())
	printText(os.Stderr, tree)
	return ExitDiagnostics
}

// printText prints diagnostics as the checker does: position: message.
func printText(w io.Writer, tree vetjson.Tree) {
	var lines []string
	for _, byAnalyzer := range tree {
		for _, res := range byAnalyzer {
			for _, d := range res.Diagnostics {
				lines = append(lines, d.Posn+": "+d.Message)
			}
		}
	}
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// runSARIF analyzes and prints a SARIF log.
func runSARIF(args []string, analyzers []*analysis.Analyzer) int {
	flags := slices.IndexFunc(args, func(a string) bool { return !strings.HasPrefix(a, "-") })
	if flags < 0 {
		flags = len(args)
	}
	tree, code, errLines := childJSON(slices.Insert(slices.Clone(args), flags, "-json"))
	if tree == nil {
		tree = vetjson.Tree{}
	}
	if code == ExitUsage {
		return code // a bad flag: the checker said why
	}
	return writeSARIF(tree, errLines, code, analyzers)
}

// convertVetJSON converts go vet's JSON output into SARIF.
func convertVetJSON(name string, analyzers []*analysis.Analyzer) int {
	var r io.Reader = os.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		r = f
	}
	tree, err := vetjson.Decode(r)
	if err != nil {
		return fail(err)
	}
	tree.Dedupe()
	return writeSARIF(tree, nil, ExitClean, analyzers)
}

func writeSARIF(tree vetjson.Tree, errLines []string, code int, analyzers []*analysis.Analyzer) int {
	rules := make([]sarif.Rule, len(analyzers))
	for i, a := range analyzers {
		rules[i] = sarif.Rule{Name: a.Name, Doc: a.Doc, URL: a.URL}
	}
	log := sarif.Convert(sarif.Run{
		Tool: sarif.Tool{
			Name:           "weaklint",
			Version:        version(),
			InformationURI: "https://github.com/weaklint/weaklint",
			Rules:          rules,
		},
		Root:          moduleRoot(),
		Diagnostics:   tree,
		Notifications: errLines,
		ExitCode:      code,
		Successful:    code == ExitClean || code == ExitDiagnostics,
	})
	if err := log.Write(os.Stdout); err != nil {
		return fail(err)
	}
	if code == ExitDiagnostics {
		return ExitClean // findings are the log's business, as with -json
	}
	return code
}

// moduleRoot is the directory of the workspace or main module, where
// %SRCROOT% points; "" outside a module.
func moduleRoot() string {
	out, err := exec.Command("go", "env", "GOWORK", "GOMOD").Output()
	if err != nil {
		return ""
	}
	for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f = strings.TrimSpace(f); f != "" && f != "off" && f != os.DevNull {
			return filepath.Dir(f)
		}
	}
	return ""
}

// version is the module version weaklint was built from, without its "v"
// (SARIF consumers expect a number): 1.2.3 for go install ...@v1.2.3,
// 0.0.0-devel for a build from a clone without version control stamps.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return strings.TrimPrefix(info.Main.Version, "v")
	}
	return "0.0.0-devel"
}
