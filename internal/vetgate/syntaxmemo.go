package vetgate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/objectpath"

	"github.com/weaklint/weaklint/internal/nilsafe"
)

// The syntax memo lets the units of one package in a go vet run share what
// nilsafe lists there (syntaxDerefs), which depends on the package's files
// alone. go vet std runs a package once for itself and again for each test
// that recompiles it (reflect 15 times, testing 31, runtime 9), and the
// lists cost parses: runtime's one listed method, (*Func).Name, has its
// path numbered among the methods of Func in the files that spell Func,
// about 27 ms of CPU per unit, and the units of the packages with a
// candidate file spent about 0.8 s of CPU on them in all.
//
// The memo lives in go vet's work directory: an entry named by the key of
// the package's files (syntaxKey) is a hard link to a file holding the list
// (encodeSyntaxDerefs), shared by the entries with the same list
// (linkShared), as creating a file costs more CPU than most units' lists.
// A unit whose files have no candidate (nilsafe.Candidate) neither reads
// nor writes an entry: it has nothing to parse.

// syntaxMemoHeader starts every memo file; a file without it, or not in its
// format, is not an entry of this version (decodeSyntaxDerefs).
const syntaxMemoHeader = "weaklint syntax derefs 2\n"

// memoSyntaxDerefs returns syntaxDerefs of the unit's package: from the memo
// entry of its files if there is one, or else computed and recorded there.
func memoSyntaxDerefs(cfg *config, src *unitSources) ([]syntaxDeref, error) {
	var candidates []int
	if !nilsafe.ParamRuleApplies(cfg.ImportPath) {
		var err error
		if candidates, err = candidateFiles(src); err != nil || len(candidates) == 0 {
			return nil, err // nothing to parse, nothing to remember
		}
	}
	entry := syntaxMemoEntry(cfg, src)
	if entry != "" {
		if data, _, err := readWhole(entry); err == nil {
			if derefs, ok := decodeSyntaxDerefs(data); ok {
				return derefs, nil
			}
		}
	}
	derefs, err := syntaxDerefs(cfg, src, candidates)
	if err != nil {
		return nil, err // not remembered: unitchecker will report it
	}
	if entry != "" {
		linkShared(cfg, entry, encodeSyntaxDerefs(derefs))
	}
	return derefs, nil
}

// syntaxMemoEntry returns the name of the memo entry for the unit's
// package and files, or "" outside a go vet work directory (or if a file
// cannot be read: the unit fails anyway).
func syntaxMemoEntry(cfg *config, src *unitSources) string {
	work := runWorkDir(cfg)
	if work == "" {
		return ""
	}
	key, err := syntaxKey(cfg, src)
	if err != nil {
		return ""
	}
	return filepath.Join(work, "weaklint-syntax-"+key)
}

// syntaxKey returns the memo key of the unit's package: a hash of its path
// (which decides the rule, nilsafe.ParamRuleApplies, and in which the
// lists' object paths are) and its files, each by its name, size and
// modification time as read (as the facts memo's fileKey does), or for a
// file that the go command generated in the unit's own directory (cgo's
// output) by its base name and contents, the same in every unit of the
// package.
func syntaxKey(cfg *config, src *unitSources) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s%q %d", syntaxMemoHeader, cfg.ImportPath, len(cfg.GoFiles))
	objdir := filepath.Dir(cfg.VetxOutput)
	for i, name := range cfg.GoFiles {
		data, err := src.read(i)
		if err != nil {
			return "", err
		}
		if filepath.Dir(name) == objdir {
			fmt.Fprintf(h, "\ngenerated %q %x", filepath.Base(name), sha256.Sum256(data))
			continue
		}
		st, err := src.stat(i)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "\nfile %q %d %d", name, len(data), st.mtime)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// encodeSyntaxDerefs encodes a list for the memo: the header, then a line
// per function or method, its object path, a tab, and its parameters,
// separated by commas; if it has nil results, a tab and those
// (encodeNilResults).
func encodeSyntaxDerefs(derefs []syntaxDeref) []byte {
	var buf bytes.Buffer
	buf.WriteString(syntaxMemoHeader)
	for _, d := range derefs {
		buf.WriteString(string(d.path))
		buf.WriteByte('\t')
		for i, p := range d.params {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(strconv.Itoa(p))
		}
		if len(d.nilResults) > 0 {
			buf.WriteByte('\t')
			encodeNilResults(&buf, d.nilResults)
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// decodeSyntaxDerefs decodes a memo file, and reports false for anything
// that encodeSyntaxDerefs does not write (another version's entry, a file
// cut short): the caller computes the list itself.
func decodeSyntaxDerefs(data []byte) ([]syntaxDeref, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(syntaxMemoHeader))
	if !ok || len(rest) > 0 && rest[len(rest)-1] != '\n' {
		return nil, false
	}
	var derefs []syntaxDeref
	for _, line := range strings.SplitAfter(string(rest), "\n") {
		if line == "" {
			break // after the last newline
		}
		path, params, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok || !validObjectPath(path) {
			return nil, false
		}
		d := syntaxDeref{path: objectpath.Path(path)}
		params, nilResults, hasNil := strings.Cut(params, "\t")
		if hasNil {
			if d.nilResults, ok = decodeNilResults(nilResults); !ok {
				return nil, false
			}
		}
		if params != "" {
			for _, p := range strings.Split(params, ",") {
				n, err := strconv.Atoi(p)
				if err != nil || n < 0 || strconv.Itoa(n) != p {
					return nil, false
				}
				d.params = append(d.params, n)
			}
		}
		derefs = append(derefs, d)
	}
	return derefs, true
}

// encodeNilResults writes nil results for the memo, separated by commas:
// each is its parameter, a dot, its result, an equals sign and its value
// quoted (a string constant's spelling may hold anything).
func encodeNilResults(buf *bytes.Buffer, nrs []nilsafe.NilResult) {
	for i, nr := range nrs {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(buf, "%d.%d=%s", nr.Param, nr.Result, strconv.Quote(nr.Value))
	}
}

// decodeNilResults decodes what encodeNilResults writes (at least one),
// and reports false for anything else.
func decodeNilResults(s string) ([]nilsafe.NilResult, bool) {
	var out []nilsafe.NilResult
	for {
		param, rest, ok := strings.Cut(s, ".")
		if !ok {
			return nil, false
		}
		result, rest, ok := strings.Cut(rest, "=")
		if !ok {
			return nil, false
		}
		quoted, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return nil, false
		}
		value, _ := strconv.Unquote(quoted)
		p, pok := decodeIndex(param)
		r, rok := decodeIndex(result)
		if !pok || !rok {
			return nil, false
		}
		out = append(out, nilsafe.NilResult{Param: p, Result: r, Value: value})
		s = rest[len(quoted):]
		if s == "" {
			return out, true
		}
		if s, ok = strings.CutPrefix(s, ","); !ok {
			return nil, false
		}
	}
}

// decodeIndex decodes a parameter or result index as strconv.Itoa writes it.
func decodeIndex(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && strconv.Itoa(n) == s
}

// validObjectPath reports whether path can be what syntaxDerefs finds: the
// name of a package-level function, or "T.M<i>" (methodPaths).
func validObjectPath(path string) bool {
	name, method, isMethod := strings.Cut(path, ".")
	if !isIdentifier(name) {
		return false
	}
	if !isMethod {
		return true
	}
	index, ok := strings.CutPrefix(method, "M")
	n, err := strconv.Atoi(index)
	return ok && err == nil && n >= 0 && strconv.Itoa(n) == index
}

// isIdentifier reports whether s is a Go identifier (bytes of multi-byte
// UTF-8 letters accepted as isIdentByte does).
func isIdentifier(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for i := range len(s) {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}
