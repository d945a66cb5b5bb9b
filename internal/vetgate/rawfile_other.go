//go:build !linux

package vetgate

import "os"

// A rawFile is an *os.File where the poller's setup is not known to cost
// (see rawfile.go).
type rawFile struct{ *os.File }

// openRaw opens a file for reading.
func openRaw(name string) (*rawFile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &rawFile{f}, nil
}

// stamp returns the file's size and modification time.
func (f *rawFile) stamp() (fileStamp, error) {
	fi, err := f.Stat()
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{size: fi.Size(), mtime: fi.ModTime().UnixNano(), regular: fi.Mode().IsRegular()}, nil
}
