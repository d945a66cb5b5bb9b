package strongcache

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/weaklint/weaklint/internal/weakapi"
)

// isOnceCall reports whether call is sync.(*Once).Do, sync.OnceFunc,
// sync.OnceValue or sync.OnceValues: its function argument runs once.
func isOnceCall(info *types.Info, call *ast.CallExpr) bool {
	fn := weakapi.Callee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return false
	}
	switch fn.Name() {
	case "Do":
		return weakapi.RecvTypeName(fn.Signature().Recv().Type()) == "Once"
	case "OnceFunc", "OnceValue", "OnceValues":
		return fn.Signature().Recv() == nil
	}
	return false
}

// runsOnce reports whether the code at cur runs in a function that runs
// once: a function literal passed to a once call, or a function declaration
// passed to one anywhere in the package.
func (ix *index) runsOnce(cur inspector.Cursor) bool {
	info := ix.pass.TypesInfo
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch fn := c.Node().(type) {
		case *ast.FuncLit:
			if call, ok := c.Parent().Node().(*ast.CallExpr); ok && isOnceCall(info, call) {
				return true
			}
		case *ast.FuncDecl:
			if obj, ok := info.Defs[fn.Name].(*types.Func); ok && ix.onceFuncs[obj] {
				return true
			}
		}
	}
	return false
}

// dropCalledElsewhere removes from onceFuncs the functions that the package
// also refers to outside code run once: drop, called from
// s.once.Do(func() { s.hub.drop(s.id) }) in Close but also from a cleanup,
// runs again and again. A reference in a function that is itself run once
// only counts as run once (to a fixed point).
func (ix *index) dropCalledElsewhere(in *inspector.Inspector) {
	if len(ix.onceFuncs) == 0 {
		return
	}
	// The references to the candidates, found in one walk of the
	// package; the fixed point goes over those only.
	info := ix.pass.TypesInfo
	var refs []inspector.Cursor
	for cur := range in.Root().Preorder((*ast.Ident)(nil)) {
		if fn, ok := info.Uses[cur.Node().(*ast.Ident)].(*types.Func); ok && ix.onceFuncs[fn.Origin()] {
			refs = append(refs, cur)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, cur := range refs {
			fn := info.Uses[cur.Node().(*ast.Ident)].(*types.Func).Origin()
			if !ix.onceFuncs[fn] || ix.runsOnce(cur) || isOnceArg(info, cur) {
				continue
			}
			delete(ix.onceFuncs, fn)
			changed = true
		}
	}
}
