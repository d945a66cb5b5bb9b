// Package cleanupref defines an Analyzer that reports cleanups and
// finalizers that keep their own object alive, so that they never run.
//
// # Analyzer cleanupref
//
// cleanupref: report cleanups and finalizers that keep their object alive
//
// runtime.AddCleanup(ptr, cleanup, arg) documents: "If ptr is reachable from
// cleanup or arg, ptr will never be collected and the cleanup will never
// run", and it panics if arg == ptr. The runtime holds a finalizer function
// too, so a runtime.SetFinalizer function that refers to the object keeps
// it alive forever. This analyzer reports, for runtime.AddCleanup,
// runtime.SetFinalizer, runtimeweak.NewFinalizer, runtimeweak.MakeRef (whose
// callback is a cleanup) and any function that forwards its parameters to
// one of them:
//
//   - a cleanup or finalizer function that is a closure capturing the
//     object, a variable that may hold it (a copy, a φ of several paths), a
//     struct, slice or map holding it, a pointer into it, or a value loaded
//     out of it whose type can lead back to it;
//   - a method value bound to the object, or to a value reached through it
//     that can lead back to it (f.Close; f.conn.Close when conn's type can
//     point to f's type);
//   - a cleanup argument that is the object itself or a pointer into it
//     (&p.x; at offset 0, &p.first is the object's own address): since Go
//     1.26 runtime.AddCleanup panics on both; a slice of the object's array
//     (p.arr[:]) or any other value that can reach the object;
//   - an object that the registering function stores in a package-level
//     map or slice (directly or through a function of the package, such as
//     register(w)) when the cleanup is what removes it from there: the
//     variable keeps the object reachable, so the cleanup never runs and the
//     entry stays forever. Neither the runtime nor
//     GODEBUG=checkfinalizers=1 can see this one.
//
// A holder's field that the program takes values back out of keeps the
// object only until then, and is not reported: a map from which a
// function other than the cleanups (and what they call) deletes a key its
// caller names (a parameter or the receiver: Drop(id)), or sweeps, or
// clears; a container/list it removes elements from (the LRU's
// lru.Remove(lru.Back()) when over capacity) or empties; a slice it shifts
// (copy(recent, recent[1:])), truncates (idle = idle[:n-1]), deletes from,
// clears or sets to nil; an array it writes at varying indexes (a ring:
// recent[next] = ls); and a single field that the function storing the
// object overwrites for each object it also indexes in the same holder
// (sc.lastConn = c beside sc.byConn[weak.Make(c)] = cs). A structure the
// program only ever adds to (an append-only slice, a map without deletes, a
// list without removals), or takes values out of only in the cleanup
// itself, is still reported, and the message names the field that keeps
// the object (s.recent): no cleanup argument can fix that, but holding the
// object weakly there, or taking it out when done with it, does.
//
// Since Go 1.26 the runtime itself panics in the simplest of these cases: a
// closure or method value that holds the pointer directly, and a pointer
// argument into the object. The analyzer finds those before run time, and
// also the ones the runtime cannot see and that silently never run: a
// variable captured by reference, a struct, slice or map holding the
// object, a slice of its array, a back pointer, and every finalizer.
//
// The usual fix passes what the cleanup needs, copied out of the object, as
// the argument:
//
//	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, f.fd)
//
// and a finalizer uses its parameter instead of the captured object. A
// cleanup that needs the object itself (it calls f.Close(), or passes f on)
// cannot be written as a cleanup of f at all: the message says so, and
// suggests closing f explicitly or attaching the cleanup to an object that
// owns f, with f as the argument. When a
// cleanup closure only reads one field of the object and that field's type
// cannot lead back to it, the analyzer suggests that rewrite.
//
// Whether a value loaded out of the object (p.conn) can lead back to it is
// decided by its type: a field of type *Conn can reach a *File only if Conn,
// following pointers, slices, maps, channels, arrays and struct fields,
// holds a *File. Interface, function, type parameter and unsafe.Pointer
// fields are assumed not to (their dynamic contents are unknown) unless the
// same function stored into them (h.onClose = func() { h.Close() }), which
// keeps the common correct use, passing f.conn (a net.Conn) as the cleanup
// argument, quiet. Results of calls are followed only into the package's own
// functions (makeCloser(f) keeps f when it returns a closure capturing it). A
// weak.Pointer does not keep its referent (a table of weak pointers back to
// its objects is fine); an atomic.Pointer does; uintptr(unsafe.Pointer(p))
// and string(p.buf[:]) hold nothing.
//
// A value also reaches the object when the function stores the object into
// memory reached from it, itself or through a function of the same package
// (r.register(f)): a cleanup bound to a registry that has just put the
// object in its map, slice, sync.Map, list.List or channel keeps the object
// alive through the registry. What another field of that registry points to
// (s.cache, when s.history holds the object) is another object, which does
// not.
//
// A function that passes its parameters on to a registrar (the object, and a
// function or argument that the cleanup keeps) is itself a registrar: this
// is recorded as a fact, so calls of such wrappers are checked with the same
// rules in every package that imports them, however deep the forwarding.
package cleanupref
