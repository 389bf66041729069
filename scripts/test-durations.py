#!/usr/bin/env python3
"""Prints how long each test program took, from `cargo test` output, slowest first.

Cargo prints "Running <source> (<binary>)" before each program and "test result: ...
finished in N s" after it; the end-to-end programs are summed apart, as they hold most of
the run's time.
"""
import pathlib
import re
import sys

running = re.compile(r"^\s*(?:Running|Doc-tests)\s+(.+)$")
binary_stem = re.compile(r"\(.*?([A-Za-z0-9_]+)-[0-9a-f]+(?:\.exe)?\)$")
END_TO_END = {p.stem for p in pathlib.Path(__file__).parent.parent.glob("tests/e2e/tests/*.rs")}

def is_end_to_end(name):
    m = binary_stem.search(name)
    return bool(m) and m.group(1) in END_TO_END
finished = re.compile(r"^test result: .*finished in ([0-9.]+)s")

def main(path):
    rows, current = [], None
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if m := running.match(line):
                current = m.group(1).strip()
            elif (m := finished.match(line)) and current:
                rows.append((float(m.group(1)), current))
                current = None
    rows.sort(reverse=True)
    for seconds, name in rows:
        print(f"{name:<60} {seconds:7.1f} s")
    e2e = sum(s for s, n in rows if is_end_to_end(n))
    print(f"{'dont bout en bout (tests/e2e)':<60} {e2e:7.1f} s")
    print(f"{'en tout':<60} {sum(s for s, _ in rows):7.1f} s")

if __name__ == "__main__":
    main(sys.argv[1])
