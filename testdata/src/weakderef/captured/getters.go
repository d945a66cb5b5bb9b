package captured

import "weak"

type Image struct{ Pix []byte }

func (im *Image) Bytes() int { return len(im.Pix) }

// A getter closure called from another closure that captures it: the call
// has no static callee, the variable holds only the literal. (Adapted from
// adversarial round 5: d_media server.Sizer.)
func Sizer(img *Image) func() int {
	wp := weak.Make(img)
	get := func() *Image { return wp.Value() }
	return func() int {
		return get().Bytes() // want `possible nil dereference: get\(\) may return nil`
	}
}

func SizerChecked(img *Image) func() int {
	wp := weak.Make(img)
	get := func() *Image { return wp.Value() }
	return func() int {
		if cur := get(); cur != nil {
			return cur.Bytes()
		}
		return -1
	}
}

// The getter checks before returning: nothing to report.
func SizerLive(img *Image, fallback *Image) func() int {
	wp := weak.Make(img)
	get := func() *Image {
		if v := wp.Value(); v != nil {
			return v
		}
		return fallback
	}
	return func() int {
		return get().Bytes()
	}
}
