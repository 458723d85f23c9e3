"""kaltiminternet:exportplan on a plan constructed here from the sample villages (all 10 kab/kota), independent of
the roadmap/classification/prioritisation/tech algorithms: PDFs (pages, text, non-blank maps), XLSX sums,
plan.gpkg styles and metadata, plan.qgz, and the clear errors."""
from __future__ import annotations

import gc
import os
import re
import shutil
import sqlite3
import subprocess
import time
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)

from kaltim_internet_plugin.compat import FieldType
from tests.conftest import SAMPLE, run_alg

GPKG = SAMPLE / "kaltim_sample.gpkg"
TECHS = ("fibre", "fwa", "radio", "bts", "colo", "satellite", "village_package", "fibre_service")
OPERATORS = ("Telkomsel", "Indosat", "XL")
KAB_NAMES = ("Kabupaten Paser", "Kabupaten Kutai Kartanegara", "Kabupaten Berau", "Kabupaten Kutai Barat",
             "Kabupaten Kutai Timur", "Kabupaten Penajam Paser Utara", "Kabupaten Mahakam Ulu", "Kota Balikpapan",
             "Kota Samarinda", "Kota Bontang")
PLAN_FIELDS = (("status", FieldType.String), ("tech", FieldType.String), ("capex_idr", FieldType.LongLong),
               ("opex_idr_year", FieldType.LongLong), ("priority_rank", FieldType.Int), ("year", FieldType.Int),
               ("funding_capex", FieldType.String), ("funding_opex", FieldType.String),
               ("fund_status", FieldType.String),
               ("unfunded_reason", FieldType.String), ("operator", FieldType.String), ("reason", FieldType.String))


def _memory(spec: str, name: str, fields) -> QgsVectorLayer:
    layer = QgsVectorLayer(spec, name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    return layer


def build_plan(kab_codes=None, odd=False) -> dict:
    """A deterministic plan on the sample villages: status, tech, costs, rank, year, funding, operator. ``odd``:
    costs that are no round number of juta (every printed figure is rounded)."""
    src = QgsVectorLayer(f"{GPKG}|layername=villages", "villages", "ogr")
    assert src.isValid()
    base_fields = [(f.name(), f.type()) for f in src.fields() if f.name() != "fid"]
    villages = _memory("MultiPolygon?crs=EPSG:4326", "plan villages", base_fields + list(PLAN_FIELDS))
    feats, rank = [], 0
    rows = []
    for i, f in enumerate(sorted(src.getFeatures(), key=lambda x: x["kode"])):
        if kab_codes and f["kode_kab"] not in kab_codes:
            continue
        status = ("covered", "covered", "partial", "blank_spot", "blank_spot")[i % 5]
        tech = capex = opex = rk = year = fcap = fopex = fstat = reason = op = None
        if status != "covered":
            rank += 1
            rk = rank
            tech = TECHS[i % 7] if not odd else TECHS[i % 3]  # (seven a year: the table by year names them short)
            capex = 100_000_000 + (i % 13) * 10_000_000
            opex = 12_000_000 + (i % 5) * 1_000_000
            if odd:
                capex += 487_311 * (i % 7) + 1
                opex += 353_129 * (i % 3) + 1
            if tech in ("fwa", "colo"):
                op = OPERATORS[i % 3]
            if i % 11 == 0:
                fstat, reason = "unfunded", "no eligible source"
            else:
                year = 2026 + rank % 5
                source = "bakti_uso" if tech == "bts" else "operator" if tech in ("fwa", "colo") else "apbd_prov"
                fcap, fopex, fstat = f"{source}={capex}", f"{source}={opex}", "scheduled"
        feat = QgsFeature(villages.fields())
        feat.setGeometry(f.geometry())
        attrs = [f[n] for n, _ in base_fields] + [status, tech, capex, opex, rk, year, fcap, fopex, fstat, reason,
                                                   op, "test plan" if tech else None]
        feat.setAttributes(attrs)
        feats.append(feat)
        rows.append(dict(zip([n for n, _ in base_fields] + [n for n, _ in PLAN_FIELDS], attrs),
                         point=f.geometry().pointOnSurface().asPoint()))
    villages.dataProvider().addFeatures(feats)
    # roadmap table year x source
    agg = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        if r["fund_status"] == "scheduled":
            source = r["funding_capex"].split("=")[0]
            a = agg[(r["year"], source)]
            a[0] += r["capex_idr"]
            a[1] += r["opex_idr_year"]
            a[2] += 1
            a[3] += r["population"] or 0
    roadmap = _memory("None", "roadmap", (("year", FieldType.Int), ("source", FieldType.String),
                                          ("label", FieldType.String), ("capex_idr", FieldType.LongLong),
                                          ("opex_idr", FieldType.LongLong), ("villages_connected", FieldType.Int),
                                          ("people_connected", FieldType.LongLong)))
    tfeats = []
    for (year, source), (capex, opex, n, people) in sorted(agg.items()):
        feat = QgsFeature(roadmap.fields())
        feat.setAttributes([year, source, source.upper(), capex, opex, n, people])
        tfeats.append(feat)
    roadmap.dataProvider().addFeatures(tfeats)
    # training: one batch per (year, kecamatan)
    training = _memory("None", "training", (("year", FieldType.Int), ("kec_code", FieldType.String),
                                            ("kec_name", FieldType.String), ("batch_no", FieldType.Int),
                                            ("trainees", FieldType.Int), ("villages", FieldType.String),
                                            ("cost_idr", FieldType.LongLong)))
    groups = defaultdict(list)
    for r in rows:
        if r["fund_status"] == "scheduled":
            groups[(r["year"], r["kode_kec"], r["nama_kec"])].append(r["kode"])
    tfeats = []
    for (year, kec, name), codes in sorted(groups.items()):
        feat = QgsFeature(training.fields())
        feat.setAttributes([year, kec, name, 1, 2 * len(codes), ";".join(codes), 3_000_000 * len(codes)])
        tfeats.append(feat)
    training.dataProvider().addFeatures(tfeats)
    # planned sites: the bts villages
    planned = _memory("Point?crs=EPSG:4326", "planned sites", (("site_id", FieldType.String),
                                                               ("tech", FieldType.String),
                                                               ("operator", FieldType.String),
                                                               ("code", FieldType.String), ("year", FieldType.Int)))
    pfeats = []
    for r in rows:
        if r["tech"] == "bts":
            feat = QgsFeature(planned.fields())
            feat.setGeometry(QgsGeometry.fromPointXY(r["point"]))
            feat.setAttributes([f"NEW-{r['kode']}", "bts", None, r["kode"], r["year"]])
            pfeats.append(feat)
    planned.dataProvider().addFeatures(pfeats)
    sharing = _memory("None", "sharing", (("site_id", FieldType.String), ("site_operator", FieldType.String),
                                          ("code", FieldType.String), ("year", FieldType.Int),
                                          ("tower_id", FieldType.String), ("tower_operator", FieldType.String),
                                          ("distance_m", FieldType.Double)))
    sfeats = []
    for k, feat_p in enumerate(pfeats[:40]):  # more than the report's table holds
        feat = QgsFeature(sharing.fields())
        feat.setAttributes([feat_p["site_id"], "", feat_p["code"], feat_p["year"], f"T{k}", "Telkomsel", 120.0 + k])
        sfeats.append(feat)
    sharing.dataProvider().addFeatures(sfeats)
    sites = QgsVectorLayer(f"{GPKG}|layername=towers", "towers", "ogr")
    kabkota = QgsVectorLayer(f"{GPKG}|layername=kabkota", "kabkota", "ogr")
    curve = _memory("None", "budget curve", (("budget_idr", FieldType.Double), ("sites", FieldType.Int),
                                             ("cost_idr", FieldType.Double), ("people_newly_covered", FieldType.Double),
                                             ("villages_newly_covered", FieldType.Int), ("gap", FieldType.Double)))
    cfeats = []
    for point in CURVE:
        feat = QgsFeature(curve.fields())
        feat.setAttributes(list(point) + [None])
        cfeats.append(feat)
    curve.dataProvider().addFeatures(cfeats)
    return {"villages": villages, "roadmap": roadmap, "training": training, "planned": planned, "sharing": sharing,
            "sites": sites, "kabkota": kabkota, "rows": rows, "curve": curve}


# an optimiser budget curve (optimizesites OUTPUT_CURVE): budget, sites, cost, people, villages; unsorted on purpose
CURVE = ((25e9, 9, 24.6e9, 31234.6, 14), (5e9, 2, 4.85e9, 12878.0, 5), (10e9, 4, 9.7e9, 20500.0, 8))


@pytest.fixture(scope="module")
def plan(qgis_app):
    built = build_plan()
    yield built
    # free the layers while QGIS is still up (left to the end of the session they crash on exit)
    for key in list(built):
        del built[key]
    gc.collect()


@pytest.fixture(scope="module")
def exported(provider, plan, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    t0 = time.time()
    res, log = run_alg("kaltiminternet:exportplan", {
        "VILLAGES": plan["villages"], "SITES": plan["sites"], "PLANNED_SITES": plan["planned"],
        "KABKOTA": plan["kabkota"], "ROADMAP_TABLE": plan["roadmap"], "TRAINING_TABLE": plan["training"],
        "SHARING_TABLE": plan["sharing"], "BUDGET_CURVE": plan["curve"], "OUTPUT_FOLDER": str(out)})
    res["_seconds"] = time.time() - t0
    res["_log"] = log
    print(f"exportplan on {plan['villages'].featureCount()} villages: {res['_seconds']:.1f} s\n{log}")
    return res


def pdfinfo_pages(path: str) -> int:
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(next(line.split(":")[1] for line in out.splitlines() if line.startswith("Pages:")))


def pdfinfo_title(path: str, key: str = "Title") -> str:
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith(f"{key}:")), "")


def pdftext(path: str, first: int = None, last: int = None) -> str:
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [path, "-"], capture_output=True, text=True, check=True).stdout


needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils (pdfinfo) not installed")


@needs_poppler
def test_deployment_pdf_has_overview_plus_one_page_per_kabkota(exported):
    pdf = exported["DEPLOYMENT_PDF"]
    assert Path(pdf).name == "deployment_plan.pdf"
    assert exported["PAGES"] == 10
    assert pdfinfo_pages(pdf) == 1 + 10 == exported["DEPLOYMENT_PAGES"]
    assert pdfinfo_pages(exported["ATLAS_PDF"]) == 10
    assert pdfinfo_pages(exported["OVERVIEW_PDF"]) == 1
    # the document title a viewer shows (pdfunite wrote none, QGIS 3.22's atlas export an empty one)
    for path in (pdf, exported["ATLAS_PDF"], exported["OVERVIEW_PDF"]):
        assert pdfinfo_title(path) == "Rencana Internet Desa Kalimantan Timur", path
    # the author every PDF names is the plugin's office, not the user the export ran as ('root' from QGIS's
    # project metadata; none in the atlas and merged PDFs)
    for path in (pdf, exported["ATLAS_PDF"], exported["OVERVIEW_PDF"], exported["REPORT_PDF"]):
        assert pdfinfo_title(path, "Author") == "Internet Desa Kaltim", path
    # each atlas page counts the kab/kota pages in words ('Kab/kota 3 dari 10' before)
    atlas = " ".join(pdftext(exported["ATLAS_PDF"]).split())
    assert [int(n) for n in re.findall(r"Kabupaten/Kota (\d+) dari 10\b", atlas)] == list(range(1, 11)), atlas[-300:]
    assert "Kab/kota 1 dari" not in atlas
    text = pdftext(pdf)
    for name in KAB_NAMES:
        assert name in " ".join(text.split()), name
    # page 2.. are the atlas pages in kab code order, each names its kab/kota; the sources line is there
    page2 = " ".join(pdftext(pdf, 2).split())
    assert "Kabupaten Paser" in page2
    # the sources line names what the inputs carry: the villages' estimated population, the synthetic towers; no
    # DEM is given to the export (DATA_INPUTS), so none is named (was: 'menara dan DEM SINTETIS' from the towers)
    assert "penduduk desa PERKIRAAN" in page2 and "menara SINTETIS" in page2 and "DEM SINTETIS" not in page2
    assert "cahyadsn/wilayah_boundaries" in page2


@needs_poppler
def test_overview_is_a3_landscape(exported):
    out = subprocess.run(["pdfinfo", exported["OVERVIEW_PDF"]], capture_output=True, text=True).stdout
    size = next(line for line in out.splitlines() if line.startswith("Page size"))
    w, h = [float(v) for v in size.split(":")[1].split("pts")[0].split("x")]
    assert abs(w - 1190.55) < 3 and abs(h - 841.89) < 3, size


@needs_poppler
def test_atlas_page_map_is_not_blank(exported, tmp_path):
    from qgis.PyQt.QtGui import QImage

    from kaltim_internet_plugin.report import layouts

    template = layouts.load_template(QgsProject(), layouts.default_template_folder(), layouts.ATLAS_TEMPLATE, "a")
    pos, size = template.itemById("map").positionWithUnits(), template.itemById("map").sizeWithUnits()
    map_rect = (pos.x(), pos.y(), size.width(), size.height())  # mm on the page
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "50", "-f", "2", "-l", "2", "-png", exported["DEPLOYMENT_PDF"], str(prefix)],
                   check=True)
    png = next(tmp_path.glob("page*.png"))
    img = QImage(str(png))
    assert not img.isNull()
    px_per_mm = img.width() / 297.0
    x, y, w, h = (int(v * px_per_mm) for v in map_rect)
    colours, non_white, total = set(), 0, 0
    for yy in range(y + 3, y + h - 3, 2):
        for xx in range(x + 3, x + w - 3, 2):
            rgb = img.pixel(xx, yy) & 0xFFFFFF
            colours.add(rgb)
            total += 1
            if rgb != 0xFFFFFF:
                non_white += 1
    assert len(colours) > 20, len(colours)
    assert non_white / total > 0.2, non_white / total


def test_xlsx_sheets_and_sums_match_the_plan(exported, plan):
    import openpyxl

    wb = openpyxl.load_workbook(exported["XLSX"], read_only=True)
    for sheet in ("Per tahun", "Per sumber dana", "Per operator", "Per kab-kota", "Pelatihan"):
        assert sheet in wb.sheetnames, wb.sheetnames

    def table(name):
        rows = list(wb[name].iter_rows(values_only=True))
        return [dict(zip(rows[0], r)) for r in rows[1:]]

    scheduled = [r for r in plan["rows"] if r["fund_status"] == "scheduled"]
    per_year = table("Per tahun")
    assert sum(r["capex_idr"] for r in per_year) == sum(r["capex_idr"] for r in scheduled)
    assert sum(r["villages"] for r in per_year) == len(scheduled)
    assert [r["year"] for r in per_year] == sorted({r["year"] for r in scheduled})
    per_source = table("Per sumber dana")
    assert sum(r["capex_idr"] for r in per_source) == sum(r["capex_idr"] for r in scheduled)
    assert {r["source"] for r in per_source} == {"apbd_prov", "bakti_uso", "operator"}
    per_kab = table("Per kab-kota")
    assert len(per_kab) == 10 and sum(r["villages"] for r in per_kab) == len(plan["rows"])
    assert {r["name"] for r in per_kab} == set(KAB_NAMES)
    per_op = table("Per operator")
    planned = [r for r in plan["rows"] if r["tech"]]
    assert sum(r["villages"] for r in per_op) == len(planned)
    assert {r["operator"] for r in per_op} >= set(OPERATORS)
    training = table("Pelatihan")
    assert len(training) == plan["training"].featureCount()
    # one CSV per sheet beside it
    csvs = exported["CSV_FILES"].split(";")
    assert len(csvs) == len(wb.sheetnames)
    assert all(Path(p).exists() and Path(p).parent == Path(exported["XLSX"]).parent for p in csvs)


def test_gpkg_layers_have_default_styles_and_metadata(exported):
    gpkg = exported["GPKG"]
    expected = {"villages", "sites", "planned_sites", "kabkota", "roadmap_year_source", "training_plan",
                "tower_sharing"}
    con = sqlite3.connect(gpkg)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        assert expected <= tables, tables
        defaults = defaultdict(int)
        for name, in con.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault"):
            defaults[name] += 1
        for name in expected:
            assert defaults[name] == 1, (name, dict(defaults))
        md = {name: text for name, text in con.execute(
            "SELECT r.table_name, m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r "
            "ON r.md_file_id = m.id")}
    finally:
        con.close()
    assert "estimated" in md["villages"] and "PERKIRAAN" in md["villages"]
    assert "synthetic" in md["sites"]
    layer = QgsVectorLayer(f"{gpkg}|layername=villages", "v", "ogr")
    assert layer.isValid() and layer.featureCount() == 1038
    assert "estimated" in layer.metadata().abstract().lower()
    assert "estimated" in layer.metadata().keywords().get("flags", [])
    del layer


def test_qgz_opens_with_layouts_and_valid_layers(exported, tmp_path):
    qgz = exported["QGZ"]
    with zipfile.ZipFile(qgz) as z:
        qgs = next(n for n in z.namelist() if n.endswith(".qgs"))
        xml = z.read(qgs).decode("utf-8")
    assert "./plan.gpkg" in xml  # relative paths
    # the project still opens when the folder is moved
    moved = tmp_path / "moved"
    shutil.copytree(Path(qgz).parent, moved)
    project = QgsProject()
    assert project.read(str(moved / "plan.qgz"))
    names = sorted(layout.name() for layout in project.layoutManager().printLayouts())
    assert names == ["Atlas kab/kota", "Ikhtisar provinsi", "Laporan peta jalan"]
    layers = project.mapLayers().values()
    assert len(layers) >= 8
    assert all(layer.isValid() for layer in layers), [layer.name() for layer in layers if not layer.isValid()]
    assert all(str(moved) in layer.source() for layer in layers)
    # the layer tree: every layer once, map layers on top in drawing order, the locator hidden, tables below
    nodes = project.layerTreeRoot().findLayers()
    assert sorted(n.layerId() for n in nodes) == sorted(layer.id() for layer in layers)
    order = [n.layer().name() for n in nodes]
    assert order[:5] == ["Lokasi baru rencana", "Menara eksisting (SINTETIS)", "Desa — teknologi rencana", "Kab/kota",
                         "Desa — status sinyal"], order  # the sample's towers are SYNTHETIC
    assert order[5] == "Kab/kota (lokator)" and not nodes[5].isVisible()
    assert all(n.isVisible() for n in nodes[:5])
    atlas = project.layoutManager().layoutByName("Atlas kab/kota")
    assert atlas.atlas().enabled() and atlas.atlas().coverageLayer() is not None
    assert atlas.atlas().coverageLayer().featureCount() == 10
    for item_id in ("map", "locator", "legend", "title", "north_arrow", "scalebar"):
        assert atlas.itemById(item_id) is not None, item_id
    # issue 19: neighbouring kab/kota washed out on atlas pages (above the villages' status), not on the overview
    mask = next(layer for layer in layers if "disamarkan" in layer.name())
    atlas_names = [layer.name() for layer in atlas.itemById("map").layers()]
    assert atlas_names.index(mask.name()) < atlas_names.index("Desa — status sinyal")
    assert atlas_names.index(mask.name()) < atlas_names.index("Desa — teknologi rencana")
    overview = project.layoutManager().layoutByName("Ikhtisar provinsi")
    assert mask.id() not in [layer.id() for layer in overview.itemById("map").layers()]
    rule = mask.renderer().rootRule().children()[0]
    feats = list(mask.getFeatures())
    for page_feature in feats[:3]:
        washed = []
        for f in feats:
            scope = QgsExpressionContextScope()  # the context takes ownership: one scope per context
            scope.setVariable("atlas_featureid", page_feature.id())
            context = QgsExpressionContext()
            context.appendScope(scope)
            context.setFeature(f)
            if QgsExpression(rule.filterExpression()).evaluate(context):
                washed.append(f.id())
        assert sorted(washed) == sorted(f.id() for f in feats if f.id() != page_feature.id())
    context = QgsExpressionContext()  # outside an atlas nothing is washed
    context.setFeature(feats[0])
    assert not QgsExpression(rule.filterExpression()).evaluate(context)
    project.clear()


@needs_poppler
def test_report_pdf_has_tables_and_charts(exported):
    text = " ".join(pdftext(exported["REPORT_PDF"]).split())
    for word in ("Peta jalan pendanaan", "Paket pekerjaan per operator", "Rencana pelatihan", "Telkomsel",
                 "Kota Samarinda"):
        assert word in text, word
    assert Path(exported["OUTPUT_FOLDER"], "charts", "chart_year.png").exists()


@needs_poppler
def test_the_table_by_year_prints_every_year_and_its_total(exported):
    """Seven technologies a year: their full names made each row so tall that the report's table by year printed
    two of its five years and no total row (found 7 December; the export only warned that it did not fit). Now the
    technologies go short, or are only counted, so every year and the Jumlah row print, and the log says so."""
    import csv
    import re

    with open(Path(exported["OUTPUT_FOLDER"], "roadmap_per_tahun.csv"), encoding="utf-8") as fh:
        years = [r["year"] for r in csv.DictReader(fh)]
    assert len(years) == 5
    text = pdftext(exported["REPORT_PDF"], 1)
    table = text[:text.index("Sumber dana")]  # the table by year comes first on the page, the sources after
    for year in years:
        assert re.search(rf"^\s*{year}\s", table, re.M), (year, table)
    assert re.search(r"^\s*Jumlah\s", table, re.M), table
    assert "names the technologies of a year in short" in exported["_log"]
    assert "'table_year' does not fit" not in exported["_log"]


def test_export_time_is_reasonable(exported):
    assert exported["_seconds"] < 240, exported["_seconds"]


def test_missing_template_gives_a_clear_error(provider, plan, tmp_path):
    from qgis.core import QgsProcessingException

    from kaltim_internet_plugin.report.layouts import default_template_folder

    folder = tmp_path / "templates"
    shutil.copytree(default_template_folder(), folder)
    (folder / "atlas_kabkota.qpt").unlink()
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:exportplan", {"VILLAGES": plan["villages"], "TEMPLATE_FOLDER": str(folder),
                                              "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert "atlas_kabkota.qpt" in str(err.value) and str(folder) in str(err.value)


def test_empty_villages_gives_a_clear_error(provider, tmp_path):
    from qgis.core import QgsProcessingException

    empty = _memory("MultiPolygon?crs=EPSG:4326", "empty plan", (("kode", FieldType.String),
                                                                 ("kode_kab", FieldType.String)))
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:exportplan", {"VILLAGES": empty, "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert "no features" in str(err.value) and "empty plan" in str(err.value)


def test_a_budget_curve_without_its_fields_is_refused(provider, plan, tmp_path):
    """A table given as BUDGET_CURVE that is not the optimiser's curve is named with the missing fields, before
    anything is written (it would otherwise print no curve page without a word)."""
    from qgis.core import QgsProcessingException

    wrong = _memory("None", "not a curve", (("budget", FieldType.Double), ("people", FieldType.Double)))
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:exportplan", {"VILLAGES": plan["villages"], "BUDGET_CURVE": wrong,
                                              "OUTPUT_FOLDER": str(out)})
    text = str(err.value)
    assert "'not a curve'" in text and "budget_idr, people_newly_covered" in text and "OUTPUT_CURVE" in text
    assert not out.exists() or not any(out.iterdir())


@needs_poppler
def test_without_kabkota_layer_dissolves_villages_and_qt_fallback_merges(provider, tmp_path, monkeypatch):
    """Two kab/kota, no KABKOTA/tables; the combined PDF is painted by Qt when pdfunite/qpdf are missing."""
    from kaltim_internet_plugin.report import pdf

    small = build_plan(kab_codes={"64.71", "64.74"})
    monkeypatch.setattr(pdf, "merge_pdfs", lambda paths, out: False)
    res, _ = run_alg("kaltiminternet:exportplan", {"VILLAGES": small["villages"], "TITLE": "Uji dua kota",
                                                   "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert res["PAGES"] == 2
    assert pdfinfo_pages(res["DEPLOYMENT_PDF"]) == 3
    assert pdfinfo_title(res["DEPLOYMENT_PDF"]) == pdfinfo_title(res["ATLAS_PDF"]) == "Uji dua kota"
    text = " ".join(pdftext(res["DEPLOYMENT_PDF"]).split())
    assert "Kota Balikpapan" in text and "Kota Bontang" in text and "Uji dua kota" in text
    # no BUDGET_CURVE: the report leaves the curve page out (and keeps the year map)
    report = " ".join(pdftext(res["REPORT_PDF"]).split())
    assert "Kurva anggaran" not in report and "Peta desa/kelurahan tersambung per tahun" in report
    import openpyxl

    wb = openpyxl.load_workbook(res["XLSX"], read_only=True)
    rows = list(wb["Per sumber dana"].iter_rows(values_only=True))
    scheduled = [r for r in small["rows"] if r["fund_status"] == "scheduled"]
    header = rows[0]
    assert sum(dict(zip(header, r))["capex_idr"] for r in rows[1:]) == sum(r["capex_idr"] for r in scheduled)


def _write_gpkg(layer, path: Path, name: str) -> str:
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = name
    write = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None) or QgsVectorFileWriter.writeAsVectorFormatV2
    res = write(layer, str(path), QgsCoordinateTransformContext(), opts)
    assert res[0] == QgsVectorFileWriter.NoError, res
    return f"{path}|layername={name}"


@needs_poppler
def test_export_plan_task_runs_in_the_background(provider, tmp_path):
    """The Plan page's entry point: the export runs as a QgsTask (another thread) and reports back."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication

    from kaltim_internet_plugin.gui.export_panel import export_plan_task
    from kaltim_internet_plugin.gui.tasks import TaskRunner

    small = build_plan(kab_codes={"64.72", "64.74"})
    uri = _write_gpkg(small.pop("villages"), tmp_path / "input.gpkg", "villages")
    small.clear()
    done = {}

    def on_done(ok, results, feedback):
        done.update(ok=ok, results=results, log=feedback.textLog() if feedback is not None else "")

    task = export_plan_task(TaskRunner(None), {"VILLAGES": uri, "OUTPUT_FOLDER": str(tmp_path / "out")}, on_done)
    assert task is not None
    # the background run gets no project: it never reads the GUI thread's project layers
    assert task._kaltim_refs[1].project() is None
    deadline = time.time() + 180
    while "ok" not in done and time.time() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.05)
    assert done.get("ok") is True, done
    assert QgsApplication.taskManager().count() >= 0
    assert done["results"]["PAGES"] == 2
    assert pdfinfo_pages(done["results"]["DEPLOYMENT_PDF"]) == 3
    text = " ".join(pdftext(done["results"]["DEPLOYMENT_PDF"]).split())
    assert "Kota Samarinda" in text and "Kota Bontang" in text


def test_offer_open_opens_the_chosen_target(qgis_app, tmp_path, monkeypatch):
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication, QMessageBox

    from kaltim_internet_plugin.gui import export_panel

    opened = []
    monkeypatch.setattr(export_panel, "open_path", lambda path: opened.append(path) or True)
    pdf = tmp_path / "deployment_plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")

    def click(label):
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(200, lambda: click("Open folder"))
    assert export_panel.offer_open(None, str(pdf), str(tmp_path)) == "folder"
    QTimer.singleShot(200, lambda: click("Open PDF"))
    assert export_panel.offer_open(None, str(pdf), str(tmp_path)) == "pdf"
    assert opened == [str(tmp_path), str(pdf)]


def test_templates_have_the_item_ids_the_plugin_relies_on(qgis_app):
    from kaltim_internet_plugin.report import layouts

    required = {
        layouts.ATLAS_TEMPLATE: ("title", "subtitle", "map", "locator", "legend", "scalebar", "north_arrow",
                                 "summary", "table_villages", "table_note", "table_sites", "footer"),
        layouts.OVERVIEW_TEMPLATE: ("title", "subtitle", "map", "legend", "scalebar", "north_arrow", "summary",
                                    "footer"),
        layouts.REPORT_TEMPLATE: ("title", "summary", "chart_year", "table_year", "chart_source", "table_source",
                                  "table_operators", "table_kabkota", "table_sharing", "table_training", "footer"),
    }
    folder = layouts.default_template_folder()
    project = QgsProject()
    for name, ids in required.items():
        layout = layouts.load_template(project, folder, name, name)
        for item_id in ids:
            assert layouts.find_item(layout, item_id) is not None, (name, item_id)
        m = layout.itemById("map")
        if m is not None:
            size = m.sizeWithUnits()
            assert size.width() > 100 and size.height() > 100, (name, size.width(), size.height())
    atlas = layouts.load_template(project, folder, layouts.ATLAS_TEMPLATE, "a")
    page = atlas.pageCollection().page(0).pageSize()
    assert (round(page.width()), round(page.height())) == (297, 210)
    arrow = atlas.itemById("north_arrow")
    assert Path(arrow.picturePath()).exists()


def test_reexport_into_the_same_folder_from_its_own_plan_gpkg(provider, tmp_path):
    """A second export into the same folder, of the villages of the plan.gpkg it writes into: refused before any work
    (session 39: the file is replaced while the input is open in it, and a filtered input left its table shorter).
    From a copy of that layer it runs: the table is kept, other tables of the file survive, and every layer still
    has exactly one default style."""
    from qgis.core import QgsProcessingException

    small = build_plan(kab_codes={"64.74"})
    out = tmp_path / "out"
    res, _ = run_alg("kaltiminternet:exportplan", {"VILLAGES": small["villages"], "OUTPUT_FOLDER": str(out)})
    gpkg = res["GPKG"]
    assert gpkg == str(out / "plan.gpkg")  # written under a temporary folder, renamed at the end (issue 16)
    with zipfile.ZipFile(out / "plan.qgz") as z:  # the project names the final folder, not the temporary one
        qgs = b"".join(z.read(n) for n in z.namelist() if n.endswith(".qgs"))
    assert b".kaltim-partial-" not in qgs and str(out).encode() in qgs
    con = sqlite3.connect(gpkg)
    con.execute("CREATE TABLE mon_reports (id INTEGER PRIMARY KEY, note TEXT)")
    con.execute("INSERT INTO mon_reports (note) VALUES ('kept')")
    con.commit()
    con.close()
    n = small["villages"].featureCount()
    small.clear()
    with pytest.raises(QgsProcessingException, match="would overwrite the input VILLAGES"):
        run_alg("kaltiminternet:exportplan", {"VILLAGES": f"{gpkg}|layername=villages", "OUTPUT_FOLDER": str(out)})
    copy = tmp_path / "villages_copy.gpkg"
    shutil.copy(gpkg, copy)
    res2, _ = run_alg("kaltiminternet:exportplan", {"VILLAGES": f"{copy}|layername=villages", "TITLE": "Kedua",
                                                    "OUTPUT_FOLDER": str(out)})
    assert res2["PAGES"] == 1
    con = sqlite3.connect(gpkg)
    try:
        assert con.execute("SELECT note FROM mon_reports").fetchone()[0] == "kept"
        assert con.execute("SELECT count(*) FROM villages").fetchone()[0] == n
        counts = dict(con.execute("SELECT f_table_name, count(*) FROM layer_styles WHERE useAsDefault "
                                  "GROUP BY f_table_name").fetchall())
    finally:
        con.close()
    assert counts == {"villages": 1, "kabkota": 1}, counts
    if shutil.which("pdftotext"):
        assert "Kedua" in pdftext(res2["DEPLOYMENT_PDF"])


def test_office_points_without_kabkota_layer(provider, tmp_path):
    """A plan on village office points (no polygons) and no KABKOTA: the atlas pages are the hulls of the points."""
    small = build_plan(kab_codes={"64.72", "64.74"})
    polys = small.pop("villages")
    small.clear()
    points = QgsVectorLayer("Point?crs=EPSG:4326", "plan offices", "memory")
    points.dataProvider().addAttributes(polys.fields().toList())
    points.updateFields()
    feats = []
    for f in polys.getFeatures():
        g = QgsFeature(points.fields())
        g.setAttributes(f.attributes())
        g.setGeometry(f.geometry().pointOnSurface())
        feats.append(g)
    points.dataProvider().addFeatures(feats)
    # the roadmap's operator packages table (its OPERATOR_FIELDS) goes into 'Per operator' as it is
    ops = _memory("None", "operators", (("operator", FieldType.String), ("villages", FieldType.Int),
                                        ("villages_scheduled", FieldType.Int), ("population", FieldType.LongLong),
                                        ("capex_idr", FieldType.LongLong), ("opex_idr_year", FieldType.LongLong),
                                        ("techs", FieldType.String), ("first_year", FieldType.Int),
                                        ("last_year", FieldType.Int)))
    feat = QgsFeature(ops.fields())
    feat.setAttributes(["Telkomsel", 3, 2, 4567, 300_000_000, 36_000_000, "fwa:3", 2026, 2027])
    ops.dataProvider().addFeatures([feat])
    res, _ = run_alg("kaltiminternet:exportplan", {"VILLAGES": points, "OPERATORS_TABLE": ops,
                                                   "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert res["PAGES"] == 2 and res["DEPLOYMENT_PAGES"] == 3
    import openpyxl

    rows = list(openpyxl.load_workbook(res["XLSX"], read_only=True)["Per operator"].iter_rows(values_only=True))
    assert rows[0][:3] == ("operator", "villages", "villages_scheduled")
    assert rows[1][:3] == ("Telkomsel", 3, 2) and len(rows) == 2
    if shutil.which("pdftotext"):
        assert "Telkomsel" in pdftext(res["REPORT_PDF"])
    layer = QgsVectorLayer(f"{res['GPKG']}|layername=kabkota", "k", "ogr")
    assert layer.featureCount() == 2 and all(f.geometry().area() > 0 for f in layer.getFeatures())
    del layer


def test_template_without_map_item_gives_a_clear_error(provider, tmp_path):
    from qgis.core import QgsProcessingException

    from kaltim_internet_plugin.report.layouts import default_template_folder

    small = build_plan(kab_codes={"64.74"})
    folder = tmp_path / "templates"
    shutil.copytree(default_template_folder(), folder)
    qpt = folder / "overview_province.qpt"
    qpt.write_text(qpt.read_text(encoding="utf-8").replace('id="map"', 'id="peta"'), encoding="utf-8")
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:exportplan", {"VILLAGES": small["villages"], "TEMPLATE_FOLDER": str(folder),
                                              "OUTPUT_FOLDER": str(tmp_path / "out")})
    assert "overview_province.qpt" in str(err.value) and "'map'" in str(err.value)
    small.clear()


def test_cancel_stops_between_steps(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingFeedback

    class CancelAfterPackage(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802
            super().pushInfo(info)
            if info.startswith("plan.gpkg:"):
                self.cancel()

    small = build_plan(kab_codes={"64.74"})
    out = tmp_path / "out"
    try:
        res = processing.run("kaltiminternet:exportplan", {"VILLAGES": small["villages"], "OUTPUT_FOLDER": str(out)},
                             feedback=CancelAfterPackage())
        assert not res["GPKG"] and not res["DEPLOYMENT_PDF"]
    except Exception as exc:  # noqa: BLE001 - some QGIS versions raise on a cancelled run
        assert "cancel" in str(exc).lower()
    # issue 16, item 2: a cancelled run keeps nothing new (the plan.gpkg written before the cancel is discarded)
    assert not out.exists() or os.listdir(out) == []
    assert not [p for p in os.listdir(tmp_path) if ".kaltim-partial-" in p]
    small.clear()


RAW_KEYS = re.compile(r"\b(bakti_uso|apbd_kab|apbd_prov|dana_desa|village_package|fibre_service|blank_spot|"
                      r"per_kab|capex;opex|"
                      r"satellite|fwa_4g|office/hilltop|scheduled|unfunded|[a-z_]+=\d+)\b")
ENGLISH_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(,\d{3})+(?![\d,])|(?<![\d.,])\d+\.\d{1,2}(?![\d.])|\d+(\.\d+)?[kB]\b|"
                            r"\d+\.\d+ ?(km|%|dBm|miliar|juta)")
KODE = re.compile(r"\b\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?\b")


def test_printed_pdfs_have_no_raw_keys_and_only_indonesian_numbers(exported):
    """Issue 19: the plan as printed reads as Indonesian: labels instead of codes, 4.123.303 and 154,5."""
    for key in ("DEPLOYMENT_PDF", "REPORT_PDF"):
        text = KODE.sub("<kode>", pdftext(exported[key]))
        assert RAW_KEYS.findall(text) == [], key
        assert [m.group(0) for m in ENGLISH_NUMBER.finditer(text)] == [], key
    # the check sees what it should
    assert RAW_KEYS.search("Teknologi: radio=650") and ENGLISH_NUMBER.search("4,123,303 jiwa")
    assert ENGLISH_NUMBER.search("pada 24.45 km") and ENGLISH_NUMBER.search("92.5B")
    assert not ENGLISH_NUMBER.search("4.123.303 jiwa, Rp 154,5 miliar, 24,45 km")


def test_template_items_stay_on_their_page_and_kop_has_a_logo_slot(qgis_app):
    """Issue 19 item 6: no item of the overview, atlas, report or M&E layout leaves its page."""
    import make_templates  # scripts/, on sys.path through tests/conftest.py
    from qgis.core import QgsLayoutItemPage, QgsLayoutItemPicture

    from kaltim_internet_plugin.report import layouts

    folder = layouts.default_template_folder()
    project = QgsProject()
    checked = 0
    for name in (*layouts.TEMPLATES, "monitoring_report.qpt"):
        layout = layouts.load_template(project, folder, name, name)
        pages = layout.pageCollection()
        for item in layout.items():
            if not hasattr(item, "uuid") or isinstance(item, QgsLayoutItemPage) or not item.isVisible():
                continue
            page = pages.page(item.page())
            assert page is not None, (name, item.id())
            page_rect = page.sceneBoundingRect().adjusted(-0.01, -0.01, 0.01, 0.01)
            rect = item.sceneBoundingRect().adjusted(0.3, 0.3, -0.3, -0.3)  # the frame stroke may overhang
            assert page_rect.contains(rect), (name, item.id(), rect, page_rect)
            checked += 1
        if name != "monitoring_report.qpt":
            logo = layout.itemById("kop_logo")
            assert isinstance(logo, QgsLayoutItemPicture), name
            assert [layout.itemById(k).text() for k in ("kop_1", "kop_2")] == list(make_templates.KOP_LINES)
        if name in (layouts.ATLAS_TEMPLATE, layouts.OVERVIEW_TEMPLATE):  # coordinate grid on the map frame
            grids = layout.itemById("map").grids().asList()
            assert len(grids) == 1 and grids[0].enabled() and grids[0].annotationEnabled(), name
            assert grids[0].crs().authid() == "EPSG:4326", name
    assert checked > 40


@needs_poppler
def test_printed_maps_have_kop_numeric_scale_and_crs_note(exported):
    kop = re.compile(r"PEMERINTAH PROVINSI KALIMANTAN TIMUR\s+DINAS KOMUNIKASI DAN INFORMATIKA")
    for key in ("OVERVIEW_PDF", "ATLAS_PDF", "REPORT_PDF"):
        assert kop.search(pdftext(exported[key], 1)), key
    for key in ("OVERVIEW_PDF", "ATLAS_PDF"):
        text = pdftext(exported[key], 1)
        scales = re.findall(r"Skala 1 : (\d{1,3}(?:\.\d{3})+)\b", text)
        assert len(scales) == 1, (key, scales)
        assert int(scales[0].replace(".", "")) > 10000  # a province/kab map, in Indonesian thousands
        assert "Sistem koordinat: WGS 84 / UTM zona 50S (EPSG:32750)" in " ".join(text.split()), key


def _report_pages(pdf: str) -> list:
    return [" ".join(pdftext(pdf, n).split()) for n in range(1, pdfinfo_pages(pdf) + 1)]


@needs_poppler
def test_report_has_a_year_map_page_with_one_legend_entry_per_roadmap_year(exported, plan):
    """Issue 14 (a): a page of the roadmap report maps the villages by the roadmap year their service starts; its
    legend has one entry per year that has villages, with their number (Indonesian format)."""
    pages = _report_pages(exported["REPORT_PDF"])
    found = [i for i, text in enumerate(pages) if "Peta desa/kelurahan tersambung per tahun peta jalan" in text]
    assert len(found) == 1, [p[:80] for p in pages]
    text = pages[found[0]]
    per_year = defaultdict(int)
    for r in plan["rows"]:
        if r["fund_status"] == "scheduled":
            per_year[r["year"]] += 1
    assert len(per_year) >= 3
    expected = [f"{y}: {n:,} desa/kel.".replace(",", ".") for y, n in sorted(per_year.items())]
    assert sorted(re.findall(r"\b20\d\d: [\d.]+ desa/kel\.", text)) == expected, text  # legend in columns
    assert "Tahun mulai layanan" in text and "Tidak terjadwal" in text
    # a map like the others: kop, numeric scale and CRS, the scale bar's km, the grid's degrees
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in text and "Skala 1 : " in text
    assert "Sistem koordinat: WGS 84 / UTM zona 50S (EPSG:32750)" in text
    assert re.search(r"\d+ km", text) and "°" in text


@needs_poppler
def test_report_has_the_budget_curve_page_in_indonesian_figures(exported):
    """Issue 14 (b): BUDGET_CURVE becomes a chart + table page of the roadmap report, figures written the Indonesian
    way, in budget order."""
    pages = _report_pages(exported["REPORT_PDF"])
    found = [i for i, text in enumerate(pages) if "Kurva anggaran BTS baru" in text]
    assert len(found) == 1
    text = pages[found[0]]
    rows = re.findall(r"(Rp [\d,]+ miliar) (\d+) (Rp [\d,]+ miliar) ([\d.]+ jiwa) (\d+)", text)
    assert rows == [("Rp 5 miliar", "2", "Rp 4,85 miliar", "12.878 jiwa", "5"),
                    ("Rp 10 miliar", "4", "Rp 9,7 miliar", "20.500 jiwa", "8"),
                    ("Rp 25 miliar", "9", "Rp 24,6 miliar", "31.235 jiwa", "14")], text
    # people more per Rp 1 miliar than the budget before: (20.500 - 12.878) / 5 and (31.234,6 - 20.500) / 15
    assert "1.524 jiwa" in text and "716 jiwa" in text
    assert Path(exported["OUTPUT_FOLDER"], "charts", "chart_curve.png").exists()
    assert "Peta desa/kelurahan tersambung" in pages[found[0] - 1]  # the page before is the year map


def test_filled_layouts_keep_every_item_on_its_page(exported):
    """Issue 19 item 6 on the layouts as exported (legends, tables and labels filled): no item leaves its page."""
    from qgis.core import QgsLayoutItem, QgsLayoutItemPage

    project = QgsProject()
    assert project.read(exported["QGZ"])
    checked = 0
    for layout in project.layoutManager().printLayouts():
        layout.refresh()
        pages = layout.pageCollection()
        for item in layout.items():
            if not isinstance(item, QgsLayoutItem) or isinstance(item, QgsLayoutItemPage) or not item.isVisible():
                continue
            page_rect = pages.page(item.page()).sceneBoundingRect().adjusted(-0.01, -0.01, 0.01, 0.01)
            rect = item.sceneBoundingRect().adjusted(0.3, 0.3, -0.3, -0.3)
            assert page_rect.contains(rect), (layout.name(), item.id(), rect, page_rect)
            checked += 1
    assert checked > 60
    project.clear()


@needs_poppler
def test_training_table_continues_on_extra_pages_and_fits_the_width(exported, plan):
    """Issue 19 item 6: the training table adds pages (header repeated) instead of running off the page, and its
    columns wrap inside the page width: every batch is printed, with every one of its village codes."""
    pages = _report_pages(exported["REPORT_PDF"])
    start = next(i for i, text in enumerate(pages) if "Rencana pelatihan kader digital desa" in text)
    training = pages[start:]
    assert len(training) >= 2, len(training)  # the sample plan's batches need more than one page
    assert all("Kecamatan Angkatan Peserta" in text for text in training)  # the header on every page
    text = " ".join(training)
    batches = list(plan["training"].getFeatures())
    assert len(re.findall(r"\b20\d\d 64\.\d\d\.\d\d ", text)) == len(batches)
    # village codes are separate words (a long list wraps in its cell instead of being cut at the column's edge)
    words = set(text.replace(";", " ").split())
    glued = [w for w in text.split() if w.count(";") > 1]
    assert not glued, glued[:3]
    codes = [c for f in batches for c in f["villages"].split(";")]
    missing = [c for c in codes if c not in words]
    assert not missing, missing[:5]
    # nothing beyond the page's right edge
    out = subprocess.run(["pdftotext", "-f", str(start + 1), "-bbox", exported["REPORT_PDF"], "-"],
                         capture_output=True, text=True, check=True).stdout
    right = [float(v) for v in re.findall(r'xMax="([\d.]+)"', out)]
    assert right and max(right) < 595.0 - 10, max(right)  # A4 portrait is 595 pt wide


def pdf_words(pdf: str, page: int) -> list:
    """(text, x0, y0, x1, y1) in mm of every word on a page (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    mm = 25.4 / 72.0
    return [(w, float(a) * mm, float(b) * mm, float(c) * mm, float(d) * mm) for a, b, c, d, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]


def _rect_mm(layout, item_id: str) -> tuple:
    item = layout.itemById(item_id)
    pos, size = item.pagePositionWithUnits(), item.sizeWithUnits()  # on its own page
    return pos.x(), pos.y(), pos.x() + size.width(), pos.y() + size.height()


@needs_poppler
def test_atlas_map_numbers_the_villages_of_the_page_table(exported):
    """Issue 19 item 6: every village listed in an atlas page's table carries its number (the priority rank in the
    table's 'No.' column) on that page's map, and the map numbers no other village."""
    from kaltim_internet_plugin.report import layouts

    template = layouts.load_template(QgsProject(), layouts.default_template_folder(), layouts.ATLAS_TEMPLATE, "a")
    mx0, my0, mx1, my1 = _rect_mm(template, "map")
    bx0, by0, bx1, by1 = _rect_mm(template, "scalebar")
    ax0, ay0, ax1, ay1 = _rect_mm(template, "north_arrow")
    tx0, ty0, tx1, ty1 = _rect_mm(template, "table_villages")
    ty1 = _rect_mm(template, "table_note")[1]  # the table's rows end above its note
    numbered = 0
    for page in range(1, exported["PAGES"] + 1):
        words = pdf_words(exported["ATLAS_PDF"], page)
        # the scale bar's own numbers stand on the baseline of its unit ("0 5 10 km")
        km = [(y0, x0) for w, x0, y0, x1, y1 in words if w == "km" and bx0 - 1 < x0 < bx1 + 1 and by0 - 1 < y0 < by1]
        on_map = sorted(int(w) for w, x0, y0, x1, y1 in words if w.isdigit() and mx0 < x0 and x1 < mx1
                        and my0 < y0 and y1 < my1 and not any(abs(y0 - ky) < 0.3 and x0 < kx for ky, kx in km))
        in_table = sorted(int(w) for w, x0, y0, x1, y1 in words if w.isdigit() and tx0 <= x0 < tx0 + 8
                          and ty0 < y0 < ty1)
        assert on_map == in_table, (page, str(on_map), str(in_table))
        # no map label under the north arrow (its own "U" aside)
        under_arrow = [w for w, x0, y0, x1, y1 in words if x1 > ax0 and x0 < ax1 and y1 > ay0 and y0 < ay1 and w != "U"]
        assert not under_arrow, (page, under_arrow)
        numbered += len(in_table)
    assert numbered >= 5 * exported["PAGES"]  # the sample plan has villages to list on every page


@needs_poppler
def test_north_arrows_stand_clear_of_map_text(exported):
    """Issue 19 item 6: on the overview and the report's year map no label or grid number lies under the north
    arrow (it sits in a corner clear of the grid's numbers, and the maps' labels avoid it)."""
    from kaltim_internet_plugin.report import layouts

    project = QgsProject()
    checks = ((layouts.OVERVIEW_TEMPLATE, "north_arrow", exported["OVERVIEW_PDF"], 1),
              (layouts.REPORT_TEMPLATE, "north_arrow_year", exported["REPORT_PDF"],
               next(i + 1 for i, t in enumerate(_report_pages(exported["REPORT_PDF"]))
                    if "tersambung per tahun peta jalan" in t)))
    for name, arrow_id, pdf, page in checks:
        template = layouts.load_template(project, layouts.default_template_folder(), name, name)
        ax0, ay0, ax1, ay1 = _rect_mm(template, arrow_id)
        words = pdf_words(pdf, page)
        assert len(words) > 20
        under = [w for w, x0, y0, x1, y1 in words if x1 > ax0 and x0 < ax1 and y1 > ay0 and y0 < ay1 and w != "U"]
        assert not under, (name, under)


@needs_poppler
def test_overview_scalebar_stands_clear_of_the_grid_numbers(exported):
    """The overview's scale bar printed its '0' on the grid's '2°0′S' (annotations inside the map frame, left)."""
    from kaltim_internet_plugin.report import layouts

    template = layouts.load_template(QgsProject(), layouts.default_template_folder(), layouts.OVERVIEW_TEMPLATE, "o")
    x0, y0, x1, y1 = _rect_mm(template, "scalebar")
    words = pdf_words(exported["OVERVIEW_PDF"], 1)
    assert [w for w, *_ in words if "°" in w], "the grid numbers are text"
    under = [w for w, a, b, c, d in words if "°" in w and c > x0 and a < x1 and d > y0 and b < y1]
    assert not under, under


@needs_poppler
def test_sharing_table_says_where_the_rest_is(exported, plan):
    """The tower sharing table holds what fits on its page and says how many of how many it shows."""
    total = plan["sharing"].featureCount()
    assert total > 15
    text = " ".join(pdftext(exported["REPORT_PDF"]).split())
    assert f"15 dari {total} kandidat ditampilkan; daftar lengkap: roadmap.xlsx, lembar 'Berbagi menara'." in text
    assert len(re.findall(r"\bT\d+ Telkomsel\b", text)) == 15


@needs_poppler
def test_atlas_sites_table_says_how_many_of_how_many(exported, plan):
    """Issue 19 item 6 (tables that do not run off silently): an atlas page lists at most 5 planned sites; where its
    kab/kota has more, a note under the table says '5 dari N lokasi baru rencana ditampilkan' with the kab/kota's own
    count (counted here from the page polygons and the planned sites), and pages with 5 or fewer list them all
    with no note."""
    from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsProject

    pages = QgsVectorLayer(f"{exported['GPKG']}|layername=kabkota", "pages", "ogr")  # the atlas coverage
    to_pages = QgsCoordinateTransform(plan["planned"].crs(), pages.crs(), QgsProject.instance())
    points = []
    for f in plan["planned"].getFeatures():
        g = QgsGeometry(f.geometry())
        g.transform(to_pages)
        points.append(g)
    polygons = sorted((f["kab"], QgsGeometry(f.geometry())) for f in pages.getFeatures())  # atlas order: by kab
    assert len(polygons) == exported["PAGES"]
    noted = 0
    for page, (kab, polygon) in enumerate(polygons, start=1):
        text = " ".join(pdftext(exported["ATLAS_PDF"], page).split())
        inside = sum(1 for p in points if polygon.intersects(p))
        listed = len(re.findall(r"\bNEW-\d", text))
        if inside > 5:
            assert f"5 dari {inside} lokasi baru rencana ditampilkan; daftar lengkap: plan.gpkg, layer planned_sites " \
                "(di plan.qgz: Lokasi baru rencana)." in text, (kab, inside)
            assert listed == 5, (kab, listed)
            noted += 1
        else:
            assert "lokasi baru rencana ditampilkan" not in text and listed == inside, (kab, inside, listed)
    assert noted >= 1, "the test plan must have a kab/kota with more than 5 planned sites"


@needs_poppler
@pytest.mark.parametrize("kab_codes", [None, {"64.11"}])
def test_printed_money_agrees_with_the_spreadsheet_on_odd_costs(provider, tmp_path, kab_codes):
    """Costs that are no round number of juta, the province and one kabupaten of it (with the province's KABKOTA
    layer): the report's per-year and per-source rows, their totals and the Jumlah rows as printed are each less
    than 1 juta from roadmap_per_tahun.csv / roadmap_per_sumber_dana.csv and add up as printed (a year's Total was
    printed as the sum of rounded parts: Rp 1.3 juta off, and the check passed); one kabupaten prints one atlas
    page and 'Kab/kota: 1' (it printed the KABKOTA layer's 10, with 9 empty pages)."""
    import csv

    from kaltim_internet_plugin.report.consistency import check_outputs, printed_money_agrees

    built = build_plan(kab_codes=kab_codes, odd=True)
    out = tmp_path / "out"
    res, _ = run_alg("kaltiminternet:exportplan", {
        "VILLAGES": built["villages"], "PLANNED_SITES": built["planned"], "KABKOTA": built["kabkota"],
        "ROADMAP_TABLE": built["roadmap"], "OUTPUT_FOLDER": str(out)})
    text = pdftext(res["REPORT_PDF"])
    per_year = list(csv.DictReader(open(out / "roadmap_per_tahun.csv", encoding="utf-8")))
    per_source = list(csv.DictReader(open(out / "roadmap_per_sumber_dana.csv", encoding="utf-8")))
    assert printed_money_agrees(text, per_year, per_source) == []
    printed = {}
    for line in text.splitlines():
        m = re.match(r"^\s*(\d{4})((?:\s+[\d.]+){6})", line)
        if m and m.group(1) not in printed:
            printed[m.group(1)] = [int(t.replace(".", "")) for t in m.group(2).split()]
    assert sorted(printed) == [r["year"] for r in per_year]
    for r in per_year:
        p = printed[r["year"]]
        assert abs(p[5] - int(r["total_idr"]) / 1e6) < 1, (r["year"], p, r["total_idr"])
        assert p[2] + p[3] + p[4] == p[5]
    _summary, problems = check_outputs(str(out))
    assert [p for p in problems if p.code.startswith("pdf")] == [], problems
    kabs = len({r["kode_kab"] for r in built["rows"]})
    assert res["PAGES"] == kabs and f"Kab/kota: {kabs}" in " ".join(text.split())
    assert pdfinfo_pages(res["DEPLOYMENT_PDF"]) == 1 + kabs == res["DEPLOYMENT_PAGES"]
    pages = QgsVectorLayer(f"{res['GPKG']}|layername=kabkota", "pages", "ogr")
    assert pages.featureCount() == 10  # the province stays on the locator and in plan.gpkg
    for key in list(built):
        del built[key]
    gc.collect()


@needs_poppler
def test_every_report_page_has_letterhead_footer_and_its_page_number(exported):
    """Review 7 December: the roadmap report had no page numbers, and its pages 3-5 (and the training table's added
    pages) no letterhead and no footer (print date, sources)."""
    pages = _report_pages(exported["REPORT_PDF"])
    assert len(pages) >= 6  # the training table adds pages
    for n, text in enumerate(pages, start=1):
        assert f"Halaman {n} dari {len(pages)}" in text, (n, text[-200:])
        assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR DINAS KOMUNIKASI DAN INFORMATIKA" in text, n
        assert re.search(r"Dicetak \d\d-\d\d-\d{4} · Sumber: batas wilayah Kemendagri", text), n


@needs_poppler
def test_the_table_by_year_says_which_year_it_books_money_and_villages_in_and_how_it_rounds(exported):
    """Review 7 December: a new BTS's CAPEX is in its build year and its villages in the next (the atlas says
    'Tahun 2027, Capex 2.600'); page 1 said why only on page 2. Its note is under the table, with the rounding rule
    that makes a printed figure differ by 1 juta from plain rounding of the spreadsheet."""
    text = " ".join(pdftext(exported["REPORT_PDF"], 1).split())
    table_end = text.index("Jumlah")
    note = text.index("Capex dicatat pada tahun belanja; desa/kel. dan penduduk pada tahun mulai layanan")
    assert table_end < note < text.index("Sumber dana")  # under the table by year, before the one by source
    # the new BTS's lead as the plan scheduled it (this plan's BTS start service in their build year; the demo's
    # the year after: "(BTS baru: mulai layanan 1 tahun setelah tahun pembangunan)")
    assert "(BTS baru: mulai layanan pada tahun pembangunannya)" in text[note:note + 200]
    assert "dibulatkan ke juta rupiah sehingga baris dan kolom tetap berjumlah sama" in text


@needs_poppler
def test_the_printed_training_plan_names_villages_and_kabkota_and_totals_like_the_csv(exported, plan):
    """Review 7 December: the training plan gave villages only as codes, had no total and another order than the
    CSV. Now each batch has its kab/kota and its villages' names, in the CSV's order, and a Jumlah row of trainees
    and cost (juta Rp) that is the CSV's."""
    import csv

    with open(Path(exported["OUTPUT_FOLDER"], "roadmap_pelatihan.csv"), encoding="utf-8") as fh:
        csv_rows = list(csv.DictReader(fh))
    pages = _report_pages(exported["REPORT_PDF"])
    start = next(i for i, text in enumerate(pages) if "Rencana pelatihan kader digital desa" in text)
    text = " ".join(pages[start:])
    assert "Kab/kota Kecamatan Angkatan Peserta Desa Biaya (juta Rp)" in text
    printed = re.findall(r"\b(20\d\d) (64\.\d\d\.\d\d) ", text)
    assert printed == [(r["year"], r["kec_code"]) for r in csv_rows]  # the CSV's order
    names = {r["kode"]: r["nama"] for r in plan["rows"]}
    first = csv_rows[0]["villages"].split(";")[0]
    assert f"{first} {names[first]}" in text.replace("\u00a0", " ")
    kab = {r["kode_kec"]: r["nama_kab"] for r in plan["rows"]}[csv_rows[0]["kec_code"]]
    assert kab in KAB_NAMES and kab.replace("Kabupaten ", "Kab. ") in text  # "Kab.": room for the villages
    trainees = sum(int(r["trainees"]) for r in csv_rows)
    cost = sum(int(r["cost_idr"]) for r in csv_rows)
    assert re.search(rf"Jumlah {trainees:,} {cost // 1_000_000:,}\b".replace(",", "."), text), text[-300:]


def test_the_workbook_lists_the_planned_villages_in_indonesian_and_the_csv_keeps_the_codes(exported):
    import csv

    import openpyxl

    wb = openpyxl.load_workbook(exported["XLSX"], read_only=True)
    rows = list(wb["Desa rencana"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Peringkat prioritas", "Kode desa", "Nama desa"), rows[0]
    cells = {str(v) for r in rows for v in r if v is not None}
    assert not cells & {"blank_spot", "partial", "satellite", "fwa", "bts", "scheduled", "status", "tech"}
    assert "Blank spot" in cells
    with open(Path(exported["OUTPUT_FOLDER"], "roadmap_desa_rencana.csv"), encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert {"kode", "status", "tech", "fund_status"} <= set(table[0]) and {r["status"] for r in table} <= {
        "covered", "partial", "blank_spot"}


@needs_poppler
def test_set_pdf_info_titles_a_pdf_by_an_incremental_update(qgis_app, tmp_path):
    from qgis.PyQt.QtGui import QPainter, QPdfWriter

    from kaltim_internet_plugin.report import pdf

    path = str(tmp_path / "a.pdf")
    writer = QPdfWriter(path)
    painter = QPainter(writer)
    painter.drawText(100, 100, "Halaman satu")
    writer.newPage()
    painter.drawText(100, 100, "Halaman dua")
    painter.end()
    size = os.path.getsize(path)
    assert pdf.set_pdf_info(path, "Rencana — Kalimantan Timur (uji)")
    assert os.path.getsize(path) > size and pdf.is_complete(path)
    assert pdfinfo_title(path) == "Rencana — Kalimantan Timur (uji)"
    assert pdfinfo_pages(path) == 2 and "Halaman dua" in pdftext(path, 2)
    assert pdf.set_pdf_info(path, "Kedua")  # again, over the update
    assert pdfinfo_title(path) == "Kedua" and pdfinfo_pages(path) == 2
    other = tmp_path / "b.pdf"
    other.write_bytes(b"not a pdf")
    assert not pdf.set_pdf_info(str(other), "x") and other.read_bytes() == b"not a pdf"


def test_only_an_earlier_exports_own_tables_are_taken_for_stale(tmp_path):
    """plan.gpkg keeps other tools' tables: of the export's table names, only a table whose description carries the
    export's method line (written by an earlier export) is removed when this export does not write it; a table of
    that name written by another tool (createplannedsites into plan.gpkg) is kept, and named."""
    from osgeo import ogr, osr

    from kaltim_internet_plugin.report import plan_package as pp

    gpkg = str(tmp_path / "plan.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(gpkg)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    for name in ("villages", "planned_sites", "roadmap_year_source", "training_plan"):
        ds.CreateLayer(name, srs if name != "roadmap_year_source" else None,
                       ogr.wkbPoint if name != "roadmap_year_source" else ogr.wkbNone)
    ds = None
    con = sqlite3.connect(gpkg)
    for name in ("roadmap_year_source", "training_plan"):
        con.execute("UPDATE gpkg_contents SET description = ? WHERE table_name = ?",
                    (f"Metode: plugin … {pp.EXPORT_MARK}.", name))
    con.execute("CREATE TABLE layer_styles (id INTEGER PRIMARY KEY, f_table_name TEXT)")
    con.executemany("INSERT INTO layer_styles (f_table_name) VALUES (?)", [("roadmap_year_source",), ("villages",)])
    con.commit()
    con.close()
    stale, kept = pp.previous_export_tables(gpkg, ["villages", "kabkota", "training_plan"])
    assert (stale, kept) == (["roadmap_year_source"], ["planned_sites"])
    pp.drop_tables(gpkg, stale)
    con = sqlite3.connect(gpkg)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        styled = [r[0] for r in con.execute("SELECT f_table_name FROM layer_styles")]
    finally:
        con.close()
    assert "roadmap_year_source" not in names and {"villages", "planned_sites", "training_plan"} <= names
    assert styled == ["villages"]
    assert pp.previous_export_tables(str(tmp_path / "none.gpkg"), []) == ([], [])
