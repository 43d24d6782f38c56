#!/usr/bin/python3
"""Time pymatgen's StructureMatcher on pairs of POSCAR files, for MatchBenchmark.

    /usr/bin/python3 benchmark_pymatgen.py REPEATS A1.vasp B1.vasp [A2.vasp B2.vasp ...]

For each pair: three warm-up calls, then REPEATS timed calls each of StructureMatcher().fit(a, b) and
get_rms_dist(a, b) (default settings). Prints one JSON object per pair on its own line:
{"a": ..., "b": ..., "fit": bool, "rms": float|null, "fit_ms": [..], "rms_ms": [..]} (wall-clock milliseconds per
call; structures are parsed once, outside the timing).
"""
import json
import sys
import time
import warnings

from pymatgen.analysis.structure_matcher import StructureMatcher
from pymatgen.io.vasp import Poscar

warnings.filterwarnings("ignore")


def timed(f, repeats):
    for _ in range(3):
        result = f()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1e3)
    return result, times


def main():
    repeats = int(sys.argv[1])
    files = sys.argv[2:]
    sm = StructureMatcher()
    for a_file, b_file in zip(files[0::2], files[1::2]):
        a = Poscar.from_file(a_file, check_for_POTCAR=False).structure
        b = Poscar.from_file(b_file, check_for_POTCAR=False).structure
        fit, fit_ms = timed(lambda: sm.fit(a, b), repeats)
        rms, rms_ms = timed(lambda: sm.get_rms_dist(a, b), repeats)
        print(json.dumps({"a": a_file, "b": b_file, "fit": bool(fit), "rms": None if rms is None else rms[0],
                          "fit_ms": fit_ms, "rms_ms": rms_ms}), flush=True)


if __name__ == "__main__":
    main()
