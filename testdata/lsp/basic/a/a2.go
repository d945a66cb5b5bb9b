package a

// G is a second file of package a, for the test that opens it after a.go.
func G() { bad() }
