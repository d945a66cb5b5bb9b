package weakmap

import "weak"

// A map filled only while its owner is built, through the value the
// constructor just allocated, is bounded by the constructor's input: its
// dead weak pointers cannot accumulate. One filled later, through the
// receiver, grows.

type gnode struct{ id int }

type dag struct {
	users map[int][]weak.Pointer[gnode]
	later map[int][]weak.Pointer[gnode] // want `entries of dag.later are never removed`
}

func buildDAG(nodes []*gnode) *dag {
	g := &dag{users: make(map[int][]weak.Pointer[gnode]), later: make(map[int][]weak.Pointer[gnode])}
	for i, n := range nodes {
		g.users[i] = append(g.users[i], weak.Make(n))
	}
	return g
}

func (g *dag) link(i int, n *gnode) {
	g.later[i] = append(g.later[i], weak.Make(n))
}
