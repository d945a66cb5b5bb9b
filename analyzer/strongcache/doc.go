// Package strongcache defines an Analyzer that reports caches that keep
// alive what they meant to release.
//
// # Analyzer strongcache
//
// strongcache: report caches that keep alive what they meant to release
//
// A weak pointer lets a cache find an object without keeping it alive. The
// analyzer reports four ways in which a cache defeats that, or grows
// without bound. Maps are named in messages as they are declared: "cache"
// for a package-level variable, "cache.byName" for the field byName of the
// struct type cache.
//
// 1. A weak referent stored strongly. The pointer given to weak.Make (a
// local variable or parameter), to runtimeweak's weak stores
// (ValueMap.Store, KeyMap.Store, Set.Add: the weak pointer is kept in the
// receiver), or to a function of the package that does one of those and
// keeps the weak pointer in another of its parameters or in a
// package-level variable (c.track(u), where track does c.m[u.ID] =
// weak.Make(u); a summary computed to a fixed point over the package's
// functions and exported by fact for another package's calls: s.c.Put(id,
// sp), where Put keeps weak.Make(sp) in s.c; likewise a function literal
// kept in a local) or returns it (newEntry(v) returning &entry{wp:
// weak.Make(v)}: then where the caller puts the result counts), or the
// result of runtimeweak.ValueMap.LoadOrCreate, of weak.Pointer.Value, of a
// runtimeweak getter, or of a function of this package or another that
// returns one unchecked (v := cache.Get(k), where Get returns
// c.m[k].Value(): the shared referents summary, by fact across packages)
// or, on some path, checked (a getter: l, err := c.Get(room), where Get
// returns wp.Value() on a hit and a loaded log on a miss; summarized to a
// fixed point and exported by fact), or what such a getter itself returns
// in that result on another path (p := el.Value.(*Plan), taken from the
// cache's LRU list: the cache hands it out as one of its weakly held
// objects; a constructor that only registers what it makes weakly is no
// getter, and its callers are meant to keep the result),
// is also written into a package-level variable, or
// into the same value that holds the weak pointer (c.byName[k] =
// weak.Make(v); c.last = v), by assignment, append, a composite literal,
// sync.Map.Store, as a map key (c.seen[v] = true), inside what a
// function of the package returns when its result holds the argument
// (c.m[k] = entry{wp: weak.Make(g), plan: planFor(g)}, where planFor
// returns &Plan{graph: g}; summarized to a fixed point), or
// inside a closure that captures it
// or a method value bound to it (c.hooks[k] = v.Close), directly or by a
// function of the package that stores its parameter so (c.pin(v), where pin
// appends to c.pinned; c.onClose(v.Close); summarized like the weak side,
// and reported at the call). Where the weak pointer is to a field of a
// local (weak.Make(j.payload)), storing the local itself (q.done =
// append(q.done, j)) or the same field path counts too, unless the value
// that keeps the weak pointer is that local. The referent then lives as long as the
// cache, so the weak pointer never dies. A referent stored as is in place
// of a link on the way to its weak pointer (cpy := d; cpy.mat =
// d.mat.prepass.Value()) replaces that link rather than joining it. Nor
// is a referent stored into itself (v.tools.owner = v beside v.mgr.view =
// weak.Make(v)): a cycle, which the collector reclaims. Nor is a store
// into a map or slice local to the function that never leaves it (only
// indexed, ranged over, measured or passed to runtime.KeepAlive: a test's
// kept[wp] = p keeps values alive on purpose for the call). Storing it in a local, returning
// it, sending it on a channel (a hand-over to a worker), or storing it in
// an object the caller passed in is not reported, nor
// is a store into a place the package empties, clears, prunes or bounds
// elsewhere (a most-recently-used list that is trimmed), unless that place
// is the very entry that holds the weak pointer. Not even then, though,
// when the function that stores the referent registers on it a callback
// that deletes the entry (h.OnClose.Add(func() { delete(consoles, h) }),
// h.onDispose = ..., directly or through functions of the package): the
// referent's life ends when it is closed, and the entry with it. A
// cleanup, which cannot run while the entry holds the referent, or a
// callback registered elsewhere (a shutdown list) is no such hook. A
// closure or method value (a callback: subs = append(subs, v.OnEvent)
// beside weak.Make(v)) is reported unless its place is bounded, since registries of callbacks are
// emptied by explicit calls that code forgets; runtimeweak.Method and
// runtimeweak.Listeners bind callbacks weakly. Stored as the value of a
// weak-keyed map whose key is the weak pointer to the same object, a
// callback keeps its own key alive (Python's WeakKeyDictionary trap).
//
// 2. A weak map that never drops dead entries. A map whose values are weak
// pointers, structs holding one or pointers to such structs (wrappers of
// the weak pointer: the package makes it for the insertion, c.m[k] =
// &entry{wp: weak.Make(v)}, or reads the referent through the map's
// entries, c.m[k].wp.Value(); not objects held strongly that keep a weak
// pointer to something else, such as nodes pointing weakly to their
// parents), slices of
// those (a subscriber list per topic), weak maps themselves (nested:
// map[string]map[int]weak.Pointer[V], whose entries inserted or deleted
// through t.m[k] count as the outer map's; likewise an array or slice of
// weak maps, shards, where replacing a shard outside the constructor
// prunes it), a side table whose keys are
// (map[weak.Pointer[K]]V: the key itself weak, not a pointer to an object
// that keeps weak pointers, as in map[*Node]bool, whose keys never die;
// if such a map pins referents, rule 1 reports the store), or a sync.Map
// into which such values or keys are stored, declared as a package-level
// variable, a local variable captured
// by a closure that is returned or stored (an HTTP handler built by a
// constructor: the map lives as long as the closure), or a struct field
// (not of an unexported struct type whose every value is
// created in a function and only used there through a local variable: the
// map dies with the call), filled in the package, and never pruned: no delete
// (or sync.Map Delete, LoadAndDelete, CompareAndDelete), no clear, no
// reassignment outside a lazy "if m == nil" initialization, no length
// bound, and not passed to a function that could prune it. Pruning counts
// only where it can run again and again: not in init, in a function run
// once (sync.Once.Do, sync.OnceFunc, ...; a function called there that
// the package also calls elsewhere, as a Close run by each object's own
// sync.Once and by a cleanup, runs again and again) or behind a one-time
// flag (if !c.inited { c.m = ...; c.inited = true }); not in an unexported function
// that nothing reachable from the package's exported API, main or a
// function value calls (when the map is filled by such reachable code);
// not a delete that runs only when a getter meets the dead entry of the
// same key, when keys are never reused (ids from a counter, content hashes
// kept as byte arrays). A map passed to a function of the package counts
// as pruned if that function deletes from, clears or resets its parameter
// (assigning *m under "if *m == nil", or after "if *m != nil { return }",
// initializes: a same-package MakeMapIfNil is not pruning);
// passed to another package's function, if the function takes the map's
// address and the caller does not go on using the map (MakeMapIfNil(&c.m)
// is a lazy initialization) or takes the map and its result is dropped;
// printing, encoding and iterating functions of the standard library
// prune nothing, maps.DeleteFunc does. Keys from a
// domain the program bounds (bool, an enumeration, reflect.Type) leave at
// most one dead entry per key and are not reported. A cleanup that
// deletes entries counts as pruning, and the analyzer checks it further:
//
//   - a cleanup (runtime.AddCleanup, runtime.SetFinalizer,
//     runtimeweak.NewFinalizer; directly or through a helper of the same
//     package; a function literal that a function of the package builds
//     and returns, as in AddCleanup(v, c.cleanupFunc(wp), k), is the
//     cleanup) that deletes the key without checking that the entry still
//     holds the same weak pointer, or that its referent is dead, is
//     reported: by the time it runs, a newer value may be stored under the
//     same key, and the cleanup removes it. A key freshly taken from a
//     counter (h.next++; id := h.next, an atomic Add, a function of the
//     package returning one, a field set to one in a composite literal:
//     &Player{id: c.nextID}) is never reused, nor is the referent's
//     address (uintptr(unsafe.Pointer(p))) or weak pointer (each object
//     has one), nor, in a map whose every insertion stores weak.Make(x)
//     under x.id or x.ID(), an id field set only so, or a method of this
//     package or (by fact) another returning one (p.borrowed[c.ID()] =
//     weak.Make(c)): their unconditional delete is not reported. The
//     helpers a cleanup calls include the functions the package stores in
//     a func-typed field it calls (s.onCancel(s.id), where onCancel is set
//     to b.unsubscribe);
//   - a cleanup attached to a weak.Pointer variable (&wp) rather than to the
//     referent is reported: it runs only when the weak pointer itself is
//     unreachable;
//   - a cleanup attached to the value that owns the map (runtime.AddCleanup(c,
//     func(m M) { ... }, c.m), a finalizer on the cache that sweeps it) or to
//     an object the map itself holds (the entry wrapper e in c.m[k] = e)
//     does not prune: the first runs only when the whole cache dies, the
//     second never runs while the entry is there. Its deletes are not
//     counted, and the map is reported as never pruned, naming that object;
//   - a cleanup registered on the referents where the map is filled (in the
//     same function, or one calling the function that inserts) that removes
//     nothing from the map, while the map is pruned only by explicit calls
//     (Close, Remove, a reset) rather than by a sweep or delete that tests
//     for dead entries, is reported: dead entries stay until someone makes
//     the call. A delete guarded by len(list) == 0 on a list of weak
//     pointers counts as checked.
//
// The idiom that is not reported (the same test may be an early return, a
// test of c.m[k].Value() == nil (inline or through a getter of the
// package that returns it), a comparison of the entry with an identity
// fixed at registration: the entry pointer or a generation number taken
// from a counter (c.m[k] == e, c.m[k].gen == g), or sync.Map.CompareAndDelete; a test of
// wp.Value() on the weak pointer the cleanup was registered with guards
// nothing, since that pointer is always dead when the cleanup runs):
//
//	wp := weak.Make(v)
//	c.m[k] = wp
//	runtime.AddCleanup(v, func(k string) {
//		if c.m[k] == wp {
//			delete(c.m, k)
//		}
//	}, k)
//
// runtimeweak.ValueMap does all of this itself and is suggested.
//
// 3. Back-references. A map[K]weak.Pointer[V] whose key type can hold a
// strong *V (K is *V, or leads to one through pointers, struct fields,
// arrays, slices, maps or channels: the type-reachability question
// cleanupref asks too, answered by the same engine), and a weak-keyed
// map[weak.Pointer[K]]V whose value type can hold a *K in the same way.
// Each entry keeps its own referent alive. Interfaces and functions are not
// looked into by type; a closure or method value stored as the value of a
// weak-keyed map is looked at where it is stored (see rule 1). A map field of a generic struct is checked in its
// declaration and, if it points back only once instantiated, at the
// variable or field of the instantiated type (var conns Table[Conn, *Conn]).
// runtimeweak's maps hide their element types, so they are judged at the
// store: KeyMap.Store(k, v) whose value holds k (&style{w: k}, a map or
// closure holding k, a method value bound to k), and ValueMap.Store(k, v)
// whose key holds v, are reported there.
//
// 4. An unbounded strong memo. Reported at the insertion when all of these
// hold, and quiet otherwise:
//
//   - the map is long-lived: a package-level variable, a field of a
//     package-level variable of anonymous struct type, or a field of a
//     struct type that a package-level variable holds (T or *T), not
//     counting variables of _test.go files. A mutex is no sign of a long
//     life: per-document indexes have them too;
//   - its values hold pointers (pointers, slices, maps, channels, funcs,
//     interfaces, or structs and arrays of those; not ints, strings, errors
//     or weak pointers);
//   - its key type is input-like: a string or integer type that is not an
//     enumeration (a named type with declared constants), a byte array (a
//     hash), or a struct of such fields with no pointer, interface,
//     channel, func or weak pointer field. Keys of type bool, reflect.Type
//     or any other interface, pointers and enums are bounded by the
//     program and never reported;
//   - the key is computed from data inside the package: converted from a
//     byte or rune slice, concatenated, returned by a call that takes such
//     data (strings.ToLower(r.path), sha256.Sum256(body)) or a method
//     with arguments called on such data (r.hdr.Get("X-Id")) unless the call
//     returns an integer (a hash or a size, as in reflect's type caches),
//     read from a struct field, a slice or map element, or a range over
//     something other than a literal or a package-level table initialized
//     by a literal and never changed (var names = [...]string{...}; an
//     element of such a table or its field, buckets[i].name, is as bounded
//     as a constant), or
//     passed as an argument of an unexported function by a caller that has
//     such data; or it is a string or []byte parameter of an exported
//     function or of a method of an exported type, outside internal
//     packages and package main: the textbook memo (func Lookup(src string)
//     *Template), whose keys are whatever importers read. A key passed
//     through from a parameter of an internal package's function (callers
//     in its module pass a bounded set: internal/godebug's setting names,
//     internal/testenv's program names), from a getter (lookup(s.Name())),
//     a constant, a string enumeration or a package-level variable is not;
//   - the insertion is not in an init function, nor in a function run once
//     (passed to sync.Once.Do, sync.OnceFunc, sync.OnceValue(s), or called
//     from a function literal passed to them), nor in a _test.go file;
//   - get-or-create: the inserted value is created in the same function (a
//     composite literal, its address, or a call result, possibly through a
//     local variable; append creates only from nil or an empty literal,
//     as a copy: appending to an existing list, such as the entry read
//     back, grows what callers registered); the map is looked up with
//     the same key expression before the insertion on every path to it (in an earlier statement of
//     a block enclosing it, or in the header of an if, for or switch
//     enclosing it), or the insertion is sync.Map.LoadOrStore; and the
//     function hands out the entry already there on a hit (a lookup of
//     that key whose value is used, not only `_, dup := m[k]` or a
//     comparison with nil). Values received as parameters are
//     registrations, which callers bound; so is a registry that refuses a
//     duplicate key (if _, dup := groups[name]; dup { panic(...) }), and a
//     list of bindings per key (m[k] = append(m[k], x...), mime's
//     extensions) accumulates what callers pass;
//   - the map is never pruned in the package, as for rule 2.
//
// Rule 4 is the only one that applies to packages without weak pointers.
// It is off by default and turned on with -strongcache.memo (-memo for the
// strongcache command alone): it is a heuristic, and it needs every package
// type-checked, which takes away go vet's fast path.
//
// The analyzer reads the referents summary's facts, which name other
// packages' getters of referents, and those of its own fact-only analyzer,
// Facts: weak stores of arguments, checked getters and identity
// accessors of exported functions, computed where rules 1 to 3 apply. A
// package that neither imports weak or runtimeweak, nor declares a
// package-level variable or struct field whose type holds a weak pointer,
// nor imports a getter of referents or a weak store, nor declares a
// long-lived map or sync.Map that fits rule 4's type criteria, is skipped
// without walking its syntax.
package strongcache
