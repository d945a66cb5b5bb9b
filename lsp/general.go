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
	//lint:ignore SA1019 clients without workspace folders (Neovim 0.7's start_client) send only rootUri
	if len(s.folders) == 0 && params.RootURI != "" {
		//lint:ignore SA1019 as above
		s.folders = []protocol.WorkspaceFolder{{URI: string(params.RootURI), Name: string(params.RootURI)}}
	}
	s.mu.Unlock()
	for _, p := range problems {
		s.logf("initializationOptions: %s", p)
	}
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

// Initialized implements protocol.Server.
func (s *Server) Initialized(ctx context.Context, params *protocol.InitializedParams) error {
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
