// Package chainc uses the chains of chaina through chainb: a third package
// that imports no weak package; its reports come from facts alone.
package chainc

import "referents/chainb"
import "referents/chaina"

func Names(n *chaina.Node) []string {
	return []string{
		chainb.Top(n).Name,    // want `possible nil dereference: chainb.Top\(n\) may return nil`
		chainb.Deep(n).Name,   // want `possible nil dereference: chainb.Deep\(n\) may return nil`
		chainb.Rec(n).Name,    // want `possible nil dereference: chainb.Rec\(n\) may return nil`
		chainb.Parent(n).Name, // want `possible nil dereference: chainb.Parent\(n\) may return nil`
		chainb.Safe(n).Name,
	}
}

func Checked(n *chaina.Node) string {
	if p := chainb.Deep(n); p != nil {
		return p.Name
	}
	return ""
}
