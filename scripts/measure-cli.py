#!/usr/bin/env python3
"""Whole-process timings of the command line, as a script calling it would see them.

Builds the release `passerelle-cli` and the benchmark database (10,000 experts, 2,000 events
and the benchmark programme: 3 days, 30 sessions, 15 speakers), then runs each command once to
warm up and N times to measure, and prints min / median / max of the wall-clock time (with
the median CPU time, user + system) against the targets of issue 9.

    python3 scripts/measure-cli.py [--runs N] [--fresh]

The database is kept in the target directory (`measure-cli/bench.db`) and reused; --fresh
builds it again. On a shared machine, run it when nothing else is building: the figures are
only worth what the machine's idle time is.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (name, arguments after the binary, target in ms or None)
CASES = [
    ("--version", ["--version"], None),
    ("programme (3 jours, 30 séances)", ["programme", "--event", "BENCH-PROGRAMME", "--out", "{out}"], 25),
    ("list experts (10 000)", ["list", "experts"], 60),
    ("search mobilite", ["search", "mobilite"], 20),
]


def cargo(*args):
    subprocess.run(["cargo", *args], cwd=ROOT, check=True)


def target_dir():
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    return Path(json.loads(metadata.stdout)["target_directory"])


def prepare_database(target, fresh):
    db = target / "measure-cli" / "bench.db"
    if fresh and db.parent.exists():
        shutil.rmtree(db.parent)
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        print("Building the benchmark database (once)…", flush=True)
        cargo("run", "--quiet", "--release", "-p", "passerelle-core", "--example", "bench_db", "--", str(db))
    return db


def run_once(command):
    """Wall-clock and CPU time (user + system) of one whole process, in ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000
    return wall, cpu


def check_outputs(binary, db, out):
    """Once, before timing: the commands measured do the work they are meant to."""
    listed = subprocess.run([str(binary), "--db", str(db), "list", "experts"], capture_output=True, check=True)
    experts = listed.stdout.count(b"\n")
    if experts < 10_000:
        sys.exit(f"list experts printed {experts} lines, expected at least 10,000")
    found = subprocess.run([str(binary), "--db", str(db), "search", "mobilite"], capture_output=True, check=True)
    if not found.stdout.strip():
        sys.exit("search mobilite found nothing")
    subprocess.run([str(binary), "--db", str(db), "programme", "--event", "BENCH-PROGRAMME", "--out", str(out)],
                   capture_output=True, check=True)
    return experts, out.stat().st_size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="measured runs per command (after one warm-up)")
    parser.add_argument("--fresh", action="store_true", help="build the benchmark database again")
    args = parser.parse_args()

    cargo("build", "--quiet", "--release", "-p", "passerelle-cli")
    target = target_dir()
    binary = target / "release" / ("passerelle-cli" + (".exe" if os.name == "nt" else ""))
    db = prepare_database(target, args.fresh)

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "programme.pdf"
        experts, pdf_size = check_outputs(binary, db, out)
        print(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, {platform.machine()}")
        print(f"Binary: {binary} ({binary.stat().st_size / 1e6:.1f} MB); database: {db.stat().st_size / 1e6:.0f} MB,"
              f" {experts} experts; programme PDF {pdf_size / 1e3:.0f} KB")
        print(f"{args.runs} runs after one warm-up, whole process, milliseconds:")
        print(f"{'command':34} {'min':>7} {'median':>7} {'max':>7} {'CPU':>7}  target")
        missed = []
        for name, arguments, target_ms in CASES:
            command = [str(binary), "--db", str(db), *[a.replace("{out}", str(out)) for a in arguments]]
            run_once(command)
            runs = [run_once(command) for _ in range(args.runs)]
            walls = [wall for wall, _ in runs]
            median = statistics.median(walls)
            cpu = statistics.median(c for _, c in runs)
            verdict = ""
            if target_ms is not None:
                verdict = f"<= {target_ms} ms " + ("ok" if median <= target_ms else "MISSED")
                if median > target_ms:
                    missed.append(name)
            print(f"{name:34} {min(walls):7.1f} {median:7.1f} {max(walls):7.1f} {cpu:7.1f}  {verdict}")
    if missed:
        sys.exit("Missed: " + ", ".join(missed))


if __name__ == "__main__":
    main()
