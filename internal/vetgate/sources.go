package vetgate

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
)

// unitSources holds what the gate has read and parsed of a unit's Go
// files, so that each file is read once and parsed whole at most once
// however many of the gate's readers look at it: the relevance test
// (fileRelevance) and the facts written from syntax (nilSafeFacts). On go
// vet std the second read and parse of a root unit's files cost more than
// the first.
type unitSources struct {
	fset  *token.FileSet
	names []string
	data  [][]byte
	info  []fileStamp // of the file as it was read
	err   []error     // from reading the file
	whole []*ast.File // the whole file, parsed, or nil if not yet
	perr  []error     // from parsing the whole file
}

func newUnitSources(names []string) *unitSources {
	n := len(names)
	return &unitSources{
		fset:  token.NewFileSet(),
		names: names,
		data:  make([][]byte, n),
		info:  make([]fileStamp, n),
		err:   make([]error, n),
		whole: make([]*ast.File, n),
		perr:  make([]error, n),
	}
}

// read returns the contents of file i.
func (s *unitSources) read(i int) ([]byte, error) {
	if s.data[i] == nil && s.err[i] == nil {
		s.data[i], s.info[i], s.err[i] = readWhole(s.names[i])
	}
	return s.data[i], s.err[i]
}

// spells reports whether file i's text contains text (false if the file
// cannot be read: fileRelevance says so).
func (s *unitSources) spells(i int, text string) bool {
	data, err := s.read(i)
	return err == nil && bytes.Contains(data, []byte(text))
}

// stat returns the stamp of file i as it was read (its size and
// modification time name its contents in syntaxKey).
func (s *unitSources) stat(i int) (fileStamp, error) {
	if _, err := s.read(i); err != nil {
		return fileStamp{}, err
	}
	return s.info[i], nil
}

// parse returns file i parsed whole, without object resolution (and with
// comments if mode asks for them the first time it is parsed: a file with
// comments serves the readers that do not need them).
func (s *unitSources) parse(i int, mode parser.Mode) (*ast.File, error) {
	if s.whole[i] == nil && s.perr[i] == nil {
		data, err := s.read(i)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(s.fset, s.names[i], data, mode|parser.SkipObjectResolution)
		if err != nil {
			s.perr[i] = err // the partial file is no one's
		} else {
			s.whole[i] = f
		}
	}
	return s.whole[i], s.perr[i]
}

// imports returns file i parsed up to its imports: the whole file if it has
// been parsed already.
func (s *unitSources) imports(i int) (*ast.File, error) {
	if s.whole[i] != nil {
		return s.whole[i], nil
	}
	data, err := s.read(i)
	if err != nil {
		return nil, err
	}
	return parser.ParseFile(s.fset, s.names[i], data, parser.ImportsOnly)
}
