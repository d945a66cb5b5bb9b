// Package onces memoises lookups with sync.OnceValue and sync.OnceValues:
// the func they return gives back what the wrapped function returned the
// one time it ran, so a wrapped getter of weak referents gives a possibly
// reclaimed referent on every call, whether the func is kept in a
// package-level variable or in a struct field.
package onces

import (
	"errors"
	"sync"
	"weak"
)

type Style struct{ Fill string }

var byName = map[string]weak.Pointer[Style]{}

func lookup(name string) *Style { return byName[name].Value() }

func lookupOr(name string) *Style {
	if s := byName[name].Value(); s != nil {
		return s
	}
	return &Style{Fill: "#fff"}
}

var defaultStyle = sync.OnceValue(func() *Style { return lookup("default") })

func DefaultFill() string {
	return defaultStyle().Fill // want `possible nil dereference: defaultStyle\(\) may return nil`
}

func DefaultFillChecked() string {
	if s := defaultStyle(); s != nil {
		return s.Fill
	}
	return ""
}

// baseStyle's function never returns nil.
var baseStyle = sync.OnceValue(func() *Style { return lookupOr("base") })

func BaseFill() string { return baseStyle().Fill }

// plainStyle is a func variable without sync: what it holds is what it runs.
var plainStyle = func() *Style { return lookup("plain") }

func PlainFill() string {
	return plainStyle().Fill // want `possible nil dereference: plainStyle\(\) may return nil`
}

var errGone = errors.New("gone")

// themeStyle's error does not say whether the style is nil.
var themeStyle = sync.OnceValues(func() (*Style, error) { return lookup("theme"), nil })

func ThemeFill() string {
	s, err := themeStyle()
	if err != nil {
		return ""
	}
	return s.Fill // want `possible nil dereference: themeStyle\(\) may return nil`
}

// checkedTheme's error is non-nil whenever the style is nil.
var checkedTheme = sync.OnceValues(func() (*Style, error) {
	s := lookup("theme")
	if s == nil {
		return nil, errGone
	}
	return s, nil
})

func CheckedThemeFill() string {
	s, err := checkedTheme()
	if err != nil {
		return ""
	}
	return s.Fill
}

type Scheduler struct {
	leader     weak.Pointer[Style]
	leaderOnce func() *Style
	fallback   func() *Style
}

func NewScheduler() *Scheduler {
	s := &Scheduler{}
	s.leaderOnce = sync.OnceValue(func() *Style { return s.leader.Value() })
	s.fallback = sync.OnceValue(func() *Style {
		if l := s.leader.Value(); l != nil {
			return l
		}
		return &Style{}
	})
	return s
}

func (s *Scheduler) LeaderFill() string {
	return s.leaderOnce().Fill // want `possible nil dereference: s.leaderOnce\(\) may return nil`
}

func (s *Scheduler) FallbackFill() string { return s.fallback().Fill }

func (s *Scheduler) CheckedLeaderFill() string {
	if l := s.leaderOnce(); l != nil {
		return l.Fill
	}
	return ""
}

// A local sync.OnceValue, captured by the closure that calls it. (Adapted
// from adversarial round 11: j_graph sched.LabelFunc.)

func LabelFunc(wp weak.Pointer[Style]) func() string {
	get := sync.OnceValue(func() *Style { return wp.Value() })
	return func() string {
		return get().Fill // want `possible nil dereference: get\(\) may return nil`
	}
}

func LabelFuncChecked(wp weak.Pointer[Style]) func() string {
	get := sync.OnceValue(func() *Style { return wp.Value() })
	return func() string {
		if s := get(); s != nil {
			return s.Fill
		}
		return ""
	}
}

func LabelFuncFallback(wp weak.Pointer[Style]) func() string {
	get := sync.OnceValue(func() *Style {
		if s := wp.Value(); s != nil {
			return s
		}
		return &Style{}
	})
	return func() string { return get().Fill }
}
