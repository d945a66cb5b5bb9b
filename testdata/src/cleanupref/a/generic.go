package a

import "runtime"

// A generic function is analyzed once, at its declaration: a mistake in it
// is reported once, however many instantiations the package makes.

type small struct{ x int }
type other struct{ name string }

func trackGeneric[T any](p *T) {
	runtime.AddCleanup(p, func(int) { _ = *p }, 0) // want `cleanup function captures p, so p is never collected`
}

func trackGenericOK[T any](p *T, id int) {
	runtime.AddCleanup(p, func(id int) { _ = id }, id)
}

func instantiateTwice(a *small, b *other) {
	trackGeneric(a)
	trackGeneric(b)
	trackGenericOK(a, 1)
	trackGenericOK(b, 2)
}

// A generic wrapper: calls are checked where the mistake is made, once each.
func watchGeneric[T any](p *T, f func()) { // registrar fact: see testdata/src/registrars
	runtime.AddCleanup(p, func(f func()) { f() }, f)
}

func watchBoth(a *small, b *other) {
	watchGeneric(a, func() { _ = a.x })   // want `cleanup argument func\(\) { _ = a.x }, a closure capturing a, so a is never collected`
	watchGeneric(b, func() { println() }) // quiet: captures nothing
}
