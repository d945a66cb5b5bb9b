//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package vetgate

import "os"

// lockEntry reports that this system has no flock: units do not wait for
// their twins (see claim).
func lockEntry(*os.File) lockState { return lockUnsupported }

func waitEntry(*os.File) bool { return false }
