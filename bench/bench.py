#!/usr/bin/env python3
"""Time cassette's operations against the reference tools on the generated
cassettes and write bench/RESULTS.md (issue 9). bench/run.sh builds, generates
the data and calls this; see bench/README.md.

Each operation is paired with its reference and the two are run alternately
(A B, then B A, ...) so that a change in the machine's load hits both. Every run
is a separate process: wall time from a monotonic clock around it, peak RSS
from wait4(). A subcommand the cassette binary does not have yet, or a
reference whose toolchain is missing, is skipped with a note.
"""
import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MiB = 1024 * 1024


def run_once(argv, cwd, stdout_path=None):
    """Run argv; return (seconds, peak_rss_kib, exit_status)."""
    out = open(stdout_path or os.devnull, "wb")
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.close()
    return secs, usage.ru_maxrss, proc.returncode


class Cmd:
    """One timed command. `prep` runs before each timing (not timed);
    `ok` lists the exit codes that mean success (lint and diff exit 1 on
    findings)."""

    def __init__(self, label, argv, prep=None, ok=(0,), stdout=None):
        self.label, self.argv, self.prep, self.ok, self.stdout = label, argv, prep, ok, stdout
        self.times, self.rss, self.failed = [], [], None

    def run(self, cwd):
        if self.failed:
            return
        if self.prep:
            self.prep()
        secs, rss, code = run_once(self.argv, cwd, self.stdout)
        if code not in self.ok:
            self.failed = "exit %d: %s" % (code, " ".join(self.argv))
            return
        self.times.append(secs)
        self.rss.append(rss)

    def stats(self):
        if not self.times:
            return None
        return {"median": statistics.median(self.times), "min": min(self.times), "max": max(self.times),
                "rss_kib": max(self.rss), "runs": len(self.times)}


class Pair:
    """An operation and its references, for one input size."""

    def __init__(self, op, size_label, nbytes, ours, refs, target=None, rss_target=None, note=None):
        self.op, self.size_label, self.nbytes = op, size_label, nbytes
        self.ours, self.refs = ours, refs
        self.target = target          # (reference label, kind, value): kind "faster" (ref/ours >= v) or "at-most" (ours/ref <= v)
        self.rss_target = rss_target  # peak RSS / input size at most this
        self.note = note


def subcommands(cassette):
    """The subcommands `cassette --help` lists (CLI11 would accept an unknown
    name followed by --help, so asking `cassette NAME --help` proves nothing)."""
    text = subprocess.run([cassette, "--help"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True).stdout
    names, inside = set(), False
    for line in text.splitlines():
        if line.strip().startswith("Subcommands:"):
            inside = True
            continue
        if inside:
            if not line.startswith("  "):
                if line.strip():
                    inside = False
                continue
            names.add(line.split()[0])
    return names


def machine_description(load_before, load_after):
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
                    break
    except OSError:
        pass
    kernel = os.uname().release
    return [
        "- %s, %d cores (nproc), %s RAM, Linux %s" % (cpu, os.cpu_count() or 0, mem, kernel),
        "- load average (1/5/15 min) before the run: %s; after: %s" % (load_before, load_after),
    ]


def cpu_times():
    """(steal, total) jiffies of all CPUs from /proc/stat, or None."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return (fields[7] if len(fields) > 7 else 0, sum(fields[:8]))
    except (OSError, ValueError, IndexError):
        return None


def parallel_capacity():
    """Wall time of two CPU-bound processes at once / of one alone: 1.0
    when both cores are really available, 2.0 when only one is."""
    loop = [sys.executable, "-c", "x = 0\nfor i in range(6000000): x += i * i"]
    t0 = time.perf_counter()
    subprocess.run(loop, check=False)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    procs = [subprocess.Popen(loop) for _ in range(2)]
    for p in procs:
        p.wait()
    two = time.perf_counter() - t0
    return two / one if one > 0 else 0.0


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def fmt_secs(s):
    return "%.3f" % s if s < 10 else "%.2f" % s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cassette", required=True)
    ap.add_argument("--core-bench")
    ap.add_argument("--govcr", help="the govcr reference program (tests/go/govcr); omitted: skipped")
    ap.add_argument("--govcr-note", default="")
    ap.add_argument("--data", required=True, help="bench/data (c1/c10/c100, d*, many/)")
    ap.add_argument("--sizes", default="1,10,100")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--runs-100", type=int, default=3, help="runs for the 100 MiB files")
    ap.add_argument("--out", required=True)
    ap.add_argument("--extra-note", action="append", default=[])
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="cassette-bench-")
    cwd = work  # no .cassette.yaml above a fresh temp dir: default configuration
    notes = list(a.extra_note)
    pyyaml = subprocess.run([sys.executable, "-c", "import yaml; yaml.CSafeLoader"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode == 0
    if not pyyaml:
        notes.append("PyYAML with the C loader (python3-yaml) is not installed: its reference is skipped.")
    if not a.govcr:
        notes.append("go-vcr reference skipped: %s" % (a.govcr_note or "govcr not built"))
    listed = subcommands(a.cassette)
    subs = {s: s in listed for s in ("lint", "redact", "fmt", "convert", "diff", "show", "match")}
    for s, present in subs.items():
        if not present:
            notes.append("`cassette %s` does not exist in this build: its rows are skipped." % s)

    def govcr(mode, path):
        return Cmd("go-vcr " + ("Load" if mode == "load" else "Load+Save"),
                   [a.govcr, mode, "--format", "v2-omit", "--yaml", "v3", path])

    pairs = []
    for size in [s.strip() for s in a.sizes.split(",") if s.strip()]:
        path = os.path.join(a.data, "c%s.yaml" % size)
        if not os.path.exists(path):
            notes.append("%s missing: skipped." % path)
            continue
        nbytes = os.path.getsize(path)
        label = "%s MiB" % size
        out = os.path.join(work, "out-%s" % size)

        refs = []
        if a.govcr:
            refs.append(govcr("load", path))
        if pyyaml:
            refs.append(Cmd("PyYAML CSafeLoader", [sys.executable, "-c",
                                                   "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)",
                                                   path]))
        if subs["lint"]:
            pairs.append(Pair("lint", label, nbytes, Cmd("cassette lint", [a.cassette, "lint", path], ok=(0, 1)),
                              refs, target=("go-vcr Load", "faster", 2.5), rss_target=1.5,
                              note="default threads (one per core: the file is read and searched in pieces)"))
            pairs.append(Pair("lint -j1", label, nbytes,
                              Cmd("cassette lint -j1", [a.cassette, "lint", "-j1", path], ok=(0, 1)),
                              [govcr("load", path)] if a.govcr else [],
                              note="one thread, for comparison"))
        if a.core_bench:
            # The foundation alone: the reader that every command starts with.
            # Until `lint` exists it stands for it against the load references.
            pairs.append(Pair("read_cassette_file (core_bench file)", label, nbytes,
                              Cmd("cassette reader", [a.core_bench, "file", path, "1"]),
                              [] if subs["lint"] else refs,
                              note="the model reader alone (no rules); libyaml's parser alone is the next row"))
            pairs.append(Pair("libyaml events (core_bench libyaml)", label, nbytes,
                              Cmd("libyaml parse", [a.core_bench, "libyaml", path, "1"]), []))

        def copy_prep(src=path, dst=os.path.join(work, "redact-%s.yaml" % size)):
            return lambda: shutil.copyfile(src, dst)

        save_refs = lambda: [govcr("save", path)] if a.govcr else []
        if subs["redact"]:
            dst = os.path.join(work, "redact-%s.yaml" % size)
            pairs.append(Pair("redact (in place)", label, nbytes,
                              Cmd("cassette redact", [a.cassette, "redact", dst], prep=copy_prep(path, dst)),
                              save_refs(), target=("go-vcr Load+Save", "faster", 4.0), rss_target=2.0))
        if subs["fmt"]:
            pairs.append(Pair("fmt --pretty-json", label, nbytes,
                              Cmd("cassette fmt --pretty-json", [a.cassette, "fmt", "--pretty-json", "-o", out, path]),
                              save_refs(), target=("go-vcr Load+Save", "faster", 2.0), rss_target=2.0))
            pairs.append(Pair("fmt (canonical layout)", label, nbytes,
                              Cmd("cassette fmt", [a.cassette, "fmt", "-o", out, path]), save_refs(),
                              note="no target in issue 9; same work as go-vcr's Load+Save"))
        if subs["convert"]:
            pairs.append(Pair("convert --to har", label, nbytes,
                              Cmd("cassette convert --to har", [a.cassette, "convert", "--to", "har", "-o", out, path]),
                              save_refs(), target=("go-vcr Load+Save", "faster", 2.0), rss_target=2.0))
        old = os.path.join(a.data, "d%s-old.yaml" % size)
        new = os.path.join(a.data, "d%s-new.yaml" % size)
        if subs["diff"] and os.path.exists(old) and os.path.exists(new):
            refs_d = [Cmd("cassette lint (one file)", [a.cassette, "lint", new], ok=(0, 1))] if subs["lint"] else []
            pairs.append(Pair("diff OLD NEW", label, os.path.getsize(new),
                              Cmd("cassette diff", [a.cassette, "diff", "--color", "never", old, new], ok=(0, 1)),
                              refs_d, target=("cassette lint (one file)", "at-most", 3.0)))
        if subs["match"]:
            # Issue 18: every request of the file replayed against the file itself.
            refs_m = [Cmd("cassette lint (one file)", [a.cassette, "lint", path], ok=(0, 1))] if subs["lint"] else []
            pairs.append(Pair("match FILE --requests FILE", label, nbytes,
                              Cmd("cassette match", [a.cassette, "match", path, "--requests", path], ok=(0, 1)),
                              refs_m, target=("cassette lint (one file)", "at-most", 3.0)))

    many = os.path.join(a.data, "many")
    if subs["lint"] and os.path.isdir(many):
        files = sorted(os.listdir(many))
        nbytes = sum(os.path.getsize(os.path.join(many, f)) for f in files)
        pairs.append(Pair("lint %d files of ~100 KiB" % len(files), "many", nbytes,
                          Cmd("cassette lint -j2", [a.cassette, "lint", "-j2", many], ok=(0, 1)),
                          [Cmd("cassette lint -j1", [a.cassette, "lint", "-j1", many], ok=(0, 1))],
                          target=("cassette lint -j1", "faster", 1.7)))

    load_before = loadavg()
    cpu_before = cpu_times()
    capacity_before = parallel_capacity()
    started = datetime.datetime.now()
    for p in pairs:
        runs = a.runs_100 if p.size_label == "100 MiB" else a.runs
        cmds = [p.ours] + p.refs
        for r in range(runs):
            order = cmds if r % 2 == 0 else list(reversed(cmds))
            for c in order:
                c.run(cwd)
        print("bench: %-40s %-8s done" % (p.op, p.size_label), file=sys.stderr)
    load_after = loadavg()
    elapsed = datetime.datetime.now() - started

    lines = ["# Benchmark results", "",
             "Generated by `make bench` (bench/run.sh, bench/bench.py) on %s; the whole run took %s." %
             (started.strftime("%Y-%m-%d %H:%M"), str(elapsed).split(".")[0]), "",
             "## Machine", ""]
    lines += machine_description(load_before, load_after)
    cpu_after = cpu_times()
    capacity_after = parallel_capacity()
    lines += ["- two CPU-bound processes at once took %.2fx / %.2fx the time of one (before / after the run; 1.00: "
              "both cores were there)" % (capacity_before, capacity_after)]
    if cpu_before and cpu_after and cpu_after[1] > cpu_before[1]:
        steal = 100.0 * (cpu_after[0] - cpu_before[0]) / (cpu_after[1] - cpu_before[1])
        lines += ["- CPU time stolen by the hypervisor during the run (/proc/stat `steal`): %.1f%% of all CPU time%s"
                  % (steal, " — the virtual machine's cores were not all ours; timings are noisy" if steal >= 2 else "")]
    try:
        busy = float(load_before.split()[0]) >= 0.75 * (os.cpu_count() or 1)
    except ValueError:
        busy = False
    if busy:
        lines += ["- **The machine was busy** when the run started (load average above), so wall times are noisy."]
    lines += ["- Each operation alternates with its reference (A B, B A, ...) so both see the same machine; compare "
              "ratios within a row rather than absolute times across runs (on a shared virtual machine the same "
              "command's time can drift by a factor of two over minutes).", ""]
    lines += ["## Results", "",
              "Median wall time of separate processes (min-max in brackets), throughput on the input size, peak RSS "
              "(max over runs) as a multiple of the input size. *Ratio* is reference time / cassette time "
              "(> 1: cassette is faster); for `diff` it is diff time / lint time.", "",
              "| operation | input | command | median s [min-max] | MiB/s | peak RSS MiB (x input) | ratio | target |",
              "|---|---|---|---|---|---|---|---|"]
    summary = []
    for p in pairs:
        ours = p.ours.stats()
        for c in [p.ours] + p.refs:
            st = c.stats()
            if c.failed or not st:
                lines.append("| %s | %s | %s | failed: %s | | | | |" % (p.op, p.size_label, c.label, c.failed or "no run"))
                continue
            mibs = p.nbytes / MiB / st["median"]
            rss = st["rss_kib"] / 1024
            rss_x = st["rss_kib"] * 1024 / p.nbytes
            ratio, target = "", ""
            if c is not p.ours and ours:
                if p.target and p.target[1] == "at-most" and c.label == p.target[0]:
                    ratio = "%.2fx" % (ours["median"] / st["median"])
                else:
                    ratio = "%.2fx" % (st["median"] / ours["median"])
                if p.target and c.label == p.target[0]:
                    if p.target[1] == "faster":
                        val = st["median"] / ours["median"]
                        met = val >= p.target[2]
                        target = "≥ %.1fx: %s" % (p.target[2], "**met**" if met else "**not met**")
                    else:
                        val = ours["median"] / st["median"]
                        met = val <= p.target[2]
                        target = "≤ %.1fx: %s" % (p.target[2], "**met**" if met else "**not met**")
                    if p.size_label in ("100 MiB", "many"):
                        summary.append((p.op, p.size_label, target))
            if c is p.ours and p.rss_target and p.size_label == "100 MiB":
                met = rss_x <= p.rss_target
                target = "RSS ≤ %.1fx: %s" % (p.rss_target, "**met**" if met else "**not met**")
                if p.size_label == "100 MiB":
                    summary.append((p.op, p.size_label, target))
            lines.append("| %s | %s | %s | %s [%s-%s] | %.1f | %.0f (%.2fx) | %s | %s |" % (
                p.op, p.size_label, c.label, fmt_secs(st["median"]), fmt_secs(st["min"]), fmt_secs(st["max"]), mibs,
                rss, rss_x, ratio, target))
        if p.note:
            lines.append("| | | *%s* | | | | | |" % p.note)

    # Linear scaling: 100 MiB time at most 11x the 10 MiB time.
    scale = []
    by_op = {}
    sizes_of = {p.size_label: p.nbytes for p in pairs if p.op.startswith("read_cassette_file") or p.op == "lint"}
    ratio_100_10 = sizes_of.get("100 MiB", 10) / sizes_of.get("10 MiB", 1)
    for p in pairs:
        st = p.ours.stats()
        if st:
            by_op.setdefault(p.op, {})[p.size_label] = (st["median"], p.nbytes)
    for op, sizes in by_op.items():
        if "10 MiB" in sizes and "100 MiB" in sizes:
            r = sizes["100 MiB"][0] / sizes["10 MiB"][0]
            scale.append("| %s | %s | %s | %.1fx | %s |" % (op, fmt_secs(sizes["10 MiB"][0]), fmt_secs(sizes["100 MiB"][0]),
                                                          r, "met" if r <= 11 else "**not met**"))
    if scale:
        lines += ["", "## Linear scaling", "",
                  "Target: the 100 MiB time at most 11x the 10 MiB time (the inputs are %.1fx apart)." % ratio_100_10, "",
                  "| operation | 10 MiB s | 100 MiB s | ratio | target |", "|---|---|---|---|---|"] + scale
    if summary:
        lines += ["", "## Targets at 100 MiB (issue 9)", ""] + ["- %s (%s): %s" % s for s in summary]
    lines += ["", "## Notes", ""]
    lines += ["- " + n for n in notes]
    lines += ["- Inputs: `bench/gen.sh` (c1/c10/c100, seeds 1/10/100), `d*-old.yaml`/`d*-new.yaml` two recordings "
              "(seeds 100 and 101) for diff, `many/` 1,000 files of ~100 KiB (seeds 1000..1999). go-vcr's Load and "
              "Load+Save are `govcr load` / `govcr save` (tests/go/govcr: go-vcr's structs and code path with "
              "gopkg.in/yaml.v3), one process per run like cassette; Save output goes to /dev/null.", ""]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
