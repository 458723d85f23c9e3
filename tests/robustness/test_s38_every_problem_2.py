"""Bad input is said once, completely (session 38, the two readers left): the installation-capacity table (its CSV
read by the roadmap, and the Plan page's editor) names every problem of every row in one run; importprogramme says
the fee, dates and technology of a row it drops in the same run as the drop, in sentences that stay true for a
dropped row."""
from __future__ import annotations

import csv

from tests.robustness.conftest import digest, fails


def _csv(path, text: str) -> str:
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # as Excel saves 'CSV UTF-8'
    return str(path)


# ---- item 1: the capacity table ----
_CAPACITY = ("year;tech;kab_code;provider;max_installations;source\n"
             "2027;fibre;;;1.200;Diskominfo\n"         # row 2: fine (twelve hundred)
             "dua ribu;satellite;;;12,5;\n"            # row 3: not a year, not a whole number
             "2027;kabel laut;64.02;;-3;\n"            # row 4: unknown technology, negative
             "2027;Fibre;;;100;\n"                     # row 5: repeats row 2
             "1990;fwa;;;banyak;\n")                   # row 6: year out of range, not a number


def test_a_capacity_csv_names_every_problem_of_every_row_in_one_run(provider, tmp_path):
    """(was: only "row 3, column 'year': 'dua ribu' is not a year"; the 12,5, the unknown technology, the -3, the
    repeated limit, the year 1990 and 'banyak' came one run at a time)"""
    from tests.qgis.test_roadmap_alg import build_plan

    path = _csv(tmp_path / "kapasitas.csv", _CAPACITY)
    before = digest(path)
    text = fails("roadmap", {"PLAN": build_plan(tmp_path / "plan.gpkg", n=5), "CAPACITY": path,
                             "OUTPUT": str(tmp_path / "road.gpkg"), "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    for said in ("row 3, column 'year': 'dua ribu' is not a year",
                 "row 3, column 'max_installations': '12,5' is not a whole number",
                 "row 4, column 'tech': unknown technology 'kabel laut'",
                 "row 4, column 'max_installations': '-3' is not a whole number",
                 "row 5 repeats the limit of row 2 (2027 / fibre)",
                 "row 6, column 'year': the year 1990 is outside 2000 to 2100",
                 "row 6, column 'max_installations': 'banyak' is not a whole number"):
        assert said in text, (said, text)
    assert text.index("row 3, column 'year'") < text.index("row 4,") < text.index("row 5 ") < text.index("row 6,")
    assert "row 2" not in text.replace("limit of row 2", "")  # the good row is not named
    assert digest(path) == before


def test_a_capacity_workbook_names_every_problem_too(provider, tmp_path):
    """The same reader for a workbook, its rows numbered as the spreadsheet shows them (a title row above)."""
    import openpyxl

    from tests.qgis.test_roadmap_alg import build_plan

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (("Kapasitas pemasangan 2027",), (), ("year", "tech", "max_installations"), (2027, "radio", 10.0),
                ("kemarin", "radio", -1), (2028, "laser", 5)):
        sheet.append(row)
    path = tmp_path / "kapasitas.xlsx"
    book.save(path)
    before = digest(path)
    text = fails("roadmap", {"PLAN": build_plan(tmp_path / "plan.gpkg", n=5), "CAPACITY": str(path),
                             "OUTPUT": str(tmp_path / "road.gpkg"), "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    assert "row 5, column 'year': 'kemarin' is not a year" in text, text
    assert "row 5, column 'max_installations': '-1' is not a whole number" in text, text
    assert "row 6, column 'tech': unknown technology 'laser'" in text, text
    assert digest(path) == before


def test_a_capacity_csv_without_two_columns_names_both(provider, tmp_path):
    """(was: "no column 'year'"; once renamed, "no column 'max_installations'" at the next run)"""
    from tests.qgis.test_roadmap_alg import build_plan

    path = _csv(tmp_path / "kapasitas.csv", "tahun;tech;jumlah\n2027;fwa;1.200\n")
    before = digest(path)
    text = fails("roadmap", {"PLAN": build_plan(tmp_path / "plan.gpkg", n=5), "CAPACITY": path,
                             "OUTPUT": str(tmp_path / "road.gpkg"), "OUTPUT_TABLE": str(tmp_path / "table.gpkg")})
    assert "has no column 'year'" in text and "has no column 'max_installations'" in text, text
    assert "no column 'tech'" not in text, text
    assert digest(path) == before


def test_the_capacity_editor_names_every_bad_cell_and_a_repeated_limit(qgis_app):
    """(was: the first bad cell only; a repeated limit passed the editor and stopped the run, named by the rows of a
    scratch CSV the user never saw)"""
    from kaltim_internet_plugin.gui.capacity_editor import CapacityEditor

    editor = CapacityEditor()
    try:
        grid = editor.grid
        grid.item(0, 0).setText("dua ribu")     # row 1: year
        grid.item(0, 4).setText("12,5")         # row 1: per year
        grid.item(1, 1).setText("kabel laut")   # row 2: technology
        first = [grid.item(2, c).text() for c in range(grid.columnCount())]
        editor._append(first)                  # the last row repeats row 3
        last = grid.rowCount()
        text = editor.validate()
        assert "row 1, column 'Year': 'dua ribu' is not a year" in text, text
        assert "row 1, column 'Per year': '12,5' is not a whole number" in text, text
        assert "row 2, column 'Technology': unknown technology 'kabel laut'" in text, text
        assert f"row {last} repeats the limit of row 3" in text, text
        assert editor.message.text() == text
        for r, c in ((0, 0), (0, 4), (1, 1)):  # the cells are kept as typed
            assert grid.item(r, c).text() in ("dua ribu", "12,5", "kabel laut")
    finally:
        editor.deleteLater()


def test_a_repeated_limit_is_refused_by_the_editor_not_by_the_run(qgis_app):
    """(was: validate() said nothing; the roadmap then stopped on "Cannot read the capacity table
    /tmp/kaltim_capacity_…/capacity.csv: Capacity table, row 3 repeats the limit of row 2", rows of a file the user
    never saw, one more than the editor's)"""
    from kaltim_internet_plugin.gui.capacity_editor import CapacityEditor

    editor = CapacityEditor()
    try:
        editor.grid.item(1, 1).setText(editor.grid.item(0, 1).text())  # row 2: the technology of row 1
        text = editor.validate()
        # in the editor's own words: the technology's name and the UI's word for every year (was: 'all /
        # fibre_service', the CSV's keys, also in the Indonesian UI)
        name = editor.grid.item(0, 1).text()
        assert text.startswith(f"Capacity table, row 2 repeats the limit of row 1 (all / {name})"), text
        assert "fibre_service" not in text and "column" not in text, text
    finally:
        editor.deleteLater()


# ---- item 2: importprogramme, a dropped row's other problems ----
def test_a_dropped_programme_row_names_its_fee_dates_and_technology_in_the_same_run(provider, tmp_path):
    """(was: a row with an unknown code, a duplicate or a 'terhubung' of 'mungkin' was dropped before its fee and
    dates were read: the fee 'sejuta' and the date 31-02-2024 were named only once the row was mended, at the next
    run; and a dropped row's unknown technology was said to 'count as connected')"""
    from tests.qgis.test_programme import VILLAGES, run

    table = _csv(tmp_path / "status.csv",
                 "kode_desa;terhubung;teknologi;penyedia;biaya_bulanan;sejak;kontrak_berakhir\n"
                 "64.02.01.2001;ya;IndiHome;Telkom;1.500.000;01-03-2024;31-12-2027\n"    # row 2: fine
                 "64.99.99.2999;ya;Starlink;Starlink;sejuta;31-02-2024;\n"              # row 3: unmatched
                 "64.02.01.2001;ya;Orbit;Telkomsel;-500.000;;\n"                       # row 4: repeats row 2
                 "64.02.01.2004;mungkin;kabel laut;;1.500.000.000;;2025\n"             # row 5: bad 'terhubung'
                 "64.02.01.2005;ya;Orbit;Telkomsel;sejuta;;\n")                        # row 6: used, default fee
    before = digest(table)
    report = tmp_path / "masalah.csv"
    res, lines = run({"VILLAGES": VILLAGES, "TABLE": table, "AS_OF": "2026-01-31",
                      "OUTPUT": str(tmp_path / "out.gpkg"), "OUTPUT_REPORT": str(report)})
    assert res["ROWS"] == 5 and res["MATCHED"] == 2 and res["UNMATCHED"] == 1 and res["DUPLICATES"] == 1
    with open(report, encoding="utf-8") as fh:
        said = [(int(r["row"]), r["message"]) for r in csv.DictReader(fh)]

    def of(row):
        return " | ".join(m for n, m in said if n == row)

    assert "matches no village" in of(3) and "monthly fee 'sejuta' is not an amount of rupiah" in of(3), said
    assert "sejak '31-02-2024' is not a date" in of(3), said
    assert "already given in row 2" in of(4) and "monthly fee '-500.000' is negative" in of(4), said
    assert "neither ya nor tidak" in of(5) and "monthly fee '1.500.000.000' is above Rp 100.000.000" in of(5), said
    assert "technology 'kabel laut' is not known" in of(5) and "kontrak_berakhir '2025' is not a date" in of(5), said
    for row in (3, 4, 5):  # every sentence stays true of a dropped row
        assert "default fee" not in of(row) and "counts as connected" not in of(row), (row, said)
        assert "ignored" in of(row), (row, said)
    assert "monthly fee 'sejuta' is not an amount of rupiah; the default fee of its technology is used" in of(6)
    log = "\n".join(lines)
    assert "status.csv, row 3" in log and "'sejuta'" in log and "'31-02-2024'" in log, log
    assert digest(table) == before


def test_a_dropped_row_s_fee_is_said_in_indonesian(qgis_app):
    from kaltim_internet_plugin.core.programme import ProgrammeError
    from kaltim_internet_plugin.errors import describe
    from kaltim_internet_plugin.i18n import install_translator, remove_translator

    assert install_translator("id")
    try:
        text = describe(ProgrammeError("programme_dropped_bad_fee", code=None, value="sejuta"))
    finally:
        remove_translator()
    assert text == ("baris diabaikan; selain itu, biaya bulanannya 'sejuta' bukan jumlah rupiah. Tulis seperti "
                    "1.500.000."), text


def test_the_problems_past_the_log_s_thirty_are_counted_as_problems_and_the_report_only_named_when_written(
        provider, tmp_path):
    """(was: "… and 2 more rows: see the report." for two more problems of one row, with no report asked for)"""
    from tests.qgis.test_programme import VILLAGES, run

    rows = "".join(f"64.99.99.{2000 + i};ya;Orbit;;sejuta;;\n" for i in range(16))  # 2 problems each
    table = _csv(tmp_path / "status.csv", "kode_desa;terhubung;teknologi;penyedia;biaya_bulanan;sejak;kontrak\n"
                                          "64.02.01.2001;ya;IndiHome;Telkom;1.500.000;;\n" + rows)
    before = digest(table)
    _res, lines = run({"VILLAGES": VILLAGES, "TABLE": table, "AS_OF": "2026-01-31", "OUTPUT": "TEMPORARY_OUTPUT"})
    log = "\n".join(lines)
    assert "… and 2 more problems" in log and "see the report" not in log and "OUTPUT_REPORT" in log, log
    report = tmp_path / "laporan.csv"
    _res, lines = run({"VILLAGES": VILLAGES, "TABLE": table, "AS_OF": "2026-01-31", "OUTPUT": "TEMPORARY_OUTPUT",
                       "OUTPUT_REPORT": str(report)})
    assert f"… and 2 more problems: see the report {report}" in "\n".join(lines), lines
    assert digest(table) == before
