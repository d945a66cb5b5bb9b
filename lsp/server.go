// Package lsp is weaklint's language server: it pushes the diagnostics of
// weaklint's analyzers for the Go files open in an editor, computed on their
// unsaved contents, and offers their suggested fixes as quick fixes.
//
// The protocol layer (this package) keeps the editor's documents and
// settings and schedules work; package cache owns everything about Go code.
// The server knows nothing about particular analyzers: it runs the ones it
// is given.
package lsp

import (
	"context"
	"fmt"
	"io"
	"log"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/lsp/cache"
	"github.com/weaklint/weaklint/lsp/internal/jsonrpc"
)

// Options configure a server.
type Options struct {
	Analyzers []*analysis.Analyzer // the suite: every analyzer the settings can turn on or off
	Log       io.Writer            // where the server logs (never the protocol stream); nil discards
	Version   string               // reported in serverInfo
	Debounce  time.Duration        // default delay between an edit and its analysis; 0 means 150ms
}

// defaultDebounce is short enough to feel immediate and long enough not to
// analyze between the keystrokes of a word.
const defaultDebounce = 150 * time.Millisecond

// Server implements protocol.Server.
type Server struct {
	opts    Options
	logger  *log.Logger
	client  protocol.Client
	session *cache.Session
	diags   *diagnoser

	mu           sync.Mutex
	state        serverState
	docs         map[protocol.DocumentURI]*document
	settings     settings
	folders      []protocol.WorkspaceFolder
	canWatch     bool     // the client can register file watchers
	initProblems []string // settings of initializationOptions not understood
	exitCode     int
	exited       chan struct{} // closed by the exit notification
	closeExited  sync.Once

	readOnlyOnce sync.Once
	readOnlyDirs []string // GOROOT and GOMODCACHE
}

type serverState int

const (
	stateNew serverState = iota
	stateInitialized
	stateShutdown
)

// Serve runs a server on the stream until the client sends exit or closes
// the stream, and returns the process exit status the protocol asks for:
// 0 after shutdown then exit, 1 otherwise.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	return serve(ctx, rwc, opts, nil)
}

// serve is Serve, with a hook that lets tests see the server.
func serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options, started func(*Server)) int {
	s := newServer(opts)
	if started != nil {
		started(s)
	}
	conn := jsonrpc.NewConn(rwc, s.logf)
	// The protocol library's client, through the connection, sends the
	// server's notifications and requests to the editor. Its logger must
	// not be nil; anything logged goes to the server's log, never to the
	// stream (stdout is the wire).
	s.client = protocol.ClientDispatcher(conn, zap.NewNop())
	ctx, cancel := context.WithCancel(protocol.WithLogger(ctx, zap.NewNop()))
	defer cancel() // ends the analysis goroutine
	conn.Run(ctx, s.handler())
	go s.diags.run(ctx)

	select {
	case <-s.exited:
	case <-conn.Done():
		if err := conn.Err(); err != nil {
			s.logger.Printf("connection closed: %v", err)
		}
	case <-ctx.Done():
	}
	s.diags.stop()
	conn.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitCode
}

func newServer(opts Options) *Server {
	if opts.Debounce <= 0 {
		opts.Debounce = defaultDebounce
	}
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	s := &Server{
		opts:     opts,
		logger:   log.New(w, "weaklsp: ", log.LstdFlags|log.Lmicroseconds),
		docs:     make(map[protocol.DocumentURI]*document),
		settings: defaultSettings(opts.Debounce),
		exited:   make(chan struct{}),
		exitCode: 1,
	}
	s.session = cache.NewSession(s.logger.Printf)
	s.diags = newDiagnoser(s)
	return s
}

// enabledAnalyzers returns the analyzers the settings leave on.
func (s *Server) enabledAnalyzers() []*analysis.Analyzer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings.enabled(s.opts.Analyzers)
}

func (s *Server) logf(format string, args ...any) { s.logger.Printf(format, args...) }

// showMessage tells the user something the log would hide (a setting that
// means nothing, for instance), and logs it.
func (s *Server) showMessage(ctx context.Context, typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logf("%s", msg)
	if err := s.client.ShowMessage(ctx, &protocol.ShowMessageParams{Type: typ, Message: "weaklsp: " + msg}); err != nil {
		s.logf("window/showMessage: %v", err)
	}
}

// logMessage writes to the editor's log of the server (window/logMessage),
// and to the server's own log.
func (s *Server) logMessage(ctx context.Context, typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logf("%s", msg)
	if err := s.client.LogMessage(context.WithoutCancel(ctx), &protocol.LogMessageParams{Type: typ, Message: "weaklsp: " + msg}); err != nil {
		s.logf("window/logMessage: %v", err)
	}
}
