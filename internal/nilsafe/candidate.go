package nilsafe

import (
	"bytes"
	"slices"
)

// Candidate reports whether a file's text can declare a method that Methods
// lists, without parsing it: the text holds "if r == nil" or "if r != nil"
// (or "return r == nil", "return r != nil"; any one blank between the tokens) for some identifier r that is also
// written "func (r *". Methods asks for exactly that spelling, so a file for
// which Candidate is false has no listed method, and only the few files
// that pass (about one in a hundred of GOROOT's) need to be parsed whole.
func Candidate(data []byte) bool {
	// The receivers first, in one search for func: there are fewer of
	// them than nil checks, and a file's nil checks are mostly of names
	// (err, ok) that are no receiver's, each of which would take a search
	// of the whole text for its receiver.
	receivers := pointerReceivers(data)
	if len(receivers) == 0 {
		return false
	}
	// One search for nil: a search per blank that can precede it would read
	// the text four times.
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("nil"))
		if i < 0 {
			return false
		}
		i += at
		at = i + 3
		if i < 3 || !isBlank(data[i-1]) || data[i-2] != '=' || data[i-3] != '=' && data[i-3] != '!' {
			continue
		}
		if r := checkedName(data, i-3, at); r != nil && slices.ContainsFunc(receivers, func(name []byte) bool { return bytes.Equal(name, r) }) {
			return true
		}
	}
}

// checkedName returns r if data[op:end] is the operator and nil of
// "if r == nil" or "return r == nil" (with any blank between the tokens, but a newline before
// the operator), or nil.
func checkedName(data []byte, op, end int) []byte {
	if end < len(data) && isIdentByte(data[end]) { // nilly
		return nil
	}
	i := op - 1 // the blank before the operator
	if i < 0 || data[i] != ' ' && data[i] != '\t' && data[i] != '\r' {
		return nil
	}
	j := i
	for j > 0 && isIdentByte(data[j-1]) {
		j--
	}
	if j == i {
		return nil
	}
	r := data[j:i]
	// "if" or "return" and one blank before r, and no identifier byte
	// before the keyword.
	if j < 1 || !isBlank(data[j-1]) || !keywordBefore(data, j-1, "if") && !keywordBefore(data, j-1, "return") {
		return nil
	}
	return r
}

// keywordBefore reports whether data[:end] ends with the keyword kw, not
// preceded by an identifier byte.
func keywordBefore(data []byte, end int, kw string) bool {
	start := end - len(kw)
	return start >= 0 && string(data[start:end]) == kw && (start == 0 || !isIdentByte(data[start-1]))
}

// pointerReceivers returns the names r of the methods with a pointer
// receiver that data starts as "func (r *" (any one blank after func, no
// identifier byte before it), each once.
func pointerReceivers(data []byte) [][]byte {
	var names [][]byte
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("func"))
		if i < 0 {
			return names
		}
		i += at
		at = i + 4
		if i > 0 && isIdentByte(data[i-1]) || at+1 >= len(data) || !isBlank(data[at]) || data[at+1] != '(' {
			continue
		}
		start := at + 2
		end := start
		for end < len(data) && isIdentByte(data[end]) {
			end++
		}
		if end == start || end+1 >= len(data) || data[end] != ' ' || data[end+1] != '*' {
			continue
		}
		r := data[start:end]
		if !slices.ContainsFunc(names, func(name []byte) bool { return bytes.Equal(name, r) }) {
			names = append(names, r)
		}
	}
}

// isBlank reports whether b is white space between Go tokens.
func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// isIdentByte reports whether b can be part of an identifier: an ASCII
// letter, digit or underscore, or a byte of a multi-byte UTF-8 letter.
func isIdentByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_' || b >= 0x80
}
