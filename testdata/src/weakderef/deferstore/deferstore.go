// Package deferstore checks a named error result that a deferred closure
// assigns: the closure stores it only when the function ends, so the
// function's own `if err != nil { return }` after a getter still guards
// the getter's pointer, in the body and in the closure. Beside it, the
// same shapes without the check. (Adapted from adversarial round 6: e_kv
// wal.Log.Redo.)
package deferstore

import (
	"errors"
	"weak"
)

var errGone = errors.New("gone")

type Pool struct{ dirty bool }

func (p *Pool) Flush() error { p.dirty = false; return nil }

func (p *Pool) Get(i int) (int, error) {
	if p.dirty {
		return 0, errGone
	}
	return i, nil
}

type Log struct{ pool weak.Pointer[Pool] }

func (l *Log) Pool() (*Pool, error) {
	if p := l.pool.Value(); p != nil {
		return p, nil
	}
	return nil, errGone
}

func redo(l *Log, n int) (err error) {
	pool, err := l.Pool()
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			err = pool.Flush()
		}
	}()
	for i := 0; i < n; i++ {
		if _, err := pool.Get(i); err != nil {
			return err
		}
	}
	return nil
}

func redoUnchecked(l *Log, n int) (err error) {
	pool, err := l.Pool()
	defer func() {
		if err == nil {
			err = pool.Flush() // want `possible nil dereference: l.Pool\(\) may return nil`
		}
	}()
	for i := 0; i < n; i++ {
		if _, err := pool.Get(i); err != nil { // want `possible nil dereference: l.Pool\(\) may return nil`
			return err
		}
	}
	return nil
}

// The deferred closure's store is seen by the result read after it runs,
// not by the body: a later check of err in the body still guards pool.
func redoLate(l *Log) (err error) {
	defer func() { err = errors.Join(err, errGone) }()
	pool, err := l.Pool()
	if err != nil {
		return err
	}
	return pool.Flush()
}

func redoLateUnchecked(l *Log) (err error) {
	defer func() { err = errors.Join(err, errGone) }()
	pool, err := l.Pool()
	_ = err
	return pool.Flush() // want `possible nil dereference: l.Pool\(\) may return nil`
}
