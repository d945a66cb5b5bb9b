package a

import "runtime"

func closerOf(f *File) func(int)  { return func(int) { f.Close() } }
func closerOfFD(fd int) func(int) { return func(int) { closeFD(fd) } }
func wrapFile(f *File) *holder    { return &holder{f: f} }
func fdOf(f *File) int            { return f.fd }
func connOf(f *File) *Conn        { return f.conn }
func otherFile(f *File) *File     { return newFile() }
func recursive(f *File, n int) *File {
	if n == 0 {
		return nil
	}
	return recursive(f, n-1)
}

// A function of this package whose result keeps its argument.
func resultsKeepArgument() {
	f := newFile()
	runtime.AddCleanup(f, closerOf(f), 0)           // want `cleanup function closerOf\(f\), which holds f`
	runtime.AddCleanup(f, closeHolder, wrapFile(f)) // want `cleanup argument wrapFile\(f\), which holds f`
}

func resultsCopy() {
	f := newFile()
	runtime.AddCleanup(f, closerOfFD(f.fd), 0)
	runtime.AddCleanup(f, closeFD, fdOf(f))
	runtime.AddCleanup(f, closeConn, connOf(f))
	runtime.AddCleanup(f, closeFile, otherFile(f))
	runtime.AddCleanup(f, closeFile, recursive(f, 3))
}
