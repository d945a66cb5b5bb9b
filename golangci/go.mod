module github.com/weaklint/weaklint/golangci

go 1.26.0

require (
	github.com/golangci/plugin-module-register v0.1.2
	github.com/weaklint/weaklint v0.0.0-00010101000000-000000000000
	golang.org/x/tools v0.52.0
)

require go.yaml.in/yaml/v3 v3.0.5

// Development: the core module from this checkout. A replace in a
// dependency's go.mod is not seen by the module that builds golangci-lint,
// which is why .custom-gcl.yml names the core too (see the README).
replace github.com/weaklint/weaklint => ../
