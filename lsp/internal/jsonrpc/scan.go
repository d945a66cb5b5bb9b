package jsonrpc

import "fmt"

// scanner finds the end of one JSON object or array arriving in pieces, and
// checks its syntax on the way, in one pass over the bytes and with bounded
// nesting: the JSON decoders that later decode the message (the protocol
// library's among them) recurse once per level, and some cost more than
// linear time in the depth. A message nested deeper than maxDepth is
// refused before any of them sees it.
//
// The top-level value must be an object or an array: a JSON-RPC message is
// one of those, and a container ends with a byte of its own, so the scanner
// never has to read past the value to know that it ended.
type scanner struct {
	maxDepth int
	stack    []byte // '{' or '[' of each open container
	state    scanState
	key      bool   // the string being scanned is an object key
	lit      string // the rest of the literal being scanned (true, false, null)
	hex      int    // hex digits left in a \u escape
}

type scanState uint8

const (
	sBegin     scanState = iota // before the top-level value
	sValue                      // a value must follow
	sObjFirst                   // after '{': a key or '}'
	sObjKey                     // after ',' in an object: a key
	sColon                      // after a key
	sArrFirst                   // after '[': a value or ']'
	sAfter                      // after a value: ',' or the container's end
	sString                     // inside a string
	sEscape                     // after '\' in a string
	sHex                        // in the digits of \uXXXX
	sLiteral                    // in true, false or null
	sMinus                      // after '-': a digit
	sZero                       // after a leading 0
	sInt                        // in the integer part
	sFracStart                  // after '.': a digit
	sFrac                       // in the fraction
	sExpStart                   // after 'e': a sign or a digit
	sExpSign                    // after the exponent's sign: a digit
	sExp                        // in the exponent
	sDone                       // the top-level value ended
)

func newScanner(maxDepth int) *scanner { return &scanner{maxDepth: maxDepth} }

// scan consumes data, the next bytes of the message. It returns how many
// bytes it consumed and whether the value ended with the last of them; on a
// syntax error it returns the offset of the offending byte in data.
func (s *scanner) scan(data []byte) (n int, done bool, err error) {
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch s.state {
		case sString:
			// The common case, in a tight loop: plain string bytes.
			for ; i < len(data); i++ {
				c = data[i]
				if c == '"' || c == '\\' || c < 0x20 {
					break
				}
			}
			if i == len(data) {
				return i, false, nil
			}
			switch {
			case c == '"':
				if s.key {
					s.key, s.state = false, sColon
				} else {
					s.state = sAfter
				}
			case c == '\\':
				s.state = sEscape
			default:
				return i, false, fmt.Errorf("control character %#x in a string", c)
			}
		case sEscape:
			switch c {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.state = sString
			case 'u':
				s.state, s.hex = sHex, 4
			default:
				return i, false, fmt.Errorf("invalid escape \\%c in a string", c)
			}
		case sHex:
			if !isHex(c) {
				return i, false, fmt.Errorf("invalid \\u escape in a string")
			}
			if s.hex--; s.hex == 0 {
				s.state = sString
			}
		case sLiteral:
			if c != s.lit[0] {
				return i, false, fmt.Errorf("invalid literal")
			}
			if s.lit = s.lit[1:]; s.lit == "" {
				s.state = sAfter
			}
		case sMinus:
			switch {
			case c == '0':
				s.state = sZero
			case '1' <= c && c <= '9':
				s.state = sInt
			default:
				return i, false, fmt.Errorf("invalid number")
			}
		case sInt, sZero, sFrac, sExp:
			switch {
			case s.state == sInt && isDigit(c), s.state == sFrac && isDigit(c), s.state == sExp && isDigit(c):
			case (s.state == sInt || s.state == sZero) && c == '.':
				s.state = sFracStart
			case s.state != sExp && (c == 'e' || c == 'E'):
				s.state = sExpStart
			default:
				// The number ended: this byte follows it.
				s.state = sAfter
				i--
			}
		case sFracStart:
			if !isDigit(c) {
				return i, false, fmt.Errorf("invalid number")
			}
			s.state = sFrac
		case sExpStart:
			switch {
			case c == '+' || c == '-':
				s.state = sExpSign
			case isDigit(c):
				s.state = sExp
			default:
				return i, false, fmt.Errorf("invalid number")
			}
		case sExpSign:
			if !isDigit(c) {
				return i, false, fmt.Errorf("invalid number")
			}
			s.state = sExp
		default:
			if isSpace(c) {
				continue
			}
			ended, err := s.structural(c)
			if err != nil {
				return i, false, err
			}
			if ended {
				return i + 1, true, nil
			}
		}
	}
	return len(data), false, nil
}

// structural handles a byte that is not white space outside strings,
// numbers and literals.
func (s *scanner) structural(c byte) (ended bool, err error) {
	switch s.state {
	case sBegin:
		if c != '{' && c != '[' {
			return false, fmt.Errorf("a message must be a JSON object, not text starting with %q", c)
		}
		return false, s.open(c)
	case sObjFirst, sObjKey:
		switch {
		case c == '"':
			s.state, s.key = sString, true
		case c == '}' && s.state == sObjFirst:
			return s.close()
		default:
			return false, fmt.Errorf("invalid character %q where an object key belongs", c)
		}
	case sColon:
		if c != ':' {
			return false, fmt.Errorf("invalid character %q after an object key", c)
		}
		s.state = sValue
	case sAfter:
		top := s.stack[len(s.stack)-1]
		switch {
		case c == ',' && top == '{':
			s.state = sObjKey
		case c == ',':
			s.state = sValue
		case c == '}' && top == '{', c == ']' && top == '[':
			return s.close()
		default:
			return false, fmt.Errorf("invalid character %q after a value", c)
		}
	case sValue, sArrFirst:
		switch {
		case c == ']' && s.state == sArrFirst:
			return s.close()
		case c == '{' || c == '[':
			return false, s.open(c)
		case c == '"':
			s.state = sString
		case c == '-':
			s.state = sMinus
		case c == '0':
			s.state = sZero
		case '1' <= c && c <= '9':
			s.state = sInt
		case c == 't':
			s.state, s.lit = sLiteral, "rue"
		case c == 'f':
			s.state, s.lit = sLiteral, "alse"
		case c == 'n':
			s.state, s.lit = sLiteral, "ull"
		default:
			return false, fmt.Errorf("invalid character %q where a value belongs", c)
		}
	case sDone:
		return false, fmt.Errorf("the value ended already")
	}
	return false, nil
}

func (s *scanner) open(c byte) error {
	if len(s.stack) >= s.maxDepth {
		return fmt.Errorf("JSON nested deeper than %d levels", s.maxDepth)
	}
	s.stack = append(s.stack, c)
	if c == '{' {
		s.state = sObjFirst
	} else {
		s.state = sArrFirst
	}
	return nil
}

func (s *scanner) close() (ended bool, err error) {
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.state = sDone
		return true, nil
	}
	s.state = sAfter
	return false, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
