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
// a load error loses the "-: " that stands for "no position". A file that
// does not parse gets one line, its first syntax error, as go vet prints it:
// the parser's later complaints about the same file, and the type errors
// that follow from the missing code in its package (its directory), are
// dropped. multichecker exits the process itself, so the command runs in a
// child process (see package front) whose standard error goes through Filter.
package errfilter

import (
	"bufio"
	"go/parser"
	"go/scanner"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// ChildEnv marks the child process, which runs the checker unfiltered.
const ChildEnv = "WEAKLINT_ERRFILTER_CHILD"

// Filter copies r to w, line by line, without consequential errors.
func Filter(w io.Writer, r io.Reader) error {
	// Compiled here rather than at package initialization, which every
	// process pays for, including go vet's one process per package.
	consequence := regexp.MustCompile(`^\w+: (analysis skipped due to errors in package|failed prerequisites: .*)$`) // lines that follow from an error printed before
	syntax := syntaxErrors{
		errorLine: regexp.MustCompile(`^(.+\.go):\d+(?::\d+)?: `),
		files:     make(map[string]bool),
		dirs:      make(map[string]bool),
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if consequence.MatchString(line) {
			continue
		}
		line = strings.TrimPrefix(line, "-: ")
		line, keep := syntax.rewrite(line)
		if !keep {
			continue
		}
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
	if os.Getenv(ChildEnv) != "" {
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

// syntaxErrors remembers the files found not to parse, and their
// directories.
type syntaxErrors struct {
	errorLine *regexp.Regexp  // an error about a Go file: file:line:col: message
	files     map[string]bool // file → whether it fails to parse
	dirs      map[string]bool // directories holding such a file
}

// rewrite returns what to print instead of an error line, and whether to
// print anything: a file that does not parse is reported once, by its first
// syntax error; other errors about it or its package are dropped.
func (s *syntaxErrors) rewrite(line string) (string, bool) {
	m := s.errorLine.FindStringSubmatch(line)
	if m == nil {
		return line, true
	}
	file := m[1]
	broken, seen := s.files[file]
	if seen {
		return line, !broken && !s.dirs[filepath.Dir(file)]
	}
	_, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
	list, ok := err.(scanner.ErrorList)
	s.files[file] = ok && len(list) > 0
	if !s.files[file] {
		return line, !s.dirs[filepath.Dir(file)]
	}
	s.dirs[filepath.Dir(file)] = true
	first := list[0]
	return first.Pos.String() + ": " + first.Msg, true
}
