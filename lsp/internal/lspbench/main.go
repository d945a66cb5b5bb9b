// Command lspbench measures weaklsp beside gopls on a big module, in the
// same run, as issue 13 asks: golang.org/x/tools copied from the module
// cache (any module works: -module). For each server it reports the time
// from didOpen to the first publication of diagnostics for a first file (a
// cold load), for a second file of the same package, for a file of a
// package the first imports, from an edit to the publication of its
// version (edits back and forth between two contents, then edits to new
// contents each time), and the server's peak and final RSS; then the RSS
// after a 10 MB buffer is opened.
//
//	go run ./lsp/internal/lspbench -gopls $(command -v gopls) -weaklsp $(command -v weaklsp)
//
// It needs both binaries and the module in the module cache; it is not run
// by the tests.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/weaklint/weaklint/lsp/internal/jsonrpc"
)

func main() {
	goplsBin := flag.String("gopls", "gopls", "gopls binary")
	weaklspBin := flag.String("weaklsp", "weaklsp", "weaklsp binary")
	module := flag.String("module", "golang.org/x/tools@v0.52.0", "module to copy from the module cache")
	first := flag.String("first", "go/analysis/passes/printf/printf.go", "first file to open")
	second := flag.String("second", "go/analysis/passes/printf/types.go", "second file of the same package")
	dep := flag.String("dep", "go/analysis/passes/inspect/inspect.go", "a file of a package the first imports")
	only := flag.String("only", "", "run only this server (gopls or weaklsp)")
	flag.Parse()

	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		log.Fatal(err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), *module)
	dir, err := os.MkdirTemp("", "lspbench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := copyTree(src, dir); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("module %s copied to %s\n", *module, dir)
	for _, server := range []struct{ name, bin string }{{"weaklsp", *weaklspBin}, {"gopls", *goplsBin}} {
		if *only != "" && *only != server.name {
			continue
		}
		if err := run(server.name, server.bin, dir, *first, *second, *dep); err != nil {
			fmt.Printf("%s: %v\n", server.name, err)
		}
	}
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// session is a client of one server process.
type session struct {
	cmd  *exec.Cmd
	conn *jsonrpc.Conn

	mu        sync.Mutex
	published map[protocol.DocumentURI][]int32 // versions published, in order
	changed   chan struct{}
}

type pipes struct {
	io.Reader
	io.WriteCloser
}

func start(bin, dir string) (*session, error) {
	cmd := exec.Command(bin)
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &session{cmd: cmd, published: make(map[protocol.DocumentURI][]int32), changed: make(chan struct{})}
	s.conn = jsonrpc.NewConn(pipes{stdout, stdin}, func(string, ...any) {})
	s.conn.Run(context.Background(), func(ctx context.Context, req *jsonrpc.Request, reply jsonrpc.Replier) {
		switch req.Method {
		case "textDocument/publishDiagnostics":
			var p protocol.PublishDiagnosticsParams
			if json.Unmarshal(req.Params, &p) == nil {
				s.mu.Lock()
				s.published[p.URI] = append(s.published[p.URI], int32(p.Version))
				close(s.changed)
				s.changed = make(chan struct{})
				s.mu.Unlock()
			}
		case "workspace/configuration":
			var p struct{ Items []any }
			json.Unmarshal(req.Params, &p)
			reply(make([]any, len(p.Items)), nil)
		default:
			reply(nil, nil) // registerCapability, workDoneProgress/create, ...
		}
	})
	return s, nil
}

// await waits for a publication for u of version v or later, after
// already publications seen before.
func (s *session) await(u protocol.DocumentURI, v int32, already int, timeout time.Duration) error {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		pubs, ch := s.published[u], s.changed
		s.mu.Unlock()
		for _, pv := range pubs[min(already, len(pubs)):] {
			if pv >= v || pv == 0 {
				return nil
			}
		}
		select {
		case <-ch:
		case <-deadline:
			return fmt.Errorf("no diagnostics for %s version %d after %v", u, v, timeout)
		}
	}
}

func (s *session) count(u protocol.DocumentURI) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.published[u])
}

// rss returns the process's current and peak resident set size, in MB.
func (s *session) rss() (cur, peak int) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		var kb int
		if _, err := fmt.Sscanf(line, "VmRSS: %d kB", &kb); err == nil {
			cur = kb / 1024
		}
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			peak = kb / 1024
		}
	}
	return cur, peak
}

func run(name, bin, dir, first, second, dep string) error {
	s, err := start(bin, dir)
	if err != nil {
		return err
	}
	defer s.cmd.Process.Kill()
	ctx := context.Background()
	var res json.RawMessage
	if _, err := s.conn.Call(ctx, "initialize", map[string]any{
		"processId":        os.Getpid(),
		"rootUri":          uri.File(dir),
		"workspaceFolders": []any{map[string]any{"uri": uri.File(dir), "name": "bench"}},
		"capabilities": map[string]any{
			"textDocument": map[string]any{"publishDiagnostics": map[string]any{"versionSupport": true}},
			"workspace":    map[string]any{"configuration": true, "didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
		},
	}, &res); err != nil {
		return fmt.Errorf("initialize: %v", err)
	}
	s.conn.Notify(ctx, "initialized", map[string]any{})

	open := func(rel string, text string) (protocol.DocumentURI, time.Duration, error) {
		name := filepath.Join(dir, rel)
		if text == "" {
			data, err := os.ReadFile(name)
			if err != nil {
				return "", 0, err
			}
			text = string(data)
		}
		u := uri.File(name)
		n := s.count(u)
		t0 := time.Now()
		s.conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "go", "version": 1, "text": text}})
		err := s.await(u, 1, n, 10*time.Minute)
		return u, time.Since(t0), err
	}
	report := func(what string, d time.Duration) {
		cur, peak := s.rss()
		fmt.Printf("%-8s %-44s %9.0f ms   RSS %5d MB (peak %5d MB)\n", name, what, float64(d)/float64(time.Millisecond), cur, peak)
	}

	u1, d, err := open(first, "")
	if err != nil {
		return err
	}
	report("first file (cold): "+filepath.Base(first), d)
	_, d, err = open(second, "")
	if err != nil {
		return err
	}
	report("second file, same package: "+filepath.Base(second), d)
	_, d, err = open(dep, "")
	if err != nil {
		return err
	}
	report("file of an imported package: "+filepath.Base(dep), d)

	// Edits: a type error added and removed, so that gopls's diagnostics
	// change too (it publishes only changes). The first ten go back and
	// forth between two contents, which both servers may have analyzed
	// already (undo); the next ten are new contents each time.
	text, _ := os.ReadFile(filepath.Join(dir, first))
	edit := func(v int32, body string) (time.Duration, error) {
		n := s.count(u1)
		t0 := time.Now()
		s.conn.Notify(ctx, "textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": u1, "version": v},
			"contentChanges": []any{map[string]any{"text": body}},
		})
		err := s.await(u1, v, n, 5*time.Minute)
		return time.Since(t0), err
	}
	var lat, fresh []time.Duration
	for v := int32(2); v <= 11; v++ {
		body := string(text)
		if v%2 == 0 {
			body += "\nvar _ int = \"x\"\n"
		}
		d, err := edit(v, body)
		if err != nil {
			return err
		}
		lat = append(lat, d)
	}
	for v := int32(12); v <= 21; v++ {
		body := string(text) + fmt.Sprintf("\n// edit %d\n", v)
		if v%2 == 0 {
			body += fmt.Sprintf("\nvar _ int = \"x%d\"\n", v)
		}
		d, err := edit(v, body)
		if err != nil {
			return err
		}
		fresh = append(fresh, d)
	}
	slicesSort(lat)
	report("edit -> diagnostics (median of 10)", lat[len(lat)/2])
	slicesSort(fresh)
	report("edit, new contents each (median of 10)", fresh[len(fresh)/2])

	// A 10 MB buffer: a new file of the first package.
	var big strings.Builder
	big.WriteString("package printf\n\nvar bigTable = []string{\n")
	for big.Len() < 10<<20 {
		big.WriteString("\t\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\n")
	}
	big.WriteString("}\n")
	_, d, err = open(filepath.Join(filepath.Dir(first), "zz_big.go"), big.String())
	if err != nil {
		return err
	}
	report("10 MB buffer opened", d)

	s.conn.Call(ctx, "shutdown", nil, nil)
	s.conn.Notify(ctx, "exit", nil)
	return nil
}

func slicesSort(d []time.Duration) {
	for i := range d {
		for j := i + 1; j < len(d); j++ {
			if d[j] < d[i] {
				d[i], d[j] = d[j], d[i]
			}
		}
	}
}
