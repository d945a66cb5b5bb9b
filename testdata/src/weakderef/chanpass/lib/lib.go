// Package lib sends referents on channels its callers pass in, and returns
// channels its goroutines send on: the values a caller receives may be
// nil. (Adapted from adversarial round 11: j_ledger Projector.Replay,
// j_graph Scheduler.stream.)
package lib

import (
	"context"
	"weak"
)

type Journal struct{ Lines []string }

type Projector struct{ ring []weak.Pointer[Journal] }

// Replay sends the ring unchecked.
func (p *Projector) Replay(ctx context.Context, out chan<- *Journal) {
	for i := range p.ring {
		select {
		case out <- p.ring[i].Value():
		case <-ctx.Done():
			return
		}
	}
}

// ReplayVia passes its channel on to Replay.
func (p *Projector) ReplayVia(ctx context.Context, out chan<- *Journal) {
	p.Replay(ctx, out)
}

// Stream sends only live journals.
func (p *Projector) Stream(ctx context.Context, out chan<- *Journal) {
	defer close(out)
	for i := range p.ring {
		j := p.ring[i].Value()
		if j == nil {
			continue
		}
		select {
		case out <- j:
		case <-ctx.Done():
			return
		}
	}
}

// Recent returns a channel its goroutine sends the ring on, unchecked.
func (p *Projector) Recent(ctx context.Context) <-chan *Journal {
	ch := make(chan *Journal)
	go func() {
		defer close(ch)
		for i := range p.ring {
			select {
			case ch <- p.ring[i].Value():
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}
