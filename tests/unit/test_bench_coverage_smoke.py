"""`make bench` must keep running: the coverage bench on a tiny DEM (no assertion on time)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_coverage_bench_runs_and_prints_ratios():
    res = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "bench_coverage.py"), "--size", "120",
                          "--sites", "3", "--radius", "3000"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "gdal viewshed LOS" in out
    for name in ("fast", "fine", "exact"):
        assert f"p526 {name}" in out
    # the non-reference resolutions print their difference from exact
    assert out.count("mean ") == 2 and "p526/LOS" in out and "without compositing" in out
