// Package rtweak stores tiny, zero-size, package-level and dead-on-arrival
// objects in runtimeweak's maps and attaches its finalizers to them.
package rtweak

import "github.com/weaklint/weaklint/runtimeweak"

type ID struct{ n uint64 } // 8 bytes, no pointers

type Entry struct {
	Key  string
	Body []byte
}

var sentinel = &Entry{Key: "sentinel"}

func use(...any) {}

func Stores(m *runtimeweak.ValueMap[string, ID], k *runtimeweak.KeyMap[ID, string], s *runtimeweak.Set[Entry], c *runtimeweak.Cache[string, Entry], v *runtimeweak.ValueMap[string, Entry]) {
	m.Store("a", &ID{1})           // want `runtimeweak.ValueMap.Store of a 8-byte pointer-free object \(ID\)`
	k.Store(&ID{2}, "b")           // want `runtimeweak.KeyMap.Store of a 8-byte pointer-free object \(ID\)`
	s.Add(sentinel)                // want `runtimeweak.Set.Add of the object of package-level variable sentinel`
	v.Store("e", &Entry{Key: "e"}) // want `runtimeweak.ValueMap.Store of a new object that nothing else keeps`
	c.Store("e", &Entry{Key: "e"}) // quiet: the cache keeps recent values strongly
	e := &Entry{Key: "f"}
	v.Store("f", e) // quiet: e is used below
	use(e)
	runtimeweak.NewFinalizer(&ID{3}, func(int) {}, 0)   // want `runtimeweak.NewFinalizer of a 8-byte pointer-free object \(ID\)`
	runtimeweak.NewFinalizer(&Entry{}, func(int) {}, 0) // quiet
}

// StoreCopied stores a local variable's address and returns its value: the
// map's entry dies once the function is done with e.
func StoreCopied(v *runtimeweak.ValueMap[string, Entry], k string) Entry {
	e := Entry{Key: k}
	v.Store(k, &e) // want `runtimeweak.ValueMap.Store of local variable e, whose value is only read or copied after the call`
	return e
}

// CacheCopied stores it in the cache, which keeps recent values strongly.
func CacheCopied(c *runtimeweak.Cache[string, Entry], k string) Entry {
	e := Entry{Key: k}
	c.Store(k, &e) // quiet: the cache keeps it
	return e
}
