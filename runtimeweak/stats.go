package runtimeweak

// Stats are the counters of a ValueMap, KeyMap or Set.
//
// The counters are updated atomically but not together with the map, so
// while other goroutines modify the map they may be off by the operations in
// progress; they are exact when the map is quiet.
type Stats struct {
	// Live is the number of entries in the map. It includes entries whose
	// weak half was collected but whose cleanup has not run yet; the
	// collector removes those shortly after a garbage collection.
	Live int
	// Collected counts the entries removed because their weak half (the
	// value of a ValueMap, the key of a KeyMap or Set) was collected.
	Collected uint64
}
