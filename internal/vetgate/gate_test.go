package vetgate

import (
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/weaklint/weaklint/analyzer"
)

// TestSuiteGateDecisions checks each check's promise in analyzer.Table
// against the flags GateFlags derives from it, and that the default suite
// keeps the fast path. An analyzer added to the table without a Gate fails
// here: decide whether it can report or export a fact in a package that the
// gate skips (see analyzer.Gate).
func TestSuiteGateDecisions(t *testing.T) {
	for _, a := range analyzer.All() {
		e, _ := analyzer.Lookup(a)
		suite := []*analysis.Analyzer{a}
		flags := GateFlags(suite)
		if !e.Gate.Safe {
			if want := []string{"-" + a.Name + "=false"}; !slices.Equal(flags, want) {
				t.Errorf("GateFlags(%s) = %q, want %q", a.Name, flags, want)
			}
			continue
		}
		var want []string
		for _, name := range e.Gate.OffWhen {
			setting := "-" + a.Name + "." + name
			want = append(want, setting+"=false")
			if got := unsafeAnalyzer(tableGate, suite, []string{setting}); got != a.Name {
				t.Errorf("analyzer %s: gate-safe with %s", a.Name, setting)
			}
		}
		if !slices.Equal(flags, want) {
			t.Errorf("GateFlags(%s) = %q, want %q", a.Name, flags, want)
		}
		if name := unsafeAnalyzer(tableGate, suite, flags); name != "" {
			t.Errorf("analyzer %s: not gate-safe with flags %q (%s)", a.Name, flags, name)
		}
	}
	// The defaults must keep the fast path: no flag should be needed.
	if name := unsafeAnalyzer(tableGate, analyzer.All(), nil); name != "" {
		t.Errorf("the default suite keeps the gate off: %s", name)
	}
}

func TestUnsafeAnalyzer(t *testing.T) {
	withFacts := &analysis.Analyzer{Name: "ctrlflow", FactTypes: []analysis.Fact{new(factType)}}
	noFacts := &analysis.Analyzer{Name: "inspect"}
	safeFacts := &analysis.Analyzer{Name: "summaries", FactTypes: []analysis.Fact{new(factType)}}
	memo := &analysis.Analyzer{Name: "strongcache"}
	memo.Flags.Bool("memo", false, "")
	memoOn := &analysis.Analyzer{Name: "strongcache"}
	memoOn.Flags.Bool("memo", true, "")
	strFlag := &analysis.Analyzer{Name: "strongcache"}
	strFlag.Flags.String("memo", "false", "")
	gates := map[string]analyzer.Gate{
		"weakderef":   {Safe: true},
		"cleanupref":  {Safe: true},
		"summaries":   {Safe: true},
		"ctrlflow":    {},
		"strongcache": {Safe: true, OffWhen: []string{"memo"}},
	}
	gate := func(a *analysis.Analyzer) (analyzer.Gate, bool) {
		g, ok := gates[a.Name]
		return g, ok
	}
	for _, test := range []struct {
		name  string
		roots []*analysis.Analyzer
		flags []string
		want  string
	}{
		{"safe roots", []*analysis.Analyzer{{Name: "weakderef"}, {Name: "cleanupref"}}, nil, ""},
		{"unknown root", []*analysis.Analyzer{{Name: "weakderef"}, {Name: "memo"}}, nil, "memo"},
		{"root without a promise", []*analysis.Analyzer{{Name: "ctrlflow"}}, nil, "ctrlflow"},
		{"requires an analyzer without facts", []*analysis.Analyzer{{Name: "weakderef", Requires: []*analysis.Analyzer{noFacts}}}, nil, ""},
		{"requires an analyzer with facts and no promise", []*analysis.Analyzer{{Name: "cleanupref", Requires: []*analysis.Analyzer{noFacts, withFacts}}}, nil, "ctrlflow"},
		{"requires a safe fact analyzer", []*analysis.Analyzer{{Name: "cleanupref", Requires: []*analysis.Analyzer{safeFacts}}}, nil, ""},
		{"flag off by default", []*analysis.Analyzer{memo}, []string{"-json"}, ""},
		{"flag on by default", []*analysis.Analyzer{memoOn}, []string{"-json"}, "strongcache"},
		{"flag turned on", []*analysis.Analyzer{memo}, []string{"-json", "-strongcache.memo"}, "strongcache"},
		{"flag turned off", []*analysis.Analyzer{memoOn}, []string{"-json", "-strongcache.memo=false"}, ""},
		{"flag set back", []*analysis.Analyzer{memo}, []string{"-strongcache.memo=0", "--strongcache.memo=true"}, "strongcache"},
		{"flag missing", []*analysis.Analyzer{{Name: "strongcache"}}, nil, "strongcache"},
		{"flag not boolean", []*analysis.Analyzer{strFlag}, nil, "strongcache"},
	} {
		if got := unsafeAnalyzer(gate, test.roots, test.flags); got != test.want {
			t.Errorf("%s: unsafeAnalyzer = %q, want %q", test.name, got, test.want)
		}
	}
}

type factType struct{}

func (*factType) AFact() {}

// TestEnabled follows x/tools analysisflags: any -NAME=true selects only
// those; otherwise -NAME=false removes NAME.
func TestEnabled(t *testing.T) {
	suite := []*analysis.Analyzer{{Name: "weakderef"}, {Name: "cleanupref"}, {Name: "strongcache"}}
	for _, test := range []struct {
		flags []string
		want  []string
	}{
		{nil, []string{"weakderef", "cleanupref", "strongcache"}},
		{[]string{"-json"}, []string{"weakderef", "cleanupref", "strongcache"}},
		{[]string{"-strongcache=false"}, []string{"weakderef", "cleanupref"}},
		{[]string{"--strongcache=0", "-cleanupref=false"}, []string{"weakderef"}},
		{[]string{"-cleanupref"}, []string{"cleanupref"}},
		{[]string{"-cleanupref=true", "-weakderef=false"}, []string{"cleanupref"}},
		{[]string{"-cleanupref=false", "-cleanupref=true"}, []string{"cleanupref"}},
		{[]string{"-weakderef.someflag=x"}, []string{"weakderef", "cleanupref", "strongcache"}},
	} {
		var got []string
		for _, a := range enabled(suite, test.flags) {
			got = append(got, a.Name)
		}
		if !slices.Equal(got, test.want) {
			t.Errorf("enabled(%q) = %q, want %q", test.flags, got, test.want)
		}
	}
}

func TestSkippable(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		writeFile(t, path, content)
		return path
	}
	plain := write("plain.go", "package p\n\nimport \"strings\"\n\nvar _ = strings.Cut\n")
	weak := write("weak.go", "package p\n\nimport \"weak\"\n\nvar _ weak.Pointer[int]\n")
	runtimeGC := write("gc.go", "package p\n\nimport (\n\t\"fmt\"\n\trt \"runtime\"\n)\n\nvar _, _ = fmt.Sprint, rt.GC\n")
	cleanup := write("cleanup.go", "package p\n\nimport rt \"runtime\"\n\nfunc F(p *int) { rt.AddCleanup(p, func(int) {}, 0) }\n")
	finalizer := write("finalizer.go", "package p\n\nimport \"runtime\"\n\nvar set = runtime.SetFinalizer\n")
	runtimeComment := write("comment.go", "package p\n\nimport \"runtime\"\n\n// F is not runtime.AddCleanup.\nfunc F() { runtime.GC() }\n")
	dot := write("dot.go", "package p\n\nimport . \"runtime\"\n\nvar _ = GC\n")
	vendored := write("vendored.go", "package p\n\nimport \"example.com/rw\"\n\nvar _ = rw.X\n")
	directive := write("directive.go", "package p\n\nvar x = 1 //weaklint:ignore weakderef a stale directive is reported\n")
	broken := write("broken.go", "package p\n\nimport \"strings\"\n\nfunc F( {\n")
	noFacts := filepath.Join(dir, "nofacts.vetx")
	if err := writeVetx(noFacts, []byte("types"), nil); err != nil {
		t.Fatal(err)
	}
	weakTypes := filepath.Join(dir, "weaktypes.vetx")
	if err := writeVetx(weakTypes, []byte("...\x04weak..."), nil); err != nil {
		t.Fatal(err)
	}
	weaklintTypes := filepath.Join(dir, "weaklinttypes.vetx")
	if err := writeVetx(weaklintTypes, []byte("...\x08weaklint...\x05weak2..."), nil); err != nil {
		t.Fatal(err)
	}
	facts := filepath.Join(dir, "facts.vetx")
	if err := writeVetx(facts, []byte("types"), []byte("facts")); err != nil {
		t.Fatal(err)
	}

	for _, test := range []struct {
		name string
		cfg  config
		want bool
	}{
		{"unrelated", config{GoFiles: []string{plain}, PackageVetx: map[string]string{"strings": noFacts}}, true},
		{"imports weak", config{GoFiles: []string{plain, weak}}, false},
		{"imports runtime for GC", config{GoFiles: []string{runtimeGC}}, true},
		{"calls runtime.AddCleanup under another name", config{GoFiles: []string{runtimeGC, cleanup}}, false},
		{"refers to runtime.SetFinalizer", config{GoFiles: []string{finalizer}}, false},
		{"names runtime.AddCleanup in a comment only", config{GoFiles: []string{runtimeComment}}, true},
		{"dependency refers to runtime.SetFinalizer", config{GoFiles: []string{finalizer}, VetxOnly: true}, false},
		{"dependency refers to runtime.AddCleanup under another name", config{GoFiles: []string{runtimeGC, cleanup}, VetxOnly: true}, false},
		{"dependency imports runtime for GC", config{GoFiles: []string{runtimeGC}, VetxOnly: true}, true},
		{"dependency names runtime.AddCleanup in a comment only", config{GoFiles: []string{runtimeComment}, VetxOnly: true}, true},
		{"dot-imports runtime", config{GoFiles: []string{dot}}, false},
		{"imports runtimeweak vendored", config{GoFiles: []string{vendored}, ImportMap: map[string]string{"example.com/rw": "github.com/weaklint/weaklint/runtimeweak"}}, false},
		{"a dependency has facts", config{GoFiles: []string{plain}, PackageVetx: map[string]string{"strings": noFacts, "example.com/w": facts}}, false},
		{"a dependency's types mention weak", config{GoFiles: []string{plain}, PackageVetx: map[string]string{"strings": noFacts, "example.com/w": weakTypes}}, false},
		{"a dependency's types mention other strings with weak in them", config{GoFiles: []string{plain}, PackageVetx: map[string]string{"example.com/w": weaklintTypes}}, true},
		{"go fix", config{GoFiles: []string{plain}, FixArchive: filepath.Join(dir, "fix.zip")}, false},
		{"root that does not parse", config{GoFiles: []string{broken}}, false},
		// The directive analyzers report on //weaklint:ignore anywhere.
		{"root with a //weaklint:ignore directive", config{GoFiles: []string{plain, directive}}, false},
		{"dependency with a //weaklint:ignore directive", config{GoFiles: []string{directive}, VetxOnly: true}, true},
		// go vet reports nothing about dependencies: their imports suffice.
		{"dependency that does not parse after its imports", config{GoFiles: []string{broken}, VetxOnly: true}, true},
	} {
		if got, reason, _ := skippable(&test.cfg, nil); got != test.want {
			t.Errorf("%s: skippable = %v (%s), want %v", test.name, got, reason, test.want)
		}
		// The same unit in a go vet work directory.
		cfg := test.cfg
		cfg.ID, cfg.ImportPath = "p", "p"
		cfg.VetxOutput = filepath.Join(dir, "go-build1", test.name, "vet.out")
		if got, reason, _ := skippable(&cfg, nil); got != test.want {
			t.Errorf("%s, in a work directory: skippable = %v (%s), want %v", test.name, got, reason, test.want)
		}
	}
}
