package textpos

import "testing"

func TestRoundTrip(t *testing.T) {
	content := []byte("package p\n// héllo 😀 x\r\nvar s = \"\xff\"\n")
	m := NewMapper(content)
	for _, tc := range []struct {
		offset int
		pos    Position
	}{
		{0, Position{0, 0}},
		{10, Position{1, 0}},
		{13, Position{1, 3}},  // after "// "
		{14, Position{1, 4}},  // after "h"
		{16, Position{1, 5}},  // after "é" (2 bytes, 1 unit)
		{20, Position{1, 9}},  // after "llo "
		{24, Position{1, 11}}, // after "😀" (4 bytes, 2 units)
		{37, Position{2, 9}},  // after "\""
		{38, Position{2, 10}}, // after the invalid byte (1 unit)
	} {
		if got := m.Position(tc.offset); got != tc.pos {
			t.Errorf("Position(%d) = %v, want %v", tc.offset, got, tc.pos)
		}
		if got := m.Offset(tc.pos); got != tc.offset {
			t.Errorf("Offset(%v) = %d, want %d", tc.pos, got, tc.offset)
		}
	}
}

func TestClamp(t *testing.T) {
	content := []byte("ab\r\ncd\n😀")
	m := NewMapper(content)
	for _, tc := range []struct {
		pos  Position
		want int
	}{
		{Position{0, 99}, 2},           // past the end of the line: before "\r\n"
		{Position{1, 99}, 6},           // before "\n"
		{Position{2, 1}, 7},            // inside the surrogate pair: start of the character
		{Position{2, 2}, len(content)}, // after it
		{Position{99, 0}, len(content)},
	} {
		if got := m.Offset(tc.pos); got != tc.want {
			t.Errorf("Offset(%v) = %d, want %d", tc.pos, got, tc.want)
		}
	}
	if got, want := m.Position(-5), (Position{0, 0}); got != want {
		t.Errorf("Position(-5) = %v, want %v", got, want)
	}
	if got, want := m.Position(1000), (Position{2, 2}); got != want {
		t.Errorf("Position(1000) = %v, want %v", got, want)
	}
}
