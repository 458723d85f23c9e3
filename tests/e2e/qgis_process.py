"""Run the plugin's algorithms through the real `qgis_process` command line, as users and checkers do.

Debian's /usr/bin/qgis_process wrapper passes --noversioncheck, which 3.22 rejects: call qgis_process.bin.
The plugin is found through QGIS_PLUGINPATH (the built plugin) and enabled in a throw-away config folder.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def qgis_process_binary() -> str:
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    return ""


def plugin_path() -> str:
    env = os.environ.get("QGIS_PLUGINPATH", "")
    for entry in env.split(os.pathsep):
        if entry and (Path(entry) / "kaltim_internet_plugin" / "metadata.txt").exists():
            return entry
    built = ROOT / "build" / "plugins"
    if not (built / "kaltim_internet_plugin" / "metadata.txt").exists():
        subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "build_plugin.py"), "--out", "build/plugins"],
                       check=True, cwd=ROOT)
    return str(built)


class QgisProcess:
    def __init__(self):
        self.config = tempfile.mkdtemp(prefix="kaltim-qp-")
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_PLUGINPATH=plugin_path(),
                        QGIS_CUSTOM_CONFIG_PATH=self.config)
        self.binary = qgis_process_binary()
        out = self._call(["plugins", "enable", "kaltim_internet_plugin"])
        if out.returncode != 0:
            raise RuntimeError(f"cannot enable the plugin: {out.stdout}{out.stderr}")

    def _call(self, args, timeout=900):
        return subprocess.run([self.binary, *args], env=self.env, capture_output=True, text=True, timeout=timeout)

    def run(self, alg: str, params: dict, timeout=900) -> dict:
        args = ["run", alg, "--json", "--"]
        for key, value in params.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            for v in values:
                args.append(f"{key}={v}")
        proc = self._call(args, timeout)
        start = proc.stdout.find("{")
        data = json.loads(proc.stdout[start:]) if start >= 0 and proc.returncode == 0 else {}
        return {"returncode": proc.returncode, "results": data.get("results", {}), "log": data.get("log", ""),
                "stdout": proc.stdout, "stderr": proc.stderr}

    def list_algorithms(self) -> str:
        return self._call(["list"]).stdout

    def close(self):
        shutil.rmtree(self.config, ignore_errors=True)
