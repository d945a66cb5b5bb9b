package checkuse

import (
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"weakderef/checkhelpers"
)

// testify's require.NotNil ends the test on a nil pointer: v is non-nil
// after it.
func TestRequireNotNil(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	v := weak.Make(n).Value()
	require.NotNil(t, v)
	_ = v.Name
}

func TestRequireMethod(t *testing.T) {
	r := require.New(t)
	n := &checkhelpers.Node{Name: "x"}
	v := weak.Make(n).Value()
	r.NotNil(v, "collected")
	_ = v.Name
}

// require.Nil asserts the opposite.
func TestRequireNil(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	v := weak.Make(n).Value()
	require.Nil(t, v)
	_ = v.Name // want `possible nil dereference`
}

// assert.NotNil lets the test go on: only its true result guards v.
func TestAssertNotNil(t *testing.T) {
	n := &checkhelpers.Node{Name: "x"}
	p := weak.Make(n)
	v := p.Value()
	assert.NotNil(t, v)
	_ = v.Name // want `possible nil dereference`
	if w := p.Value(); assert.NotNil(t, w) {
		_ = w.Name
	}
}
