#!/usr/bin/env bash
# `make demo`: run cassette's main jobs on samples/ (read-only: nothing in
# samples/ is changed; edits go to a scratch copy).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/cassette}")
run() { printf '\n\033[1m$ cassette %s\033[0m\n' "$*"; "$bin" "$@" || echo "(exit $?)"; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp samples/*.yaml "$scratch"/

"$bin" --version
for sub in $("$bin" --help | awk 'tolower($0) ~ /^subcommands:/{f=1;next} f && /^ +[a-z]/{print $1}'); do
    case $sub in
    lint) run lint samples/ ;;
    redact) run redact --check samples/ ; run redact "$scratch"/openai-chat.yaml ;;
    fmt) run fmt --check samples/*.yaml ; run fmt --pretty-json "$scratch"/openai-chat.yaml && sed -n '20,36p' "$scratch"/openai-chat.yaml ;;
    show) run show samples/stream-and-gzip.yaml ;;
    diff) run diff samples/openai-chat.yaml "$scratch"/openai-chat.yaml ;;
    convert) run convert --to har samples/openai-chat.yaml | head -30 ;;
    esac
done
