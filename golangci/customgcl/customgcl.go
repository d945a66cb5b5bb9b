// Package customgcl builds a custom golangci-lint the way `golangci-lint
// custom` does (golangci-lint's pkg/commands/internal.Builder), with one
// difference: golangci-lint's source comes from the Go module proxy, or the
// module cache when it is there, rather than from a git clone of its
// repository. So it works offline once the modules are in the cache, and
// with nothing but the module proxy otherwise.
package customgcl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is .custom-gcl.yml, as golangci-lint reads it.
type Config struct {
	Version     string    `yaml:"version"`
	Name        string    `yaml:"name,omitempty"`
	Destination string    `yaml:"destination,omitempty"`
	Plugins     []*Plugin `yaml:"plugins,omitempty"`
}

// Plugin is one module plugin: Module, imported as Import (default Module),
// at Version from the proxy or from the local directory Path.
type Plugin struct {
	Module  string `yaml:"module"`
	Import  string `yaml:"import,omitempty"`
	Version string `yaml:"version,omitempty"`
	Path    string `yaml:"path,omitempty"`
}

// Load reads and checks the configuration file in dir, with golangci-lint's
// rules; relative paths are made absolute against dir.
func Load(dir string) (*Config, error) {
	var file string
	for _, ext := range []string{".yml", ".yaml", ".json"} {
		if _, err := os.Stat(filepath.Join(dir, ".custom-gcl"+ext)); err == nil {
			file = filepath.Join(dir, ".custom-gcl"+ext)
			break
		}
	}
	if file == "" {
		return nil, fmt.Errorf("no .custom-gcl.yml in %s", dir)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err := cfg.validate(dir); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &cfg, nil
}

func (c *Config) validate(dir string) error {
	if strings.TrimSpace(c.Version) == "" {
		return errors.New("root field 'version' is required")
	}
	if strings.TrimSpace(c.Name) == "" {
		c.Name = "custom-gcl"
	}
	if !filepath.IsAbs(c.Destination) {
		c.Destination = filepath.Join(dir, c.Destination)
	}
	if len(c.Plugins) == 0 {
		return errors.New("no plugins defined")
	}
	for _, p := range c.Plugins {
		if strings.TrimSpace(p.Module) == "" {
			return errors.New("field 'module' is required")
		}
		if strings.TrimSpace(p.Import) == "" {
			p.Import = p.Module
		}
		hasPath, hasVersion := strings.TrimSpace(p.Path) != "", strings.TrimSpace(p.Version) != ""
		switch {
		case !hasPath && !hasVersion:
			return fmt.Errorf("plugin %s: missing information: 'version' or 'path' should be provided", p.Module)
		case hasPath && hasVersion:
			return fmt.Errorf("plugin %s: invalid configuration: 'version' and 'path' should not be provided at the same time", p.Module)
		case hasPath && !filepath.IsAbs(p.Path):
			p.Path = filepath.Join(dir, p.Path)
		}
		if hasPath {
			abs, err := filepath.Abs(p.Path)
			if err != nil {
				return err
			}
			p.Path = abs
		}
	}
	abs, err := filepath.Abs(c.Destination)
	c.Destination = abs
	return err
}

// golangciLint is golangci-lint's module path.
const golangciLint = "github.com/golangci/golangci-lint/v2"

// Build builds the binary cfg describes and returns its path. It works in
// work, or in a temporary directory that it removes if work is empty; the
// go commands' output goes to log.
func Build(cfg *Config, work string, log io.Writer) (string, error) {
	if work == "" {
		tmp, err := os.MkdirTemp("", "customgcl")
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(tmp)
		work = tmp
	}
	b := &builder{cfg: cfg, log: log}

	// golangci-lint custom: git clone --branch <version> golangci-lint.
	fmt.Fprintf(log, "customgcl: golangci-lint %s from the module proxy or cache\n", cfg.Version)
	src, err := b.download(golangciLint + "@" + cfg.Version)
	if err != nil {
		return "", err
	}
	repo := filepath.Join(work, "golangci-lint")
	if err := os.RemoveAll(repo); err != nil {
		return "", err
	}
	if err := copyTree(src, repo); err != nil {
		return "", fmt.Errorf("copy golangci-lint: %w", err)
	}
	b.repo = repo

	if err := b.writePlugins(); err != nil {
		return "", err
	}
	for _, p := range cfg.Plugins {
		if p.Path != "" {
			err = b.goCmd("mod", "edit", "-replace", p.Module+"="+p.Path)
		} else {
			err = b.goCmd("get", p.Module+"@"+p.Version)
		}
		if err != nil {
			return "", err
		}
	}
	if err := b.goCmd("mod", "tidy"); err != nil {
		return "", err
	}
	if err := os.MkdirAll(cfg.Destination, 0o755); err != nil {
		return "", err
	}
	bin := filepath.Join(cfg.Destination, cfg.Name)
	// As golangci-lint custom builds it (main.date makes `version` print
	// main.version), plus -trimpath: the build cache then serves
	// golangci-lint's own packages again although each build copies them to
	// a new directory.
	version := strings.TrimPrefix(cfg.Version, "v") + "-custom-gcl"
	ldflags := fmt.Sprintf("-s -w -X 'main.version=%s' -X 'main.date=%s'", version, time.Now().UTC())
	if err := b.goCmd("build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./cmd/golangci-lint"); err != nil {
		return "", err
	}
	return bin, nil
}

type builder struct {
	cfg  *Config
	log  io.Writer
	repo string
}

// download returns the module cache directory of module@version.
func (b *builder) download(modVersion string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", modVersion)
	cmd.Stderr = b.log
	out, err := cmd.Output()
	var m struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &m); jerr == nil && m.Error != "" {
		return "", fmt.Errorf("go mod download %s: %s", modVersion, m.Error)
	}
	if err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %v", modVersion, err)
	}
	return m.Dir, nil
}

var importsTemplate = template.Must(template.New("plugins.go").Parse(`
package main

import (
{{range .Imports -}}
	_ "{{.}}"
{{end -}}
)
`))

// writePlugins replaces cmd/golangci-lint/plugins.go with blank imports of
// the plugins, which register themselves in their init functions.
func (b *builder) writePlugins() error {
	dest := filepath.Join(b.repo, "cmd", "golangci-lint", "plugins.go")
	if _, err := os.Stat(dest); err != nil {
		return fmt.Errorf("golangci-lint %s has no cmd/golangci-lint/plugins.go: %w", b.cfg.Version, err)
	}
	var imports []string
	for _, p := range b.cfg.Plugins {
		imports = append(imports, p.Import)
	}
	var buf bytes.Buffer
	if err := importsTemplate.Execute(&buf, map[string]any{"Imports": imports}); err != nil {
		return err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("plugins.go: %w", err)
	}
	return os.WriteFile(dest, src, 0o644)
}

// goCmd runs the go command in the golangci-lint directory.
func (b *builder) goCmd(args ...string) error {
	fmt.Fprintf(b.log, "customgcl: go %s\n", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	cmd.Dir = b.repo
	cmd.Stdout, cmd.Stderr = b.log, b.log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return nil
}

// copyTree copies the directory tree src to dst, writable (the module
// cache is read-only).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
