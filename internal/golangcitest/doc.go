// Package golangcitest checks weaklint as a golangci-lint plugin end to end:
// its test builds golangci-lint v2.15.0 with the plugin the way `golangci-lint
// custom` does (golangci/cmd/customgcl, from the module proxy or cache, with
// the repository's .custom-gcl.yml), runs it with the fixture's
// .golangci.yml, and compares its findings with weaklint's. The README shows
// both files; the test checks that it shows them as they are.
package golangcitest
