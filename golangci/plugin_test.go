package golangci

import (
	"strconv"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/analyzer/strongcache"
)

// conf is settings as golangci-lint hands them over: decoded YAML.
func conf(yaml map[string]any) any { return yaml }

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin(Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil) // no settings block at all
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(as), names(analyzer.All()); got != want {
		t.Errorf("analyzers %s, want all: %s", got, want)
	}
}

func TestSettings(t *testing.T) {
	all := names(analyzer.All())
	for _, tc := range []struct {
		name     string
		settings map[string]any
		want     string // analyzer names, or the error's text
		memo     bool
	}{
		{"empty", map[string]any{}, all, false},
		{"some", map[string]any{"analyzers": []any{"strongcache", "weakderef"}}, "weakderef, strongcache", false},
		{"memo", map[string]any{"strongcache": map[string]any{"memo": true}}, all, true},
		{"memo off", map[string]any{"strongcache": map[string]any{"memo": false}}, all, false},
		{"directives", map[string]any{"analyzers": []any{"unusedignore", "weakderef", "ignoredirective"}}, "weakderef, ignoredirective, unusedignore", false},
		{"unknown key", map[string]any{"analyser": []any{"weakderef"}}, `error: weaklint: decoding settings: json: unknown field "analyser"`, false},
		{"unknown nested key", map[string]any{"strongcache": map[string]any{"memos": true}}, `error: weaklint: decoding settings: json: unknown field "memos"`, false},
		{"wrong type", map[string]any{"strongcache": map[string]any{"memo": "yes"}}, "error: weaklint: decoding settings: json: cannot unmarshal string", false},
		{"unknown analyzer", map[string]any{"analyzers": []any{"weakref"}}, `error: weaklint: unknown analyzer "weakref" in analyzers: weaklint has ` + all, false},
		{"none", map[string]any{"analyzers": []any{}}, "error: weaklint: analyzers is empty", false},
		{"memo without strongcache", map[string]any{"analyzers": []any{"weakderef"}, "strongcache": map[string]any{"memo": true}}, "error: weaklint: strongcache.memo is set but analyzers leaves strongcache out", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(conf(tc.settings))
			if err != nil {
				if !strings.HasPrefix("error: "+err.Error(), tc.want) {
					t.Fatalf("error %q, want %q", err, tc.want)
				}
				return
			}
			if strings.HasPrefix(tc.want, "error: ") {
				t.Fatalf("no error, want %q", tc.want)
			}
			as, err := p.BuildAnalyzers()
			if err != nil {
				t.Fatal(err)
			}
			if got := names(as); got != tc.want {
				t.Errorf("analyzers %s, want %s", got, tc.want)
			}
			if got := strongcache.Analyzer.Flags.Lookup("memo").Value.String(); got != strconv.FormatBool(tc.memo) {
				t.Errorf("strongcache.memo = %s, want %v", got, tc.memo)
			}
		})
	}
}
