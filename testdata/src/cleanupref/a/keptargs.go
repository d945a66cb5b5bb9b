package a

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"weak"
)

// Calls into other packages whose result keeps their arguments: a context
// that carries the object as a value, a logger that carries it as an
// attribute. The cleanup that captures the result reaches the object.

type ctxKey struct{}

type Stream struct {
	id   int
	data []byte
	ctx  context.Context
	stop context.CancelFunc
}

func StreamCtx(parent context.Context) *Stream {
	s := &Stream{id: 1}
	ctx := context.WithValue(parent, ctxKey{}, s)
	runtime.AddCleanup(s, func(int) { <-ctx.Done() }, 0) // want `cleanup function captures ctx, which holds s`
	return s
}

func StreamLogger(base *slog.Logger) *Stream {
	s := &Stream{id: 2}
	l := base.With("stream", s)
	runtime.AddCleanup(s, func(int) { l.Info("stream collected") }, 0) // want `cleanup function captures l, which holds s`
	return s
}

// The object's context field, set here from a call chain that carries it.
func StreamField(parent context.Context) *Stream {
	s := &Stream{id: 3}
	s.ctx, s.stop = context.WithCancel(context.WithValue(parent, ctxKey{}, s))
	runtime.AddCleanup(s, func(ctx context.Context) { <-ctx.Done() }, s.ctx) // want `cleanup argument s.ctx, which holds s`
	return s
}

// Quiet twins: what the calls keep is copied out of the object, or text.
func StreamCtxID(parent context.Context) *Stream {
	s := &Stream{id: 4}
	ctx := context.WithValue(parent, ctxKey{}, s.id)
	runtime.AddCleanup(s, func(int) { <-ctx.Done() }, 0)
	return s
}

func StreamErr() *Stream {
	s := &Stream{id: 5}
	err := fmt.Errorf("stream %v leaked", s)
	runtime.AddCleanup(s, func(int) { println(err.Error()) }, 0)
	return s
}

func StreamReader(data []byte) *Stream {
	s := &Stream{id: 6, data: data}
	r := bytes.NewReader(s.data)
	runtime.AddCleanup(s, func(int) { _ = r.Len() }, 0)
	return s
}

func StreamWeak() *Stream {
	s := &Stream{id: 7}
	wp := weak.Make(s)
	runtime.AddCleanup(s, func(int) { _ = wp.Value() }, 0)
	return s
}
