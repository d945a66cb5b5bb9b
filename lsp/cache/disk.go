package cache

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"
)

// This file notices changes on disk without the client's help: at every
// analysis, a view compares the size and modification time of what its
// last load read from disk with what is there now. Clients that cannot
// watch files (Neovim 0.7) send no events after a git checkout or a code
// generator; and events can be lost. Stat calls cost microseconds each;
// what is compared:
//   - every file of the loaded packages of the view's own modules, except
//     the open packages' (those are compared by content at every analysis);
//   - the directories of those packages and of the open ones, and their
//     parents up to the view's directory (a file or package added, removed
//     or renamed changes its directory's entries; a deleted directory no
//     longer exists);
//   - the modules' go.mod and go.sum, and the workspace's go.work.
// Packages of GOROOT and the module cache are not compared: they do not
// change under an editor.

type stamp struct {
	exists bool
	size   int64
	mtime  time.Time
	names  string // of a directory: the entries that matter (see dirNames)
}

func stampOf(name string) stamp {
	fi, err := os.Stat(name)
	if err != nil {
		return stamp{}
	}
	st := stamp{exists: true, size: fi.Size(), mtime: fi.ModTime()}
	if fi.IsDir() {
		st.size, st.names = 0, dirNames(name)
	}
	return st
}

// dirNames lists the entries of a directory that can change what a load
// finds: Go and module files, and subdirectories (packages), but not the
// lock, swap and backup files editors create next to the files they edit
// (Emacs's .#a.go): those change the directory's modification time too.
func dirNames(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") || strings.HasPrefix(n, "#") {
			continue
		}
		if e.IsDir() || strings.HasSuffix(n, ".go") || n == "go.mod" || n == "go.sum" || n == "go.work" {
			b.WriteString(n)
			b.WriteByte(0)
		}
	}
	return b.String()
}

// changed reports whether the stamp of name no longer holds, updating it
// when only the modification time of a directory changed.
func (st *stamp) changed(name string) bool {
	fi, err := os.Stat(name)
	if err != nil {
		return st.exists
	}
	if !st.exists {
		return true
	}
	if fi.IsDir() {
		if fi.ModTime().Equal(st.mtime) {
			return false
		}
		names := dirNames(name)
		if names != st.names {
			return true
		}
		st.mtime = fi.ModTime() // an entry that does not matter
		return false
	}
	return fi.Size() != st.size || !fi.ModTime().Equal(st.mtime)
}

// diskStamps returns the stamps to compare for a load of dir that started
// at start. A file modified since then may have been read before or after
// the change: its stamp is left empty, so that the next analysis loads
// again.
func diskStamps(dir string, all []*packages.Package, roots map[string]*root, start time.Time) map[string]*stamp {
	isRoot := make(map[*packages.Package]bool)
	for _, r := range roots {
		isRoot[r.pkg] = true
	}
	within := func(name string) bool { return strings.HasPrefix(name, dir+string(filepath.Separator)) }
	stamps := make(map[string]*stamp)
	var add func(name string)
	add = func(name string) {
		if _, ok := stamps[name]; ok || name != dir && !within(name) {
			return
		}
		st := stampOf(name)
		if !st.mtime.Before(start) {
			st = stamp{exists: st.exists, mtime: start, names: "\x00changed"} // matches nothing on disk
		}
		stamps[name] = &st
		if st.names != "" || !st.exists {
			// A directory: its parents too, up to dir, so that a package
			// created or deleted next to it (one an open file imports,
			// say) is noticed.
			add(filepath.Dir(name))
		}
	}
	add(dir)
	add(filepath.Join(dir, "go.work"))
	add(filepath.Join(dir, "go.work.sum"))
	for _, p := range all {
		if p.Module != nil && p.Module.GoMod != "" {
			add(p.Module.GoMod)
			add(filepath.Join(filepath.Dir(p.Module.GoMod), "go.sum"))
		}
		for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.EmbedFiles, p.IgnoredFiles} {
			for _, name := range list {
				if !within(name) {
					continue
				}
				add(filepath.Dir(name))
				if !isRoot[p] {
					add(name)
				}
			}
		}
	}
	return stamps
}

// changedOnDisk returns a file or directory of stamps that changed, or "".
func changedOnDisk(stamps map[string]*stamp, overlays map[string]Overlay) string {
	for name, st := range stamps {
		if _, open := overlays[name]; open {
			continue // the editor's content is what counts
		}
		if st.changed(name) {
			return name
		}
	}
	return ""
}
