"""The project's own real-QGIS harness: start the QGIS desktop on Xvfb with the plugin installed from its zip
in a fresh, throw-away profile, run a snippet inside QGIS, take a screenshot, and collect Python errors.

    result = run_desktop(zip_path, snippet, tmp_path / "shot.png", locale="id", screen="1366x768")
    result.loaded, result.errors, result.data (whatever the snippet put in ``report``), result.screenshot,
    result.crashed (QGIS died on a signal, e.g. while it closed)

The snippet sees ``iface``, ``plugin`` (this plugin's instance), ``report`` (a dict saved as JSON) and may set
``shot_widget``. Modal dialogs that pop up are recorded as errors and closed, so a broken start-up cannot hang.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

PLUGIN = "kaltim_internet_plugin"

EARLY = r'''
import builtins
from qgis.core import QgsApplication, Qgis
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QMessageBox
errors = builtins.kaltim_e2e_errors = []
def _collect(message, tag, level):
    if tag == "Python warning":
        # ours only: QGIS's own Python code warns too on newer Pythons (codecs.open on 3.14, from qgis/utils.py)
        if "{plugin}" in message:
            errors.append(f"[{{tag}}] {{message}}")
        return
    if level >= Qgis.MessageLevel.Warning and (tag == "Python error" or "{plugin}" in message):
        errors.append(f"[{{tag}}] {{message}}")
QgsApplication.messageLog().messageReceived.connect(_collect)
def _close_modal():
    w = QApplication.activeModalWidget()
    if w is None:
        return
    text = w.windowTitle()
    if isinstance(w, QMessageBox):
        text += ": " + w.text() + " " + (w.detailedText() or "")
    errors.append("[modal dialog] " + " ".join(text.split())[:3000])
    w.close()
builtins.kaltim_e2e_timer = QTimer()
builtins.kaltim_e2e_timer.timeout.connect(_close_modal)
builtins.kaltim_e2e_timer.start(500)
'''

STARTUP = r'''
import builtins, json, traceback
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
import qgis.utils
errors = builtins.kaltim_e2e_errors
def _finish():
    out = {{"loaded": "{plugin}" in qgis.utils.active_plugins, "errors": errors, "data": {{}}}}
    scope = {{"iface": qgis.utils.iface, "plugin": qgis.utils.plugins.get("{plugin}"), "report": out["data"],
             "shot_widget": qgis.utils.iface.mainWindow()}}
    try:
        with open({snippet!r}) as fh:
            code = fh.read()
        exec(compile(code, {snippet!r}, "exec"), scope)
    except Exception:
        errors.append("[snippet] " + traceback.format_exc())
    def _grab():
        QApplication.processEvents()
        scope["shot_widget"].grab().save({png!r})
        with open({report!r}, "w") as fh:
            json.dump(out, fh, default=str)
        # as QGIS's own exit does, the project is closed first (quitting with layers still loaded crashes QGIS
        # 3.40 at exit, with or without this plugin)
        from qgis.core import QgsProject
        QgsProject.instance().clear()
        QApplication.processEvents()
        QApplication.instance().exit(0)
    QTimer.singleShot(int({settle} * 1000), _grab)
QTimer.singleShot(int({wait} * 1000), _finish)
'''


@dataclass
class DesktopResult:
    loaded: bool = False
    errors: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    screenshot: Path = None
    output: str = ""
    crashed: bool = False  # QGIS died on a signal (e.g. at exit, after the plugin's unload)


def install_plugin(source: Path, plugins_dir: Path) -> None:
    plugins_dir.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, plugins_dir / source.name)
    else:
        with zipfile.ZipFile(source) as zf:
            zf.extractall(plugins_dir)


def run_desktop(plugin_source, snippet: str, png, locale: str = "en", wait: float = 6, settle: float = 2,
                timeout: int = 180, screen: str = "1600x1000") -> DesktopResult:
    png = Path(png).resolve()
    root = Path(tempfile.mkdtemp(prefix="kaltim-e2e-"))
    try:
        profile = root / "profiles" / "default"
        install_plugin(Path(plugin_source), profile / "python" / "plugins")
        (profile / "QGIS").mkdir(parents=True)
        (profile / "QGIS" / "QGIS3.ini").write_text(
            f"[PythonPlugins]\n{PLUGIN}=true\n\n[locale]\noverrideFlag=true\nuserLocale={locale}\n"
            "globalLocale={locale}\n\n[qgis]\ncheckVersion=false\nshowTips=false\n".replace("{locale}", locale))
        snippet_path = root / "snippet.py"
        snippet_path.write_text(textwrap.dedent(snippet))
        report = root / "report.json"
        (root / "early.py").write_text(EARLY.format(plugin=PLUGIN))
        (root / "startup.py").write_text(STARTUP.format(plugin=PLUGIN, snippet=str(snippet_path), png=str(png),
                                                        report=str(report), wait=wait, settle=settle))
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYQGIS_STARTUP=str(root / "early.py"), LANG="C.UTF-8")
        env.pop("QGIS_PLUGINPATH", None)
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", "qgis", "--nologo", "--noversioncheck",
               "--profiles-path", str(root), "--code", str(root / "startup.py")]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        result = DesktopResult(output=proc.stdout[-4000:] + proc.stderr[-4000:])
        result.crashed = "died on signal" in proc.stdout + proc.stderr or proc.returncode < 0
        if report.exists():
            data = json.loads(report.read_text())
            result.loaded, result.errors, result.data = data["loaded"], data["errors"], data["data"]
        if png.exists():
            result.screenshot = png
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)
