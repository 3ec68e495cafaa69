#!/bin/sh
# ctest: every HAR `cassette convert --to har` writes for samples/*.yaml and
# the shared corpus must pass npm's har-validator. Exits 77 (skipped) when
# node/npm are missing or har-validator cannot be installed (offline).
# Usage: validate_exports.sh CASSETTE_BINARY SOURCE_DIR SHARED_DIR BUILD_DIR
set -u
bin=$1 src=$2 shared=$3 build=$4
command -v node >/dev/null 2>&1 || { echo "skipped: node not found"; exit 77; }
modules=$build/npm/node_modules
if [ ! -f "$modules/har-validator/package.json" ]; then
  command -v npm >/dev/null 2>&1 || { echo "skipped: npm not found"; exit 77; }
  if ! timeout 60 npm install --prefix "$build/npm" har-validator --no-audit --no-fund --loglevel=error >/dev/null 2>&1; then
    echo "skipped: npm install har-validator failed (offline?)"
    exit 77
  fi
fi
out=$(mktemp -d) || exit 2
trap 'rm -rf "$out"' EXIT
n=0
for f in "$src"/samples/*.yaml "$shared"/corpus/real/*.yaml "$shared"/corpus/seed/*.yaml; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  if ! "$bin" convert --to har -o "$out/$n.har" "$f"; then
    echo "$f: convert --to har failed"
    exit 1
  fi
done
echo "exported $n cassettes"
node "$src/tests/har/validate.js" "$modules" "$out"/*.har
