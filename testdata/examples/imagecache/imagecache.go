package imagecache

import (
	"os"
	"runtime"
	"sync"
	"weak"
)

// Image is a decoded image.
type Image struct {
	Name   string
	Pixels []byte
}

// Cache maps file names to decoded images that the garbage collector may
// reclaim once no caller holds them.
type Cache struct {
	mu     sync.Mutex
	images map[string]weak.Pointer[Image]
}

// New returns an empty cache.
func New() *Cache { return &Cache{images: make(map[string]weak.Pointer[Image])} }

// Get returns the cached image, or nil if it was never loaded or has been
// reclaimed.
func (c *Cache) Get(name string) *Image {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.images[name].Value()
}

// Size returns the number of pixels of a cached image.
func (c *Cache) Size(name string) int {
	// weakderef: Get may return nil (the image was reclaimed) and this
	// dereferences it unchecked. Check the result first.
	return len(c.Get(name).Pixels)
}

// Rename renames a cached image.
func (c *Cache) Rename(name, to string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.images[name]
	// weakderef: two calls of Value: the image can be reclaimed between the
	// check and the use. The suggested fix keeps one result in a variable.
	if p.Value() != nil {
		p.Value().Name = to
	}
}

// Put stores an image. Entries are never deleted: the map keeps growing
// with dead weak pointers (strongcache).
func (c *Cache) Put(img *Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.images[img.Name] = weak.Make(img)
}

// File is an open image file, closed when it is collected.
type File struct {
	f    *os.File
	name string
}

// Open opens an image file.
func Open(name string) (*File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	file := &File{f: f, name: name}
	// cleanupref: the cleanup function captures file, so file is never
	// collected and the cleanup never runs. Pass file.f as the argument.
	runtime.AddCleanup(file, func(int) { file.f.Close() }, 0)
	return file, nil
}
