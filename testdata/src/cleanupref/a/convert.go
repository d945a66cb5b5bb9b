package a

import (
	"runtime"
	"unsafe"
)

func logAddr(uintptr)        {}
func logText(string)         {}
func freeRaw(unsafe.Pointer) {}

// A uintptr is a number the collector does not follow, and string(b)
// copies the bytes: neither keeps the object.
func conversionsThatCopy() {
	f := newFile()
	runtime.AddCleanup(f, logAddr, uintptr(unsafe.Pointer(f)))
	runtime.AddCleanup(f, logAddr, uintptr(unsafe.Pointer(&f.fd)))
	addr := uintptr(unsafe.Pointer(f))
	runtime.AddCleanup(f, func(int) { logAddr(addr) }, 0)
	runtime.AddCleanup(f, logText, string(f.buf[:]))
}

// An unsafe.Pointer is still a pointer.
func conversionsThatKeep() {
	f := newFile()
	p := unsafe.Pointer(f)
	runtime.AddCleanup(f, func(int) { freeRaw(p) }, 0)         // want `cleanup function captures p, which refers to f`
	runtime.AddCleanup(f, freeRaw, unsafe.Pointer(&f.fd))      // want `cleanup argument unsafe.Pointer\(&f.fd\) is at offset 0 of f, the same address as f itself, so runtime.AddCleanup panics`
	runtime.AddCleanup(f, freeRaw, unsafe.Pointer(uintptr(0))) // a made-up address holds nothing
}
