#!/usr/bin/env bash
# `make dist`: cassette-VERSION-ARCH-linux.tar.gz from the static build, laid
# out for `tar -C /usr/local -xzf` (bin/, share/man/man1/, share/bash-completion,
# share/zsh, share/fish, share/doc/cassette/).
#
#   scripts/dist.sh STATIC_BUILD_DIR
#
# The licence notices are not kept in this repository: every file that went
# into the binary is traced back to the Debian package that shipped it
# (the static archives and start files in the link map cassette.map, the
# headers the compiler read per `ninja -t deps`), and that package's
# /usr/share/doc/PACKAGE/copyright is copied as it is at build time.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build-static}" && pwd)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
arch=$(uname -m)
name=cassette-$version-$arch-linux
for need in dpkg-query ninja; do
    command -v $need >/dev/null || { echo "dist: $need is needed (Debian: make dist installs it)" >&2; exit 2; }
done
grep -q '^CASSETTE_STATIC:BOOL=ON' "$build/CMakeCache.txt" || { echo "dist: $build is not a static build (make static)" >&2; exit 2; }
[ -f "$build/cassette.map" ] || { echo "dist: $build/cassette.map missing (make static)" >&2; exit 2; }

stage=$build/dist/$name
rm -rf "$build/dist"
mkdir -p "$stage"
cmake --install "$build" --prefix "$stage" --strip >/dev/null
doc=$stage/share/doc/cassette
mkdir -p "$doc/third-party"
cp "$src/README.md" "$doc/"
for f in LICENSE LICENSE.md LICENSE.txt COPYING NOTICE; do
    [ -f "$src/$f" ] && cp "$src/$f" "$doc/"
done

# What went into the binary: archives that gave at least one member, the
# start files (crt*.o), and every header outside this repository.
files=$(mktemp)
trap 'rm -f "$files"' EXIT
{
    sed -n '/^Archive member included/,/^Memory Configuration/p' "$build/cassette.map" | grep -oE '^/[^()]+\.a'
    grep -oE '^LOAD /[^ ]+\.o' "$build/cassette.map" | cut -d' ' -f2
    ninja -C "$build" -t deps | grep -oE '^ +/usr/[^ ]+' | tr -d ' '
} | xargs -r realpath -s -e | sort -u >"$files"

# file -> package, in one dpkg-query call ("pkg[:arch]: /path" per line).
# A file no package owns has no licence we can ship: stop.
declare -A files_of
owners=$(xargs -r dpkg-query -S <"$files" 2>/dev/null |
    awk '{ i = index($0, ": /"); p = substr($0, 1, i - 1); sub(/:.*/, "", p); print substr($0, i + 2) "\t" p }' || true)
while read -r f; do
    pkg=$(printf '%s\n' "$owners" | awk -F'\t' -v f="$f" '$1 == f && !n++ { print $2 }')
    if [ -z "$pkg" ]; then
        echo "dist: no Debian package owns $f: its licence cannot be found" >&2
        exit 1
    fi
    files_of[$pkg]+="$f"$'\n'
done <"$files"

{
    echo "# Third-party software in cassette $version ($arch-linux, statically linked)"
    echo
    echo "The cassette binary in this archive is linked statically: it contains code"
    echo "from the Debian packages below (static libraries, C runtime start files,"
    echo "and header-only libraries compiled in). Each package's licence, as Debian"
    echo "ships it, is in third-party/PACKAGE.copyright. This list was made by"
    echo "scripts/dist.sh from the link map and the compiler's header list."
    echo
    echo "| package | version | licence file | what went into the binary |"
    echo "|---|---|---|---|"
    for pkg in $(printf '%s\n' "${!files_of[@]}" | sort); do
        ver=$(dpkg-query -W -f='${Version}' "$pkg")
        copyright=/usr/share/doc/$pkg/copyright
        if [ ! -f "$copyright" ]; then
            echo "dist: $copyright missing: cannot ship $pkg's licence" >&2
            exit 1
        fi
        cp -L "$copyright" "$doc/third-party/$pkg.copyright"
        archives=$(printf '%s' "${files_of[$pkg]}" | { grep -E '\.(a|o)$' || true; } | xargs -r -n1 basename | sort -u | tr '\n' ' ')
        headers=$(printf '%s' "${files_of[$pkg]}" | grep -cvE '\.(a|o)$' || true)
        what=${archives% }
        [ "$headers" -gt 0 ] && what+="${what:+, }$headers headers"
        echo "| $pkg | $ver | third-party/$pkg.copyright | $what |"
    done
} >"$doc/THIRD-PARTY.md"

# Reproducible: fixed owner, order and time (the last commit's, or now).
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$src" log -1 --format=%ct 2>/dev/null || date +%s)}
out=$build/$name.tar.gz
(cd "$stage" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - bin share) | gzip -n -9 >"$out"
echo "$out: $(wc -c <"$out") bytes, $(tar -tzf "$out" | grep -vc '/$') files, ${#files_of[@]} third-party packages"
