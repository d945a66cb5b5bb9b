// Package embedded holds referents in the embedded pointer field of a
// struct result: its promoted methods dereference the field, and a bool
// method of the struct that says the field is non-nil guards it. (Adapted
// from adversarial round 10: i_sched plugin.ScopedAudit.)
package embedded

import (
	"sync"
	"weak"
)

type AuditLog struct {
	mu    sync.Mutex
	lines int
}

func (a *AuditLog) Lines() int { a.mu.Lock(); defer a.mu.Unlock(); return a.lines }

func (a *AuditLog) Flush() { a.mu.Lock(); defer a.mu.Unlock(); a.lines = 0 }

type Host struct{ audit weak.Pointer[AuditLog] }

func (h *Host) Audit() *AuditLog { return h.audit.Value() }

type ScopedAudit struct {
	*AuditLog
	Scope string
}

func (h *Host) Scoped(scope string) ScopedAudit {
	return ScopedAudit{AuditLog: h.Audit(), Scope: scope}
}

// Live says the embedded log is non-nil.
func (s ScopedAudit) Live() bool { return s.AuditLog != nil }

// Named says nothing about it.
func (s ScopedAudit) Named() bool { return s.Scope != "" }

func AuditLines(h *Host) int {
	sa := h.Scoped("dispatch")
	return sa.Lines() // want `possible nil dereference: h.Scoped\("dispatch"\).AuditLog may be nil`
}

func FlushNamed(h *Host) {
	sa := h.Scoped("flush")
	if !sa.Named() {
		return
	}
	sa.Flush() // want `possible nil dereference: h.Scoped\("flush"\).AuditLog may be nil`
}

// Quiet look-alikes.

func FlushAudit(h *Host) {
	sa := h.Scoped("flush")
	if !sa.Live() {
		return
	}
	sa.Flush()
}

func LinesIfLive(h *Host) int {
	if sa := h.Scoped("dispatch"); sa.Live() {
		return sa.Lines()
	}
	return 0
}
