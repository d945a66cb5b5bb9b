// Package oncefields keeps, in a field of function type, a sync.OnceValue
// of a function that returns a possibly reclaimed referent: the call of the
// field returns what the first call returned, nil included. (Adapted from
// adversarial round 10: i_sched engine.Scheduler.leaderOnce.)
package oncefields

import (
	"sync"
	"weak"
)

type Worker struct{ Slots int }

type Scheduler struct {
	leader     weak.Pointer[Worker]
	leaderOnce func() *Worker
	strongOnce func() *Worker
}

func New(w *Worker) *Scheduler {
	s := &Scheduler{leader: weak.Make(w)}
	s.leaderOnce = sync.OnceValue(func() *Worker { return s.leader.Value() })
	s.strongOnce = sync.OnceValue(func() *Worker { return &Worker{Slots: 1} })
	return s
}

func (s *Scheduler) LeaderSlots() int {
	return s.leaderOnce().Slots // want `possible nil dereference: s.leaderOnce\(\) may return nil`
}

// Quiet look-alikes.

func (s *Scheduler) LeaderSlotsChecked() int {
	if w := s.leaderOnce(); w != nil {
		return w.Slots
	}
	return 0
}

func (s *Scheduler) StrongSlots() int {
	return s.strongOnce().Slots
}
