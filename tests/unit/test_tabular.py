"""core/tabular.py: CSV and XLSX as offices save them, and importsites on such files (issue #16, item 6)."""
from __future__ import annotations

import codecs

import pytest

from kaltim_internet_plugin.core import tabular
from kaltim_internet_plugin.core.funding import FundingTableError, read_sources_csv, sources_from_csv_text

# A site list as Indonesian Excel saves "CSV (dipisahkan titik koma)": cp1252, semicolons, decimal commas, a
# merged title row padded with semicolons, a blank row, then the header on row 3.
SEMICOLON_LINES = [
    "DAFTAR MENARA BTS KABUPATEN PASER - TAHUN 2025;;;;;",
    ";;;;;",
    "Kode_Site;Operator;Bujur;Lintang;Tinggi;Keterangan",
    "PSR-001;Telkomsel;116,1500;-1,8000;42;Desa Kerang Dayo",
    "PSR-002;XL;116,2000;-1,7500;1.234;Menara \u00e9kstra tinggi",
    "PSR-003;Indosat;116,2500;-1,7000;-5;tinggi negatif",
    "",
    "PSR-004;Telkomsel;116,3000;-1,6500;35,5;Desa \u00c9mbun",
]


def write_bytes(path, text: str, encoding: str) -> str:
    path.write_bytes(text.encode(encoding))
    return str(path)


def semicolon_csv(tmp_path, encoding="cp1252") -> str:
    return write_bytes(tmp_path / "menara.csv", "\r\n".join(SEMICOLON_LINES) + "\r\n", encoding)


def merged_title_xlsx(tmp_path) -> str:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Menara"
    ws["A1"] = "DAFTAR MENARA BTS KALTIM 2025"
    ws.merge_cells("A1:E1")
    ws["A2"] = "Sumber: Diskominfo Kaltim"
    ws.merge_cells("A2:E2")
    ws.append(["Kode_Site", "Operator", "Bujur", "Lintang", "Tinggi"])
    ws.append(["KT-1", "Telkomsel", 117.15, -0.5, "42"])
    ws.append([None, None, None, None, None])
    ws.append(["KT-2", "XL", "117,2", "-0,45", 35])
    path = tmp_path / "menara.xlsx"
    wb.save(str(path))
    return str(path)


# --------------------------------------------------------------------------------------------- reader
def test_semicolon_cp1252_csv_with_title_rows(tmp_path):
    table = tabular.read_table(semicolon_csv(tmp_path), known_names=("kode_site", "bujur", "lintang"))
    info = table.info
    assert (info.delimiter, info.encoding, info.header_row, info.skipped_rows) == (";", "cp1252", 3, [1])
    assert info.header == ["Kode_Site", "Operator", "Bujur", "Lintang", "Tinggi", "Keterangan"]
    assert [n for n, _ in table.rows] == [4, 5, 6, 8]  # blank row 7 counted, not returned
    assert table.rows[1][1]["Keterangan"] == "Menara \u00e9kstra tinggi"
    assert table.rows[3][1]["Bujur"] == "116,3000"


@pytest.mark.parametrize("encoding, expected", [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"),
                                                ("utf-16", "utf-16"), ("latin-1", "cp1252")])
def test_encodings(tmp_path, encoding, expected):
    text = "nama,penduduk\r\nDesa \u00c9lok,\"1.234\"\r\nDesa B,567\r\n"
    table = tabular.read_table(write_bytes(tmp_path / "d.csv", text, encoding))
    assert table.info.encoding == expected
    assert table.header == ["nama", "penduduk"]  # no BOM left in the first name
    assert table.rows[0] == (2, {"nama": "Desa \u00c9lok", "penduduk": "1.234"})


def test_header_detection_without_known_names_and_tab_delimiter(tmp_path):
    text = "Laporan bulanan\n\nkode\tuptime\tpengguna\nS1\t99,5\t1.200\nS2\t98\t300\n"
    table = tabular.read_table(write_bytes(tmp_path / "r.txt", text, "utf-8"))
    assert table.info.delimiter == "\t" and table.info.header_row == 3 and table.info.skipped_rows == [1]
    assert table.rows == [(4, {"kode": "S1", "uptime": "99,5", "pengguna": "1.200"}),
                          (5, {"kode": "S2", "uptime": "98", "pengguna": "300"})]


def test_decimal_commas_do_not_fool_the_delimiter():
    text = "nama;luas;penduduk\nA;2,5;1.234\nB;3,75;2.000\nC;1,0;800\n"
    table = tabular.read_csv_text(text)
    assert table.info.delimiter == ";" and table.rows[0][1] == {"nama": "A", "luas": "2,5", "penduduk": "1.234"}


def test_duplicate_and_empty_header_names():
    table = tabular.read_csv_text("a,a,,b\n1,2,3,4\n")
    assert table.header == ["a", "a_2", "_col3", "b"]


@pytest.mark.parametrize("engine", ["openpyxl", "ogr"])
def test_xlsx_with_merged_title_rows(tmp_path, engine):
    table = tabular.read_table(merged_title_xlsx(tmp_path), xlsx_engine=engine)
    info = table.info
    assert (info.kind, info.sheet, info.header_row, info.skipped_rows) == ("xlsx", "Menara", 3, [1, 2])
    assert info.header == ["Kode_Site", "Operator", "Bujur", "Lintang", "Tinggi"]
    assert [n for n, _ in table.rows] == [4, 6]
    assert table.rows[1][1]["Lintang"] == "-0,45"


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b";;;\n;;;\n", codecs.BOM_UTF8])
def test_empty_file_is_an_error(tmp_path, content):
    path = tmp_path / "kosong.csv"
    path.write_bytes(content)
    with pytest.raises(tabular.TableError) as exc:
        tabular.read_table(str(path))
    assert exc.value.code == "empty_file" and exc.value.params["path"] == str(path)


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(tabular.TableError) as exc:
        tabular.read_table(str(tmp_path / "nope.csv"))
    assert exc.value.code == "not_found"
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(tabular.TableError) as exc:
        tabular.read_table(str(old))
    assert exc.value.code == "unsupported" and exc.value.params["ext"] == ".xls"


def test_error_text_is_translated_and_says_what_to_do(tmp_path):
    from kaltim_internet_plugin.input_text import table_error_text, table_info_text

    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    with pytest.raises(tabular.TableError) as exc:
        tabular.read_table(str(path))
    text = table_error_text(exc.value)
    assert str(path) in text and "empty" in text
    info = tabular.read_table(semicolon_csv(tmp_path)).info
    text = table_info_text(info)
    assert "semicolon" in text and "cp1252" in text and "row 3" in text and "1" in text


def test_stream_does_not_read_everything_at_once(tmp_path):
    lines = ["radio,mcc,net,cell,lon,lat"] + [f"LTE,510,10,{i},117.{i % 10},0.5" for i in range(5000)]
    path = write_bytes(tmp_path / "ocid.csv", "\n".join(lines) + "\n", "utf-8")
    info, rows = tabular.open_table(path)
    first = next(rows)
    assert info.delimiter == "," and first == (2, {"radio": "LTE", "mcc": "510", "net": "10", "cell": "0",
                                                  "lon": "117.0", "lat": "0.5"})
    assert sum(1 for _ in rows) == 4999


# --------------------------------------------------------------------------------------------- funding CSV
def test_funding_csv_from_indonesian_excel(tmp_path):
    text = ("Tabel sumber dana 2026;;;;\n"
            "name;label;kinds;techs;yearly_cap_idr\n"
            "apbd_prov;APBD Provinsi;\"capex;opex\";all;Rp 25.000.000.000\n"
            "dana_desa;Dana Desa;opex;satellite;2,5e9\n")
    path = write_bytes(tmp_path / "dana.csv", text, "cp1252")
    sources = read_sources_csv(path)
    assert [(s.name, s.kinds, s.yearly_cap_idr) for s in sources] == [
        ("apbd_prov", ["capex", "opex"], 25_000_000_000), ("dana_desa", ["opex"], 2_500_000_000)]
    with pytest.raises(FundingTableError) as exc:
        sources_from_csv_text("name;yearly_cap_idr\nx;banyak\n")
    assert "banyak" in exc.value.message_en and "bukan angka" in exc.value.message_id
    with pytest.raises(FundingTableError):
        sources_from_csv_text("")


def test_cost_table_csv_with_semicolons_and_rupiah():
    from kaltim_internet_plugin.core.costs import CostTable

    text = ("key;label_id;label_en;capex_idr;opex_idr_year;unit;source\n"
            "bts_4g_3t;BTS;BTS;Rp 2.600.000.000;260.000.000;site;x\n")
    table = CostTable.from_csv(text=text)
    item = table["bts_4g_3t"] if hasattr(table, "__getitem__") else table.items[0]
    assert (item.capex_idr, item.opex_idr_year) == (2.6e9, 2.6e8)


# --------------------------------------------------------------------------------------------- importsites
def run_importsites(path, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    from tests.conftest import capture_feedback

    fb = capture_feedback()
    params = {"INPUT": path, "OUTPUT": str(tmp_path / "sites.gpkg"), "OUTPUT_REJECTS": str(tmp_path / "rej.csv")}
    try:
        res = processing.run("kaltiminternet:importsites", params, feedback=fb)
    except QgsProcessingException as exc:
        return None, "\n".join(fb.lines), str(exc)
    return res, "\n".join(fb.lines), ""


def site_values(res) -> dict:
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(res["OUTPUT"], "s", "ogr")
    return {f["site_id"]: (round(f.geometry().asPoint().x(), 4), round(f.geometry().asPoint().y(), 4),
                           f["height_m"]) for f in layer.getFeatures()}


def test_importsites_semicolon_cp1252_csv_from_indonesian_excel(provider, tmp_path):
    res, log, error = run_importsites(semicolon_csv(tmp_path), tmp_path)
    assert not error, error
    sites = site_values(res)
    assert sites["PSR-001"] == (116.15, -1.8, 42.0)
    assert sites["PSR-004"] == (116.3, -1.65, 35.5)
    assert "PSR-002" not in sites and "PSR-003" not in sites  # 1.234 m = 1234 m (column of decimal commas)
    assert res["ROWS_REJECTED"] == 2
    assert "semicolon" in log and "cp1252" in log and "Title rows skipped: 1" in log
    rejected = [line for line in log.splitlines() if line.startswith("Rejected")]
    assert any("row 6" in line and "Tinggi" in line and "'-5'" in line and "Fix:" in line for line in rejected)
    assert any("row 5" in line and "1234" in line for line in rejected)
    rej = (tmp_path / "rej.csv").read_text(encoding="utf-8")
    assert "Tinggi" in rej and "'-5'" in rej


def test_importsites_merged_title_xlsx(provider, tmp_path):
    res, log, error = run_importsites(merged_title_xlsx(tmp_path), tmp_path)
    assert not error, error
    assert site_values(res) == {"KT-1": (117.15, -0.5, 42.0), "KT-2": (117.2, -0.45, 35.0)}
    assert "header on row 3" in log and "Title rows skipped: 1, 2" in log


def test_importsites_empty_file_is_a_clear_error(provider, tmp_path):
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    res, _log, error = run_importsites(str(empty), tmp_path)
    assert res is None
    assert "kosong.csv" in error and "empty" in error and "Traceback" not in error


def test_an_unclosed_quote_is_named_by_its_line(tmp_path):
    """Was: the delimiter guessed wrong and "columns were not recognised (columns: A;"Telkomsel;…)"."""
    from kaltim_internet_plugin.input_text import table_error_text

    path = tmp_path / "towers.csv"
    path.write_text('site_id;operator;tech;lon;lat\nA;"Telkomsel;4G;116,5;-0,5\nB;XL;4G;116,6;-0,5\n',
                    encoding="utf-8")
    with pytest.raises(tabular.TableError) as exc:
        tabular.read_table(str(path))
    assert exc.value.code == "unclosed_quote" and exc.value.params["line"] == 2
    assert "line 2: a quote" in table_error_text(exc.value) and "towers.csv" in table_error_text(exc.value)
    with pytest.raises(tabular.TableError):
        tabular.read_csv_text('a,b\n1,"x\n')
    # what closes is read as before: a quoted cell holding the delimiter and a line break, an inch mark, "" inside
    ok = tmp_path / "ok.csv"
    ok.write_text('site_id;note;dish\nA;"Jl. Poros; km 5\nbelakang masjid";30"\nB;"kata ""ya""";12\n',
                  encoding="utf-8")
    rows = [r for _, r in tabular.read_table(str(ok)).rows]
    assert [r["note"] for r in rows] == ["Jl. Poros; km 5\nbelakang masjid", 'kata "ya"']
    assert rows[0]["dish"] == '30"'


def test_a_column_the_tool_reads_given_twice_is_named(tmp_path):
    """Was: the second height_m renamed height_m_2 and ignored without a word."""
    from kaltim_internet_plugin.input_text import table_error_text

    path = tmp_path / "towers.csv"
    path.write_text("site_id;height_m;Height_M;catatan;catatan\nA;40;45;x;y\n", encoding="utf-8")
    with pytest.raises(tabular.TableError) as exc:
        tabular.read_table(str(path), known_names=("site_id", "height_m"))
    assert exc.value.code == "duplicate_column" and exc.value.params["columns"] == "2, 3"
    assert "'height_m' more than once (columns 2, 3)" in table_error_text(exc.value)
    # columns the tool does not read may repeat: kept apart, as before
    (_, row), = tabular.read_table(str(path), known_names=("site_id",)).rows
    assert row["catatan"] == "x" and row["catatan_2"] == "y"


def test_an_xlsx_percent_cell_is_read_as_the_sheet_shows_it(tmp_path):
    """Excel keeps '99.5 %' as 0.995: an uptime of 0.995 % was imported (a restitution claimed), and a column all in
    percent was refused. A number formatted as a percent is read as its text, '99.5%' (found 7 December)."""
    import datetime as dt

    import openpyxl

    from kaltim_internet_plugin.core import monitoring as mon

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["kode_site", "periode", "penyedia", "uptime"])
    sheet.append(["SITE-1", "2026-09", "P", 0.995])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["SITE-2", "2026-09", "P", 100])
    sheet.append(["SITE-3", "2026-09", "P", 0.9712])
    sheet["D4"].number_format = "0.00%"
    path = tmp_path / "uptime.xlsx"
    book.save(path)
    table = tabular.read_table(str(path))
    assert [row["uptime"] for _n, row in table.rows] == ["99.5%", 100, "97.12%"]
    recs, rejects, _ = mon.validate_report_rows(mon.read_table(str(path))[1], now=dt.datetime(2026, 12, 7))
    assert [r.uptime_pct for r in recs] == [99.5, 100.0, 97.12] and not rejects
