// Package chanfields sends possibly reclaimed referents on channels kept in
// struct fields; the methods that receive them use them. (Adapted from
// adversarial round 10: i_sched engine.Scheduler.queue.)
package chanfields

import (
	"context"
	"weak"
)

type Job struct{ State int }

func (j *Job) MarkRunning() { j.State = 1 }

type Registry struct{ jobs map[int]weak.Pointer[Job] }

func (r *Registry) Job(id int) *Job { return r.jobs[id].Value() }

type Scheduler struct {
	reg   *Registry
	queue chan *Job // fed unchecked by Requeue
	ready chan *Job // fed only checked jobs
	other chan *Job // fed unchecked, and with jobs the caller holds
}

func (s *Scheduler) Requeue(id int) {
	s.queue <- s.reg.Job(id)
}

func (s *Scheduler) Promote(id int) bool {
	j := s.reg.Job(id)
	if j == nil {
		return false
	}
	s.ready <- j
	return true
}

func (s *Scheduler) Submit(j *Job) { s.other <- j }

func (s *Scheduler) Retry(id int) { s.other <- s.reg.Job(id) }

func (s *Scheduler) Dispatch(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-s.ready:
			j.MarkRunning()
		case j := <-s.queue:
			j.MarkRunning() // want `possible nil dereference: a value received from channel field Scheduler.queue may be nil: \(\*Scheduler\).Requeue sends s.reg.Job\(id\) on it`
		case j := <-s.other:
			j.MarkRunning() // want `possible nil dereference: a value received from channel field Scheduler.other may be nil: \(\*Scheduler\).Retry sends`
		}
	}
}

func (s *Scheduler) Next() int {
	return (<-s.queue).State // want `possible nil dereference: a value received from channel field Scheduler.queue`
}

func (s *Scheduler) Drain() {
	for j := range s.queue {
		j.MarkRunning() // want `possible nil dereference: a value received from channel field Scheduler.queue`
	}
}

// Quiet look-alikes.

func (s *Scheduler) DrainChecked() {
	for j := range s.queue {
		if j == nil {
			continue
		}
		j.MarkRunning()
	}
}

func (s *Scheduler) NextReady() int {
	return (<-s.ready).State
}
