#!/usr/bin/env bash
# Run one libFuzzer harness for a while: fuzz/run.sh BINARY NAME SECONDS [extra libFuzzer flags]
# Corpus: fuzz/corpus-run/NAME (grows; not committed) first, then the seeds:
# fuzz/seeds/NAME, and for the YAML harnesses samples/, fuzz/templates/, the
# golden cases' inputs and, when present, the shared corpus of real cassettes.
# Exit status: libFuzzer's (0: nothing found).
set -euo pipefail
bin=$1 name=$2 seconds=$3
shift 3
cd "$(dirname "$0")/.."
run=fuzz/corpus-run/$name
mkdir -p "$run" fuzz/artifacts
dirs=("$run")
if [ "$name" != reader ] && [ -d "fuzz/seeds/$name" ]; then dirs+=("fuzz/seeds/$name"); fi
dict=fuzz/yaml.dict
case $name in
json) dict=fuzz/json.dict ;;
patterns) dict=fuzz/patterns.dict ;;
reader|writer|redact|diff|har)
  dirs+=(fuzz/seeds/reader samples fuzz/templates)
  # The golden cases' input cassettes, gathered in one flat folder.
  golden=fuzz/corpus-run/golden-inputs
  mkdir -p "$golden"
  if [ -d tests/cases ]; then
    find tests/cases \( -name '*.yaml' -o -name '*.har' \) -not -path '*/expected/*' -size -64k | while read -r f; do
      cp "$f" "$golden/$(echo "$f" | tr / _)"
    done
  fi
  dirs+=("$golden")
  shared=${CASSETTE_SHARED_DIR:-../shared}
  if [ -d "$shared/corpus" ]; then dirs+=($(find "$shared/corpus" -mindepth 1 -maxdepth 1 -type d)); fi
  ;;
esac
echo "== fuzz_$name for ${seconds}s (corpus: ${dirs[*]})"
# Small inputs find the bugs; big ones only slow the instrumented emitter down.
case $name in json) max_len=65536 ;; reader) max_len=16384 ;; *) max_len=8192 ;; esac
exec "$bin" "${dirs[@]}" -dict="$dict" -max_total_time="$seconds" -print_final_stats=1 -max_len=$max_len \
  -timeout=10 -rss_limit_mb=2560 -artifact_prefix="fuzz/artifacts/$name-" "$@"
