"""Issue 19 item 6: the report's bar charts leave room for their labels: a long category name or the total of a bar
that reaches the axis' last tick is never cut at the image's edge."""
from __future__ import annotations

import pytest


def _edge_ink(path: str) -> dict:
    """Non-white pixels in the outermost 3 pixel columns/rows of each side."""
    from qgis.PyQt.QtGui import QImage

    img = QImage(path)
    assert not img.isNull()
    w, h = img.width(), img.height()

    def ink(points):
        return sum(1 for x, y in points if img.pixel(x, y) & 0xFFFFFF != 0xFFFFFF)

    return {"left": ink((x, y) for x in range(3) for y in range(h)),
            "right": ink((x, y) for x in range(w - 3, w) for y in range(h)),
            "top": ink((x, y) for x in range(w) for y in range(3)),
            "bottom": ink((x, y) for x in range(w) for y in range(h - 3, h))}


@pytest.mark.parametrize("horizontal", [True, False])
def test_bar_labels_stay_inside_the_chart(qgis_app, tmp_path, horizontal):
    from kaltim_internet_plugin.core import formatting as fmt
    from kaltim_internet_plugin.report.charts import bar_chart_png

    categories = ["Program Internet Desa (APBD Provinsi) dengan nama sumber dana yang panjang sekali",
                  "APBD Kabupaten/Kota", "Rp 156 miliar anggaran"]
    values = [60e9, 20e9, 59.99e9]  # the longest bar ends on the last tick (60)
    path = bar_chart_png(str(tmp_path / "c.png"), "Uji", categories, [("Capex", values)], "miliar Rp",
                         lambda v: fmt.money(v, "id") + " (total seluruh periode)", width_px=1200, height_px=600,
                         horizontal=horizontal, scale=1e9)
    assert _edge_ink(path) == {"left": 0, "right": 0, "top": 0, "bottom": 0}
