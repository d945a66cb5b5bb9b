//go:build linux

package vetgate

import (
	"io"
	"io/fs"
	"syscall"
)

// A rawFile is a file open for reading by its descriptor alone (see
// rawfile.go).
type rawFile struct {
	fd   int
	name string
}

// openRaw opens a file for reading.
func openRaw(name string) (*rawFile, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &rawFile{fd: fd, name: name}, nil
	}
}

// ReadAt is io.ReaderAt's: it reads len(p) bytes at off, or returns why
// not (io.EOF at the end of the file).
func (f *rawFile) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		m, err := syscall.Pread(f.fd, p[n:], off+int64(n))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		if m == 0 {
			return n, io.EOF
		}
		n += m
	}
	return n, nil
}

// stamp returns the file's size and modification time.
func (f *rawFile) stamp() (fileStamp, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return fileStamp{}, &fs.PathError{Op: "stat", Path: f.name, Err: err}
		}
		return fileStamp{size: st.Size, mtime: st.Mtim.Nano(), regular: st.Mode&syscall.S_IFMT == syscall.S_IFREG}, nil
	}
}

func (f *rawFile) Close() error { return syscall.Close(f.fd) }
