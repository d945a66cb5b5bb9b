package memo

import "testing"

// Negative: a memo in a test: the test process exits soon.
var keyCache = map[string]*Template{}

func keyFor(r *request) *Template {
	if t, ok := keyCache[r.path]; ok {
		return t
	}
	t := &Template{src: r.path}
	keyCache[r.path] = t
	return t
}

func TestKeys(t *testing.T) {
	for _, p := range []string{"a", "b"} {
		if keyFor(&request{path: p}) == nil {
			t.Fatal(p)
		}
	}
}
