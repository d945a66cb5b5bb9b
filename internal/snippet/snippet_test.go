package snippet

import "testing"

func TestFind(t *testing.T) {
	md := "text\n<!-- snippet: a.json -->\n```json\n{\"x\": 1}\n```\n<!-- snippet: b -->\nno block\n<!-- snippet: c -->\n```\nopen\n"
	if got, err := Find(md, "a.json"); err != nil || got != "{\"x\": 1}\n" {
		t.Errorf("a.json: %q, %v", got, err)
	}
	for _, name := range []string{"b", "c", "missing"} {
		if got, err := Find(md, name); err == nil {
			t.Errorf("%s: %q, want an error", name, got)
		}
	}
}
