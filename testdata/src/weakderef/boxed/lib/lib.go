// Package lib returns possibly reclaimed referents boxed in interfaces: the
// interface is non-nil even when the pointer in it is nil. (Adapted from
// adversarial round 10: i_sched registry.Raw, plugin.Host.auditHook.)
package lib

import (
	"sync"
	"weak"
)

type Job struct {
	mu   sync.Mutex
	Name string
}

// Rename dereferences its receiver.
func (j *Job) Rename(n string) { j.mu.Lock(); j.Name = n; j.mu.Unlock() }

// Kind is nil-safe.
func (j *Job) Kind() string {
	if j == nil {
		return "gone"
	}
	return "job"
}

type Renamer interface {
	Rename(n string)
	Kind() string
}

type Registry struct{ jobs map[int]weak.Pointer[Job] }

// Raw boxes the referent unchecked.
func (r *Registry) Raw(id int) any { // want Raw:"maybeNil\\(0 boxed\\)"
	return r.jobs[id].Value()
}

// Hook boxes it in an interface with methods.
func (r *Registry) Hook(id int) Renamer { // want Hook:"maybeNil\\(0 boxed Rename\\)"
	return r.jobs[id].Value()
}

// Forward returns another function's boxed result.
func (r *Registry) Forward(id int) any { // want Forward:"maybeNil\\(0 boxed\\)"
	return r.Raw(id)
}

// Any returns a nil interface when the referent is gone.
func (r *Registry) Any(id int) any {
	if j := r.jobs[id].Value(); j != nil {
		return j
	}
	return nil
}

// Checked returns the referent boxed only once checked.
func (r *Registry) Checked(id int) Renamer {
	v := r.jobs[id].Value()
	if v == nil {
		return nil
	}
	return v
}
