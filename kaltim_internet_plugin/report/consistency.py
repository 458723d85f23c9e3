"""The plan's consistency check over the exported files, as a planner reading the printed report next to the
spreadsheet would: plan.gpkg (villages, planned sites, year × source table), roadmap.xlsx and the PDFs must show
the same figures, and the chain's money must add up (:func:`core.plan_summary.check_plan`).

Used at the end of ``make demo`` and by the tests.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import List, Optional, Tuple

from ..core import plan_summary as ps
from ..io.gpkg_tables import tables_of
from . import tables as tb


def _rows(gpkg: str, layer: str) -> List[dict]:
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(f"{gpkg}|layername={layer}", layer, "ogr")
    return tb.layer_rows(lyr) if lyr.isValid() else []


def _xlsx_sheet(path: str, name: str) -> List[dict]:
    from osgeo import ogr

    ds = ogr.Open(path)
    if ds is None:
        return []
    layer = ds.GetLayerByName(name)
    if layer is None:
        return []
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    return [{n: f.GetField(n) for n in names} for f in layer]


def pdf_text(path: str, layout: bool = True) -> Optional[str]:
    """The text of a PDF (pdftotext, from poppler-utils), or None when the tool is missing. ``layout``: as printed
    (columns side by side); False: in reading order (a wrapped label's lines together, the other columns apart)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    out = subprocess.run([exe] + (["-layout"] if layout else []) + [path, "-"], capture_output=True, text=True,
                         check=False)
    return out.stdout if out.returncode == 0 else ""


def check_outputs(out_dir: str, chosen_capex_idr: Optional[float] = None,
                  kab_field: str = "kode_kab") -> Tuple[ps.PlanSummary, List[ps.CheckProblem]]:
    """(summary, problems) of an exported plan folder. An empty problem list means every file agrees."""
    gpkg = os.path.join(out_dir, "plan.gpkg")
    rows = _rows(gpkg, "villages")
    table = _rows(gpkg, "roadmap_year_source")
    # an export given no planned sites has no such table: the sites cannot be compared (not "every site unselected")
    sites = _rows(gpkg, "planned_sites") if "planned_sites" in tables_of(gpkg) else None
    summary = tb.summary_of(rows, kab_field, table or None)
    problems = ps.check_plan(summary, rows, sites, chosen_capex_idr, table or None)

    xlsx = os.path.join(out_dir, "roadmap.xlsx")
    per_year = per_source = None
    if os.path.exists(xlsx):
        expected = {r[0]: r[1] for r in tb.overview(summary).rows}
        for row in _xlsx_sheet(xlsx, "Ringkasan"):
            key, value = row.get("figure"), row.get("value")
            if key in expected and tb.whole(value) != expected[key]:
                problems.append(ps.CheckProblem("xlsx_differs", {"figure": key, "xlsx": value,
                                                                 "summary": expected[key]}))
        per_year, per_source = _xlsx_sheet(xlsx, "Per tahun"), _xlsx_sheet(xlsx, "Per sumber dana")
        capex = sum(tb.whole(r.get("capex_idr")) for r in per_year)
        if capex != summary.total.capex_scheduled_idr:
            problems.append(ps.CheckProblem("xlsx_capex_differs", {"xlsx": capex,
                                                                   "summary": summary.total.capex_scheduled_idr}))
        if table:
            problems += _money_agrees(table, per_year, per_source)
    else:
        problems.append(ps.CheckProblem("missing_file", {"file": xlsx}))

    texts = {}
    for pdf in ("roadmap_report.pdf", "overview.pdf"):
        path = os.path.join(out_dir, pdf)
        text = texts[pdf] = pdf_text(path) if os.path.exists(path) else ""
        if text is None:
            continue  # pdftotext not installed: the PDFs cannot be read here
        flat = " ".join(text.split())
        problems += printed_money_figure_agrees(flat, "Capex terjadwal", summary.total.capex_scheduled_idr, pdf)
        for needle in (f"Terjadwal: {tb.int_id(summary.total.scheduled)}",
                       f"Direncanakan: {tb.int_id(summary.total.planned)} desa/kelurahan"):
            if " ".join(needle.split()) not in flat:
                problems.append(ps.CheckProblem("pdf_differs", {"file": pdf, "expected": needle}))
    if texts["roadmap_report.pdf"] and per_year is not None:  # (read once above: the text and the sheets)
        problems += printed_money_agrees(texts["roadmap_report.pdf"], per_year, per_source)
        if table and per_source:
            problems += printed_peak_years_agree(texts["roadmap_report.pdf"], per_source, table)
            problems += printed_caps_agree(texts["roadmap_report.pdf"], per_source, table)
    atlas = os.path.join(out_dir, "atlas_kabkota.pdf")
    text = pdf_text(atlas) if os.path.exists(atlas) else None
    if text:  # each kab/kota page: its planned villages = scheduled + unfunded + over capacity, as the workbook
        flat = " ".join(text.split())
        # a line of the page's label that wraps has, as printed, the next column's text between its parts: the
        # reading order keeps it whole (a false "pdf_differs" on Kota Bontang with villages over capacity)
        flat += " \n " + " ".join((pdf_text(atlas, layout=False) or "").split())
        for key, t in summary.per_kab.items():
            needle = (f"Terjadwal: {t.scheduled} · belum terdanai: {t.unfunded}"
                      + (f" + {t.service_unfunded} layanan desa tersambung" if t.service_unfunded else "")
                      + (f" · melebihi kapasitas: {t.over_capacity}" if t.over_capacity else ""))
            if t.villages and not re.search(re.escape(needle) + r"(?![\d.])", flat):
                problems.append(ps.CheckProblem("pdf_differs", {"file": "atlas_kabkota.pdf", "kab": key,
                                                                "expected": needle}))
        problems += printed_atlas_money_agrees(text, pdf_text(atlas, layout=False) or "", summary)
    return summary, problems


#: an atlas page's subtitle after its kab/kota's name (scripts/make_templates.py): the page's kab/kota
_ATLAS_SUBTITLE = " — status sinyal"


def printed_atlas_money_agrees(layout: str, reading: str, summary: ps.PlanSummary) -> List[ps.CheckProblem]:
    """Each atlas page's money in words read back as numbers (:func:`printed_money_figure_agrees`) against its
    kab/kota's in the plan (``summary.per_kab``): 'Capex terjadwal' and, when the kab/kota has migrations, their
    capex ('12 desa/kel., capex Rp 10,5 miliar'). ``layout`` / ``reading``: the atlas PDF's text as printed and in
    reading order (pdftotext, pages apart by form feeds); the reading order keeps a wrapped line's 'miliar' with
    its figure. A page is its kab/kota's by the name before its subtitle's :data:`_ATLAS_SUBTITLE`."""
    names = sorted(summary.kab_names.items(), key=lambda kv: -len(kv[1]))
    layout_pages, reading_pages = layout.split("\f"), reading.split("\f")
    problems = []
    for i, page in enumerate(layout_pages):
        read = reading_pages[i] if i < len(reading_pages) else ""
        flat = " ".join((read or page).split())
        key = next((k for k, name in names if f"{name}{_ATLAS_SUBTITLE}" in " ".join(page.split()) + " " + flat),
                   None)
        if key is None or key not in summary.per_kab:
            continue  # no kab/kota page (the end of the text); a kab/kota without its page is said above
        t = summary.per_kab[key]
        problems += printed_money_figure_agrees(flat, "Capex terjadwal", t.capex_scheduled_idr, "atlas_kabkota.pdf",
                                                kab=key)
        if t.migrations:
            problems += printed_money_figure_agrees(flat, "desa/kel., capex", t.migration_capex_idr,
                                                    "atlas_kabkota.pdf", sep="", kab=key)
    return problems


def printed_money_figure_agrees(flat: str, label: str, exact: float, file: str, sep: str = ":",
                                **where) -> List[ps.CheckProblem]:
    """The money figure printed after ``label`` ('Capex terjadwal: Rp 21,6 miliar', in ``flat``: a page's text on
    one line) read back as a number (:func:`tables.printed_money`) and compared with the ``exact`` rupiah: less
    than half its last printed digit from it (any rounding of the same money agrees, other money does not). None
    printed: ``pdf_differs``; other money: ``pdf_money_differs`` (``file``, the figure, the text printed, the
    rupiah; ``where``: e.g. the atlas page's kab/kota). ``sep``: what follows the label ('Capex terjadwal:')."""
    m = re.search(re.escape(label + sep) + r"\s*(" + tb.PRINTED_MONEY + ")", flat)
    if m is None:
        return [ps.CheckProblem("pdf_differs", {"file": file, **where, "expected": f"{label}{sep} Rp …"})]
    value, step = tb.printed_money(m.group(1))
    if abs(value - tb.num(exact)) > step / 2 * (1 + 1e-9):
        return [ps.CheckProblem("pdf_money_differs", {"file": file, **where, "figure": label,
                                                      "printed": m.group(1), "exact": exact})]
    return []


def _money_agrees(table: List[dict], per_year: List[dict], per_source: List[dict]) -> List[ps.CheckProblem]:
    """The spreadsheet's money per year and per payer is plan.gpkg's year × source table's, to the rupiah: every
    payer's ``total_idr`` (migration included), the years it pays and its busiest year with what it pays then
    (``peak_year``, ``peak_year_idr``) and its yearly cap (``cap_idr``, ``cap_per_kab``: what the report prints as
    *Pagu/tahun*), every year's CAPEX, OPEX and total."""
    problems = []
    want_source: dict = {}
    want_year: dict = {}
    paid: dict = {}  # source -> {year: what it pays}, as tables.by_source reads its busiest year
    for r in table:
        y, source = tb.year_of(r.get("year")), str(r.get("source") or "")
        total = tb.whole(r.get("total_idr"))
        s = want_source.setdefault(source, [0, set()])
        s[0] += total
        if total:
            s[1].add(y)
        pays = paid.setdefault(source, {})
        pays[y] = pays.get(y, 0) + sum(tb.whole(r.get(key)) for key in tb.SOURCE_MONEY)
        yr = want_year.setdefault(y, [0] * (1 + len(tb.SOURCE_MONEY)))
        yr[0] += tb.whole(r.get("total_idr"))
        for i, key in enumerate(tb.SOURCE_MONEY, start=1):  # each money column as the table means it
            yr[i] += tb.whole(r.get(key))
    caps = _plan_caps(table)
    for row in per_source:
        source = str(row.get("source") or "")
        total, years = want_source.get(source, [0, set()])
        got = (tb.whole(row.get("total_idr")), tb.year_of(row.get("first_year")), tb.year_of(row.get("last_year")))
        want = (total, min(years) if years else None, max(years) if years else None)
        if got != want:
            problems.append(ps.CheckProblem("xlsx_source_differs", {"source": source, "xlsx": got, "table": want}))
        # its busiest year and what it pays then (the columns the report's *Tahun tertinggi* prints)
        peak = tb.peak_year(paid.get(source, {}))
        got_peak = (tb.year_of(row.get("peak_year")),
                    None if row.get("peak_year_idr") is None else tb.whole(row.get("peak_year_idr")))
        want_peak = (peak, None if peak is None else paid[source][peak])
        if got_peak != want_peak:
            problems.append(ps.CheckProblem("xlsx_peak_year_differs", {"source": source, "xlsx": got_peak,
                                                                       "table": want_peak}))
        got_cap = (None if row.get("cap_idr") is None else tb.whole(row.get("cap_idr")),
                   bool(tb.whole(row.get("cap_per_kab"))) if row.get("cap_per_kab") is not None else False)
        if got_cap != caps.get(source, (None, False)):
            problems.append(ps.CheckProblem("xlsx_cap_differs", {"source": source, "xlsx": got_cap,
                                                                 "table": caps.get(source, (None, False))}))
    for row in per_year:
        y = tb.year_of(row.get("year"))
        got = [tb.whole(row.get("total_idr"))] + [tb.whole(row.get(key)) for key in tb.SOURCE_MONEY]
        want = want_year.get(y, [0] * (1 + len(tb.SOURCE_MONEY)))
        if got != want:
            problems.append(ps.CheckProblem("xlsx_year_differs", {"year": y, "xlsx": got, "table": want}))
    return problems


_N = r"-?[\d.]+"


def _source_rows(lines: List[str]) -> List[int]:
    """The indexes of the per-source table's payer rows in the report's lines (pdftotext -layout): the line of a
    row's figures, its four money figures then the years it pays ('2026–2030', '2026' when one, '–' when it pays
    nothing)."""
    return [i for i, line in enumerate(lines) if re.search(r"(?:\s+" + _N + r"){4}\s+(?:\d{4}(?:–\d{4})?|–)\s*$", line)]


def printed_money_agrees(text: str, per_year: List[dict], per_source: List[dict],
                         unit: float = 1e6) -> List[ps.CheckProblem]:
    """The roadmap report's per-year and per-source tables as printed (``text``: pdftotext -layout) against the
    spreadsheet's exact money: every printed figure — CAPEX, migration CAPEX, OPEX and a row's *Total*, and the
    *Jumlah* row — less than 1 unit (juta) from its exact value, and a row's parts adding up to its printed total
    (a row's total printed as the sum of rounded parts was Rp 1.3 juta off, found 7 December)."""
    problems = []

    def money(r: dict) -> List[float]:
        return [tb.num(r.get("capex_idr")), tb.num(r.get("migration_capex_idr")),
                tb.num(r.get("opex_idr")) + tb.num(r.get("migration_opex_idr")), tb.num(r.get("total_idr"))]

    def compare(table: str, row, printed: List[int], exact: List[float]) -> None:
        for column, p, e in zip(("capex", "migration_capex", "opex", "total"), printed, exact):
            if abs(p - e / unit) >= 1 - 1e-9:
                problems.append(ps.CheckProblem("pdf_total_differs", {
                    "file": "roadmap_report.pdf", "table": table, "row": row, "column": column, "printed": p,
                    "exact": round(e / unit, 3)}))
        if sum(printed[:3]) != printed[3]:
            problems.append(ps.CheckProblem("pdf_row_does_not_add_up", {
                "file": "roadmap_report.pdf", "table": table, "row": row, "printed": printed}))

    by_year = {tb.year_of(r.get("year")): money(r) for r in per_year}
    seen = set()
    grand = [sum(m[j] for m in by_year.values()) for j in range(4)]
    for line in text.splitlines():
        m = re.match(r"^\s*(\d{4})(?:–(\d{4}))?((?:\s+" + _N + r"){6})(?:\s|$)", line)
        if m and int(m.group(1)) in by_year and m.group(0) not in seen:
            seen.add(m.group(0))
            first, last = int(m.group(1)), int(m.group(2) or m.group(1))
            exact = [sum(v[j] for y, v in by_year.items() if y is not None and first <= y <= last) for j in range(4)]
            compare("per_tahun", m.group(1) + (f"–{last}" if m.group(2) else ""),
                    [tb.units_of(t) for t in m.group(3).split()[2:6]], exact)
    lines = text.splitlines()
    totals = [t for t in map(tb.total_figures, lines) if t is not None]  # the Jumlah rows, as the report prints them
    if by_year:
        year_total = next((t for t in totals if len(t) == 6), None)
        if year_total is None:
            problems.append(ps.CheckProblem("pdf_total_missing", {"file": "roadmap_report.pdf", "table": "per_tahun"}))
        else:
            compare("per_tahun", tb.TOTAL_LABEL, year_total[2:6], grand)
    if per_source:
        rows = [lines[i] for i in _source_rows(lines)]
        if len(rows) != len(per_source):
            problems.append(ps.CheckProblem("pdf_total_missing", {"file": "roadmap_report.pdf",
                                                                  "table": "per_sumber_dana", "rows": len(rows),
                                                                  "xlsx_rows": len(per_source)}))
        for line, r in zip(rows, per_source):
            tokens = line.split()
            compare("per_sumber_dana", str(r.get("source") or ""), [tb.units_of(t) for t in tokens[-5:-1]],
                    money(r))
        source_total = next((t for t in totals if len(t) == 4), None)
        if source_total is not None:
            compare("per_sumber_dana", tb.TOTAL_LABEL, source_total,
                    [sum(money(r)[j] for r in per_source) for j in range(4)])
    return problems


#: the per-source table's header of the column left of *Tahun tertinggi* (export_plan.report_tables): what is
#: printed left of it is the payers' names (a name may hold a year in brackets too)
_CAP_HEADER = "Pagu/tahun"
#: a printed peak year and its amount before it: '29.872 (2026)', '31.184 (2026, semua kab/kota)'
_PEAK_YEAR = re.compile(r"(?:(" + tb.PRINTED_INT + r")\s+)?\((\d{4})(?=[,)])")


def printed_peak_years_agree(text: str, per_source: List[dict], table: List[dict],
                             unit: float = 1e6) -> List[ps.CheckProblem]:
    """The roadmap report's per-source column *Tahun tertinggi* as printed (``text``: pdftotext -layout) against the
    plan's own money (``table``: plan.gpkg's year × source table): each payer prints the year it pays most
    (:func:`tables.peak_year`: its CAPEX, migration CAPEX, OPEX and migration OPEX of the year; the earliest of
    years that pay the same), and a payer that pays nothing prints none ('–'). The payers' rows are
    ``per_source``'s (the workbook's sheet, in the printed order); a printed year belongs to the row whose line of
    figures is nearest (a cell that wraps is centred on its row: '31.184 (2026, semua' is printed above its row's
    figures, 'kab/kota)' below). A payer whose printed year is not the plan's: ``pdf_peak_year_differs`` (its
    source and name, the year printed — None when none is — and the plan's). The amount printed before the year
    is what the payer pays that year, in whole ``unit``s (juta), less than 1 unit from the plan's own money (the
    rule it is printed by, :func:`tables.figure_beside`); one that is not (or none printed):
    ``pdf_peak_amount_differs`` (the year, the amount printed and the plan's in units)."""
    paid: dict = {}
    for r in table:
        per_year = paid.setdefault(str(r.get("source") or ""), {})
        y = tb.year_of(r.get("year"))
        per_year[y] = per_year.get(y, 0) + sum(tb.whole(r.get(key)) for key in tb.SOURCE_MONEY)
    lines = text.splitlines()
    rows = _source_rows(lines)
    if not rows or len(rows) != len(per_source):
        return [ps.CheckProblem("pdf_peak_years_unread", {"file": "roadmap_report.pdf", "table": "per_sumber_dana",
                                                          "rows": len(rows), "xlsx_rows": len(per_source)})]
    header = next((i for i in range(rows[0], -1, -1) if _CAP_HEADER in lines[i]), None)
    start, left = (header + 1, lines[header].index(_CAP_HEADER)) if header is not None else (rows[0] - 3, 1)
    end = next((i for i in range(rows[-1] + 1, len(lines)) if tb.total_figures(lines[i]) is not None),
               rows[-1] + 3)
    printed: List[List[int]] = [[] for _ in rows]
    amounts: List[List[Optional[int]]] = [[] for _ in rows]
    for i in range(max(start, 0), min(end, len(lines))):
        for m in _PEAK_YEAR.finditer(lines[i]):
            if m.start(2) - 1 < left:
                continue  # a payer's name
            # the nearest row; halfway between two, the lower one (a year is in the top half of its cell)
            k = min(range(len(rows)), key=lambda j: (abs(rows[j] - i), rows[j] < i))
            printed[k].append(int(m.group(2)))
            amounts[k].append(tb.units_of(m.group(1)) if m.group(1) else None)
    problems = []
    for r, years, amount in zip(per_source, printed, amounts):
        source = str(r.get("source") or "")
        want = tb.peak_year(paid.get(source, {}))
        payer = {"file": "roadmap_report.pdf", "table": "per_sumber_dana", "source": source,
                 "payer": str(r.get("label") or source)}
        if years != ([] if want is None else [want]):
            problems.append(ps.CheckProblem("pdf_peak_year_differs", {
                **payer, "printed": years[0] if len(years) == 1 else (years or None), "plan": want}))
        elif want is not None and (amount[0] is None or abs(amount[0] - paid[source][want] / unit) >= 1 - 1e-9):
            # the amount beside the year: what the payer pays that year, less than 1 unit (juta) from it
            problems.append(ps.CheckProblem("pdf_peak_amount_differs", {
                **payer, "year": want, "printed": amount[0], "plan": round(paid[source][want] / unit, 3)}))
    return problems


#: a printed cap (:data:`tables.PER_KAB`, :data:`tables.NO_FIGURE`): '30.000', '5.000 per kab/kota', '–'
_CAP = re.compile(r"(?:(" + tb.PRINTED_INT + r")|" + re.escape(tb.NO_FIGURE) + r")(" + re.escape(tb.PER_KAB)
                  + r")?")
#: a payer's line of figures read from the left: its cap then its *Tahun tertinggi* on one line, each optional
#: ('30.000   29.872 (2026)', '5.000 per kab/kota', '0   –', '13.548 (2029)'); a lone '–' is the cap
_CAP_THEN_PEAK = re.compile(r"(?P<cap>" + _CAP.pattern + r")?\s*(?P<peak>" + re.escape(tb.NO_FIGURE) + "|"
                            + tb.PRINTED_INT + r" \(\d{4}(?:, semua kab/kota)?\))?")
#: a *Tahun tertinggi* at the end of a line of figures whose cap is no cap as printed (what is left is said)
_TRAILING_PEAK = re.compile(r"\s*(?:" + re.escape(tb.NO_FIGURE) + "|" + tb.PRINTED_INT
                            + r" \(\d{4}(?:, semua kab/kota)?\))$")
#: a payer's figures at the end of its line: the four money figures and the years it pays (:func:`_source_rows`)
_ROW_FIGURES = re.compile(r"(?:\s+" + _N + r"){4}\s+(?:\d{4}(?:–\d{4})?|–)\s*$")


def printed_caps(text: str) -> Optional[List[str]]:
    """The per-source table's column *Pagu/tahun* as printed (``text``: pdftotext -layout): each payer row's cell
    (in the printed order, the rows of :func:`_source_rows`), its parts joined by one space ('5.000 per kab/kota',
    '30.000', '–'; '' when nothing is printed); None when the table (its header *Pagu/tahun*, its rows) is not
    found. Read by what is printed, not where: pdftotext's columns drift from line to line (a header of single
    spaces, a '–' far right of its column's figures). On a row's line of figures, right of the payer's name (what
    starts at the table's left edge) and left of its four money figures, the cap is first and its *Tahun
    tertinggi* next (:data:`_CAP_THEN_PEAK`; a lone '–' is the cap, unless the cap's parts wrap). A cell that wraps
    is centred on its row like *Tahun tertinggi*'s: on the lines nearest the row (not its own line), left of its
    money figures, the parts that are no name and no part of *Tahun tertinggi* (brackets, 'semua') are the cap's
    (above the first row, only parts with a figure: the header's wrapped words are not)."""
    lines = text.splitlines()
    rows = _source_rows(lines)
    header = next((i for i in range(rows[0], -1, -1) if _CAP_HEADER in lines[i]), None) if rows else None
    if header is None:
        return None
    end = next((i for i in range(rows[-1] + 1, len(lines)) if tb.total_figures(lines[i]) is not None),
               rows[-1] + 3)
    span = range(header + 1, min(end + 1, len(lines)))
    edge = min((len(lines[i]) - len(lines[i].lstrip()) for i in span if lines[i].strip()), default=0)
    figures = {i: len(lines[i]) - len(_ROW_FIGURES.search(lines[i]).group(0).lstrip()) for i in rows}

    def parts(line: str, right: int) -> List[str]:
        """The line's cells (text apart by 2 spaces or more) left of column ``right`` (where a row's money figures
        start), but a name, which starts at the table's edge."""
        return [m.group(0) for m in re.finditer(r"\S+(?: \S+)*", line) if edge + 1 < m.start() < right]

    cells: List[List[Tuple[int, str]]] = [[] for _ in rows]  # (line, part) of each row's cap
    peaks = [False] * len(rows)  # a lone '–' on the row's line was read as its cap
    for k, i in enumerate(rows):
        rest = " ".join(parts(lines[i], figures[i]))
        m = _CAP_THEN_PEAK.fullmatch(rest)
        if m is None:  # no cap as printed: what is there, but the figure of *Tahun tertinggi* after it
            cells[k].append((i, _TRAILING_PEAK.sub("", rest)))
        elif m.group("cap"):
            cells[k].append((i, m.group("cap")))
            peaks[k] = m.group("cap") == tb.NO_FIGURE and not m.group("peak")
    for i in span:
        if i not in rows and i != end:
            k = min(range(len(rows)), key=lambda j: (abs(rows[j] - i), rows[j] < i))  # as printed_peak_years_agree
            # no part of *Tahun tertinggi*; above the first row, no wrapped header (words without a figure)
            wrapped = [(i, p) for p in parts(lines[i], figures[rows[k]]) if not re.search(r"[()]|semua", p)
                       and (i > rows[0] or re.search(r"\d|" + re.escape(tb.NO_FIGURE), p))]
            if wrapped and peaks[k]:  # the lone '–' is the row's *Tahun tertinggi*, its cap the wrapped parts
                cells[k], peaks[k] = [], False
            cells[k] += wrapped
    return [" ".join(p for _, p in sorted(c, key=lambda x: x[0]) if p) for c in cells]


def _plan_caps(table: List[dict]) -> dict:
    """{source: (its yearly cap in rupiah — None when the table holds none —, whether it is each kab/kota's)} of
    plan.gpkg's year × source table (the caps the roadmap ran with), its latest year's as :func:`tables.by_source`
    takes them."""
    caps: dict = {}
    for r in sorted(table, key=lambda x: tb.year_of(x.get("year")) or 0):
        cap, per_kab = caps.get(str(r.get("source") or ""), (None, False))
        if r.get("cap_idr") is not None:
            cap = tb.whole(r.get("cap_idr"))
        if r.get("cap_per_kab") is not None:
            per_kab = bool(tb.whole(r.get("cap_per_kab")))
        caps[str(r.get("source") or "")] = (cap, per_kab)
    return caps


def printed_caps_agree(text: str, per_source: List[dict], table: List[dict],
                       unit: float = 1e6) -> List[ps.CheckProblem]:
    """The roadmap report's per-source column *Pagu/tahun* as printed (``text``: pdftotext -layout, read by
    :func:`printed_caps`) against the plan's own caps (``table``: plan.gpkg's year × source table, the caps the
    roadmap ran with: ``cap_idr`` and ``cap_per_kab``, its latest year's as :func:`tables.by_source` takes them).
    Each payer (``per_source``: the workbook's sheet, in the printed order) prints its yearly cap in whole ``unit``s
    (juta) less than 1 unit from the plan's (the rule it is printed by, :func:`tables.figure_beside`), followed by
    :data:`tables.PER_KAB` exactly when the cap is each kab/kota's, and :data:`tables.NO_FIGURE` when the table
    holds none. A cap printed otherwise (another figure or unit, another payer's, '–' or nothing where the plan has
    a cap, one where it has none): ``pdf_cap_differs`` (its source and name, the cell as printed — None when
    nothing is — the plan's cap in units — None when none — and whether it is each kab/kota's). The table or its
    rows not read: ``pdf_caps_unread``."""
    caps = _plan_caps(table)
    cells = printed_caps(text)
    if not cells or len(cells) != len(per_source):
        return [ps.CheckProblem("pdf_caps_unread", {"file": "roadmap_report.pdf", "table": "per_sumber_dana",
                                                    "rows": len(cells or []), "xlsx_rows": len(per_source)})]
    problems = []
    for r, cell in zip(per_source, cells):
        source = str(r.get("source") or "")
        cap, per_kab = caps.get(source, (None, False))
        m = _CAP.fullmatch(cell)
        if m is None:
            agrees = False
        elif cap is None:
            agrees = m.group(1) is None
        else:
            agrees = (m.group(1) is not None and abs(tb.units_of(m.group(1)) - cap / unit) < 1 - 1e-9
                      and bool(m.group(2)) == per_kab)
        if not agrees:
            problems.append(ps.CheckProblem("pdf_cap_differs", {
                "file": "roadmap_report.pdf", "table": "per_sumber_dana", "source": source,
                "payer": str(r.get("label") or source), "printed": cell or None,
                "plan": None if cap is None else round(cap / unit, 3), "per_kab": per_kab}))
    return problems
