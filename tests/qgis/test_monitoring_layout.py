"""Issue 19 item 6: the A4 M&E report (report/monitoring_report.py + monitoring_report.qpt) fits its page: the
provider table is not cut at the page's edge (its names wrap; a long table goes on to a next page), and its map has
a north arrow, a scale bar, the numeric scale and village names."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from qgis.core import QgsFeature, QgsFeatureRequest, QgsField, QgsProject, QgsVectorLayer

from tests.conftest import SAMPLE
from tests.qgis.test_exportplan import pdf_words

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

PROVIDERS = [f"PT Penyedia Jaringan Internet Desa Nusantara Nomor {i} Tbk" for i in range(1, 31)]


def _villages() -> QgsVectorLayer:
    src = QgsVectorLayer(f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages", "v", "ogr")
    layer = QgsVectorLayer(f"MultiPolygon?crs={src.crs().authid()}", "villages", "memory")
    layer.dataProvider().addAttributes(src.fields().toList() + [QgsField("status", 10)])
    layer.updateFields()
    feats = []
    statuses = ("planned", "installed", "operational", "disrupted", "")
    for i, f in enumerate(src.getFeatures(QgsFeatureRequest().setFilterExpression("kode_kab = '64.02'"))):
        g = QgsFeature(layer.fields())
        g.setGeometry(f.geometry())
        g.setAttributes(f.attributes() + [statuses[i % len(statuses)]])
        feats.append(g)
    layer.dataProvider().addFeatures(feats)
    return layer



def test_me_report_fits_its_pages_and_maps_with_arrow_scale_and_names(qgis_app, tmp_path):
    from kaltim_internet_plugin.report import monitoring_report as mr

    villages = _villages()
    names = {f["nama"] for f in villages.getFeatures()}
    score = [{"provider": p, "sites": 10 + i, "mean_availability": 0.99 - i / 1000, "months_below_target": i % 4}
             for i, p in enumerate(PROVIDERS)]
    indicators = [(f"Indicator number {i} with a long name that has to wrap in its column", str(i)) for i in range(12)]
    pdf = str(tmp_path / "monev.pdf")
    mr.write_pdf(pdf, mr.template_path(), "2025-04", indicators, score, [], villages, "status")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
                          .stdout).group(1))
    assert pages >= 2  # 30 providers: the table goes on to a second page, at the same place
    words = [w for p in range(1, pages + 1) for w in pdf_words(pdf, p)]
    text = " ".join(w[0] for w in words)
    for provider in PROVIDERS:  # every provider printed in full (its name wraps within the column)
        assert provider in text, provider
    assert max(w[3] for w in words) < 210 - 10, max(w[3] for w in words)  # nothing beyond the right margin
    assert max(w[4] for w in words) < 297 - 5
    first = " ".join(w[0] for w in pdf_words(pdf, 1))
    assert "Skala 1 :" in first and "km" in first and "Sistem koordinat: WGS 84 / UTM zona 50S" in first
    on_map = [w for w in pdf_words(pdf, 1) if 15 < w[1] and w[3] < 140 and 38 < w[2] and w[4] < 143]
    assert len({w[0] for w in on_map} & {n.split()[0] for n in names}) >= 10  # village names on the map
    del villages


def test_me_template_arrow_and_scale_bar_follow_the_map(qgis_app):
    from qgis.core import QgsLayoutItemPicture, QgsLayoutItemScaleBar

    from kaltim_internet_plugin.report import layouts

    layout = layouts.load_template(QgsProject(), layouts.default_template_folder(), layouts.MONITORING_TEMPLATE, "m")
    m = layout.itemById("map")
    arrow, bar = layout.itemById("north_arrow"), layout.itemById("scalebar")
    assert isinstance(arrow, QgsLayoutItemPicture) and arrow.linkedMap() is m
    assert isinstance(bar, QgsLayoutItemScaleBar) and bar.linkedMap() is m
    assert m.isLabelBlockingItem(arrow) and m.isLabelBlockingItem(bar)  # labels keep clear of them
    assert layout.itemById("scale_text") is not None
