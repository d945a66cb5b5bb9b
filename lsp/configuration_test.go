package lsp

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

func TestSettingsUpdate(t *testing.T) {
	suite := []*analysis.Analyzer{{Name: "weakderef"}, {Name: "cleanupref"}, {Name: "strongcache"}}
	for _, tc := range []struct {
		json     string
		enabled  []string
		debounce time.Duration
		onSave   bool
		problem  string // a substring of the only problem expected, if any
	}{
		{json: `null`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: defaultDebounce},
		{json: `{"strongcache": false}`, enabled: []string{"weakderef", "cleanupref"}, debounce: defaultDebounce},
		{json: `{"weaklint": {"cleanupref": true}}`, enabled: []string{"cleanupref"}, debounce: defaultDebounce},
		{json: `{"analyzers": {"weakderef": true, "cleanupref": true, "strongcache": false}}`, enabled: []string{"weakderef", "cleanupref"}, debounce: defaultDebounce},
		{json: `{"debounce": 40, "run": "onSave"}`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: 40 * time.Millisecond, onSave: true},
		{json: `{"debounce": "1s"}`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: time.Second},
		{json: `{"debounce": -3}`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: defaultDebounce, problem: "between 0 and 1m"},
		{json: `{"run": "sometimes"}`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: defaultDebounce, problem: `"run" must be`},
		{json: `{"nilness": false}`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: defaultDebounce, problem: `unknown setting or analyzer "nilness"`},
		{json: `{"weakderef": "off"}`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: defaultDebounce, problem: "must be true or false"},
		{json: `{"strongcache.memo": true}`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: defaultDebounce, problem: `unknown analyzer flag "strongcache.memo"`},
		{json: `[1, 2]`, enabled: []string{"weakderef", "cleanupref", "strongcache"}, debounce: defaultDebounce, problem: "JSON object"},
	} {
		var raw any
		if err := json.Unmarshal([]byte(tc.json), &raw); err != nil {
			t.Fatal(err)
		}
		st, problems := defaultSettings(defaultDebounce).update(raw, suite)
		var enabled []string
		for _, a := range st.enabled(suite) {
			enabled = append(enabled, a.Name)
		}
		if !slices.Equal(enabled, tc.enabled) || st.debounce != tc.debounce || st.onSave != tc.onSave {
			t.Errorf("%s: enabled %v, debounce %v, onSave %v; want %v, %v, %v", tc.json, enabled, st.debounce, st.onSave, tc.enabled, tc.debounce, tc.onSave)
		}
		switch {
		case tc.problem == "" && len(problems) > 0:
			t.Errorf("%s: unexpected problems %q", tc.json, problems)
		case tc.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0], tc.problem)):
			t.Errorf("%s: problems %q, want one containing %q", tc.json, problems, tc.problem)
		}
	}
}
