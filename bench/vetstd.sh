#!/bin/sh
# vetstd.sh measures `go vet std` beside `go vet -vettool=weaklint std` in the
# same run, from the same primed build cache, and counts the packages that
# weaklint's vet gate (internal/vetgate) skips, those whose units reused
# another unit's facts, and those it type-checks.
#
# Usage (from the repository root; takes several minutes on 2 cores):
#
#	bench/vetstd.sh [outdir]
#
# go vet caches each package's vet results, so each measured run starts from
# its own copy of a build cache primed by compiling everything go vet std
# needs (through a vet tool that does nothing): it compiles nothing and vets
# every package. The primed cache is kept in outdir for later runs.
#
# weaklint runs with its default analyzers and flags, which keep the gate on
# (analyzer.Table: every check promises to stay quiet in the packages the
# gate skips). Options, as environment variables:
#
#	BASE=rev   also build weaklint at git revision rev and time both twice in
#	           the same run, in the order base, new, new, base: before and
#	           after under the same conditions (take each one's mean).
#	NOGATE=1   also time weaklint with the gate off (WEAKLINT_NOGATE=1) and
#	           compare its findings with the gated run's.
#	MEMO=1     also time weaklint -strongcache.memo, a rule that looks at
#	           every package and so turns the gate off.
#
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

# gated name binary flags...: times go vet -vettool=binary and counts the
# units that the gate skipped and type-checked.
gated() {
	name=$1 tool=$2
	shift 2
	fresh
	: >"$out/gate.log"
	WEAKLINT_GATELOG="$out/gate.log" timed "$name" go vet -vettool="$tool" "$@" std
	skipped=$(grep -c '^skip ' "$out/gate.log" || true)
	reused=$(grep -c '^reuse ' "$out/gate.log" || true)
	full=$(grep -c '^full ' "$out/gate.log" || true)
	echo "$name gate: $skipped vet units skipped, $reused reused facts, $full type-checked" | tee -a "$out/summary.txt"
	cp "$out/gate.log" "$out/$name.gatelog"
}

if [ -n "${BASE:-}" ]; then
	rm -rf "$out/base-src"
	git worktree add --detach "$out/base-src" "$BASE" >/dev/null
	(cd "$out/base-src" && go build -o "$out/weaklint-base" ./cmd/weaklint)
	git worktree remove --force "$out/base-src"
	echo "base: weaklint at $(git rev-parse --short "$BASE")" | tee -a "$out/summary.txt"
	# In order base, new, new, base: the second of two runs in a row
	# costs more (about 10% with the same binary in both, 2026-12-03), so
	# compare the mean of each binary's two runs, not one run of each.
	gated weaklint-base "$out/weaklint-base"
	gated weaklint "$out/weaklint"
	gated weaklint-2 "$out/weaklint"
	gated weaklint-base-2 "$out/weaklint-base"
else
	gated weaklint "$out/weaklint"
fi

if [ "${NOGATE:-}" = 1 ]; then
	# The same analyzers with the gate off: the findings must not change.
	fresh
	WEAKLINT_NOGATE=1 timed weaklint-nogate go vet -vettool="$out/weaklint" std
	findings() { grep -v '^#' "$1" | sort; }
	if [ "$(findings "$out/weaklint.out")" = "$(findings "$out/weaklint-nogate.out")" ]; then
		echo "gate vs no gate: same $(findings "$out/weaklint.out" | wc -l) findings" | tee -a "$out/summary.txt"
	else
		echo "gate vs no gate: FINDINGS DIFFER (see weaklint.out, weaklint-nogate.out)" | tee -a "$out/summary.txt"
	fi
fi

if [ "${MEMO:-}" = 1 ]; then
	gated weaklint-memo "$out/weaklint" -strongcache.memo
fi
rm -rf "$out/gocache"
