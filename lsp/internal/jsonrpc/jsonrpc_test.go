package jsonrpc

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// scanAll scans s in pieces of the given size and reports whether it is one
// whole JSON container, and how many bytes that took.
func scanAll(s string, piece int) (int, bool, error) {
	sc := newScanner(MaxDepth)
	off := 0
	for off < len(s) {
		end := min(off+piece, len(s))
		n, done, err := sc.scan([]byte(s[off:end]))
		if err != nil || done {
			return off + n, done, err
		}
		off += n
	}
	return off, false, nil
}

var scanCases = []string{
	`{}`, `[]`, `{"a":1}`, `[1,-2.5e+3,0,0.1,1E9,"x\"y\\u00e9\n",true,false,null,{},[]]`,
	`{"a":{"b":[{"c":"d"}]},"e":""}`, ` { "a" : [ 1 , 2 ] } `,
	`{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[01]`, `[-]`, `[1.]`, `[1e]`, `[.5]`, `["\x"]`, `["\u12"]`,
	`[tru]`, `[nul,1]`, `{1:2}`, `[1 2]`, `{"a":1 "b":2}`, `"top"`, `12`, `["a` + "\n" + `"]`, `[}`, `{]`,
	`[1]]`, `[{"a":[1,{"b":null}]}]`,
}

// TestScannerAgreesWithEncodingJSON checks the scanner against the
// standard library on valid and invalid containers, whole and fed a byte
// at a time.
func TestScannerAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range scanCases {
		trimmed := strings.TrimSpace(s)
		want := json.Valid([]byte(s)) && (trimmed[0] == '{' || trimmed[0] == '[')
		for _, piece := range []int{1, 3, len(s)} {
			n, done, err := scanAll(s, piece)
			// A valid container ends where the JSON does; what follows
			// (here, trailing spaces) is not the scanner's.
			got := err == nil && done && strings.TrimSpace(s[n:]) == ""
			if got != want {
				t.Errorf("%q in pieces of %d: valid %v (n=%d done=%v err=%v), encoding/json says %v", s, piece, got, n, done, err, want)
			}
		}
	}
}

func TestScannerDepth(t *testing.T) {
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if _, done, err := scanAll(ok, 7); err != nil || !done {
		t.Errorf("%d levels: done %v, err %v; want accepted", MaxDepth, done, err)
	}
	deep := strings.Repeat(`{"a":`, MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1)
	if _, _, err := scanAll(deep, 7); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("%d levels: err %v, want refused", MaxDepth+1, err)
	}
}

// TestFrameReaderRecovers reads a stream of good and bad messages, whole and
// a byte at a time: each good message comes out once, each bad one is one
// frame error.
func TestFrameReaderRecovers(t *testing.T) {
	good := func(i int) string { return fmt.Sprintf(`{"id":%d,"s":"Content-Length: 3"}`, i) }
	frame := func(body string, delta int) string {
		return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body)+delta, body)
	}
	stream := frame(good(1), 0) +
		frame("{bad", 0) + frame(good(2), 0) +
		"\r\n\r\n" + frame(good(3), 25) + frame(good(4), -10) +
		"Content-Type: x\r\n\r\n" + frame(good(5), 0) +
		frame(good(6)[:12], 0) + frame(good(7), 0) +
		"content-length: 12\r\nContent-Type: y\r\n\r\n" + `{"id":8}    ` +
		good(9) + frame(good(10), 0)
	want := []string{good(1), "error", good(2), good(3), good(4), "error", good(5), "error", good(7), `{"id":8}`, "error", good(10)}
	for _, r := range []struct {
		name string
		r    io.Reader
	}{
		{"whole", strings.NewReader(stream)},
		{"bytewise", iotest.OneByteReader(strings.NewReader(stream))},
	} {
		f := newFrameReader(r.r)
		var got []string
		for {
			data, err := f.Next()
			if err != nil {
				if IsFrameError(err) {
					got = append(got, "error")
					continue
				}
				if !errors.Is(err, io.EOF) {
					t.Errorf("%s: stream error %v, want EOF", r.name, err)
				}
				break
			}
			got = append(got, string(data))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: read\n%s\nwant\n%s", r.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// FuzzFrameReader feeds arbitrary bytes, then a good message: reading
// never panics, always ends, and the good message is read (it comes after
// a fresh header, which ends any garbage).
func FuzzFrameReader(f *testing.F) {
	for _, seed := range []string{
		"", "{", "Content-Length: 5\r\n\r\n{\"a\"", "Content-Length: 99999999999\r\n\r\n[", "content-length:\r\n\r\n",
		"Content-Length: 2\r\n\r\n[]Content-Length: 3\r\n\r\n[1]", `{"a":"\u12`, strings.Repeat("[", 100),
	} {
		f.Add([]byte(seed))
	}
	good := `{"jsonrpc":"2.0","id":1,"method":"m"}`
	f.Fuzz(func(t *testing.T, garbage []byte) {
		// A newline and a string end: garbage may leave a header line or a
		// string open, which the next header cannot close.
		stream := string(garbage) + "\"\n\r\n" + fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(good), good)
		r := newFrameReader(strings.NewReader(stream))
		for i := 0; ; i++ {
			if i > len(stream)+2 {
				t.Fatalf("more messages than bytes: no progress")
			}
			data, err := r.Next()
			if err != nil {
				if IsFrameError(err) {
					continue
				}
				break
			}
			if string(data) == good {
				return
			}
		}
		// The good message may be swallowed only by a frame whose declared
		// length covers it; what matters is that reading ended.
	})
}
