package app

import "weakderef/elemfields/lib"

func Sources(g *lib.Graph, labels []string) int {
	n := 0
	for _, j := range g.Requeue(labels) {
		n += len(j.Target.Srcs) // want `possible nil dereference: field Target of an element of g.Requeue\(labels\) may be nil`
	}
	return n
}

func First(g *lib.Graph, labels []string) int {
	jobs := g.Requeue(labels)
	return len(jobs[0].Target.Srcs) // want `possible nil dereference: field Target of an element of g.Requeue\(labels\) may be nil`
}

// Quiet look-alikes.

func SourcesChecked(g *lib.Graph, labels []string) int {
	n := 0
	for _, j := range g.Requeue(labels) {
		if j.Target == nil {
			continue
		}
		n += len(j.Target.Srcs)
	}
	return n
}

func Owners(g *lib.Graph, labels []string) int {
	n := 0
	for _, j := range g.Requeue(labels) {
		n += len(j.Owner.Srcs)
	}
	return n
}

func LiveSources(g *lib.Graph, labels []string) int {
	n := 0
	for _, j := range g.Live(labels) {
		n += len(j.Target.Srcs)
	}
	return n
}

func TaskSources(g *lib.Graph, labels []string) int {
	n := 0
	for _, t := range g.Tasks(labels) {
		n += len(t.Target.Srcs) // want `possible nil dereference: field Target of an element of g.Tasks\(labels\) may be nil`
	}
	return n
}

func TaskSourcesChecked(g *lib.Graph, labels []string) int {
	n := 0
	for _, t := range g.Tasks(labels) {
		if t.Target != nil {
			n += len(t.Target.Srcs)
		}
	}
	return n
}
