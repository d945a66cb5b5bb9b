// Package assert is a stand-in for testify's assert: the signatures that
// weaklint knows, with bodies like the real ones.
package assert

import "reflect"

type TestingT interface {
	Errorf(format string, args ...any)
}

func isNil(object any) bool {
	if object == nil {
		return true
	}
	v := reflect.ValueOf(object)
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// NotNil reports whether object is not nil, and fails the test otherwise.
func NotNil(t TestingT, object any, msgAndArgs ...any) bool {
	if isNil(object) {
		t.Errorf("expected value not to be nil")
		return false
	}
	return true
}

func Nil(t TestingT, object any, msgAndArgs ...any) bool {
	if !isNil(object) {
		t.Errorf("expected nil")
		return false
	}
	return true
}

type Assertions struct{ t TestingT }

func New(t TestingT) *Assertions { return &Assertions{t: t} }

func (a *Assertions) NotNil(object any, msgAndArgs ...any) bool {
	return NotNil(a.t, object, msgAndArgs...)
}
