package vetgate

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeConfig decodes a unit's config file (as the go command writes it:
// an object of strings, booleans, arrays of strings and objects of strings)
// into cfg, as json.Unmarshal would, or reports false if the file holds
// anything else: a field the gate reads but of another type or twice, a
// field named like one of them in another case (which json.Unmarshal
// would match), a number, malformed JSON. The caller then uses
// encoding/json, whose reflection-driven decoding cost about as much CPU as
// the rest of reading the file in each of go vet std's ~1400 units (this
// decoder takes a half to a third of its time).
func decodeConfig(data []byte, cfg *config) bool {
	d := configDecoder{data: data}
	return d.config(cfg)
}

type configDecoder struct {
	data []byte
	pos  int
}

// configFields are the fields of config that the JSON file sets.
var configFields = []string{"ID", "Dir", "ImportPath", "GoFiles", "NonGoFiles", "IgnoredFiles", "ImportMap", "PackageFile", "PackageVetx", "VetxOnly", "VetxOutput", "Stdout", "FixArchive"}

func (d *configDecoder) config(cfg *config) bool {
	var seen uint32 // the configFields set, by index
	if !d.consume('{') {
		return false
	}
	if !d.consume('}') {
		for {
			key, ok := d.string()
			if !ok || !d.consume(':') {
				return false
			}
			if i := slices.Index(configFields, key); i >= 0 {
				if seen&(1<<i) != 0 {
					return false // json.Unmarshal would merge maps
				}
				seen |= 1 << i
			}
			if !d.field(cfg, key) {
				return false
			}
			if d.consume(',') {
				continue
			}
			if !d.consume('}') {
				return false
			}
			break
		}
	}
	d.space()
	return d.pos == len(d.data)
}

// field decodes the value of the config's field key.
func (d *configDecoder) field(cfg *config, key string) bool {
	if slices.Contains(configFields, key) && d.null() {
		// As json.Unmarshal: nil for a slice or map, no change for a
		// string or boolean.
		switch key {
		case "GoFiles":
			cfg.GoFiles = nil
		case "NonGoFiles":
			cfg.NonGoFiles = nil
		case "IgnoredFiles":
			cfg.IgnoredFiles = nil
		case "ImportMap":
			cfg.ImportMap = nil
		case "PackageFile":
			cfg.PackageFile = nil
		case "PackageVetx":
			cfg.PackageVetx = nil
		}
		return true
	}
	var ok bool
	switch key {
	case "ID":
		cfg.ID, ok = d.string()
	case "Dir":
		cfg.Dir, ok = d.string()
	case "ImportPath":
		cfg.ImportPath, ok = d.string()
	case "VetxOutput":
		cfg.VetxOutput, ok = d.string()
	case "Stdout":
		cfg.Stdout, ok = d.string()
	case "FixArchive":
		cfg.FixArchive, ok = d.string()
	case "GoFiles":
		cfg.GoFiles, ok = d.strings()
	case "NonGoFiles":
		cfg.NonGoFiles, ok = d.strings()
	case "IgnoredFiles":
		cfg.IgnoredFiles, ok = d.strings()
	case "ImportMap":
		cfg.ImportMap, ok = d.stringMap()
	case "PackageFile":
		cfg.PackageFile, ok = d.stringMap()
	case "PackageVetx":
		cfg.PackageVetx, ok = d.stringMap()
	case "VetxOnly":
		cfg.VetxOnly, ok = d.bool()
	default:
		for _, f := range configFields {
			if strings.EqualFold(f, key) {
				return false // json.Unmarshal would set f
			}
		}
		ok = d.skip(0)
	}
	return ok
}

// space skips white space.
func (d *configDecoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// consume skips white space and c, if c is next, and reports whether it was.
func (d *configDecoder) consume(c byte) bool {
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == c {
		d.pos++
		return true
	}
	return false
}

// peek skips white space and returns the next byte (0 at the end).
func (d *configDecoder) peek() byte {
	d.space()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

func (d *configDecoder) bool() (bool, bool) {
	d.space()
	for _, lit := range []string{"true", "false"} {
		if bytes.HasPrefix(d.data[d.pos:], []byte(lit)) {
			d.pos += len(lit)
			return lit == "true", true
		}
	}
	return false, false
}

// null skips white space and null, if null is next, and reports whether
// it was.
func (d *configDecoder) null() bool {
	if d.peek() == 'n' && bytes.HasPrefix(d.data[d.pos:], []byte("null")) {
		d.pos += len("null")
		return true
	}
	return false
}

// string decodes a JSON string. Invalid UTF-8, which json.Unmarshal
// replaces, is left to it.
func (d *configDecoder) string() (string, bool) {
	if !d.consume('"') {
		return "", false
	}
	start := d.pos
	for d.pos < len(d.data) { // the common case: nothing to unescape
		c := d.data[d.pos]
		if c == '"' {
			s := string(d.data[start:d.pos])
			d.pos++
			return s, true
		}
		if c == '\\' || c < ' ' || c >= utf8.RuneSelf {
			break
		}
		d.pos++
	}
	buf := []byte(string(d.data[start:d.pos]))
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(buf), true
		case c < ' ':
			return "", false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d.data[d.pos:])
			if r == utf8.RuneError && size == 1 {
				return "", false
			}
			buf = append(buf, d.data[d.pos:d.pos+size]...)
			d.pos += size
		case c != '\\':
			buf = append(buf, c)
			d.pos++
		default:
			if d.pos+1 >= len(d.data) {
				return "", false
			}
			e := d.data[d.pos+1]
			d.pos += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := d.hex4()
				if !ok {
					return "", false
				}
				if utf16.IsSurrogate(r) {
					// A pair, or else json.Unmarshal's replacement
					// character, left to it.
					if !bytes.HasPrefix(d.data[d.pos:], []byte(`\u`)) {
						return "", false
					}
					d.pos += 2
					r2, ok := d.hex4()
					if r = utf16.DecodeRune(r, r2); !ok || r == utf8.RuneError {
						return "", false
					}
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", false
			}
		}
	}
	return "", false
}

// hex4 decodes the four hexadecimal digits of a \u escape.
func (d *configDecoder) hex4() (rune, bool) {
	if d.pos+4 > len(d.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(d.data[d.pos:d.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	d.pos += 4
	return rune(n), true
}

// strings decodes an array of strings (empty, not nil, for [], as
// json.Unmarshal).
func (d *configDecoder) strings() ([]string, bool) {
	if !d.consume('[') {
		return nil, false
	}
	list := []string{}
	if d.consume(']') {
		return list, true
	}
	for {
		s, ok := d.string()
		if !ok {
			return nil, false
		}
		list = append(list, s)
		if d.consume(',') {
			continue
		}
		return list, d.consume(']')
	}
}

// stringMap decodes an object of strings (empty, not nil, for {}, as
// json.Unmarshal; a key given twice keeps its last value, as there).
func (d *configDecoder) stringMap() (map[string]string, bool) {
	if !d.consume('{') {
		return nil, false
	}
	m := map[string]string{}
	if d.consume('}') {
		return m, true
	}
	for {
		k, ok := d.string()
		if !ok || !d.consume(':') {
			return nil, false
		}
		v, ok := d.string()
		if !ok {
			return nil, false
		}
		m[k] = v
		if d.consume(',') {
			continue
		}
		return m, d.consume('}')
	}
}

// skip skips the value of a field that the gate does not read: what the go
// command writes there (strings, booleans, and arrays and objects of them)
// but numbers, which it does not write.
func (d *configDecoder) skip(depth int) bool {
	if depth > 8 {
		return false
	}
	switch d.peek() {
	case '"':
		_, ok := d.string()
		return ok
	case 't', 'f':
		_, ok := d.bool()
		return ok
	case 'n':
		return d.null()
	case '[':
		d.pos++
		if d.consume(']') {
			return true
		}
		for {
			if !d.skip(depth + 1) {
				return false
			}
			if d.consume(',') {
				continue
			}
			return d.consume(']')
		}
	case '{':
		d.pos++
		if d.consume('}') {
			return true
		}
		for {
			if _, ok := d.string(); !ok || !d.consume(':') || !d.skip(depth+1) {
				return false
			}
			if d.consume(',') {
				continue
			}
			return d.consume('}')
		}
	}
	return false
}
