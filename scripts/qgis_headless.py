"""Start QGIS headless with Processing and this plugin's provider (for the demo, benchmarks and tests).

The plugin is imported from ``QGIS_PLUGINPATH`` (the built plugin, as `make` sets it) or else the source tree.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_state: dict = {}


def plugin_parent() -> Path:
    for entry in os.environ.get("QGIS_PLUGINPATH", "").split(os.pathsep):
        if entry and (Path(entry) / "kaltim_internet_plugin" / "metadata.txt").exists():
            return Path(entry)
    return ROOT


def start_qgis():
    """Return the QgsApplication (created once), with Processing initialised and the provider registered."""
    if "app" in _state:
        return _state["app"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], False)
        app.initQgis()
    for path in ("/usr/share/qgis/python/plugins", "/usr/lib/qgis/python/plugins"):
        if Path(path).exists() and path not in sys.path:
            sys.path.append(path)
    from processing.core.Processing import Processing

    Processing.initialize()
    _state["app"] = app
    _state["plugin"] = register_plugin()
    return app


def register_plugin():
    parent = str(plugin_parent())
    if parent not in sys.path:
        sys.path.insert(0, parent)
    import kaltim_internet_plugin

    plugin = kaltim_internet_plugin.classFactory(None)
    plugin.initProcessing()
    return plugin


def run(alg_id: str, params: dict, feedback=None) -> dict:
    import processing
    from qgis.core import QgsProcessingFeedback

    return processing.run(alg_id, params, feedback=feedback or QgsProcessingFeedback())
