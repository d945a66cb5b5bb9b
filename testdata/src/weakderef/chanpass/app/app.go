package app

import (
	"context"

	"weakderef/chanpass/lib"
)

func Total(ctx context.Context, p *lib.Projector) int {
	ch := make(chan *lib.Journal)
	go func() {
		defer close(ch)
		p.Replay(ctx, ch)
	}()
	n := 0
	for j := range ch {
		n += len(j.Lines) // want `possible nil dereference: a value received from a channel may be nil: p.Replay\(ctx, ch\) sends weak referents on it`
	}
	return n
}

func TotalVia(ctx context.Context, p *lib.Projector) int {
	ch := make(chan *lib.Journal, 8)
	go func() {
		defer close(ch)
		p.ReplayVia(ctx, ch)
	}()
	return len((<-ch).Lines) // want `possible nil dereference: a value received from a channel may be nil: p.ReplayVia\(ctx, ch\) sends weak referents on it`
}

func Newest(ctx context.Context, p *lib.Projector) int {
	ch := p.Recent(ctx)
	for {
		select {
		case j, ok := <-ch:
			if !ok {
				return 0
			}
			return len(j.Lines) // want `possible nil dereference: an element of p.Recent\(ctx\) may be nil`
		case <-ctx.Done():
			return 0
		}
	}
}

// Quiet look-alikes.

func TotalChecked(ctx context.Context, p *lib.Projector) int {
	ch := make(chan *lib.Journal)
	go func() {
		defer close(ch)
		p.Replay(ctx, ch)
	}()
	n := 0
	for j := range ch {
		if j != nil {
			n += len(j.Lines)
		}
	}
	return n
}

func TotalLive(ctx context.Context, p *lib.Projector) int {
	ch := make(chan *lib.Journal)
	go func() { p.Stream(ctx, ch) }()
	n := 0
	for j := range ch {
		n += len(j.Lines)
	}
	return n
}

func NewestChecked(ctx context.Context, p *lib.Projector) int {
	ch := p.Recent(ctx)
	select {
	case j, ok := <-ch:
		if !ok || j == nil {
			return 0
		}
		return len(j.Lines)
	case <-ctx.Done():
		return 0
	}
}
