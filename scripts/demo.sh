#!/usr/bin/env bash
# `make demo`: run cassette's main jobs on the samples.
set -euo pipefail
bin=${1:-build/cassette}
cd "$(dirname "$0")/.."
echo "\$ cassette --version"
"$bin" --version
