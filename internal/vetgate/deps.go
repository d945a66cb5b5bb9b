package vetgate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
)

// completeDeps makes the unit's config usable by stock unitchecker: every
// direct dependency that the gate answered (its vetx file has no types) gets
// a complete vetx file: types built from its export data, which go vet
// lists in PackageFile because it compiles all dependencies, and the facts
// of its vetx file. It returns the name of the config file to run: cfgFile
// itself when the gate answered no dependency.
//
// A skipped package imported by many packages that are type-checked (errors,
// io, sync...) would be converted once for each of them; the converted files
// are therefore shared by every unit of the go vet run, in a directory of go
// vet's work directory (typesCache).
func completeDeps(cfg *config, cfgFile string) (string, error) {
	var gated []string
	facts := make(map[string][]byte)
	for path, file := range cfg.PackageVetx {
		h, err := readVetxHeader(file)
		if err != nil {
			return cfgFile, nil // unitchecker reports it
		}
		if h.gated() {
			gated = append(gated, path)
			if facts[path], err = readVetxFacts(file, h); err != nil {
				return cfgFile, nil // unitchecker reports it
			}
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
	cache := typesCache(cfg)
	vetx := make(map[string]string, len(cfg.PackageVetx))
	for path, file := range cfg.PackageVetx {
		vetx[path] = file
	}
	errs := make([]error, len(gated))
	var wg sync.WaitGroup
	for i, path := range gated {
		archive, ok := cfg.PackageFile[path]
		if !ok {
			return "", fmt.Errorf("%s: no export data for dependency %s (run with %s=1)", cfg.ImportPath, path, NoGateEnv)
		}
		out := filepath.Join(dir, "weaklint-dep"+strconv.Itoa(i)+".vetx")
		if cache != "" {
			out = cache.file(archive, path, facts[path])
			if _, err := os.Stat(out); err == nil {
				vetx[path] = out // converted by another unit
				continue
			}
		}
		vetx[path] = out
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = cache.convert(archive, path, facts[path], out)
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

// A cacheDir holds the vetx files converted from dependencies' export data
// during one run of go vet, or is "" for none.
type cacheDir string

// typesCache returns the cache directory of this run of go vet, creating
// it, or "" when the unit's outputs are not in a go vet work directory,
// which is the cache's lifetime (the go command removes it when it exits).
func typesCache(cfg *config) cacheDir {
	work := runWorkDir(cfg)
	if work == "" {
		return ""
	}
	dir := filepath.Join(work, "weaklint-types")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return ""
	}
	return cacheDir(dir)
}

// file returns the name of the converted vetx file for package path whose
// export data is in archive and whose unit wrote facts. Within one run an
// archive's name designates its content: go vet's compiled dependencies are
// either in the build cache, named by a hash of their content, or in a
// directory of the work directory that belongs to one package.
func (c cacheDir) file(archive, path string, facts []byte) string {
	f := sha256.Sum256(facts)
	h := sha256.Sum256([]byte(archive + "\x00" + path + "\x00" + string(f[:])))
	return filepath.Join(string(c), hex.EncodeToString(h[:16])+".vetx")
}

// convert writes the vetx file for package path from its export data.
// Another unit may convert the same package at the same time: each writes a
// file of its own and renames it into place, so that a reader never sees a
// partial file (both files are the same).
func (c cacheDir) convert(archive, path string, facts []byte, out string) error {
	if c == "" {
		return vetxFromExportData(archive, path, facts, out)
	}
	tmp, err := os.CreateTemp(string(c), "tmp-*.vetx")
	if err != nil {
		return err
	}
	tmp.Close()
	if err := vetxFromExportData(archive, path, facts, tmp.Name()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), out)
}
