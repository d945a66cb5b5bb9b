package vetgate

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// twinUnits returns two dependency units of one package with the same
// memo key (the second recompiled for a test: other outputs, another
// dependency file with the same facts) and a third with another key.
func twinUnits(t *testing.T) (first, twin, other *config) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "p.go")
	writeFile(t, src, "package p\n")
	q := filepath.Join(dir, "q.vetx")
	qTest := filepath.Join(dir, "qtest.vetx")
	qOther := filepath.Join(dir, "qother.vetx")
	for name, facts := range map[string]string{q: "facts of q", qTest: "facts of q", qOther: "other facts of q"} {
		if err := writeVetx(name, []byte("types of "+filepath.Base(name)), []byte(facts)); err != nil {
			t.Fatal(err)
		}
	}
	work := filepath.Join(dir, "go-build1")
	unit := func(objdir, dep string) *config {
		t.Helper()
		data, err := json.Marshal(map[string]any{
			"ID": "p", "ImportPath": "p", "GoFiles": []string{src}, "VetxOnly": true,
			"PackageVetx": map[string]string{"q": dep}, "VetxOutput": filepath.Join(work, objdir, "vet.out"),
		})
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(work, objdir, "vet.cfg")
		if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
			t.Fatal(err)
		}
		writeFile(t, name, string(data))
		cfg, err := readConfig(name)
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	return unit("b001", q), unit("b002", qTest), unit("b003", qOther)
}

// TestTwinWaitsThenReuses plays two dependency units with the same key that
// run at once: the first holds the key's lock while it type-checks, the
// second misses the memo, waits for the lock, and then reuses the first
// one's facts. A unit with another key does not wait.
func TestTwinWaitsThenReuses(t *testing.T) {
	first, twin, other := twinUnits(t)
	memo := openFactsMemo(first, nil, nil)
	if held, waited := memo.claim(true); !held || waited {
		t.Fatalf("first unit: claim = %v, %v; want the lock, without waiting", held, waited)
	}
	defer memo.release()
	memo.record(first.VetxOutput)

	otherMemo := openFactsMemo(other, nil, nil)
	if otherMemo.entry == memo.entry {
		t.Fatal("units with other dependency facts share a key")
	}
	if held, waited := otherMemo.claim(true); !held || waited {
		t.Errorf("unit with another key: claim = %v, %v; want the lock, without waiting", held, waited)
	}
	otherMemo.release()

	twinMemo := openFactsMemo(twin, nil, nil)
	if twinMemo.entry != memo.entry {
		t.Fatal("the twin has another key")
	}
	if _, ok := twinMemo.lookup(twin); ok {
		t.Fatal("the twin found facts before the first unit wrote them")
	}
	waiting := make(chan struct{})
	defer func(hook func()) { onTwinWait = hook }(onTwinWait)
	onTwinWait = func() { close(waiting) }
	released := make(chan struct{})
	type outcome struct {
		held, waited, afterRelease, found bool
		facts                             string
	}
	result := make(chan outcome, 1)
	go func() {
		held, waited := twinMemo.claim(true)
		var o outcome
		select {
		case <-released:
			o.afterRelease = true
		default:
		}
		facts, ok := twinMemo.lookup(twin)
		o.held, o.waited, o.found, o.facts = held, waited, ok, string(facts)
		twinMemo.release()
		result <- o
	}()
	<-waiting
	// The first unit writes its vetx file and exits.
	if err := writeVetx(first.VetxOutput, []byte("types of p"), []byte("facts of p")); err != nil {
		t.Fatal(err)
	}
	close(released)
	memo.release()
	o := <-result
	if !o.held || !o.waited || !o.afterRelease {
		t.Errorf("the twin: held %v, waited %v, returned after the first unit released the lock %v; want all", o.held, o.waited, o.afterRelease)
	}
	if !o.found || o.facts != "facts of p" {
		t.Errorf("the twin after waiting: lookup = %q, %v; want the facts of p", o.facts, o.found)
	}
}

// TestTwinOfKilledUnit checks that a unit that dies while it holds a key's
// lock (here killed) blocks no one: the next unit with the key takes the
// lock at once, finds nothing recorded, and type-checks.
func TestTwinOfKilledUnit(t *testing.T) {
	first, twin, _ := twinUnits(t)
	holder := startLockHolder(t, first)
	memo := openFactsMemo(twin, nil, nil)
	if held, waited := memo.claim(false); held || waited {
		t.Errorf("while the holder lives, not waiting: claim = %v, %v; want neither", held, waited)
	}
	if err := holder.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	holder.Wait()
	start := time.Now()
	held, _ := memo.claim(true)
	if !held {
		t.Fatal("after the holder was killed, the twin did not get the lock")
	}
	defer memo.release()
	if d := time.Since(start); d > twinWaitLimit/2 {
		t.Errorf("the twin waited %v for the lock of a killed unit", d)
	}
	if facts, ok := memo.lookup(twin); ok {
		t.Errorf("the twin found facts %q that the killed unit never wrote", facts)
	}
}

// TestTwinWaitIsBounded checks that a unit waits for a live twin no longer
// than twinWaitLimit.
func TestTwinWaitIsBounded(t *testing.T) {
	first, twin, _ := twinUnits(t)
	startLockHolder(t, first)
	defer func(limit time.Duration) { twinWaitLimit = limit }(twinWaitLimit)
	twinWaitLimit = 50 * time.Millisecond
	// The waiting goroutine stays blocked until the holder is killed, at
	// the end of the test, and then holds this temporary key's lock.
	if held, waited := openFactsMemo(twin, nil, nil).claim(true); held || !waited {
		t.Errorf("while the holder lives: claim = %v, %v; want a wait that ends without the lock", held, waited)
	}
}

// startLockHolder starts a process (TestHoldLockHelper) that holds the
// lock of cfg's memo key until it is killed, at the latest when the test
// ends.
func startLockHolder(t *testing.T, cfg *config) *exec.Cmd {
	t.Helper()
	holder := exec.Command(os.Args[0], "-test.run=^TestHoldLockHelper$")
	holder.Env = append(os.Environ(), holdLockEnv+"="+openFactsMemo(cfg, nil, nil).entry+"|"+cfg.VetxOutput)
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		holder.Process.Kill()
		holder.Wait()
	})
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "held\n" {
		t.Fatalf("the holding process said %q, %v", line, err)
	}
	return holder
}

const holdLockEnv = "WEAKLINT_TEST_HOLD_LOCK"

// TestHoldLockHelper is the unit that TestTwinOfKilledUnit kills: it takes
// the lock of the memo entry, records its vetx file (which it never
// writes), says so, and reads its standard input, which no one writes,
// until it is killed.
func TestHoldLockHelper(t *testing.T) {
	spec := os.Getenv(holdLockEnv)
	if spec == "" {
		t.Skip("run by TestTwinOfKilledUnit")
	}
	entry, vetx, _ := strings.Cut(spec, "|")
	memo := &factsMemo{entry: entry}
	if held, _ := memo.claim(false); !held {
		t.Fatal("the helper did not get the lock")
	}
	memo.record(vetx)
	os.Stdout.WriteString("held\n")
	os.Stdin.Read(make([]byte, 1)) // a pipe that no one writes: until killed
}
