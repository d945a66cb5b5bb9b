package lsp

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"go.lsp.dev/protocol"
)

// filePath returns the absolute file name of a document URI, or an error
// saying why the document cannot be analyzed: the URI is not a file URI
// (untitled:, http:) or has no absolute path (file://, file:relative.go).
//
// Every URI from the client goes through here before it reaches the
// overlay: go/packages fails a whole load for an overlay it cannot place,
// so one file:// document made every later load of every module fail.
// (go.lsp.dev/uri's Filename panics on such URIs instead.)
func filePath(u protocol.DocumentURI) (string, error) {
	if u == "" {
		return "", fmt.Errorf("empty URI")
	}
	parsed, err := url.Parse(string(u))
	if err != nil {
		return "", fmt.Errorf("invalid URI: %v", err)
	}
	if !strings.EqualFold(parsed.Scheme, "file") {
		return "", fmt.Errorf("not a file (scheme %q)", parsed.Scheme)
	}
	if parsed.Opaque != "" {
		return "", fmt.Errorf("not an absolute file URI (file:%s)", parsed.Opaque)
	}
	if parsed.Host != "" && !strings.EqualFold(parsed.Host, "localhost") {
		return "", fmt.Errorf("a file on another host (%s)", parsed.Host)
	}
	p := parsed.Path
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // file:///C:/x.go
	}
	name := filepath.FromSlash(p)
	if !filepath.IsAbs(name) {
		return "", fmt.Errorf("no absolute file name")
	}
	return filepath.Clean(name), nil
}

// goFilePath is filePath for a document to analyze: it must also be a Go
// source file (go list knows files by their .go suffix), not a directory.
func goFilePath(u protocol.DocumentURI) (string, error) {
	name, err := filePath(u)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		return "", fmt.Errorf("a directory")
	}
	if !strings.HasSuffix(name, ".go") {
		return "", fmt.Errorf("not a .go file")
	}
	return name, nil
}
