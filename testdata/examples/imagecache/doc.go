// Package imagecache is a small image cache with the mistakes weaklint is
// made to catch. It compiles and passes go vet; run
//
//	go run ./cmd/weaklint ./testdata/examples/imagecache
//
// from the repository root to see weaklint's findings. It lives under
// testdata so that linting the repository itself (weaklint ./...) leaves
// its deliberate mistakes out. Each mistake is
// marked with a comment saying what weaklint reports and what to do instead.
package imagecache
