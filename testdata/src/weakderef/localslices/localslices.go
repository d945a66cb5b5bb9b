// Package localslices checks slices that a function fills with possibly
// reclaimed referents and reads back itself: an element read from such a
// slice may be nil. Beside them, slices filled with checked referents or
// with values that are no referents, and elements checked where they are
// read. (Adapted from adversarial round 8: g_sym xref.Graph.DeclaringHashes.)
package localslices

import "weak"

type Hash [4]byte

func (h Hash) String() string { return string(h[:]) }

type File struct {
	Hash Hash
	URI  string
}

type Node struct{ tree weak.Pointer[File] }

// Tree returns the weak referent unchecked.
func (n *Node) Tree() *File { return n.tree.Value() }

func declaringHashes(nodes []*Node) []string {
	trees := make([]*File, 0, len(nodes))
	for _, n := range nodes {
		trees = append(trees, n.Tree())
	}
	out := make([]string, 0, len(trees))
	for i := range trees {
		out = append(out, trees[i].Hash.String()) // want `may return nil`
	}
	return out
}

func uris(nodes []*Node) []string {
	var trees []*File
	for _, n := range nodes {
		trees = append(trees, n.Tree())
	}
	var out []string
	for _, t := range trees {
		out = append(out, t.URI) // want `may return nil`
	}
	return out
}

func firstURI(n *Node) string {
	trees := []*File{n.Tree()}
	return trees[0].URI // want `may return nil`
}

func checkedWhenStored(nodes []*Node) []string {
	var trees []*File
	for _, n := range nodes {
		if t := n.Tree(); t != nil {
			trees = append(trees, t)
		}
	}
	var out []string
	for _, t := range trees {
		out = append(out, t.URI)
	}
	return out
}

func checkedWhenRead(nodes []*Node) []string {
	var trees []*File
	for _, n := range nodes {
		trees = append(trees, n.Tree())
	}
	var out []string
	for _, t := range trees {
		if t == nil {
			continue
		}
		out = append(out, t.URI)
	}
	return out
}

func checkedByIndex(nodes []*Node) []string {
	trees := make([]*File, 0, len(nodes))
	for _, n := range nodes {
		trees = append(trees, n.Tree())
	}
	var out []string
	for i := range trees {
		if trees[i] != nil {
			out = append(out, trees[i].URI)
		}
	}
	return out
}

func notReferents(uris []string) []string {
	var files []*File
	for _, u := range uris {
		files = append(files, &File{URI: u})
	}
	var out []string
	for i := range files {
		out = append(out, files[i].URI)
	}
	return out
}

func lenOnly(nodes []*Node) int {
	var trees []*File
	for _, n := range nodes {
		trees = append(trees, n.Tree())
	}
	return len(trees)
}

// reversed moves elements within the slice it filled: an element stored
// from the slice itself (trees[i] = trees[j]) is followed back to the
// stores that filled it, once (the search used to recurse without end,
// seen on cuelang.org/go).
func reversed(nodes []*Node) string {
	var trees []*File
	for _, n := range nodes {
		trees = append(trees, n.Tree())
	}
	for i, j := 0, len(trees)-1; i < j; i, j = i+1, j-1 {
		trees[i], trees[j] = trees[j], trees[i]
	}
	return trees[0].URI // want `may return nil`
}

// byKey moves entries within a map it filled with checked referents.
func byKey(nodes map[string]*Node) string {
	files := make(map[string]*File)
	for k, n := range nodes {
		if f := n.Tree(); f != nil {
			files[k] = f
		}
	}
	files["a"] = files["b"]
	if f := files["a"]; f != nil {
		return f.URI
	}
	return ""
}
