// Package local holds single-package application code: interners, caches,
// observers and parsers that keep weak pointers.
package local

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"weak"
)

type Blob struct {
	Key  string
	Data []byte
}

func (b *Blob) Len() int { return len(b.Data) }

// SafeLen is nil-safe.
func (b *Blob) SafeLen() int {
	if b == nil {
		return 0
	}
	return len(b.Data)
}

type BlobCache struct {
	mu      sync.RWMutex
	entries map[string]weak.Pointer[Blob]
}

// L1: quiet: the textbook idiom.
func (c *BlobCache) Get(key string) *Blob {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if b := c.entries[key].Value(); b != nil {
		return b
	}
	return nil
}

// L2: using the result of a weak getter without checking.
func (c *BlobCache) Size(key string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries[key].Value().Data) // want `possible nil dereference`
}

// L3: method call on unchecked Value.
func (c *BlobCache) SizeM(key string) int {
	wp := c.entries[key]
	return wp.Value().Len() // want `possible nil dereference`
}

// L4: quiet: nil-safe method of the same package.
func (c *BlobCache) SizeSafe(key string) int {
	return c.entries[key].Value().SafeLen()
}

// L5: wrapper returning unchecked; callers in the same package.
func (c *BlobCache) raw(key string) *Blob {
	return c.entries[key].Value()
}

func (c *BlobCache) Dump(w io.Writer, key string) {
	fmt.Fprintf(w, "%s\n", c.raw(key).Data) // want `possible nil dereference`
}

// L6: quiet: wrapper result checked.
func (c *BlobCache) DumpChecked(w io.Writer, key string) {
	if b := c.raw(key); b != nil {
		fmt.Fprintf(w, "%s\n", b.Data)
	}
}

// L7: loop over all entries, skipping dead ones: quiet.
func (c *BlobCache) Total() (n int) {
	for _, wp := range c.entries {
		b := wp.Value()
		if b == nil {
			continue
		}
		n += len(b.Data)
	}
	return n
}

// L8: loop that forgets the check.
func (c *BlobCache) Keys() []string {
	var keys []string
	for _, wp := range c.entries {
		keys = append(keys, wp.Value().Key) // want `possible nil dereference`
	}
	return keys
}

// L9: the re-call race.
func (c *BlobCache) Peek(key string) []byte {
	wp := c.entries[key]
	if wp.Value() != nil {
		return wp.Value().Data // want `called again after a nil check`
	}
	return nil
}

// L10: a re-called Value that is returned.
func (c *BlobCache) Fetch(key string) (*Blob, error) {
	wp := c.entries[key]
	if wp.Value() != nil {
		return wp.Value(), nil // want `called again after a nil check`
	}
	return nil, errors.New("gone")
}

var errGone = errors.New("blob gone")

// L11: error-guarded lookup of the same package.
func (c *BlobCache) Lookup(key string) (*Blob, error) {
	b := c.entries[key].Value()
	if b == nil {
		return nil, errGone
	}
	return b, nil
}

func (c *BlobCache) Read(key string) ([]byte, error) {
	b, err := c.Lookup(key)
	if err != nil {
		return nil, err
	}
	return b.Data, nil
}

// L12: error not checked.
func (c *BlobCache) ReadUnchecked(key string) []byte {
	b, _ := c.Lookup(key)
	return b.Data // want `possible nil dereference`
}

func isGone(err error) bool { return errors.Is(err, errGone) }

// L13: guarded through an errors.Is helper (Lookup returns nil only with errGone).
func (c *BlobCache) ReadIs(key string) []byte {
	b, err := c.Lookup(key)
	if isGone(err) {
		return nil
	}
	return b.Data
}

// L14: error checked in a loop with continue.
func (c *BlobCache) ReadAll(keys []string) (out [][]byte) {
	for _, k := range keys {
		b, err := c.Lookup(k)
		if err != nil {
			continue
		}
		out = append(out, b.Data)
	}
	return out
}

// L15: an error checked only after the use.
func (c *BlobCache) ReadLate(key string) ([]byte, error) {
	b, err := c.Lookup(key)
	data := b.Data // want `possible nil dereference`
	if err != nil {
		return nil, err
	}
	return data, nil
}

// L16: strings.Builder over a checked referent: quiet.
func (c *BlobCache) String() string {
	var sb strings.Builder
	for k, wp := range c.entries {
		if b := wp.Value(); b != nil {
			fmt.Fprintf(&sb, "%s=%d ", k, len(b.Data))
		}
	}
	return sb.String()
}
