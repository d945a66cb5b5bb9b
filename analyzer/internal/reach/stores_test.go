package reach

import "testing"

func TestContainer(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"", ""},
		{"&.0/", ""},               // &t.mu: all of *t
		{"&.0/&[]/", ""},           // &t.arr[i]
		{"&.1/*/&[]/", "&.1/*/"},   // &t.s[i]: the slice's array
		{"&.1/*/[:]/", "&.1/*/"},   // t.s[:]
		{"*/", "*/"},               // a loaded pointer is its own allocation
		{"&.0/*/.2/", "&.0/*/.2/"}, // a field of a loaded value is a copy
	} {
		if got := container(tc.path); got != tc.want {
			t.Errorf("container(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
