#!/usr/bin/env python3
"""Scores `cassette redact` (and optionally secretlint) on a gen_secrets.py set.

Usage: score.py DIR --cassette BIN [--secretlint CMD] [--markdown]

cassette: the files are copied to a temporary folder and redacted there; a
secret is caught when its text (or its needle: how it is written, e.g. the
base64 of a Basic pair) no longer appears in its file; a decoy is kept when
it still appears. secretlint (`npx secretlint --format json`): a secret is
caught when a reported range covers an occurrence of it; a decoy is kept
when no reported range touches any of its occurrences. The files must load
after redaction (`cassette lint` exit code below 2).
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile


def occurrences(text, needle):
    out, at = [], text.find(needle)
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out


def score_cassette(d, manifest, binary):
    tmp = tempfile.mkdtemp(prefix="secrets-bench-")
    try:
        for f in os.listdir(d):
            if f.endswith(".yaml"):
                shutil.copy(os.path.join(d, f), tmp)
        files = sorted(os.path.join(tmp, f) for f in os.listdir(tmp))
        r = subprocess.run([binary, "redact"] + files, capture_output=True, text=True)
        if r.returncode >= 2:
            sys.exit("redact failed: " + r.stderr[:2000])
        lint = subprocess.run([binary, "lint", "--select", "syntax,type,required,content-length"] + files,
                              capture_output=True, text=True)
        loadable = lint.returncode < 2
        text = {os.path.basename(f): open(f, encoding="utf-8").read() for f in files}
        caught = [(e.get("needle", e["value"]) not in text[e["file"]]) for e in manifest["secrets"]]
        kept = [(e.get("needle", e["value"]) in text[e["file"]]) for e in manifest["decoys"]]
        return caught, kept, loadable, lint.stdout
    finally:
        shutil.rmtree(tmp)


def score_secretlint(d, manifest, cmd):
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".yaml"))
    # One file per run: secretlint's JSON for many files did not parse as one document.
    results = []
    for f in files:
        r = subprocess.run(cmd + ["--format", "json", f], capture_output=True, text=True)
        try:
            results += json.JSONDecoder().raw_decode(r.stdout.strip())[0]
        except (json.JSONDecodeError, IndexError):
            sys.exit("secretlint output is not JSON: " + r.stdout[:300] + r.stderr[:300])
    ranges = collections.defaultdict(list)
    for res in results:
        for m in res.get("messages", []):
            ranges[os.path.basename(res["filePath"])].append(tuple(m["range"]))
    text = {os.path.basename(f): open(f, encoding="utf-8").read() for f in files}

    def touched(f, needle):
        occ = occurrences(text[f], needle)
        return [any(b < re and rb < e for rb, re in ranges[f]) for b, e in occ]

    caught = [bool(touched(e["file"], e.get("needle", e["value"]))) and all(touched(e["file"], e.get("needle", e["value"])))
              for e in manifest["secrets"]]
    kept = [not any(touched(e["file"], e.get("needle", e["value"]))) for e in manifest["decoys"]]
    return caught, kept


def table(manifest, cols):
    kinds = collections.OrderedDict()
    for e in manifest["secrets"]:
        kinds.setdefault(e["kind"], None)
    dkinds = collections.OrderedDict()
    for e in manifest["decoys"]:
        dkinds.setdefault(e["kind"], None)
    names = [c[0] for c in cols]
    lines = ["| secrets: kind | n | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(cols)]
    for k in kinds:
        idx = [i for i, e in enumerate(manifest["secrets"]) if e["kind"] == k]
        cells = [f"{sum(c[1][i] for i in idx)}/{len(idx)}" for c in cols]
        lines.append(f"| {k} | {len(idx)} | " + " | ".join(cells) + " |")
    n = len(manifest["secrets"])
    lines.append(f"| **recall** | {n} | " + " | ".join(f"**{sum(c[1])}/{n} ({100.0 * sum(c[1]) / n:.1f}%)**" for c in cols) + " |")
    lines += ["", "| decoys: kind | n | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(cols)]
    for k in dkinds:
        idx = [i for i, e in enumerate(manifest["decoys"]) if e["kind"] == k]
        cells = [f"{sum(c[2][i] for i in idx)}/{len(idx)}" for c in cols]
        lines.append(f"| {k} | {len(idx)} | " + " | ".join(cells) + " |")
    n = len(manifest["decoys"])
    lines.append(f"| **decoys kept** | {n} | " + " | ".join(f"**{sum(c[2])}/{n} ({100.0 * sum(c[2]) / n:.1f}%)**" for c in cols) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--cassette", required=True)
    ap.add_argument("--secretlint", help="command, e.g. 'npx --prefix /tmp/sl secretlint'")
    a = ap.parse_args()
    manifest = json.load(open(os.path.join(a.dir, "manifest.json")))
    caught, kept, loadable, lint_out = score_cassette(a.dir, manifest, a.cassette)
    cols = [("cassette redact", caught, kept)]
    if a.secretlint:
        sc, sk = score_secretlint(a.dir, manifest, a.secretlint.split())
        cols.append(("secretlint (recommend)", sc, sk))
    print(table(manifest, cols))
    print()
    print("files load after redaction:", "yes" if loadable else "NO")
    if not loadable:
        print(lint_out)
    missed = [e for e, c in zip(manifest["secrets"], caught) if not c]
    lost = [e for e, k in zip(manifest["decoys"], kept) if not k]
    for e in missed:
        print("MISSED", e["kind"], e["file"], e["value"][:12] + "…", file=sys.stderr)
    for e in lost:
        print("DECOY LOST", e["kind"], e["file"], e["value"][:12] + "…", file=sys.stderr)


if __name__ == "__main__":
    main()
