// Package lifetime defines an Analyzer that reports cleanups, finalizers
// and weak pointers that the lifetime of their object makes pointless or
// dangerous.
//
// # Analyzer lifetime
//
// lifetime: report cleanups and weak pointers that can never fire, and objects that die mid-use
//
// The code is written right, but the object's lifetime defeats it. No tool
// sees these before run time; GODEBUG=checkfinalizers=1 sees some, only on
// executed paths, only for cleanups and finalizers. For runtime.AddCleanup,
// runtime.SetFinalizer, weak.Make, runtimeweak.NewFinalizer, the
// runtimeweak stores (ValueMap.Store, KeyMap.Store, Set.Add, Cache.Store)
// and every function that passes one of its parameters on to them (a fact
// exported for importers), the analyzer reports:
//
//  1. A tiny pointer-free referent: an object without pointers smaller
//     than 16 bytes (by the package's types.Sizes). The tiny allocator
//     packs such objects into one 16-byte block, so the cleanup does not
//     run, and the weak pointer does not become nil, while anything else in
//     the block lives (possibly forever). Exactly 16 bytes is not batched.
//     Objects from new(T), &T{…} and fields of them count; a pointer of
//     unknown origin counts when it points to a struct or array type of
//     the package (a *int64, or a *atomic.Int64 of another package, may
//     point into a larger object).
//  2. A zero-size referent (struct{}, [0]T): zero-size values share one
//     address and are never freed.
//  3. A package-level object: &x of a package-level variable, or the value
//     of one statically initialized with &T{…} of constants (or a function
//     that only returns such a literal), never reassigned. The linker
//     allocates those; they are never collected. new(T) at package level
//     and objects made in init() are heap objects and are not reported.
//     Package-level initializers are checked like functions (var ref =
//     weak.Make(&x)).
//  4. Dead on arrival: weak.Make (or a runtimeweak store, or a wrapper) of a
//     new object that nothing keeps after the call: Value may return nil at
//     once. A new object is new(T), &T{…}, or the result of a constructor
//     that returns one it keeps nowhere: of the same package, or of another
//     that makes weak pointers itself (a fact exported for importers; the
//     constructors of a package without weak code, which go vet's fast
//     path does not type-check, are not known). So is a variable whose
//     address nothing else takes and whose value is only read or copied
//     after the call (h := T{…}; m[k] = weak.Make(&h); return h): the
//     copy that leaves is another
//     object, and the weak pointer, kept or looked at after the function is
//     done with h, becomes nil. Returning or storing &h, capturing h in a
//     closure, or passing &h to a call keeps the variable.
//     runtimeweak.Cache keeps recent values strongly and is exempt.
//  5. A missing runtime.KeepAlive: a field that the object's cleanup or
//     finalizer releases (the cleanup argument copied from obj.fd, a
//     handle field the finalizer passes to a call, or a []byte field it
//     unmaps with Munmap), or an accessor method returning one (f.Fd()),
//     used after the last use of the object in the same function: passed to
//     a call that may operate on it, directly or in a local struct handed
//     to the call (sys.MapLookupElem(&attr)), or its memory read (copy,
//     indexing). The object may be collected and its cleanup release the
//     resource mid-use. The suggested fix adds runtime.KeepAlive(obj) after
//     the last use. Using the object after the resource, or KeepAlive, is
//     quiet. A call into another package, through an interface or of a
//     function without a body may operate on the resource; a function of
//     the same package does if it passes it on to such a call, through any
//     chain of the package's functions, or reads memory through it (a
//     result it returns, or a field it sets in the caller's local struct,
//     is followed in the caller). One that only stores the handle (a field,
//     a slice, a map) or compares it is not a use: the handle outlives the
//     function, which KeepAlive would not change. Nor are functions that
//     only the package's cleanups and finalizers call checked: they run
//     when the object is gone already, as the cleanup does. Nor is a use
//     in an unexported function whose every caller keeps the object (or
//     one holding it) alive past the call: uses it after the call, holds
//     it in a deferred call (defer template.Close() around
//     create(template.fd)), stores it, or passes on a parameter that its
//     own callers keep so. The caller's stack holds the object while the
//     callee runs. Every mention of the function must be such a call (not
//     a function value, a go statement, or a method of the package's
//     interfaces).
//  6. Cleanup.Stop or runtimeweak's Finalizer.Detach as the last use of
//     their object (the registration's result, or a field that holds the
//     object's own cleanup): the cleanup may already be queued and run
//     anyway. The suggested fix adds runtime.KeepAlive(obj) after the call.
//     As for rule 5, callers that all keep the object past the call make
//     it safe.
//     A call after the registration was already stopped, detached or
//     called on every path to it (c.Stop() twice, Detach after Call) has
//     nothing left to stop and is quiet. So is a Detach whose ok result is
//     used (if arg, ok := f.Detach(); ok { release(arg) }): the finalizer
//     settles once, by Detach or by running, so nothing is released twice.
//
// A report that is meant can be silenced with
// //weaklint:ignore lifetime reason.
package lifetime
