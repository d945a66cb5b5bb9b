package nogotest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/weaklint/weaklint/analyzer"
	"github.com/weaklint/weaklint/internal/jsonfindings"
	"github.com/weaklint/weaklint/internal/snippet"
)

// rulesGo is the rules_go release whose nogo driver the test builds.
const rulesGo = "github.com/bazelbuild/rules_go@v0.65.0"

const weaklintModule = "github.com/weaklint/weaklint"

func TestNogo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rules_go's nogo driver (module proxy or cache); CI runs it without -short")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()

	build, err := snippet.README(root, "BUILD.bazel")
	if err != nil {
		t.Fatal(err)
	}
	config, err := snippet.README(root, "nogo_config.json")
	if err != nil {
		t.Fatal(err)
	}
	imports, names := analyzerImports(t, root, build)
	configFile := filepath.Join(tmp, "nogo_config.json")
	writeFile(t, configFile, config)
	flags := weaklintFlags(t, config)

	nogo := buildNogo(t, root, tmp, imports, configFile)
	weaklint := filepath.Join(tmp, "weaklint")
	goCmd(t, root, nil, "build", "-o", weaklint, "./cmd/weaklint")

	app := filepath.Join(root, "testdata", "modules", "ciapp")
	pkgs := listPackages(t, app)
	factsDir := filepath.Join(tmp, "facts")
	if err := os.MkdirAll(factsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	got := runNogo(t, nogo, pkgs, "example.com/ciapp", factsDir, nil)
	var want []string // weaklint's findings by the analyzers nogo runs
	for _, f := range jsonfindings.Run(t, weaklint, app, flags...) {
		if names[f[strings.LastIndex(f, "(")+1:len(f)-1]] {
			want = append(want, f)
		}
	}
	if len(want) == 0 {
		t.Fatal("weaklint found nothing in the fixture: the comparison would prove nothing")
	}
	t.Logf("nogo found:\n\t%s", strings.Join(got, "\n\t"))
	if !slices.Equal(got, want) {
		t.Errorf("nogo and weaklint disagree\nnogo:\n\t%s\nweaklint:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	for _, cross := range []string{"users/users.go:11:34", "files/files.go:27:17"} {
		if !slices.ContainsFunc(got, func(f string) bool { return strings.HasPrefix(f, cross) }) {
			t.Errorf("nogo did not report %s, a finding that needs facts from module example.com/cilib", cross)
		}
	}

	// The cross-module findings come from the fact files: without them
	// (a build that drops -fact), nogo cannot see them.
	noFacts := runNogo(t, nogo, pkgs, "example.com/ciapp", filepath.Join(tmp, "nofacts"), map[string]bool{"example.com/cilib/store": true})
	if slices.ContainsFunc(noFacts, func(f string) bool { return strings.HasPrefix(f, "users/users.go:11:34") }) {
		t.Errorf("users.go:11 was reported without store's facts: the test does not show that facts flow through files")
	}
}

// analyzerImports returns the import paths of the analyzers that the nogo
// target of the BUILD snippet depends on, and checks that they are
// weaklint's analyzers that nogo can name: those of analyzer.All with a
// package of their own (nogo takes a package's Analyzer variable). It
// returns their names too.
func analyzerImports(t *testing.T, root, build string) (imports []string, names map[string]bool) {
	t.Helper()
	deps := regexp.MustCompile(`(?s)nogo\(.*\bdeps = \[([^\]]*)\]`).FindStringSubmatch(build)
	if deps == nil {
		t.Fatal("BUILD snippet: no nogo(...) with deps")
	}
	const repo = "@com_github_weaklint_weaklint//"
	for _, m := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(deps[1], -1) {
		label, ok := strings.CutPrefix(m[1], repo)
		if !ok {
			t.Fatalf("BUILD snippet: unexpected label %s", m[1])
		}
		pkg, _, _ := strings.Cut(label, ":")
		imports = append(imports, weaklintModule+"/"+pkg)
	}
	var want []string
	names = make(map[string]bool)
	for _, a := range analyzer.All() {
		if _, err := os.Stat(filepath.Join(root, "analyzer", a.Name, "doc.go")); err != nil {
			t.Logf("%s has no package of its own: nogo cannot run it", a.Name)
			continue
		}
		want = append(want, weaklintModule+"/analyzer/"+a.Name)
		names[a.Name] = true
	}
	if !slices.Equal(imports, want) {
		t.Fatalf("BUILD snippet's nogo deps are %v, want every analyzer with a package: %v", imports, want)
	}
	return imports, names
}

// weaklintFlags turns the analyzer_flags of a nogo_config into weaklint's
// command-line flags.
func weaklintFlags(t *testing.T, config string) []string {
	t.Helper()
	var c map[string]struct {
		AnalyzerFlags map[string]string `json:"analyzer_flags"`
	}
	if err := json.Unmarshal([]byte(config), &c); err != nil {
		t.Fatalf("nogo_config.json snippet: %v", err)
	}
	var flags []string
	for name, a := range c {
		for k, v := range a.AnalyzerFlags {
			flags = append(flags, fmt.Sprintf("-%s.%s=%s", name, k, v))
		}
	}
	sort.Strings(flags)
	return flags
}

// buildNogo builds rules_go's nogo driver the way its nogo rule does: the
// generator (the builder's gennogomain verb) writes the analyzer list and
// configuration, and it is compiled with the sources that rules_go's BUILD
// file lists as nogo_srcs.
//
// The driver imports golang.org/x/tools/internal/facts, which only packages
// under golang.org/x/tools may import (Bazel's visibility lets rules_go do
// it). The module that builds it is therefore given a path under
// golang.org/x/tools, as x/tools' own nested modules (gopls) have.
func buildNogo(t *testing.T, root, tmp string, imports []string, configFile string) string {
	t.Helper()
	rules := download(t, rulesGo)
	builders := filepath.Join(rules, "go", "tools", "builders")
	buildFile, err := os.ReadFile(filepath.Join(builders, "BUILD.bazel"))
	if err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(tmp, "nogomod")
	gomod := fmt.Sprintf("module golang.org/x/tools/nogoweaklint\n\ngo 1.26.0\n\nrequire (\n\t%s %s\n\tgolang.org/x/tools %s\n\tgithub.com/aymanbagabas/go-udiff %s\n)\n\nreplace %[1]s => %[5]s\n",
		weaklintModule, "v0.0.0-00010101000000-000000000000",
		requirement(t, filepath.Join(root, "go.mod"), "golang.org/x/tools"),
		requirement(t, filepath.Join(rules, "go.mod"), "github.com/aymanbagabas/go-udiff"),
		root)
	writeFile(t, filepath.Join(mod, "go.mod"), gomod)
	// The go.sum entries are those of weaklint's go.mod, and of go-udiff.
	sums, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "go.sum"), string(sums))

	for dir, group := range map[string]string{"builder": "builder_srcs", "nogo": "nogo_srcs"} {
		srcs := bazelSrcs(t, string(buildFile), group)
		for _, src := range srcs {
			data, err := os.ReadFile(filepath.Join(builders, src))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(mod, dir, src), string(data))
		}
	}
	modEnv := []string{"GOFLAGS=-mod=mod"}
	builder := filepath.Join(tmp, "builder")
	// The link flag is the one rules_go's go_sdk gives its builder.
	goCmd(t, mod, modEnv, "build", "-ldflags=-X main.rulesGoStdlibPrefix=@rules_go//stdlib:", "-o", builder, "./builder")

	gen := []string{"gennogomain", "-output", filepath.Join(mod, "nogo", "zz_nogo_main.go"), "-config", configFile}
	for _, imp := range imports {
		gen = append(gen, "-analyzer_importpath", imp)
	}
	if out, err := exec.Command(builder, gen...).CombinedOutput(); err != nil {
		t.Fatalf("builder gennogomain: %v\n%s", err, out)
	}
	nogo := filepath.Join(tmp, "nogo")
	goCmd(t, mod, modEnv, "build", "-o", nogo, "./nogo")
	return nogo
}

// bazelSrcs returns the Go files (on other systems than Windows) that the
// rule named name lists in a BUILD file.
func bazelSrcs(t *testing.T, build, name string) []string {
	t.Helper()
	start := strings.Index(build, fmt.Sprintf("name = %q", name))
	if start < 0 {
		t.Fatalf("rules_go's go/tools/builders/BUILD.bazel has no %s", name)
	}
	rule := build[start:]
	if end := strings.Index(rule, "\n)"); end >= 0 {
		rule = rule[:end]
	}
	var srcs []string
	for _, m := range regexp.MustCompile(`"([a-z0-9_]+\.go)"`).FindAllStringSubmatch(rule, -1) {
		if !strings.HasSuffix(m[1], "_windows.go") {
			srcs = append(srcs, m[1])
		}
	}
	if len(srcs) == 0 {
		t.Fatalf("%s lists no Go files", name)
	}
	return srcs
}

// download returns the directory of module@version in the module cache,
// downloading it from the module proxy if it is not there.
func download(t *testing.T, modVersion string) string {
	t.Helper()
	out := goCmd(t, "", nil, "mod", "download", "-json", modVersion)
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("go mod download %s: %v %s", modVersion, err, m.Error)
	}
	return m.Dir
}

// requirement returns the version of module path that go.mod requires.
func requirement(t *testing.T, gomod, path string) string {
	t.Helper()
	data, err := os.ReadFile(gomod)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(path) + `\s+(v\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s does not require %s", gomod, path)
	}
	return string(m[1])
}

// A pkg is what the test needs from go list about a package.
type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Export     string
	Standard   bool
	Module     *struct{ Path string }
}

// listPackages returns the packages of the module in dir and their
// dependencies, dependencies first, with their compiled export data (the
// files that Bazel's compile actions hand to nogo).
func listPackages(t *testing.T, dir string) []*pkg {
	t.Helper()
	out := goCmd(t, dir, nil, "list", "-export", "-deps", "-json", "./...")
	var pkgs []*pkg
	byPath := make(map[string]*pkg)
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		p := new(pkg)
		if err := dec.Decode(p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
		byPath[p.ImportPath] = p
	}
	return pkgs
}

// runNogo runs nogo on every package that is not in the standard library,
// dependencies first, as rules_go's RunNogo actions do with Bzlmod: packages
// of other modules only for their facts (-facts_only), those of module main
// for findings. Each reads the fact files of its direct imports and writes
// its own, except that the facts of the packages in drop are withheld. It
// returns the findings as "file:line:col: message (analyzer)", file relative
// to the package's module.
func runNogo(t *testing.T, nogo string, pkgs []*pkg, main, factsDir string, drop map[string]bool) []string {
	t.Helper()
	if err := os.MkdirAll(factsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	goVersion := strings.TrimPrefix(strings.TrimSpace(string(goCmd(t, "", nil, "env", "GOVERSION"))), "go")
	byPath := make(map[string]*pkg)
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
	}
	facts := make(map[string]string)
	line := regexp.MustCompile(`^(.+):(\d+):(\d+): (.*) \((\w+)\)$`)
	var findings []string
	for i, p := range pkgs {
		if p.Standard {
			continue
		}
		var cfg strings.Builder
		args := []string{"-p", p.ImportPath, "-go_version", goVersion}
		for _, imp := range p.Imports {
			dep := byPath[imp]
			if dep == nil || dep.Export == "" {
				t.Fatalf("%s: no export data for import %s", p.ImportPath, imp)
			}
			fmt.Fprintf(&cfg, "packagefile %s=%s\n", imp, dep.Export)
			if f, ok := facts[imp]; ok && !drop[imp] {
				args = append(args, "-fact", imp+"="+f)
			}
		}
		importcfg := filepath.Join(factsDir, fmt.Sprintf("%d.importcfg", i))
		writeFile(t, importcfg, cfg.String())
		out := filepath.Join(factsDir, fmt.Sprintf("%d.facts", i))
		args = append(args, "-importcfg", importcfg, "-x", out)
		if p.Module == nil || p.Module.Path != main {
			args = append(args, "-facts_only")
		}
		for _, f := range p.GoFiles {
			args = append(args, filepath.Join(p.Dir, f))
		}
		cmd := exec.Command(nogo, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := cmd.ProcessState.ExitCode()
		if err != nil && code != 3 { // 3: findings (rules_go's nogoViolation)
			t.Fatalf("nogo %s: %v\n%s", p.ImportPath, err, stderr.String())
		}
		facts[p.ImportPath] = out
		for _, l := range strings.Split(stderr.String(), "\n") {
			m := line.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			rel, err := filepath.Rel(moduleDir(p), m[1])
			if err != nil {
				t.Fatal(err)
			}
			findings = append(findings, fmt.Sprintf("%s:%s:%s: %s (%s)", filepath.ToSlash(rel), m[2], m[3], m[4], m[5]))
		}
		if code == 3 && !strings.Contains(stderr.String(), "errors found by nogo") {
			t.Fatalf("nogo %s exited 3 without findings:\n%s", p.ImportPath, stderr.String())
		}
	}
	sort.Strings(findings)
	return findings
}

// moduleDir returns the root directory of p's module.
func moduleDir(p *pkg) string {
	dir := p.Dir
	for n := strings.Count(strings.TrimPrefix(p.ImportPath, p.Module.Path), "/"); n > 0; n-- {
		dir = filepath.Dir(dir)
	}
	return dir
}

// goCmd runs the go command in dir with env added, and returns its output.
func goCmd(t *testing.T, dir string, env []string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return out
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
