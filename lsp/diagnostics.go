package lsp

import (
	"context"
	"path"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/weaklint/weaklint/lsp/cache"
)

// diagnoser schedules analyses and publishes their results.
//
// Edits arrive faster than analyses finish. An edit made while the server
// is idle (no analysis running or waiting) is analyzed at once, as gopls
// does: an edited package is re-checked in tens of milliseconds, and a
// delay would only add to the time until the editor shows the result. An
// edit made while an analysis runs or waits cancels it (little is lost)
// and schedules a new one after the debounce delay, so that a burst of
// keystrokes costs one analysis, not one each. Results
// are published for a file only if the file is still open at the version
// analyzed: work on an outdated version is dropped, never shown over newer
// results.
type diagnoser struct {
	s    *Server
	wake chan struct{} // a pass is due

	mu         sync.Mutex
	timer      *time.Timer
	cancel     context.CancelFunc // of the pass in progress, if any
	cancelLoad context.CancelFunc // of its loads
	// loadCancels counts the passes in a row whose load was cancelled: a
	// program that keeps changing files (a generator in watch mode) must
	// not keep a long load from ever finishing.
	loadCancels int
	stopped     bool
	due         bool // a pass is scheduled and has not started
	running     bool // a pass is running
	published   map[protocol.DocumentURI]*fileResult
	changed     chan struct{} // closed and replaced whenever published changes

	publishMu sync.Mutex // orders a publication after its version check, against didClose
}

// fileResult is what was last published for a file.
type fileResult struct {
	version     int32
	diagnostics []cache.Diagnostic
	notes       []string
}

func newDiagnoser(s *Server) *diagnoser {
	return &diagnoser{
		s:         s,
		wake:      make(chan struct{}, 1),
		published: make(map[protocol.DocumentURI]*fileResult),
		changed:   make(chan struct{}),
	}
}

// schedule asks for a pass after delay, cancelling the pass in progress,
// except a load of packages it may be doing: an edit of an open file does
// not make a load useless (the edited package is re-checked right after),
// and a load cancelled at every keystroke would never end.
func (d *diagnoser) schedule(delay time.Duration) {
	d.reschedule(delay, false)
}

// scheduleEdit is schedule for an edit of an open file: at once if the
// server is idle, else after delay (see diagnoser).
func (d *diagnoser) scheduleEdit(delay time.Duration) {
	d.mu.Lock()
	if !d.due && !d.running {
		delay = 0
	}
	d.mu.Unlock()
	d.reschedule(delay, false)
}

// maxLoadCancels is how many passes in a row may have their load cancelled.
const maxLoadCancels = 3

// scheduleReload is schedule for changes that make a load in progress
// useless (files opened or closed, other settings, files changed on disk):
// the load is cancelled too.
func (d *diagnoser) scheduleReload(delay time.Duration) {
	d.reschedule(delay, true)
}

func (d *diagnoser) reschedule(delay time.Duration, cancelLoad bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	if d.cancel != nil {
		d.cancel()
	}
	if cancelLoad && d.cancelLoad != nil && d.loadCancels < maxLoadCancels {
		d.cancelLoad()
		d.loadCancels++
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.due = true
	wake := func() {
		select {
		case d.wake <- struct{}{}:
		default: // a pass is due already
		}
	}
	if delay <= 0 {
		d.timer = nil
		wake() // no timer goroutine between an edit and its analysis
		return
	}
	d.timer = time.AfterFunc(delay, wake)
}

func (d *diagnoser) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopped = true
	if d.timer != nil {
		d.timer.Stop()
	}
	if d.cancel != nil {
		d.cancel()
	}
	if d.cancelLoad != nil {
		d.cancelLoad()
	}
}

// run performs the passes, one at a time, until ctx is done.
func (d *diagnoser) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.wake:
		}
		d.mu.Lock()
		if d.stopped {
			d.mu.Unlock()
			return
		}
		pass, cancel := context.WithCancel(ctx)
		load, cancelLoad := context.WithCancel(ctx)
		d.cancel, d.cancelLoad = cancel, cancelLoad
		d.due, d.running = false, true
		d.mu.Unlock()

		d.pass(pass, load)
		d.mu.Lock()
		if load.Err() == nil {
			d.loadCancels = 0
		}
		d.running = false
		d.mu.Unlock()
		cancel()
		cancelLoad()
	}
}

// pass analyzes every open file and publishes what is still current.
func (d *diagnoser) pass(ctx, loadCtx context.Context) {
	defer func() {
		if r := recover(); r != nil {
			d.s.logf("panic while diagnosing: %v\n%s", r, debug.Stack())
		}
	}()
	snap := cache.Snapshot{Overlays: make(map[string]cache.Overlay), Analyzers: d.s.enabledAnalyzers(), LoadContext: loadCtx}
	uris := make(map[string]protocol.DocumentURI)
	d.s.mu.Lock()
	config, problems := d.s.settings.applyFlags(d.s.opts.Analyzers)
	snap.Config = config
	for _, p := range problems {
		d.s.logf("settings: %s", p)
	}
	for uri, doc := range d.s.docs {
		snap.Overlays[doc.path] = cache.Overlay{Content: doc.content, Version: doc.version}
		uris[doc.path] = uri
	}
	d.s.mu.Unlock()
	if len(snap.Overlays) == 0 {
		return
	}
	start := time.Now()
	results := d.s.session.Diagnose(ctx, snap)
	// The analysis is over: an edit made from now on, even by a client
	// answering the publication below, finds the server idle.
	d.mu.Lock()
	d.running = false
	d.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	d.s.logf("diagnosed %d files in %v", len(results), time.Since(start).Round(time.Millisecond))
	for path, res := range results {
		d.publish(ctx, uris[path], res)
	}
}

// publish sends the diagnostics of one file if the file is still open at
// the version they were computed for and they differ from what the editor
// shows.
func (d *diagnoser) publish(ctx context.Context, uri protocol.DocumentURI, res cache.FileDiagnostics) {
	d.publishMu.Lock()
	defer d.publishMu.Unlock()
	d.s.mu.Lock()
	doc, open := d.s.docs[uri]
	current := open && doc.version == res.Version
	d.s.mu.Unlock()
	if !current {
		return
	}
	d.mu.Lock()
	prev := d.published[uri]
	same := prev != nil && prev.version == res.Version && slices.EqualFunc(prev.diagnostics, res.Diagnostics, sameDiagnostic)
	newNotes := prev == nil && len(res.Notes) > 0 || prev != nil && !slices.Equal(prev.notes, res.Notes)
	d.published[uri] = &fileResult{version: res.Version, diagnostics: res.Diagnostics, notes: res.Notes}
	close(d.changed)
	d.changed = make(chan struct{})
	d.mu.Unlock()
	if newNotes {
		// Why a file is not fully analyzed goes to the editor's log of the
		// server (window/logMessage), once per change: a diagnostic would
		// repeat the compiler's error that gopls already shows.
		for _, note := range res.Notes {
			d.s.logMessage(ctx, protocol.MessageTypeInfo, "%s: %s", path.Base(string(uri)), note)
		}
	}
	if same {
		return
	}
	params := &protocol.PublishDiagnosticsParams{
		URI:         uri,
		Version:     uint32(max(res.Version, 0)),
		Diagnostics: make([]protocol.Diagnostic, 0, len(res.Diagnostics)), // empty, not null: that clears
	}
	for _, diag := range res.Diagnostics {
		params.Diagnostics = append(params.Diagnostics, toProtocolDiagnostic(diag))
	}
	if err := d.s.client.PublishDiagnostics(context.WithoutCancel(ctx), params); err != nil {
		d.s.logf("publishing diagnostics: %v", err)
	}
}

// clear publishes no diagnostics for a file that was closed.
func (d *diagnoser) clear(ctx context.Context, uri protocol.DocumentURI) {
	d.publishMu.Lock()
	defer d.publishMu.Unlock()
	d.mu.Lock()
	delete(d.published, uri)
	close(d.changed)
	d.changed = make(chan struct{})
	d.mu.Unlock()
	params := &protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: []protocol.Diagnostic{}}
	if err := d.s.client.PublishDiagnostics(context.WithoutCancel(ctx), params); err != nil {
		d.s.logf("clearing diagnostics: %v", err)
	}
}

// result returns what was last published for uri, and a channel closed when
// that changes.
func (d *diagnoser) result(uri protocol.DocumentURI) (*fileResult, <-chan struct{}) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.published[uri], d.changed
}

func sameDiagnostic(a, b cache.Diagnostic) bool {
	return a.Range == b.Range && a.Analyzer == b.Analyzer && a.Message == b.Message && a.URL == b.URL
}

// source names weaklint in every diagnostic, so that editors running
// several servers (gopls too) can tell whose finding it is.
const source = "weaklint"

func toProtocolDiagnostic(d cache.Diagnostic) protocol.Diagnostic {
	pd := protocol.Diagnostic{
		Range:    toProtocolRange(d.Range),
		Severity: protocol.DiagnosticSeverityWarning,
		Code:     d.Analyzer,
		Source:   source,
		Message:  d.Message,
	}
	if d.URL != "" {
		pd.CodeDescription = &protocol.CodeDescription{Href: protocol.URI(d.URL)}
	}
	return pd
}
