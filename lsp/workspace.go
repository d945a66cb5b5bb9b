package lsp

import (
	"context"
	"maps"
	"slices"

	"go.lsp.dev/protocol"
)

// DidChangeConfiguration implements protocol.Server: the new settings apply
// at once, and the open files are analyzed again if they change the
// analyzers.
func (s *Server) DidChangeConfiguration(ctx context.Context, params *protocol.DidChangeConfigurationParams) error {
	s.mu.Lock()
	before, beforeFlags := s.settings.enabled(s.opts.Analyzers), s.settings.flags
	st, problems := s.settings.update(params.Settings, s.opts.Analyzers)
	s.settings = st
	after := st.enabled(s.opts.Analyzers)
	s.mu.Unlock()
	for _, p := range problems {
		s.showMessage(ctx, protocol.MessageTypeWarning, "settings: %s", p)
	}
	if !slices.Equal(before, after) || !maps.Equal(beforeFlags, st.flags) {
		s.diags.scheduleReload(0)
	}
	return nil
}

// DidChangeWorkspaceFolders implements protocol.Server. Each file is
// analyzed in the module of the nearest go.mod above it, whatever the
// folders; they are kept for the log.
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	s.mu.Lock()
	for _, removed := range params.Event.Removed {
		s.folders = slices.DeleteFunc(s.folders, func(f protocol.WorkspaceFolder) bool { return f.URI == removed.URI })
	}
	s.folders = append(s.folders, params.Event.Added...)
	s.logf("workspace folders: %v", s.folders)
	s.mu.Unlock()
	return nil
}

// DidChangeWatchedFiles implements protocol.Server: files changed on disk
// by other programs (git checkout, code generators) make the modules they
// belong to load again.
func (s *Server) DidChangeWatchedFiles(ctx context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	for _, change := range params.Changes {
		if change == nil {
			continue
		}
		path, err := filePath(change.URI)
		if err != nil {
			s.logf("workspace/didChangeWatchedFiles: %s: ignored: %v", change.URI, err)
			continue
		}
		s.session.Invalidate(path)
	}
	s.mu.Lock()
	debounce := s.settings.debounce
	s.mu.Unlock()
	s.diags.scheduleReload(debounce)
	return nil
}
