"""End to end: the packaged zip loads in the real QGIS desktop (Xvfb), without Python errors, in both languages."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.desktop import run_desktop

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not shutil.which("xvfb-run") or not shutil.which("qgis"),
                                 reason="needs qgis and xvfb-run (make test installs them)")]


@pytest.fixture(scope="module")
def plugin_zip() -> Path:
    zips = sorted((ROOT / "dist").glob("kaltim_internet_plugin-*.zip"), key=lambda p: p.stat().st_mtime)
    if not zips:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_plugin.py"), "--out", "build/plugins",
                        "--zip", "dist/kaltim_internet_plugin-test.zip"], check=True, cwd=ROOT)
        zips = sorted((ROOT / "dist").glob("kaltim_internet_plugin-*.zip"))
    return zips[-1]


SNIPPET = """
from qgis.core import QgsProject
page = plugin.dock.data_page
layers = page.load_sample()
report["tabs"] = [plugin.dock.tabs.tabText(i) for i in range(plugin.dock.tabs.count())]
report["layers"] = sorted(l.name() for l in QgsProject.instance().mapLayers().values())
report["button"] = page.load_sample_button.text()
report["menu"] = [a.text() for a in plugin.actions]
from qgis.core import QgsApplication
report["provider"] = QgsApplication.processingRegistry().providerById("kaltiminternet") is not None
iface.mapCanvas().refreshAllLayers()
"""


def image_is_not_blank(png: Path) -> bool:
    from qgis.PyQt.QtGui import QImage

    img = QImage(str(png))
    if img.isNull():
        return False
    colors = {img.pixel(x, y) for x in range(0, img.width(), 37) for y in range(0, img.height(), 37)}
    return len(colors) > 20


def test_zip_loads_in_qgis_desktop_in_english(plugin_zip, tmp_path, qgis_app):
    res = run_desktop(plugin_zip, SNIPPET, tmp_path / "shot_en.png", locale="en")
    assert res.loaded, res.output
    assert res.errors == [], "\n".join(res.errors)
    assert res.data["provider"] is True
    assert res.data["button"] == "Load Kaltim sample"
    assert len(res.data["layers"]) == 7 and "Existing towers (SYNTHETIC)" in res.data["layers"]
    assert "Land cover (SYNTHETIC, ESA WorldCover classes)" in res.data["layers"]
    assert res.screenshot and image_is_not_blank(res.screenshot)
    assert not res.crashed, res.output  # QGIS closes cleanly with the plugin and its sample loaded


def test_zip_speaks_indonesian_under_id_locale(plugin_zip, tmp_path, qgis_app):
    res = run_desktop(plugin_zip, SNIPPET, tmp_path / "shot_id.png", locale="id")
    assert res.loaded and res.errors == []
    assert res.data["button"] == "Muat sampel Kaltim"
    assert "Menara eksisting (SINTETIS)" in res.data["layers"]
    assert "Monev" in res.data["tabs"] and "Skenario" in res.data["tabs"]
    assert not res.crashed, res.output
