// Copyright 2023 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package versions replaces, for weaklint's fork of go/ssa, the four names
// of golang.org/x/tools/internal/versions (x/tools v0.52.0) that go/ssa
// uses. That package is itself a copy of the standard go/version, which these
// call; the semantics (an empty version is an unknown future one) are those
// of x/tools' features.go and types.go.
package versions

import (
	"go/ast"
	"go/types"
	"go/version"
)

// Go1_22 is the release that gave each iteration of a for loop its own
// variables.
const Go1_22 = "go1.22"

// Future is an invalid unknown Go version sometime in the future.
const Future = ""

// Lang returns the Go language version for version x ("go1.22" for
// "go1.22.3"), or "" if x is not valid.
func Lang(x string) string { return version.Lang(x) }

// AtLeast reports whether the file version v comes after a Go release.
// An unknown future version is after every release.
func AtLeast(v, release string) bool {
	if v == Future {
		return true
	}
	return version.Compare(version.Lang(v), version.Lang(release)) >= 0
}

// FileVersion returns a file's Go version as type-checking recorded it,
// or Future when none (or an invalid one) was recorded.
func FileVersion(info *types.Info, file *ast.File) string {
	if v := info.FileVersions[file]; version.IsValid(v) {
		return v
	}
	return Future
}
