// Package textpos converts between byte offsets in a file's content and LSP
// positions, whose columns count UTF-16 code units (LSP 3.16 has no
// position-encoding negotiation, so UTF-16 is the only encoding clients speak).
//
// Positions outside the text are clamped, never rejected: an editor that
// sends a line past the end of a buffer (it happens while the buffer and the
// server disagree for a moment) gets the nearest valid position.
package textpos

import (
	"bytes"
	"unicode/utf8"
)

// Position is a zero-based line and UTF-16 column, as in LSP.
type Position struct {
	Line, Character uint32
}

// Range is a half-open span of positions.
type Range struct {
	Start, End Position
}

// Mapper maps offsets of one version of a file's content.
type Mapper struct {
	content    []byte
	lineStarts []int // byte offset of the start of each line
}

// NewMapper returns a mapper for content. The content must not be modified
// while the mapper is in use.
func NewMapper(content []byte) *Mapper {
	starts := []int{0}
	for i, b := range content {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Mapper{content: content, lineStarts: starts}
}

// Position returns the LSP position of the byte offset, clamped to the content.
func (m *Mapper) Position(offset int) Position {
	offset = max(0, min(offset, len(m.content)))
	line := lineOf(m.lineStarts, offset)
	start := m.lineStarts[line]
	return Position{Line: uint32(line), Character: uint32(utf16Len(m.content[start:offset]))}
}

// Range returns the LSP range of the byte offsets [start, end).
func (m *Mapper) Range(start, end int) Range {
	return Range{Start: m.Position(start), End: m.Position(max(start, end))}
}

// Offset returns the byte offset of an LSP position. A line past the end maps
// to the end of the content; a column past the end of its line maps to the
// end of the line (before its newline); a column inside a surrogate pair maps
// to the start of that character.
func (m *Mapper) Offset(p Position) int {
	if int(p.Line) >= len(m.lineStarts) {
		return len(m.content)
	}
	start := m.lineStarts[p.Line]
	end := len(m.content)
	if int(p.Line)+1 < len(m.lineStarts) {
		end = m.lineStarts[p.Line+1] - 1 // the newline
	}
	line := m.content[start:end]
	line = bytes.TrimSuffix(line, []byte{'\r'})
	var units uint32
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		n := uint32(1) // invalid UTF-8 too: editors show one replacement character
		if r >= 0x10000 {
			n = 2 // a surrogate pair
		}
		if units+n > p.Character {
			return start + i
		}
		units += n
		i += size
	}
	return start + len(line)
}

func lineOf(starts []int, offset int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}
