// Package lazy stands in for a generic helper library of another module
// (anacrolix/generics): its bodies are not visible to the importer's analysis.
package lazy

// MakeMapIfNil makes *m if it is nil.
func MakeMapIfNil[K comparable, V any, M ~map[K]V](m *M) {
	if *m == nil {
		*m = make(M)
	}
}

// MustGet returns m[k], panicking if it is absent.
func MustGet[K comparable, V any, M ~map[K]V](m M, k K) V {
	v, ok := m[k]
	if !ok {
		panic("missing")
	}
	return v
}

// Prune is a helper of another package that may remove entries.
func Prune[K comparable, V any, M ~map[K]V](m M) {}
