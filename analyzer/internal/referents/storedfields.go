package referents

import (
	"go/token"
	"go/types"
	"iter"
	"maps"
	"slices"
	"strconv"

	"github.com/weaklint/weaklint/internal/ssa"

	"github.com/weaklint/weaklint/analyzer/internal/lazyssa"
)

// Referents kept in a field of a long-lived object. One function stores a
// possibly reclaimed referent in a field without checking it, another reads
// the field back and uses it:
//
//	func (r *Recorder) Focus(id ID) { ...; r.focus = s.wp.Value() } // nil if s was collected
//	func (r *Recorder) FocusPos() Vec { return r.focus.Pos }       // a use: r.focus may be nil
//	func (r *Recorder) FocusHP() int {
//		if r.focus == nil { // checked: quiet
//			return -1
//		}
//		return r.focus.HP
//	}
//
// The record is per field (a *types.Var) and per package: a field some
// function of the package stores an unchecked referent in (not known
// non-nil where it is stored) may hold nil wherever it is read. A field
// stored only checked referents, or nil (ordinary nil-ability, not a weak
// referent's), is not in the record; nor is a field the package also
// stores other pointers in (d.Material = mat beside copy.Material =
// depth.Value()): a field of general use, whose readers mostly see strong
// pointers, is not a slot for referents (the unchecked store's own uses are
// reported where it is made); nor is
// a store into a struct the function allocates and then checks through
// the field (v := &View{doc: s.Cached(id)}; if v.doc == nil { return nil }),
// which it likely hands out only once checked. The
// record is complete only once every function has been walked, so the uses
// of such fields are judged by a second walk of the functions that read
// one (judgeStoredFields), after the summaries are final; it adds uses,
// and grows the summaries of functions that return such a read unchecked
// (a getter), whose callers are walked again in turn.
//
// A read is a use of the record only where the analysis cannot follow the
// field's value itself:
//   - the function reading it does not store to the field, directly or
//     through a function of the package that it calls (it sets the field
//     itself and knows what it holds: if r.focus == nil { r.focus = def };
//     r.focus.X);
//   - the struct is reached from the function's own parameters (the
//     receiver), a package-level variable, or a call's result through
//     fields and elements (r.a.b, cands[i].Tile), not from a local
//     variable, a closure's captured variable or a loop's phi, whose
//     contents other code of the function decides (alive := cands[:0];
//     filled only with checked candidates);
//   - the struct is not a call's result itself: the callee's summary says
//     what its result's fields hold (resultfields.go).
//
// Reads of the same field path from the same root in one function are one
// value (storedFieldRep), so that a nil check of one load guards the
// others: if r.focus == nil { return }; return r.focus.HP loads r.focus
// twice. Another goroutine may store to the field between the check and the
// use; as for the rest of the analysis, the function's own order is
// assumed. (A call between them that stores to the field makes the caller a
// writer of the field, which is then not judged by the record at all.)

// An uncheckedFieldStore is a store of a possibly reclaimed referent, not
// known non-nil there, into a struct field; or, with no origin, a store
// into it of a pointer that is not a referent at all.
type uncheckedFieldStore struct {
	field  *types.Var
	store  *ssa.Store
	origin *origin   // nil: not a referent
	send   *ssa.Send // instead of store: a send on the channel field (chanfields.go)
}

// StoredField describes, for a Use, the field the referent was read from
// and the store that may have left nil in it.
type StoredField struct {
	Field *types.Var      // the field (of a generic type: its origin)
	Owner string          // the struct's type, as the package writes it
	Store ssa.Instruction // one store of an unchecked referent into the field (or send on it)
	// Elem: the field is a channel, the referent one of the values sent
	// on it (chanfields.go).
	Elem bool
	// Wrapper: the stored call is not a weak API but returns a referent
	// unchecked.
	Wrapper bool
	// Yielded: the stored referent is what the call passes to a function
	// (an iterator's yield), not its result.
	Yielded bool
}

// fieldPathKey names the reads of one field path (r.a.b, xs[i].a) from one
// root value in one function.
type fieldPathKey struct {
	fn    *ssa.Function
	root  ssa.Value
	path  string
	index ssa.Value // the variable index along the path, or nil
}

// recordFieldStore records st if it stores into a struct field a possibly
// reclaimed referent that is not known non-nil at scope at.
func (w *walker) recordFieldStore(st *ssa.Store, b *ssa.BasicBlock, at scope) {
	if w.c.fieldPhase {
		return // the record is complete
	}
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok || !isPointer(st.Val.Type()) {
		return
	}
	f := structFieldVar(fa.X.Type(), fa.Field)
	if f == nil {
		return
	}
	v := w.c.canon(st.Val)
	o := w.originOf(v)
	if o == nil {
		if !isNilConst(v) {
			// d.Material = mat: a field of general use, not a slot
			// for referents.
			w.fieldStores = append(w.fieldStores, uncheckedFieldStore{field: f, store: st})
		}
		return
	}
	if w.nilness(at, v) == nonNil || w.derivedNilness(at, v) == nonNil || w.nonNilOnEveryPath(b, v) {
		return
	}
	if alloc, ok := fa.X.(*ssa.Alloc); ok && w.c.checkedFields(alloc)[fa.Field] {
		return // v := &View{cur: w.Value()}; if v.cur == nil { return nil }
	}
	w.fieldStores = append(w.fieldStores, uncheckedFieldStore{field: f, store: st, origin: o})
}

// checkedFields returns the fields of the struct that alloc, an
// allocation of the walked function, points to whose value the function
// compares with nil: a struct it fills and then checks (v := &View{cur:
// w.Value()}; if v.cur == nil { return nil }) is likely published only
// once checked, which the walk does not follow; such a store is not taken
// for an unchecked one. Computed once per allocation.
func (c *checker) checkedFields(alloc *ssa.Alloc) map[int]bool {
	if m, ok := c.allocChecks[alloc]; ok {
		return m
	}
	var m map[int]bool
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, r := range *fa.Referrers() {
			if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL && comparedWithNil(load) {
				if m == nil {
					m = make(map[int]bool)
				}
				m[fa.Field] = true
			}
		}
	}
	c.allocChecks[alloc] = m
	return m
}

// comparedWithNil reports whether v is compared with nil.
func comparedWithNil(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		if b, ok := r.(*ssa.BinOp); ok {
			if _, _, ok := nilOperand(b); ok {
				return true
			}
		}
	}
	return false
}

// judgeStoredFields builds the package's record of fields that may hold an
// unchecked referent, from the last walk of each function, and walks again
// the components whose functions read such a field, now taking those reads
// for possibly reclaimed referents: their uses replace the first walk's,
// and their summaries grow by what they now return unchecked (a getter,
// func (r *Recorder) Focused() *Entity { return r.focus }), so the
// components calling a function whose summary grew are walked again too,
// callee-first as summarize does, iterating inside a cyclic component.
// Components the record does not touch keep their first walk; one it
// does is walked whole and in order, as summarize's last round was, so
// that what its functions learn from each other (closures' facts,
// deferred runs) is the same.
func (c *checker) judgeStoredFields(sccs []lazyssa.Component) {
	c.storedFields = make(map[*types.Var]*uncheckedFieldStore)
	c.chanFields = make(map[*types.Var]*uncheckedFieldStore)
	general := make(map[*types.Var]bool)
	for _, scc := range sccs {
		for _, fn := range scc.Funcs {
			for i, s := range c.fieldStoresBy[fn] {
				record := c.storedFields
				if s.send != nil {
					record = c.chanFields
				}
				switch {
				case s.origin == nil && s.send == nil:
					general[s.field] = true
				case s.origin == nil:
					// (a channel field sent strong pointers too: every
					// value sent is received once, the nil as well)
				case record[s.field] == nil:
					record[s.field] = &c.fieldStoresBy[fn][i]
				}
			}
		}
	}
	for f := range general {
		delete(c.storedFields, f)
	}
	c.fieldStoresBy = nil
	if len(c.storedFields)+len(c.chanFields) == 0 {
		return
	}
	c.fieldPhase = true
	grown := make(map[*ssa.Function]bool) // functions whose summary the record changed
	affected := func(fn *ssa.Function) bool {
		return c.readsStoredField(fn) || c.receivesChanField(fn) || callsAny(fn, grown)
	}
	for _, scc := range sccs {
		if !slices.ContainsFunc(scc.Funcs, affected) {
			continue
		}
		for {
			changed := false
			for _, fn := range scc.Funcs {
				w := c.walk(fn)
				c.uses[fn] = w.uses
				if c.update(fn, w) {
					grown[fn] = true
					changed = true
				}
			}
			if !changed || !scc.Cyclic {
				break
			}
		}
		for _, fn := range scc.Funcs {
			delete(c.deferredRuns, fn)
		}
	}
}

// callsAny reports whether fn calls one of funcs statically (its closures
// are functions of their own, in its component).
func callsAny(fn *ssa.Function, funcs map[*ssa.Function]bool) bool {
	if len(funcs) == 0 {
		return false
	}
	for g := range staticCallees(fn) {
		if funcs[g] {
			return true
		}
	}
	return false
}

// staticCallees yields the functions that fn calls statically, generic
// ones as their origin.
func staticCallees(fn *ssa.Function) iter.Seq[*ssa.Function] {
	return func(yield func(*ssa.Function) bool) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				g := call.Common().StaticCallee()
				if g == nil {
					continue
				}
				if o := g.Origin(); o != nil {
					g = o
				}
				if !yield(g) {
					return
				}
			}
		}
	}
}

// readsStoredField reports whether fn reads a field of the record.
func (c *checker) readsStoredField(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if v, ok := instr.(ssa.Value); ok {
				if f, _ := fieldRead(v); f != nil && c.storedFields[f] != nil {
					return true
				}
			}
		}
	}
	return false
}

// storedFieldOrigin returns an origin if v, a read of a struct field, may
// be an unchecked referent that another function stored there.
func (w *walker) storedFieldOrigin(v ssa.Value) *origin {
	if !w.c.fieldPhase {
		return nil
	}
	f, base := fieldRead(v)
	if f == nil {
		return nil
	}
	if alloc, ok := base.(*ssa.Alloc); ok {
		// c := cands[i]; c.Tile: a local copy of a struct, stored once
		// whole; the field read is the copied struct's.
		if st := w.c.fieldStoresOf(alloc, v.(*ssa.UnOp).X.(*ssa.FieldAddr).Field); st.n == 1 && st.whole {
			base = st.stored
		}
	}
	s := w.c.storedFields[f]
	if s == nil || !w.longLived(base) || w.c.writesField(w.fn, f) {
		return nil
	}
	return &origin{call: s.origin.call, wrapper: true, stored: s}
}

// longLived reports whether the struct base, whose field the walked
// function reads, is reached from its parameters, a package-level variable
// or a call's result through fields and elements, and is not itself a
// call's result (see the comment at the top of this file).
func (w *walker) longLived(base ssa.Value) bool {
	switch base.(type) {
	case *ssa.Call, *ssa.Extract:
		return false // the callee's summary describes its result's fields
	}
	for range maxFieldPath {
		switch b := base.(type) {
		case *ssa.Parameter:
			return b.Parent() == w.fn
		case *ssa.Global:
			return true
		case *ssa.Call:
			_, builtin := b.Call.Value.(*ssa.Builtin) // append: a slice built here
			return !builtin
		case *ssa.Extract:
			_, ok := b.Tuple.(*ssa.Call)
			return ok
		case *ssa.UnOp:
			if b.Op != token.MUL {
				return false
			}
			base = b.X
		case *ssa.FieldAddr:
			base = b.X
		case *ssa.Field:
			base = b.X
		case *ssa.IndexAddr:
			base = b.X
		case *ssa.Index:
			base = b.X
		default:
			return false // a local variable, a captured one, a phi...
		}
	}
	return false
}

// maxFieldPath bounds the selections followed from a field read to its
// root (r.a.b[i].c), so that each read costs constant work.
const maxFieldPath = 8

// storedFieldRep returns the representative of load, a read of a field of
// the record: the first read seen in its function of the same field path
// from the same root value; nil if load reads no such field or its path
// is not one of field selections.
func (c *checker) storedFieldRep(load ssa.Value) ssa.Value {
	if !c.fieldPhase {
		return nil
	}
	f, _ := fieldRead(load)
	if f == nil || c.storedFields[f] == nil {
		return nil
	}
	root, path, index, ok := fieldPath(load)
	if !ok {
		return nil
	}
	key := fieldPathKey{load.(ssa.Instruction).Parent(), root, path, index}
	if rep, ok := c.fieldLoadReps[key]; ok {
		return rep
	}
	c.fieldLoadReps[key] = load
	return load
}

// fieldPath returns the root value that the read v selects fields from
// (the receiver r of r.a.b; the package-level variable g of g.a; the slice
// xs of xs[i].a) and the path of selections, encoded, with the one
// variable index it may take (i); ok is false if v is not such a read.
func fieldPath(v ssa.Value) (root ssa.Value, path string, index ssa.Value, ok bool) {
	var buf []byte
	for range maxFieldPath {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil, "", nil, false
			}
			switch addr := x.X.(type) {
			case *ssa.FieldAddr, *ssa.IndexAddr:
				buf = append(buf, '*')
				v = addr
			case *ssa.Global:
				return addr, string(buf), index, buf != nil // g.a: every load of g
			default:
				return x, string(buf), index, buf != nil
			}
		case *ssa.FieldAddr:
			buf = strconv.AppendInt(append(buf, '.'), int64(x.Field), 10)
			v = x.X
		case *ssa.Field:
			buf = strconv.AppendInt(append(buf, ','), int64(x.Field), 10)
			v = x.X
		case *ssa.IndexAddr:
			if k, ok := x.Index.(*ssa.Const); ok && k.Value != nil {
				buf = append(append(buf, '['), k.Value.ExactString()...)
			} else if index == nil {
				buf = append(buf, '[', 'i')
				index = x.Index
			} else {
				return nil, "", nil, false
			}
			v = x.X
		default:
			return v, string(buf), index, buf != nil
		}
	}
	return nil, "", nil, false
}

// fieldRead returns the field that v reads and the struct it reads it
// from (a pointer to it, or the struct value), if v is a load of a
// pointer-typed field (*FieldAddr) or a field of a struct value (Field).
func fieldRead(v ssa.Value) (*types.Var, ssa.Value) {
	if !isPointer(v.Type()) {
		return nil, nil
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL {
			return structFieldVar(fa.X.Type(), fa.Field), fa.X
		}
	case *ssa.Field:
		if st, ok := x.X.Type().Underlying().(*types.Struct); ok && x.Field < st.NumFields() {
			return st.Field(x.Field).Origin(), x.X
		}
	}
	return nil, nil
}

// structFieldVar returns field i of the struct that ptr points to.
func structFieldVar(ptr types.Type, i int) *types.Var {
	p, ok := ptr.Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i).Origin()
}

// writesField reports whether fn stores to field f, itself, in a closure
// it makes, or in a function of the package that it calls.
func (c *checker) writesField(fn *ssa.Function, f *types.Var) bool {
	w, ok := c.fieldWriters[fn]
	if !ok {
		w = maps.Clone(c.directWrites(fn))
		for g := range staticCallees(fn) {
			for v := range c.directWrites(g) {
				if w == nil {
					w = make(map[*types.Var]bool)
				}
				w[v] = true
			}
		}
		c.fieldWriters[fn] = w
	}
	return w[f]
}

// directWrites returns the fields that fn and the closures it makes store
// to in structs they did not allocate (filling a new struct, as scan does
// with Candidate{Page: pg}, is no store into the one its caller reads),
// computed once per function.
func (c *checker) directWrites(fn *ssa.Function) map[*types.Var]bool {
	if w, ok := c.fieldStoresIn[fn]; ok {
		return w
	}
	var w map[*types.Var]bool
	var scan func(fn *ssa.Function)
	scan = func(fn *ssa.Function) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if _, fresh := fa.X.(*ssa.Alloc); fresh {
					continue // Candidate{Page: pg}: a new struct's, not the reader's
				}
				if f := structFieldVar(fa.X.Type(), fa.Field); f != nil {
					if w == nil {
						w = make(map[*types.Var]bool)
					}
					w[f] = true
				}
			}
		}
		for _, anon := range fn.AnonFuncs {
			scan(anon)
		}
	}
	scan(fn)
	c.fieldStoresIn[fn] = w
	return w
}

// describe returns what a Use says of the field of s.
func (s *uncheckedFieldStore) describe() *StoredField {
	owner := ""
	var addr ssa.Value
	var at ssa.Instruction
	if s.send != nil {
		at = s.send
		if load, ok := s.send.Chan.(*ssa.UnOp); ok {
			addr = load.X
		}
	} else {
		at, addr = s.store, s.store.Addr
	}
	if fa, ok := addr.(*ssa.FieldAddr); ok {
		if p, ok := fa.X.Type().Underlying().(*types.Pointer); ok {
			owner = types.TypeString(p.Elem(), types.RelativeTo(s.field.Pkg()))
		}
	}
	return &StoredField{Field: s.field, Owner: owner, Store: at, Elem: s.send != nil, Wrapper: s.origin.wrapper, Yielded: s.origin.yielded}
}
