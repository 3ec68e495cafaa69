#!/usr/bin/env python3
"""The figures of docs/diff.md: what a reviewer reads for each re-recorded pair.

    scripts/measure_diff.py PAIRS_DIR NEW_CASSETTE [OLD_CASSETTE]

PAIRS_DIR as scripts/gen_rerecord.py writes it. For each pair: the lines of
`cassette diff` (text), of `git diff --no-index` and of a textconv diff
(`cassette show` of each side, then `diff -u`), the bytes of the markdown
comment, and the removed/added interactions against truth.json. With
OLD_CASSETTE (a build of another version) its diff is measured too.
"""
import json
import os
import statistics
import subprocess
import sys


def run(args):
    return subprocess.run(args, capture_output=True, text=True).stdout


def lines(text):
    return text.count("\n")


def main():
    pairs, new_bin = sys.argv[1], sys.argv[2]
    old_bin = sys.argv[3] if len(sys.argv) > 3 else None
    truth = json.load(open(os.path.join(pairs, "truth.json")))
    rows = []
    for name in sorted(truth):
        d = os.path.join(pairs, name)
        o, n = os.path.join(d, "old.yaml"), os.path.join(d, "new.yaml")
        row = {"pair": name, "interactions": truth[name]["new"]}
        row["git"] = lines(run(["git", "diff", "--no-index", "--no-color", o, n]))
        so, sn = run([new_bin, "show", o]), run([new_bin, "show", n])
        open("/tmp/_show_old", "w").write(so)
        open("/tmp/_show_new", "w").write(sn)
        row["textconv"] = lines(run(["diff", "-u", "/tmp/_show_old", "/tmp/_show_new"]))
        row["diff"] = lines(run([new_bin, "diff", "--color", "never", o, n]))
        row["md_bytes"] = len(run([new_bin, "diff", "--format", "markdown", o, n]).encode())
        s = json.loads(run([new_bin, "diff", "--format", "json", o, n]))["summary"]
        row["removed"], row["added"] = s["removed"], s["added"]
        row["true_removed"], row["true_added"] = truth[name]["really_removed"], truth[name]["really_added"]
        if old_bin:
            row["diff_before"] = lines(run([old_bin, "diff", "--color", "never", o, n]))
            row["md_bytes_before"] = len(run([old_bin, "diff", "--format", "markdown", o, n]).encode())
            sb = json.loads(run([old_bin, "diff", "--format", "json", o, n]))["summary"]
            row["removed_before"], row["added_before"] = sb["removed"], sb["added"]
        rows.append(row)
    cols = list(rows[0].keys())
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    print()
    for c in cols[1:]:
        v = [r[c] for r in rows]
        print("%s: median %s, total %s, max %s" % (c, statistics.median(v), sum(v), max(v)))


if __name__ == "__main__":
    main()
