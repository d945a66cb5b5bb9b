package vetgate

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCompiledByGo(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
		return path
	}
	p := write("p.go", "package p\n")
	internal := write("p_internal_test.go", "package p\n")
	importsP := "package p_test\n\nimport \"example.com/p\"\n"
	unit := func(files ...string) *config {
		return &config{Dir: dir, ImportPath: "example.com/p", GoFiles: files}
	}
	if compiledByGo(unit(p, internal)) {
		t.Errorf("no external test: compiled, want not")
	}

	write("_hidden_test.go", importsP) // the go command ignores it
	write("other_test.go", "package p_test\n\nimport \"fmt\"\n")
	if compiledByGo(unit(p, internal)) {
		t.Errorf("external test that does not import the package: compiled, want not")
	}

	x := write("x_test.go", importsP)
	if !compiledByGo(unit(p, internal)) {
		t.Errorf("external test importing the package: not compiled, want compiled")
	}
	if !compiledByGo(unit(p)) {
		t.Errorf("external test importing a package without internal tests: not compiled, want compiled")
	}

	excluded := unit(p, internal)
	excluded.IgnoredFiles = []string{x}
	if compiledByGo(excluded) {
		t.Errorf("external test excluded by build constraints: compiled, want not")
	}
	dep := unit(p, internal)
	dep.VetxOnly = true
	if compiledByGo(dep) {
		t.Errorf("dependency unit: compiled, want not (it does not check syntax anyway)")
	}
	// The external test's own root unit: its files are not compiled.
	xtest := &config{Dir: dir, ImportPath: "example.com/p_test", GoFiles: []string{x}}
	if compiledByGo(xtest) {
		t.Errorf("the external test package itself: compiled, want not")
	}
	if compiledByGo(&config{Dir: filepath.Join(dir, "nosuch"), ImportPath: "example.com/p"}) {
		t.Errorf("missing directory: compiled, want not")
	}
}
