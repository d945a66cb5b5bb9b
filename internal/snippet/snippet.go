// Package snippet reads the code blocks of the README that tests run, so that
// what the README tells users to write is what the tests check.
//
// A block is named by an HTML comment (invisible on GitHub) on the line
// before its opening fence:
//
//	<!-- snippet: .golangci.yml -->
//	```yaml
//	...
//	```
package snippet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// README returns the block called name in the first README.md found in dir
// or above it.
func README(dir, name string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if data, err := os.ReadFile(filepath.Join(d, "README.md")); err == nil {
			return Find(string(data), name)
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no README.md in %s or above", dir)
		}
	}
}

// Find returns the code block of markdown named name.
func Find(markdown, name string) (string, error) {
	anchor := "<!-- snippet: " + name + " -->"
	i := strings.Index(markdown, anchor)
	if i < 0 {
		return "", fmt.Errorf("no %s in the README", anchor)
	}
	rest := markdown[i+len(anchor):]
	rest = strings.TrimLeft(rest, "\r\n")
	if !strings.HasPrefix(rest, "```") {
		return "", fmt.Errorf("%s is not followed by a code block", anchor)
	}
	_, body, ok := strings.Cut(rest, "\n")
	if !ok {
		return "", fmt.Errorf("%s: unterminated code block", anchor)
	}
	end := strings.Index(body, "\n```")
	if end < 0 {
		return "", fmt.Errorf("%s: unterminated code block", anchor)
	}
	return body[:end+1], nil
}
