// Package lib stores possibly reclaimed referents through pointer
// parameters (out-parameters), some with a bool result that says whether
// the stored pointer is non-nil. (Adapted from adversarial round 10:
// i_sched registry.Load.)
package lib

import "weak"

type Job struct{ Attempts int }

type Registry struct{ jobs map[int]weak.Pointer[Job] }

func (r *Registry) Job(id int) *Job { return r.jobs[id].Value() } // want Job:"maybeNil\\(0\\)"

// Load stores the job in *dst and reports whether it is live.
func (r *Registry) Load(id int, dst **Job) bool { // want Load:"maybeNil\\(out 2 ok=0\\)"
	*dst = r.Job(id)
	return *dst != nil
}

// Fill stores it and says nothing.
func (r *Registry) Fill(id int, dst **Job) { // want Fill:"maybeNil\\(out 2\\)"
	*dst = r.jobs[id].Value()
}

// FillLive stores only a live job.
func (r *Registry) FillLive(id int, dst **Job) bool {
	if j := r.Job(id); j != nil {
		*dst = j
		return true
	}
	return false
}
