package vetgate

import (
	"io"
	"os"
)

// The files that a skipped unit reads (its config, its sources, its
// dependencies' vetx files, memo entries: about 20 on go vet std) are read
// through openRaw, not os.Open. On Linux, os.Open makes a file that the
// runtime's poller could wait on: the first one sets the poller up
// (epoll_create, a wake-up pipe), and each one costs four fcntl calls, a
// failed epoll_ctl and a cleanup registration, which are not needed to
// read a regular file whole at once. In a unit of about 3.5 ms of CPU, most
// of it the process's start, they cost about 0.1 ms.

// A fileStamp is what names a file's contents in the memos' keys: its size
// and modification time, as the file was read.
type fileStamp struct {
	size    int64
	mtime   int64 // nanoseconds since the epoch
	regular bool
}

// readWhole returns the contents of a file (non-nil, even if it is empty)
// and its stamp as it was read.
func readWhole(name string) ([]byte, fileStamp, error) {
	f, err := openRaw(name)
	if err != nil {
		return nil, fileStamp{}, err
	}
	defer f.Close()
	st, err := f.stamp()
	if err != nil {
		return nil, fileStamp{}, err
	}
	if !st.regular { // a pipe cannot be read at an offset
		data, err := os.ReadFile(name)
		if data == nil && err == nil {
			data = []byte{}
		}
		return data, st, err
	}
	data := make([]byte, 0, st.size+1) // +1: see EOF without growing
	for {
		n, err := f.ReadAt(data[len(data):cap(data)], int64(len(data)))
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, st, nil
		}
		if err != nil {
			return nil, fileStamp{}, err
		}
		if len(data) == cap(data) { // the file grew
			data = append(data, 0)[:len(data)]
		}
	}
}
