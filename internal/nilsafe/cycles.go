package nilsafe

// A call from a function to another of its call cycle is not followed by
// derefsParam. derefs' SSA rule assumes, for a call back into a function
// whose answer is being computed, that it dereferences nothing, and keeps
// the answers found under that assumption; cutting every edge inside a
// cycle gives answers no larger than those, whatever order SSA asks in
// (TestSyntaxAgreesWithSSA in package derefs checks it).

// markCycles sets the cycle number of each function: functions that may
// call each other (through calls of a package function's name, or of a
// method of any of the package's types with the selected name: more calls
// than the rule follows, so more cycles) share one, all others differ.
func (pkg *syntaxPackage) markCycles() {
	methodsNamed := make(map[string][]*function)
	for _, ms := range pkg.methods {
		for name, m := range ms {
			methodsNamed[name] = append(methodsNamed[name], m)
		}
	}
	callees := func(fn *function) []*function {
		var out []*function
		for _, name := range fn.calls {
			if c := pkg.byName[name]; c != nil {
				out = append(out, c)
			}
		}
		for _, name := range fn.selects {
			out = append(out, methodsNamed[name]...)
		}
		return out
	}
	// Tarjan's strongly connected components.
	index := make(map[*function]int)
	low := make(map[*function]int)
	onStack := make(map[*function]bool)
	var stack []*function
	next := 0
	var visit func(fn *function)
	visit = func(fn *function) {
		index[fn], low[fn] = next, next
		next++
		stack = append(stack, fn)
		onStack[fn] = true
		for _, c := range callees(fn) {
			if _, seen := index[c]; !seen {
				visit(c)
				low[fn] = min(low[fn], low[c])
			} else if onStack[c] {
				low[fn] = min(low[fn], index[c])
			}
		}
		if low[fn] == index[fn] {
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				top.cycle = index[fn]
				if top == fn {
					break
				}
			}
		}
	}
	for _, fn := range pkg.order {
		if _, seen := index[fn]; !seen {
			visit(fn)
		}
	}
}

// follows reports whether derefsParam, scanning caller, follows a call of
// callee: not one of its own call cycle (nor itself).
func follows(caller, callee *function) bool {
	return caller.cycle != callee.cycle
}
