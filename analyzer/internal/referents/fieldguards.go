package referents

import (
	"go/token"
	"go/types"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Bool methods (and functions) that say a pointer field of a struct
// parameter is non-nil guard that field in their callers, as a check of
// the parameter itself does (guardedParams):
//
//	type ScopedAudit struct{ *AuditLog; Scope string }
//	func (s ScopedAudit) Live() bool { return s.AuditLog != nil } // IfTrueFields [fieldCheck(0, 0)]
//	sa := h.Scoped("x"); if !sa.Live() { return }; sa.Flush() // sa.AuditLog checked
//
// A field check is encoded in one int, param<<16 | field, so that the lists
// share guard's and CheckFact's sorted-int handling.

func fieldCheck(param, field int) int { return param<<16 | field }

func splitFieldCheck(k int) (param, field int) { return k >> 16, k & 0xffff }

// guardedFields returns the field checks that the walked function, whose
// only result is a bool, makes when it returns true and when it returns
// false: of the pointer fields of its struct parameters (receivers too).
func (w *walker) guardedFields() (ifTrue, ifFalse []int) {
	for i, p := range w.fn.Params {
		st, ok := p.Type().Underlying().(*types.Struct)
		if !ok || i >= 1<<15 || st.NumFields() >= 1<<16 {
			continue
		}
		for _, r := range fieldReads(p) {
			if !isPointer(st.Field(r.field).Type()) {
				continue
			}
			k := fieldCheck(i, r.field)
			v := w.c.canon(r.read) // (as the condition's facts name it)
			if w.allReturnsImply(v, true) {
				ifTrue = joinInts(ifTrue, []int{k})
			}
			if w.allReturnsImply(v, false) {
				ifFalse = joinInts(ifFalse, []int{k})
			}
		}
	}
	return ifTrue, ifFalse
}

// A structFieldRead reads field of a struct value.
type structFieldRead struct {
	field int
	read  ssa.Value
}

// fieldReads returns the reads of the fields of the struct value v: v.f,
// and the loads of the fields of a local variable that v is stored in
// (the SSA builder keeps a struct variable whose fields are read in
// memory, receivers included: *t0 = s; *(&t0.f)).
func fieldReads(v ssa.Value) []structFieldRead {
	var out []structFieldRead
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Field:
			if ref.X == v {
				out = append(out, structFieldRead{ref.Field, ref})
			}
		case *ssa.Store:
			alloc, ok := ref.Addr.(*ssa.Alloc)
			if !ok || ref.Val != v {
				continue
			}
			for _, r := range *alloc.Referrers() {
				fa, ok := r.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				for _, l := range *fa.Referrers() {
					if load, ok := l.(*ssa.UnOp); ok && load.Op == token.MUL {
						out = append(out, structFieldRead{fa.Field, load})
					}
				}
			}
		}
	}
	return out
}

// checkedFieldFacts returns the facts that the field checks ks of a call
// establish: field f of its struct argument is non-nil, as the caller's
// reads of it stand for (canon: their representative).
func (c *checker) checkedFieldFacts(common *ssa.CallCommon, ks []int) []fact {
	var facts []fact
	for _, k := range ks {
		i, f := splitFieldCheck(k)
		if i >= len(common.Args) {
			continue
		}
		base := c.canon(common.Args[i])
		for _, r := range fieldReads(base) {
			if r.field == f {
				facts = append(facts, fact{c.canon(r.read), true})
			}
		}
	}
	return facts
}

// testedFields keeps, of the field checks ks of fn, those whose field the
// body compares with nil itself (see explicitChecks).
func testedFields(fn *ssa.Function, ks []int) []int {
	var out []int
	for _, k := range ks {
		i, f := splitFieldCheck(k)
		if i >= len(fn.Params) {
			continue
		}
		for _, r := range fieldReads(fn.Params[i]) {
			if r.field == f && testedParam(r.read) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}
