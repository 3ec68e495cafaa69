#!/bin/sh
# For each corpus file, try every govcr variant and report which ones load it
# and which ones `govcr save` reproduce byte for byte.
# usage: corpus_check.sh GOVCR_BINARY [CORPUS_DIR]
set -u
govcr=$1
dir=${2:-$(dirname "$0")/../../../../shared/corpus/real}
variants="v1:none:v2 v1:string:v2 v1:time:v2 v1:none:v3 v1:string:v3 v1:time:v3 v2-all:time:v2 v2-all:time:v3 v2-omit:time:v2 v2-omit:time:v3 v1:none:v2-nowrap v1:string:v2-nowrap v1:time:v2-nowrap v2-all:time:v2-nowrap v2-omit:time:v2-nowrap"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "$dir"/*.yaml; do
    loads="" exact=""
    for v in $variants; do
        fmt=${v%%:*}; rest=${v#*:}; dur=${rest%%:*}; lib=${rest#*:}
        if "$govcr" save --format "$fmt" --duration "$dur" --yaml "$lib" "$f" >"$tmp" 2>/dev/null; then
            loads="$loads $v"
            cmp -s "$tmp" "$f" && exact="$exact $v"
        fi
    done
    printf '%s\n  loads:%s\n  exact:%s\n' "$(basename "$f")" "${loads:- none}" "${exact:- none}"
done
