"""The report's notes and stacked tables sit under a table's rows, never on them (s40-a).

Found by exporting a roadmap whose funding table scheduled nothing (one source with a cap of Rp 1.000): the year
table's rows were all zeros and without technologies, and its note ('Tahun: Capex dicatat …') was printed over the
2028 row. ``layouts.rows_height`` bisected the frame's height, and below the height of the header and one row QGIS
lays out nothing and says the table fits: the bisection found 3.6 mm for rows of 17 mm."""
from __future__ import annotations

from qgis.core import QgsProject

from kaltim_internet_plugin.report import layouts as lo

HEADERS = ["Tahun", "Desa/kel. mulai layanan", "Penduduk", "Capex desa (juta Rp)", "Capex migrasi fiber (juta Rp)",
           "Opex, termasuk fiber migrasi (juta Rp)", "Total (juta Rp)", "Teknologi"]
RIGHT = [False] + [True] * 6 + [False]


def report_layout():
    project = QgsProject()
    return project, lo.load_template(project, lo.default_template_folder(), lo.REPORT_TEMPLATE, "r")


def lines_mm(table, lines: int) -> float:
    """A floor of the height of ``lines`` lines of the table's text: each at least its font size."""
    return lines * table.contentTextFormat().size() * 25.4 / 72


def shows_all_rows(table, frame, height: float) -> bool:
    full = frame.rect().height()
    lo._resize_height(frame, height)
    table.refresh()
    ok = table.totalSize().height() <= height + 0.01
    lo._resize_height(frame, full)
    table.refresh()
    return ok


def test_the_year_note_of_a_roadmap_that_schedules_nothing_is_under_its_rows(qgis_app):
    rows = [[str(y), "0", "0", "0", "0", "0", "0", ""] for y in (2028, 2029)] + [["Jumlah"] + ["0"] * 6 + [""]]
    _p, layout = report_layout()
    assert lo.configure_report(layout, {}, {"table_year": (HEADERS, rows, RIGHT)}) == []
    frame, note = layout.itemById("table_year"), layout.itemById("table_year_note")
    table = lo.find_item(layout, "table_year")
    room = note.pagePositionWithUnits().y() - frame.pagePositionWithUnits().y()
    assert room >= lines_mm(table, len(rows) + 1), room  # the header and three rows: not 3.6 mm
    assert shows_all_rows(table, frame, room)


def test_a_short_table_stacked_on_the_tables_page_keeps_its_rows(qgis_app):
    """stack_items shrinks a table's frame to rows_height: a frame below the header and one row prints nothing."""
    for rows in ([["Telkomsel", "3"], ["Jumlah", "3"]], [["Jumlah", "0"]]):
        _p, layout = report_layout()
        lo.configure_report(layout, {}, {"table_operators": (["Operator", "Desa"], rows, [False, True])})
        table, frame = lo.find_item(layout, "table_operators"), layout.itemById("table_operators")
        height = frame.rect().height()
        assert height >= lines_mm(table, len(rows) + 1), (rows, height)
        assert shows_all_rows(table, frame, height)


def test_a_report_without_training_or_sharing_table_prints_their_message_on_the_page(qgis_app):
    """An export given no training or sharing table (exportplan with only the villages) left both tables without
    columns: 0 mm wide, their messages centred on them ran off the page's left edge ('m ada rencana pelatihan',
    'da kandidat berbagi menara')."""
    _p, layout = report_layout()
    lo.configure_report(layout, {}, {}, training_layer=None, sharing_layer=None)
    for item_id in ("table_training", "table_sharing"):
        table, frame = lo.find_item(layout, item_id), layout.itemById(item_id)
        table.refresh()
        room = lo.room_of(layout, item_id)
        assert room / 2 <= table.totalWidth() <= room + 0.5, (item_id, table.totalWidth(), room)
        height = frame.rect().height()
        assert height >= lines_mm(table, 1) and shows_all_rows(table, frame, height), (item_id, height)


def test_a_planned_towers_villages_in_the_sharing_table_can_wrap(qgis_app):
    """A planned tower of the sharing list names the villages it serves joined by ';' (s40-a): printed without a
    space, a long list could not wrap and ran out of its column. The printed cell has a space after each ';'."""
    from qgis.core import QgsFeature, QgsVectorLayer

    layer = QgsVectorLayer("None?field=site_id:string&field=code:string&field=tower_id:string&field=distance_m:double",
                           "tower_sharing", "memory")
    f = QgsFeature(layer.fields())
    f.setAttributes(["O0012", ";".join(f"64.07.05.20{i:02d}" for i in range(1, 8)), "SYN-0168", 120.0])
    layer.dataProvider().addFeature(f)
    _p, layout = report_layout()
    lo.configure_report(layout, {}, {}, training_layer=None, sharing_layer=layer)
    table = lo.find_item(layout, "table_sharing")
    table.refreshAttributes()
    cell = next(str(v) for v in table.contents()[0] if "64.07.05.2001" in str(v))
    assert cell.startswith("64.07.05.2001; 64.07.05.2002; ") and ";6" not in cell, cell
