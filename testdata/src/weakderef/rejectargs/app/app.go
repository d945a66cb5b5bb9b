// Package app calls package docs' methods on a possibly reclaimed snapshot.
package app

import "weakderef/rejectargs/docs"

func line(d *docs.Doc, n int) (string, error) {
	return d.Snapshot().Line(n) // want `may return nil`
}

func appendLine(d *docs.Doc, text string) error {
	s := d.Snapshot()
	return s.Append(text) // want `may return nil`
}

func checkedFirst(d *docs.Doc, n int) (string, error) {
	s := d.Snapshot()
	if s == nil {
		return "", docs.ErrNil
	}
	return s.Line(n)
}

func safeLine(d *docs.Doc, n int) (string, error) {
	return d.Snapshot().SafeLine(n)
}

func readyLine(d *docs.Doc, n int) (string, error) {
	return d.Snapshot().ReadyLine(n)
}

func checkedAppend(d *docs.Doc, text string) error {
	return d.Snapshot().CheckedAppend(text)
}

func count(d *docs.Doc) int {
	return d.Snapshot().Count(3)
}

func trim(d *docs.Doc) error {
	return d.Snapshot().Trim(2)
}
