package vetgate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// goVetConfig has the fields of the go command's vet config (cmd/go's
// vetConfig), which the gate's config reads in part.
type goVetConfig struct {
	ID, Compiler, Dir, ImportPath             string
	GoFiles, NonGoFiles, IgnoredFiles         []string
	ModulePath, ModuleVersion                 string
	ImportMap, PackageFile                    map[string]string
	Standard                                  map[string]bool
	PackageVetx                               map[string]string
	VetxOnly                                  bool
	VetxOutput, Stdout, GoVersion, FixArchive string
	SucceedOnTypecheckFailure                 bool
}

// configDocs are config files as the go command writes them, and as it
// could: escapes, other letters, empty and missing fields.
func configDocs(t testing.TB) [][]byte {
	full := goVetConfig{
		ID: "net/http [net/http.test]", Compiler: "gc", Dir: "/src/net/http", ImportPath: "net/http",
		GoFiles:      []string{"/src/net/http/client.go", "/tmp/go-build1/b001/_cgo_gotypes.go", `/src/a "quoted" \ dir/é<&>.go`, "/src/tab\there/\u2028x.go", "/src/\U0001F600.go"},
		NonGoFiles:   []string{},
		IgnoredFiles: []string{"/src/net/http/x_windows.go"},
		ImportMap:    map[string]string{"golang.org/x/net/http2/hpack": "vendor/golang.org/x/net/http2/hpack", "a\nb": "c\x01d"},
		PackageFile:  map[string]string{"fmt": "/root/.cache/go-build/aa/aabb-d"},
		Standard:     map[string]bool{"fmt": true, "x": false},
		PackageVetx:  map[string]string{"fmt": "/tmp/go-build1/b002/vet.out"},
		VetxOnly:     true, VetxOutput: "/tmp/go-build1/b001/vet.out", Stdout: "/tmp/go-build1/b001/vet.stdout",
		GoVersion: "go1.26.8", SucceedOnTypecheckFailure: true,
	}
	var docs [][]byte
	for _, v := range []any{full, goVetConfig{}, map[string]any{}, map[string]any{"ID": "x", "Extra": []any{"a", true, false, nil, []any{}, map[string]any{"k": "v"}}}} {
		indented, err := json.MarshalIndent(v, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		compact, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, indented, compact)
	}
	return append(docs,
		[]byte(` { "ID" : "a\/b\u00e9\ud83d\ude00\b\f\n\r\t" , "GoFiles":[ ] } `),
		[]byte(`{"\u0049D": "spelled with an escape"}`),
		[]byte(`{"ID": "a", "GoFiles": ["a.go"], "ImportMap": {"a": "b"}, "Extra": null}`),
		[]byte(`{"ID": null, "GoFiles": null, "ImportMap": null, "VetxOnly": null}`),
	)
}

// unmarshalConfig is readConfig by encoding/json alone.
func unmarshalConfig(data []byte) (*config, error) {
	cfg := &config{data: data}
	err := json.Unmarshal(data, cfg)
	return cfg, err
}

// TestDecodeConfig checks that the config decoder decodes what the go
// command writes as encoding/json does, and leaves anything else to it.
func TestDecodeConfig(t *testing.T) {
	for _, data := range configDocs(t) {
		want, err := unmarshalConfig(data)
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		got := &config{data: data}
		if !decodeConfig(data, got) {
			t.Errorf("decodeConfig(%s) failed", data)
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("decodeConfig(%s) = %+v, want %+v", data, got, want)
		}
	}
	dir := t.TempDir()
	for _, doc := range []string{
		`{"id": "other case"}`,
		`{"ID": "a", "ID": "b"}`,
		`{"ImportMap": {"a": "b"}, "ImportMap": {"c": "d"}}`,
		`{"GoFiles": "a.go"}`,
		`{"VetxOnly": "true"}`,
		`{"ImportMap": {"a": 1}}`,
		`{"Extra": 1}`,
		`{"Extra": tru}`,
		`{"ID": "\ud800"}`,
		`{"ID": "\ud800\u0041"}`,
		"{\"ID\": \"\xff\"}",
		"{\"ID\": \"a\x01\"}",
		`{"ID": "\x"}`,
		`{"ID": "a"} x`,
		`{"ID": "a",}`,
		`{"ID" "a"}`,
		`{"ID": "a"`,
		`[]`,
		``,
	} {
		data := []byte(doc)
		if decodeConfig(data, &config{}) {
			t.Errorf("decodeConfig(%s) succeeded, want it left to encoding/json", doc)
		}
		name := filepath.Join(dir, "vet.cfg")
		if err := os.WriteFile(name, data, 0o666); err != nil {
			t.Fatal(err)
		}
		got, err := readConfig(name)
		want, wantErr := unmarshalConfig(data)
		if (err != nil) != (wantErr != nil) || err == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("readConfig(%s) = %+v, %v; want %+v, %v", doc, got, err, want, wantErr)
		}
	}
}

// FuzzDecodeConfig: whatever the config decoder accepts, encoding/json
// decodes alike.
func FuzzDecodeConfig(f *testing.F) {
	for _, data := range configDocs(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := &config{data: data}
		if !decodeConfig(data, got) {
			return
		}
		want, err := unmarshalConfig(data)
		if err != nil {
			t.Fatalf("decodeConfig accepted %q, which encoding/json rejects: %v", data, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeConfig(%q) = %+v, want %+v", data, got, want)
		}
	})
}
