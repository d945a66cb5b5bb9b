// Package lib returns a struct whose embedded pointer field holds a
// possibly reclaimed referent, with a method that says the field is live:
// its CheckFact carries the field check to importers.
package lib

import (
	"sync"
	"weak"
)

type AuditLog struct {
	mu    sync.Mutex
	lines int
}

func (a *AuditLog) Flush() { a.mu.Lock(); defer a.mu.Unlock(); a.lines = 0 }

type Host struct{ audit weak.Pointer[AuditLog] }

type ScopedAudit struct {
	*AuditLog
	Scope string
}

func (h *Host) Scoped(scope string) ScopedAudit { // want Scoped:"maybeNil\\(0.0\\)"
	return ScopedAudit{AuditLog: h.audit.Value(), Scope: scope}
}

// Live reports whether the wrapped log still exists.
func (s ScopedAudit) Live() bool { return s.AuditLog != nil } // want Live:"checks\\( iftrue=0.0 \\)"

// Gone reports whether it was collected.
func (s ScopedAudit) Gone() bool { return s.AuditLog == nil } // want Gone:"checks\\( iffalse=0.0 \\)"

// Named says nothing of the log.
func (s ScopedAudit) Named() bool { return s.Scope != "" }
