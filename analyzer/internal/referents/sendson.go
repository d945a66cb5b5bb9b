package referents

import (
	"slices"

	"github.com/weaklint/weaklint/internal/ssa"
)

// Referents a function sends on a channel that its caller passes in:
//
//	func (p *Projector) Replay(ctx context.Context, out chan<- *Journal) {
//		for i := range ring { out <- ring[i].Value() } // nil once collected
//	}
//
//	ch := make(chan *Journal)
//	go func() { defer close(ch); s.proj.Replay(ctx, ch) }()
//	for j := range ch { total += j.Total() } // j may be nil
//
// The Fact lists the channel parameters the function sends unchecked
// referents on (SendsOn), in its own sends and selects, in those of its
// closures, and through a function it passes the channel to that sends on
// it so. A channel of the caller's passed there is then in the record of
// chans.go, as if the caller sent the referent itself (the call is the
// send), and so is a parameter of the caller passed on, in its own Fact.

// recordParamSend records a send of an unchecked referent on ch if ch is a
// parameter of the walked function or of one it is nested in, and reports
// whether it was one.
func (w *walker) recordParamSend(ch ssa.Value) bool {
	p := w.c.chanParam(ch)
	if p == nil {
		return false
	}
	i := slices.Index(p.Parent().Params, p)
	if p.Parent() != w.fn {
		// A closure (a goroutine) sends on its maker's parameter.
		if outer := w.c.nestedSendsOn[p.Parent()]; !slices.Contains(outer, i) {
			w.c.nestedSendsOn[p.Parent()] = joinInts(outer, []int{i})
			w.nestedChanged = true
		}
		return true
	}
	w.sendsOn = joinInts(w.sendsOn, []int{i})
	return true
}

// chanParam returns the parameter that ch, a channel sent on or passed
// on, is, if it is one: of the walked function, or captured by a closure.
func (c *checker) chanParam(ch ssa.Value) *ssa.Parameter {
	for {
		ct, ok := ch.(*ssa.ChangeType) // chan T as chan<- T
		if !ok {
			break
		}
		ch = ct.X
	}
	p, _ := c.canon(ch).(*ssa.Parameter)
	return p
}

// recordCalleeSends records the channels that call passes to a function
// whose Fact says it sends unchecked referents on them: the caller's own
// channels (chans.go's record, the call standing for the send) and its
// parameters (its own Fact).
func (w *walker) recordCalleeSends(call *ssa.Call) {
	common := call.Common()
	if common.IsInvoke() {
		return // (Args would not hold the receiver)
	}
	sum := w.c.summaryOf(common)
	if sum == nil {
		return
	}
	for _, i := range sum.SendsOn {
		if i >= len(common.Args) {
			continue
		}
		arg := common.Args[i]
		key, ok := w.c.chanKeyOf(arg)
		if !ok {
			w.recordParamSend(arg)
			continue
		}
		if _, had := w.c.sentOn[key]; had {
			continue
		}
		if w.c.sentOn == nil {
			w.c.sentOn = make(map[chanKey]chanSend)
		}
		w.c.sentOn[key] = chanSend{&ChanSend{Sender: w.fn, Pos: call.Pos(), Passed: true}, &origin{call: call, wrapper: true}}
		if key.made.Parent() != w.fn {
			w.nestedChanged = true // the maker, in its component, is walked again
		}
	}
}
