// Package chainb continues chaina's chains in a second package, declared
// caller-first.
package chainb

import "referents/chaina"

func Top(n *chaina.Node) *chaina.Node    { return middle(n) }      // want Top:"maybeNil\\(0\\)"
func middle(n *chaina.Node) *chaina.Node { return chaina.Up29(n) } // want middle:"maybeNil\\(0\\)"

func Deep(n *chaina.Node) *chaina.Node { return chaina.Down29(n) } // want Deep:"maybeNil\\(0\\)"

func Rec(n *chaina.Node) *chaina.Node { return chaina.Even(n, 6) } // want Rec:"maybeNil\\(0\\)"

func Parent(n *chaina.Node) *chaina.Node { return n.Parent() } // want Parent:"maybeNil\\(0\\)"

func Safe(n *chaina.Node) *chaina.Node { return n.Checked() }
