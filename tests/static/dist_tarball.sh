#!/usr/bin/env bash
# `make dist`'s tarball, unpacked as a user would (tar -C PREFIX -xzf) into a
# temporary prefix: only bin/ and share/ inside, the binary runs from there,
# every man page renders with `man -l` without warnings and is found through
# MANPATH, the completions load, and every library named by --version has
# its licence text in share/doc/cassette/third-party/.
#
#   dist_tarball.sh STATIC_BUILD_DIR VERSION SOURCE_DIR
# Exit 77 (skipped, with the reason) without the tarball or without man.
set -uo pipefail
dir=$1 version=$2 src=$3
tarball=$dir/cassette-$version-$(uname -m)-linux.tar.gz
if [ ! -f "$tarball" ]; then
    echo "skipped: no tarball at $tarball (make dist)"
    exit 77
fi
if [ "$(find "$src/man" "$src/completions" "$src/README.md" "$src/src" -newer "$tarball" -type f | head -1)" != "" ]; then
    echo "note: the tarball is older than some sources; 'make dist' remakes it"
fi
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Only relative paths under bin/ and share/ (nothing to overwrite elsewhere
# in /usr/local, no ../, no absolute names).
bad=$(tar -tzf "$tarball" | grep -vE '^(bin|share)(/|$)' || true)
[ -z "$bad" ] || fail "entries outside bin/ and share/: $bad"
tar -tzf "$tarball" | grep -E '(^|/)\.\.(/|$)' >/dev/null && fail "an entry holds .."
tar -C "$prefix" -xzf "$tarball" || fail "tar -xzf failed"
echo "unpacked $(find "$prefix" -type f | wc -l) files into $prefix"

bin=$prefix/bin/cassette
first=$("$bin" --version | head -1)
[ "$first" = "cassette $version" ] || fail "--version says '$first', expected 'cassette $version'"
if command -v readelf >/dev/null 2>&1 && readelf -l "$bin" | grep 'program interpreter' >/dev/null; then
    fail "the binary is dynamically linked"
fi
# The tool works from the prefix (and on samples, as in the README's tour).
(cd "$src" && "$bin" lint samples/openai-chat.yaml >"$prefix/lint.out" 2>&1)
[ $? = 1 ] && grep -q 'OpenAI API key in request.headers.Authorization (sk-p…3oPl)' "$prefix/lint.out" ||
    fail "lint from the prefix: $(cat "$prefix/lint.out")"
(cd "$src" && "$bin" fmt --check samples/*.yaml) || fail "fmt --check samples from the prefix"

# Man pages: each of man/*.1 shipped, rendered by man -l without a warning,
# and found by name under the prefix's share/man.
if ! command -v man >/dev/null 2>&1; then
    echo "skipped: man is not installed (Debian: apt-get install man-db; make test-deps does)"
    exit 77
fi
for page in "$src"/man/*.1; do
    base=$(basename "$page")
    shipped=$prefix/share/man/man1/$base
    if [ ! -f "$shipped" ]; then fail "$base not in the tarball"; continue; fi
    out=$(MANWIDTH=80 man -l "$shipped" 2>"$prefix/man.err")
    rc=$?
    if [ $rc != 0 ] || [ -s "$prefix/man.err" ] || [ "$(printf '%s\n' "$out" | grep -c .)" -lt 10 ]; then
        fail "man -l $base: exit $rc, $(printf '%s\n' "$out" | wc -l) lines, stderr: $(cat "$prefix/man.err")"
    else
        echo "ok: man -l $base ($(printf '%s\n' "$out" | wc -l) lines)"
    fi
    MANPATH=$prefix/share/man man -w "${base%.1}" 2>/dev/null | grep -qF "$prefix/share/man/man1/$base" ||
        fail "man ${base%.1} with MANPATH=$prefix/share/man does not find the page"
done

# Completions: where bash-completion, zsh and fish look under a prefix.
bash -n "$prefix/share/bash-completion/completions/cassette" || fail "bash completion"
[ -f "$prefix/share/zsh/site-functions/_cassette" ] || fail "zsh completion missing"
[ -f "$prefix/share/fish/vendor_completions.d/cassette.fish" ] || fail "fish completion missing"

# Licences: README, the list, and one licence text per library --version names.
doc=$prefix/share/doc/cassette
[ -f "$doc/README.md" ] || fail "README.md missing"
[ -f "$doc/THIRD-PARTY.md" ] || fail "THIRD-PARTY.md missing"
declare -A package_of=([libyaml]=libyaml-dev [yaml-cpp]=libyaml-cpp-dev [RE2]=libre2-dev
    [nlohmann-json]=nlohmann-json3-dev [CLI11]=libcli11-dev [zlib]=zlib1g-dev)
for lib in $("$bin" --version | sed -n 's/^built with //p' | tr ',' '\n' | awk '{print $1}'); do
    pkg=${package_of[$lib]:-}
    if [ -z "$pkg" ]; then fail "--version names $lib: which Debian package is it? (add it here)"; continue; fi
    if [ -s "$doc/third-party/$pkg.copyright" ] && grep -q "| $pkg |" "$doc/THIRD-PARTY.md"; then
        echo "ok: $lib: third-party/$pkg.copyright"
    else
        fail "$lib: no third-party/$pkg.copyright or no row in THIRD-PARTY.md"
    fi
done
# The C and C++ runtimes are linked in too.
for pkg in libc6-dev 'libstdc++-*-dev' 'libgcc-*-dev'; do
    # shellcheck disable=SC2086
    ls "$doc"/third-party/$pkg.copyright >/dev/null 2>&1 || fail "no licence of $pkg"
done

echo "$failures failed"
[ "$failures" = 0 ]
