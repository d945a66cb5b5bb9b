// Copyright 2021 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package typeparams is the part of golang.org/x/tools/internal/typeparams
// (x/tools v0.52.0) that weaklint's fork of go/ssa uses, copied unchanged:
// coretype.go, free.go, normalize.go, termlist.go and typeterm.go whole, and
// IsTypeParam from common.go.
package typeparams

import "go/types"

// IsTypeParam reports whether t is a type parameter (or an alias of one).
func IsTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}
