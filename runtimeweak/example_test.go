package runtimeweak_test

import (
	"fmt"
	"os"
	"runtime"

	"github.com/weaklint/weaklint/runtimeweak"
)

type Image struct {
	Name   string
	Pixels []byte
}

func loadImage(name string) *Image {
	return &Image{Name: name, Pixels: make([]byte, 1<<10)}
}

// A ValueMap finds objects by key for as long as something else uses them,
// without keeping them alive itself.
func ExampleValueMap() {
	var images runtimeweak.ValueMap[string, Image]

	logo := loadImage("logo.png")
	images.Store("logo.png", logo)

	if img, ok := images.Load("logo.png"); ok { // check ok once, then use img
		fmt.Println("found", img.Name, len(img.Pixels))
	}
	if _, ok := images.Load("missing.png"); !ok {
		fmt.Println("missing.png is not loaded")
	}
	runtime.KeepAlive(logo) // logo in use until here: its entry is kept
	// Output:
	// found logo.png 1024
	// missing.png is not loaded
}

// LoadOrCreate is the get-or-create pattern done without a strong memo map:
// concurrent callers share one creation, and the entry goes when the image
// is no longer used anywhere.
func ExampleValueMap_LoadOrCreate() {
	var images runtimeweak.ValueMap[string, Image]
	loads := 0
	get := func(name string) *Image {
		return images.LoadOrCreate(name, func() *Image {
			loads++
			return loadImage(name)
		})
	}
	a := get("logo.png")
	b := get("logo.png")
	fmt.Println(a == b, loads)
	runtime.KeepAlive(a)
	// Output: true 1
}

type Conn struct{ addr string }

type connInfo struct{ bytesRead int }

// A KeyMap attaches data to objects owned by someone else; the data goes
// when its object does. The value must not point back to the key.
func ExampleKeyMap() {
	var info runtimeweak.KeyMap[Conn, *connInfo]
	c := &Conn{addr: "10.0.0.1:80"}
	info.Store(c, &connInfo{bytesRead: 512})
	if ci, ok := info.Load(c); ok {
		fmt.Println(c.addr, ci.bytesRead)
	}
	// Output: 10.0.0.1:80 512
}

// A Set tracks objects without keeping them alive.
func ExampleSet() {
	var open runtimeweak.Set[Conn]
	a, b := &Conn{addr: "a"}, &Conn{addr: "b"}
	open.Add(a)
	open.Add(b)
	open.Remove(b)
	fmt.Println(open.Contains(a), open.Contains(b), open.Len())
	runtime.KeepAlive(a)
	// Output: true false 1
}

type File struct {
	fd     int
	closer *runtimeweak.Finalizer[File, int]
}

// Close releases the descriptor now; the collector will not do it again.
func (f *File) Close() { f.closer.Call() }

func closeFD(fd int) { fmt.Println("closing fd", fd) }

// NewFinalizer releases a resource when its owner is collected, unless the
// program releases it first. The argument is the descriptor, a plain value
// copied out of the File: a closure over f, or f.Close as the function,
// would keep f alive forever.
func ExampleNewFinalizer() {
	f := &File{fd: 7}
	f.closer = runtimeweak.NewFinalizer(f, closeFD, f.fd)
	f.Close()
	f.Close() // runs at most once
	fmt.Println("alive:", f.closer.Alive())
	// Output:
	// closing fd 7
	// alive: false
}

// Detach cancels a finalizer, for example when ownership of the resource
// moves elsewhere, and returns its argument.
func ExampleFinalizer_Detach() {
	f := &File{fd: 9}
	f.closer = runtimeweak.NewFinalizer(f, closeFD, f.fd)
	if fd, ok := f.closer.Detach(); ok {
		fmt.Println("took over fd", fd)
	}
	fmt.Println("called:", f.closer.Call())
	// Output:
	// took over fd 9
	// called: false
}

// Go runs no cleanups at exit. Finalizers marked with AtExit are run by
// RunAtExit, which main calls on its way out.
func ExampleRunAtExit() {
	tmp := &File{fd: 3}
	remove := runtimeweak.NewFinalizer(tmp, func(name string) {
		fmt.Println("removing", name)
		os.Remove(name)
	}, "/nonexistent/runtimeweak-example.tmp")
	remove.AtExit(true)

	// In main: defer runtimeweak.RunAtExit()
	runtimeweak.RunAtExit()
	runtime.KeepAlive(tmp)
	// Output: removing /nonexistent/runtimeweak-example.tmp
}

// A Cache keeps the most recently used values alive, and still finds older
// ones that the program is using.
func ExampleCache() {
	thumbs := runtimeweak.NewCache[string, Image](2)
	a := thumbs.LoadOrCreate("a", func() *Image { return loadImage("a") })
	thumbs.LoadOrCreate("b", func() *Image { return loadImage("b") })
	thumbs.LoadOrCreate("c", func() *Image { return loadImage("c") }) // "a" is now held weakly
	if img, ok := thumbs.Load("a"); ok {
		fmt.Println("still found:", img.Name, img == a)
	}
	s := thumbs.Stats()
	fmt.Println("strong:", s.Strong, "hits:", s.Hits)
	runtime.KeepAlive(a)
	// Output:
	// still found: a true
	// strong: 2 hits: 1
}
