package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"
)

// testTimeout bounds every wait of the tests: the first load of a module
// type-checks its dependencies from source, which takes seconds under -race.
const testTimeout = 2 * time.Minute

// message is any JSON-RPC message, as the client reads it.
type message struct {
	ID     json.RawMessage `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// client is an editor driving a server in-process over a pipe, speaking
// raw JSON-RPC so that tests can also send what no well-behaved client would.
type client struct {
	t      testing.TB
	conn   net.Conn
	nextID int
	exit   chan int // the server's exit status
	server *Server  // set before the server reads its first message

	mu       sync.Mutex
	received []message
	arrived  chan struct{} // closed and replaced when a message arrives
	consumed map[int]bool  // indexes of the notifications waits have returned or passed
	eof      bool
	log      strings.Builder
}

// startServer runs a server with the given analyzers and returns its client.
func startServer(t testing.TB, analyzers ...*analysis.Analyzer) *client {
	t.Helper()
	serverEnd, clientEnd := net.Pipe()
	c := &client{t: t, conn: clientEnd, exit: make(chan int, 1), arrived: make(chan struct{}), consumed: make(map[int]bool)}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		c.exit <- serve(ctx, serverEnd, Options{Analyzers: analyzers, Log: logWriter{c}}, func(s *Server) { c.server = s })
	}()
	go c.readLoop()
	t.Cleanup(func() {
		cancel()
		clientEnd.Close()
		if t.Failed() {
			c.mu.Lock()
			t.Logf("server log:\n%s", c.log.String())
			c.mu.Unlock()
		}
	})
	return c
}

type logWriter struct{ c *client }

func (w logWriter) Write(p []byte) (int, error) {
	w.c.mu.Lock()
	defer w.c.mu.Unlock()
	w.c.log.Write(p)
	return len(p), nil
}

func (c *client) serverLog() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.log.String()
}

func (c *client) readLoop() {
	in := bufio.NewReader(c.conn)
	for {
		length := 0
		for {
			line, err := in.ReadString('\n')
			if err != nil {
				c.mu.Lock()
				c.eof = true
				close(c.arrived)
				c.arrived = make(chan struct{})
				c.mu.Unlock()
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		data := make([]byte, length)
		if _, err := io.ReadFull(in, data); err != nil {
			continue
		}
		var msg message
		if err := json.Unmarshal(data, &msg); err != nil {
			panic(fmt.Sprintf("server sent invalid JSON %q: %v", data, err))
		}
		c.mu.Lock()
		c.received = append(c.received, msg)
		close(c.arrived)
		c.arrived = make(chan struct{})
		c.mu.Unlock()
	}
}

// writeRaw sends bytes as they are.
func (c *client) writeRaw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.conn, s); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

func (c *client) send(msg map[string]any) {
	c.t.Helper()
	msg["jsonrpc"] = "2.0"
	data, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.writeRaw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(data), data))
}

// call sends a request and returns its id.
func (c *client) call(method string, params any) json.RawMessage {
	c.t.Helper()
	c.nextID++
	c.send(map[string]any{"id": c.nextID, "method": method, "params": params})
	return json.RawMessage(strconv.Itoa(c.nextID))
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// await returns the first unconsumed message that satisfies match, waiting
// for it, and consumes it and the earlier messages that satisfy passed
// (which may be nil): a wait for the diagnostics of version 3 of a file
// passes those of its earlier versions, not those of other files.
func (c *client) await(what string, match, passed func(message) bool) message {
	c.t.Helper()
	deadline := time.After(testTimeout)
	for {
		c.mu.Lock()
		for i, msg := range c.received {
			if c.consumed[i] || !match(msg) {
				continue
			}
			c.consumed[i] = true
			for j := range i {
				if passed != nil && passed(c.received[j]) {
					c.consumed[j] = true
				}
			}
			c.mu.Unlock()
			return msg
		}
		arrived, eof := c.arrived, c.eof
		c.mu.Unlock()
		if eof {
			c.t.Fatalf("the server closed the connection while the test waited for %s", what)
		}
		select {
		case <-arrived:
		case <-deadline:
			c.t.Fatalf("no %s after %v", what, testTimeout)
		}
	}
}

// response waits for the response to the request with the given id.
func (c *client) response(id json.RawMessage) message {
	c.t.Helper()
	return c.await("response to request "+string(id), func(m message) bool {
		return m.Method == "" && string(m.ID) == string(id)
	}, nil)
}

// result waits for a successful response and decodes its result.
func (c *client) result(id json.RawMessage, v any) {
	c.t.Helper()
	m := c.response(id)
	if m.Error != nil {
		c.t.Fatalf("request %s failed: %d %s", id, m.Error.Code, m.Error.Message)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		c.t.Fatalf("decoding result %s: %v", m.Result, err)
	}
}

// diagnostics waits for the next publication for uri that satisfies ok.
func (c *client) diagnostics(u protocol.DocumentURI, what string, ok func(*protocol.PublishDiagnosticsParams) bool) *protocol.PublishDiagnosticsParams {
	c.t.Helper()
	decode := func(m message) *protocol.PublishDiagnosticsParams {
		var params protocol.PublishDiagnosticsParams
		if m.Method != protocol.MethodTextDocumentPublishDiagnostics || json.Unmarshal(m.Params, &params) != nil || params.URI != u {
			return nil
		}
		return &params
	}
	m := c.await(what+" for "+string(u), func(m message) bool {
		p := decode(m)
		return p != nil && ok(p)
	}, func(m message) bool { return decode(m) != nil })
	return decode(m)
}

func (c *client) initialize(options any) {
	c.t.Helper()
	var res protocol.InitializeResult
	c.result(c.call("initialize", map[string]any{
		"processId":             nil,
		"rootUri":               nil,
		"capabilities":          map[string]any{},
		"initializationOptions": options,
	}), &res)
	c.notify("initialized", map[string]any{})
}

func (c *client) open(name, text string) protocol.DocumentURI {
	c.t.Helper()
	u := uri.File(name)
	c.notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": u, "languageId": "go", "version": 1, "text": text},
	})
	return u
}

func (c *client) change(u protocol.DocumentURI, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": u, "version": version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// shutdown ends the session properly and checks the exit status.
func (c *client) shutdown() {
	c.t.Helper()
	if m := c.response(c.call("shutdown", nil)); m.Error != nil {
		c.t.Fatalf("shutdown: %s", m.Error.Message)
	}
	c.notify("exit", nil)
	c.expectExit(0)
}

func (c *client) expectExit(want int) {
	c.t.Helper()
	select {
	case code := <-c.exit:
		if code != want {
			c.t.Errorf("exit status %d, want %d", code, want)
		}
	case <-time.After(testTimeout):
		c.t.Fatalf("the server did not exit")
	}
}

func fixtureDir(t testing.TB, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "lsp", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
