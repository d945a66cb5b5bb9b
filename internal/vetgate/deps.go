package vetgate

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
)

// completeDeps makes the unit's config usable by stock unitchecker: every
// direct dependency that the gate skipped (its vetx file has no types) gets a
// complete vetx file built from the compiler's export data, which go vet
// lists in PackageFile because it compiles all dependencies. It returns the
// name of the config file to run: cfgFile itself when nothing was skipped.
func completeDeps(cfg *config, cfgFile string) (string, error) {
	var gated []string
	for path, file := range cfg.PackageVetx {
		h, err := readVetxHeader(file)
		if err != nil {
			return cfgFile, nil // unitchecker reports it
		}
		if h.gated() {
			gated = append(gated, path)
		}
	}
	if len(gated) == 0 {
		return cfgFile, nil
	}
	sort.Strings(gated)

	// Write next to the unit's own outputs, in go vet's work directory for
	// the package, which the go command removes.
	dir := filepath.Dir(cfg.VetxOutput)
	if cfg.VetxOutput == "" {
		var err error
		if dir, err = os.MkdirTemp("", "weaklint-vet"); err != nil {
			return "", err
		}
	}
	vetx := make(map[string]string, len(cfg.PackageVetx))
	for path, file := range cfg.PackageVetx {
		vetx[path] = file
	}
	errs := make([]error, len(gated))
	var wg sync.WaitGroup
	for i, path := range gated {
		archive, ok := cfg.PackageFile[path]
		if !ok {
			return "", fmt.Errorf("%s: no export data for dependency %s (run with WEAKLINT_NOGATE=1)", cfg.ImportPath, path)
		}
		out := filepath.Join(dir, "weaklint-dep"+strconv.Itoa(i)+".vetx")
		vetx[path] = out
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = vetxFromExportData(archive, path, out)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return "", fmt.Errorf("%s: %v", cfg.ImportPath, err)
		}
	}
	newFile := filepath.Join(dir, "weaklint-vet.cfg")
	if err := cfg.writeWithVetx(newFile, vetx); err != nil {
		return "", err
	}
	return newFile, nil
}
