// Package x imports weak, so weaklint exports facts about its exported
// methods: Title does not dereference its receiver.
package x

import "weak"

type Item struct{ Name string }

// Title is nil-safe.
func (it *Item) Title() string {
	if it == nil {
		return "(none)"
	}
	return it.Name
}

// keep uses weak out of its exported types' sight.
func keep(it *Item) bool { return weak.Make(it).Value() != nil }

var _ = keep
