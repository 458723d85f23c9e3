"""Plan from where Kaltim stands (issue 14): the programme-status import and what the chain does with it."""
from __future__ import annotations

import datetime as dt

import pytest

from kaltim_internet_plugin.core import programme as pg
from kaltim_internet_plugin.errors import describe
from tests.conftest import SAMPLE

GPKG = SAMPLE / "kaltim_sample.gpkg"
VILLAGES = f"{GPKG}|layername=villages|subset=\"kode_kab\" = '64.02'"


class Log:
    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        self.feedback = QgsProcessingFeedback()
        self.lines = []
        for name in ("pushInfo", "pushWarning", "reportError"):
            setattr(self.feedback, name, lambda text, *_a, _l=self.lines: _l.append(text))


def run(params):
    import processing

    log = Log()
    res = processing.run("kaltiminternet:importprogramme", params, feedback=log.feedback)
    return res, log.lines


def rows_of(path):
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(path, "v", "ogr")
    names = lyr.fields().names()
    return [dict(zip(names, f.attributes())) for f in lyr.getFeatures()]


def test_status_table_with_unmatched_duplicate_and_ended_contract(provider, tmp_path):
    table = tmp_path / "status.csv"
    # as Indonesian Excel saves it: semicolons, '1.500.000', dd-mm-yyyy
    table.write_text(
        "kode_desa;nama_desa;kecamatan;terhubung;teknologi;penyedia;biaya_bulanan;sejak;kontrak_berakhir\n"
        "64.02.01.2001;;;ya;IndiHome;Telkom;1.500.000;01-03-2024;31-12-2026\n"     # row 2: fine
        "64.99.99.2999;Desa Hantu;Nowhere;ya;Starlink;Starlink;1.250.000;;\n"        # row 3: unmatched code
        "64.02.01.2001;;;ya;Orbit;Telkomsel;500.000;;\n"                             # row 4: duplicate of row 2
        "64.02.01.2002;;;ya;Starlink;Starlink;Rp 1.250.000;01-01-2024;31-12-2025\n"  # row 5: contract ended
        "64.02.01.2003;;;tidak;;;;;\n"                                               # row 6: not connected
        "64.02.01.2004;;;mungkin;;;;;\n",                                            # row 7: neither ya nor tidak
        encoding="utf-8")
    report = tmp_path / "issues.csv"
    res, lines = run({"VILLAGES": VILLAGES, "TABLE": str(table), "AS_OF": "2026-01-31",
                      "OUTPUT": str(tmp_path / "out.gpkg"), "OUTPUT_REPORT": str(report)})
    assert res["ROWS"] == 6 and res["MATCHED"] == 3 and res["CONNECTED"] == 2
    assert res["UNMATCHED"] == 1 and res["DUPLICATES"] == 1 and res["RENEWALS_DUE"] == 1 and res["SATELLITE"] == 1
    text = "\n".join(lines)
    assert "status.csv, row 3" in text and "64.99.99.2999" in text and "matches no village" in text
    assert "row 4" in text and "already given in row 2" in text
    assert "row 5" in text and "2025-12-31" in text and "renewal" in text
    assert "row 7" in text and "mungkin" in text
    assert report.read_text(encoding="utf-8").count("\n") == 5  # header + 4 issues
    out = {r["kode"]: r for r in rows_of(str(tmp_path / "out.gpkg"))}
    first = out["64.02.01.2001"]
    assert first["prog_tech"] == "fibre_service" and first["prog_fee_idr_month"] == 1500000
    assert out["64.02.01.2002"]["prog_renewal_due"] == 1 and out["64.02.01.2002"]["prog_fee_idr_month"] == 1250000
    assert out["64.02.01.2003"]["prog_connected"] == 0
    kel = [r for r in out.values() if r["jenis"] == "kelurahan"]
    assert kel and all(r["prog_in_scope"] == 0 for r in kel)  # desa-only programme by default


def test_status_table_errors_say_what_and_how(provider, tmp_path):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as exc:
        run({"VILLAGES": VILLAGES, "TABLE": str(bad), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "kode_desa" in str(exc.value)
    other = tmp_path / "other.csv"
    other.write_text("kode_desa;terhubung\n11.01.01.2001;ya\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as exc:
        run({"VILLAGES": VILLAGES, "TABLE": str(other), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "None of the 1 rows" in str(exc.value)
    future = (dt.date.today() + dt.timedelta(days=26)).isoformat()
    with pytest.raises(QgsProcessingException) as exc:
        run({"VILLAGES": VILLAGES, "TABLE": str(other), "AS_OF": future, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "future" in str(exc.value)
    # an empty village layer is named as such, not as a table that matches none of its villages
    empty = f"{GPKG}|layername=villages|subset=\"kode_kab\" = 'none'"
    with pytest.raises(QgsProcessingException) as exc:
        run({"VILLAGES": empty, "TABLE": str(other), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "The village layer has no features" in str(exc.value) and "None of the" not in str(exc.value)


def test_an_invalid_village_polygon_is_read_and_copied_as_it_is(provider, tmp_path):
    """Only the attributes are joined: the sample's invalid polygon (feature 511, 64.07.07.2002) is no reason to stop
    (it stopped with QGIS's "Feature (511) … has invalid geometry", naming no parameter, and the next run crashed)."""
    import hashlib
    import shutil

    from qgis.core import QgsGeometry

    gpkg = tmp_path / "villages.gpkg"
    shutil.copy(GPKG, gpkg)
    before = hashlib.sha256(gpkg.read_bytes()).hexdigest()
    table = tmp_path / "status.csv"
    table.write_text("kode_desa;terhubung;teknologi\n64.07.07.2002;ya;Starlink\n64.07.07.2003;tidak;\n",
                     encoding="utf-8")
    out = tmp_path / "out.gpkg"
    res, lines = run({"VILLAGES": f"{gpkg}|layername=villages|subset=\"kode_kab\" = '64.07'", "TABLE": str(table),
                      "AS_OF": "2026-01-31", "OUTPUT": str(out)})
    assert res["MATCHED"] == 2 and res["CONNECTED"] == 1
    rows = {r["kode"]: r for r in rows_of(str(out))}
    assert rows["64.07.07.2002"]["prog_connected"] == 1 and rows["64.07.07.2002"]["prog_tech"] == "satellite"
    from qgis.core import QgsVectorLayer

    copied = next(QgsVectorLayer(str(out), "o", "ogr").getFeatures("\"kode\" = '64.07.07.2002'")).geometry()
    assert not QgsGeometry(copied).isGeosValid()  # copied as it is: repairing is 'Repair village geometries'
    assert hashlib.sha256(gpkg.read_bytes()).hexdigest() == before
    table.write_text("kode_desa;terhubung\n64.02.01.2001;ya\n", encoding="utf-8")
    res, _ = run({"VILLAGES": VILLAGES, "TABLE": str(table), "AS_OF": "2026-01-31", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert res["MATCHED"] == 1  # the next run of the same process works


def test_name_and_kecamatan_match_when_the_code_is_missing():
    villages = [pg.VillageKey("64.02.01.2001", "Long Lalang", "Long Hubung"),
                pg.VillageKey("64.02.02.2001", "Long Lalang", "Laham")]
    header = ["nama_desa", "kecamatan", "terhubung"]
    res = pg.match_status([(2, {"nama_desa": "LONG  lalang", "kecamatan": "Laham", "terhubung": "Ya"}),
                           (3, {"nama_desa": "Long Lalang", "kecamatan": "", "terhubung": "ya"})], header, villages)
    assert list(res.status) == ["64.02.02.2001"] and res.matched_by_name == 1
    issue = res.issues[0]  # an ambiguous name without kecamatan is not guessed
    assert issue.row == 3 and "64.02.01.2001" in describe(pg.ProgrammeError(issue.code, **issue.params))


@pytest.mark.parametrize("text,value", [("1.500.000", 1500000), ("Rp 1.500.000", 1500000), ("1500000", 1500000),
                                        ("1,5 jt", 1500000), ("1.500.000,50", 1500000), (1250000.0, 1250000),
                                        ("500 rb", 500000), ("abc", None), ("", None),
                                        # read by core.numbers as every other amount (were refused, 2026-12-07)
                                        ("Rp 1.500.000,-", 1500000), ("Rp. 1.500.000", 1500000),
                                        ("Rp. 1.500.000,00", 1500000), ("1.500.000,-", 1500000),
                                        ("IDR 1.500.000", 1500000), ("-500.000", -500000)])
def test_fees_as_offices_write_them(text, value):
    assert pg.parse_fee(text) == value


def test_a_negative_fee_is_named_as_negative():
    """'-500.000' was called "not an amount of rupiah ... write it as 1.500.000"; the problem is its sign."""
    from kaltim_internet_plugin.errors import describe

    villages = [pg.VillageKey("64.02.01.2001", "Long Lalang", "Long Hubung")]
    header = ["kode_desa", "terhubung", "biaya_bulanan"]
    res = pg.match_status([(2, {"kode_desa": "64.02.01.2001", "terhubung": "ya", "biaya_bulanan": "-500.000"})],
                          header, villages)
    issue = next(i for i in res.issues if "fee" in i.code)
    assert issue.code == "programme_negative_fee" and issue.row == 2
    text = describe(pg.ProgrammeError(issue.code, **issue.params))
    assert "'-500.000' is negative" in text and "without a minus sign" in text


def test_a_monthly_fee_of_trillions_is_named_and_the_default_used():
    """Was: Rp 1.500.000.000.000 a month stored as given (found by trying to break it, 2026-12-06)."""
    villages = [pg.VillageKey("64.02.01.2001", "Long Lalang", "Long Hubung"),
                pg.VillageKey("64.02.01.2002", "Long Pahangai", "Long Hubung")]
    header = ["kode_desa", "terhubung", "teknologi", "biaya_bulanan"]
    res = pg.match_status([(2, {"kode_desa": "64.02.01.2001", "terhubung": "ya", "teknologi": "FWA",
                                "biaya_bulanan": "1.500.000.000.000"}),
                           (3, {"kode_desa": "64.02.01.2002", "terhubung": "ya", "teknologi": "FWA",
                                "biaya_bulanan": "45.000.000"})], header, villages)
    assert res.status["64.02.01.2001"].fee_idr_month is None  # the technology's default is used
    assert res.status["64.02.01.2002"].fee_idr_month == 45_000_000
    (issue,) = [i for i in res.issues if i.code == "programme_implausible_fee"]
    assert issue.row == 2 and "above Rp 100.000.000 a month" in describe(pg.ProgrammeError(issue.code, **issue.params))


def test_a_row_after_an_ignored_row_of_its_village_is_used():
    """A row ignored for its 'terhubung' ('mungkin') kept its village's place: the village's next, correct row was
    then dropped as 'already given in row 2' and the village counted as not in the table (found 2026-12-07)."""
    villages = [pg.VillageKey("64.02.01.2001", "Long Lalang", "Long Hubung")]
    header = ["kode_desa", "terhubung", "teknologi"]
    res = pg.match_status([(2, {"kode_desa": "64.02.01.2001", "terhubung": "mungkin", "teknologi": "FWA"}),
                           (3, {"kode_desa": "64.02.01.2001", "terhubung": "ya", "teknologi": "FWA"}),
                           (4, {"kode_desa": "64.02.01.2001", "terhubung": "tidak", "teknologi": ""})],
                          header, villages)
    status = res.status["64.02.01.2001"]
    assert status.row == 3 and status.connected
    assert [(i.code, i.row) for i in res.issues if i.level == "error"] == [
        ("programme_bad_connected", 2), ("programme_duplicate", 4)]
    (dup,) = [i for i in res.issues if i.code == "programme_duplicate"]
    assert dup.params["first"] == 3  # the row used, not the ignored one


def test_the_sample_table_follows_the_public_counts():
    """The ILLUSTRATIVE sample table: 802 of 841 desa connected, 158 Starlink sites (issue 14's public counts)."""
    import csv

    rows = list(csv.DictReader(open(SAMPLE / "programme_status_ILLUSTRATIVE.csv", encoding="utf-8-sig"),
                               delimiter=";"))
    assert len(rows) == 841 and sum(r["terhubung"] == "ya" for r in rows) == 802
    assert sum(r["teknologi"] == "Starlink" for r in rows) == 158


def test_comparescenarios_and_budget_curve_refuse_bad_input(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:comparescenarios", {"PLAN_A": VILLAGES, "PLAN_B": VILLAGES,
                                                           "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "fund_status" in str(exc.value) and "Build multi-year roadmap" in str(exc.value)
    offices = f"{GPKG}|layername=offices|subset=\"kode_kab\" = '64.74'"
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:optimizesites", {
            "VILLAGES": offices, "CANDIDATES": offices, "BUDGET_IDR": 26e9, "CURVE_BUDGETS_IDR": "10e9; sepuluh",
            "OUTPUT_SITES": "TEMPORARY_OUTPUT", "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT",
            "OUTPUT_CURVE": "TEMPORARY_OUTPUT"})
    assert "sepuluh" in str(exc.value) and "25e9" in str(exc.value)


def test_budget_curve_reads_each_budget_as_every_amount(provider, tmp_path):
    """A comma was a separator: '2,5e9; 1,500,000,000' gave budgets 0, 1, 2, 500 and 5e9 without a word, and
    '5 miliar' was refused. Budgets are separated by ';' and read as every amount; a bad one is refused before the
    work, quoted as written."""
    import processing
    from osgeo import ogr
    from qgis.core import QgsProcessingException

    offices = f"{GPKG}|layername=offices|subset=\"kode_kab\" = '64.74'"
    common = {"VILLAGES": offices, "CANDIDATES": offices, "BUDGET_IDR": 26e9, "OUTPUT_SITES": "TEMPORARY_OUTPUT",
              "OUTPUT_VILLAGES": "TEMPORARY_OUTPUT"}
    out = str(tmp_path / "curve.gpkg")
    processing.run("kaltiminternet:optimizesites", dict(
        common, CURVE_BUDGETS_IDR="2,5e9; 1,500,000,000; 5 miliar\n5.000.000.000; Rp 7,5 miliar", OUTPUT_CURVE=out))
    ds = ogr.Open(out)
    lyr = ds.GetLayerByIndex(0)
    budgets = sorted(f.GetField("budget_idr") for f in lyr)
    assert budgets == [1.5e9, 2.5e9, 5e9, 7.5e9, 26e9], budgets
    with pytest.raises(QgsProcessingException) as exc:
        processing.run("kaltiminternet:optimizesites", dict(common, CURVE_BUDGETS_IDR="5e9, 10e9",
                                                            OUTPUT_CURVE="TEMPORARY_OUTPUT"))
    assert "'5e9, 10e9' is not an amount of rupiah" in str(exc.value) and "separated by ';'" in str(exc.value)


def test_empty_candidates_select_no_site_and_the_chain_goes_on(provider, tmp_path):
    """Kota Samarinda: every kelurahan covered, 'Candidate sites' writes none; optimizesites stopped with 'The
    candidate layer has no features'. It now selects 0 sites (said in an info line) and writes its outputs."""
    import processing
    from qgis.core import QgsProcessingFeedback

    offices = f"{GPKG}|layername=offices|subset=\"kode_kab\" = '64.72'"
    empty = f"{GPKG}|layername=offices|subset=\"kode_kab\" = 'none'"
    lines = []
    feedback = QgsProcessingFeedback()
    feedback.pushInfo = lambda text, *_a: lines.append(text)
    curve = str(tmp_path / "curve.gpkg")
    res = processing.run("kaltiminternet:optimizesites", {
        "VILLAGES": offices, "CANDIDATES": empty, "BUDGET_IDR": 26e9, "CURVE_BUDGETS_IDR": "5e9",
        "OUTPUT_SITES": str(tmp_path / "sites.gpkg"), "OUTPUT_VILLAGES": str(tmp_path / "villages.gpkg"),
        "OUTPUT_CURVE": curve}, feedback=feedback)
    assert res["SITES_SELECTED"] == 0 and res["COST_TOTAL"] == 0 and res["POPULATION_COVERED"] == 0
    assert any("no new site is selected (0 sites)" in line for line in lines), lines
    villages = rows_of(res["OUTPUT_VILLAGES"])
    assert len(villages) > 0 and {v["covered_by"] for v in villages} <= {"existing", "none"}
    assert rows_of(res["OUTPUT_SITES"]) == []
    assert [r["sites"] for r in rows_of(curve)] == [0, 0]


def test_a_province_table_on_a_kota_it_does_not_list_is_a_warning(provider, tmp_path):
    """The sample programme table (841 desa of the province) on Kota Samarinda's kelurahan, none of which it
    lists: it was refused as a table that matches no village (the chain, fullplan too, stopped). Every row being a
    village of another kab/kota of the same province, the layer simply has no programme village: a warning. A
    table of another province, or with a row in the layer's own kab/kota, is still refused."""
    from qgis.core import QgsProcessingException

    from kaltim_internet_plugin.io import sample

    samarinda = f"{GPKG}|layername=villages|subset=\"kode_kab\" = '64.72'"
    res, lines = run({"VILLAGES": samarinda, "TABLE": sample.programme_status_path(), "AS_OF": "2026-01-31",
                      "OUTPUT": str(tmp_path / "p.gpkg")})
    assert res["MATCHED"] == 0 and res["CONNECTED"] == 0
    assert any("is a village of the layer's kab/kota (64.72)" in line for line in lines), lines
    own = tmp_path / "own.csv"
    own.write_text("kode_desa;terhubung\n64.72.01.1099;ya\n64.02.01.2001;ya\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="None of the 2 rows"):
        run({"VILLAGES": samarinda, "TABLE": str(own), "AS_OF": "2026-01-31", "OUTPUT": "TEMPORARY_OUTPUT"})
