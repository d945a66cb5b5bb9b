// Package witness holds the code that the lifetime analyzer reports and
// its quiet twins, in a form the runtime test runs: the evidence that what
// the analyzer reports really never fires, dies at once or is released
// mid-use on the Go version that runs the tests, and that its twins do
// not. It is deliberately full of the mistakes the analyzer reports; a
// test checks that the analyzer reports inside exactly the cases marked
// Reported. It lives under testdata, as cleanupref's shapes do, so that the
// project's own lint (weaklint ./...) leaves it out.
package witness

import (
	"runtime"
	"strings"
	"sync/atomic"
	"unsafe"
	"weak"
)

// An Outcome is what the runtime does with a case.
type Outcome int

const (
	Collected Outcome = iota // the cleanup runs, or the weak pointer becomes nil
	Kept                     // never collected within the bounded GC cycles, though nothing else refers to it
	Refused                  // runtime.AddCleanup returns the zero Cleanup: the registration is silently dropped
	Released                 // the resource is released while the function still uses it
	Intact                   // the resource stays open for the whole use
	NotSetUp                 // the case could not arrange its conditions (two tiny objects in one block)
)

var outcomeNames = [...]string{"collected", "kept", "refused", "released-mid-use", "intact", "not-set-up"}

func (o Outcome) String() string { return outcomeNames[o] }

// ParseOutcome is the inverse of Outcome.String.
func ParseOutcome(s string) (Outcome, bool) {
	for i, name := range outcomeNames {
		if name == s {
			return Outcome(i), true
		}
	}
	return 0, false
}

// An Observation is what running a case leaves to look at.
type Observation struct {
	Refused   bool        // the registration returned the zero Cleanup
	Collected func() bool // whether the cleanup has run or the weak pointer is nil
	Released  bool        // for rule 5: the resource was released mid-use
	NotSetUp  bool        // the case could not arrange its conditions
}

// A Case is one registration or use, run on objects nothing else keeps.
type Case struct {
	Name     string
	Rule     int  // the lifetime rule it illustrates (1–5)
	Reported bool // whether the analyzer reports it
	Want     Outcome
	Run      func() Observation
}

// token is 4 bytes without pointers: a tiny-allocator object.
type token struct{ id uint32 }

// stamp is exactly 16 bytes without pointers: a small object of its own.
type stamp struct{ sec, _ int64 }

// named is 8 bytes of data plus a pointer.
type named struct {
	id int32
	_  *string
}

type empty struct{}

// config is big and holds pointers.
type config struct {
	Name  string
	Limit int
	_     [64]byte
}

// Neighbours keeps the objects allocated next to tiny ones alive, as the
// rest of a program would.
var Neighbours []any

// Held keeps the objects of the quiet twins of rule 4.
var Held []any

var defaults config

var static = &config{Name: "static", Limit: 1}

func newStatic() *config { return &config{Name: "via function"} }

var staticViaFunc = newStatic()

var onHeap = new(config)

// sameBlock reports whether two pointers lie in one 16-byte block.
func sameBlock(a, b unsafe.Pointer) bool { return uintptr(a)&^15 == uintptr(b)&^15 }

// A flag records that a cleanup ran. It is 16 bytes, so that it is no
// tiny object itself: the runtime refuses a cleanup whose argument shares
// its object's tiny block.
type flag struct {
	atomic.Bool
	_ [12]byte
}

func setFlag(f *flag) { f.Store(true) }

// cleanupFlag returns a new flag and its reader.
func cleanupFlag() (*flag, func() bool) {
	ran := new(flag)
	return ran, ran.Load
}

// Cases lists every case. Each element is one case: the agreement test
// matches the analyzer's reports to the elements' source ranges.
var Cases = []Case{
	{"AddCleanup on a 4-byte pointer-free object beside a live neighbour", 1, true, Kept, func() Observation {
		ran, load := cleanupFlag()
		for range 64 { // the tiny allocator fills a block in order: two consecutive tokens share it
			t := &token{id: 1}
			n := &token{id: 2}
			Neighbours = append(Neighbours, n)
			if sameBlock(unsafe.Pointer(t), unsafe.Pointer(n)) {
				runtime.AddCleanup(t, setFlag, ran)
				return Observation{Collected: load}
			}
		}
		return Observation{NotSetUp: true}
	}},
	{"AddCleanup on a 16-byte pointer-free object beside a live neighbour", 1, false, Collected, func() Observation {
		ran, load := cleanupFlag()
		s := &stamp{sec: 1}
		Neighbours = append(Neighbours, &stamp{sec: 2})
		runtime.AddCleanup(s, setFlag, ran)
		return Observation{Collected: load}
	}},
	{"AddCleanup on a small object with a pointer beside a live neighbour", 1, false, Collected, func() Observation {
		ran, load := cleanupFlag()
		s := &named{id: 1}
		Neighbours = append(Neighbours, &named{id: 2})
		runtime.AddCleanup(s, setFlag, ran)
		return Observation{Collected: load}
	}},
	{"weak.Make of a 4-byte pointer-free object beside a live neighbour", 1, true, Kept, func() Observation {
		for range 64 {
			t := &token{id: 1}
			n := &token{id: 2}
			Neighbours = append(Neighbours, n)
			if sameBlock(unsafe.Pointer(t), unsafe.Pointer(n)) {
				w := weak.Make(t)
				Held = append(Held, w) // keep the weak pointer, not t
				return Observation{Collected: func() bool { return w.Value() == nil }}
			}
		}
		return Observation{NotSetUp: true}
	}},
	{"weak.Make of a 16-byte pointer-free object beside a live neighbour", 1, false, Collected, func() Observation {
		s := &stamp{sec: 1}
		Neighbours = append(Neighbours, &stamp{sec: 2})
		w := weak.Make(s) //weaklint:ignore lifetime dead on arrival (rule 4) on purpose: collected, unlike the 4-byte case

		Held = append(Held, w)
		return Observation{Collected: func() bool { return w.Value() == nil }}
	}},
	{"AddCleanup on a zero-size object", 2, true, Refused, func() Observation {
		ran, load := cleanupFlag()
		c := runtime.AddCleanup(&empty{}, setFlag, ran)
		return Observation{Refused: c == runtime.Cleanup{}, Collected: load}
	}},
	{"weak.Make of a zero-size object", 2, true, Kept, func() Observation {
		w := weak.Make(new(empty))
		Held = append(Held, w)
		return Observation{Collected: func() bool { return w.Value() == nil }}
	}},
	{"AddCleanup on a heap object (twin of the zero-size case)", 2, false, Collected, func() Observation {
		ran, load := cleanupFlag()
		c := runtime.AddCleanup(&config{Name: "heap"}, setFlag, ran)
		return Observation{Refused: c == runtime.Cleanup{}, Collected: load}
	}},
	{"AddCleanup on a package-level variable", 3, true, Refused, func() Observation {
		ran, load := cleanupFlag()
		c := runtime.AddCleanup(&defaults, setFlag, ran)
		return Observation{Refused: c == runtime.Cleanup{}, Collected: load}
	}},
	{"AddCleanup on the object of var x = &T{…}", 3, true, Refused, func() Observation {
		ran, load := cleanupFlag()
		c := runtime.AddCleanup(static, setFlag, ran)
		return Observation{Refused: c == runtime.Cleanup{}, Collected: load}
	}},
	{"AddCleanup on the object of var x = f() where f returns &T{…}", 3, true, Refused, func() Observation {
		ran, load := cleanupFlag()
		c := runtime.AddCleanup(staticViaFunc, setFlag, ran)
		return Observation{Refused: c == runtime.Cleanup{}, Collected: load}
	}},
	{"AddCleanup on the object of var x = new(T), then dropped", 3, false, Collected, func() Observation {
		ran, load := cleanupFlag()
		if onHeap == nil { // run before (go test -count): as on the first run, a heap object
			onHeap = new(config)
		}
		c := runtime.AddCleanup(onHeap, setFlag, ran)
		onHeap = nil
		return Observation{Refused: c == runtime.Cleanup{}, Collected: load}
	}},
	{"weak.Make of a new object nothing keeps", 4, true, Collected, func() Observation {
		w := weak.Make(&config{Name: "doa"})
		return Observation{Collected: func() bool { return w.Value() == nil }}
	}},
	{"weak.Make of a new object that is also stored", 4, false, Kept, func() Observation {
		c := &config{Name: "kept"}
		Held = append(Held, c)
		w := weak.Make(c)
		return Observation{Collected: func() bool { return w.Value() == nil }}
	}},
	{"weak.Make of a local variable whose copy is returned", 4, true, Collected, func() Observation {
		handlers := make(map[string]weak.Pointer[config])
		handler := func(name string) config { // Prometheus's OTel log manager
			h := config{Name: name}
			handlers[name] = weak.Make(&h)
			return h
		}
		h := handler("copied")
		// The copy is in use whenever the weak pointer is looked at.
		return Observation{Collected: func() bool { return handlers[h.Name].Value() == nil }}
	}},
	{"weak.Make of a local variable whose address is returned", 4, false, Kept, func() Observation {
		handlers := make(map[string]weak.Pointer[config])
		handler := func(name string) *config {
			h := config{Name: name}
			handlers[name] = weak.Make(&h)
			return &h
		}
		h := handler("kept")
		return Observation{Collected: func() bool { return handlers[h.Name].Value() == nil }}
	}},
	{"descriptor used after the last use of its file", 5, true, Released, func() Observation {
		read := func(f *file) bool {
			return useDescriptor(f.fd)
		}
		return Observation{Released: read(openFile())}
	}},
	{"descriptor used, then runtime.KeepAlive(file)", 5, false, Intact, func() Observation {
		read := func(f *file) bool {
			released := useDescriptor(f.fd)
			runtime.KeepAlive(f)
			return released
		}
		return Observation{Released: read(openFile())}
	}},
	// A callee's use (readFile's, outside the cases) is safe when every
	// caller still needs the file after the call, or holds it in a
	// deferred call: the caller's stack keeps it while the callee runs. (A
	// caller dropping it with the call releases it, as above.)
	{"descriptor used by a callee whose caller uses the file after the call", 5, false, Intact, func() Observation {
		f := openFile()
		released := readFile(f)
		Held = append(Held, f.name)
		return Observation{Released: released}
	}},
	{"descriptor used by a callee whose caller closes the file in a deferred call", 5, false, Intact, func() Observation {
		return Observation{Released: func() bool {
			f := openFile()
			defer closeFile(f)
			return readFile(f)
		}()}
	}},
}

// readFile uses f's descriptor, and f no more.
//
//go:noinline
func readFile(f *file) bool { return useDescriptor(f.fd) }

// closeFile stands for a Close method that a caller defers.
//
//go:noinline
func closeFile(f *file) { f.name = "" }

// file owns a descriptor of the table below; its cleanup releases it.
type file struct {
	fd   int
	name string
	_    [64]byte
}

// closed[fd] is set when fd is released; descriptors are never reused.
var (
	closed [64]atomic.Bool
	nextFD atomic.Int32
)

func openFile() *file {
	fd := int(nextFD.Add(1))
	f := &file{fd: fd, name: "f"}
	runtime.AddCleanup(f, func(fd int) { closed[fd].Store(true) }, fd)
	return f
}

// useDescriptor works with fd for a while (bounded GC cycles, during
// which a cleanup of its owner can run) and reports whether fd was
// released meanwhile.
//
//go:noinline
func useDescriptor(fd int) bool {
	for range 20 {
		runtime.GC()
		runtime.Gosched()
		if closed[fd].Load() {
			return true
		}
	}
	return false
}

// Observe runs every case, then collects garbage for a bounded number of
// cycles, and returns what became of each case and how many cycles the
// collectable ones needed. Rule 4's reported case is looked at after the
// first cycle: dead on arrival means collected at once.
func Observe() (outcomes []Outcome, cycles int) {
	obs := make([]Observation, len(Cases))
	for i, c := range Cases {
		obs[i] = c.Run()
	}
	outcome := func(i int) Outcome {
		c, o := Cases[i], obs[i]
		switch {
		case o.NotSetUp:
			return NotSetUp
		case c.Rule == 5 && o.Released:
			return Released
		case c.Rule == 5:
			return Intact
		case o.Refused:
			return Refused
		case o.Collected():
			return Collected
		}
		return Kept
	}
	outcomes = make([]Outcome, len(Cases))
	runtime.GC()
	runtime.Gosched()
	for i, c := range Cases {
		if c.Rule == 4 {
			outcomes[i] = outcome(i)
		}
	}
	// Cleanups run on their own goroutine after the cycle that finds the
	// object unreachable. Give the collector a bounded number of cycles
	// for every case that should be collected, then as many again for those
	// that should not.
	const maxCycles = 200
	pending := func() bool {
		for i, c := range Cases {
			if c.Want == Collected && c.Rule != 4 && outcome(i) != Collected {
				return true
			}
		}
		return false
	}
	for cycles = 1; cycles < maxCycles && pending(); cycles++ {
		runtime.GC()
		runtime.Gosched()
	}
	for range cycles + 2 {
		runtime.GC()
		runtime.Gosched()
	}
	for i, c := range Cases {
		if c.Rule != 4 {
			outcomes[i] = outcome(i)
		}
	}
	runtime.KeepAlive(Neighbours)
	return outcomes, cycles
}

// RunTinyCleanups runs the cleanup cases of rule 1 and collects garbage,
// for GODEBUG=checkfinalizers=1 to look at.
func RunTinyCleanups() {
	for _, c := range Cases {
		if c.Rule == 1 && strings.HasPrefix(c.Name, "AddCleanup") {
			c.Run()
		}
	}
	for range 3 {
		runtime.GC()
	}
	runtime.KeepAlive(Neighbours)
}
