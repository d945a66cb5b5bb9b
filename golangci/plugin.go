// Package golangci registers weaklint as a golangci-lint v2 module plugin.
//
// golangci-lint builds it in with `golangci-lint custom` (.custom-gcl.yml names
// this module) and runs it when .golangci.yml enables the custom linter
// "weaklint", of type "module". Its settings:
//
//	analyzers: [weakderef, strongcache, unusedignore]  # which to run; default all
//	strongcache:
//	  memo: true                                        # the opt-in rule 4
//
// The analyzers are weaklint's checks and the two that keep its
// //weaklint:ignore directives honest (ignoredirective, unusedignore), as
// analyzer.All lists them.
//
// Unknown keys and unknown analyzer names are errors, so that a misspelled
// setting does not silently lint with the defaults.
package golangci

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/analyzer/strongcache"
)

// Name is the linter's name in .golangci.yml and in //nolint directives.
const Name = "weaklint"

func init() { register.Plugin(Name, New) }

// Settings are the plugin's settings in .golangci.yml
// (linters.settings.custom.weaklint.settings).
type Settings struct {
	// Analyzers names the analyzers to run; nil runs them all.
	Analyzers   []string            `json:"analyzers"`
	Strongcache StrongcacheSettings `json:"strongcache"`
}

// StrongcacheSettings are strongcache's flags.
type StrongcacheSettings struct {
	// Memo turns on rule 4, unbounded strong memos (-strongcache.memo).
	Memo bool `json:"memo"`
}

// New decodes the settings strictly and returns the plugin.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("weaklint: %w", err)
	}
	as, err := s.analyzers()
	if err != nil {
		return nil, fmt.Errorf("weaklint: %w", err)
	}
	return &plugin{analyzers: as, memo: s.Strongcache.Memo}, nil
}

// analyzers returns the analyzers that s selects, in the suite's order.
func (s Settings) analyzers() ([]*analysis.Analyzer, error) {
	all := analyzer.All()
	if s.Analyzers == nil {
		return all, nil
	}
	if len(s.Analyzers) == 0 {
		return nil, fmt.Errorf("analyzers is empty: name at least one of %s, or leave it out to run all", names(all))
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		if slices.Contains(s.Analyzers, a.Name) {
			out = append(out, a)
		}
	}
	for _, n := range s.Analyzers {
		if !slices.ContainsFunc(all, func(a *analysis.Analyzer) bool { return a.Name == n }) {
			return nil, fmt.Errorf("unknown analyzer %q in analyzers: weaklint has %s", n, names(all))
		}
	}
	if s.Strongcache.Memo && !slices.Contains(out, strongcache.Analyzer) {
		return nil, fmt.Errorf("strongcache.memo is set but analyzers leaves strongcache out")
	}
	return out, nil
}

func names(as []*analysis.Analyzer) string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, ", ")
}

type plugin struct {
	analyzers []*analysis.Analyzer
	memo      bool
}

// BuildAnalyzers sets strongcache's flag and returns the selected analyzers.
// golangci-lint reports their findings under the linter's name, so
// //nolint:weaklint silences them.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	// The flag is the analyzer's, as under go vet: set it either way, so
	// that a second configuration in the same process does not inherit it.
	if err := strongcache.Analyzer.Flags.Set("memo", fmt.Sprint(p.memo)); err != nil {
		return nil, fmt.Errorf("weaklint: strongcache.memo: %w", err)
	}
	return p.analyzers, nil
}

// GetLoadMode asks for type information: every analyzer needs it, and
// facts about dependencies.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
