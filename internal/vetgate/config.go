package vetgate

import (
	"encoding/json"
	"fmt"
	"os"
)

// config is the part of the go vet unit description (unitchecker.Config) that
// the gate reads or rewrites. Unknown fields are kept verbatim in raw so that
// a rewritten file says everything the original said.
type config struct {
	ID          string
	ImportPath  string
	GoFiles     []string
	ImportMap   map[string]string
	PackageFile map[string]string
	PackageVetx map[string]string
	VetxOnly    bool
	VetxOutput  string
	Stdout      string
	FixArchive  string

	raw map[string]json.RawMessage
}

func readConfig(filename string) (*config, error) {
	data, err := os.ReadFile(filename)
	if err != nil {
		return nil, err
	}
	cfg := new(config)
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("cannot decode JSON config file %s: %v", filename, err)
	}
	if err := json.Unmarshal(data, &cfg.raw); err != nil {
		return nil, fmt.Errorf("cannot decode JSON config file %s: %v", filename, err)
	}
	return cfg, nil
}

// writeWithVetx writes a copy of the original config file with PackageVetx
// replaced by vetx.
func (cfg *config) writeWithVetx(filename string, vetx map[string]string) error {
	out := make(map[string]json.RawMessage, len(cfg.raw))
	for k, v := range cfg.raw {
		out[k] = v
	}
	m, err := json.Marshal(vetx)
	if err != nil {
		return err
	}
	out["PackageVetx"] = m
	data, err := json.MarshalIndent(out, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(filename, data, 0o666)
}
