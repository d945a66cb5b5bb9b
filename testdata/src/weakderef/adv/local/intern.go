package local

import (
	"sync"
	"weak"
)

type Symbol struct {
	name string
	id   int
}

type Interner struct {
	mu    sync.Mutex
	table map[string]weak.Pointer[Symbol]
	next  int
}

// I1: quiet: get-or-create.
func (in *Interner) Intern(name string) *Symbol {
	in.mu.Lock()
	defer in.mu.Unlock()
	if s := in.table[name].Value(); s != nil {
		return s
	}
	s := &Symbol{name: name, id: in.next}
	in.next++
	in.table[name] = weak.Make(s)
	return s
}

// I2: quiet: reassigned from a fresh value on the nil path.
func (in *Interner) Intern2(name string) int {
	s := in.table[name].Value()
	if s == nil {
		s = &Symbol{name: name}
		in.table[name] = weak.Make(s)
	}
	return s.id
}

// I3: the nil path only logs.
func (in *Interner) ID(name string) int {
	s := in.table[name].Value()
	if s == nil {
		println("symbol collected", name)
	}
	return s.id // want `possible nil dereference`
}

// I4: quiet: switch on nil.
func (in *Interner) Name(name string) string {
	switch s := in.table[name].Value(); {
	case s == nil:
		return ""
	default:
		return s.name
	}
}

// I5: referent through a local struct's field.
type pair struct {
	sym  *Symbol
	note string
}

func (in *Interner) pairOf(name string) string {
	p := pair{sym: in.table[name].Value(), note: "x"}
	return p.sym.name // want `possible nil dereference`
}

// I6: quiet: local struct field checked.
func (in *Interner) pairChecked(name string) string {
	p := pair{sym: in.table[name].Value()}
	if p.sym == nil {
		return ""
	}
	return p.sym.name
}

// I7: struct returned by a function of the package.
func (in *Interner) entry(name string) pair {
	return pair{sym: in.table[name].Value()}
}

func (in *Interner) entryName(name string) string {
	e := in.entry(name)
	return e.sym.name // want `possible nil dereference`
}

// I8: quiet: checked.
func (in *Interner) entryChecked(name string) string {
	if e := in.entry(name); e.sym != nil {
		return e.sym.name
	}
	return ""
}

// I9: a mutually recursive pair of getters.
func (in *Interner) even(name string, n int) *Symbol {
	if n == 0 {
		return in.table[name].Value()
	}
	return in.odd(name, n-1)
}

func (in *Interner) odd(name string, n int) *Symbol {
	if n == 0 {
		return nil
	}
	return in.even(name, n-1)
}

func (in *Interner) evenName(name string) string {
	return in.even(name, 4).name // want `possible nil dereference`
}

// I10: nil-ness through booleans.
func sameSymbol(lw, rw weak.Pointer[Symbol]) bool {
	l, r := lw.Value(), rw.Value()
	lnil, rnil := l == nil, r == nil
	if lnil != rnil {
		return false
	}
	if l != nil {
		return l.name == r.name
	}
	return true
}

// I11: a bool recorded before the check, used after: quiet.
func symbolName(w weak.Pointer[Symbol]) string {
	s := w.Value()
	alive := s != nil
	if !alive {
		return "<gone>"
	}
	return s.name
}
