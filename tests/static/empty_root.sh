#!/usr/bin/env bash
# The static executable (make static) in an empty root: a directory holding
# only the binary, the samples and an empty /tmp (no /usr, no libc, no /proc,
# no /etc), entered with chroot (as root) or `unshare --map-root-user --root`
# (user namespaces). Each command's standard output, standard error, exit
# status and written files must equal the dynamic build's, run from a folder
# with the same relative paths.
#
#   empty_root.sh STATIC_BINARY DYNAMIC_BINARY SOURCE_DIR
# Exit 77 (skipped, with the reason) when the static build is absent or
# neither chroot nor unshare is permitted here.
set -uo pipefail
static=$(realpath -m "$1") dynamic=$(realpath -m "$2") src=$(realpath -m "$3")

if [ ! -x "$static" ]; then
    echo "skipped: no static build at $static (make static)"
    exit 77
fi
# A static executable has no program interpreter (no PT_INTERP / ld.so).
if command -v readelf >/dev/null 2>&1 && readelf -l "$static" | grep 'program interpreter' >/dev/null; then
    echo "FAIL: $static is dynamically linked:"
    readelf -l "$static" | grep 'program interpreter'
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root ref=$work/ref
mkdir -p "$root/bin" "$root/tmp" "$root/samples" "$ref/samples" "$ref/tmp"
cp "$static" "$root/bin/cassette"
cp "$src"/samples/*.yaml "$root/samples/"
cp "$src"/samples/*.yaml "$ref/samples/"
chmod 1777 "$root/tmp"

# How to enter the root: chroot needs CAP_SYS_CHROOT; unshare -r needs
# unprivileged user namespaces. Probe each with the binary itself.
enter=()
if chroot "$root" /bin/cassette --version >/dev/null 2>"$work/chroot.err"; then
    enter=(chroot "$root")
elif unshare --map-root-user --root="$root" /bin/cassette --version >/dev/null 2>"$work/unshare.err"; then
    enter=(unshare --map-root-user --root="$root")
else
    echo "skipped: cannot enter an empty root here"
    echo "  chroot: $(cat "$work/chroot.err")"
    echo "  unshare: $(cat "$work/unshare.err" 2>/dev/null)"
    exit 77
fi
echo "entering the empty root with: ${enter[*]}"
echo "the root holds: $(cd "$root" && find . -mindepth 1 | sort | tr '\n' ' ')"

samples=$(cd "$ref" && ls samples/*.yaml)
failures=0 count=0
# check NAME ARGS...: run in both places (working folder: the root's / and
# $ref), compare stdout, stderr and exit status.
check() {
    local name=$1
    shift
    count=$((count + 1))
    (cd "$ref" && "$dynamic" "$@" >"$work/d.out" 2>"$work/d.err"; echo $? >"$work/d.rc")
    (cd "$root" && "${enter[@]}" /bin/cassette "$@" >"$work/s.out" 2>"$work/s.err"; echo $? >"$work/s.rc")
    local bad=0
    for part in out err rc; do
        if ! cmp -s "$work/d.$part" "$work/s.$part"; then
            echo "FAIL: $name: std$part differs (dynamic < > static)"
            diff "$work/d.$part" "$work/s.$part" | head -20
            bad=1
        fi
    done
    # A command that only writes a file may print nothing (write-*, quiet-*); a
    # written file is compared next.
    if [[ $name != write-* && $name != quiet-* ]] && [ ! -s "$work/d.out" ] && [ ! -s "$work/d.err" ]; then
        echo "FAIL: $name: no output at all (a test that compares nothing)"
        bad=1
    fi
    [ $bad = 0 ] && echo "ok: cassette $* (exit $(cat "$work/d.rc"), $(wc -c <"$work/d.out") + $(wc -c <"$work/d.err") bytes)"
    failures=$((failures + bad))
}
# compare_file NAME PATH: a file both runs wrote, byte for byte and mode.
compare_file() {
    count=$((count + 1))
    if cmp -s "$ref/$2" "$root/$2" && [ "$(stat -c %a "$ref/$2")" = "$(stat -c %a "$root/$2")" ]; then
        echo "ok: $1: $2 identical ($(wc -c <"$ref/$2") bytes, mode $(stat -c %a "$ref/$2"))"
    else
        echo "FAIL: $1: $2 differs"
        diff "$ref/$2" "$root/$2" | head -20
        failures=$((failures + 1))
    fi
}

check version --version
check help --help
# shellcheck disable=SC2086  # the sample paths have no spaces
{
check lint lint samples/
check lint-json lint --format json $samples
check lint-sarif lint --format sarif samples/openai-chat.yaml
check lint-explain lint --explain secret
check redact-check redact --check samples/
check redact-dry-run redact --dry-run samples/openai-chat.yaml
check quiet-fmt-check fmt --check $samples
check fmt-pretty fmt --pretty-json -o - samples/openai-chat.yaml
check fmt-style fmt --style yaml.v2 -o - samples/stream-and-gzip.yaml
check show show samples/stream-and-gzip.yaml
check show-all show $samples
check convert-har convert --to har samples/openai-chat.yaml
check convert-json convert --to json samples/github-oauth-v1.yaml
check convert-v2 convert --to v2 samples/github-oauth-v1.yaml
check bad-input lint samples/missing.yaml
}
# Writing in place: redact and fmt replace a copy (temporary file, rename,
# mode kept; no /proc in the root for the umask); diff compares the result.
for dir in "$ref" "$root"; do
    cp "$dir/samples/openai-chat.yaml" "$dir/tmp/openai-chat.yaml"
    chmod 640 "$dir/tmp/openai-chat.yaml"
    cp "$dir/samples/stream-and-gzip.yaml" "$dir/tmp/stream.yaml"
done
check write-redact redact tmp/openai-chat.yaml
compare_file redact tmp/openai-chat.yaml
check write-fmt fmt --pretty-json tmp/stream.yaml
compare_file fmt tmp/stream.yaml
check diff diff samples/openai-chat.yaml tmp/openai-chat.yaml
check diff-markdown diff --format markdown samples/stream-and-gzip.yaml tmp/stream.yaml
# har -> cassette, through a file written in the root.
check write-har convert --to har -o tmp/chat.har samples/openai-chat.yaml
compare_file convert-to-har-file tmp/chat.har
check convert-from-har convert --from har tmp/chat.har

echo "$count checks, $failures failed"
[ "$failures" = 0 ]
