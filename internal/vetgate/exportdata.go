package vetgate

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/gcexportdata"
)

// vetxFromExportData converts the export data for package path in file
// (what go vet lists in PackageFile) into a vetx file with the given facts
// section. Decoding export data is much cheaper than type-checking the
// source.
func vetxFromExportData(file, path string, facts []byte, out string) error {
	data, err := readExportData(file)
	if err != nil {
		return fmt.Errorf("reading export data for %q: %v", path, err)
	}
	fset := token.NewFileSet()
	pkg, err := gcexportdata.Read(bytes.NewReader(data), fset, make(map[string]*types.Package), path)
	if err != nil {
		return fmt.Errorf("%v (weaklint was built with golang.org/x/tools %s; run with %s=1 or rebuild it with a newer one)", err, xtoolsChecked, NoGateEnv)
	}
	typesData, err := vetxTypes(fset, pkg)
	if err != nil {
		return fmt.Errorf("writing export data for %q: %v", path, err)
	}
	return writeVetx(out, typesData, facts)
}

// readExportData returns the export data held in file, for gcexportdata.Read,
// which takes the unified export data that the compiler writes (format 'u')
// and the indexed export data of gcexportdata.Write and, from Go 1.28, of go
// list -export's cmd/export (format 'i'), but not the archive around it.
//
// The compiler writes its export data into a Unix archive (the .a files in
// go vet's PackageFile, which are also go list -export's Export files up to
// Go 1.27): the first member, __.PKGDEF, holds header lines, the first of
// which starts with "go object ", then the line "$$B", the export data and
// the end-of-section marker "\n$$\n". Any other file is read as export data
// alone.
func readExportData(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	const (
		archiveMagic = "!<arch>\n"
		headerSize   = 60 // name[16] date[12] uid[6] gid[6] mode[8] size[10] "`\n"
	)
	var start [len(archiveMagic) + headerSize]byte
	n, err := io.ReadFull(f, start[:])
	if string(start[:min(n, len(archiveMagic))]) != archiveMagic {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		return io.ReadAll(f) // export data alone
	}
	if err != nil {
		return nil, errors.New("truncated archive")
	}
	hdr := start[len(archiveMagic):]
	name := strings.TrimRight(string(hdr[:16]), " ")
	size, err := strconv.ParseInt(strings.TrimSpace(string(hdr[48:58])), 10, 64)
	if name != "__.PKGDEF" || string(hdr[58:60]) != "`\n" || err != nil || size <= 0 {
		return nil, errors.New("archive without package definition (__.PKGDEF)")
	}
	member := make([]byte, size)
	if _, err := io.ReadFull(f, member); err != nil {
		return nil, fmt.Errorf("truncated package definition: %v", err)
	}
	const (
		objectHeader = "go object "
		dataHeader   = "\n$$B\n"
		endMarker    = "\n$$\n"
	)
	i := bytes.Index(member, []byte(dataHeader))
	end := len(member) - len(endMarker)
	if !bytes.HasPrefix(member, []byte(objectHeader)) || i < 0 || !bytes.HasSuffix(member, []byte(endMarker)) || i+len(dataHeader) >= end {
		return nil, errors.New("package definition without binary export data")
	}
	return member[i+len(dataHeader) : end], nil
}
