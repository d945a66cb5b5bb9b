#!/bin/sh
# vetstd.sh measures `go vet std` beside `go vet -vettool=weaklint std` in the
# same run, from the same primed build cache, and counts the packages that
# weaklint's vet gate (internal/vetgate) skips.
#
# Usage (from the repository root; takes several minutes on 2 cores):
#
#	bench/vetstd.sh [outdir]
#
# go vet caches each package's vet results, so each measured run starts from
# its own copy of a build cache primed by compiling everything go vet std
# needs (through a vet tool that does nothing): it compiles nothing and vets
# every package. The primed cache is kept in outdir for later runs. With
# GATED_FLAGS (default -strongcache.memo=false: the one rule that keeps the
# gate off, see internal/vetgate.SafeAnalyzers) weaklint is timed a second time with the
# gate on. With NOGATE=1, that run is repeated with the gate off
# (WEAKLINT_NOGATE=1) and the findings of both are compared.
# Results are appended to outdir/summary.txt.
set -eu

out=${1:-/tmp/weaklint-vetstd}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export GOFLAGS= GOWORK=off

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

# timed name command...: runs command, keeps its output in name.out, and
# reports wall time and the CPU time (user+sys) of the command and all its
# children: on a shared machine the CPU time is the steadier figure.
timed() {
	name=$1
	shift
	status=0
	/usr/bin/time -o "$out/$name.time" -f "%e %U %S" "$@" >"$out/$name.out" 2>&1 || status=$?
	# GNU time first says "Command exited with non-zero status N" if so.
	read -r wall user sys <<EOF
$(tail -n 1 "$out/$name.time")
EOF
	cpu=$(echo "$user + $sys" | bc)
	echo "$name: wall ${wall}s, cpu ${cpu}s (exit $status)" | tee -a "$out/summary.txt"
}

fresh() { # a copy of the primed cache for one measured run
	rm -rf "$out/gocache"
	cp -a "$out/gocache-primed" "$out/gocache"
	export GOCACHE="$out/gocache"
}

echo "== $(date -u +%FT%TZ) $(go version), $(nproc) cores, weaklint at $(git rev-parse --short HEAD)" | tee -a "$out/summary.txt"
if [ ! -d "$out/gocache-primed" ]; then
	GOCACHE="$out/gocache-primed" timed prime go vet -vettool="$out/nothing.sh" std
fi

# The floor: what go vet itself costs (loading std, hashing, scheduling,
# starting one process per vet unit) with a vet tool that does nothing.
fresh
timed floor go vet -vettool="$out/nothing.sh" std

fresh
timed govet go vet std

fresh
: >"$out/gate.log"
WEAKLINT_GATELOG="$out/gate.log" timed weaklint go vet -vettool="$out/weaklint" std
skipped=$(grep -c '^skip ' "$out/gate.log" || true)
full=$(grep -c '^full ' "$out/gate.log" || true)
echo "gate: $skipped vet units skipped, $full type-checked" | tee -a "$out/summary.txt"

gated_flags=${GATED_FLAGS--strongcache.memo=false}
if [ -n "$gated_flags" ]; then
	fresh
	: >"$out/gate.log"
	# shellcheck disable=SC2086 # several flags
	WEAKLINT_GATELOG="$out/gate.log" timed weaklint-gated go vet -vettool="$out/weaklint" $gated_flags std
	skipped=$(grep -c '^skip ' "$out/gate.log" || true)
	full=$(grep -c '^full ' "$out/gate.log" || true)
	echo "gate ($gated_flags): $skipped vet units skipped, $full type-checked" | tee -a "$out/summary.txt"
fi

if [ "${NOGATE:-}" = 1 ]; then
	# The same analyzers with the gate off: the findings must not change.
	fresh
	# shellcheck disable=SC2086
	WEAKLINT_NOGATE=1 timed weaklint-nogate go vet -vettool="$out/weaklint" $gated_flags std
	findings() { grep -v '^#' "$1" | sort; }
	if [ "$(findings "$out/weaklint-gated.out")" = "$(findings "$out/weaklint-nogate.out")" ]; then
		echo "gate vs no gate: same $(findings "$out/weaklint-gated.out" | wc -l) findings" | tee -a "$out/summary.txt"
	else
		echo "gate vs no gate: FINDINGS DIFFER (see weaklint-gated.out, weaklint-nogate.out)" | tee -a "$out/summary.txt"
	fi
fi
rm -rf "$out/gocache"
