// Package store is a generic repository over a weak cache: its getters
// convert the cache's *T to the repository's pointer type parameter P,
// which keeps a nil as nil. (Adapted from adversarial round 11:
// j_ledger store.Repository.)
package store

import (
	"errors"
	"weak"
)

type Keyed[K comparable, T any] interface {
	*T
	Key() K
}

type Cache[K comparable, T any] struct{ m map[K]weak.Pointer[T] }

func (c *Cache[K, T]) Get(k K) *T { return c.m[k].Value() }

type Repository[K comparable, T any, P Keyed[K, T]] struct{ cache *Cache[K, T] }

var ErrGone = errors.New("gone")

// Cached returns the resident object, nil if it was collected.
func (r *Repository[K, T, P]) Cached(k K) P { return P(r.cache.Get(k)) }

// Get returns nil only with an error.
func (r *Repository[K, T, P]) Get(k K) (P, error) {
	if v := r.cache.Get(k); v != nil {
		return P(v), nil
	}
	return nil, ErrGone
}

// Live reports a live object with ok.
func (r *Repository[K, T, P]) Live(k K) (P, bool) {
	v := r.cache.Get(k)
	return P(v), v != nil
}

func KeyOf[K comparable, T any, P Keyed[K, T]](r *Repository[K, T, P], k K) K {
	return r.Cached(k).Key() // want `possible nil dereference: r.Cached\(k\) may return nil`
}

func KeyIfLive[K comparable, T any, P Keyed[K, T]](r *Repository[K, T, P], k K) (K, bool) {
	if p := r.Cached(k); p != nil {
		return p.Key(), true
	}
	var zero K
	return zero, false
}

// A constraint that embeds a named interface of methods beside *T.
type HasKey interface{ CacheKey() string }

type PtrKeyed[T any] interface {
	*T
	HasKey
}

func CacheKeyOf[T any, P PtrKeyed[T]](wp weak.Pointer[T]) string {
	return P(wp.Value()).CacheKey() // want `possible nil dereference: wp.Value\(\) returns nil`
}

func CacheKeyOrEmpty[T any, P PtrKeyed[T]](wp weak.Pointer[T]) string {
	if p := P(wp.Value()); p != nil {
		return p.CacheKey()
	}
	return ""
}
