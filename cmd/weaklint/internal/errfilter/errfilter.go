// Package errfilter makes the standalone command's errors readable.
//
// multichecker prints, after the real error of a package that does not
// load, parse or type-check, one line per analyzer and package saying that
// the analysis was skipped or that a prerequisite failed:
//
//	-: stat /src/nosuch: directory not found
//	weaklintssa: analysis skipped due to errors in package
//	weakderef: failed prerequisites: weaklintssa@./nosuch
//
// Those lines only repeat that something above failed, so they are dropped;
// a load error loses the "-: " that stands for "no position". multichecker
// exits the process itself, so the command runs in a child process whose
// standard error goes through Filter.
package errfilter

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// childEnv marks the child process, which runs the checker unfiltered.
const childEnv = "WEAKLINT_ERRFILTER_CHILD"

// consequence matches the lines that follow from an error printed before.
var consequence = regexp.MustCompile(`^\w+: (analysis skipped due to errors in package|failed prerequisites: .*)$`)

// Filter copies r to w, line by line, without consequential errors.
func Filter(w io.Writer, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if consequence.MatchString(line) {
			continue
		}
		line = strings.TrimPrefix(line, "-: ")
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	return sc.Err()
}

// Wanted reports whether to run the command through the filter: not in the
// child, and not for go vet's protocol (-V=full, -flags, unit.cfg), which
// prints nothing to filter and runs once per package.
func Wanted(args []string) bool {
	if os.Getenv(childEnv) != "" {
		return false
	}
	for _, arg := range args {
		switch {
		case strings.HasSuffix(arg, ".cfg"),
			strings.HasPrefix(arg, "-V"), strings.HasPrefix(arg, "--V"),
			arg == "-flags", arg == "--flags":
			return false
		}
	}
	return true
}

// Run runs this executable again with the same arguments, filtering its
// standard error, and returns its exit status.
func Run() int {
	exe, err := os.Executable()
	if err != nil {
		os.Stderr.WriteString("weaklint: " + err.Error() + "\n")
		return 1
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		os.Stderr.WriteString("weaklint: " + err.Error() + "\n")
		return 1
	}
	if err := cmd.Start(); err != nil {
		os.Stderr.WriteString("weaklint: " + err.Error() + "\n")
		return 1
	}
	filterErr := Filter(os.Stderr, stderr)
	io.Copy(io.Discard, stderr) // if Filter stopped early, let the child finish
	err = cmd.Wait()
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		if code := exit.ExitCode(); code >= 0 {
			return code
		}
		os.Stderr.WriteString("weaklint: " + err.Error() + "\n") // killed by a signal
		return 1
	}
	if err != nil || filterErr != nil {
		os.Stderr.WriteString("weaklint: " + errors.Join(err, filterErr).Error() + "\n")
		return 1
	}
	return 0
}
