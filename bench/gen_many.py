#!/usr/bin/env python3
"""Write COUNT small cassettes (SIZE KiB each, seeds 1000..) into DIR with
../shared/tools/gen_cassette.py, in one Python process (starting the
generator once per file would take minutes). Existing files are kept.

Usage: gen_many.py GEN_CASSETTE_PY DIR [COUNT] [SIZE_KIB]
"""
import contextlib
import importlib.util
import io
import os
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    gen_path, out_dir = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    size_kib = float(sys.argv[4]) if len(sys.argv) > 4 else 100
    spec = importlib.util.spec_from_file_location("gen_cassette", gen_path)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    os.makedirs(out_dir, exist_ok=True)
    made = 0
    for k in range(count):
        out = os.path.join(out_dir, "m%04d.yaml" % k)
        if os.path.exists(out):
            continue
        sys.argv = ["gen_cassette.py", "--size-mb", repr(size_kib / 1024), "--out", out + ".tmp",
                    "--seed", str(1000 + k)]
        with contextlib.redirect_stderr(io.StringIO()):
            gen.main()
        os.replace(out + ".tmp", out)
        made += 1
    print("gen_many.py: %d files in %s (%d new)" % (count, out_dir, made), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
