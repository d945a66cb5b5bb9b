// Package app reads back what lib stored through its pointer arguments.
package app

import "weakderef/outparams/lib"

func ResetAttempts(r *lib.Registry, id int) {
	var j *lib.Job
	r.Load(id, &j)
	j.Attempts = 0 // want `possible nil dereference: r.Load\(id, &j\) may store nil`
}

func ResetFilled(r *lib.Registry, id int) {
	var j *lib.Job
	r.Fill(id, &j)
	j.Attempts = 0 // want `possible nil dereference: r.Fill\(id, &j\) may store nil`
	j.Attempts++
}

// Quiet look-alikes.

func ResetChecked(r *lib.Registry, id int) bool {
	var j *lib.Job
	if !r.Load(id, &j) {
		return false
	}
	j.Attempts = 0
	return true
}

func ResetOK(r *lib.Registry, id int) {
	var j *lib.Job
	if ok := r.Load(id, &j); ok {
		j.Attempts = 0
	}
}

func ResetNilChecked(r *lib.Registry, id int) {
	var j *lib.Job
	r.Fill(id, &j)
	if j != nil {
		j.Attempts = 0
	}
}

func ResetLive(r *lib.Registry, id int) {
	j := &lib.Job{}
	r.FillLive(id, &j)
	j.Attempts = 0
}
