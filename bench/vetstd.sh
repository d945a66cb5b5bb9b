#!/bin/sh
# vetstd.sh measures `go vet std` beside `go vet -vettool=weaklint std` in the
# same run, with the same primed build cache, and counts the packages that
# weaklint's vet gate skips (internal/vetgate).
#
# Usage (from the repository root; takes several minutes on 2 cores):
#
#	bench/vetstd.sh [outdir]
#
# go vet caches each package's vet results, so the runs use a build cache of
# their own (GOCACHE=outdir/gocache), primed by compiling everything go vet
# std needs through a vet tool that does nothing. Each measured run then
# compiles nothing and vets every package. Results go to outdir/summary.txt.
set -eu

out=${1:-/tmp/weaklint-vetstd}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export GOCACHE="$out/gocache" GOFLAGS= GOWORK=off

go build -o "$out/weaklint" ./cmd/weaklint

# A vet tool that does nothing: go vet still compiles every dependency.
cat >"$out/nothing.sh" <<'TOOL'
#!/bin/sh
case "$1" in
-V=full) echo "nothing version devel buildID=nothing$$"; exit 0 ;;
-flags) echo '[]'; exit 0 ;;
esac
exit 0
TOOL
chmod +x "$out/nothing.sh"

timed() { # name command...: run command, keep its output and wall time
	name=$1
	shift
	start=$(date +%s.%N)
	status=0
	"$@" >"$out/$name.out" 2>&1 || status=$?
	end=$(date +%s.%N)
	secs=$(echo "$end - $start" | bc)
	echo "$name: ${secs}s (exit $status)" | tee -a "$out/summary.txt"
}

: >"$out/summary.txt"
: >"$out/gate.log"
echo "go version: $(go version), $(nproc) cores" | tee -a "$out/summary.txt"
timed prime go vet -vettool="$out/nothing.sh" std
timed govet go vet std
WEAKLINT_GATELOG="$out/gate.log" timed weaklint go vet -vettool="$out/weaklint" std
skipped=$(grep -c '^skip ' "$out/gate.log" || true)
full=$(grep -c '^full ' "$out/gate.log" || true)
echo "gate: $skipped units skipped, $full type-checked" | tee -a "$out/summary.txt"
if [ "${NOGATE:-}" = 1 ]; then
	WEAKLINT_NOGATE=1 timed weaklint-nogate go vet -vettool="$out/weaklint" std
fi
