package adversarial

import (
	"os"
	"runtime"
	"sync"
	"weak"
)

type Manager struct {
	name    string
	workers []chan struct{}
}

func shutdown(int) {}

var instance = &Manager{name: "default"}

func init() {
	runtime.AddCleanup(instance, shutdown, 0) // want `runtime.AddCleanup of the object of package-level variable instance`
}

var (
	mu   sync.Mutex
	inst *Manager
)

func Get() *Manager {
	mu.Lock()
	defer mu.Unlock()
	if inst == nil {
		inst = &Manager{name: "lazy"}
		runtime.AddCleanup(inst, shutdown, 0)
	}
	return inst
}

type Pool struct{ conns []int }

func (p *Pool) close() {}

func newPool() *Pool { return &Pool{} }

var (
	once sync.Once
	pool *Pool
)

func P() *Pool {
	once.Do(func() {
		pool = newPool()
		runtime.SetFinalizer(pool, (*Pool).close)
	})
	return pool
}

type Client struct {
	base string
	hdr  map[string]string
}

var defaultClient Client

func init() {
	runtime.SetFinalizer(&defaultClient, func(*Client) {}) // want `runtime.SetFinalizer of package-level variable defaultClient`
}

type Plugin struct{ Name string }

var registry = map[string]*Plugin{"a": {Name: "a"}}

func init() {
	runtime.AddCleanup(registry["a"], func(int) {}, 0)
}

type Config struct {
	Path string
	Env  map[string]string
}

func loadConfig() *Config { return &Config{Path: os.Getenv("CONFIG")} }

var cfg = loadConfig()

func ConfigRef() weak.Pointer[Config] { return weak.Make(cfg) }

type Node struct {
	next weak.Pointer[Node]
	val  int
}

var sentinel = &Node{val: -1}

func (n *Node) Terminate() { n.next = weak.Make(sentinel) } // want `weak.Make of the object of package-level variable sentinel`
