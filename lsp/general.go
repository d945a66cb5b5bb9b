package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"
)

// Initialize implements protocol.Server.
func (s *Server) Initialize(ctx context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	st, problems := defaultSettings(s.opts.Debounce).update(params.InitializationOptions, s.opts.Analyzers)
	s.mu.Lock()
	s.state = stateInitialized
	s.settings = st
	s.folders = params.WorkspaceFolders
	if ws := params.Capabilities.Workspace; ws != nil && ws.DidChangeWatchedFiles != nil {
		s.canWatch = ws.DidChangeWatchedFiles.DynamicRegistration
	}
	//lint:ignore SA1019 clients without workspace folders (Neovim 0.7's start_client) send only rootUri
	if len(s.folders) == 0 && params.RootURI != "" {
		//lint:ignore SA1019 as above
		s.folders = []protocol.WorkspaceFolder{{URI: string(params.RootURI), Name: string(params.RootURI)}}
	}
	s.mu.Unlock()
	s.mu.Lock()
	s.initProblems = problems // shown once initialized: see Initialized
	s.mu.Unlock()
	if data, err := json.Marshal(params.ClientInfo); err == nil && params.ClientInfo != nil {
		s.logf("client %s", data)
	}
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true,
				// Whole documents: simplest for every client, and a Go file
				// is small next to the work of analyzing it.
				Change: protocol.TextDocumentSyncKindFull,
				Save:   &protocol.SaveOptions{},
			},
			CodeActionProvider: &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix}},
			Workspace: &protocol.ServerCapabilitiesWorkspace{
				WorkspaceFolders: &protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
			},
		},
		ServerInfo: &protocol.ServerInfo{Name: "weaklsp", Version: s.opts.Version},
	}, nil
}

// watchedFiles are the files whose changes on disk matter to analysis.
var watchedFiles = []string{"**/*.go", "**/go.mod", "**/go.sum", "**/go.work"}

// Initialized implements protocol.Server: if the client can, it is asked to
// report changes to Go and module files on disk (git checkout, code
// generators, other editors), which clients only do when a server
// registers for them. The server also compares sizes and modification
// times of the loaded files at every analysis (cache.Session), for clients
// that cannot watch (Neovim 0.7) and events that never come.
func (s *Server) Initialized(ctx context.Context, params *protocol.InitializedParams) error {
	s.mu.Lock()
	canWatch, problems := s.canWatch, s.initProblems
	s.initProblems = nil
	s.mu.Unlock()
	for _, p := range problems {
		s.showMessage(ctx, protocol.MessageTypeWarning, "initializationOptions: %s", p)
	}
	if !canWatch {
		s.logf("the client cannot watch files: changes on disk are found by comparing sizes and modification times")
		return nil
	}
	var watchers []protocol.FileSystemWatcher
	for _, glob := range watchedFiles {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: glob, Kind: protocol.WatchKindCreate + protocol.WatchKindChange + protocol.WatchKindDelete})
	}
	reg := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:              "weaklsp-watch-files",
		Method:          protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
	}}}
	// Not on the handling goroutine: the answer comes as a later message.
	go func() {
		if err := s.client.RegisterCapability(context.WithoutCancel(ctx), reg); err != nil {
			s.logf("client/registerCapability for watched files: %v", err)
			return
		}
		s.logf("watching %v", watchedFiles)
	}()
	return nil
}

// Shutdown implements protocol.Server: analysis stops; only exit is
// accepted afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.logf("shutdown")
	s.mu.Lock()
	s.state = stateShutdown
	s.exitCode = 0
	s.mu.Unlock()
	s.diags.stop()
	return nil
}

// Exit implements protocol.Server: Serve returns, with status 0 if
// shutdown came first.
func (s *Server) Exit(ctx context.Context) error {
	s.logf("exit")
	s.closeExited.Do(func() { close(s.exited) })
	return nil
}
