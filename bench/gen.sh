#!/bin/sh
# Generate the benchmark cassettes bench/data/c1.yaml, c10.yaml, c100.yaml
# (1, 10 and 100 MiB, go-vcr format 2 as v4.0.3+ writes it with yaml.v3)
# with fixed seeds. Existing files are kept. bench/data is not committed.
# Needs ../shared/tools/gen_cassette.py beside the repository (python3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gen=$here/../../shared/tools/gen_cassette.py
data=$here/data
if [ ! -f "$gen" ]; then
    echo "gen.sh: $gen not found (expected ../shared/tools/gen_cassette.py beside the repo)" >&2
    exit 2
fi
mkdir -p "$data"
for size in 1 10 100; do
    out=$data/c$size.yaml
    if [ -e "$out" ]; then
        echo "gen.sh: $out exists, skipped"
        continue
    fi
    # seed = size: each file is reproducible on its own
    python3 "$gen" --size-mb "$size" --seed "$size" --out "$out.tmp"
    mv "$out.tmp" "$out"
    echo "gen.sh: wrote $out ($(wc -c <"$out") bytes)"
done
