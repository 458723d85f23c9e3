#!/usr/bin/env python3
"""`make bench`: every benchmark, side by side with its reference tool, in one run. Prints ratios, not verdicts."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ("Coverage: p526 vs gdal.ViewshedGenerate (issue 3)", ["bench_coverage.py"]),
    ("Coverage: complete method (p526) raster vs pycraf ITU-R P.452-16 on a held-back DEM (issue 18)",
     ["bench_coverage.py", "--oracle"]),
    ("Coverage: the second opinion (itm) at fast vs exact, 90 m and 30 m, hills and ridges (issue 18)",
     ["bench_coverage.py", "--itm-accuracy"]),
    ("Coverage: fast / fine vs exact on ridge-heavy terrain, 90 m (issue 18)",
     ["bench_coverage.py", "--terrain", "ridges", "--sites", "8", "--radius", "20000", "--size", "700",
      "--repeat", "1"]),
    ("Coverage: time per site at 30 m, fast vs gdal.ViewshedGenerate (issue 18)",
     ["bench_coverage.py", "--cell", "30", "--size", "1500", "--sites", "32", "--radius", "20000",
      "--resolutions", "fast", "--repeat", "3"]),
    ("Coverage: province scale, 1,000 sites, ~6,500 x 6,500 cells at 90 m (issue 3)", ["bench_coverage.py",
                                                                                      "--province"]),
    ("Coverage: 3,000 sites over a province-sized 30 m DEM (12,000 x 12,000 cells = 360 km), p526 fast, 30 km "
     "(issue 18; 150 sites measured, the rest extrapolated)",
     ["bench_coverage.py", "--province", "--cell", "30", "--province-size", "12000", "--province-sites", "3000",
      "--province-sample", "150", "--province-models", "p526"]),
    ("Site selection: exact MCLP vs spopt/PuLP+CBC (issue 4)", ["bench_optimize.py"]),
    ("What-if preview: one site vs a full coverage run (issue 9)", ["bench_whatif.py"]),
]


def main() -> int:
    failures = 0
    for title, args in BENCHES:
        script = HERE / args[0]
        print(f"\n=== {title}", flush=True)
        if not script.exists():
            print(f"(not built yet: {script.name})")
            continue
        t0 = time.time()
        proc = subprocess.run([sys.executable, str(script), *args[1:]], cwd=HERE.parent)
        print(f"--- {script.name} finished in {time.time() - t0:.1f} s (exit {proc.returncode})", flush=True)
        failures += proc.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
