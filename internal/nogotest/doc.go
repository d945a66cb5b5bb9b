// Package nogotest checks that weaklint's analyzers run under Bazel's nogo
// as rules_go runs them: one process per package, the analyzers' facts
// passed from package to package in files. Its test builds rules_go's own
// nogo driver (downloaded from the module proxy, never committed) with the
// analyzer list that rules_go's generator writes from the README's nogo
// target and configuration, and compares its findings with weaklint's.
package nogotest
