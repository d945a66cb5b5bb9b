package docs

// The same in the declaring package, without facts.

func localLine(d *Doc, n int) (string, error) {
	return d.Snapshot().Line(n) // want `may return nil`
}

func localSafe(d *Doc, n int) (string, error) {
	return d.Snapshot().SafeLine(n)
}

func localCount(d *Doc) int {
	return d.Snapshot().Count(1)
}
