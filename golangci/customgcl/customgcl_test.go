package customgcl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func load(t *testing.T, yml string) (*Config, string, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".custom-gcl.yml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(dir)
	return cfg, dir, err
}

func TestLoad(t *testing.T) {
	cfg, dir, err := load(t, `
version: v2.15.0
destination: ./bin
plugins:
  - module: example.com/plugin
    path: ./plugin
  - module: example.com/core
    import: example.com/core/analyzer
    path: .
  - module: example.com/remote
    version: v1.2.3
`)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Name != "custom-gcl" {
		t.Errorf("name %q, want golangci-lint's default custom-gcl", cfg.Name)
	}
	if want := filepath.Join(dir, "bin"); cfg.Destination != want {
		t.Errorf("destination %s, want %s", cfg.Destination, want)
	}
	for i, want := range []Plugin{
		{Module: "example.com/plugin", Import: "example.com/plugin", Path: filepath.Join(dir, "plugin")},
		{Module: "example.com/core", Import: "example.com/core/analyzer", Path: dir},
		{Module: "example.com/remote", Import: "example.com/remote", Version: "v1.2.3"},
	} {
		if *cfg.Plugins[i] != want {
			t.Errorf("plugin %d: %+v, want %+v", i, *cfg.Plugins[i], want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ yml, want string }{
		{"plugins:\n  - module: m\n    version: v1.0.0\n", "'version' is required"},
		{"version: v2.15.0\n", "no plugins"},
		{"version: v2.15.0\nplugins:\n  - path: .\n", "'module' is required"},
		{"version: v2.15.0\nplugins:\n  - module: m\n", "'version' or 'path'"},
		{"version: v2.15.0\nplugins:\n  - module: m\n    path: .\n    version: v1.0.0\n", "should not be provided at the same time"},
		{"version: v2.15.0\nplugin:\n  - module: m\n    path: .\n", "field plugin not found"},
	} {
		if _, _, err := load(t, tc.yml); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.yml, err, tc.want)
		}
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no .custom-gcl.yml") {
		t.Errorf("no file: error %v", err)
	}
}

func TestWritePlugins(t *testing.T) {
	repo := t.TempDir()
	main := filepath.Join(repo, "cmd", "golangci-lint")
	if err := os.MkdirAll(main, 0o755); err != nil {
		t.Fatal(err)
	}
	b := &builder{cfg: &Config{Version: "v2.15.0", Plugins: []*Plugin{{Import: "example.com/a"}, {Import: "example.com/b/c"}}}, repo: repo}
	if err := b.writePlugins(); err == nil {
		t.Error("no error without golangci-lint's plugins.go")
	}
	if err := os.WriteFile(filepath.Join(main, "plugins.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := b.writePlugins(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(main, "plugins.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := "package main\n\nimport (\n\t_ \"example.com/a\"\n\t_ \"example.com/b/c\"\n)\n"
	if string(got) != want {
		t.Errorf("plugins.go:\n%s\nwant:\n%s", got, want)
	}
}
