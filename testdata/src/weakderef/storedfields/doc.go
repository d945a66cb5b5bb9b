// Package storedfields: a referent that one function stores unchecked in
// a field of a long-lived object (a receiver, an element of a slice handed
// around) may be nil wherever another function reads the field back.
// (Adapted from adversarial round 7: f_game replay.go Focus/FocusPos,
// f_search search.go Result.top, f_tiles cache/evict.go Candidate.Tile.)
package storedfields
