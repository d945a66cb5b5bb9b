//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package vetgate

import (
	"errors"
	"os"
	"syscall"
)

// lockEntry tries to take an exclusive flock on f without waiting.
func lockEntry(f *os.File) lockState {
	err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return lockHeld
	case errors.Is(err, syscall.EWOULDBLOCK):
		return lockBusy
	}
	return lockUnsupported
}

// waitEntry waits for an exclusive flock on f, blocked in the kernel, and
// reports whether it took it.
func waitEntry(f *os.File) bool {
	err := flock(f, syscall.LOCK_EX)
	return err == nil
}

func flock(f *os.File, how int) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := conn.Control(func(fd uintptr) {
		for {
			ferr = syscall.Flock(int(fd), how)
			if !errors.Is(ferr, syscall.EINTR) {
				return
			}
		}
	}); err != nil {
		return err
	}
	return ferr
}
