// Package app checks lib.ScopedAudit's embedded log through its methods.
package app

import "weakderef/embedded/lib"

func Flush(h *lib.Host) {
	sa := h.Scoped("flush")
	if !sa.Live() {
		return
	}
	sa.Flush()
}

func FlushUnlessGone(h *lib.Host) {
	if sa := h.Scoped("flush"); !sa.Gone() {
		sa.Flush()
	}
}

func FlushNamed(h *lib.Host) {
	sa := h.Scoped("flush")
	if sa.Named() {
		sa.Flush() // want `possible nil dereference: h.Scoped\("flush"\).AuditLog may be nil`
	}
}
