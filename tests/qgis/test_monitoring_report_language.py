"""The monthly M&E report (kaltiminternet:slareport), review of 7 December 2026 (the demo's plan, 40 provider rows):

1. its roadmap targets are the villages the roadmap starts each year (the roadmap report's table by year), the
   villages the programme already connects are the baseline on their own line (the demo printed 0 / 1030 for 2026);
2. it is printed in one language, Indonesian (as the plan's other PDFs), whatever QGIS's language, with Indonesian
   numbers and dates (98,98 %, 07-12-2026);
3. it has a page number and a sources line on every page, and its province map names only the villages with a
   problem (1,038 names on a 1 : 5.5 million map were unreadable).
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsFeature, QgsField, QgsVectorLayer

from kaltim_internet_plugin.compat import FieldType
from tests.conftest import SAMPLE, run_alg
from tests.qgis.test_exportplan import pdf_words
from tests.qgis.test_monitoring_qgis import (
    CODES,
    import_params,
    make_plan,
    pdf_text,
    sla_rows_constructed,
    write_csv,
)

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

OUTPUTS = {"OUTPUT_SLA": "memory:", "OUTPUT_SCORECARD": "memory:", "OUTPUT_FLAGS": "memory:"}
BASELINE = "Desa/kel. sudah tersambung di awal (program)"


def target_row(year: int) -> str:
    return f"Desa/kel. mulai layanan {year} (peta jalan): aktif / rencana"


def roadmap_plan(path: Path) -> str:
    """The test plan with the roadmap's columns: the first village connected by the programme before the roadmap
    (year 2026, as the demo's 802), the second scheduled for 2026, the third for 2027."""
    plan = make_plan(path)
    ds = ogr.Open(plan, 1)
    lyr = ds.GetLayerByName("villages")
    for name, kind in (("existing", ogr.OFTString), ("fund_status", ogr.OFTString), ("prog_connected", ogr.OFTInteger),
                       ("capex_idr", ogr.OFTReal), ("opex_idr_year", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    rows = {CODES[0]: ("programme", "continuing", 1, 0.0, 9e6, 2026), CODES[1]: (None, "scheduled", 0, 5e6, 6e6, 2026),
            CODES[2]: (None, "scheduled", 0, 2.6e9, 1e8, 2027)}
    for f in lyr:
        existing, status, prog, capex, opex, year = rows[f.GetField("kode")]
        if existing:
            f.SetField("existing", existing)
        f.SetField("fund_status", status)
        f.SetField("prog_connected", prog)
        f.SetField("capex_idr", capex)
        f.SetField("opex_idr_year", opex)
        f.SetField("year", year)
        lyr.SetFeature(f)
    ds = None
    return plan


def report(plan: str, folder: Path, **extra) -> tuple:
    src = write_csv(folder.parent / "sla.csv", sla_rows_constructed())
    run_alg("kaltiminternet:importmonitoring", import_params(plan, src))
    res, _ = run_alg("kaltiminternet:slareport", dict(OUTPUTS, PLAN_DB=plan, VILLAGES=f"{plan}|layername=villages",
                                                      OUTPUT_REPORT_FOLDER=str(folder), **extra))
    with open(folder / f"indicators_{res['REPORT_MONTH']}.csv", encoding="utf-8") as fh:
        indicators = {r[0]: r[1] for r in csv.reader(fh)}
    return res, indicators, " ".join(pdf_text(res["REPORT_PDF"]).split())


def test_roadmap_targets_are_the_villages_the_roadmap_starts_each_year(provider, tmp_path):
    from kaltim_internet_plugin.core import plan_summary
    from kaltim_internet_plugin.io.monitoring_layers import village_rows

    plan = roadmap_plan(tmp_path / "plan.gpkg")
    _res, ind, text = report(plan, tmp_path / "report")
    assert ind[BASELINE] == "1", ind  # the programme's village: the baseline, on its own line
    assert ind[target_row(2026)] == "0 / 1", ind  # not 0 / 2: the programme's village is no 2026 target
    assert ind[target_row(2027)] == "0 / 1", ind
    assert BASELINE in text and "0 / 1" in text
    # the same numbers as the roadmap report's table by year (core.plan_summary, "Desa/kel. mulai layanan")
    layer = QgsVectorLayer(f"{plan}|layername=villages", "v", "ogr")
    rows = [{n: f[n] for n in layer.fields().names()} for f in layer.getFeatures()]
    assert plan_summary.summarize(rows, 2026, 2027).villages_per_year == {2026: 1, 2027: 1}
    from kaltim_internet_plugin.core import monitoring as mon

    ev = mon.evaluate([], village_rows(layer, "status"))
    assert {y["year"]: y["target"] for y in ev.indicators["connected_by_year"]} == {2026: 1, 2027: 1}
    assert ev.indicators["connected_before_roadmap"] == 1


@pytest.mark.parametrize("ui", ["en", "id"])
def test_the_report_is_indonesian_whatever_the_qgis_language(provider, tmp_path, ui):
    from kaltim_internet_plugin import i18n

    if ui == "id":
        assert i18n.install_translator("id")
    else:
        i18n.remove_translator()
    try:
        plan = make_plan(tmp_path / "plan.gpkg")
        _res, ind, text = report(plan, tmp_path / "report")
    finally:
        i18n.remove_translator()
    for word in ("Laporan Pemantauan dan Evaluasi", "bulan laporan April 2025", "Indikator", "Nilai",
                 "Desa menurut status", "Belum ada status", "Penyedia", "Rata-rata % s.d. Apr 2025", "Penanda:",
                 "pertimbangkan penyedia lain"):
        assert word in text, (word, text)
    for word in ("reporting month", "Indicator", "Value", "Villages by status", "No status yet", "Flags:",
                 "consider another provider", "2025-04"):
        assert word not in text, (word, text)
    assert re.search(r"Tanggal laporan: \d\d-\d\d-20\d\d", text), text  # as the plan's PDFs, not ISO
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), text
    assert re.fullmatch(r"\d+,\d\d %", ind["Rata-rata ketersediaan"]), ind  # Indonesian decimals
    assert not re.search(r"\b\d+\.\d\d\b", text), text  # no decimal point anywhere (the scorecard's 98.98)


def test_every_page_has_its_number_and_the_sources(provider, qgis_app, tmp_path):
    from kaltim_internet_plugin.report import monitoring_report as mr

    plan = make_plan(tmp_path / "plan.gpkg")
    _res, _ind, text = report(plan, tmp_path / "report")
    assert "Sumber: laporan layanan penyedia yang diimpor ke rencana: sla.csv (Feb 2025–Apr 2025)" in text, text
    assert "halaman 1 dari 1" in text, text
    # the office is the PDF's author, as in the plan's PDFs (a project made for the report said the OS user: 'root')
    info = subprocess.run(["pdfinfo", _res["REPORT_PDF"]], capture_output=True, text=True, check=True).stdout
    assert "Author:          Internet Desa Kaltim" in info.splitlines(), info
    assert "Title:           Laporan Pemantauan dan Evaluasi · Internet Desa Kaltim · bulan laporan April 2025" \
        in info.splitlines(), info
    # a long provider table goes on to a second page: the footer is there too
    score = [{"provider": f"Penyedia {i}", "sites": i, "mean_availability": 0.99, "months_below_target": 0}
             for i in range(20)]
    pdf = str(tmp_path / "long.pdf")
    mr.write_pdf(pdf, mr.template_path(), "2025-04", [], score, [], None, "status",
                 [{"file": "a.csv", "months": ["2025-03", "2025-04"]}])
    second = " ".join(w[0] for w in pdf_words(pdf, 2))
    assert "halaman 2 dari 2" in second and "a.csv (Mar 2025–Apr 2025)" in second, second


def test_the_province_map_names_only_the_villages_with_a_problem(qgis_app, tmp_path):
    from kaltim_internet_plugin.report import monitoring_report as mr

    src = QgsVectorLayer(f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages", "v", "ogr")
    layer = QgsVectorLayer(f"MultiPolygon?crs={src.crs().authid()}", "villages", "memory")
    layer.dataProvider().addAttributes(src.fields().toList() + [QgsField("status", FieldType.String)])
    layer.updateFields()
    feats, problem = [], {}
    for i, f in enumerate(src.getFeatures()):
        g = QgsFeature(layer.fields())
        g.setGeometry(f.geometry())
        status = "disrupted" if i in (100, 600) else "active"
        g.setAttributes(f.attributes() + [status])
        feats.append(g)
        if i in (100, 600, 900):
            problem[f["kode"]] = f["nama"]
    layer.dataProvider().addFeatures(feats)
    assert layer.featureCount() == 1038
    flagged = [code for code in problem if code not in {feats[100]["kode"], feats[600]["kode"]}]
    flags = [{"flag": "zero_usage", "code": flagged[0], "provider": "P", "months": "2025-04", "run_length": 1}]
    pdf = str(tmp_path / "province.pdf")
    mr.write_pdf(pdf, mr.template_path(), "2025-04", [], [], flags, layer, "status")
    words = pdf_words(pdf, 1)
    on_map = {w[0] for w in words if 15 < w[1] and w[3] < 140 and 38 < w[2] and w[4] < 143}
    names = {part for name in problem.values() for part in name.split()}
    others = {f["nama"].split()[0] for f in src.getFeatures()} - names
    assert on_map & names, on_map  # the villages with a problem are named
    assert not on_map & others, on_map & others  # no other village
    text = " ".join(w[0] for w in words)
    assert "Nama desa: hanya 3 desa terganggu atau bertanda" in text, text


def test_the_printed_legend_is_indonesian_only(provider, tmp_path):
    """The map's legend printed 'Aktif (active)', 'Direncanakan (planned)', …: the dock's style names each status with
    its code, but the printed report is Indonesian only (as the plan's other PDFs)."""
    plan = make_plan(tmp_path / "plan.gpkg")
    _res, _ind, text = report(plan, tmp_path / "report")
    for label in ("Direncanakan", "Disurvei", "Dikontrak", "Terpasang", "Aktif", "Terganggu", "Dimigrasi",
                  "Belum ada status"):
        assert label in text, (label, text)
    found = re.findall(r"\((?:planned|surveyed|contracted|installed|active|disrupted|migrated)\)", text)
    assert not found, (found, text)


def test_a_long_footer_and_flags_are_printed_whole(qgis_app, tmp_path):
    """Three imported files of long names wrapped the footer's sources line over its box (9 mm): the PDF lost the
    footer's last line, 'Internet Desa Kaltim - Diskominfo Kaltim · dicetak … · halaman 1 dari 1', though the layout
    held it. Every line the report's labels hold is in the PDF."""
    from kaltim_internet_plugin.report import monitoring_report as mr

    sources = [{"file": f"laporan_layanan_penyedia_internet_desa_kaltim_bulan_{m}_revisi_final.csv",
                "months": [f"2025-0{m}"]} for m in range(1, 5)]
    flags = [{"flag": "consider_another_provider", "code": f"64.01.01.{2001 + i}",
              "provider": "Penyedia Layanan Internet Nusantara Raya", "months": "2025-01, 2025-02, 2025-03, 2025-04",
              "run_length": 4} for i in range(8)]
    pdf = str(tmp_path / "long_footer.pdf")
    mr.write_pdf(pdf, mr.template_path(), "2025-04", [], [], flags, None, "status", sources)
    text = unicodedata.normalize("NFKC", " ".join(pdf_text(pdf).split()))  # (the PDF's 'ﬁ' ligatures)
    assert re.search(r"Internet Desa Kaltim - Diskominfo Kaltim · dicetak \d\d-\d\d-20\d\d · halaman 1 dari 1",
                     text), text
    for source in sources[:3]:
        assert source["file"] in text, (source["file"], text)
    assert "dan 1 berkas lain" in text, text
    for flag in flags[:mr.MAX_PDF_FLAGS]:
        assert flag["code"] + ":" in text, (flag["code"], text)
    assert "dan 3 lainnya (lihat flags.csv)" in text, text  # (NFKC: "…" is "...")
