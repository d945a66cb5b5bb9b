package jsonrpc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Limits of one message. A 10 MB Go file sent as JSON (escaped) fits.
const (
	MaxMessageSize = 128 << 20
	MaxDepth       = 64 // LSP's own messages nest about 8 levels; settings a few more
	maxHeaderLine  = 8 << 10
)

// contentLength is the header that frames every message (the base protocol
// of LSP: "Content-Length: N\r\n\r\n" then N bytes of JSON).
const contentLength = "content-length:"

// frameReader reads the messages of a header-framed stream and recovers
// from framing errors at the next header.
//
// The end of a message is where its JSON value ends, found by scanning it
// (see scanner); the Content-Length header is checked against it, not
// trusted blindly. So a Content-Length that is too long does not swallow the
// next message, and one that is too short does not leave the rest of the
// message to be read as headers. A message that is not a JSON object or
// array, a header block without Content-Length and any other garbage are
// reported once, then skipped up to the next "Content-Length:".
type frameReader struct {
	r     io.Reader
	buf   []byte // unread input is buf[start:]
	start int
	err   error // of the last read of r; sticky
	sync  bool  // skipping to the next header after an error

	Note string // about the last message read, for the log: set by Next, cleared by the caller
}

func newFrameReader(r io.Reader) *frameReader { return &frameReader{r: r} }

// A frameError is a bad message: it is answered, and reading goes on.
type frameError struct{ msg string }

func (e *frameError) Error() string { return e.msg }

func badFrame(format string, args ...any) error {
	return &frameError{fmt.Sprintf(format, args...)}
}

// IsFrameError reports whether err is about one bad message rather than
// the end of the stream.
func IsFrameError(err error) bool {
	var fe *frameError
	return errors.As(err, &fe)
}

// fill reads more input into buf; it fails only when the stream does.
func (f *frameReader) fill() error {
	if f.err != nil {
		return f.err
	}
	if f.start > 0 && f.start == len(f.buf) {
		f.buf, f.start = f.buf[:0], 0
	} else if f.start > 64<<10 && f.start > len(f.buf)/2 {
		n := copy(f.buf, f.buf[f.start:])
		f.buf, f.start = f.buf[:n], 0
	}
	if cap(f.buf)-len(f.buf) < 32<<10 {
		f.buf = append(f.buf, make([]byte, 64<<10)...)[:len(f.buf)]
	}
	n, err := f.r.Read(f.buf[len(f.buf):cap(f.buf)])
	f.buf = f.buf[:len(f.buf)+n]
	if err != nil && n == 0 {
		f.err = err
		return err
	}
	return nil
}

// Next returns the next message's JSON. It returns a *frameError for a bad
// message (the reader has then skipped it), or the stream's error.
//
// After a bad message, the next "Content-Length:" may be garbage too (text
// of the bad message that looks like a header): a bad header block found
// by skipping is skipped in turn, without another error, so that one bad
// message costs one error.
func (f *frameReader) Next() ([]byte, error) {
	for {
		skipped := f.sync
		if f.sync {
			if err := f.resync(); err != nil {
				return nil, err
			}
		}
		length, bodyStart, err := f.headers()
		if err != nil {
			if skipped && IsFrameError(err) {
				continue // fail has set f.sync, past the false header
			}
			return nil, err
		}
		return f.body(bodyStart, length)
	}
}

// resync skips input up to the next "Content-Length:".
func (f *frameReader) resync() error {
	for {
		if i := indexFold(f.buf[f.start:], contentLength); i >= 0 {
			f.start += i
			f.sync = false
			return nil
		}
		// Keep what could be the start of the header.
		if keep := len(contentLength) - 1; len(f.buf)-f.start > keep {
			f.start = len(f.buf) - keep
		}
		if err := f.fill(); err != nil {
			return err
		}
	}
}

// fail reports a bad message and skips input from offset from (in buf)
// to the next header.
func (f *frameReader) fail(from int, err error) error {
	f.start, f.sync = from, true
	return err
}

// headers reads a header block and returns the Content-Length and the
// offset in buf where the body starts.
func (f *frameReader) headers() (length int64, bodyStart int, err error) {
	length = -1
	pos := f.start
	first := true
	for {
		// Blank lines between messages are harmless.
		for first && pos < len(f.buf) && isSpace(f.buf[pos]) {
			pos++
			f.start = pos
		}
		if pos == len(f.buf) {
			off := pos - f.start // fill may move the unread input
			if err := f.fill(); err != nil {
				if err == io.EOF && off > 0 {
					err = io.ErrUnexpectedEOF
				}
				return 0, 0, err
			}
			pos = f.start + off
			continue
		}
		if first && !isTokenByte(f.buf[pos]) {
			// Not a header at all (a message sent without one, say): no need
			// to wait for the end of the line to say so.
			return 0, 0, f.fail(pos, badFrame("invalid header: %q", clip(f.buf[pos:])))
		}
		nl := bytes.IndexByte(f.buf[pos:], '\n')
		if nl < 0 {
			if len(f.buf)-pos > maxHeaderLine {
				return 0, 0, f.fail(pos+1, badFrame("header line longer than %d bytes", maxHeaderLine))
			}
			off := pos - f.start
			if err := f.fill(); err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return 0, 0, err
			}
			pos = f.start + off
			continue
		}
		line := bytes.TrimSpace(f.buf[pos : pos+nl])
		lineStart := pos
		pos += nl + 1
		if len(line) == 0 {
			break // the end of the headers
		}
		first = false
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return 0, 0, f.fail(lineStart+1, badFrame("invalid header line %q", clip(line)))
		}
		if bytes.EqualFold(bytes.TrimSpace(name), []byte(contentLength[:len(contentLength)-1])) {
			n, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, 64)
			if err != nil || n <= 0 {
				return 0, 0, f.fail(lineStart+1, badFrame("invalid Content-Length %q", clip(value)))
			}
			length = n
		}
		// Other headers (Content-Type) are allowed and ignored.
	}
	if length < 0 {
		return 0, 0, f.fail(pos, badFrame("missing Content-Length header"))
	}
	return length, pos, nil
}

// body scans the JSON value that starts at bodyStart and returns it.
func (f *frameReader) body(bodyStart int, length int64) ([]byte, error) {
	s := newScanner(MaxDepth)
	off := 0 // scanned bytes of the body
	for {
		pos := bodyStart + off
		if pos < len(f.buf) {
			n, done, err := s.scan(f.buf[pos:])
			if err != nil {
				// Skip from the bad byte, or from the declared end of the
				// message if the bad byte lies beyond it: a message cut
				// short may be followed by the next one's header.
				bad := pos + n
				if declared := int64(bodyStart) + length; int64(bad) > declared {
					bad = int(declared)
				}
				return nil, f.fail(bad, badFrame("invalid JSON at byte %d of the message: %v", off+n, err))
			}
			off += n
			if done {
				data := bytes.Clone(f.buf[bodyStart : bodyStart+off])
				if int64(off) != length {
					f.Note = fmt.Sprintf("Content-Length %d, but the message's JSON is %d bytes long: the JSON's end was taken", length, off)
				}
				f.start = bodyStart + off
				return data, nil
			}
		}
		if off > MaxMessageSize {
			return nil, f.fail(bodyStart+off, badFrame("message larger than %d bytes", MaxMessageSize))
		}
		relBody := bodyStart - f.start
		if err := f.fill(); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		bodyStart = f.start + relBody
	}
}

// indexFold is bytes.Index for an ASCII lower-case pattern, ignoring case.
func indexFold(s []byte, lower string) int {
	for i := 0; i+len(lower) <= len(s); i++ {
		j := bytes.IndexAny(s[i:], "cC")
		if j < 0 {
			return -1
		}
		i += j
		if i+len(lower) <= len(s) && bytes.EqualFold(s[i:i+len(lower)], []byte(lower)) {
			return i
		}
	}
	return -1
}

// isTokenByte reports whether c may start a header name.
func isTokenByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}
