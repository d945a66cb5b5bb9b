// Package lib returns slices of structs with a pointer field that may hold
// a reclaimed referent. (Adapted from adversarial round 11: j_graph
// sched.Requeue, read in another package.)
package lib

import "weak"

type Target struct{ Srcs []string }

type Job struct {
	Label  string
	Target *Target
	Owner  *Target
}

type Graph struct{ m map[string]weak.Pointer[Target] }

// Requeue copies each lookup into Job.Target unchecked.
func (g *Graph) Requeue(labels []string) []Job {
	var jobs []Job
	for _, l := range labels {
		jobs = append(jobs, Job{Label: l, Target: g.m[l].Value(), Owner: &Target{}})
	}
	return jobs
}

// Live copies only live targets.
func (g *Graph) Live(labels []string) []Job {
	var jobs []Job
	for _, l := range labels {
		if t := g.m[l].Value(); t != nil {
			jobs = append(jobs, Job{Label: l, Target: t})
		}
	}
	return jobs
}

// Task is a smaller element: the range variable is a copy of it.
type Task struct {
	Name   string
	Target *Target
}

func (g *Graph) Tasks(labels []string) []Task {
	var tasks []Task
	for _, l := range labels {
		tasks = append(tasks, Task{Name: l, Target: g.m[l].Value()})
	}
	return tasks
}
