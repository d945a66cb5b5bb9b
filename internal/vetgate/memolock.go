package vetgate

import (
	"os"
	"slices"
	"sync"
	"time"
)

// A unit that type-checks under a memo key holds a lock on the key's entry
// for as long as it runs, and a dependency unit that finds the key being
// computed by a live unit waits for it, then reuses what it recorded.
//
// go vet runs two units at once on two cores (-p defaults to GOMAXPROCS),
// and units of one package that become ready together (a dependency unit
// and its twin recompiled for a test, both waiting for the same
// dependencies) would otherwise both miss the memo and both type-check.
//
// The lock is an flock(2) on the entry (see record), taken on
// a descriptor that the unit never closes: the kernel releases it when the
// process exits, however it exits, so a unit that crashed or was killed
// blocks no one. A unit holds at most one lock and waits for at most one,
// held by a unit that waits for nothing, so units cannot wait in a cycle;
// and it waits at most twinWaitLimit, after which it type-checks as if no
// twin were running. Where flock is not available (lockEntry reports
// unsupported) no unit waits, as before locks.

// twinWaitLimit bounds a unit's wait for a twin. A full unit of go vet std
// takes under a second of CPU; a twin that runs this long is stuck, and
// type-checking again costs less than waiting longer. A variable for tests.
var twinWaitLimit = 2 * time.Minute

// heldLocks keeps the lock files that the process holds (or waits for)
// open until it exits: an *os.File that is collected closes its
// descriptor, which would release the lock.
var heldLocks struct {
	sync.Mutex
	files []*os.File
}

func keepOpen(f *os.File) {
	heldLocks.Lock()
	heldLocks.files = append(heldLocks.files, f)
	heldLocks.Unlock()
}

// onTwinWait is called when a unit starts waiting for a twin (for tests).
var onTwinWait = func() {}

// claim takes the lock of the memo entry, waiting at most twinWaitLimit
// for a unit that holds it if wait is set, and reports whether the unit now
// holds it. A unit that holds it keeps it until it exits; one that waited
// (busy) then finds what the twin recorded, if the twin finished.
func (m *factsMemo) claim(wait bool) (held, waited bool) {
	if m == nil {
		return false, false
	}
	m.state = lockUnsupported
	if err := os.MkdirAll(m.dir(), 0o777); err != nil {
		return false, false
	}
	f, err := os.OpenFile(m.entry, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return false, false
	}
	switch m.state = lockEntry(f); m.state {
	case lockHeld:
		m.lock = f
		keepOpen(f)
		return true, false
	case lockBusy:
		if !wait {
			f.Close()
			return false, false
		}
	default:
		f.Close()
		return false, false
	}
	// The goroutine may outlive a wait that timed out, and take the lock
	// later: the file stays open, and the unit, which is type-checking by
	// then, holds it from then on, as it would have (but records nothing:
	// m.state stays lockBusy).
	m.lock = f
	keepOpen(f)
	done := make(chan bool, 1)
	go func() { done <- waitEntry(f) }()
	onTwinWait()
	timer := time.NewTimer(twinWaitLimit)
	defer timer.Stop()
	select {
	case ok := <-done:
		if ok {
			m.state = lockHeld
		}
		return ok, true
	case <-timer.C:
		return false, true
	}
}

// release gives up the lock that claim took, for tests, which play several
// units in one process.
func (m *factsMemo) release() {
	if m.lock == nil {
		return
	}
	heldLocks.Lock()
	defer heldLocks.Unlock()
	heldLocks.files = slices.DeleteFunc(heldLocks.files, func(f *os.File) bool { return f == m.lock })
	m.lock.Close()
	m.lock = nil
}

// What lockEntry found.
type lockState int

const (
	notClaimed      lockState = iota // claim was not called
	lockHeld                         // the caller holds the lock now
	lockBusy                         // another open file holds it
	lockUnsupported                  // no flock here, or it failed
)
