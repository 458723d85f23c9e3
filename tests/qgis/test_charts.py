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


def _bars_on_axis(path: str) -> int:
    """How many bars stand on the chart's value axis: runs of coloured pixels just above its x axis (the row most
    of whose pixels are dark)."""
    from qgis.PyQt.QtGui import QColor, QImage

    img = QImage(path)
    w, h = img.width(), img.height()
    axis = max(range(h), key=lambda y: sum(1 for x in range(0, w, 2) if QColor(img.pixel(x, y)).lightness() < 128))

    def coloured(x: int) -> bool:
        c = QColor(img.pixel(x, axis - 3))
        return c.saturation() > 60  # a funding source's colour, not the white, grey grid or dark text

    runs, inside = 0, False
    for x in range(w):
        if coloured(x) and not inside:
            runs += 1
        inside = coloured(x)
    return runs


def test_a_long_horizon_draws_a_readable_number_of_bars_with_the_same_money(qgis_app, tmp_path):
    """YEARS = 30: the chart of money per year drew 30 thin bars, unreadable when printed. The years are grouped
    into periods of equal length (at most charts.MAX_YEAR_BARS bars, '2026–2028'), each bar the sum of its years:
    no money is lost or moved; a short horizon keeps a bar per year."""
    from kaltim_internet_plugin.report import charts
    from kaltim_internet_plugin.report import tables as tb
    from kaltim_internet_plugin.report.export_plan import PlanExport

    def run(years):
        ys = tb.Sheet("Tahun x sumber", "tahun_x_sumber", ["year", "source", "total_idr"],
                      [[y, s, 1e9 * (1 + k % 4) + (5e8 if s == "apbd_prov" else 0)]
                       for k, y in enumerate(years) for s in ("apbd_prov", "dana_desa")])
        r = PlanExport.__new__(PlanExport)
        r.sheets, r.charts, r.curve = [ys], {}, None
        r.i = type("Inputs", (), {"out_dir": str(tmp_path / str(len(years)))})()
        drawn = []
        real = charts.bar_chart_png

        def spy(path, title, categories, series, *args, **kwargs):
            drawn.append((title, categories, series))
            return real(path, title, categories, series, *args, **kwargs)

        charts.bar_chart_png, saved = spy, real
        try:
            r.make_charts()
        finally:
            charts.bar_chart_png = saved
        title, categories, series = drawn[0]
        total = sum(r[2] for r in ys.rows)
        assert sum(sum(values) for _, values in series) == total  # the same money, to the rupiah
        return title, categories, series, r.charts["chart_year"]

    title, categories, series, png = run(list(range(2026, 2056)))
    assert categories == [f"{y}–{y + 2}" for y in range(2026, 2056, 3)], categories
    assert len(categories) <= charts.MAX_YEAR_BARS and "per 3 tahun" in title, title
    assert series[0][1][0] == sum(1e9 * (1 + k % 4) + 5e8 for k in range(3))  # 2026–2028 of APBD Provinsi
    assert _bars_on_axis(png) == len(categories)
    title, categories, _series, png = run(list(range(2026, 2031)))
    assert categories == ["2026", "2027", "2028", "2029", "2030"] and "per 3 tahun" not in title
    assert _bars_on_axis(png) == 5
    _title, categories, _series, _png = run(list(range(2026, 2039)))  # 13 years: by 2, the last one alone
    assert categories[-2:] == ["2034–2035", "2036–2037", "2038"][-2:] and len(categories) == 7, categories
