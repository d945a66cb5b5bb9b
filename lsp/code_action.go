package lsp

import (
	"context"
	"slices"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/weaklint/weaklint/lsp/cache"
	"github.com/weaklint/weaklint/lsp/textpos"
)

// codeActionWait bounds how long a code action request waits for the
// analysis of the document version it was made on.
const codeActionWait = 10 * time.Second

// CodeAction implements protocol.Server.
func (s *Server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	return s.codeActions(params)(ctx)
}

// codeActions notes the document's version now, in message order, and
// returns a function that waits for the diagnostics of that version and
// turns their suggested fixes into quick fixes for the requested range.
func (s *Server) codeActions(params *protocol.CodeActionParams) func(context.Context) ([]protocol.CodeAction, error) {
	uri := params.TextDocument.URI
	s.mu.Lock()
	doc, open := s.docs[uri]
	s.mu.Unlock()
	if !open || !wantsQuickFixes(params.Context.Only) {
		return func(context.Context) ([]protocol.CodeAction, error) { return []protocol.CodeAction{}, nil }
	}
	version := doc.version
	return func(ctx context.Context) ([]protocol.CodeAction, error) {
		timeout := time.NewTimer(codeActionWait)
		defer timeout.Stop()
		for {
			res, changed := s.diags.result(uri)
			if res != nil && res.version == version {
				return quickFixes(res.diagnostics, params.Range), nil
			}
			s.mu.Lock()
			doc, open := s.docs[uri]
			s.mu.Unlock()
			if !open || doc.version != version {
				return nil, protocol.ErrContentModified // the editor asks again for the new version
			}
			select {
			case <-changed:
			case <-ctx.Done():
				return nil, protocol.ErrRequestCancelled
			case <-timeout.C:
				return []protocol.CodeAction{}, nil
			}
		}
	}
}

func wantsQuickFixes(only []protocol.CodeActionKind) bool {
	return len(only) == 0 || slices.Contains(only, protocol.QuickFix)
}

// quickFixes returns one quick fix per suggested fix of each diagnostic
// that touches rng.
func quickFixes(diags []cache.Diagnostic, rng protocol.Range) []protocol.CodeAction {
	actions := []protocol.CodeAction{}
	for _, d := range diags {
		if !touches(toProtocolRange(d.Range), rng) {
			continue
		}
		for _, fix := range d.Fixes {
			edit := &protocol.WorkspaceEdit{Changes: make(map[protocol.DocumentURI][]protocol.TextEdit)}
			for file, edits := range fix.Edits {
				u := uri.File(file)
				for _, e := range edits {
					edit.Changes[u] = append(edit.Changes[u], protocol.TextEdit{Range: toProtocolRange(e.Range), NewText: e.NewText})
				}
			}
			title := fix.Message
			if title == "" {
				title = "Apply the fix suggested by " + d.Analyzer
			}
			actions = append(actions, protocol.CodeAction{
				Title:       title,
				Kind:        protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{toProtocolDiagnostic(d)},
				IsPreferred: len(d.Fixes) == 1,
				Edit:        edit,
			})
		}
	}
	return actions
}

// touches reports whether two ranges overlap or meet: a cursor at either
// end of a diagnostic asks for its fixes.
func touches(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(p, q protocol.Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

func toProtocolRange(r textpos.Range) protocol.Range {
	return protocol.Range{
		Start: protocol.Position{Line: r.Start.Line, Character: r.Start.Character},
		End:   protocol.Position{Line: r.End.Line, Character: r.End.Character},
	}
}
