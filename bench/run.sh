#!/bin/sh
# `make bench`: build Release, generate the inputs (not committed), time every
# operation against its reference and write bench/RESULTS.md. Slow (several
# minutes with the 100 MiB files); not part of `make test`.
#
# Environment: BENCH_BUILD (build directory, default build-bench), BENCH_SIZES
# (default 1,10,100), BENCH_RUNS (runs per 1/10 MiB pair, default 5),
# BENCH_RUNS_100 (runs per 100 MiB pair, default 3), BENCH_MANY (number of
# 100 KiB files for the -j test, default 1000).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BENCH_BUILD:-$root/build-bench}
data=$here/data
gen=$root/../shared/tools/gen_cassette.py

echo "== build (Release) in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target cassette core_bench >/dev/null

echo "== inputs in $data"
sh "$here/gen.sh"
for size in 10 100; do
    # Two recordings of the same kind of session (different seeds) for diff.
    for side in old new; do
        out=$data/d$size-$side.yaml
        seed=100
        [ "$side" = new ] && seed=101
        [ -e "$out" ] || python3 "$gen" --size-mb "$size" --seed "$seed" --out "$out" 2>/dev/null
    done
done
python3 "$here/gen_many.py" "$gen" "$data/many" "${BENCH_MANY:-1000}" 100

echo "== references"
govcr=""
govcr_note=""
if command -v go >/dev/null 2>&1 && [ -d /usr/share/gocode/src/gopkg.in/yaml.v3 ]; then
    if (cd "$root/tests/go/govcr" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= go build -o "$build/govcr" .) ; then
        govcr=$build/govcr
    else
        govcr_note="go build of tests/go/govcr failed"
    fi
else
    govcr_note="Go or golang-gopkg-yaml.v3-dev is not installed"
fi

echo "== timing (this takes a while; the machine should be as idle as it can be)"
python3 "$here/bench.py" --cassette "$build/cassette" --core-bench "$build/core_bench" \
    ${govcr:+--govcr "$govcr"} --govcr-note "$govcr_note" --data "$data" \
    --sizes "${BENCH_SIZES:-1,10,100}" --runs "${BENCH_RUNS:-5}" --runs-100 "${BENCH_RUNS_100:-3}" \
    --out "$here/RESULTS.md"
echo "== wrote $here/RESULTS.md"
