"""The demo's outputs, made once for the chain tests (``demo_out``: scripts/demo.py run as a user runs it, in its
own process, ending with its consistency check)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "demo.py"), "--out", str(out)], env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Consistency check (plan.gpkg, roadmap.xlsx, PDFs, sites selected vs chosen): OK" in proc.stdout
    return out
