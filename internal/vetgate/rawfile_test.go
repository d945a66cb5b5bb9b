package vetgate

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadWhole checks that readWhole returns what os.ReadFile and os.Stat
// do: the contents, non-nil for an empty file, the size and modification
// time that the memos' keys use, and os.ReadFile's error for a missing
// file; a file that is not regular is read too.
func TestReadWhole(t *testing.T) {
	dir := t.TempDir()
	for _, content := range []string{"", "package p\n", strings.Repeat("x", 1<<16+3)} {
		name := filepath.Join(dir, "f.go")
		writeFile(t, name, content)
		data, st, err := readWhole(name)
		if err != nil || data == nil || string(data) != content {
			t.Fatalf("readWhole of %d bytes: %d bytes (nil: %v), %v", len(content), len(data), data == nil, err)
		}
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if want := (fileStamp{size: fi.Size(), mtime: fi.ModTime().UnixNano(), regular: true}); st != want {
			t.Errorf("readWhole of %d bytes: stamp %+v, want %+v", len(content), st, want)
		}
	}
	if _, _, err := readWhole(filepath.Join(dir, "missing.go")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("readWhole of a missing file: %v, want fs.ErrNotExist", err)
	}
	if data, st, err := readWhole(os.DevNull); err != nil || data == nil || len(data) != 0 || st.regular {
		t.Errorf("readWhole(%s) = %q (nil: %v), %+v, %v; want empty, not regular", os.DevNull, data, data == nil, st, err)
	}
}

// TestRawFileReadAt checks io.ReaderAt's contract, which the vetx readers
// rely on: a read past the end returns io.EOF with what there was.
func TestRawFileReadAt(t *testing.T) {
	name := filepath.Join(t.TempDir(), "vet.out")
	writeFile(t, name, "vetx0123456789")
	f, err := openRaw(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4)
	if n, err := f.ReadAt(buf, 4); n != 4 || err != nil || string(buf) != "0123" {
		t.Errorf("ReadAt(4 bytes, 4) = %d, %v, %q", n, err, buf)
	}
	if n, err := f.ReadAt(buf, 12); n != 2 || err != io.EOF || string(buf[:n]) != "89" {
		t.Errorf("ReadAt(4 bytes, 12) = %d, %v, %q; want 2, EOF", n, err, buf[:n])
	}
	if _, err := openRaw(name + ".missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("openRaw of a missing file: %v", err)
	}
}
