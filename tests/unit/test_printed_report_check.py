"""The consistency check's reading of the printed roadmap report (report.consistency) against what the report prints
(report.export_plan.report_tables): the total rows ('Jumlah') read back by the rule they are printed by
(tables.TOTAL_LABEL, tables.int_id -> tables.total_figures), and the per-source column *Tahun tertinggi* read back
against the plan's own year x source money (tables.peak_year)."""
from __future__ import annotations

from kaltim_internet_plugin.report import tables as tb
from kaltim_internet_plugin.report.consistency import printed_money_agrees, printed_peak_years_agree


def money(year, source, capex=0, mig=0, opex=0, mig_opex=0, cap=None, per_kab=0):
    """A row of plan.gpkg's year x source table."""
    return {"year": year, "source": source, "label": LABELS[source], "capex_idr": capex, "migration_capex_idr": mig,
            "opex_idr": opex, "migration_opex_idr": mig_opex, "total_idr": capex + mig + opex + mig_opex,
            "cap_idr": cap, "cap_per_kab": per_kab, "villages_connected": 0, "villages_migrated": 0,
            "people_connected": 0}


LABELS = {"apbd_kab": "APBD Kabupaten/Kota", "apbd_prov": "APBD Provinsi (infrastruktur)",
          "bakti_uso": "BAKTI / USO (usulan disetujui)"}
# amounts of millions of juta (thousands separators in every printed figure); APBD Kabupaten/Kota pays the same in
# 2027 and 2028 (its peak year is the earlier one), APBD Provinsi most in 2027, BAKTI nothing at all
TABLE = [money(2026, "apbd_kab", capex=1_200_000_400_000, cap=5e9, per_kab=1),
         money(2027, "apbd_kab", opex=1_500_000_300_000, cap=5e9, per_kab=1),
         money(2028, "apbd_kab", opex=1_200_000_000_000, mig_opex=300_000_300_000, cap=5e9, per_kab=1),
         money(2026, "apbd_prov", capex=1_000_000_000, opex=2_700_600_000, cap=3e10),
         money(2027, "apbd_prov", mig=3_000_000_000_000, mig_opex=1_300_000_000, cap=3e10),
         money(2026, "bakti_uso")]


def per_year(table):
    """The workbook's sheet 'Per tahun' of a year x source table."""
    out = {}
    for r in table:
        y = out.setdefault(r["year"], {"year": r["year"], "villages": 3, "population": 1_234, "techs": "fwa:3",
                                       **{k: 0 for k in tb.SOURCE_MONEY + ("total_idr",)}})
        for k in tb.SOURCE_MONEY + ("total_idr",):
            y[k] += r[k]
    return [out[y] for y in sorted(out)]


def report(table):
    """(the report's tables, the workbook's per-year and per-source rows) of a year x source table."""
    from kaltim_internet_plugin.report.export_plan import report_tables

    years = tb.Sheet("Per tahun", "per_tahun", tb.YEAR_COLUMNS,
                     [[r[c] for c in tb.YEAR_COLUMNS] for r in per_year(table)])
    sources = tb.by_source(table, [])
    return report_tables({"per_tahun": years, "per_sumber_dana": sources}.get), years.as_dicts(), sources.as_dicts()


def printed(tables) -> str:
    """The report's per-year and per-source tables as pdftotext -layout prints them (a cell's text on one line)."""
    lines = []
    for key in ("table_year", "table_source"):
        headers, rows, _right = tables[key]
        lines += ["   ".join(headers)] + ["   ".join(str(c) for c in r if c != "") for r in rows] + [""]
    return "\n".join(lines)


def test_a_printed_total_row_is_read_back_by_the_rule_it_is_printed_by(monkeypatch):
    """The report prints a total row as tables.TOTAL_LABEL and tables.int_id figures; the check reads it with
    tables.total_figures (before: the export printed export_plan.TOTAL_LABEL and the check matched its own 'Jumlah'
    and took every word after the first as a figure)."""
    tables, years, sources = report(TABLE)
    for key, figures in (("table_year", 6), ("table_source", 4)):
        total = tables[key][1][-1]
        assert total[0] == tb.TOTAL_LABEL == "Jumlah"
        line = "   ".join(c for c in total if c)
        read = tb.total_figures(line)
        assert read == [tb.units_of(c) for c in total[1:] if c] and len(read) == figures, (line, read)
        assert all("." in c for c in total[-2 if key == "table_source" else -3:] if c), total  # 1.234.567
    assert tb.total_figures(tables["table_source"][1][-1][0] + "   1.201.000   3.000.000   4.204.302 "
                            "  8.405.302") == [1_201_000, 3_000_000, 4_204_302, 8_405_302]
    assert tb.total_figures("  Jumlah   21.574   -61.888") == [21_574, -61_888] and tb.units_of("-1.300") == -1_300
    for not_total in ("Jumlah", "Jumlah   1234", "Jumlahnya   12", "2026   Jumlah   12", "Jumlah   12 (2026)"):
        assert tb.total_figures(not_total) is None, not_total
    text = printed(tables)
    assert printed_money_agrees(text, years, sources) == []
    # the per-source table's printed grand total 2 juta off (its last line): read back from its Jumlah row and said
    grand = tables["table_source"][1][-1][6]
    head, _, tail = text.rpartition(f"   {grand}\n")
    bad = head + f"   {tb.int_id(tb.units_of(grand) + 2)}\n" + tail
    assert tail == "" and bad != text
    problems = [(p.code, p.params["table"], p.params["row"], p.params.get("column")) for p in
                printed_money_agrees(bad, years, sources)]
    assert ("pdf_total_differs", "per_sumber_dana", "Jumlah", "total") in problems, problems
    # one label for both sides: a total row labelled otherwise is printed and read back alike (before, the check's
    # own 'Jumlah' found no total row: pdf_total_missing)
    monkeypatch.setattr(tb, "TOTAL_LABEL", "Jumlah seluruhnya")
    tables, years, sources = report(TABLE)
    assert tables["table_year"][1][-1][0] == tables["table_source"][1][-1][0] == "Jumlah seluruhnya"
    assert printed_money_agrees(printed(tables), years, sources) == []
    assert tb.total_figures("Jumlah   1.201.000") is None


def test_the_printed_peak_year_of_each_payer_is_the_plans():
    """*Tahun tertinggi*: each payer prints the year it pays most in the year x source table (the earlier of two
    years that pay the same), a payer that pays nothing prints none; a printed year that is not the plan's is
    said with the payer, the year printed and the plan's."""
    tables, _years, sources = report(TABLE)
    peak = {r["source"]: r["peak_year"] for r in sources}
    assert peak == {"apbd_kab": 2027, "apbd_prov": 2027, "bakti_uso": None}  # 2027 and 2028 pay the same
    rows = {r[0]: r for r in tables["table_source"][1]}
    assert rows["APBD Kabupaten/Kota"][2].endswith(" (2027, semua kab/kota)")
    assert rows["APBD Provinsi (infrastruktur)"][2].endswith(" (2027)")
    assert rows["BAKTI / USO (usulan disetujui)"][2] == "–"
    text = printed(tables)
    assert printed_peak_years_agree(text, sources, TABLE) == []

    def said(text, table=TABLE):
        return [(p.code, p.params["source"], p.params["payer"], p.params["printed"], p.params["plan"])
                for p in printed_peak_years_agree(text, sources, table)]

    # the later of the two equal years printed: not the plan's peak year
    assert said(text.replace("(2027, semua", "(2028, semua")) == [
        ("pdf_peak_year_differs", "apbd_kab", "APBD Kabupaten/Kota", 2028, 2027)]
    # no year printed; a year printed for a payer that pays nothing
    apbd_prov = rows["APBD Provinsi (infrastruktur)"][2]
    assert said(text.replace(apbd_prov, apbd_prov.split(" ")[0])) == [
        ("pdf_peak_year_differs", "apbd_prov", "APBD Provinsi (infrastruktur)", None, 2027)]
    bakti = "   ".join(c for c in rows["BAKTI / USO (usulan disetujui)"] if c)
    assert said(text.replace(bakti, bakti.replace("   –   ", "   0 (2026)   ", 1))) == [
        ("pdf_peak_year_differs", "bakti_uso", "BAKTI / USO (usulan disetujui)", 2026, None)]
    # the plan pays APBD Provinsi most in 2026: the report printed 2027
    table = [dict(r, opex_idr=r["opex_idr"] + 4e12, total_idr=r["total_idr"] + 4e12)
             if (r["source"], r["year"]) == ("apbd_prov", 2026) else r for r in TABLE]
    assert said(text, table) == [("pdf_peak_year_differs", "apbd_prov", "APBD Provinsi (infrastruktur)", 2027, 2026)]
    assert tb.peak_year({2026: 5, 2027: 7, 2028: 7, None: 9, 2029: 0}) == 2027 and tb.peak_year({2026: 0}) is None


# the demo's per-source table as pdftotext -layout prints it (7 December): cells that wrap are centred on their row
DEMO_LAYOUT = """\
Sumber dana (juta Rp)       Pagu/tahun              Tahun tertinggi              Capex desa Capex migrasi ﬁber                                      Total     Tahun
                                                                                                                      migrasi
                                                        31.184 (2026, semua
APBD Kabupaten/Kota         5.000 per kab/kota                                        5.494                 38.936                       18.929      63.359 2026–2030
                                                                   kab/kota)
APBD Provinsi
                                         30.000                29.872 (2026)         15.600                 22.952                           693     39.245 2026–2027
(infrastruktur)
BAKTI / USO (usulan
                                                0                            –            0                       0                             0           0 –
disetujui)
Dana Desa                                20.184                   954 (2026)              0                       0                        2.706      2.706 2026–2030
Operator (ko-investasi
                                          5.000                              –            0                       0                             0           0 –
kolokasi)
Program Internet Desa
                                         12.500                11.870 (2028)            480                       0                      57.152      57.632 2026–2030
(APBD Provinsi)
Jumlah                                                                               21.574                 61.888                       79.480 162.942
"""  # noqa: E501  (as printed)


def test_a_peak_year_is_read_from_its_own_row_of_the_printed_layout():
    """A wrapped cell's year is printed a line above its row's figures ('31.184 (2026, semua' / 'kab/kota)'), a
    payer's name may wrap above and below them: each year is its row's (the nearest line of figures), and a year
    in a payer's name is no peak year."""
    pays = {"apbd_kab": 2026, "apbd_prov": 2026, "dana_desa": 2026, "prog_internet_desa": 2028}
    sources = [{"source": s, "label": s} for s in ("apbd_kab", "apbd_prov", "bakti_uso", "dana_desa", "operator",
                                                   "prog_internet_desa")]
    # each payer pays the amount printed beside its year that year (juta), less the other years
    amount = {"apbd_kab": 31_184e6, "apbd_prov": 29_872e6, "dana_desa": 954e6, "prog_internet_desa": 11_870e6}
    table = [{"year": y, "source": s, "opex_idr": amount[s] if y == peak else amount[s] / 2}
             for s, peak in pays.items() for y in (2026, 2027, 2028)] + [
        {"year": 2026, "source": s, "opex_idr": 0} for s in ("bakti_uso", "operator")]
    assert printed_peak_years_agree(DEMO_LAYOUT, sources, table) == []
    for printed, source in (("31.184 (2027, semua", "apbd_kab"), ("29.872 (2027)", "apbd_prov"),
                            ("954 (2027)", "dana_desa"), ("11.870 (2027)", "prog_internet_desa")):
        text = DEMO_LAYOUT.replace(printed.replace("2027", str(pays[source])), printed)
        assert text != DEMO_LAYOUT
        assert [(p.params["source"], p.params["printed"], p.params["plan"])
                for p in printed_peak_years_agree(text, sources, table)] == [(source, 2027, pays[source])]
    # a wrapped year above a row that is not the first: its own row's, not the one above
    wrapped = DEMO_LAYOUT.replace("Program Internet Desa\n", "Program Internet Desa" + " " * 35
                                  + "11.870 (2028, semua\n").replace("11.870 (2028)", " " * 13)
    wrapped = wrapped.replace("(APBD Provinsi)\n", "(APBD Provinsi)" + " " * 52 + "kab/kota)\n")
    assert "(2028)" not in wrapped and printed_peak_years_agree(wrapped, sources, table) == []
    assert [(p.params["source"], p.params["printed"]) for p in printed_peak_years_agree(
        wrapped.replace("(2028, semua", "(2027, semua"), sources, table)] == [("prog_internet_desa", 2027)]
    named = DEMO_LAYOUT.replace("(APBD Provinsi)", "(2027)").replace("(infrastruktur)", "(2025, sisa)")
    assert printed_peak_years_agree(named, sources, table) == []
    # a table that is not there: said, not passed
    assert [p.code for p in printed_peak_years_agree("", sources, table)] == ["pdf_peak_years_unread"]


def test_the_printed_peak_amount_of_each_payer_is_the_plans():
    """*Tahun tertinggi* prints the payer's busiest year's amount before the year ('29.872 (2026)'): read back and
    compared, as a number, with what the plan's year x source table pays that year (less than 1 juta from it);
    a wrong amount with the right year was passed (the check read the year only)."""
    tables, _years, sources = report(TABLE)
    text = printed(tables)
    assert printed_peak_years_agree(text, sources, TABLE) == []
    rows = {r[0]: r for r in tables["table_source"][1]}
    cell = rows["APBD Provinsi (infrastruktur)"][2]  # 3.001.300 (2027): its migration CAPEX and OPEX that year
    assert cell == "3.001.300 (2027)", cell
    for wrong in ("3.001.302 (2027)", "3.000.300 (2027)"):
        problems = printed_peak_years_agree(text.replace(cell, wrong), sources, TABLE)
        assert [(p.code, p.params["source"], p.params["year"], p.params["printed"], p.params["plan"])
                for p in problems] == [("pdf_peak_amount_differs", "apbd_prov", 2027, tb.units_of(wrong.split()[0]),
                                        3_001_300.0)]
    # a year printed without its amount
    assert [p.code for p in printed_peak_years_agree(text.replace(cell, "(2027)"), sources, TABLE)] == [
        "pdf_peak_amount_differs"]
    # the same amount rounded the other way (less than 1 juta from the plan's) is the plan's
    kab = rows["APBD Kabupaten/Kota"][2]
    amount = tb.units_of(kab.split()[0])
    assert abs(amount - 1_500_000.3) < 1
    assert printed_peak_years_agree(text.replace(kab, kab.replace(tb.int_id(amount), tb.int_id(1_500_001))),
                                    sources, TABLE) == []
    assert printed_peak_years_agree(text.replace(kab, kab.replace(tb.int_id(amount), tb.int_id(1_500_002))),
                                    sources, TABLE)[0].code == "pdf_peak_amount_differs"


def test_the_workbooks_peak_year_and_amount_are_the_plans():
    """The workbook's 'Per sumber dana' columns peak_year and peak_year_idr (what the report prints as *Tahun
    tertinggi*) are read back against the year x source table, to the rupiah (before: not read)."""
    from kaltim_internet_plugin.report.consistency import _money_agrees

    _tables, years, sources = report(TABLE)
    assert _money_agrees(TABLE, years, sources) == []
    for key, value, want in (("peak_year", 2028, (2027, 1_500_000_300_000)),
                             ("peak_year_idr", 1_500_000_300_001, (2027, 1_500_000_300_000)),
                             ("peak_year_idr", None, (2027, 1_500_000_300_000))):
        changed = [dict(r, **{key: value}) if r["source"] == "apbd_kab" else r for r in sources]
        problems = _money_agrees(TABLE, years, changed)
        assert [(p.code, p.params["source"], p.params["table"]) for p in problems] == [
            ("xlsx_peak_year_differs", "apbd_kab", want)], [str(p) for p in problems]


def test_printed_money_in_words_is_read_back_as_a_number():
    """'Capex terjadwal: Rp 7,8 miliar' is read as the number it prints, to the precision printed: the check compares
    it with the exact rupiah (before: it looked for the text money_short writes, so a figure rounded otherwise —
    'Rp 7,77 miliar' for 'Rp 7,8 miliar' — failed, and one figure's format was kept for the check's sake)."""
    from kaltim_internet_plugin.report.consistency import printed_money_figure_agrees

    assert tb.printed_money("Rp 7,8 miliar") == (7.8e9, 0.1e9)
    assert tb.printed_money("Rp 88,5 juta") == (88.5e6, 0.1e6)
    assert tb.printed_money("Rp 26 miliar") == (26e9, 1e9)
    assert tb.printed_money("Rp 1,25 triliun") == (1.25e12, 0.01e12)
    assert tb.printed_money("Rp 650.000") == (650_000, 1) and tb.printed_money("Rp 0") == (0, 1)
    assert tb.printed_money("21,6 miliar") is None
    for exact in (7_771_000_000, 7_750_000_000, 7_849_999_999, 21_574_000_000, 88_500_000, 0, 650_000, 9_999_999):
        text = f"Terjadwal: 236; belum terdanai 0 Capex terjadwal: {tb.money_one_decimal(exact)} + migrasi fiber"
        assert printed_money_figure_agrees(text, "Capex terjadwal", exact, "x.pdf") == [], (exact, text)
    # another rounding of the same money passes; other money fails, said with the file, the text and the rupiah
    text = "Capex terjadwal: Rp 7,77 miliar; opex"
    assert printed_money_figure_agrees(text, "Capex terjadwal", 7_771_000_000, "x.pdf") == []
    for printed, exact in (("Rp 7,9 miliar", 7_771_000_000), ("Rp 7,8 miliar", 7_720_000_000),
                           ("Rp 7,8 juta", 7_771_000_000), ("Rp 89 juta", 88_400_000)):
        problems = printed_money_figure_agrees(f"Capex terjadwal: {printed} x", "Capex terjadwal", exact, "x.pdf")
        assert [(p.code, p.params["file"], p.params["printed"], p.params["exact"]) for p in problems] == [
            ("pdf_money_differs", "x.pdf", printed, exact)], printed
    assert [p.code for p in printed_money_figure_agrees("Capex: Rp 7,8 miliar", "Capex terjadwal", 1, "x.pdf")] == [
        "pdf_differs"]


def aligned(tables, key="table_source") -> str:
    """A printed table as pdftotext -layout prints it: each column as wide as its widest cell and 3 spaces apart,
    headers from their column's left edge, a cell right-aligned in its column when the table says so."""
    headers, rows, right = tables[key]
    widths = [max(len(str(r[j])) for r in [headers] + rows) for j in range(len(headers))]
    lines = ["   ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    for r in rows:
        lines.append("   ".join(str(c).rjust(w) if flush else str(c).ljust(w)
                                for c, w, flush in zip(r, widths, right)).rstrip())
    return "\n".join(lines) + "\n"


def test_the_printed_cap_of_each_payer_is_the_plans():
    """*Pagu/tahun*: each payer prints its yearly cap from the plan's year x source table (the caps the roadmap ran
    with) in whole juta, 'per kab/kota' when it is each kab/kota's, '–' when the table holds none. A wrong unit,
    another figure, another payer's cap, '–' or nothing where the plan has a cap, or a lost 'per kab/kota' is
    said with the payer, the cell printed and the plan's cap (the check did not read that column)."""
    from kaltim_internet_plugin.report.consistency import printed_caps, printed_caps_agree

    tables, _years, sources = report(TABLE)
    text = aligned(tables)
    assert [r["source"] for r in sources] == ["apbd_kab", "apbd_prov", "bakti_uso"]
    assert printed_caps(text) == ["5.000 per kab/kota", "30.000", "–"]
    assert printed_caps_agree(text, sources, TABLE) == []
    assert printed_peak_years_agree(text, sources, TABLE) == []  # the same layout, read by the other checks
    kab, prov = (text.splitlines()[1 + i] for i in range(2))
    assert kab.startswith("APBD Kabupaten/Kota") and prov.startswith("APBD Provinsi")

    def said(text, table=TABLE):
        return [(p.code, p.params["source"], p.params["payer"], p.params["printed"], p.params["plan"],
                 p.params["per_kab"]) for p in printed_caps_agree(text, sources, table)]

    prov_said = ("pdf_cap_differs", "apbd_prov", "APBD Provinsi (infrastruktur)")
    # in rupiah, not juta; 2 juta off; '–' or nothing where the plan has a cap; one printed where it has none
    for wrong in ("30.000.000.000", "30.002", "–", ""):
        bad = text.replace(prov, prov.replace("30.000", wrong.rjust(6)))
        assert bad != text
        assert said(bad) == [(*prov_said, wrong or None, 30_000.0, False)], wrong
    bakti = text.splitlines()[3]
    assert said(text.replace(bakti, bakti.replace("–", "0", 1))) == [
        ("pdf_cap_differs", "bakti_uso", "BAKTI / USO (usulan disetujui)", "0", None, False)]
    # a cap per kab/kota printed as if the province's, and the province's as if per kab/kota
    assert said(text.replace(" per kab/kota", " " * len(" per kab/kota"))) == [
        ("pdf_cap_differs", "apbd_kab", "APBD Kabupaten/Kota", "5.000", 5_000.0, True)]
    # the two payers' caps swapped: each is said
    cell_kab, cell_prov = kab[kab.index("5.000 per"):][:18], prov[prov.index("30.000") - 12:][:18]
    assert cell_kab.strip() == "5.000 per kab/kota" and cell_prov.strip() == "30.000"
    swapped = text.replace(kab, kab.replace(cell_kab, cell_prov)).replace(prov, prov.replace(cell_prov, cell_kab))
    assert said(swapped) == [("pdf_cap_differs", "apbd_kab", "APBD Kabupaten/Kota", "30.000", 5_000.0, True),
                             (*prov_said, "5.000 per kab/kota", 30_000.0, False)]
    # the plan ran with another funding table (APBD Provinsi's cap halved): the printed default cap is said
    halved = [dict(r, cap_idr=1.5e10) if r["source"] == "apbd_prov" else r for r in TABLE]
    assert said(text, halved) == [(*prov_said, "30.000", 15_000.0, False)]
    # the rule it is printed by: less than 1 juta from the plan's cap (5.000,4 juta prints 5.000; 5.001 agrees)
    odd = [dict(r, cap_idr=5_000_400_000) if r["source"] == "apbd_kab" else r for r in TABLE]
    assert printed_caps(aligned(report(odd)[0])) == ["5.000 per kab/kota", "30.000", "–"]
    assert said(text.replace("5.000 per", "5.001 per"), odd) == []
    assert [p[3] for p in said(text.replace("5.000 per", "4.999 per"), odd)] == ["4.999 per kab/kota"]


def test_a_cap_is_read_from_its_own_row_of_the_printed_layout():
    """The demo's layout (names wrapping above and below their row's figures, a peak year's cell too): each payer's
    cap is read from its own row, between the payers' names and *Tahun tertinggi*; a cap cell that wraps ('5.000
    per' above its row's figures, 'kab/kota' below) is its row's; no table: said, not passed."""
    from kaltim_internet_plugin.report.consistency import printed_caps, printed_caps_agree

    assert printed_caps(DEMO_LAYOUT) == ["5.000 per kab/kota", "30.000", "0", "20.184", "5.000", "12.500"]
    sources = [{"source": s, "label": s} for s in ("apbd_kab", "apbd_prov", "bakti_uso", "dana_desa", "operator",
                                                   "prog_internet_desa")]
    caps = {"apbd_kab": 5e9, "apbd_prov": 3e10, "bakti_uso": 0, "dana_desa": 20_184e6, "operator": 5e9,
            "prog_internet_desa": 12_500e6}
    table = [{"year": y, "source": s, "cap_idr": cap, "cap_per_kab": int(s == "apbd_kab")}
             for s, cap in caps.items() for y in (2026, 2027)]
    assert printed_caps_agree(DEMO_LAYOUT, sources, table) == []
    # the rows of Dana Desa and the operators swapped their caps
    swapped = DEMO_LAYOUT.replace("Dana Desa                                20.184",
                                  "Dana Desa                                 5.000").replace(
        "                                          5.000                              –",
        "                                         20.184                              –")
    assert [(p.params["source"], p.params["printed"], p.params["plan"])
            for p in printed_caps_agree(swapped, sources, table)] == [("dana_desa", "5.000", 20_184.0),
                                                                      ("operator", "20.184", 5_000.0)]
    # a cap cell that wraps, centred on its row like the peak year's
    wrapped = DEMO_LAYOUT.replace("                                                        31.184 (2026, semua\n",
                                  "                             5.000 per                  31.184 (2026, semua\n")
    wrapped = wrapped.replace("5.000 per kab/kota  ", " " * 20).replace(
        "                                                                   kab/kota)\n",
        "                             kab/kota                              kab/kota)\n")
    assert wrapped.count("5.000 per kab/kota") == 0
    assert printed_caps(wrapped)[0] == "5.000 per kab/kota" and printed_caps_agree(wrapped, sources, table) == []
    # the per-source rows but no header 'Pagu/tahun', or no table at all
    for unread in (DEMO_LAYOUT.replace("Pagu/tahun", "Pagu      "), ""):
        assert printed_caps(unread) is None
        assert [p.code for p in printed_caps_agree(unread, sources, table)] == ["pdf_caps_unread"]


def test_the_workbooks_caps_are_the_plans():
    """The workbook's 'Per sumber dana' columns cap_idr and cap_per_kab (what the report prints as *Pagu/tahun*)
    are read back against the year x source table, to the rupiah (before: not read; a workbook with another cap
    printed it and agreed with itself)."""
    from kaltim_internet_plugin.report.consistency import _money_agrees

    _tables, years, sources = report(TABLE)
    assert _money_agrees(TABLE, years, sources) == []
    for source, key, value, want in (("apbd_prov", "cap_idr", 30_000_000_001, (30_000_000_000, False)),
                                     ("apbd_prov", "cap_idr", None, (30_000_000_000, False)),
                                     ("apbd_kab", "cap_per_kab", 0, (5_000_000_000, True)),
                                     ("bakti_uso", "cap_idr", 0, (None, False))):
        changed = [dict(r, **{key: value}) if r["source"] == source else r for r in sources]
        problems = _money_agrees(TABLE, years, changed)
        assert [(p.code, p.params["source"], p.params["table"]) for p in problems] == [
            ("xlsx_cap_differs", source, want)], [str(p) for p in problems]


# a table without caps, as pdftotext -layout printed it (exportplan's odd-costs test, 7 December): a header of single
# spaces, each printed column right of its header's place
NO_CAP_LAYOUT = """\
Sumber dana (juta Rp) Pagu/tahun Tahun tertinggi Capex desa Capex migrasi ﬁber Opex, termasuk ﬁber migrasi Total                                     Tahun
APBD_PROV                               –      13.548 (2029)            60.854                     0                               5.786 66.640 2026–2030
OPERATOR                                –       6.956 (2027)            30.161                     0                               2.888 33.049 2026–2030
Jumlah                                                                  91.015                     0                               8.674 99.689
"""  # noqa: E501  (as printed)


def test_a_cap_is_read_where_it_is_printed_not_under_its_header():
    """pdftotext's columns drift from line to line: a header of single spaces puts 'Pagu/tahun' over the payers'
    names, its '–' far right of it. The caps are read by what is printed (a reading under the header read nothing,
    and said each payer's cap missing); a year x source table without caps prints '–' and agrees."""
    from kaltim_internet_plugin.report.consistency import printed_caps, printed_caps_agree

    header = NO_CAP_LAYOUT.splitlines()[0]
    assert header.index("Pagu/tahun") < NO_CAP_LAYOUT.splitlines()[1].index("–") < header.index("Capex desa")
    assert printed_caps(NO_CAP_LAYOUT) == ["–", "–"]
    sources = [{"source": "apbd_prov", "label": "APBD_PROV"}, {"source": "operator", "label": "OPERATOR"}]
    table = [{"year": 2027, "source": s, "capex_idr": 1} for s in ("apbd_prov", "operator")]
    assert printed_caps_agree(NO_CAP_LAYOUT, sources, table) == []
    capped = [dict(r, cap_idr=2e9) for r in table]
    assert [(p.params["source"], p.params["printed"], p.params["plan"])
            for p in printed_caps_agree(NO_CAP_LAYOUT, sources, capped)] == [("apbd_prov", "–", 2_000.0),
                                                                           ("operator", "–", 2_000.0)]
    assert [p.params["printed"] for p in printed_caps_agree(NO_CAP_LAYOUT.replace("–      13.548", "2.000  13.548"),
                                                            sources, capped)] == ["–"]
