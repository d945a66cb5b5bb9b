// Package chaina holds call chains of 30 functions that forward a weak
// referent unchecked, declared callee-first and caller-first: the summary of
// every link must be found whatever the order (issue 9).
package chaina

import "weak"

type Node struct {
	Name string
	ref  weak.Pointer[Node]
}

// Callee-first: up0 is the source, up29 the outermost caller.
func up0(n *Node) *Node  { return n.ref.Value() } // want up0:"maybeNil\\(0\\)"
func up1(n *Node) *Node  { return up0(n) }        // want up1:"maybeNil\\(0\\)"
func up2(n *Node) *Node  { return up1(n) }        // want up2:"maybeNil\\(0\\)"
func up3(n *Node) *Node  { return up2(n) }        // want up3:"maybeNil\\(0\\)"
func up4(n *Node) *Node  { return up3(n) }        // want up4:"maybeNil\\(0\\)"
func up5(n *Node) *Node  { return up4(n) }        // want up5:"maybeNil\\(0\\)"
func up6(n *Node) *Node  { return up5(n) }        // want up6:"maybeNil\\(0\\)"
func up7(n *Node) *Node  { return up6(n) }        // want up7:"maybeNil\\(0\\)"
func up8(n *Node) *Node  { return up7(n) }        // want up8:"maybeNil\\(0\\)"
func up9(n *Node) *Node  { return up8(n) }        // want up9:"maybeNil\\(0\\)"
func up10(n *Node) *Node { return up9(n) }        // want up10:"maybeNil\\(0\\)"
func up11(n *Node) *Node { return up10(n) }       // want up11:"maybeNil\\(0\\)"
func up12(n *Node) *Node { return up11(n) }       // want up12:"maybeNil\\(0\\)"
func up13(n *Node) *Node { return up12(n) }       // want up13:"maybeNil\\(0\\)"
func up14(n *Node) *Node { return up13(n) }       // want up14:"maybeNil\\(0\\)"
func up15(n *Node) *Node { return up14(n) }       // want up15:"maybeNil\\(0\\)"
func up16(n *Node) *Node { return up15(n) }       // want up16:"maybeNil\\(0\\)"
func up17(n *Node) *Node { return up16(n) }       // want up17:"maybeNil\\(0\\)"
func up18(n *Node) *Node { return up17(n) }       // want up18:"maybeNil\\(0\\)"
func up19(n *Node) *Node { return up18(n) }       // want up19:"maybeNil\\(0\\)"
func up20(n *Node) *Node { return up19(n) }       // want up20:"maybeNil\\(0\\)"
func up21(n *Node) *Node { return up20(n) }       // want up21:"maybeNil\\(0\\)"
func up22(n *Node) *Node { return up21(n) }       // want up22:"maybeNil\\(0\\)"
func up23(n *Node) *Node { return up22(n) }       // want up23:"maybeNil\\(0\\)"
func up24(n *Node) *Node { return up23(n) }       // want up24:"maybeNil\\(0\\)"
func up25(n *Node) *Node { return up24(n) }       // want up25:"maybeNil\\(0\\)"
func up26(n *Node) *Node { return up25(n) }       // want up26:"maybeNil\\(0\\)"
func up27(n *Node) *Node { return up26(n) }       // want up27:"maybeNil\\(0\\)"
func up28(n *Node) *Node { return up27(n) }       // want up28:"maybeNil\\(0\\)"
func Up29(n *Node) *Node { return up28(n) }       // want Up29:"maybeNil\\(0\\)"

// Caller-first: Down29 calls down28 ... down0, declared in that order.
func Down29(n *Node) *Node { return down28(n) }     // want Down29:"maybeNil\\(0\\)"
func down28(n *Node) *Node { return down27(n) }     // want down28:"maybeNil\\(0\\)"
func down27(n *Node) *Node { return down26(n) }     // want down27:"maybeNil\\(0\\)"
func down26(n *Node) *Node { return down25(n) }     // want down26:"maybeNil\\(0\\)"
func down25(n *Node) *Node { return down24(n) }     // want down25:"maybeNil\\(0\\)"
func down24(n *Node) *Node { return down23(n) }     // want down24:"maybeNil\\(0\\)"
func down23(n *Node) *Node { return down22(n) }     // want down23:"maybeNil\\(0\\)"
func down22(n *Node) *Node { return down21(n) }     // want down22:"maybeNil\\(0\\)"
func down21(n *Node) *Node { return down20(n) }     // want down21:"maybeNil\\(0\\)"
func down20(n *Node) *Node { return down19(n) }     // want down20:"maybeNil\\(0\\)"
func down19(n *Node) *Node { return down18(n) }     // want down19:"maybeNil\\(0\\)"
func down18(n *Node) *Node { return down17(n) }     // want down18:"maybeNil\\(0\\)"
func down17(n *Node) *Node { return down16(n) }     // want down17:"maybeNil\\(0\\)"
func down16(n *Node) *Node { return down15(n) }     // want down16:"maybeNil\\(0\\)"
func down15(n *Node) *Node { return down14(n) }     // want down15:"maybeNil\\(0\\)"
func down14(n *Node) *Node { return down13(n) }     // want down14:"maybeNil\\(0\\)"
func down13(n *Node) *Node { return down12(n) }     // want down13:"maybeNil\\(0\\)"
func down12(n *Node) *Node { return down11(n) }     // want down12:"maybeNil\\(0\\)"
func down11(n *Node) *Node { return down10(n) }     // want down11:"maybeNil\\(0\\)"
func down10(n *Node) *Node { return down9(n) }      // want down10:"maybeNil\\(0\\)"
func down9(n *Node) *Node  { return down8(n) }      // want down9:"maybeNil\\(0\\)"
func down8(n *Node) *Node  { return down7(n) }      // want down8:"maybeNil\\(0\\)"
func down7(n *Node) *Node  { return down6(n) }      // want down7:"maybeNil\\(0\\)"
func down6(n *Node) *Node  { return down5(n) }      // want down6:"maybeNil\\(0\\)"
func down5(n *Node) *Node  { return down4(n) }      // want down5:"maybeNil\\(0\\)"
func down4(n *Node) *Node  { return down3(n) }      // want down4:"maybeNil\\(0\\)"
func down3(n *Node) *Node  { return down2(n) }      // want down3:"maybeNil\\(0\\)"
func down2(n *Node) *Node  { return down1(n) }      // want down2:"maybeNil\\(0\\)"
func down1(n *Node) *Node  { return down0(n) }      // want down1:"maybeNil\\(0\\)"
func down0(n *Node) *Node  { return n.ref.Value() } // want down0:"maybeNil\\(0\\)"

// Mutual recursion: Even and odd only ever return the referent or nil.
func Even(n *Node, k int) *Node { // want Even:"maybeNil\\(0\\)"
	if k == 0 {
		return n.ref.Value()
	}
	return odd(n, k-1)
}

func odd(n *Node, k int) *Node { // want odd:"maybeNil\\(0\\)"
	if k == 0 {
		return nil
	}
	return Even(n, k-1)
}

// Methods and closures in a chain, caller-first.
func (n *Node) Parent() *Node { return n.viaClosure() } // want Parent:"maybeNil\\(0\\)"

func (n *Node) viaClosure() *Node { // want viaClosure:"maybeNil\\(0\\)"
	get := func() *Node { return n.viaMethodValue() }
	return get()
}

func (n *Node) viaMethodValue() *Node { // want viaMethodValue:"maybeNil\\(0\\)"
	f := n.raw
	return f()
}

func (n *Node) raw() *Node { return n.ref.Value() } // want raw:"maybeNil\\(0\\)"

// Checked links end a chain: no fact.
func (n *Node) Checked() *Node {
	if p := n.Parent(); p != nil {
		return p
	}
	return n
}
