// Package runtimeweak provides weak maps, sets, caches and finalizers built on
// the weak package and runtime.AddCleanup: Python's weakref module, done the
// Go way. It is the reference for what weaklint's checks ask code to do.
//
// # Overview
//
//	Python weakref           runtimeweak
//	WeakValueDictionary      ValueMap[K, V]: values held weakly, entries vanish with them
//	WeakKeyDictionary        KeyMap[K, V]: keyed by *K identity, entries vanish with the key
//	WeakSet                  Set[T]: pointers held weakly
//	finalize                 Finalizer[T, A], NewFinalizer, RunAtExit
//	(functools.lru_cache)    Cache[K, V]: the n most recently used values strong, the rest weak
//	ref(obj, callback)       Ref[T], MakeRef: comparable, Value, Get with ErrCollected
//	WeakMethod               WeakMethod[T, E], Method(obj, (*T).OnEvent)
//	(an observer list)       Listeners[E]: Methods whose dead receivers drop out
//	ref, proxy               weak.Pointer from the standard library
//
// Package weaktest proves in tests that objects are released and that
// cleanups do not stay pending.
//
// Every type is safe for concurrent use, and the maps' zero values are ready
// to use. Maps count their entries and the entries the collector removed
// (Stats).
//
// A ValueMap lookup costs a sync.Map lookup plus weak.Pointer.Value, about
// 1.4 times sync.Map.Load; storing a new value costs a runtime.AddCleanup,
// several times a plain map store. The benchmarks compare them in one run.
//
// # Differences from Python
//
// Python frees an object the moment its last reference goes, and calls its
// weakref callbacks right then. Go's collector reclaims objects some time
// later, and runs cleanups after that on another goroutine. So an entry whose
// value has been collected may stay visible to Len and Stats for a moment
// after Load has started to report it missing. Nothing runs at exit unless
// the program calls RunAtExit.
//
// # The pitfalls, and how this package avoids them
//
// These are the mistakes weaklint reports in hand-written code:
//
//   - Using a referent without checking it (weaklint's weakderef check).
//     weak.Pointer.Value returns nil once the referent is unreachable, and
//     two calls may disagree. The getters here return (v, ok) with ok true
//     if and only if v is non-nil; check ok once and keep v.
//   - A weak map that never shrinks (strongcache). A map[K]weak.Pointer[V]
//     keeps its dead entries forever unless something deletes them. Here each
//     entry carries a cleanup on its value that deletes the key, but only if
//     the key still holds that same entry, so a cleanup for an old value
//     never deletes a newer one stored under the same key.
//   - A cache that keeps alive what it meant to release (strongcache). A key
//     that reaches its value, or a KeyMap value that reaches its key, pins
//     the weak half forever; so does storing the referent strongly next to
//     the weak pointer. Cache keeps a bounded number of values strongly, by
//     design, and holds the rest weakly.
//   - An observer list that keeps its subscribers alive: a method value
//     obj.OnEvent holds obj (strongcache reports one stored next to a weak
//     pointer to obj). Listeners holds Method(obj, (*T).OnEvent) instead,
//     which holds obj weakly.
//   - A cleanup that keeps its object alive (cleanupref). A cleanup function
//     or argument that reaches the object means it never runs. This package
//     attaches cleanups whose arguments hold only weak pointers and keys; with
//     NewFinalizer the function and argument are yours, and must not reach
//     the object either.
//
// # Objects that may never be collected
//
// Weak pointers and cleanups only work for objects the collector reclaims one
// by one. Zero-size values share an address; objects built by package-level
// initializers may be linker-allocated and never freed; and tiny pointer-free
// objects (about 16 bytes or less, such as a new(int)) are packed into shared
// allocation slots and live as long as their neighbours. Store values and use
// keys that are larger or contain pointers; for small values, store a pointer
// to a struct that wraps them.
package runtimeweak
