"""The dock on the real QGIS desktop at 1366×768 (the common office laptop), in Indonesian and English: a
screenshot of every page (build/screens/<lang>_<n>_<page>.png, to look at) and no page wider than the dock, no
clipped button or list, no scroll arrows on the tabs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.e2e.desktop import run_desktop
from tests.e2e.test_desktop import plugin_zip  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "build" / "screens"
pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not shutil.which("xvfb-run") or not shutil.which("qgis"),
                                 reason="needs qgis and xvfb-run (make test installs them)")]

SNIPPET = """
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication
from kaltim_internet_plugin.gui.fit import clipped_controls, overflow

def settle():
    for _ in range(5):
        QApplication.processEvents()

win = iface.mainWindow()
win.setGeometry(0, 0, 1366, 728)  # 768 minus a 40 px taskbar
dock = plugin.dock
dock.data_page.load_sample()
win.resizeDocks([dock], [450], Qt.Horizontal)
settle()
tabs = dock.tabs
report["dock"] = [dock.width(), dock.height()]
report["screen"] = [QApplication.primaryScreen().size().width(), QApplication.primaryScreen().size().height()]
report["tabs"] = [tabs.tabText(i) for i in range(tabs.count())]
report["tabbar"] = [tabs.tabBar().sizeHint().width(), tabs.width()]
report["pages"] = {}
for i, key in enumerate(dock.pages):
    tabs.setCurrentIndex(i)
    settle()
    page = tabs.widget(i)
    png = f"{OUT}/{LANG}_{i}_{key}.png"
    dock.grab().save(png)
    report["pages"][key] = {"png": png, "overflow": overflow(page), "clipped": clipped_controls(page),
                            "min_height": page.minimumSizeHint().height(), "height": page.height()}
tabs.setCurrentIndex(0)
shot_widget = win
"""


def has_content(png: Path) -> bool:
    """A grab of a page shows widgets, not one flat colour (sampled every 5 px)."""
    from qgis.PyQt.QtGui import QImage

    img = QImage(str(png))
    if img.isNull() or img.width() < 300:
        return False
    return len({img.pixel(x, y) for x in range(0, img.width(), 5) for y in range(0, img.height(), 5)}) > 12


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_fits_1366x768(plugin_zip, tmp_path, qgis_app, lang):  # noqa: F811
    SCREENS.mkdir(parents=True, exist_ok=True)
    snippet = f"OUT = {str(SCREENS)!r}\nLANG = {lang!r}\n" + SNIPPET
    res = run_desktop(plugin_zip, snippet, SCREENS / f"{lang}_desktop.png", locale=lang, screen="1366x768")
    assert res.loaded, res.output
    assert res.errors == [], "\n".join(res.errors)
    assert not res.crashed, res.output  # every page opened, then QGIS closes cleanly
    data = res.data
    assert data["screen"] == [1366, 768]
    assert 380 <= data["dock"][0] <= 470, data["dock"]
    assert data["tabbar"][0] <= data["tabbar"][1], f"tab titles need scroll arrows: {data['tabbar']}"
    assert len(data["pages"]) == 6
    for key, page in data["pages"].items():
        assert page["overflow"] == 0, f"{lang} {key}: {page['overflow']} px wider than the dock"
        assert page["clipped"] == [], f"{lang} {key}: {page['clipped']}"
        assert page["min_height"] <= page["height"], f"{lang} {key}: {page}"
        assert has_content(Path(page["png"])), page["png"]
    if lang == "id":
        assert data["tabs"] == ["Data", "Cakupan", "Prioritas", "Skenario", "Rencana", "Monev"]
