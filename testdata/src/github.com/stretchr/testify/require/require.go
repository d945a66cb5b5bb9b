// Package require is a stand-in for testify's require: the signatures that
// weaklint knows, with bodies like the real ones.
package require

import "github.com/stretchr/testify/assert"

type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// NotNil ends the test unless object is non-nil (a nil pointer inside the
// interface counts as nil).
func NotNil(t TestingT, object any, msgAndArgs ...any) {
	if !assert.NotNil(t, object, msgAndArgs...) {
		t.FailNow()
	}
}

// Nil ends the test unless object is nil.
func Nil(t TestingT, object any, msgAndArgs ...any) {
	if !assert.Nil(t, object, msgAndArgs...) {
		t.FailNow()
	}
}

type Assertions struct{ t TestingT }

func New(t TestingT) *Assertions { return &Assertions{t: t} }

func (a *Assertions) NotNil(object any, msgAndArgs ...any) { NotNil(a.t, object, msgAndArgs...) }
