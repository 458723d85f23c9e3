"""The roadmap report as an official and a planner read it (review of 7 December 2026): the training plan with
village names, kab/kota and a total in the CSV's order; the summary's money with one decimal and no line starting
lowercase; the charts naming the payers as the tables do; roadmap.xlsx's 'Desa rencana' in Indonesian while its CSV
keeps the codes."""
from __future__ import annotations

import re

from kaltim_internet_plugin.core import formatting as fmt
from kaltim_internet_plugin.report import export_plan as ep
from kaltim_internet_plugin.report import tables as tb

NBSP = "\u00a0"

VILLAGES = [
    {"kode": "64.72.03.1001", "nama": "Sidodadi", "kode_kab": "64.72", "nama_kab": "Kota Samarinda"},
    {"kode": "64.72.03.1002", "nama": "Air Hitam", "kode_kab": "64.72", "nama_kab": "Kota Samarinda"},
    {"kode": "64.01.04.1001", "nama": "Tanah Grogot", "kode_kab": "64.01", "nama_kab": "Kabupaten Paser"},
    {"kode": "64.09.01.1013", "nama": "Nipah-Nipah", "kode_kab": "64.09", "nama_kab": "Kabupaten Penajam Paser Utara"},
]
TRAINING = [  # in the layer's order (not the CSV's): 2026 Samarinda first, Paser later, Penajam's two batches reversed
    {"year": 2026, "kec_code": "64.72.03", "kec_name": "Samarinda Ulu", "batch_no": 1, "trainees": 4,
     "villages": "64.72.03.1001;64.72.03.1002", "cost_idr": 6_000_000,
     "village_trainees": "64.72.03.1001:2;64.72.03.1002:2"},
    {"year": 2026, "kec_code": "64.09.01", "kec_name": "Penajam", "batch_no": 2, "trainees": 1,
     "villages": "64.09.01.1013", "cost_idr": 1_500_000, "village_trainees": "64.09.01.1013:1/2"},
    {"year": 2026, "kec_code": "64.01.04", "kec_name": "Tanah Grogot", "batch_no": 1, "trainees": 2,
     "villages": "64.01.04.1001", "cost_idr": 3_000_000, "village_trainees": "64.01.04.1001:2"},
    {"year": 2026, "kec_code": "64.09.01", "kec_name": "Penajam", "batch_no": 1, "trainees": 1,
     "villages": "64.09.01.1013", "cost_idr": 1_500_000, "village_trainees": "64.09.01.1013:1/2"},
]


def test_the_training_table_names_villages_and_kabkota_in_the_csv_order_with_a_total_row():
    headers, rows, right = ep.training_table(TRAINING, VILLAGES, "kode_kab", {"64.72": "Kota Samarinda"})
    assert headers == ["Tahun", "Kode kec.", "Kab/kota", "Kecamatan", "Angkatan", "Peserta", "Desa (peserta)",
                       "Biaya (juta Rp)"]
    assert len(right) == len(headers)
    body, total = rows[:-1], rows[-1]
    # the CSV's order (report/tables.training_sheet keeps plan.gpkg's, which the roadmap writes by year, kecamatan
    # code and batch): the page and the CSV read alike
    assert [(r[1], r[4]) for r in body] == [("64.01.04", "1"), ("64.09.01", "1"), ("64.09.01", "2"),
                                            ("64.72.03", "1")]
    assert [r[2] for r in body] == ["Kab. Paser", "Kab. Penajam Paser Utara", "Kab. Penajam Paser Utara",
                                    "Kota Samarinda"]  # "Kab." leaves the villages' column room
    samarinda = body[-1][6].replace(NBSP, " ")
    assert samarinda == "64.72.03.1001 Sidodadi (2); 64.72.03.1002 Air Hitam (2)"
    assert body[1][6].replace(NBSP, " ") == "64.09.01.1013 Nipah-Nipah (1 dari 2)"
    assert " " not in body[-1][6].split("; ")[0]  # inside an entry no breaking space: it wraps between villages
    assert [r[7] for r in body] == ["3", "1,5", "1,5", "6"]  # juta Rp, like the report's other tables
    assert total == ["Jumlah", "", "", "", "", "8", "", "12"]


def test_the_training_total_is_the_csv_total_in_juta():
    rows = [dict(TRAINING[0], cost_idr=708_000_000, trainees=472)]
    assert ep.training_table(rows, VILLAGES)[1][-1][5:] == ["472", "", "708"]
    odd = [dict(TRAINING[0], cost_idr=1_234_567), dict(TRAINING[2], cost_idr=2_345_678)]
    body = ep.training_table(odd, VILLAGES)[1]
    printed = [float(r[7].replace(",", ".")) for r in body]
    assert printed[-1] == round(printed[0] + printed[1], 1) == 3.6  # the column adds up to its total


def test_without_per_village_counts_the_villages_column_lists_code_and_name():
    rows = [{k: v for k, v in TRAINING[0].items() if k != "village_trainees"}]
    headers, body, _ = ep.training_table(rows, VILLAGES)
    assert headers[6] == "Desa"
    assert body[0][6].replace(NBSP, " ") == "64.72.03.1001 Sidodadi; 64.72.03.1002 Air Hitam"
    assert body[0][2] == "Kota Samarinda"  # the village's nama_kab when no kab/kota names are given


def test_summary_money_has_one_decimal_and_no_line_starts_lowercase():
    assert tb.money_short(7_771_000_000) == "Rp 7,77 miliar"  # the documented two decimals under 10 units
    assert tb.money_one_decimal(7_771_000_000) == "Rp 7,8 miliar"
    assert tb.money_one_decimal(546_200_000) == "Rp 546,2 juta"
    assert tb.money_one_decimal(26_000_000_000) == "Rp 26 miliar"

    class Total:
        def __getattr__(self, name):
            return 0

    class Summary:
        total = Total()
        villages_per_year = {2026: 228, 2027: 8}
        migration_capex_total_idr = 61_888_000_000
        migration_opex_total_idr = 7_771_000_000
        capex_total_idr = 83_462_000_000
        opex_total_idr = 79_480_000_000
        opex_years_short = False
        opex_years = horizon_years = 5
        end_year = 2030
        opex_after_horizon_idr_year = 16_350_000_000

    Summary.total.capex_scheduled_idr = 21_574_000_000
    text = ep.summary_lines_id(Summary())
    assert "Rp 7,77 miliar" not in text and "Rp 7,8 miliar" in text, text
    assert not re.search(r"Rp [\d.]+,\d\d ", text), text
    assert all(line[:1] == line[:1].upper() for line in text.splitlines()), text
    assert "Opex berjalan setelah 2030: Rp 16,4 miliar per tahun" in text
    # the scheduled CAPEX in the summary's one format too (it printed 'Rp 7,77 miliar' beside 'Rp 61,9 miliar')
    Summary.total.capex_scheduled_idr = 7_771_000_000
    text = ep.summary_lines_id(Summary())
    assert "Capex terjadwal: Rp 7,8 miliar + migrasi fiber Rp 61,9 miliar" in text, text
    assert not re.search(r"Rp [\d.]+,\d\d ", text), text
    assert "Terjadwal: 0 (2026–2027)" in text
    Summary.villages_per_year = {2028: 65}  # one year: printed once ('2028–2028' before, found 8 December)
    assert "Terjadwal: 0 (2028);" in ep.summary_lines_id(Summary())
    assert (fmt.year_span(2028, 2028), fmt.year_span(2026, 2030)) == ("2028", "2026–2030")
    Summary.villages_per_year = {2026: 228, 2027: 8}
    Summary.opex_years_short, Summary.opex_years = True, 3
    text = ep.summary_lines_id(Summary())
    assert "\nOpex didanai hanya 3 tahun sejak tersambung (periode 5 tahun)" in text
    assert "; opex berjalan setelah 2030" in text


def _source_sheet() -> tb.Sheet:
    sheet = tb.Sheet("Per sumber dana", "per_sumber_dana", ["source", "label", "capex_idr", "migration_capex_idr",
                                                             "opex_idr", "migration_opex_idr", "total_idr"])
    sheet.rows = [["apbd_prov", "APBD Provinsi (infrastruktur)", 15e9, 23e9, 0.7e9, 0, 39e9],
                  ["bakti_uso", "BAKTI / USO (usulan disetujui)", 0, 0, 0, 0, 0],
                  ["operator", "", 0, 0, 0, 0, 0],
                  ["prog_internet_desa", "Program Internet Desa (APBD Provinsi)", 0.5e9, 0, 57e9, 0, 57.5e9]]
    return sheet


def test_the_charts_name_the_payers_as_the_tables_do(tmp_path, monkeypatch):
    """Chart 1's legend said "APBD Provinsi" beside "Program Internet Desa (APBD Provinsi)" and chart 2 "BAKTI / USO"
    and "Koinvestasi operator" where the tables print the funding configuration's names."""
    year_source = tb.Sheet("Tahun x sumber", "tahun_x_sumber", ["year", "source", "total_idr"])
    year_source.rows = [[2026, "apbd_prov", 39e9], [2026, "prog_internet_desa", 20e9],
                        [2027, "prog_internet_desa", 37.5e9]]
    drawn = {}

    def fake_chart(path, title, categories, series, *args, **kwargs):
        drawn[path.rsplit("/", 1)[-1]] = (categories, [name for name, _ in series], kwargs.get("color_keys"))
        return path

    monkeypatch.setattr(ep.charts, "bar_chart_png", fake_chart)
    export = ep.PlanExport.__new__(ep.PlanExport)
    export.i = type("I", (), {"out_dir": str(tmp_path)})()
    export.sheets = [year_source, _source_sheet()]
    export.charts, export.curve = {}, []
    export.make_charts()
    assert drawn["chart_year.png"][1] == ["APBD Provinsi (infrastruktur)", "Program Internet Desa (APBD Provinsi)"]
    assert drawn["chart_year.png"][2] == ["apbd_prov", "prog_internet_desa"]  # their colours stay the sources'
    printed = [r["label"] or ep.label("funding_source", r["source"], "id") for r in _source_sheet().as_dicts()]
    assert drawn["chart_source.png"][0] == printed  # the per-source table's first column
    assert "BAKTI / USO (usulan disetujui)" in printed


def test_the_planned_villages_sheet_is_indonesian_in_the_workbook_and_keeps_codes_in_the_csv():
    village = {"priority_rank": 1, "kode": "64.11.04.2008", "nama": "Naha Tifab", "nama_kec": "Long Apari",
               "nama_kab": "Kabupaten Mahakam Ulu", "status": "blank_spot", "tech": "satellite", "year": 2026,
               "fund_status": "scheduled", "population": 698, "pop_flag": "estimated", "capex_idr": 15e6,
               "opex_idr_year": 24e6, "operator": None, "funding_capex": "prog_internet_desa=15000000",
               "funding_opex": "prog_internet_desa=120000000", "unfunded_reason": None, "reason": "Satellite: ..."}
    sheet = tb.planned_villages([village], {"prog_internet_desa": "Program Internet Desa (APBD Provinsi)"})
    assert sheet.columns[:3] == ["priority_rank", "kode", "nama"]  # the CSV: the plan's keys and codes
    assert sheet.rows[0][sheet.columns.index("status")] == "blank_spot"
    headers, rows = sheet.xlsx
    assert headers[:3] == ["Peringkat prioritas", "Kode desa", "Nama desa"]
    assert all(re.fullmatch(r"[a-z_]+", h) is None for h in headers), headers  # no key left as a heading
    row = dict(zip(headers, rows[0]))
    assert row["Status sinyal"] == "Blank spot" and row["Teknologi"].startswith("Satelit")
    assert row["Status pendanaan"] != "scheduled" and row["Keterangan penduduk"] == "perkiraan"
    assert row["Sumber dana capex (Rp)"] == "Program Internet Desa (APBD Provinsi): 15.000.000"
    assert row["Penduduk"] == 698 and row["Capex (Rp)"] == 15e6  # numbers stay numbers
