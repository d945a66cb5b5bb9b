// Package jsonrpc is the language server's JSON-RPC 2.0 connection over a
// header-framed stream (the LSP base protocol).
//
// It replaces go.lsp.dev/jsonrpc2's connection (v0.10.0), which the server
// used at first, for what that one gets wrong with real and hostile clients:
//   - it ends the connection at the first framing error; this one answers a
//     parse error and reads on from the next header (frame.go);
//   - it decodes ids into int32 or a string: a string id "" comes back as 0,
//     a request with id null is taken for a notification and never answered,
//     and a number beyond int32 or with a fraction is a parse error; this
//     one keeps the id as sent and echoes it;
//   - its $/cancelRequest handling ignores numeric ids (they decode as
//     float64), and editors send numbers; here the connection cancels the
//     request's context itself, on the reading goroutine, so that a
//     cancellation does not wait behind the request it cancels;
//   - it decodes every message on the reading goroutine with no limit on
//     nesting (16,000 levels in 32 KB kept it busy for 20 s); here the
//     reading goroutine only scans each message, in linear time and with
//     bounded depth (scan.go), and messages are handled, in order, on
//     another goroutine.
//
// The connection still implements jsonrpc2.Conn, so that the protocol
// library's client (protocol.ClientDispatcher) sends the server's
// notifications and requests to the editor through it.
package jsonrpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
)

// Request is a call or a notification from the peer.
type Request struct {
	ID     json.RawMessage // as sent: a string, a number or null; nil for a notification
	Method string
	Params json.RawMessage // nil if absent
}

// IsCall reports whether the request expects a response.
func (r *Request) IsCall() bool { return r.ID != nil }

// Replier sends the response to a call; it does nothing for a
// notification, or after the first time. An error that is not a
// *jsonrpc2.Error (and wraps none) is sent as an internal error.
type Replier func(result any, err error) error

// Handler handles one request. Requests are handled one at a time, in the
// order they arrived: a handler that takes long should reply later, from
// another goroutine. ctx is cancelled by the peer's $/cancelRequest for
// the request's id, and when the connection ends.
type Handler func(ctx context.Context, req *Request, reply Replier)

// queueLen bounds the messages read ahead of the handler: up to queueLen
// messages of up to MaxMessageSize bytes are held in memory.
const queueLen = 16

// Conn is a JSON-RPC connection.
type Conn struct {
	rwc  io.ReadWriteCloser
	in   *frameReader
	logf func(format string, args ...any)

	writeMu sync.Mutex
	seq     atomic.Int32

	mu       sync.Mutex
	pending  map[string]chan *envelope     // our calls awaiting a response, by id key
	inflight map[string]context.CancelFunc // the peer's calls being handled, by id key

	done chan struct{} // closed when reading ends
	err  error         // why reading ended; set before done is closed
}

// NewConn returns a connection on rwc; logf receives what is worth
// logging about the stream (never written to it).
func NewConn(rwc io.ReadWriteCloser, logf func(format string, args ...any)) *Conn {
	return &Conn{
		rwc:      rwc,
		in:       newFrameReader(rwc),
		logf:     logf,
		pending:  make(map[string]chan *envelope),
		inflight: make(map[string]context.CancelFunc),
		done:     make(chan struct{}),
	}
}

// envelope is any JSON-RPC message.
type envelope struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  *string         `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *wireError      `json:"error,omitempty"`
}

type wireError struct {
	Code    int64           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *wireError) Error() string { return e.Message }

var null = json.RawMessage("null")

// Run reads and handles messages until the stream ends or ctx is done; it
// returns at once.
func (c *Conn) Run(ctx context.Context, h Handler) {
	queue := make(chan func(), queueLen)
	go func() {
		for f := range queue {
			f()
		}
	}()
	go func() {
		defer close(c.done)
		defer close(queue)
		for ctx.Err() == nil {
			data, err := c.in.Next()
			if note := c.in.Note; note != "" {
				c.in.Note = ""
				c.logf("%s", note)
			}
			if err != nil {
				if IsFrameError(err) {
					c.logf("bad message: %v", err)
					c.writeError(null, jsonrpc2.ParseError, "JSON-RPC parse error: "+err.Error())
					continue
				}
				c.err = err
				return
			}
			if f := c.receive(ctx, data, h); f != nil {
				select {
				case queue <- f:
				case <-ctx.Done():
				}
			}
		}
		c.err = ctx.Err()
	}()
}

// receive takes in one message. It answers responses and cancellations at
// once, and returns what handles a request (nil for other messages).
func (c *Conn) receive(ctx context.Context, data []byte, h Handler) func() {
	if data[0] == '[' {
		c.writeError(null, jsonrpc2.InvalidRequest, "batches of requests are not supported")
		return nil
	}
	var msg envelope
	if err := json.Unmarshal(data, &msg); err != nil {
		id := null
		if validID(msg.ID) {
			id = msg.ID
		}
		c.writeError(id, jsonrpc2.InvalidRequest, "invalid request: "+err.Error())
		return nil
	}
	if msg.ID != nil && !validID(msg.ID) {
		c.writeError(null, jsonrpc2.InvalidRequest, "invalid request: the id must be a string, a number or null")
		return nil
	}
	id := msg.ID
	if id == nil {
		id = null
	}
	switch {
	case msg.JSONRPC != "2.0":
		if msg.Method == nil || msg.ID != nil {
			c.writeError(id, jsonrpc2.InvalidRequest, `invalid request: "jsonrpc" must be "2.0"`)
		} else {
			c.logf("notification %s ignored: \"jsonrpc\" must be \"2.0\"", *msg.Method)
		}
		return nil
	case msg.Method == nil && msg.ID != nil && (msg.Result != nil || msg.Error != nil):
		c.mu.Lock()
		ch := c.pending[idKey(msg.ID)]
		c.mu.Unlock()
		if ch != nil {
			ch <- &msg
		} else {
			c.logf("response to no request of ours: id %s", msg.ID)
		}
		return nil
	case msg.Method == nil || *msg.Method == "":
		c.writeError(id, jsonrpc2.InvalidRequest, "invalid request: no method")
		return nil
	}

	req := &Request{ID: msg.ID, Method: *msg.Method, Params: msg.Params}
	if req.Method == "$/cancelRequest" {
		c.cancel(req.Params)
		return nil
	}
	if !req.IsCall() {
		return func() { h(ctx, req, func(any, error) error { return nil }) }
	}
	key := idKey(req.ID)
	rctx, cancel := context.WithCancel(ctx)
	c.mu.Lock()
	c.inflight[key] = cancel
	c.mu.Unlock()
	var once sync.Once
	reply := func(result any, err error) error {
		var werr error
		once.Do(func() {
			c.mu.Lock()
			delete(c.inflight, key)
			c.mu.Unlock()
			cancel()
			werr = c.writeResponse(req.ID, result, err)
		})
		return werr
	}
	return func() { h(rctx, req, reply) }
}

func (c *Conn) cancel(params json.RawMessage) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil || !validID(p.ID) {
		c.logf("$/cancelRequest: invalid params %s", clip(params))
		return
	}
	c.mu.Lock()
	cancel := c.inflight[idKey(p.ID)]
	c.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// validID reports whether raw is an id JSON-RPC allows: a string, a number
// or null.
func validID(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch c := raw[0]; {
	case c == '"', c == '-', isDigit(c):
		return true
	case c == 'n':
		return string(raw) == "null"
	}
	return false
}

// idKey identifies an id whatever its spelling: 1, 1.0 and 1e0 are the same
// number, "1" is another id.
func idKey(raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return strconv.Quote(v)
	}
	return "null"
}

func (c *Conn) writeResponse(id json.RawMessage, result any, err error) error {
	if err != nil {
		code, msg := errorCode(err)
		return c.writeError(id, code, msg)
	}
	res, merr := json.Marshal(result)
	if merr != nil {
		c.logf("marshaling the result: %v", merr)
		return c.writeError(id, jsonrpc2.InternalError, "internal error: marshaling the result: "+merr.Error())
	}
	return c.write(&envelope{JSONRPC: "2.0", ID: id, Result: res})
}

// errorCode returns the JSON-RPC error code and message of err.
func errorCode(err error) (jsonrpc2.Code, string) {
	var wire *jsonrpc2.Error
	if errors.As(err, &wire) {
		return wire.Code, err.Error()
	}
	return jsonrpc2.InternalError, err.Error()
}

func (c *Conn) writeError(id json.RawMessage, code jsonrpc2.Code, msg string) error {
	return c.write(&envelope{JSONRPC: "2.0", ID: id, Error: &wireError{Code: int64(code), Message: msg}})
}

func (c *Conn) write(msg *envelope) error {
	data, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("marshaling a message: %w", err)
	}
	// One write per frame: a pipe must not interleave two messages.
	frame := fmt.Appendf(make([]byte, 0, len(data)+32), "Content-Length: %d\r\n\r\n%s", len(data), data)
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if _, err := c.rwc.Write(frame); err != nil {
		return fmt.Errorf("write to stream: %w", err)
	}
	return nil
}

// Notify implements jsonrpc2.Conn.
func (c *Conn) Notify(ctx context.Context, method string, params any) error {
	p, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("marshaling %s params: %w", method, err)
	}
	return c.write(&envelope{JSONRPC: "2.0", Method: &method, Params: p})
}

// Call implements jsonrpc2.Conn.
func (c *Conn) Call(ctx context.Context, method string, params, result any) (jsonrpc2.ID, error) {
	n := c.seq.Add(1)
	id := jsonrpc2.NewNumberID(n)
	p, err := json.Marshal(params)
	if err != nil {
		return id, fmt.Errorf("marshaling %s params: %w", method, err)
	}
	raw := json.RawMessage(strconv.Itoa(int(n)))
	key := idKey(raw)
	ch := make(chan *envelope, 1)
	c.mu.Lock()
	c.pending[key] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.pending, key)
		c.mu.Unlock()
	}()
	if err := c.write(&envelope{JSONRPC: "2.0", ID: raw, Method: &method, Params: p}); err != nil {
		return id, err
	}
	select {
	case resp := <-ch:
		if resp.Error != nil {
			return id, &jsonrpc2.Error{Code: jsonrpc2.Code(resp.Error.Code), Message: resp.Error.Message}
		}
		if result != nil && len(resp.Result) > 0 {
			if err := json.Unmarshal(resp.Result, result); err != nil {
				return id, fmt.Errorf("unmarshaling the result of %s: %w", method, err)
			}
		}
		return id, nil
	case <-ctx.Done():
		return id, ctx.Err()
	case <-c.done:
		return id, fmt.Errorf("%s: the connection ended", method)
	}
}

// Go implements jsonrpc2.Conn with a handler of the jsonrpc2 package.
func (c *Conn) Go(ctx context.Context, h jsonrpc2.Handler) {
	c.Run(ctx, func(ctx context.Context, req *Request, reply Replier) {
		if err := h(ctx, reply.Legacy(), req.Legacy()); err != nil {
			c.logf("handling %s: %v", req.Method, err)
		}
	})
}

// Close implements jsonrpc2.Conn.
func (c *Conn) Close() error { return c.rwc.Close() }

// Done implements jsonrpc2.Conn: it is closed when reading ends.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Err implements jsonrpc2.Conn: why reading ended.
func (c *Conn) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}

// Legacy returns the request as a jsonrpc2.Request, for the protocol
// library's dispatcher. Its id is only a stand-in: replies go through the
// Replier, which has the id as sent.
func (r *Request) Legacy() jsonrpc2.Request {
	params := r.Params
	if len(bytes.TrimSpace(params)) == 0 {
		params = null // the library's dispatcher wants params, even null
	}
	if !r.IsCall() {
		n, _ := jsonrpc2.NewNotification(r.Method, params) // cannot fail: params is raw JSON
		return n
	}
	var id jsonrpc2.ID
	var s string
	if json.Unmarshal(r.ID, &s) == nil && s != "" {
		id = jsonrpc2.NewStringID(s)
	}
	call, _ := jsonrpc2.NewCall(id, r.Method, params)
	return call
}

// Legacy returns the replier as a jsonrpc2.Replier.
func (rep Replier) Legacy() jsonrpc2.Replier {
	return func(_ context.Context, result any, err error) error { return rep(result, err) }
}
