// Package errorsis checks getters that return nil only with one of several
// sentinel errors, guarded by tests of all of them: a helper returning a
// disjunction of errors.Is calls, the same as an if chain or through
// another helper, or the disjunction inline. Next to them, tests that do
// not exclude every sentinel.
package errorsis

import (
	"errors"
	"fmt"
	"weak"
)

var (
	ErrEvicted = errors.New("evicted")
	ErrGone    = errors.New("gone")
)

type Item struct{ N int }

type Cache struct {
	m       map[string]weak.Pointer[Item]
	evicted map[string]bool
}

// get returns nil only with ErrEvicted or ErrGone, once the item is collected.
func (c *Cache) get(k string) (*Item, error) {
	v := c.m[k].Value()
	if v == nil {
		if c.evicted[k] {
			return nil, ErrEvicted
		}
		return nil, ErrGone
	}
	return v, nil
}

// wrapped returns nil with an error that is neither sentinel itself but
// wraps one (%w), which errors.Is finds.
func (c *Cache) wrapped(k string) (*Item, error) {
	v := c.m[k].Value()
	if v == nil {
		return nil, fmt.Errorf("%s: %w", k, ErrGone)
	}
	return v, nil
}

// formatted returns nil with an error that only prints a sentinel (%v).
func (c *Cache) formatted(k string) (*Item, error) {
	v := c.m[k].Value()
	if v == nil {
		return nil, fmt.Errorf("%s: %v", k, ErrGone)
	}
	return v, nil
}

func unusable(err error) bool { return errors.Is(err, ErrEvicted) || errors.Is(err, ErrGone) }

func unusableChain(err error) bool {
	if errors.Is(err, ErrGone) {
		return true
	}
	return errors.Is(err, ErrEvicted)
}

func isEvicted(err error) bool { return errors.Is(err, ErrEvicted) }

func unusableNested(err error) bool { return isEvicted(err) || errors.Is(err, ErrGone) }

func guarded(c *Cache, k string) int {
	n := 0
	if v, err := c.get(k); !unusable(err) {
		n += v.N
	}
	if v, err := c.get(k); !unusableChain(err) {
		n += v.N
	}
	if v, err := c.get(k); !unusableNested(err) {
		n += v.N
	}
	v, err := c.get(k)
	if errors.Is(err, ErrGone) || errors.Is(err, ErrEvicted) {
		return n
	}
	return n + v.N
}

func both(err error) bool { return errors.Is(err, ErrEvicted) && errors.Is(err, ErrGone) }

func mixed(other, err error) bool { return errors.Is(other, ErrEvicted) || errors.Is(err, ErrGone) }

func unguarded(c *Cache, k string, other error) int {
	n := 0
	if v, err := c.get(k); !both(err) {
		n += v.N // want `c.get\(k\) may return nil`
	}
	if v, err := c.get(k); !isEvicted(err) {
		n += v.N // want `c.get\(k\) may return nil`
	}
	if v, err := c.get(k); !mixed(other, err) {
		n += v.N // want `c.get\(k\) may return nil`
	}
	if v, err := c.wrapped(k); !unusable(err) {
		n += v.N
	}
	if v, err := c.formatted(k); !unusable(err) {
		n += v.N // want `c.formatted\(k\) may return nil`
	}
	v, err := c.get(k)
	if errors.Is(err, ErrGone) {
		return n
	}
	return n + v.N // want `c.get\(k\) may return nil`
}
