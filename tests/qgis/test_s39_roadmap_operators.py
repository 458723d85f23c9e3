"""kaltiminternet:roadmap's operator packages tried as a GIS officer would (s39): operator names written in many
ways, and a plan whose 'existing' column says 'tidak' for the villages it is to connect."""
from __future__ import annotations

from pathlib import Path

from osgeo import ogr

from tests.qgis.test_roadmap_alg import build_plan, rows, run_roadmap


def edit_plan(path: Path, values) -> dict:
    """Set fields of the plan's features: ``values(i, feature) -> {field: value}``; the codes edited, by field."""
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName("villages")
    if lyr.GetLayerDefn().GetFieldIndex("existing") < 0:
        lyr.CreateField(ogr.FieldDefn("existing", ogr.OFTString))
    edited: dict = {}
    for i, f in enumerate(list(lyr)):
        new = values(i, f) or {}
        for name, value in new.items():
            f.SetField(name, value)
            edited.setdefault(name, {})[f.GetField("kode")] = (f.GetFID(), value)
        if new:
            lyr.SetFeature(f)
    ds = None
    return edited


def test_one_operator_written_in_many_ways_is_one_row_of_the_package_table(provider, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", n=60)
    names = ["Telkomsel", "TELKOMSEL ", "telkomsel", "PT Telkomsel", "Tsel", "Indosat Ooredoo", "IOH", "XL Axiata",
             "XLSmart"]
    seen = []

    def values(_i, f):
        if f.GetField("tech") in ("fwa", "colo"):
            seen.append(f.GetField("kode"))
            return {"operator": names[(len(seen) - 1) % len(names)]}
        return None

    edit_plan(tmp_path / "plan.gpkg", values)
    res, fb, out = run_roadmap(tmp_path, plan)
    packages = {r["operator"]: r for r in rows(out, "operator_packages")}
    assert list(packages) == ["Indosat", "Telkomsel", "XL", "(belum ditetapkan)"]
    assert packages["Telkomsel"]["villages"] == sum(1 for i in range(len(seen)) if i % len(names) < 5)
    villages = rows(out, "villages")
    # every planned village in exactly one package, the packages' money the roadmap's to the rupiah
    assert sum(r["villages"] for r in packages.values()) == len(villages) == 60
    assert sum(r["capex_idr"] for r in packages.values()) == res["CAPEX_TOTAL"] - sum(
        int(r["migration_capex_idr"]) for r in rows(out, "roadmap_year_source"))
    assert {v["operator"] for v in villages if v["kode"] in seen} == set(names)  # the plan keeps the user's spelling
    log = fb.textLog()
    told = [line for line in log.splitlines() if "the operator of the package 'Telkomsel' is written in 5 ways" in line]
    assert len(told) == 1, log
    assert "'Tsel' (" in told[0] and seen[4] in told[0] and "field operator" in told[0]


def test_an_existing_column_saying_tidak_keeps_its_villages_in_the_plan(provider, tmp_path):
    """'existing' = 'tidak' / 'belum' / 'no' (not connected yet) was read as connected before the roadmap: the
    village's service 'continued', its CAPEX left the roadmap and it was in no operator package, without a word."""
    plan = build_plan(tmp_path / "plan.gpkg", n=40)
    words = {1: "tidak", 2: "belum", 3: "no", 4: "programme", 5: "sudah lewat Bakti"}
    edited = edit_plan(tmp_path / "plan.gpkg", lambda i, f: {"existing": words[i]} if i in words else None)
    codes = {value: code for code, (_fid, value) in edited["existing"].items()}
    res, fb, out = run_roadmap(tmp_path, plan)
    villages = {v["kode"]: v for v in rows(out, "villages")}
    for word in ("tidak", "belum", "no"):
        v = villages[codes[word]]
        assert v["fund_status"] == "scheduled" and v["existing"] == word, (word, v)
    assert villages[codes["programme"]]["fund_status"] == "continuing"
    packed = sum(r["villages"] for r in rows(out, "operator_packages"))
    assert packed == 40 - 2  # the programme village and the one the user's own words call connected
    # a word that is neither 'programme' nor yes/no: read as connected, as before, and named with how to fix it
    other = villages[codes["sudah lewat Bakti"]]
    assert other["fund_status"] == "continuing"
    fid = edited["existing"][codes["sudah lewat Bakti"]][0]
    log = fb.textLog()
    assert (f"feature {fid} ({codes['sudah lewat Bakti']}): 'sudah lewat Bakti'" in log
            and "Write 'programme'" in log and "EXISTING_FIELD = existing" in log), log
    assert "'tidak'" not in log.split("EXISTING_FIELD")[1].split("Write")[0]


def write_towers(path: Path, towers) -> str:
    """A tower GeoPackage in EPSG:4326: ``towers`` of (site_id, operator, lon, lat)."""
    from osgeo import osr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer("towers", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("site_id", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("operator", ogr.OFTString))
    for sid, op, x, y in towers:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("site_id", sid)
        if op is not None:
            f.SetField("operator", op)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        lyr.CreateFeature(f)
    ds = None
    return f"{path}|layername=towers"


def test_towers_the_sharing_list_cannot_use_or_name_are_said(provider, tmp_path):
    """A tower table without operators gave 'Tower sharing: 0 planned BTS within 500 m of another operator's tower'
    and nothing else; towers sharing one id were listed under that one id, without a word."""
    plan = build_plan(tmp_path / "plan.gpkg", n=60)
    ds = ogr.Open(str(tmp_path / "plan.gpkg"))
    bts = [(f.GetField("kode"), f.GetGeometryRef().GetX(), f.GetGeometryRef().GetY())
           for f in ds.GetLayerByName("villages") if f.GetField("tech") == "bts"]
    ds = None
    assert len(bts) >= 3
    towers = write_towers(tmp_path / "towers.gpkg", [("T-1", None, bts[0][1] + 0.001, bts[0][2]),
                                                     ("T-2", "", bts[1][1] + 0.001, bts[1][2]),
                                                     ("T-9", "XL", bts[2][1] + 0.001, bts[2][2]),
                                                     ("T-9", "Indosat", bts[2][1] - 0.001, bts[2][2])])
    res, fb, out = run_roadmap(tmp_path, plan, TOWERS=towers, SHARING_DISTANCE_M=500,
                               OUTPUT_SHARING=f"ogr:dbname='{tmp_path / 'out.gpkg'}' table=\"tower_sharing\"")
    sharing = rows(out, "tower_sharing")
    assert [(s["code"], s["tower_id"]) for s in sharing] == [(bts[2][0], "T-9")] * 2 == [(bts[2][0], "T-9")] * res[
        "SHARING_CANDIDATES"]
    log = fb.textLog()
    assert ("TOWERS: 2 of 4 tower(s) have no operator in the field operator (feature 1 (T-1); feature 2 (T-2))"
            in log), log
    assert "TOWERS: 1 tower id(s) of the field site_id are used by more than one tower ('T-9': features 3, 4)" in log


def test_the_workbook_without_the_roadmaps_package_table_says_what_the_table_says(provider, tmp_path):
    """exportplan without OPERATORS_TABLE made 'Per operator' (and the printed table) from the villages by its own
    rule: each package's CAPEX/OPEX were all its planned villages' (Indosat Rp 24.3 bn where the roadmap's table,
    counting the scheduled ones, says Rp 8.6 bn) and it had no capex_unfunded_idr."""
    from kaltim_internet_plugin.report import tables as tb

    plan = build_plan(tmp_path / "plan.gpkg", n=300)
    edit_plan(tmp_path / "plan.gpkg", lambda i, f: {"operator": "Telkomsel"} if f.GetField("tech") == "bts" and i % 2
              else ({"existing": "programme"} if i == 3 else None))
    res, _fb, out = run_roadmap(tmp_path, plan)
    assert res["VILLAGES_UNFUNDED"] > 0
    table = [{k: v for k, v in r.items() if k != "fid"} for r in rows(out, "operator_packages")]
    sheet = tb.by_operator(None, rows(out, "villages"))
    assert sheet.as_dicts() == table
    assert tb.by_operator(table, []).as_dicts() == table


def test_a_numeric_existing_field_reads_0_as_not_connected(provider, tmp_path):
    """An 'existing' field of numbers (a spreadsheet's 0/1 saved as a real column): 0.0 was the text '0.0', read as
    connected before the roadmap (its village left the plan, with a warning of 'other text'); now 0 is not
    connected, 1 is, and a number is no text to warn about."""
    plan = build_plan(tmp_path / "plan.gpkg", n=20)
    ds = ogr.Open(str(tmp_path / "plan.gpkg"), 1)
    lyr = ds.GetLayerByName("villages")
    lyr.CreateField(ogr.FieldDefn("sudah", ogr.OFTReal))
    values = {}
    for i, f in enumerate(list(lyr)):
        f.SetField("sudah", 1.0 if i == 0 else 0.0)
        lyr.SetFeature(f)
        values[f.GetField("kode")] = 1.0 if i == 0 else 0.0
    ds = None
    res, fb, out = run_roadmap(tmp_path, plan, EXISTING_FIELD="sudah")
    status = {v["kode"]: v["fund_status"] for v in rows(out, "villages")}
    assert {code for code, s in status.items() if s == "continuing"} == {c for c, v in values.items() if v == 1.0}
    assert "EXISTING_FIELD = sudah" not in fb.textLog()
