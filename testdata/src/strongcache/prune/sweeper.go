package prune

import (
	"time"
	"weak"
)

// Quiet: init starts a goroutine that sweeps the map every tick, for as
// long as the program runs.
var tickSessions = map[int]weak.Pointer[T]{}

func init() {
	go func() {
		t := time.NewTicker(time.Minute)
		for range t.C {
			for id, wp := range tickSessions {
				if wp.Value() == nil {
					delete(tickSessions, id)
				}
			}
		}
	}()
}

func AddTickSession(id int, s *T) { tickSessions[id] = weak.Make(s) } // want AddTickSession:`keeps\(weak 1 in \[\] global\)`

// Positive: init's goroutine deletes once, not in a loop.
var initWidgets = map[int]weak.Pointer[T]{} // want `entries of initWidgets are never removed`

func init() {
	go func() {
		delete(initWidgets, 0)
	}()
}

func AddInitWidget(id int, w *T) { initWidgets[id] = weak.Make(w) } // want AddInitWidget:`keeps\(weak 1 in \[\] global\)`

// Positive: init's loop runs once, at start-up.
var initJobs = map[int]weak.Pointer[T]{} // want `entries of initJobs are never removed`

func init() {
	for id := range 3 {
		delete(initJobs, id)
	}
}

func AddInitJob(id int, j *T) { initJobs[id] = weak.Make(j) } // want AddInitJob:`keeps\(weak 1 in \[\] global\)`
