package a

import "runtime"

// A closure captures a variable holding a map or slice that the function
// fills with the object after creating it.
func capturesFilledMap() {
	f := newFile()
	m := map[int]*File{}
	m[f.fd] = f
	runtime.AddCleanup(f, func(fd int) { delete(m, fd) }, f.fd) // want `cleanup function captures m, which holds f`
	ids := map[int]int{}
	ids[f.fd] = f.fd
	runtime.AddCleanup(f, func(fd int) { delete(ids, fd) }, f.fd)
}

func capturesFilledSlice() {
	f := newFile()
	all := make([]*File, 1)
	all[0] = f
	runtime.AddCleanup(f, func(int) { all[0] = nil }, 0) // want `cleanup function captures all, which holds f`
	fds := make([]int, 1)
	fds[0] = f.fd
	runtime.AddCleanup(f, func(int) { fds[0] = -1 }, 0)
}

func capturesFilledHolder() {
	f := newFile()
	h := &holder{}
	h.f = f
	runtime.AddCleanup(f, func(int) { h.f = nil }, 0) // want `cleanup function captures h, which holds f`
}
