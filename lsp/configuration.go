package lsp

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
)

// settings are what initializationOptions and
// workspace/didChangeConfiguration can set. Either may hold them at the top
// level or under a "weaklint" key:
//
//	{
//	  "weakderef": false,            // an analyzer on or off, by its CLI flag name
//	  "analyzers": {"strongcache": false}, // the same, gopls style
//	  "strongcache.memo": true,      // an analyzer's own flag, by its CLI name
//	  "debounce": 200,               // milliseconds (or "200ms") between an edit and its analysis while another runs or waits
//	  "run": "onType"                // or "onSave": analyze only when a file is opened or saved
//	}
//
// As with the command line's flags, naming an analyzer true runs only the
// analyzers named true; naming analyzers false runs all the others.
type settings struct {
	analyzers map[string]bool
	flags     map[string]string // "analyzer.flag" -> value, as on the command line
	debounce  time.Duration
	onSave    bool
}

func defaultSettings(debounce time.Duration) settings {
	return settings{analyzers: map[string]bool{}, flags: map[string]string{}, debounce: debounce}
}

// analyzerFlag returns the flag named by "analyzer.flag" in the suite.
func analyzerFlag(suite []*analysis.Analyzer, key string) (*flag.Flag, bool) {
	name, fname, ok := strings.Cut(key, ".")
	if !ok {
		return nil, false
	}
	for _, a := range suite {
		if a.Name == name {
			f := a.Flags.Lookup(fname)
			return f, f != nil
		}
	}
	return nil, false
}

// flagValue checks v against the flag and returns it as the command line
// would spell it.
func flagValue(f *flag.Flag, v any) (string, error) {
	var s string
	switch v := v.(type) {
	case bool:
		s = strconv.FormatBool(v)
	case string:
		s = v
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return "", fmt.Errorf("not a boolean, a string or a number")
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		if _, err := strconv.ParseBool(s); err != nil {
			return "", fmt.Errorf("not a boolean")
		}
	}
	return s, nil
}

// applyFlags sets every flag of the suite's analyzers to its setting, or
// back to its default, and returns the settings that differ from the
// defaults, in a canonical form: analyses must be redone when it changes.
// Flags are the analyzers' package-level state: the server runs one
// analysis at a time, and sets them before each.
func (st settings) applyFlags(suite []*analysis.Analyzer) (string, []string) {
	var set, problems []string
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			key := a.Name + "." + f.Name
			want, ok := st.flags[key]
			if !ok {
				want = f.DefValue
			}
			if f.Value.String() != want {
				if err := f.Value.Set(want); err != nil {
					problems = append(problems, fmt.Sprintf("%q: %v", key, err))
					return
				}
			}
			if want != f.DefValue {
				set = append(set, key+"="+want)
			}
		})
	}
	sort.Strings(set)
	return strings.Join(set, " "), problems
}

// enabled returns the analyzers of the suite the settings leave on.
func (st settings) enabled(suite []*analysis.Analyzer) []*analysis.Analyzer {
	onlyTrue := slices.Contains(slices.Collect(maps.Values(st.analyzers)), true)
	var on []*analysis.Analyzer
	for _, a := range suite {
		v, named := st.analyzers[a.Name]
		if onlyTrue && named && v || !onlyTrue && !(named && !v) {
			on = append(on, a)
		}
	}
	return on
}

// update returns st with the settings in raw (decoded JSON) applied, and a
// description of each setting it could not understand.
func (st settings) update(raw any, suite []*analysis.Analyzer) (settings, []string) {
	m, ok := raw.(map[string]any)
	if !ok {
		if raw == nil {
			return st, nil
		}
		return st, []string{fmt.Sprintf("settings must be a JSON object, not %T", raw)}
	}
	if nested, ok := m["weaklint"].(map[string]any); ok {
		m = nested
	}
	known := make(map[string]bool, len(suite))
	for _, a := range suite {
		known[a.Name] = true
	}
	next := st
	next.analyzers = maps.Clone(st.analyzers)
	next.flags = maps.Clone(st.flags)
	if next.flags == nil {
		next.flags = map[string]string{}
	}
	var problems []string
	setAnalyzer := func(name string, v any) {
		b, ok := v.(bool)
		switch {
		case !known[name]:
			problems = append(problems, fmt.Sprintf("unknown setting or analyzer %q (analyzers: %v)", name, slices.Sorted(maps.Keys(known))))
		case !ok:
			problems = append(problems, fmt.Sprintf("analyzer setting %q must be true or false, not %v", name, v))
		default:
			next.analyzers[name] = b
		}
	}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		v := m[key]
		switch key {
		case "analyzers":
			sub, ok := v.(map[string]any)
			if !ok {
				problems = append(problems, fmt.Sprintf(`"analyzers" must be an object of analyzer names to booleans, not %v`, v))
				continue
			}
			names := slices.Collect(maps.Keys(sub))
			sort.Strings(names)
			for _, name := range names {
				setAnalyzer(name, sub[name])
			}
		case "debounce":
			d, err := parseDuration(v)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			next.debounce = d
		case "run":
			switch v {
			case "onType":
				next.onSave = false
			case "onSave":
				next.onSave = true
			default:
				problems = append(problems, fmt.Sprintf(`"run" must be "onType" or "onSave", not %v`, v))
			}
		default:
			if strings.Contains(key, ".") {
				f, ok := analyzerFlag(suite, key)
				if !ok {
					problems = append(problems, fmt.Sprintf("unknown analyzer flag %q (flags: %v)", key, allFlags(suite)))
					continue
				}
				val, err := flagValue(f, v)
				if err != nil {
					problems = append(problems, fmt.Sprintf("flag %q: %v: %v", key, v, err))
					continue
				}
				next.flags[key] = val
				continue
			}
			setAnalyzer(key, v)
		}
	}
	return next, problems
}

func parseDuration(v any) (time.Duration, error) {
	var d time.Duration
	switch v := v.(type) {
	case float64:
		d = time.Duration(v * float64(time.Millisecond))
	case string:
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			return 0, fmt.Errorf(`"debounce": %v`, err)
		}
	default:
		return 0, fmt.Errorf(`"debounce" must be milliseconds or a duration such as "200ms", not %v`, v)
	}
	if d < 0 || d > time.Minute {
		return 0, fmt.Errorf(`"debounce" must be between 0 and 1m, not %v`, d)
	}
	return d, nil
}

// allFlags lists the flags of the suite's analyzers, as "analyzer.flag".
func allFlags(suite []*analysis.Analyzer) []string {
	var names []string
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, a.Name+"."+f.Name) })
	}
	return names
}
