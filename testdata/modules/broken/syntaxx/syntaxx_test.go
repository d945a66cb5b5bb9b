package syntaxx_test

import (
	"testing"

	"example.com/broken/syntaxx"
)

func TestF(t *testing.T) { syntaxx.F() }
