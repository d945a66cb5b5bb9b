// Package cache owns the language server's state about Go code: one view
// per module, each holding the loaded packages, the facts analyzers
// exported about them, and the diagnostics of the packages the editor has
// open. It knows nothing of the protocol: positions it returns are
// textpos positions (UTF-16 columns), ready to be copied into LSP types.
package cache

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/lsp/textpos"
)

// Overlay is the editor's content of an open file.
type Overlay struct {
	Content []byte
	Version int32
}

// Snapshot is what to diagnose: the open files and the analyzers to run.
type Snapshot struct {
	Overlays  map[string]Overlay // by absolute file name
	Analyzers []*analysis.Analyzer
	Config    string // the analyzers' flags that differ from their defaults: results depend on them
	// LoadContext, if not nil, cancels loads of packages; without it they
	// run to completion even if Diagnose's context is cancelled.
	LoadContext context.Context
}

// FileDiagnostics are the diagnostics of one open file, computed on the
// overlay of the given version.
type FileDiagnostics struct {
	Version     int32
	Diagnostics []Diagnostic
	Notes       []string // why parts of the file were not analyzed, if some were not
}

// Diagnostic is one finding, located in the file it is published for.
type Diagnostic struct {
	Range    textpos.Range
	Analyzer string
	URL      string // documentation link
	Message  string
	Fixes    []Fix
}

// Fix is one suggested fix: edits by file name.
type Fix struct {
	Message string
	Edits   map[string][]Edit
}

// Edit replaces Range with NewText.
type Edit struct {
	Range   textpos.Range
	NewText string
}

// Stats counts the work done, for tests and the benchmark.
type Stats struct {
	Loads          atomic.Int64 // go/packages loads (dependencies type-checked)
	Rechecks       atomic.Int64 // single packages re-checked after an edit
	CancelledLoads atomic.Int64
	// Dependencies that loads type-checked without their function bodies
	// and did not analyze (the vet gate's rule, load.go), and those they
	// analyzed for their facts.
	Skipped, FactsAnalyzed atomic.Int64
	// Versions of open packages reused after an edit back to their
	// contents (memo.go).
	Reused atomic.Int64
	// Re-checked packages whose importers were not re-checked: the new
	// version has the same declarations and facts (shape.go).
	SameForImporters atomic.Int64
}

// Session holds the views of the modules and workspaces (go.work) the open
// files belong to.
type Session struct {
	Logf  func(format string, args ...any) // never nil after NewSession
	Stats Stats

	mu    sync.Mutex
	views map[string]*view // by module directory
}

// NewSession returns an empty session; logf receives what the server should
// log (it must not write to the protocol stream).
func NewSession(logf func(format string, args ...any)) *Session {
	return &Session{Logf: logf, views: make(map[string]*view)}
}

// Diagnose computes the diagnostics of every open file in snap. Work that
// can be repeated cheaply (re-checking an edited package) stops when ctx is
// cancelled; a load of packages stops only when snap.LoadContext is, so
// that typing faster than a load takes still makes progress.
// Files that cannot be analyzed (outside a module, broken go.mod, ...) get
// no diagnostics and the reason is logged.
func (s *Session) Diagnose(ctx context.Context, snap Snapshot) map[string]FileDiagnostics {
	byView := make(map[*view][]string)
	for name := range snap.Overlays {
		v := s.viewOf(name)
		byView[v] = append(byView[v], name)
	}
	s.dropViewsBut(byView)
	out := make(map[string]FileDiagnostics, len(snap.Overlays))
	for v, files := range byView {
		diags, err := v.diagnose(ctx, files, snap)
		if err != nil && ctx.Err() == nil {
			s.Logf("%s: %v", v.dir, err)
		}
		if ctx.Err() != nil {
			continue // the results would be outdated: another run follows
		}
		for _, name := range files {
			if fd, ok := diags[name]; ok {
				out[name] = fd
			} else {
				out[name] = FileDiagnostics{Version: snap.Overlays[name].Version}
			}
		}
	}
	return out
}

// Invalidate tells the session that a file changed on disk (saved, created,
// deleted, or changed by another program): a view whose dependencies or
// module files may be affected loads again at the next Diagnose.
func (s *Session) Invalidate(name string) {
	s.mu.Lock()
	views := make([]*view, 0, len(s.views))
	for _, v := range s.views {
		views = append(views, v)
	}
	s.mu.Unlock()
	for _, v := range views {
		v.invalidate(name)
	}
}

// viewOf returns the view of the file: see viewDir.
func (s *Session) viewOf(name string) *view {
	dir := viewDir(filepath.Dir(name))
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.views[dir]
	if !ok {
		v = newView(dir, s)
		s.views[dir] = v
	}
	return v
}

// dropViewsBut forgets the views not in keep: no file of theirs is open.
func (s *Session) dropViewsBut(keep map[*view][]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for dir, v := range s.views {
		if _, ok := keep[v]; !ok {
			delete(s.views, dir)
		}
	}
}

// viewDir returns the directory whose view analyzes the files of dir, as
// the go command would choose the main modules: the directory of the
// go.work file that applies (GOWORK, else the nearest go.work above dir),
// so that all modules of a workspace are loaded together and an unsaved
// edit in one reaches its importers in another; else the directory of the
// nearest go.mod above dir; else dir itself (go list then decides what it
// can do with the file). It is computed at every analysis: a go.work or
// go.mod created or deleted moves files to another view.
func viewDir(dir string) string {
	switch gowork := os.Getenv("GOWORK"); {
	case gowork == "off":
	case gowork != "" && filepath.IsAbs(gowork):
		return filepath.Dir(gowork)
	default:
		if d := findUp(dir, "go.work"); d != "" {
			return d
		}
	}
	if d := findUp(dir, "go.mod"); d != "" {
		return d
	}
	return dir
}

// findUp returns the nearest directory from dir up that holds a file of
// the given name, or "".
func findUp(dir, name string) string {
	for d := dir; ; {
		if fi, err := os.Stat(filepath.Join(d, name)); err == nil && !fi.IsDir() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
