"""A printed table or summary is never cut off: the report's tables and the summaries of the report and the overview
are shrunk (down to layouts.MIN_TEXT_PT) until all their rows and lines fit their boxes; what still does not fit is
returned, so the export says it. (Found by an audit: a 7-year roadmap's year table lost its 2032 row and its total
row, and the summaries lost their last lines, in boxes of a fixed size.)"""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject

from kaltim_internet_plugin.report import layouts as lo

TECHS = "Serat optik 30, 4G FWA (router) 200, Radio link 22, Satelit 97"  # the audit's 7-year case, first years


def year_rows(years: int) -> list:
    rows = [[str(2026 + i), "228", "2.517.187", "21.574", "38.226", "14.079", "73.879",
             TECHS if i < 2 else "BTS 4G baru 16"] for i in range(years)]
    return rows + [["Jumlah", "236", "2.532.575", "21.574", "61.888", "79.480", "162.942", ""]]


def report_layout():
    project = QgsProject()
    return project, lo.load_template(project, lo.default_template_folder(), lo.REPORT_TEMPLATE, "r")


def table_height(layout, item_id: str) -> tuple:
    table = lo.find_item(layout, item_id)
    table.refresh()
    return table.totalSize().height(), layout.itemById(item_id).rect().height()


def test_a_long_year_table_is_shrunk_until_its_total_row_is_printed(qgis_app):
    headers = ["Tahun", "Desa/kel. mulai layanan", "Penduduk", "Capex desa (juta Rp)", "Capex migrasi fiber (juta Rp)",
               "Opex, termasuk fiber migrasi (juta Rp)", "Total (juta Rp)", "Teknologi"]
    right = [False] + [True] * 6 + [False]
    _p, layout = report_layout()
    table = lo.find_item(layout, "table_year")
    lo.fill_manual_table(table, headers, year_rows(7), right)
    lo.fit_columns(table, lo.room_of(layout, "table_year"))
    need, room = table_height(layout, "table_year")
    assert need > room  # as the template sets it, the 7-year table with its total row does not fit
    before = table.contentTextFormat().size()
    assert lo.fit_table_height(layout, table, "table_year")
    need, room = table_height(layout, "table_year")
    assert need <= room + 0.01 and lo.MIN_TEXT_PT <= table.contentTextFormat().size() < before
    # through configure_report, as the export does: nothing is left unfit
    _p, layout = report_layout()
    assert lo.configure_report(layout, {}, {"table_year": (headers, year_rows(7), right)}) == []
    need, room = table_height(layout, "table_year")
    assert need <= room + 0.01


def test_a_short_table_keeps_its_size(qgis_app):
    _p, layout = report_layout()
    table = lo.find_item(layout, "table_year")
    lo.fill_manual_table(table, ["Tahun", "Total"], [["2026", "1"], ["Jumlah", "1"]], [False, True])
    size = table.contentTextFormat().size()
    assert lo.fit_table_height(layout, table, "table_year") and table.contentTextFormat().size() == size


def test_a_long_summary_is_shrunk_to_fit_and_one_too_long_is_reported(qgis_app):
    project, layout = report_layout()
    label = layout.itemById("summary")
    room = label.rect().height()
    line = "Capex terjadwal: Rp 21,6 miliar + migrasi fiber Rp 61,9 miliar = Rp 83,5 miliar; opex dalam periode"
    label.setText("\n".join([line] * 10))
    assert lo.label_text_height(label) > room  # cut at the template's size
    size = lo._label_pt(label)
    assert lo.fit_label(layout, "summary")
    assert lo.label_text_height(label) <= room and lo._label_pt(label) < size
    label.setText("\n".join([line] * 60))  # cannot fit at any readable size: said, not hidden
    assert not lo.fit_label(layout, "summary") and lo._label_pt(label) == lo.MIN_TEXT_PT
    assert lo.configure_report(layout, {}, {}) == ["summary"]
    del project


def test_a_title_word_wider_than_its_box_is_shrunk_until_it_fits(qgis_app):
    """A long TITLE word (no space to wrap at) was cut at the box's edge: its height fitted, so nothing was shrunk
    and nothing said ("…PanjangPan", the word AKHIR lost; found 7 December). The width counts too now."""
    project, layout = report_layout()
    label = layout.itemById("title")
    label.setText("RencanaInternetDesaKalimantanTimur" + "Panjang" * 8 + " AKHIR")
    before = lo._label_pt(label)
    assert not lo._label_fits(label, label.rect().height())  # one line high, but wider than the box
    assert lo.fit_label(layout, "title") and lo._label_pt(label) < before
    label.setText("Rencana Internet Desa Kalimantan Timur")
    lo._set_label_pt(label, before)
    assert lo.fit_label(layout, "title") and lo._label_pt(label) == before  # a short title keeps its size


def test_the_tables_page_stacks_short_tables_under_each_other(qgis_app):
    """Review 7 December (cosmetic): the operators and kab/kota tables took a few rows of their boxes, leaving half
    of page 4 empty between them. Each item now follows the one above it; no table loses a row."""
    project, layout = report_layout()
    before = {i: layout.itemById(i).pagePos().y() for i in ("heading_kabkota", "heading_sharing")}
    rows = [["Telkomsel", "125"], ["XL", "22"], ["Jumlah", "147"]]
    assert lo.configure_report(layout, {}, {"table_operators": (["Operator", "Desa"], rows, [False, True]),
                                            "table_kabkota": (["Kab/kota", "Desa"], rows, [False, True])}) == []
    operators = layout.itemById("table_operators")
    table = lo.find_item(layout, "table_operators")
    assert operators.rect().height() >= table.totalSize().height()  # every row still in its frame
    heading = layout.itemById("heading_kabkota")
    bottom = operators.pagePos().y() + operators.rect().height()
    assert bottom <= heading.pagePos().y() <= bottom + 6
    assert heading.pagePos().y() < before["heading_kabkota"] - 40
    assert layout.itemById("heading_sharing").pagePos().y() < before["heading_sharing"] - 40
    del project


def test_an_older_template_with_an_attribute_training_table_is_still_filled_from_its_layer(qgis_app, tmp_path):
    """Officers' templates made before the training table became a manual one (village names, kab/kota, Jumlah)
    keep an attribute table: the export's printed form is not forced onto it; the layer fills it as before."""
    import shutil
    import subprocess

    from qgis.core import QgsFeature, QgsField, QgsLayoutItemAttributeTable, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    root = lo.default_template_folder()
    repo = Path(__file__).resolve().parents[2]
    old = subprocess.run(["git", "show", "e8cc6d9:resources/layouts/roadmap_report.qpt"], cwd=repo,
                         capture_output=True, text=True)
    if old.returncode:
        import pytest

        pytest.skip("no git history here")
    (tmp_path / lo.REPORT_TEMPLATE).write_text(old.stdout, encoding="utf-8")
    shutil.copy(f"{root}/north_arrow.svg", tmp_path)
    project = QgsProject()
    layout = lo.load_template(project, str(tmp_path), lo.REPORT_TEMPLATE, "r")
    layer = QgsVectorLayer("None", "training", "memory")
    layer.dataProvider().addAttributes([QgsField("year", QVariant.Int), QgsField("kec_code", QVariant.String),
                                        QgsField("trainees", QVariant.Int)])
    layer.updateFields()
    feature = QgsFeature(layer.fields())
    feature.setAttributes([2026, "64.72.03", 16])
    layer.dataProvider().addFeatures([feature])
    form = (["Tahun", "Kode kec.", "Peserta"], [["2026", "64.72.03", "16"]], [False, False, True])
    assert lo.configure_report(layout, {}, {"table_training": form}, training_layer=layer) == []
    table = lo.find_item(layout, "table_training")
    assert isinstance(table, QgsLayoutItemAttributeTable) and table.vectorLayer() is layer
    assert [c.heading() for c in table.columns()] == ["Tahun", "Kode kec.", "Peserta"]
    del project
