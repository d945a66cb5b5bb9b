package weakstore

import (
	"fmt"
	"weak"
)

// Rule 1 through a helper's result: the helper wraps its argument in what
// it returns, and the caller stores that next to the weak pointer.

type model struct {
	name  string
	nodes []int
}

type plan struct {
	order []int
	g     *model
}

// planFor's result holds g.
func planFor(g *model) *plan {
	p := &plan{g: g}
	p.order = append(p.order, g.nodes...)
	return p
}

// replan wraps g through planFor.
func replan(g *model) *plan { return planFor(g) }

// plan is a method whose result holds its receiver.
func (g *model) plan() plan { return plan{g: g} }

// runner returns a closure capturing g.
func runner(g *model) func() int { return func() int { return len(g.nodes) } }

// orderOf copies what it needs: its result holds no g.
func orderOf(g *model) *plan { return &plan{order: append([]int(nil), g.nodes...)} }

// weakPlan holds g weakly.
type weakPlan struct {
	order []int
	g     weak.Pointer[model]
}

func weakPlanFor(g *model) *weakPlan { return &weakPlan{g: weak.Make(g)} }

func label(g *model) string { return fmt.Sprint(len(g.nodes)) }

type planEntry struct {
	wp    weak.Pointer[model]
	plan  *plan
	val   plan
	run   func() int
	wplan *weakPlan
	label string
}

type planCache struct {
	entries map[string]planEntry
	plans   map[string]*plan
}

// Positive: the entry keeps the weak pointer and, inside the plan, g itself.
func (c *planCache) Planned(k string, g *model) { // want Planned:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g), plan: planFor(g)} // want `g \(inside what planFor returns\) is stored strongly in c.entries\[k\], in the same c that holds its weak pointer`
}

// Positive: two helpers down.
func (c *planCache) Replanned(k string, g *model) { // want Replanned:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g), plan: replan(g)} // want `g \(inside what replan returns\) is stored strongly in c.entries\[k\]`
}

// Positive: a method of the referent whose result holds it.
func (c *planCache) Method(k string, g *model) { // want Method:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g), val: g.plan()} // want `g \(inside what plan returns\) is stored strongly in c.entries\[k\]`
}

// Positive: a closure returned by a helper holds g.
func (c *planCache) Runner(k string, g *model) { // want Runner:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g), run: runner(g)} // want `g \(inside what runner returns\) is stored strongly in c.entries\[k\]`
}

// Positive: the plan goes into another map of the same cache.
func (c *planCache) Beside(k string, g *model) { // want Beside:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g)}
	c.plans[k] = planFor(g) // want `g \(inside what planFor returns\) is stored strongly in c.plans\[k\], in the same c`
}

// Quiet: the helpers' results hold copies, weak pointers or strings.
func (c *planCache) Copied(k string, g *model) { // want Copied:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g), plan: orderOf(g), wplan: weakPlanFor(g), label: label(g)}
}

// Quiet: the plan stays in the call.
func (c *planCache) Local(k string, g *model) int { // want Local:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g)}
	p := planFor(g)
	return len(p.order)
}

// Quiet: the plan is returned to the caller, who decides how long it lives.
func (c *planCache) Handed(k string, g *model) *plan { // want Handed:`keeps\(weak 1 in \[\-1\]\)`
	c.entries[k] = planEntry{wp: weak.Make(g)}
	return planFor(g)
}

// Forget prunes the weak entries (rule 2 is not the point here).
func (c *planCache) Forget(k string) { delete(c.entries, k) }
