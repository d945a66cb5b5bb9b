// Package users uses store, from another module, whose Lookup may return nil.
package users

import "example.com/cilib/store"

var db = store.New()

// Greeting dereferences Lookup's result unchecked: a bug found through
// store's fact.
func Greeting(id string) string {
	return "hello " + db.Lookup(id).Name
}

// Title checks first: correct.
func Title(id string) string {
	if u := db.Lookup(id); u != nil {
		return u.Name
	}
	return "(gone)"
}

// Initial is the same bug as Greeting, kept on purpose and silenced for
// golangci-lint by name.
func Initial(id string) byte {
	return db.Lookup(id).Name[0] //nolint:weaklint // tolerated: callers recover
}

// Upper is the same bug again; a //nolint for another linter leaves it
// reported.
func Upper(id string) string {
	return db.Lookup(id).Name //nolint:errcheck
}
