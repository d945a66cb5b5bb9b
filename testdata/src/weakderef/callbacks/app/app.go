package app

import "weakderef/callbacks/lib"

func Lines(m *lib.Map[lib.Row]) int {
	n := 0
	for _, r := range m.Entries() {
		n += len(r.Lines) // want `m.Entries\(\) may pass nil`
	}
	return n
}

func LinesChecked(m *lib.Map[lib.Row]) int {
	n := 0
	for _, r := range m.Entries() {
		if r == nil {
			continue
		}
		n += len(r.Lines)
	}
	return n
}

func LinesLive(m *lib.Map[lib.Row]) int {
	n := 0
	for _, r := range m.All() {
		n += len(r.Lines)
	}
	return n
}

func LinesValues(m *lib.Map[lib.Row]) int {
	n := 0
	for _, r := range m.Values() {
		n += len(r.Lines) // want `m.Values\(\) may pass nil`
	}
	return n
}

func Count(m *lib.Map[lib.Row]) int {
	n := 0
	m.Each(func(r *lib.Row) {
		n += len(r.Lines) // want `m.Each\(.*\) may pass nil`
	})
	return n
}

func CountLive(m *lib.Map[lib.Row]) int {
	n := 0
	m.EachLive(func(r *lib.Row) {
		n += len(r.Lines)
	})
	return n
}

func LinesKeys(m *lib.Map[lib.Row]) int {
	n := 0
	for _, r := range m.Keys() {
		n += len(r.Lines) // want `m.Keys\(\) may pass nil`
	}
	return n
}

func LinesLiveKeys(m *lib.Map[lib.Row]) int {
	n := 0
	for _, r := range m.LiveKeys() {
		n += len(r.Lines)
	}
	return n
}
