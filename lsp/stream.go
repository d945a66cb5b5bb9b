package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// stream is jsonrpc2's header-framed stream, made tolerant of bad input:
// jsonrpc2.NewStream fails, and so ends the connection, on the first
// message that is not valid JSON-RPC. This one answers such a message with
// a parse error (id null, as JSON-RPC 2.0 requires when the id cannot be
// read) and reads on. Only the end of the input ends it.
type stream struct {
	rwc    io.ReadWriteCloser
	in     *bufio.Reader
	logger *log.Logger

	writeMu sync.Mutex // Read writes parse errors while the connection writes replies
}

func newStream(rwc io.ReadWriteCloser, logger *log.Logger) *stream {
	return &stream{rwc: rwc, in: bufio.NewReader(rwc), logger: logger}
}

// Read returns the next well-formed message.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		data, n, err, ioErr := s.readFrame()
		if ioErr != nil {
			return nil, n, ioErr
		}
		if err == nil {
			var msg jsonrpc2.Message
			if msg, err = jsonrpc2.DecodeMessage(data); err == nil {
				return msg, n, nil
			}
		}
		s.logger.Printf("bad message: %v", err)
		if werr := s.writeParseError(err); werr != nil {
			return nil, n, werr
		}
	}
}

// readFrame reads one header block and its content. A frame with a bad
// header is skipped whole and reported as err; ioErr reports that the input
// ended or failed.
func (s *stream) readFrame() (data []byte, n int64, err, ioErr error) {
	var total, length int64
	var headerErr error
	headers := 0
	for {
		line, err := s.in.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			if err == io.EOF && total > 0 {
				err = io.ErrUnexpectedEOF
			}
			return nil, total, nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if headers == 0 {
				continue // stray blank line between messages
			}
			break
		}
		headers++
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			headerErr = fmt.Errorf("invalid header line %q", line)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), jsonrpc2.HdrContentLength) {
			l, err := strconv.ParseInt(strings.TrimSpace(value), 10, 32)
			if err != nil || l <= 0 {
				headerErr = fmt.Errorf("invalid %s %q", jsonrpc2.HdrContentLength, value)
				continue
			}
			length = l
		}
	}
	if headerErr == nil && length == 0 {
		headerErr = fmt.Errorf("missing %s header", jsonrpc2.HdrContentLength)
	}
	if headerErr != nil && length == 0 {
		return nil, total, headerErr, nil
	}
	data = make([]byte, length)
	if _, err := io.ReadFull(s.in, data); err != nil {
		return nil, total, nil, io.ErrUnexpectedEOF
	}
	return data, total + length, headerErr, nil
}

func (s *stream) writeParseError(cause error) error {
	resp, err := json.Marshal(map[string]any{
		"jsonrpc": "2.0",
		"id":      nil,
		"error":   map[string]any{"code": jsonrpc2.ParseError, "message": "JSON-RPC parse error: " + cause.Error()},
	})
	if err != nil {
		return err
	}
	return s.writeFrame(resp)
}

// Write implements jsonrpc2.Stream.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	if err := s.writeFrame(data); err != nil {
		return 0, err
	}
	return int64(len(data)), nil
}

func (s *stream) writeFrame(data []byte) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	// One write per frame: a pipe or terminal must not interleave headers
	// of one message with the content of another.
	frame := fmt.Appendf(nil, "%s: %d\r\n\r\n%s", jsonrpc2.HdrContentLength, len(data), data)
	if _, err := s.rwc.Write(frame); err != nil {
		return fmt.Errorf("write to stream: %w", err)
	}
	return nil
}

// Close implements jsonrpc2.Stream.
func (s *stream) Close() error { return s.rwc.Close() }
