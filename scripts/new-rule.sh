#!/usr/bin/env bash
# Scaffold a lint rule: scripts/new-rule.sh ID [error|warning|off] "Summary of what it finds"
#
# Writes what a rule is made of, and nothing else:
#   src/lint/rules/<id_with_underscores>.cpp   the rule: id, level, summary, --explain text, check()
#   src/lint/registry.cpp                      one line: RULE(<id_with_underscores>), at the end
#   tests/cases/lint/<id>-fail/                a cassette it must flag (args, fail.yaml, expected.*)
#   tests/cases/lint/<id>-pass/                a cassette it must leave alone
# Then: write check() and the two cassettes, and run
#   make docs                                           (rule tables, man page, completions)
#   UPDATE_GOLDEN=1 ctest --test-dir build -R 'lint/(<id>-|explain-unknown|format-sarif)'
#       (records the new cases' expected output, and the two cases that list every rule; review the diff)
# The docs are generated from the registry (docs/ARCHITECTURE.md, "Add a lint rule").
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: scripts/new-rule.sh ID [error|warning|off] \"Summary of what it finds\"" >&2
    exit 2
}
[[ $# -ge 2 ]] || usage
id=$1
level=error
if [[ $# -ge 3 ]]; then
    level=$2
    summary=$3
else
    summary=$2
fi
[[ $id =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || { echo "new-rule: the id must be lower-case words joined by '-' (like content-length)" >&2; exit 2; }
case $level in
error) severity=Error enabled=true ;;
warning) severity=Warning enabled=true ;;
off) severity=Warning enabled=false ;;
*) usage ;;
esac
name=${id//-/_}
rule_file=src/lint/rules/$name.cpp
registry=src/lint/registry.cpp
[[ ! -e $rule_file ]] || { echo "new-rule: $rule_file exists" >&2; exit 2; }
grep -q "RULE($name)" "$registry" && { echo "new-rule: $id is already registered" >&2; exit 2; }
for d in "tests/cases/lint/$id-fail" "tests/cases/lint/$id-pass"; do
    [[ ! -e $d ]] || { echo "new-rule: $d exists" >&2; exit 2; }
done
# A C++ string literal of the summary.
summary_literal=$(printf '%s' "$summary" | sed 's/\\/\\\\/g; s/"/\\"/g')

cat >"$rule_file" <<EOF
// $id: $summary.
#include "lint/rules/helpers.hpp"

namespace cassette::lint {

namespace {

void check(Context& ctx) {
    const Cassette& c = ctx.cassette;
    for (size_t i = 0; i < c.interactions.size(); ++i) {
        // TODO: ctx.report(where, "what is wrong, and what go-vcr does with it", i);
        (void)c.interactions[i];
    }
}

} // namespace

extern const Rule k_rule_$name{
    "$id", Severity::$severity, $enabled, "$summary_literal",
    R"(TODO: what the rule finds, why it matters to go-vcr (load, replay, review),
and how to fix it.

Failing:

    TODO

Passing:

    TODO
)",
    check};

} // namespace cassette::lint
EOF

# One registry line, appended to the list (the last line has no '\').
python3 - "$registry" "$name" <<'PY'
import re, sys
path, name = sys.argv[1], sys.argv[2]
text = open(path).read()
lines = text.split("\n")
last = max(i for i, l in enumerate(lines) if re.match(r"\s+RULE\(\w+\)\s*\\?$", l))
column = lines[last - 1].rstrip().rfind("\\")  # where the other lines put their '\'
lines[last] = lines[last].rstrip().ljust(max(column, len(lines[last].rstrip()) + 1)) + "\\"
lines.insert(last + 1, "    RULE(%s)" % name)
open(path, "w").write("\n".join(lines))
PY

mkdir -p "tests/cases/lint/$id-fail" "tests/cases/lint/$id-pass"
printf 'lint\n--select\n%s\nfail.yaml\n' "$id" >"tests/cases/lint/$id-fail/args"
printf 'lint\n--select\n%s\npass.yaml\n' "$id" >"tests/cases/lint/$id-pass/args"
# A clean version 2 cassette to start both from: make fail.yaml break the rule.
cp samples/openai-chat.yaml "tests/cases/lint/$id-pass/pass.yaml" 2>/dev/null || true
cp samples/openai-chat.yaml "tests/cases/lint/$id-fail/fail.yaml" 2>/dev/null || true

echo "new rule $id ($level):"
echo "  $rule_file"
echo "  $registry (RULE($name))"
echo "  tests/cases/lint/$id-fail/, tests/cases/lint/$id-pass/"
echo "next: write check() and its --explain text; edit fail.yaml so it breaks the rule (pass.yaml so it does not);"
echo "      make docs; UPDATE_GOLDEN=1 ctest --test-dir build -R 'lint/($id-|explain-unknown|format-sarif)'"
echo "      (the last two list every rule); review the expected files."
