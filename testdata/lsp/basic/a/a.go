package a

import "example.com/basic/b"

func bad()  {}
func good() {}

func F() {
	bad()
	b.Wrap()
}
