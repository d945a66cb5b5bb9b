package vetgate

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"

	"golang.org/x/tools/go/gcexportdata"
)

// A vetx file, as unitchecker writes and reads it, is
//
//	"vetx" | uint32le len(types) | uint32le len(facts) | types | facts
//
// where types is indexed export data (gcexportdata.Write without its 'i'
// prefix) and facts is the gob-encoded fact set, empty when the package has
// no facts (internal/facts: Set.Encode writes nothing for an empty set and
// Decoder.Decode skips empty data).
//
// A gated package writes a header only: no facts, and no types either,
// since it was never type-checked. Stock unitchecker cannot import such a
// package, so before a package goes down the stock path its gated direct
// dependencies are given full vetx files converted from the compiler's
// export data (see completeDeps).
const (
	vetxMagic      = "vetx"
	vetxHeaderSize = 12
)

// vetxHeader holds the lengths of a vetx file's two sections.
type vetxHeader struct {
	typesLen, factsLen uint32
}

// gated reports whether the file was written by the gate: it has no types.
func (h vetxHeader) gated() bool { return h.typesLen == 0 }

// readVetxHeader reads the section lengths of a vetx file without reading
// the sections themselves.
func readVetxHeader(filename string) (vetxHeader, error) {
	f, err := os.Open(filename)
	if err != nil {
		return vetxHeader{}, err
	}
	defer f.Close()
	var buf [vetxHeaderSize]byte
	if _, err := io.ReadFull(f, buf[:]); err != nil {
		return vetxHeader{}, fmt.Errorf("vetx file %s too short", filename)
	}
	if string(buf[:4]) != vetxMagic {
		return vetxHeader{}, fmt.Errorf("vetx file %s has bad magic", filename)
	}
	return vetxHeader{
		typesLen: binary.LittleEndian.Uint32(buf[4:8]),
		factsLen: binary.LittleEndian.Uint32(buf[8:12]),
	}, nil
}

// relevantPathStrings are the import paths of weak and runtimeweak as they
// appear in indexed export data: each string of its string section is its
// length (a uvarint) followed by its bytes. A package's export data holds
// every package-level declaration and the types they reach, so a package
// whose declarations can hold a weak pointer mentions one of these paths.
// The search can only err towards type-checking (an identifier spelled
// "weak" matches too).
var relevantPathStrings = func() [][]byte {
	var out [][]byte
	for path := range relevantImports {
		out = append(out, append(binary.AppendUvarint(nil, uint64(len(path))), path...))
	}
	return out
}()

// typesMentionRelevant reports whether the types section of a vetx file
// mentions the weak or runtimeweak package.
func typesMentionRelevant(filename string, h vetxHeader) (bool, error) {
	f, err := os.Open(filename)
	if err != nil {
		return false, err
	}
	defer f.Close()
	data := make([]byte, h.typesLen)
	if _, err := f.ReadAt(data, vetxHeaderSize); err != nil {
		return false, fmt.Errorf("vetx file %s: %v", filename, err)
	}
	for _, s := range relevantPathStrings {
		if bytes.Contains(data, s) {
			return true, nil
		}
	}
	return false, nil
}

// writeVetx writes a vetx file with the given sections.
func writeVetx(filename string, types, facts []byte) error {
	var buf bytes.Buffer
	buf.Grow(vetxHeaderSize + len(types) + len(facts))
	buf.WriteString(vetxMagic)
	buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(types))))
	buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(facts))))
	buf.Write(types)
	buf.Write(facts)
	return os.WriteFile(filename, buf.Bytes(), 0o666)
}

// vetxFromExportData converts the compiler's export data for package path
// (the .a file that go vet lists in PackageFile) into a vetx file without
// facts. Decoding export data is much cheaper than type-checking the source.
func vetxFromExportData(archive, path, out string) error {
	f, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	//lint:ignore SA1019 go vet's PackageFile entries are compiler archives, which only NewReader opens (until Go 1.29)
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return fmt.Errorf("reading export data for %q: %v", path, err)
	}
	fset := token.NewFileSet()
	pkg, err := gcexportdata.Read(r, fset, make(map[string]*types.Package), path)
	if err != nil {
		return fmt.Errorf("reading export data for %q: %v", path, err)
	}
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, fset, pkg); err != nil {
		return fmt.Errorf("writing export data for %q: %v", path, err)
	}
	data := buf.Bytes()
	if len(data) == 0 || data[0] != 'i' {
		return fmt.Errorf("writing export data for %q: unexpected format", path)
	}
	return writeVetx(out, data[1:], nil)
}
