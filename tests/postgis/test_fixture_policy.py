"""Without PostgreSQL binaries the team-mode tests skip locally but FAIL clearly in CI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_cluster_is_running(pg_cluster):
    conn = pg_cluster.connect("kaltim_template")
    with conn.cursor() as cur:
        cur.execute("SELECT postgis_version()")
        assert cur.fetchone()[0]
    conn.close()


def _run(extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "KALTIM_REQUIRE_POSTGIS")}
    env.update({"KALTIM_PG_BINDIR": "/nonexistent/postgresql/bin", **extra_env})
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "tests/postgis/test_fixture_policy.py::test_cluster_is_running"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(os.environ.get("KALTIM_PG_BINDIR") is not None, reason="already the inner run")
def test_missing_binaries_skip_locally_and_fail_in_ci():
    local = _run({})
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout + local.stderr
    assert "initdb not found" in local.stdout
    for env in ({"CI": "true"}, {"KALTIM_REQUIRE_POSTGIS": "1"}):
        ci = _run(env)
        assert ci.returncode != 0, ci.stdout
        assert "PostgreSQL/PostGIS tests need the server binaries" in ci.stdout and "postgresql-postgis" in ci.stdout
