"""The consistency check's reading of the printed roadmap report (report.consistency) against what the report prints
(report.export_plan.report_tables): the total rows ('Jumlah') read back by the rule they are printed by
(tables.TOTAL_LABEL, tables.int_id -> tables.total_figures)."""
from __future__ import annotations

from kaltim_internet_plugin.report import tables as tb
from kaltim_internet_plugin.report.consistency import printed_money_agrees


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
