package lsp

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/lsp/textpos"
)

// document is an open file as the editor has it.
type document struct {
	path    string
	version int32
	content []byte
}

// DidOpen implements protocol.Server.
func (s *Server) DidOpen(ctx context.Context, params *protocol.DidOpenTextDocumentParams) error {
	item := params.TextDocument
	path, err := goFilePath(item.URI)
	if err != nil {
		// Editors attach servers to other buffers too (go.mod, scratch
		// buffers, remote files): never put them in the overlay.
		s.logf("%s: not analyzed: %v", item.URI, err)
		return nil
	}
	if dir := s.readOnlyDir(path); dir != "" {
		// Go to definition opens the standard library and the module
		// cache: findings there are not the user's to fix.
		s.logf("%s: not analyzed: under %s", path, dir)
		return nil
	}
	s.mu.Lock()
	s.docs[item.URI] = &document{path: path, version: item.Version, content: []byte(item.Text)}
	s.mu.Unlock()
	s.diags.scheduleReload(0)
	return nil
}

// didChangeParams is protocol.DidChangeTextDocumentParams with a range that
// can be absent: a change without a range replaces the whole document.
type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []struct {
		Range *protocol.Range `json:"range,omitempty"`
		Text  string          `json:"text"`
	} `json:"contentChanges"`
}

func (s *Server) didChange(ctx context.Context, params *didChangeParams) {
	uri := params.TextDocument.URI
	s.mu.Lock()
	doc, ok := s.docs[uri]
	if !ok {
		s.mu.Unlock()
		return // not open, or not a Go file
	}
	content := doc.content
	for _, change := range params.ContentChanges {
		if change.Range == nil {
			content = []byte(change.Text)
			continue
		}
		m := textpos.NewMapper(content)
		start := m.Offset(textpos.Position{Line: change.Range.Start.Line, Character: change.Range.Start.Character})
		end := max(start, m.Offset(textpos.Position{Line: change.Range.End.Line, Character: change.Range.End.Character}))
		next := make([]byte, 0, len(content)-(end-start)+len(change.Text))
		next = append(append(append(next, content[:start]...), change.Text...), content[end:]...)
		content = next
	}
	// Replace rather than modify: a running analysis may hold the old slice.
	s.docs[uri] = &document{path: doc.path, version: params.TextDocument.Version, content: content}
	onType := !s.settings.onSave
	debounce := s.settings.debounce
	s.mu.Unlock()
	if onType {
		s.diags.scheduleEdit(debounce)
	}
}

// DidChange implements protocol.Server. The wire handler decodes didChange
// itself (see handler); this method serves direct callers, whose changes
// all have a range: the library's type cannot leave it out.
func (s *Server) DidChange(ctx context.Context, params *protocol.DidChangeTextDocumentParams) error {
	p := &didChangeParams{TextDocument: params.TextDocument}
	for _, c := range params.ContentChanges {
		r := c.Range
		p.ContentChanges = append(p.ContentChanges, struct {
			Range *protocol.Range `json:"range,omitempty"`
			Text  string          `json:"text"`
		}{Range: &r, Text: c.Text})
	}
	s.didChange(ctx, p)
	return nil
}

// DidSave implements protocol.Server.
func (s *Server) DidSave(ctx context.Context, params *protocol.DidSaveTextDocumentParams) error {
	if path, err := filePath(params.TextDocument.URI); err == nil {
		s.session.Invalidate(path)
	}
	s.diags.schedule(0)
	return nil
}

// DidClose implements protocol.Server: the file's diagnostics are cleared,
// and the other files are analyzed again with the file's saved content.
func (s *Server) DidClose(ctx context.Context, params *protocol.DidCloseTextDocumentParams) error {
	uri := params.TextDocument.URI
	s.mu.Lock()
	_, ok := s.docs[uri]
	delete(s.docs, uri)
	debounce := s.settings.debounce
	s.mu.Unlock()
	if ok {
		s.diags.clear(ctx, uri)
		s.diags.scheduleReload(debounce)
	}
	return nil
}

// WillSave implements protocol.Server.
func (s *Server) WillSave(ctx context.Context, params *protocol.WillSaveTextDocumentParams) error {
	return nil
}

// WillSaveWaitUntil implements protocol.Server.
func (s *Server) WillSaveWaitUntil(ctx context.Context, params *protocol.WillSaveTextDocumentParams) ([]protocol.TextEdit, error) {
	return nil, nil
}

// readOnlyDir returns the directory of code the user does not edit (GOROOT,
// GOMODCACHE) that contains path, or "".
func (s *Server) readOnlyDir(path string) string {
	s.readOnlyOnce.Do(func() {
		out, err := exec.Command("go", "env", "GOROOT", "GOMODCACHE").Output()
		if err != nil {
			s.logf("go env: %v", err)
			return
		}
		for _, dir := range strings.Fields(string(out)) {
			if filepath.IsAbs(dir) {
				s.readOnlyDirs = append(s.readOnlyDirs, filepath.Clean(dir))
			}
		}
	})
	for _, dir := range s.readOnlyDirs {
		if strings.HasPrefix(path, dir+string(filepath.Separator)) {
			return dir
		}
	}
	return ""
}
