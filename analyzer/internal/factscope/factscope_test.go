package factscope

import (
	"path/filepath"
	"testing"
)

// TestStdPrivate: the standard library's internal and vendored packages
// are std-private; the same paths elsewhere (a module named without a dot,
// GOPATH fixtures, another tree) are not.
func TestStdPrivate(t *testing.T) {
	goroot := filepath.FromSlash("/usr/local/go")
	src := func(rel string) string { return filepath.Join(goroot, "src", filepath.FromSlash(rel)) }
	for _, tc := range []struct {
		path, file, goroot string
		want               bool
	}{
		{"crypto/internal/fips140cache", src("crypto/internal/fips140cache/cache.go"), goroot, true},
		{"internal/poll", src("internal/poll/fd.go"), goroot, true},
		{"vendor/golang.org/x/net/dns/dnsmessage", src("vendor/golang.org/x/net/dns/dnsmessage/message.go"), goroot, true},
		{"cmd/internal/obj", src("cmd/internal/obj/link.go"), goroot, true},
		{"os", src("os/file.go"), goroot, false},                                                  // std's API: importers outside std
		{"crypto/internal/fips140cache", src("crypto/internal/fips140cache/cache.go"), "", false}, // GOROOT unknown: export
		{"app/internal/fd", "/home/u/app/internal/fd/fd.go", goroot, false},
		{"lifetime/internal/x", "/repo/testdata/src/lifetime/internal/x/x.go", goroot, false},
		{"internal/x", filepath.Join(goroot, "..", "go-other", "src", "internal", "x", "x.go"), goroot, false},
	} {
		if got := stdPrivate(tc.path, tc.file, tc.goroot); got != tc.want {
			t.Errorf("stdPrivate(%q, %q, %q) = %v, want %v", tc.path, tc.file, tc.goroot, got, tc.want)
		}
	}
}
