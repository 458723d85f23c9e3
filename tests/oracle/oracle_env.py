"""Build (once, cached) the oracle venvs and run an oracle on a batch of profiles through files: pycraf's P.452
(:func:`run_oracle`, ``.venv-oracle``) and itmlogic's ITM 1.2.2 (:func:`run_itm_oracle`, ``.venv-oracle-itm``).

Each venv lives in the repository (gitignored; ``KALTIM_ORACLE_VENV`` / ``KALTIM_ORACLE_ITM_VENV`` move them),
created from the system Python WITHOUT the system site packages and filled from PyPI with its requirements file
(``requirements-oracle.txt`` / ``requirements-itm.txt``); a stamp with the requirements' hash makes it
rebuild when they change.  :class:`OracleUnavailable` is raised only when the package index cannot be reached
(the caller skips with that reason); any other install failure is an error.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REQUIREMENTS = HERE / "requirements-oracle.txt"
DRIVER = HERE / "pycraf_oracle.py"
_NETWORK_ERRORS = ("NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
                   "Name or service not known", "Network is unreachable", "ConnectTimeout", "ConnectionError",
                   "ProxyError", "Max retries exceeded", "Connection refused", "Read timed out")


class OracleUnavailable(RuntimeError):  # noqa: N818 (a skip reason, not an error)
    """The package index (PyPI) cannot be reached, so the oracle venv cannot be built."""


def venv_dir() -> Path:
    return Path(os.environ.get("KALTIM_ORACLE_VENV", ROOT / ".venv-oracle"))


# The ITM oracle (itmlogic) has a venv of its own, so changing one oracle's pins never rebuilds the other.
ITM_REQUIREMENTS = HERE / "requirements-itm.txt"
ITM_DRIVER = HERE / "itmlogic_oracle.py"


def itm_venv_dir() -> Path:
    return Path(os.environ.get("KALTIM_ORACLE_ITM_VENV", ROOT / ".venv-oracle-itm"))


def _python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path = None, requirements: Path = REQUIREMENTS) -> Path:
    """Path of the oracle venv's python, building the venv when missing or out of date (default: the pycraf
    oracle's; :func:`run_itm_oracle` passes the ITM oracle's venv and requirements)."""
    venv = venv_dir() if venv is None else venv
    base = "/usr/bin/python3"
    if not os.path.exists(base):
        base = getattr(sys, "_base_executable", sys.executable)
    # The stamp names the requirements AND the interpreter: a venv copied from another machine or root (another
    # Python, so another site-packages folder) is rebuilt instead of running without its packages.
    version = subprocess.run([base, "-c", "import sys; print(sys.version)"], capture_output=True, text=True).stdout
    want = hashlib.sha256(requirements.read_bytes() + version.encode()).hexdigest()
    stamp = venv / ".requirements.sha"
    py = _python(venv)
    if py.exists() and stamp.exists() and stamp.read_text().strip() == want:
        return py
    res = subprocess.run([base, "-m", "venv", "--clear", str(venv)], capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"creating the oracle venv {venv} failed:\n{res.stdout}\n{res.stderr}")
    res = subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--timeout", "30",
                          "--retries", "2", "-r", str(requirements)], capture_output=True, text=True)
    if res.returncode != 0:
        text = res.stdout + res.stderr
        if any(e in text for e in _NETWORK_ERRORS):
            raise OracleUnavailable(f"PyPI is unreachable, so the oracle venv {venv.name} cannot be built: "
                                    + text.strip().splitlines()[-1][:300])
        raise RuntimeError(f"installing the oracle ({requirements.name}) failed:\n{text[-3000:]}")
    stamp.write_text(want)
    return py


def run_oracle(profiles) -> dict:
    """pycraf's P.452-16 diffraction loss for ``profiles``: dicts with ``d``, ``h`` (m), ``freq_mhz``, ``tx_agl``,
    ``rx_agl``, ``k_factor``.  Returns the driver's output arrays (see pycraf_oracle.py), one value per profile."""
    py = ensure_venv()
    lens = np.array([len(p["d"]) for p in profiles])
    stop = np.cumsum(lens)
    with tempfile.TemporaryDirectory(prefix="kaltim_oracle_") as tmp:
        inp, out = os.path.join(tmp, "in.npz"), os.path.join(tmp, "out.npz")
        np.savez(inp, d=np.concatenate([np.asarray(p["d"], float) for p in profiles]),
                 h=np.concatenate([np.asarray(p["h"], float) for p in profiles]), start=stop - lens, stop=stop,
                 **{k: np.array([float(p[k]) for p in profiles]) for k in ("freq_mhz", "tx_agl", "rx_agl", "k_factor")})
        res = subprocess.run([str(py), str(DRIVER), inp, out], capture_output=True, text=True)
        if res.returncode != 0:
            raise RuntimeError(f"the pycraf oracle failed:\n{res.stderr[-3000:]}")
        with np.load(out) as z:
            return {k: z[k] for k in z.files}


ITM_KEYS = ("dist_m", "freq_mhz", "tx_agl", "rx_agl", "ipol", "eps", "sgm", "klim", "ns", "zsys", "mdvar", "time",
            "location", "situation")


def run_itm_oracle(profiles) -> dict:
    """itmlogic's ITM 1.2.2 point-to-point loss for ``profiles``: dicts with ``h`` (ground, m, equal spacing)
    and the :data:`ITM_KEYS`.  Returns the driver's output arrays (see itmlogic_oracle.py), one per profile."""
    py = ensure_venv(itm_venv_dir(), ITM_REQUIREMENTS)
    lens = np.array([len(p["h"]) for p in profiles])
    stop = np.cumsum(lens)
    with tempfile.TemporaryDirectory(prefix="kaltim_itm_oracle_") as tmp:
        inp, out = os.path.join(tmp, "in.npz"), os.path.join(tmp, "out.npz")
        np.savez(inp, h=np.concatenate([np.asarray(p["h"], float) for p in profiles]), start=stop - lens, stop=stop,
                 **{k: np.array([float(p[k]) for p in profiles]) for k in ITM_KEYS})
        res = subprocess.run([str(py), str(ITM_DRIVER), inp, out], capture_output=True, text=True)
        if res.returncode != 0:
            raise RuntimeError(f"the itmlogic oracle failed:\n{res.stderr[-3000:]}")
        with np.load(out) as z:
            return {k: z[k] for k in z.files}


def oracle_fixture(runner):
    """A module-scoped pytest fixture giving ``run(profiles)``: ``runner``'s answer, or the test skipped with the
    reason when the oracle's venv cannot be made (no package registry)."""
    import pytest

    @pytest.fixture(scope="module")
    def oracle():
        def run(profiles):
            try:
                return runner(profiles)
            except OracleUnavailable as exc:
                pytest.skip(str(exc))
        return run
    return oracle


def summary(err) -> str:
    """mean / p95 / max of |err|, dB."""
    a = np.abs(err)
    return f"mean {a.mean():.4f} dB, p95 {np.percentile(a, 95):.4f} dB, max {a.max():.4f} dB"

