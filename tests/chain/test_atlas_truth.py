"""The printed atlas and the operator packages tell the truth (chain audit, findings 4, 5, 7 and 10), on the demo's
plan: read as a planner reads the printed pages next to plan.gpkg and roadmap.xlsx. The atlas tables are read from
the layout of plan.qgz, page by page, as the PDF prints them; the texts from the PDFs (pdftotext)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


def rows(gpkg, layer):
    from kaltim_internet_plugin.report.consistency import _rows

    return _rows(str(gpkg), layer)


def pdf_text(path, page=None) -> str:
    import unicodedata

    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    # NFKC: the PDF's ligatures ("ﬁ" of "fiber") read as their letters
    return unicodedata.normalize("NFKC", subprocess.run(args, capture_output=True, text=True, check=True).stdout)


@pytest.fixture(scope="module")
def villages(demo_out):
    return rows(demo_out / "plan.gpkg", "villages")


@pytest.fixture(scope="module")
def atlas_pages(demo_out, qgis_app):
    """Per atlas page: its kab/kota key and name, and the cells of its two tables, as plan.qgz's layout prints
    them (the layout the PDF was made from)."""
    from qgis.core import QgsProject

    from kaltim_internet_plugin.report.layouts import find_item

    project = QgsProject()
    assert project.read(str(demo_out / "plan.qgz"))
    layout = next(lo for lo in project.layoutManager().layouts() if lo.atlas().enabled())
    atlas = layout.atlas()
    assert atlas.beginRender()
    pages = []
    try:
        for i in range(atlas.count()):
            assert atlas.seekTo(i)
            page = {"kab": atlas.layout().reportContext().feature()["kab"], "name": atlas.nameForPage(i)}
            for item_id in ("table_villages", "table_sites"):
                table = find_item(layout, item_id)
                table.refreshAttributes()
                page[item_id] = {"headings": [c.heading() for c in table.columns()],
                                 "rows": [[str(v) for v in r] for r in table.contents()],
                                 "limit": table.maximumNumberOfFeatures()}
            pages.append(page)
    finally:
        atlas.endRender()
    project.clear()
    assert len(pages) == 10
    return pages


def test_atlas_tables_list_the_planned_villages_of_their_page(atlas_pages, villages):
    from kaltim_internet_plugin.core.plan_summary import is_planned

    planned = defaultdict(list)
    for v in villages:
        if is_planned(v):
            planned[v["kode_kab"]].append(v)
    listed = 0
    for page in atlas_pages:
        table = page["table_villages"]
        assert table["headings"][0] == "No."
        # the documented order: the kab/kota's planned villages by priority rank, as many as the table holds
        expected = [str(v["priority_rank"]) for v in sorted(planned[page["kab"]], key=lambda v: v["priority_rank"])]
        assert [r[0] for r in table["rows"]] == expected[:table["limit"]], page["name"]
        listed += len(table["rows"])
    assert listed > 20  # the pages list planned villages (Paser: ranks 294, 682, 695, 748, 769)
    programme = {str(v["priority_rank"]) for v in villages if v["existing"] == "programme"}
    assert not programme & {r[0] for p in atlas_pages for r in p["table_villages"]["rows"]}


def test_atlas_and_overview_legends_show_only_the_planned_technologies(demo_out, villages):
    from kaltim_internet_plugin.core.plan_summary import is_planned
    from kaltim_internet_plugin.io.styles_export import TECH_LABELS_ID

    planned = {v["tech"] for v in villages if is_planned(v)}
    continuing = {v["tech"] for v in villages if v["existing"] == "programme"}
    assert continuing - planned >= {"village_package", "fibre_service"}  # the demo's continuing services
    overview = pdf_text(demo_out / "overview.pdf")
    atlas = pdf_text(demo_out / "atlas_kabkota.pdf")
    for tech, label in TECH_LABELS_ID.items():
        assert (label in overview) == (tech in planned), label
        if tech not in planned:
            assert label not in atlas, label


def test_atlas_pages_print_the_scheduled_capex_in_words(demo_out, atlas_pages, villages):
    from kaltim_internet_plugin.core import formatting as fmt
    from kaltim_internet_plugin.core.plan_summary import is_planned, is_scheduled
    from kaltim_internet_plugin.report import tables as tb

    capex = defaultdict(int)
    for v in villages:
        if is_planned(v) and is_scheduled(v):
            capex[v["kode_kab"]] += int(round(v["capex_idr"]))
    small = 0
    for number, page in enumerate(atlas_pages, start=1):
        text = " ".join(pdf_text(demo_out / "atlas_kabkota.pdf", number).split())
        assert page["name"] in text
        # the report's one format for money in words: one decimal at most (Paser printed 'Rp 2,61 miliar' beside
        # its migrations' 'Rp 10,5 miliar')
        assert f"Capex terjadwal: {tb.money_one_decimal(capex[page['kab']])}" in text, page["name"]
        assert not re.search(r"Rp [\d.]+,\d\d\b", text), page["name"]
        small += 0 < capex[page["kab"]] < 100_000_000
    assert small >= 5  # the kab/kota of tens of millions once printed "Rp 0,0 miliar"
    whole = " ".join(pdf_text(demo_out / "atlas_kabkota.pdf").split())
    assert "Capex terjadwal: Rp 88,5 juta" in whole and "Capex terjadwal: Rp 2,6 miliar" in whole
    # a village row: an FWA router of Rp 1.500.000 reads 1,5 (juta), not 2
    by_rank = {str(v["priority_rank"]): v for v in villages}
    cells = [(by_rank[r[0]]["capex_idr"], r[-1]) for p in atlas_pages for r in p["table_villages"]["rows"]]
    assert (1_500_000, "1,5") in cells and (2_600_000_000, "2.600") in cells
    assert all(fmt.decimal(c / 1e6, "id", 0 if c % 1_000_000 == 0 else 1) == cell for c, cell in cells)


def test_atlas_sites_table_names_the_villages_the_site_serves(atlas_pages, villages):
    served = defaultdict(list)
    for v in villages:
        if v["new_site"]:
            served[v["new_site"]].append(v["kode"])
    sites = [dict(zip(p["table_sites"]["headings"], r)) for p in atlas_pages for r in p["table_sites"]["rows"]]
    assert sites, "the demo plans new sites"
    names = {v["kode"]: v["nama"] for v in villages}
    for s in sites:
        # the site's cost and people belong to the villages the plan charges, not to the candidate's host village;
        # by name, as the page's village table names them (was: codes only)
        assert s["Desa dilayani"] == ", ".join(names[k] for k in sorted(served[s["Lokasi"]])), s
    paser = next(s for s in sites if s["Lokasi"] == "O0060")
    assert (paser["Desa dilayani"], paser["Penduduk"]) == (names["64.01.07.1001"], "12.007")  # host: 64.01.07.2005
    # no empty column (the optimiser's sites have no operator yet: the column printed nothing)
    for page in atlas_pages:
        table = page["table_sites"]
        for i, heading in enumerate(table["headings"]):
            assert not table["rows"] or any(r[i] not in ("", "NULL") for r in table["rows"]), (page["name"], heading)


def test_atlas_sites_table_lists_the_scheduled_sites_first_then_the_largest(atlas_pages, villages):
    """When a page cannot list all its planned sites, it leaves out the unfunded and the small ones (was: the
    layer's order)."""
    first = defaultdict(lambda: 9999)
    for v in villages:
        if v["new_site"] and v["fund_status"] == "scheduled" and v["year"] is not None:
            first[v["new_site"]] = min(first[v["new_site"]], int(v["year"]))
    checked = 0
    for page in atlas_pages:
        sites = [dict(zip(page["table_sites"]["headings"], r)) for r in page["table_sites"]["rows"]]
        keys = [(first[s["Lokasi"]], -int(s["Penduduk"].replace(".", ""))) for s in sites]
        assert keys == sorted(keys), (page["name"], keys)
        checked += len(sites) > 1
    assert checked >= 1  # a page with more than one site, so the order is tested


def test_operator_packages_are_the_planned_work_in_all_three_outputs(demo_out, villages):
    import openpyxl

    from kaltim_internet_plugin.core.plan_summary import is_planned, is_scheduled
    from kaltim_internet_plugin.report.tables import UNASSIGNED_OPERATOR

    cols = ("operator", "villages", "villages_scheduled", "population", "capex_idr", "opex_idr_year")
    gpkg = [tuple(r[c] for c in cols) for r in rows(demo_out / "plan.gpkg", "operator_packages")]
    sheet = list(openpyxl.load_workbook(demo_out / "roadmap.xlsx", read_only=True)["Per operator"].iter_rows(
        values_only=True))
    xlsx = [tuple(dict(zip(sheet[0], r))[c] for c in cols) for r in sheet[1:]]
    assert gpkg == xlsx
    planned = [v for v in villages if is_planned(v)]
    scheduled = [v for v in planned if is_scheduled(v)]
    assert sum(r[1] for r in gpkg) == len(planned)  # not the 1,038 villages: no continuing service is work
    assert sum(r[2] for r in gpkg) == len(scheduled)
    assert sum(r[4] for r in gpkg) == sum(int(round(v["capex_idr"])) for v in scheduled)
    assert sum(r[5] for r in gpkg) == sum(int(round(v["opex_idr_year"])) for v in scheduled)
    assert sum(r[3] for r in gpkg) == sum(int(v["population"] or 0) for v in planned)
    # the package without operator has one name everywhere, the one the printed report uses
    assert gpkg[-1][0] == UNASSIGNED_OPERATOR and all(r[0] for r in gpkg)
    report = pdf_text(demo_out / "roadmap_report.pdf")
    table = report[report.index("Paket pekerjaan per operator"):]
    for op, n, n_sched, *_ in gpkg:
        # the operator's row: its name followed by its villages and scheduled villages; where the name's cell wraps
        # (QGIS 3.40's fonts print "(belum" / "ditetapkan)" around the row's numbers) the line before names it
        words, lines = op.split(), [line.split() for line in table.splitlines()]
        assert any(toks[:len(words) + 2] == words + [str(n), str(n_sched)]
                   or (toks[:2] == [str(n), str(n_sched)] and i and lines[i - 1][:1] == words[:1])
                   for i, toks in enumerate(lines)), (op, table[:1500])
    summary = json.loads((demo_out / "summary.json").read_text())
    assert summary["consistency_problems"] == []


def kab_csv(demo_out) -> dict:
    import csv

    with open(demo_out / "roadmap_per_kab_kota.csv", encoding="utf-8") as fh:
        return {r["kab"]: r for r in csv.DictReader(fh)}


def summary_csv(demo_out) -> dict:
    import csv

    with open(demo_out / "roadmap_ringkasan.csv", encoding="utf-8") as fh:
        return {r[0]: r[1] for r in csv.reader(fh)}


def test_atlas_pages_print_the_villages_the_programme_connects(demo_out, atlas_pages, villages):
    """A regent reading Berau's 77 blank spots and a plan of 10 routers learns that the programme already connects
    100 of its villages: the page's box says how many, as the workbook does, and the map hatches them."""
    kab = kab_csv(demo_out)
    connected = defaultdict(int)
    for v in villages:
        connected[v["kode_kab"]] += v["existing"] == "programme" or v["fund_status"] == "continuing"
    for number, page in enumerate(atlas_pages, start=1):
        text = " ".join(pdf_text(demo_out / "atlas_kabkota.pdf", number).split())
        n = int(kab[page["kab"]]["connected_today"])
        assert n == connected[page["kab"]], page["name"]
        assert f"Sudah tersambung (program): {n} desa/kel." in text, page["name"]
        assert "Sudah tersambung (program)" in text.split(f"{n} desa/kel.", 1)[1], page["name"]  # the legend entry
    assert sum(connected.values()) == int(summary_csv(demo_out)["connected_today"]) > 0
    assert int(kab["64.03"]["connected_today"]) == 100  # Berau
    overview = " ".join(pdf_text(demo_out / "overview.pdf").split())
    assert overview.count("Sudah tersambung (program)") >= 2  # the summary and the legend


def test_atlas_pages_print_the_migrations_of_their_kabkota(demo_out, atlas_pages, villages):
    """Kutai Kartanegara printed 'Capex terjadwal: Rp 66 juta' and nothing of its 20 satellite -> fibre migrations
    (Rp 15,74 miliar): each page prints its migrations and their CAPEX, as the workbook's kab/kota sheet has them to
    the rupiah, and the pages add up to the province's (in the report's one format: one decimal at most, Berau's
    'Rp 7,58 miliar' beside 'Rp 15,7 miliar' before)."""
    from kaltim_internet_plugin.core import formatting as fmt
    from kaltim_internet_plugin.report import tables as tb

    kab = kab_csv(demo_out)
    exact = defaultdict(lambda: [0, 0])
    for v in villages:
        if v["migration_year"] not in (None, ""):
            exact[v["kode_kab"]][0] += 1
            exact[v["kode_kab"]][1] += int(round(v["fibre_capex_idr"] or 0))
    for number, page in enumerate(atlas_pages, start=1):
        text = " ".join(pdf_text(demo_out / "atlas_kabkota.pdf", number).split())
        n, capex = int(kab[page["kab"]]["migrations"]), int(kab[page["kab"]]["migration_capex_idr"])
        assert [n, capex] == exact[page["kab"]], page["name"]
        assert f"Migrasi satelit ke fiber: {n} desa/kel." in text, page["name"]
        if n:  # the box wraps before the unit ("Rp 11,7" / "miliar"), which pdftotext puts after the next column
            amount, unit = tb.money_one_decimal(capex).rsplit(" ", 1)
            assert f"desa/kel., capex {amount}" in text and unit in text.split(amount, 1)[1], (page["name"], amount)
    total = summary_csv(demo_out)
    assert sum(int(r["migrations"]) for r in kab.values()) == int(total["migrations"]) > 0
    assert sum(int(r["migration_capex_idr"]) for r in kab.values()) == int(total["migration_capex_idr"])
    # Kutai Kartanegara: 20 migrations, Rp 15.742.908.837 in the workbook, printed as the box rounds money
    assert exact["64.02"] == [20, 15_742_908_837]
    kukar = " ".join(pdf_text(demo_out / "atlas_kabkota.pdf", 2).split())
    assert "Migrasi satelit ke fiber: 20 desa/kel., capex Rp 15,7" in kukar
    assert fmt.money(15_742_908_837, "id") == tb.money_one_decimal(15_742_908_837) == "Rp 15,7 miliar"
    berau = " ".join(pdf_text(demo_out / "atlas_kabkota.pdf", 3).split())
    assert "Kabupaten Berau" in berau and "capex Rp 7,6" in berau and "Rp 7,58" not in berau


def test_printed_sources_say_what_is_not_real_data_and_its_date(demo_out):
    """The footer named the estimated population and 'menara dan DEM SINTETIS' only: the programme table behind
    '802 tersambung' is ILLUSTRATIVE, the land cover and the fibre points SYNTHETIC, and the figures have dates."""
    for pdf in ("overview.pdf", "atlas_kabkota.pdf"):
        text = " ".join(pdf_text(demo_out / pdf, 1).split())
        for words in ("penduduk desa PERKIRAAN", "menara SINTETIS", "DEM SINTETIS", "tutupan lahan SINTETIS",
                      "titik fiber SINTETIS", "ILUSTRATIF (jumlah per Januari 2026)", "300.2.2-2138/2025"):
            assert words in text, (pdf, words)
        assert "menara dan DEM SINTETIS" not in text


def test_atlas_page_notes_say_how_many_rows_of_how_many(demo_out, atlas_pages):
    """The village table says '10 dari N' as the sites table says '5 dari 7'; the sites' note names plan.gpkg's real
    layer (planned_sites) and the table has a heading."""
    import sqlite3

    con = sqlite3.connect(demo_out / "plan.gpkg")
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        planned = dict(con.execute("SELECT kab, planned FROM kabkota"))
        sites = dict(con.execute("SELECT kab, planned_sites FROM kabkota"))
    finally:
        con.close()
    assert "planned_sites" in tables
    longer = 0
    for number, page in enumerate(atlas_pages, start=1):
        text = " ".join(pdf_text(demo_out / "atlas_kabkota.pdf", number).split())
        limit, n = page["table_villages"]["limit"], planned[page["kab"]]
        assert (f"{limit} dari {n} desa rencana ditampilkan" if n > limit else f"Semua {n} desa rencana") in text
        longer += n > limit
        assert f"Lokasi baru rencana di {page['name']}" in text
        if sites[page["kab"]] > page["table_sites"]["limit"]:
            assert "layer planned_sites (di plan.qgz: Lokasi baru rencana)" in text, page["name"]
        assert "layer menara rencana" not in text
    assert longer >= 1


def test_overview_names_every_kabkota_and_the_kukar_page_its_enclave(demo_out, atlas_pages):
    """The atlas pages' neighbour rule (a name only where it fits on the neighbour's part outside the page's
    kab/kota) had reached the overview, which lost Penajam Paser Utara, Balikpapan, Samarinda and Bontang; and
    Samarinda, an enclave inside Kutai Kartanegara, had no name on that kab/kota's page."""
    import sqlite3

    con = sqlite3.connect(demo_out / "plan.gpkg")
    try:
        names = [r[0] for r in con.execute("SELECT nama FROM kabkota ORDER BY kab")]
    finally:
        con.close()
    assert len(names) == 10
    overview = " ".join(pdf_text(demo_out / "overview.pdf").split())
    for name in names:
        assert name in overview, name
    merged = " ".join(pdf_text(demo_out / "deployment_plan.pdf", 1).split())  # page 1: the overview
    assert all(name in merged for name in names)
    kukar = next(i for i, p in enumerate(atlas_pages, start=1) if p["name"] == "Kabupaten Kutai Kartanegara")
    assert "Kota Samarinda" in " ".join(pdf_text(demo_out / "atlas_kabkota.pdf", kukar).split())


def test_the_check_reads_each_atlas_pages_money_as_a_number(demo_out):
    """Each atlas page's 'Capex terjadwal' and its migrations' capex, read back as numbers against the plan's own
    money of the page's kab/kota (before: the atlas's money was not read at all)."""
    from kaltim_internet_plugin.report import tables as tb
    from kaltim_internet_plugin.report.consistency import pdf_text as read
    from kaltim_internet_plugin.report.consistency import printed_atlas_money_agrees

    gpkg = demo_out / "plan.gpkg"
    summary = tb.summary_of(rows(gpkg, "villages"), "kode_kab", rows(gpkg, "roadmap_year_source"))
    path = str(demo_out / "atlas_kabkota.pdf")
    layout, reading = read(path), read(path, layout=False)
    assert printed_atlas_money_agrees(layout, reading, summary) == []
    paser = next(k for k, n in summary.kab_names.items() if n == "Kabupaten Paser")
    assert summary.per_kab[paser].migrations and summary.per_kab[paser].capex_scheduled_idr == 2_606_000_000
    for good, bad, figure in (("Capex terjadwal: Rp 2,6 miliar", "Capex terjadwal: Rp 2,7 miliar",
                               "Capex terjadwal"),
                              ("Capex terjadwal: Rp 2,6 miliar", "Capex terjadwal: Rp 2,61 miliar", None),
                              ("Rp 10,5", "Rp 11,5", "desa/kel., capex")):
        assert good in layout and good in reading, good
        problems = printed_atlas_money_agrees(layout.replace(good, bad), reading.replace(good, bad), summary)
        assert [(p.code, p.params["kab"], p.params["figure"]) for p in problems] == (
            [("pdf_money_differs", paser, figure)] if figure else []), (bad, [str(p) for p in problems])


def test_every_printed_footer_holds_its_whole_text(demo_out, qgis_app):
    """The footer names the data's sources and which are SYNTHETIC or ESTIMATED: on every page of the roadmap
    report its third line ('tutupan lahan SINTETIS; titik fiber SINTETIS', added with the land cover and the fibre
    points) fell below its box and was cut off the page (found 8 December, 8.3 mm of text in a 7 mm box). Every
    footer of every layout of plan.qgz, on every atlas page, holds its whole text."""
    from qgis.core import QgsLayoutItemLabel, QgsProject

    from kaltim_internet_plugin.report.layouts import label_text_height

    project = QgsProject()
    assert project.read(str(demo_out / "plan.qgz"))
    cut, seen = [], 0
    try:
        for layout in project.layoutManager().printLayouts():
            atlas = layout.atlas()
            pages = [None]
            if atlas.enabled():
                assert atlas.beginRender()
                pages = list(range(atlas.count()))
            for page in pages:
                if page is not None:
                    assert atlas.seekTo(page)
                for item in layout.items():
                    if isinstance(item, QgsLayoutItemLabel) and item.id().startswith("footer"):
                        seen += 1
                        assert "SINTETIS" in item.currentText()
                        if label_text_height(item) > item.rect().height():
                            cut.append((layout.name(), page, item.id(), round(label_text_height(item), 1)))
            if atlas.enabled():
                atlas.endRender()
    finally:
        project.clear()
    assert seen >= 3 + 10 and not cut, cut
