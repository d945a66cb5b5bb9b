// Package boxed boxes possibly reclaimed referents in interfaces within one
// package: a function returning the interface, a method invoked on it
// after a nil check of the interface.
package boxed

import (
	"sync"
	"weak"
)

type AuditLog struct {
	mu    sync.Mutex
	lines int
}

func (a *AuditLog) OnStart() error { a.mu.Lock(); defer a.mu.Unlock(); a.lines++; return nil }

type Hook interface{ OnStart() error }

type Host struct{ audit weak.Pointer[AuditLog] }

func (h *Host) auditHook() Hook {
	return h.audit.Value()
}

func (h *Host) liveHook() Hook {
	if a := h.audit.Value(); a != nil {
		return a
	}
	return nil
}

func (h *Host) Start() error {
	if hk := h.auditHook(); hk != nil {
		return hk.OnStart() // want `possible nil dereference: h.auditHook\(\) may return nil`
	}
	return nil
}

func (h *Host) StartLive() error {
	if hk := h.liveHook(); hk != nil {
		return hk.OnStart()
	}
	return nil
}

func (h *Host) StartAsserted() error {
	if a, ok := h.auditHook().(*AuditLog); ok && a != nil {
		return a.OnStart()
	}
	return nil
}

// A local interface made from the referent: the same.

func (h *Host) StartLocal() error {
	var hk Hook = h.audit.Value()
	if hk != nil {
		return hk.OnStart() // want `possible nil dereference: h.audit.Value\(\) returns nil`
	}
	return nil
}

func (h *Host) StartLocalChecked() error {
	var hk Hook
	if a := h.audit.Value(); a != nil {
		hk = a
	}
	if hk != nil {
		return hk.OnStart()
	}
	return nil
}
