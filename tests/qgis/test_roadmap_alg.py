"""kaltiminternet:roadmap through Processing on a plan GeoPackage built from the sample offices (synthetic plan)."""
from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsVectorLayer

from tests.conftest import SAMPLE, capture_feedback

gdal.UseExceptions()

M = 1_000_000
TECHS = ("fibre", "fwa", "radio", "bts", "colo", "satellite", "village_package")
COSTS = {"fibre": (800 * M, 60 * M), "fwa": (5 * M, 6 * M), "radio": (150 * M, 20 * M), "bts": (2600 * M, 250 * M),
         "colo": (400 * M, 80 * M), "satellite": (15 * M, 36 * M), "village_package": (100 * M, 40 * M)}
OPERATORS = ("Telkomsel", "Indosat", "XL")


def build_plan(path: Path, n: int = 300, drop: tuple = (), empty: bool = False) -> str:
    """The first ``n`` sample offices with a deterministic synthetic plan (tech, costs, rank, 3T, plot…)."""
    src = ogr.Open(str(SAMPLE / "kaltim_sample.gpkg"))
    lyr = src.GetLayerByName("offices")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    out = ds.CreateLayer("villages", lyr.GetSpatialRef(), ogr.wkbPoint)
    defn = lyr.GetLayerDefn()
    for i in range(defn.GetFieldCount()):
        out.CreateField(defn.GetFieldDefn(i))
    extra = [("tech", ogr.OFTString), ("capex_idr", ogr.OFTReal), ("opex_idr_year", ogr.OFTReal),
             ("priority_rank", ogr.OFTInteger), ("is_3t", ogr.OFTInteger), ("has_plot", ogr.OFTInteger),
             ("operator", ogr.OFTString), ("cadres_trained", ogr.OFTInteger), ("fibre_capex_idr", ogr.OFTReal),
             ("fibre_opex_idr_year", ogr.OFTReal)]
    extra = [e for e in extra if e[0] not in drop]
    for name, ftype in extra:
        out.CreateField(ogr.FieldDefn(name, ftype))
    rng = random.Random(42)
    ranks = list(range(1, n + 1))
    rng.shuffle(ranks)
    if not empty:
        for i, f in enumerate(lyr):
            if i >= n:
                break
            g = ogr.Feature(out.GetLayerDefn())
            for j in range(defn.GetFieldCount()):
                g.SetField(defn.GetFieldDefn(j).GetName(), f.GetField(j))
            tech = TECHS[i % len(TECHS)]
            capex, opex = COSTS[tech]
            vals = {"tech": tech, "capex_idr": 4 * capex * (0.8 + (i % 5) / 10), "opex_idr_year": 2 * opex,
                    "priority_rank": ranks[i], "is_3t": int(i % 3 != 0), "has_plot": int(i % 4 != 1),
                    "operator": OPERATORS[i % 3] if tech in ("fwa", "colo") else None, "cadres_trained": i % 3,
                    "fibre_capex_idr": 700 * M if tech == "satellite" and i % 2 == 0 else None,
                    "fibre_opex_idr_year": 50 * M if tech == "satellite" and i % 2 == 0 else None}
            for k, v in vals.items():
                if k in dict(extra) and v is not None:
                    g.SetField(k, v)
            g.SetGeometry(f.GetGeometryRef().Clone())
            out.CreateFeature(g)
    ds = None
    return f"{path}|layername=villages"


def write_funding(path: Path, sources) -> str:
    from kaltim_internet_plugin.core.funding import sources_to_json

    path.write_text(sources_to_json(sources), encoding="utf-8")
    return str(path)




def run_roadmap(tmp_path: Path, plan: str, out_name: str = "out.gpkg", **extra):
    import processing

    out = tmp_path / out_name
    params = {"PLAN": plan, "START_YEAR": 2026, "YEARS": 5,
              "OUTPUT": f"ogr:dbname='{out}' table=\"villages\" (geom)",
              "OUTPUT_TABLE": f"ogr:dbname='{out}' table=\"roadmap_year_source\"",
              "OUTPUT_TRAINING": f"ogr:dbname='{out}' table=\"training_plan\"",
              "OUTPUT_OPERATORS": f"ogr:dbname='{out}' table=\"operator_packages\""}
    params.update(extra)
    fb = capture_feedback()
    res = processing.run("kaltiminternet:roadmap", params, feedback=fb)
    return res, fb, out


def rows(path: Path, table: str) -> list:
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    assert layer.isValid(), table
    names = layer.fields().names()
    return [dict(zip(names, [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                              for v in f.attributes()])) for f in layer.getFeatures()]


def parse_money(text) -> dict:
    if not text:
        return {}
    return {k: int(v) for k, v in (p.split("=") for p in str(text).split(";") if p)}


@pytest.fixture()
def plan(tmp_path):
    return build_plan(tmp_path / "plan.gpkg")


def test_roadmap_on_a_synthetic_plan(provider, tmp_path, plan):
    from kaltim_internet_plugin.core.funding import default_sources

    res, fb, out = run_roadmap(tmp_path, plan)
    villages = rows(out, "villages")
    table = rows(out, "roadmap_year_source")
    assert len(villages) == 300
    assert res["VILLAGES_SCHEDULED"] + res["VILLAGES_UNFUNDED"] == 300
    assert res["VILLAGES_SCHEDULED"] > 0 and res["VILLAGES_UNFUNDED"] > 0
    # every village scheduled in the horizon or unfunded with a reason
    for v in villages:
        assert v["fund_status"] in ("scheduled", "unfunded")
        if v["fund_status"] == "scheduled":
            assert 2026 <= v["year"] <= 2030 and not v["unfunded_reason"]
            assert parse_money(v["funding_capex"]) or v["capex_idr"] == 0
        else:
            assert v["year"] is None and v["unfunded_reason"] and len(v["unfunded_reason"]) > 10
    assert sum(v["fund_status"] == "scheduled" for v in villages) == res["VILLAGES_SCHEDULED"]
    # Dana Desa never pays a BTS
    for v in villages:
        if v["tech"] == "bts":
            assert "dana_desa" not in parse_money(v["funding_capex"])
            assert "dana_desa" not in parse_money(v["funding_opex"])
    # capex in the plan layer = capex in the year x source table, per year and source
    capex = defaultdict(int)
    for v in villages:
        for src, amount in parse_money(v["funding_capex"]).items():
            capex[(v["build_year"], src)] += amount  # paid in the build year (a BTS: before service)
    for r in table:
        assert capex.get((r["year"], r["source"]), 0) == r["capex_idr"]
    # the migrations' money, village by village, is the table's migration columns per source (who pays each move)
    mig_capex, mig_opex = defaultdict(int), defaultdict(int)
    for v in villages:
        assert (v["migration_funding_capex"] is not None) == (v["migration_year"] is not None)
        for src, amount in parse_money(v["migration_funding_capex"]).items():
            mig_capex[src] += amount
        for src, amount in parse_money(v["migration_funding_opex"]).items():
            mig_opex[src] += amount
    for src in caps_of(table):
        assert mig_capex[src] == sum(r["migration_capex_idr"] for r in table if r["source"] == src), src
        assert mig_opex[src] == sum(r["migration_opex_idr"] for r in table if r["source"] == src), src
    # each scheduled village is fully funded: its capex and (within the horizon) its opex
    for v in villages:
        if v["fund_status"] == "scheduled":
            assert sum(parse_money(v["funding_capex"]).values()) == round(v["capex_idr"])
            n_opex = min(5, 2030 - v["year"] + 1) if v["migration_year"] is None else v["migration_year"] - v["year"]
            assert sum(parse_money(v["funding_opex"]).values()) == round(v["opex_idr_year"]) * n_opex
    # caps never exceeded, recomputed from the table against the funding table
    caps = {s.name: s for s in default_sources()}
    kabs = len({v["kode_kab"] for v in villages})
    assert {r["source"] for r in table} == set(caps)
    assert {r["year"] for r in table} == set(range(2026, 2031))
    for r in table:
        spent = r["capex_idr"] + r["opex_idr"] + r["migration_capex_idr"] + r["migration_opex_idr"]
        assert spent == r["total_idr"]
        s = caps[r["source"]]
        limit = s.yearly_cap_idr * (kabs if s.cap_per_kab else 1)
        assert spent <= limit, r
    # totals add up across tables
    assert sum(r["capex_idr"] + r["migration_capex_idr"] for r in table) == res["CAPEX_TOTAL"]
    assert sum(r["opex_idr"] + r["migration_opex_idr"] for r in table) == res["OPEX_TOTAL"]
    assert sum(r["villages_connected"] for r in table) == res["VILLAGES_SCHEDULED"]
    assert sum(r["people_connected"] for r in table) == sum(
        v["population"] for v in villages if v["fund_status"] == "scheduled") == res["PEOPLE_CONNECTED"]
    assert 0 <= res["SUSTAINABILITY"] <= 1
    # training: 2 cadres per scheduled village minus those already trained
    training = rows(out, "training_plan")
    gap = sum(max(0, 2 - v["cadres_trained"]) for v in villages if v["fund_status"] == "scheduled")
    assert sum(t["trainees"] for t in training) == gap == res["TRAINEES"]
    assert all(t["trainees"] <= 25 for t in training)
    assert sum(t["cost_idr"] for t in training) == res["TRAINING_COST"] == gap * 1_500_000
    # each batch's villages with their trainees in it: a village's counts over its batches are its own gap
    from kaltim_internet_plugin.core.training import parse_village_trainees

    per_village = defaultdict(int)
    for t in training:
        items = parse_village_trainees(t["village_trainees"])
        assert [c for c, _, _ in items] == t["villages"].split(";")
        assert sum(n for _, n, _ in items) == t["trainees"]
        for code, n, _ in items:
            per_village[code] += n
    assert dict(per_village) == {v["kode"]: max(0, 2 - v["cadres_trained"]) for v in villages
                                 if v["fund_status"] == "scheduled" and v["cadres_trained"] < 2}
    # operator packages: every village exactly once
    packages = rows(out, "operator_packages")
    assert sum(p["villages"] for p in packages) == 300
    assert {p["operator"] for p in packages} >= set(OPERATORS)
    from kaltim_internet_plugin.core.operators import PACKAGE_COLUMNS  # the table has every column of package_rows

    assert [n for n in packages[0] if n != "fid"] == list(PACKAGE_COLUMNS)
    assert fb.warnings  # some villages unfunded -> a warning


def test_budget_respects_per_village_cap_and_eligibility(provider, tmp_path, plan):
    res, fb, out = run_roadmap(tmp_path, plan)
    villages = rows(out, "villages")
    for v in villages:
        cap = parse_money(v["funding_capex"])
        if v["tech"] not in ("satellite",):
            assert "dana_desa" not in cap  # Dana Desa pays satellite capex only
        if v["jenis"] == "kelurahan":
            assert "dana_desa" not in cap and "dana_desa" not in parse_money(v["funding_opex"])
        if "bakti_uso" in cap:
            assert v["tech"] == "bts" and v["is_3t"] == 1 and v["has_plot"] == 1
        if "operator" in cap:
            assert v["tech"] in ("colo", "fwa")


def test_zero_budget_leaves_every_village_unfunded_with_a_warning(provider, tmp_path, plan):
    from kaltim_internet_plugin.core.funding import default_sources

    sources = default_sources()
    for s in sources:
        s.yearly_cap_idr = 0
    funding = write_funding(tmp_path / "zero.json", sources)
    res, fb, out = run_roadmap(tmp_path, plan, FUNDING=funding)
    assert res["VILLAGES_SCHEDULED"] == 0 and res["VILLAGES_UNFUNDED"] == 300
    assert res["CAPEX_TOTAL"] == 0 and res["OPEX_TOTAL"] == 0
    assert any("zero cap" in w or "pagu nol" in w for w in fb.warnings)
    villages = rows(out, "villages")
    assert all(v["fund_status"] == "unfunded" and v["unfunded_reason"] for v in villages)


def test_funding_from_csv_and_gpkg(provider, tmp_path, plan):
    from kaltim_internet_plugin.core.funding import default_sources, write_sources_csv
    from kaltim_internet_plugin.io.funding_store import read_gpkg, write_gpkg

    sources = default_sources()
    sources[-1].yearly_cap_idr = 1_000 * 1_000_000_000  # a rich province
    csv_path = tmp_path / "f.csv"
    write_sources_csv(str(csv_path), sources)
    res_csv, _, _ = run_roadmap(tmp_path, plan, "csv.gpkg", FUNDING=str(csv_path))
    gpkg = tmp_path / "funding.gpkg"
    write_gpkg(str(gpkg), sources)
    assert [s.to_dict() for s in read_gpkg(str(gpkg))] == [s.to_dict() for s in sources]
    res_gpkg, _, _ = run_roadmap(tmp_path, plan, "gpkg.gpkg", FUNDING=str(gpkg))
    res_default, _, _ = run_roadmap(tmp_path, plan, "default.gpkg")
    assert res_csv["VILLAGES_SCHEDULED"] == res_gpkg["VILLAGES_SCHEDULED"] > res_default["VILLAGES_SCHEDULED"]


def test_tables_saved_with_capital_extensions_txt_or_xlsx_are_read(provider, tmp_path, plan):
    """'DANA.CSV' (Windows), a CSV saved as .txt and a capacity table in XLSX (which the guide promises) were refused
    by QGIS as "Incorrect parameter value": the filters matched the letter case and took CSV only."""
    import openpyxl

    from kaltim_internet_plugin.core.funding import default_sources, write_sources_csv

    sources = default_sources()
    upper, txt = tmp_path / "DANA.CSV", tmp_path / "dana.txt"
    write_sources_csv(str(upper), sources)
    write_sources_csv(str(txt), sources)
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (("year", "tech", "max_installations"), ("all", "fwa", 20), ("all", "satellite", 30)):
        sheet.append(row)
    cap = tmp_path / "KAPASITAS.XLSX"
    book.save(cap)
    base, _, _ = run_roadmap(tmp_path, plan, "base.gpkg")
    for name, extra in (("upper", {"FUNDING": str(upper), "CAPACITY": str(cap)}),
                        ("txt", {"FUNDING": str(txt), "CAPACITY": str(cap)})):
        res, fb, _ = run_roadmap(tmp_path, plan, f"{name}.gpkg", **extra)
        assert "Installation capacity: 2 rows from" in fb.textLog() and "Funding table: " in fb.textLog()
        assert res["VILLAGES_SCHEDULED"] + res["VILLAGES_UNFUNDED"] + res["VILLAGES_OVER_CAPACITY"] == \
            base["VILLAGES_SCHEDULED"] + base["VILLAGES_UNFUNDED"] + base["VILLAGES_OVER_CAPACITY"]


def test_capacity_rows_outside_the_horizon_are_named(provider, tmp_path, plan):
    cap = tmp_path / "cap.csv"
    cap.write_text("year;tech;max_installations\n2019;fwa;5\n2020;fwa;5\n2027;fwa;500\n", encoding="utf-8")
    _res, fb, _ = run_roadmap(tmp_path, plan, "past.gpkg", CAPACITY=str(cap))
    assert "rows for 2019, 2020 lie outside the roadmap's years 2026–2030: they limit nothing" in fb.textLog()


def test_tower_sharing_migrations_and_operator_folder(provider, tmp_path, plan):
    out = tmp_path / "out.gpkg"  # the same file as run_roadmap's default: all tables in one GeoPackage
    folder = tmp_path / "ops"
    res, fb, out = run_roadmap(
        tmp_path, plan, TOWERS=f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=towers", SHARING_DISTANCE_M=20000,
        OUTPUT_SHARING=f"ogr:dbname='{out}' table=\"tower_sharing\"",
        OUTPUT_MIGRATIONS=f"ogr:dbname='{out}' table=\"migrations\"", OPERATOR_FOLDER=str(folder))
    sharing = rows(out, "tower_sharing")
    assert len(sharing) == res["SHARING_CANDIDATES"] > 0
    villages = {v["kode"]: v for v in rows(out, "villages")}
    for s in sharing:
        assert villages[s["code"]]["tech"] == "bts" and s["distance_m"] <= 20000 and s["tower_operator"]
    migrations = rows(out, "migrations")
    assert migrations and all(m["status"] in ("migrated", "not_migrated") for m in migrations)
    for m in migrations:
        if m["status"] == "migrated":
            assert villages[m["code"]]["migration_year"] == m["year"] > villages[m["code"]]["year"]
            # the village itself says who pays its move, as the migrations table does
            assert villages[m["code"]]["migration_funding_capex"] == m["funding_capex"]
            assert villages[m["code"]]["migration_funding_opex"] == (m["funding_opex"] or None)
        else:
            assert villages[m["code"]]["migration_funding_capex"] is None
            assert m["reason"]
    files = res["OPERATOR_FILES"].split(";")
    assert any(f.endswith("operators_summary.csv") for f in files)
    assert all(Path(f).exists() for f in files)
    assert (folder / "operator_telkomsel.csv").exists()


def caps_of(table) -> set:
    return {r["source"] for r in table}


def test_empty_plan_is_a_clear_error(provider, tmp_path):
    from qgis.core import QgsProcessingException

    plan = build_plan(tmp_path / "empty.gpkg", empty=True)
    with pytest.raises(QgsProcessingException, match="no villages"):
        run_roadmap(tmp_path, plan)


def test_missing_field_is_a_clear_error_naming_it(provider, tmp_path):
    from qgis.core import QgsProcessingException

    plan = build_plan(tmp_path / "nocapex.gpkg", n=20, drop=("capex_idr",))
    with pytest.raises(QgsProcessingException, match="capex_idr"):
        run_roadmap(tmp_path, plan)


def test_a_code_missing_from_the_villages_is_not_blamed_on_choose_technology(provider, tmp_path):
    """A plan that went through 'Choose technology' (tech, capex_idr) but has no code field: the codes were missing
    from the village layer, so the message says that and the parameter, not 'run Choose technology first'."""
    from qgis.core import QgsProcessingException

    src = build_plan(tmp_path / "nokode.gpkg", n=20)
    ds = ogr.Open(str(tmp_path / "nokode.gpkg"), 1)
    ds.ExecuteSQL("ALTER TABLE villages RENAME COLUMN kode TO kode_lama")
    ds = None
    with pytest.raises(QgsProcessingException) as ei:
        run_roadmap(tmp_path, src)
    text = str(ei.value)
    assert "no field 'kode'" in text and "the village layer it came from has none" in text and "CODE_FIELD" in text
    assert "Run 'Choose technology' first" not in text
    res, _, _ = run_roadmap(tmp_path, src, "mapped.gpkg", CODE_FIELD="kode_lama")
    assert res["VILLAGES_SCHEDULED"] + res["VILLAGES_UNFUNDED"] == 20


def test_field_mapping_parameters(provider, tmp_path):
    """A plan whose rank field has another name works once the field parameter names it."""
    src = build_plan(tmp_path / "p.gpkg", n=40)
    ds = ogr.Open(str(tmp_path / "p.gpkg"), 1)
    ds.ExecuteSQL('ALTER TABLE villages RENAME COLUMN priority_rank TO peringkat')
    ds = None
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="priority_rank"):
        run_roadmap(tmp_path, src)
    res, _, _ = run_roadmap(tmp_path, src, "mapped.gpkg", RANK_FIELD="peringkat")
    assert res["VILLAGES_SCHEDULED"] + res["VILLAGES_UNFUNDED"] == 40


def test_invalid_funding_file_is_a_clear_error(provider, tmp_path, plan):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "sources": [{"name": "x y", "yearly_cap_idr": -5, "techs": "all"}]}))
    with pytest.raises(QgsProcessingException, match="funding table"):
        run_roadmap(tmp_path, plan, FUNDING=str(bad))


def test_indonesian_reasons_when_the_locale_is_id(provider, tmp_path, plan, monkeypatch):
    import kaltim_internet_plugin.processing.alg_roadmap as alg

    monkeypatch.setattr(alg, "user_locale", lambda: "id")
    res, fb, out = run_roadmap(tmp_path, plan)
    reasons = [v["unfunded_reason"] for v in rows(out, "villages") if v["unfunded_reason"]]
    assert reasons and any("sumber dana" in r or "tidak" in r for r in reasons)


def test_a_cost_that_is_no_number_leaves_its_village_unfunded_with_its_reason(provider, tmp_path):
    """One CAPEX (or OPEX) cell in words ('menunggu RAB'): the log names the feature, field and fix, the village is
    unfunded with the cell in its reason, the others are scheduled and the operator packages are written (the
    packages read that cost as 0; they raised ValueError: could not convert string to float). Input unchanged."""
    import hashlib

    src = build_plan(tmp_path / "txt.gpkg", n=40)
    ds = ogr.Open(str(tmp_path / "txt.gpkg"), 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("capex_txt", ogr.OFTString))
    fid = None
    for f in lyr:
        f.SetField("capex_txt", str(f.GetField("capex_idr")))
        if fid is None and f.GetField("tech") == "fwa" and f.GetField("operator"):
            fid = f.GetFID()
            f.SetField("capex_txt", "menunggu RAB")
        lyr.SetFeature(f)
    ds = None
    before = hashlib.sha256((tmp_path / "txt.gpkg").read_bytes()).hexdigest()
    for key, field in (("CAPEX_FIELD", "capex_txt"), ("OPEX_FIELD", "nama")):
        res, fb, out = run_roadmap(tmp_path, src, f"{key}.gpkg", **{key: field})
        log = fb.text()
        assert "Traceback" not in log and "Unexpected error" not in log
        if key == "CAPEX_FIELD":
            assert f"feature {fid}, field capex_txt: 'menunggu RAB' is not a number" in log and "Fix:" in log
            villages = {v["fid"]: v for v in rows(out, "villages")}
            assert villages[fid]["fund_status"] == "unfunded"
            assert "menunggu RAB" in villages[fid]["unfunded_reason"]
            assert res["VILLAGES_UNFUNDED"] >= 1 and res["VILLAGES_SCHEDULED"] > 0
        else:
            assert "field nama:" in log and res["VILLAGES_SCHEDULED"] == 0
        packages = rows(out, "operator_packages")
        assert packages and sum(p["villages"] for p in packages) >= 1
    assert hashlib.sha256((tmp_path / "txt.gpkg").read_bytes()).hexdigest() == before


def test_yes_no_cells_that_are_no_yes_no_word_are_named(provider, tmp_path):
    """A 3T or plot field holding other words ('mungkin', 'belum tahu'): they were read as unknown without a word
    (found 7 December); now the log names the parameter, field, features and values, what unknown means for the
    funds, and the words it reads; the yes/no words themselves (any case) raise nothing."""
    src = build_plan(tmp_path / "flags.gpkg", n=30)
    ds = ogr.Open(str(tmp_path / "flags.gpkg"), 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("tiga_t", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("lahan", ogr.OFTString))
    odd = {}
    for i, f in enumerate(lyr):
        f.SetField("tiga_t", ["YA", "tidak", "mungkin"][i % 3])
        f.SetField("lahan", "Ada" if i != 7 else "belum tahu")
        if i % 3 == 2:
            odd[f.GetFID()] = "mungkin"
        lyr.SetFeature(f)
    lahan_fid = [f.GetFID() for i, f in enumerate(lyr) if i == 7][0]
    ds = None
    res, fb, _ = run_roadmap(tmp_path, src, IS_3T_FIELD="tiga_t", PLOT_FIELD="lahan")
    log = fb.text()
    assert f"IS_3T_FIELD = tiga_t: {len(odd)} value(s) are no yes/no word" in log, log
    first = min(odd)
    assert f"feature {first}: 'mungkin'" in log and "counts as not 3T" in log and "ya, t, ada" in log
    assert "PLOT_FIELD = lahan: 1 value(s) are no yes/no word" in log and f"feature {lahan_fid}: 'belum tahu'" in log
    assert "'YA'" not in log and "'tidak'" not in log and "'Ada'" not in log
    assert res["VILLAGES_SCHEDULED"] > 0


def polygon_plan(tmp_path: Path, n: int = 30) -> tuple:
    """build_plan's villages as 1 km squares around their offices, feature 5 a bow-tie (an invalid polygon);
    (source, path, fid and code of the bow-tie)."""
    points = tmp_path / "points.gpkg"
    build_plan(points, n=n)
    src_ds = ogr.Open(str(points))
    src = src_ds.GetLayerByName("villages")
    path = tmp_path / "poly.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    out = ds.CreateLayer("villages", src.GetSpatialRef(), ogr.wkbPolygon)
    defn = src.GetLayerDefn()
    for i in range(defn.GetFieldCount()):
        out.CreateField(defn.GetFieldDefn(i))
    bad = None
    for f in src:
        g = ogr.Feature(out.GetLayerDefn())
        for j in range(defn.GetFieldCount()):
            g.SetField(j, f.GetField(j))
        x, y = f.GetGeometryRef().GetX(), f.GetGeometryRef().GetY()
        d = 0.005
        ring = ([(x - d, y - d), (x + d, y + d), (x + d, y - d), (x - d, y + d)] if f.GetFID() == 5 else
                [(x - d, y - d), (x + d, y - d), (x + d, y + d), (x - d, y + d)])
        wkt = "POLYGON((" + ", ".join(f"{a} {b}" for a, b in ring + ring[:1]) + "))"
        g.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        g.SetFID(f.GetFID())
        out.CreateFeature(g)
        if f.GetFID() == 5:
            bad = (5, f.GetField("kode"))
    ds = src_ds = None
    return f"{path}|layername=villages", path, bad


def test_an_invalid_plan_geometry_is_refused_naming_the_feature_and_the_fix(provider, tmp_path):
    """The roadmap stops on an invalid village geometry (as the earlier steps announce) with its own message: the
    parameter, feature id, code, GEOS reason and the fix (it was QGIS's "Feature (5) from … has invalid geometry …
    change the Processing setting", naming no parameter, and the next run of the process crashed)."""
    import hashlib

    from qgis.core import QgsProcessingException

    src, path, (fid, code) = polygon_plan(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(QgsProcessingException) as ei:
        run_roadmap(tmp_path, src)
    text = str(ei.value)
    assert text.startswith("PLAN:") and f"feature {fid} ({code}): Self-intersection" in text
    assert "1 village(s)" in text and "'Repair village geometries'" in text and "Fix geometries" in text
    assert "Processing setting" not in text and "Traceback" not in text
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not (tmp_path / "out.gpkg").exists()
    res, _, _ = run_roadmap(tmp_path, build_plan(tmp_path / "ok.gpkg", n=20), "ok_out.gpkg")  # the next run works
    assert res["VILLAGES_SCHEDULED"] + res["VILLAGES_UNFUNDED"] == 20


def test_invalid_tower_geometries_are_refused_naming_them_and_the_fix(provider, tmp_path, plan):
    """TOWERS given as polygons with invalid ones (the sample's kab/kota: features 2, 3 and 10): refused as no point
    layer before any work (processing.checks.not_points), not with QGIS's generic message; a layer of mixed
    geometries whose towers include an invalid polygon (a bow-tie): refused naming the parameter, the feature and
    the fix; the next run works. Inputs unchanged."""
    import hashlib
    import shutil

    from qgis.core import QgsProcessingException

    gpkg = tmp_path / "sample.gpkg"
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", gpkg)
    before = hashlib.sha256(gpkg.read_bytes()).hexdigest()
    with pytest.raises(QgsProcessingException) as ei:
        run_roadmap(tmp_path, plan, TOWERS=f"{gpkg}|layername=kabkota", TOWER_OPERATOR_FIELD="nama")
    text = str(ei.value)
    assert "TOWERS" in text and "kabkota" in text and "polygons, not points" in text, text
    assert "Processing setting" not in text
    assert hashlib.sha256(gpkg.read_bytes()).hexdigest() == before
    mixed = tmp_path / "mixed.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(mixed))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("towers", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("operator", ogr.OFTString))
    for wkt in ("POINT (117.1 -0.5)", "POLYGON ((117 -1, 117.1 -0.9, 117.1 -1, 117 -0.9, 117 -1))"):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("operator", "Telkomsel")
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    before_mixed = hashlib.sha256(mixed.read_bytes()).hexdigest()
    with pytest.raises(QgsProcessingException) as ei:
        run_roadmap(tmp_path, plan, "mixed_out.gpkg", TOWERS=f"{mixed}|layername=towers")
    text = str(ei.value)
    assert "TOWERS" in text and "feature 2" in text and ("Fix geometries" in text or "polygons" in text), text
    assert "Processing setting" not in text
    assert hashlib.sha256(mixed.read_bytes()).hexdigest() == before_mixed
    res, _, _ = run_roadmap(tmp_path, plan, "next.gpkg", TOWERS=f"{gpkg}|layername=towers")
    assert res["VILLAGES_SCHEDULED"] > 0


def test_exportplan_refuses_a_training_table_of_another_run(provider, tmp_path, plan):
    """Hunt 7 December: exportplan printed any TRAINING_TABLE next to the villages it was given; the training plan
    of a run starting in 2028 was printed for villages connected from 2026, so the report trained villages in
    years their service does not start (or villages it does not schedule at all). Each batch's villages must be
    scheduled in VILLAGES and trained in their service year or the year before."""
    import processing
    from qgis.core import QgsProcessingException

    a, _fb, out_a = run_roadmap(tmp_path, plan, "a.gpkg")
    b, _fb, out_b = run_roadmap(tmp_path, plan, "b.gpkg", START_YEAR=2028)
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:exportplan", {
            "VILLAGES": a["OUTPUT"], "TRAINING_TABLE": b["OUTPUT_TRAINING"], "OUTPUT_FOLDER": str(tmp_path / "x")})
    text = str(exc.value)
    # the batch, the village, what VILLAGES says of it, and the fix
    first = rows(out_b, "training_plan")[0]
    assert f"TRAINING_TABLE: batch {first['batch_no']} of kecamatan {first['kec_code']} in {first['year']}" in text
    assert "not from the roadmap run of VILLAGES" in text and "OUTPUT_TRAINING" in text, text
    code = text.split("trains village ")[1].split(",")[0]
    village = next(v for v in rows(out_a, "villages") if v["kode"] == code)
    assert f"service starts in {village['year']}" in text or "does not schedule" in text, text
    assert not (tmp_path / "x" / "roadmap_report.pdf").exists()
    # a village that VILLAGES does not schedule
    unscheduled = next(v for v in rows(out_a, "villages") if v["fund_status"] != "scheduled")
    bad = tmp_path / "bad.csv"
    bad.write_text("year,kec_code,kec_name,batch_no,trainees,villages,cost_idr,village_trainees\n"
                   f"2026,{unscheduled['kode_kec']},K,1,2,{unscheduled['kode']},3000000,{unscheduled['kode']}:2\n",
                   encoding="utf-8")
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:exportplan", {
            "VILLAGES": a["OUTPUT"], "TRAINING_TABLE": str(bad), "OUTPUT_FOLDER": str(tmp_path / "y")})
    assert (f"trains village {unscheduled['kode']}, which VILLAGES does not schedule (fund_status "
            f"{unscheduled['fund_status']})") in str(exc.value)


def test_cadres_written_1_000_are_one_cadre_not_a_thousand(provider, tmp_path):
    """Hunt 7 December: a cadres field as text ('2', '0', '1.000' from a spreadsheet's 1.000 with three decimals)
    read '1.000' as 1000 trained cadres, so the village got no training (an info line only). A village's cadres are
    at most CADRE_TARGET's maximum, 100: '1.000' is one cadre; 1000 itself is named and not used."""
    from kaltim_internet_plugin.core.training import parse_village_trainees

    src = build_plan(tmp_path / "kader.gpkg", n=40)
    ds = ogr.Open(str(tmp_path / "kader.gpkg"), 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("kader", ogr.OFTString))
    one = thousand = None
    for i, f in enumerate(lyr):
        value = str(i % 2)
        if f.GetField("tech") == "fwa":  # cheap: scheduled
            if one is None:
                one, value = f.GetField("kode"), "1.000"
            elif thousand is None:
                thousand, value = (f.GetFID(), f.GetField("kode")), "1000"
        f.SetField("kader", value)
        lyr.SetFeature(f)
    ds = None
    res, fb, out = run_roadmap(tmp_path, src, CADRES_FIELD="kader")
    status = {v["kode"]: v["fund_status"] for v in rows(out, "villages")}
    assert status[one] == status[thousand[1]] == "scheduled"
    trainees = defaultdict(int)
    for t in rows(out, "training_plan"):
        for code, n, _m in parse_village_trainees(t["village_trainees"]):
            trainees[code] += n
    assert trainees[one] == 1  # 2 wanted, 1 trained
    assert trainees[thousand[1]] == 2  # not used: none counted as trained, and said
    assert f"feature {thousand[0]}, field kader: 1000 is outside the plausible range 0 to 100" in fb.text()
    assert sum(trainees.values()) == res["TRAINEES"]


def test_exportplan_names_a_training_row_whose_counts_cannot_be_read_or_do_not_add_up(provider, tmp_path):
    """Hunt 7 December: a training table edited by hand ('64.01.01.2013:2 orang') stopped exportplan with
    "Unexpected error ... invalid literal for int()" after plan.gpkg was written; a batch of 3 trainees whose
    villages count 2 was printed as it was (its Peserta and its villages disagreeing). Both are named first."""
    import processing
    from qgis.core import QgsProcessingException

    src = build_plan(tmp_path / "plan.gpkg", n=40)
    a, _fb, out = run_roadmap(tmp_path, src, "a.gpkg")
    t = rows(out, "training_plan")[0]
    code = t["villages"].split(";")[0]
    head = "year,kec_code,kec_name,batch_no,trainees,villages,cost_idr,village_trainees\n"
    for name, trainees, counts, said in (
            ("words", 2, f"{code}:2 orang", f"has village_trainees '{code}:2 orang', which is not"),
            ("sum", 3, f"{code}:2", f"has 3 trainees, but its village_trainees '{code}:2' counts 2")):
        table = tmp_path / f"{name}.csv"
        table.write_text(head + f"{t['year']},{t['kec_code']},K,1,{trainees},{code},3000000,{counts}\n",
                         encoding="utf-8")
        with pytest.raises(QgsProcessingException) as exc:
            processing.run("kaltiminternet:exportplan", {"VILLAGES": a["OUTPUT"], "TRAINING_TABLE": str(table),
                                                         "OUTPUT_FOLDER": str(tmp_path / name)})
        text = str(exc.value)
        assert f"TRAINING_TABLE: batch 1 of kecamatan {t['kec_code']} in {t['year']} {said}" in text, text
        assert "Unexpected error" not in text and "OUTPUT_TRAINING" in text
        assert not (tmp_path / name / "plan.gpkg").exists()


def test_the_plans_cadre_target_is_the_one_the_me_report_counts(provider, tmp_path, plan):
    """The roadmap writes its CADRE_TARGET on every village it trains (scheduled; none on a continuing or unfunded
    one), and the M&E report's cadres indicator counts it: it took 2 a village whatever target the plan had (found
    7 December), and counted the continuing villages too, which the training plan does not train (the demo's M&E
    target was 2,076 cadres where its training plan trains 472: found 8 December)."""
    from kaltim_internet_plugin.core import monitoring as mon
    from kaltim_internet_plugin.io.monitoring_layers import village_rows

    ds = ogr.Open(plan.split("|")[0], 1)  # every fifth village connected by the programme before the roadmap
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("existing", ogr.OFTString))
    for i, f in enumerate(lyr):
        if i % 5 == 0:
            f.SetField("existing", "programme")
            lyr.SetFeature(f)
    ds = lyr = None
    res, _fb, out = run_roadmap(tmp_path, plan, CADRE_TARGET=3)
    villages = rows(out, "villages")
    targets = {(v["fund_status"], v["cadres_target"]) for v in villages}
    assert {t for s, t in targets if s == "scheduled"} == {3}
    assert {t for s, t in targets if s != "scheduled"} <= {None}
    assert "continuing" in {s for s, _ in targets}  # (the plan has villages the programme connected)
    layer = QgsVectorLayer(f"{out}|layername=villages", "plan", "ogr")
    ev = mon.evaluate([], village_rows(layer))
    total = ev.indicators["cadres"][-1]
    trained = [v for v in villages if v["fund_status"] == "scheduled"]
    assert total["planned"] == 3 * len(trained) > 0
    assert total["trained"] == sum(v["cadres_trained"] or 0 for v in trained)
    # what is left to train is what the training plan trains
    assert sum(t["trainees"] for t in rows(out, "training_plan")) == sum(
        max(0, 3 - int(v["cadres_trained"] or 0)) for v in trained)
