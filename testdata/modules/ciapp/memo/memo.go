// Package memo has a weak cache that never prunes, and a strong memo that only
// the opt-in rule (strongcache.memo) reports.
package memo

import "weak"

type Page struct{ Body []byte }

var pages = map[string]weak.Pointer[Page]{}

// Get looks a page up, or loads and remembers it weakly.
func Get(url string) *Page {
	if p := pages[url].Value(); p != nil {
		return p
	}
	p := &Page{Body: []byte(url)}
	pages[url] = weak.Make(p)
	return p
}

// Request is an incoming request.
type Request struct{ Path string }

var rendered = map[string]*Page{}

// Render remembers every page it was ever asked for.
func Render(r *Request) *Page {
	if p, ok := rendered[r.Path]; ok {
		return p
	}
	p := &Page{Body: []byte(r.Path)}
	rendered[r.Path] = p
	return p
}
