// Package checkuse calls checkhelpers' checks on weak referents: the
// helpers' CheckFacts guard the values after the call, as a check written
// inline would; helpers that may return with nil guard nothing.
package checkuse

import (
	"testing"
	"weak"

	"weakderef/checkhelpers"
)

func afterRequire(p weak.Pointer[checkhelpers.Node]) string {
	n := p.Value()
	checkhelpers.Require(n, "node")
	return n.Name
}

func afterExit(p weak.Pointer[checkhelpers.Node]) string {
	n := p.Value()
	checkhelpers.Exit(2, n)
	return n.Name
}

func afterWarn(p weak.Pointer[checkhelpers.Node]) string {
	n := p.Value()
	checkhelpers.Warn(n)
	return n.Name // want `possible nil dereference`
}

func afterEither(p, q weak.Pointer[checkhelpers.Node]) string {
	a, b := p.Value(), q.Value()
	checkhelpers.Either(a, b)
	return a.Name // want `possible nil dereference`
}

// The check of one value does not guard another.
func otherValue(p, q weak.Pointer[checkhelpers.Node]) string {
	a, b := p.Value(), q.Value()
	checkhelpers.Require(a, "a")
	return a.Name + b.Name // want `possible nil dereference`
}

// Before the call nothing is known.
func beforeRequire(p weak.Pointer[checkhelpers.Node]) string {
	n := p.Value()
	s := n.Name // want `possible nil dereference`
	checkhelpers.Require(n, "node")
	return s
}

func viaLive(p weak.Pointer[checkhelpers.Node]) string {
	if n := p.Value(); checkhelpers.Live(n) {
		return n.Name
	}
	return ""
}

func viaLiveNegated(p weak.Pointer[checkhelpers.Node]) string {
	if n := p.Value(); !checkhelpers.Live(n) {
		return n.Name // want `possible nil dereference`
	}
	return ""
}

func viaCheck(p weak.Pointer[checkhelpers.Node]) (string, error) {
	n := p.Value()
	if err := checkhelpers.Check(n); err != nil {
		return "", err
	}
	return n.Name, nil
}

// The error ignored: nothing is known.
func viaCheckIgnored(p weak.Pointer[checkhelpers.Node]) string {
	n := p.Value()
	_ = checkhelpers.Check(n)
	return n.Name // want `possible nil dereference: p.Value\(\)`
}

// Save's error says nothing of n.
func viaSave(p weak.Pointer[checkhelpers.Node]) (string, error) {
	n := p.Value()
	if n != nil {
		if err := n.Save(); err != nil {
			return "", err
		}
	}
	return n.Name, nil // want `possible nil dereference: p.Value\(\)`
}

// A test helper of this package, through testing.TB.
func mustHave(tb testing.TB, n *checkhelpers.Node) *checkhelpers.Node {
	tb.Helper()
	if n == nil {
		tb.Fatalf("collected")
	}
	return n
}

// softHave reports with Errorf: the test goes on with n nil.
func softHave(tb testing.TB, n *checkhelpers.Node) {
	if n == nil {
		tb.Errorf("collected")
	}
}

// generic helpers are summarized through their origin.
func nonNil[T any](t *testing.T, v *T) {
	if v == nil {
		t.FailNow()
	}
}

func TestMustHave(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	p := weak.Make(n)
	v := p.Value()
	mustHave(t, v)
	if v.Name != "x" {
		t.Errorf("name %q", v.Name)
	}
}

func TestSoftHave(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	p := weak.Make(n)
	v := p.Value()
	softHave(t, v)
	if v.Name != "x" { // want `possible nil dereference`
		t.Errorf("name")
	}
}

func TestGeneric(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	p := weak.Make(n)
	v := p.Value()
	nonNil(t, v)
	_ = v.Name
}

// Only the path through the helper is guarded.
func onOnePath(t *testing.T, p weak.Pointer[checkhelpers.Node], strict bool) string {
	v := p.Value()
	if strict {
		mustHave(t, v)
	}
	return v.Name // want `possible nil dereference`
}

// Another package's must helper of an error: quiet after it.
func afterNoErr(p weak.Pointer[checkhelpers.Node]) string {
	n, err := checkhelpers.Resolve(p)
	checkhelpers.NoErr(err)
	return n.Name
}

// An error only logged guards nothing.
func afterLogErr(p weak.Pointer[checkhelpers.Node]) string {
	n, err := checkhelpers.Resolve(p)
	checkhelpers.LogErr(err)
	return n.Name // want `possible nil dereference`
}

// A helper that does not return when its bool is true: quiet after it.
func afterRefuse(p weak.Pointer[checkhelpers.Node]) string {
	n := p.Value()
	checkhelpers.Refuse(n == nil, "node")
	return n.Name
}

// The condition the wrong way round.
func afterRefuseWrong(p weak.Pointer[checkhelpers.Node]) string {
	n := p.Value()
	checkhelpers.Refuse(n != nil, "node")
	return n.Name // want `possible nil dereference`
}

// A test helper that ends the test unless err is nil. (Adapted from
// adversarial round 4: c_fs fsck_test.go noErr.)
func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestNoErr(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	v, err := checkhelpers.Resolve(weak.Make(n))
	noErr(t, err)
	_ = v.Name
}

// The error of another call guards nothing.
func TestNoErrOther(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	v, _ := checkhelpers.Resolve(weak.Make(n))
	_, err := checkhelpers.Resolve(weak.Make(n))
	noErr(t, err)
	_ = v.Name // want `possible nil dereference`
}
