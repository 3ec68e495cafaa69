#!/bin/sh
# Throughput of `cassette redact` on a generated cassette with planted secrets
# (~8% of text fields). Usage: bench/redact.sh [SIZE_MB] [BUILD_DIR]
set -eu
size=${1:-100}
build=${2:-build}
shared=${CASSETTE_SHARED_DIR:-$(dirname "$0")/../../shared}
src=/tmp/cassette-bench-c$size.yaml
[ -f "$src" ] || python3 "$shared/tools/gen_cassette.py" --size-mb "$size" --out "$src" --seed "$size"
work=/tmp/cassette-bench-redact.yaml
for mode in --check ""; do
  cp "$src" "$work"
  echo "== cassette redact $mode ($size MiB)"
  /usr/bin/time -v "$build/cassette" redact $mode "$work" 2>&1 >/dev/null |
    grep -E "Elapsed|User time|System time|Maximum resident|secrets in"
done
rm -f "$work"
