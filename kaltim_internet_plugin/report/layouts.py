"""Print layouts of the deployment plan: the kab/kota atlas, the province overview and the roadmap report
(and the charts, tables and PDF export they share with the M&E report).

The layouts are built from the .qpt templates in ``resources/layouts`` (officers edit them in the layout
designer). After loading, the plugin finds its items by id and fills in layers, extents and tables:

* atlas_kabkota.qpt (A4 landscape): ``title``, ``subtitle``, ``map`` (atlas-driven), ``locator``, ``legend``,
  ``scalebar``, ``north_arrow``, ``summary``, ``table_villages``, ``table_note``, ``table_sites``, ``footer``,
  ``kop_logo``, ``kop_1``, ``kop_2`` (the letterhead; ``kop_logo`` is an empty picture slot for the office logo),
  ``scale_text`` (numeric scale "Skala 1 : 250.000" and the map CRS).
* overview_province.qpt (A3 landscape): ``title``, ``subtitle``, ``map``, ``legend``, ``scalebar``,
  ``north_arrow``, ``summary``, ``footer``.
* roadmap_report.qpt (A4 portrait, pages added as the training table needs): ``title``, ``summary``,
  ``chart_year``, ``table_year``, ``chart_source``, ``table_source``, ``footer``; the year map page ``map_year``,
  ``legend_year``, ``north_arrow_year``, ``scalebar_year``, ``scale_text_year`` (removed when no village is
  scheduled); the budget curve page ``heading_curve``, ``chart_curve``, ``table_curve`` (removed without a curve);
  ``table_operators``, ``table_kabkota``, ``table_sharing`` (+ ``sharing_note``), ``table_training``.
* monitoring_report.qpt (the M&E report of slareport, filled by report/monitoring_report.py).

Only ``map`` is required (atlas and overview); any other item an officer deletes is simply skipped.
Labels use the project variables ``@kaltim_title``, ``@kaltim_date``, ``@kaltim_sources``, ``@kaltim_summary``
and the atlas coverage fields ``nama``, ``kab``, ``villages``, ``covered``, ``partial``, ``blank_spot``,
``planned``, ``scheduled``, ``unfunded``, ``population_blank_spot``, ``capex_scheduled_idr``.

The committed .qpt files are made by ``scripts/make_templates.py`` (``make templates``); nothing here builds
them at run time.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Iterable, List, Sequence

from qgis.core import (
    Qgis,
    QgsExpression,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItem,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPathResolver,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsRenderContext,
    QgsTableCell,
)
from qgis.PyQt.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from qgis.PyQt.QtXml import QDomDocument

from ..core import formatting as fmt
from ..io.styles_export import STATUS_LABELS_ID, TECH_LABELS_ID
from ..labels import TABLES, label
from ..paths import resource

ATLAS_TEMPLATE = "atlas_kabkota.qpt"
OVERVIEW_TEMPLATE = "overview_province.qpt"
REPORT_TEMPLATE = "roadmap_report.qpt"
TEMPLATES = (ATLAS_TEMPLATE, OVERVIEW_TEMPLATE, REPORT_TEMPLATE)  # exportplan's
MONITORING_TEMPLATE = "monitoring_report.qpt"  # slareport's M&E report (report/monitoring_report.py)
FONT_FAMILY = "Arial"
REPORT_MAX_ROWS = 100000


class TemplateMissingError(FileNotFoundError):
    def __init__(self, name: str, folder: str):
        super().__init__(name)
        self.name = name
        self.folder = folder


class TemplateBrokenError(ValueError):
    def __init__(self, name: str, folder: str, detail: str):
        super().__init__(detail)
        self.name = name
        self.folder = folder
        self.detail = detail


def default_template_folder() -> str:
    return str(resource("layouts"))


def north_arrow_svg() -> str:
    return str(resource("layouts", "north_arrow.svg"))


def find_item(layout, item_id: str):
    """Layout item by id; for tables the multiframe whose frame has that id."""
    item = layout.itemById(item_id)
    if isinstance(item, QgsLayoutFrame):
        return item.multiFrame()
    if item is not None:
        return item
    for mf in layout.multiFrames():
        for frame in mf.frames():
            if frame.id() == item_id:
                return mf
    return None


def template_context(folder: str) -> QgsReadWriteContext:
    """Paths in the templates (the north arrow SVG) are relative to the template folder."""
    context = QgsReadWriteContext()
    context.setPathResolver(QgsPathResolver(os.path.join(os.path.abspath(folder), "template.qgs")))
    return context


# ---- loading ------------------------------------------------------------------------------------------------------
def check_templates(folder: str, names: Sequence[str] = TEMPLATES) -> None:
    for name in names:
        if not os.path.isfile(os.path.join(folder, name)):
            raise TemplateMissingError(name, folder)


def load_template(project, folder: str, name: str, layout_name: str) -> QgsPrintLayout:
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        raise TemplateMissingError(name, folder)
    doc = QDomDocument()
    with open(path, encoding="utf-8") as fh:
        ok = doc.setContent(fh.read())
    if isinstance(ok, tuple):
        ok = ok[0]
    if not ok:
        raise TemplateBrokenError(name, folder, "not valid XML")
    layout = QgsPrintLayout(project)
    items, ok = layout.loadFromTemplate(doc, template_context(folder))
    if not ok:
        raise TemplateBrokenError(name, folder, "QGIS could not read the layout")
    layout.setName(layout_name)
    return layout



def require_map(layout, name: str, folder: str) -> QgsLayoutItemMap:
    m = layout.itemById("map")
    if not isinstance(m, QgsLayoutItemMap):
        raise TemplateBrokenError(name, folder, "no map item with the id 'map'")
    return m


# ---- configuring --------------------------------------------------------------------------------------------------
def _fix_north_arrow(layout, linked_map, item_id: str = "north_arrow") -> None:
    pic = layout.itemById(item_id)
    if isinstance(pic, QgsLayoutItemPicture):
        path = pic.picturePath()
        if not path or not os.path.isfile(path):
            pic.setPicturePath(north_arrow_svg())
        pic.setLinkedMap(linked_map)


def _set_legend(layout, linked_map, layers: Iterable, item_id: str = "legend", hide_titles: Iterable = ()) -> None:
    """Fill the legend ``item_id`` with ``layers`` (filtered to what the map shows); the layers in ``hide_titles``
    show their entries without the layer's name above them."""
    legend = layout.itemById(item_id)
    if not isinstance(legend, QgsLayoutItemLegend):
        return
    legend.setLinkedMap(linked_map)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    hidden = {layer.id() for layer in hide_titles}
    for layer in layers:
        node = root.addLayer(layer)
        if layer.id() in hidden:
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
    legend.setLegendFilterByMapEnabled(True)
    legend.refresh()


def _link_scalebar(layout, linked_map, item_id: str = "scalebar") -> None:
    bar = layout.itemById(item_id)
    if isinstance(bar, QgsLayoutItemScaleBar):
        bar.setLinkedMap(linked_map)


def _column(heading: str, expression: str, width: float = 0.0,
            align=Qt.AlignmentFlag.AlignLeft) -> QgsLayoutTableColumn:
    col = QgsLayoutTableColumn(heading)
    col.setAttribute(expression)
    col.setWidth(width)
    col.setHAlignment(align)
    return col


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _map_expr(mapping: dict, field: str) -> str:
    pairs = ", ".join("'{k}', '{v}'".format(k=k.replace("'", "''"), v=v.replace("'", "''"))
                      for k, v in mapping.items())
    return f"coalesce(map_get(map({pairs}), {_quote(field)}), {_quote(field)})"


def _map_list_expr(mapping: dict, field: str, sep: str = "/") -> str:
    """Like :func:`_map_expr` for values joined by ``sep`` ("office/hilltop" -> "Kantor desa/Puncak bukit")."""
    pairs = ", ".join("'{k}', '{v}'".format(k=k.replace("'", "''"), v=v.replace("'", "''"))
                      for k, v in mapping.items())
    return (f"array_to_string(array_foreach(string_to_array(coalesce({_quote(field)}, ''), '{sep}'), "
            f"coalesce(map_get(map({pairs}), @element), @element)), '{sep}')")


def village_columns(layer) -> list:
    names = {f.name() for f in layer.fields()}
    cols = []
    if "priority_rank" in names:
        cols.append(_column("No.", '"priority_rank"', 7, Qt.AlignmentFlag.AlignRight))
    cols.append(_column("Desa", '"nama"' if "nama" in names else '"kode"', 22))
    if "nama_kec" in names:
        cols.append(_column("Kecamatan", '"nama_kec"', 18))
    if "status" in names:
        cols.append(_column("Status", _map_expr(STATUS_LABELS_ID, "status"), 14))
    if "tech" in names:
        cols.append(_column("Teknologi", _map_expr(TECH_LABELS_ID, "tech"), 18))
    if "year" in names:
        cols.append(_column("Tahun", "coalesce(to_string(\"year\"), '–')", 8, Qt.AlignmentFlag.AlignRight))
    if "capex_idr" in names:
        cols.append(_column("Capex (jt Rp)", "format_number(\"capex_idr\" / 1e6, 0, 'id')", 12,
                            Qt.AlignmentFlag.AlignRight))
    return cols


def site_columns(layer) -> list:
    names = [f.name() for f in layer.fields()]
    cols = []
    for field, heading in (("site_id", "Lokasi"), ("cand_id", "Lokasi"), ("kind", "Jenis"), ("tech", "Teknologi"),
                           ("operator", "Operator"), ("code", "Kode desa"), ("kode", "Kode desa"),
                           ("village_code", "Kode desa"), ("year", "Tahun"), ("pop_served", "Penduduk"),
                           ("capex_idr", "Capex (juta Rp)"), ("cost_idr", "Biaya (juta Rp)")):
        if field in names and not any(c.heading() == heading for c in cols):
            expr = _quote(field)
            if field == "tech":
                expr = _map_expr(TECH_LABELS_ID, "tech")
            elif field == "kind":
                expr = _map_list_expr({code: label("site_kind", code, "id") for code in TABLES["site_kind"]}, "kind")
            elif field == "year":
                expr = "coalesce(to_string(\"year\"), '–')"
            elif field in ("capex_idr", "cost_idr"):
                expr = f"format_number({_quote(field)} / 1e6, 0, 'id')"
            elif field == "pop_served":
                expr = "format_number(\"pop_served\", 0, 'id')"
            cols.append(_column(heading, expr))
    if not cols and names:
        cols = [_column(n, _quote(n)) for n in names[:5]]
    return cols


def _sort_by(table, field: str) -> None:
    col = QgsLayoutTableColumn()
    col.setAttribute(_quote(field))
    col.setSortOrder(Qt.SortOrder.AscendingOrder)
    table.setSortColumns([col])


def configure_atlas(layout, coverage, map_layers: list, legend_layers: list, locator_layers: list,
                    villages_layer, kab_field: str, planned_expression: str, sites_layer=None,
                    province_extent=None, name: str = ATLAS_TEMPLATE, folder: str = "") -> None:
    m = require_map(layout, name, folder)
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"kab"')
    atlas.setPageNameExpression('"nama"')
    m.setLayers(map_layers)
    m.setKeepLayerSet(True)
    m.setAtlasDriven(True)
    if m.atlasScalingMode() == QgsLayoutItemMap.AtlasScalingMode.Fixed:
        m.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
    loc = layout.itemById("locator")
    if isinstance(loc, QgsLayoutItemMap):
        loc.setLayers(locator_layers)
        loc.setKeepLayerSet(True)
        loc.setAtlasDriven(False)
        if province_extent is not None:
            loc.zoomToExtent(province_extent)
        for ov in loc.overviews().asList():
            ov.setLinkedMap(m)
    _fix_north_arrow(layout, m)
    _link_scalebar(layout, m)
    _set_legend(layout, m, legend_layers)
    table = find_item(layout, "table_villages")
    if isinstance(table, QgsLayoutItemAttributeTable) and villages_layer is not None:
        table.setVectorLayer(villages_layer)
        table.setSource(QgsLayoutItemAttributeTable.ContentSource.LayerAttributes)
        table.setFilterToAtlasFeature(False)
        table.setFilterFeatures(True)
        table.setFeatureFilter(f"{atlas_page_filter(kab_field)} AND ({planned_expression})")
        table.setColumns(village_columns(villages_layer))
        if villages_layer.fields().lookupField("priority_rank") >= 0:
            _sort_by(table, "priority_rank")
    sites = find_item(layout, "table_sites")
    if isinstance(sites, QgsLayoutItemAttributeTable):
        if sites_layer is not None:
            sites.setVectorLayer(sites_layer)
            sites.setSource(QgsLayoutItemAttributeTable.ContentSource.LayerAttributes)
            sites.setFilterToAtlasFeature(True)  # planned sites (points) inside the current kab/kota
            sites.setColumns(site_columns(sites_layer))
        else:
            for frame in sites.frames():
                frame.setVisibility(False)
    _sites_note(layout, sites, sites_layer)


def _sites_note(layout, sites, sites_layer) -> None:
    """Under the atlas page's planned-sites table: how many of the kab/kota's planned sites it shows, and where the
    rest is, when it cannot show them all (evaluated per atlas page)."""
    note = layout.itemById("sites_note")
    if not isinstance(note, QgsLayoutItemLabel):
        return
    if sites_layer is None or not isinstance(sites, QgsLayoutItemAttributeTable):
        note.setText("")
        return
    shown = sites.maximumNumberOfFeatures()
    count = "attribute(@atlas_feature, 'planned_sites')"  # plan_package.count_points_inside, per kab/kota
    note.setText(f"[% CASE WHEN {count} > {shown} THEN '{shown} dari ' || to_string({count}) || ' menara rencana "
                 "ditampilkan; daftar lengkap: plan.gpkg, layer menara rencana.' ELSE '' END %]")


def atlas_page_filter(kab_field: str) -> str:
    """The villages of the atlas page's kab/kota (the table's filter)."""
    return f"{_quote(kab_field)} = attribute(@atlas_feature, 'kab')"


def atlas_numbers(layout, villages_layer, kab_field: str, planned_expression: str, coverage) -> list:
    """``priority_rank`` of the villages the atlas pages' tables list (``table_villages``: per kab/kota, the planned
    villages of lowest rank, as many as the table's maximum), the numbers to print on the atlas map."""
    table = find_item(layout, "table_villages")
    if (not isinstance(table, QgsLayoutItemAttributeTable) or villages_layer is None
            or villages_layer.fields().lookupField("priority_rank") < 0):
        return []
    limit = table.maximumNumberOfFeatures()
    ranks = []
    for page in coverage.getFeatures():
        expr = f"{_quote(kab_field)} = {QgsExpression.quotedValue(page['kab'])} AND ({planned_expression})"
        request = QgsFeatureRequest(QgsExpression(expr))
        request.addOrderBy('"priority_rank"', True)
        request.setLimit(limit)
        ranks += [f["priority_rank"] for f in villages_layer.getFeatures(request)]
    return [r for r in ranks if isinstance(r, int) or (isinstance(r, float) and r == r)]


def configure_overview(layout, map_layers: list, legend_layers: list, extent, name: str = OVERVIEW_TEMPLATE,
                       folder: str = "") -> None:
    m = require_map(layout, name, folder)
    m.setLayers(map_layers)
    m.setKeepLayerSet(True)
    m.setAtlasDriven(False)
    if extent is not None:
        m.zoomToExtent(extent)
    _fix_north_arrow(layout, m)
    _link_scalebar(layout, m)
    _set_legend(layout, m, legend_layers)


def fill_manual_table(table, columns: Sequence[str], rows: Sequence[Sequence], right: Sequence[bool] = ()) -> None:
    if not isinstance(table, QgsLayoutItemManualTable):
        return
    headers = []
    for i, c in enumerate(columns):
        col = QgsLayoutTableColumn(c)
        col.setHAlignment(Qt.AlignmentFlag.AlignRight if i < len(right) and right[i] else Qt.AlignmentFlag.AlignLeft)
        headers.append(col)
    table.setHeaders(headers)
    table.setIncludeTableHeader(True)
    contents = []
    for r in rows:
        line = []
        for i, v in enumerate(r):
            cell = QgsTableCell("" if v is None else str(v))
            if i < len(right) and right[i]:
                cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
            line.append(cell)
        contents.append(line)
    if not contents:
        contents = [[QgsTableCell("Tidak ada data")] + [QgsTableCell("") for _ in columns[1:]]]
    table.setTableContents(contents)
    cols = []
    for h in headers:
        col = QgsLayoutTableColumn(h.heading())
        col.setHAlignment(h.hAlignment())
        cols.append(col)
    table.setColumns(cols)
    table.refresh()


def remove_page_of(layout, item_id: str) -> bool:
    """Delete the page that holds the item ``item_id`` together with every item on it (an optional page of the
    report without content); the pages below move up. False when there is no such item."""
    found = layout.itemById(item_id)
    pages = layout.pageCollection()
    if found is None or pages.pageCount() <= 1:
        return False
    number = found.page()
    for item in list(layout.items()):
        if not isinstance(item, QgsLayoutItem) or isinstance(item, QgsLayoutItemPage) or item.page() != number:
            continue
        if isinstance(item, QgsLayoutFrame):
            multi = item.multiFrame()
            multi.removeFrame(multi.frames().index(item))
            if not multi.frames():
                layout.removeMultiFrame(multi)
            continue
        layout.removeLayoutItem(item)
    pages.deletePage(number)
    return True


def configure_year_map(layout, map_layers: list, legend_layers: list, extent, hide_titles: Iterable = ()) -> bool:
    """The report's year map page (``map_year``, ``legend_year``, ``north_arrow_year``, ``scalebar_year``)."""
    m = layout.itemById("map_year")
    if not isinstance(m, QgsLayoutItemMap):
        return False
    m.setLayers(map_layers)
    m.setKeepLayerSet(True)
    if extent is not None:
        m.zoomToExtent(extent)
    _fix_north_arrow(layout, m, "north_arrow_year")
    _link_scalebar(layout, m, "scalebar_year")
    _set_legend(layout, m, legend_layers, "legend_year", hide_titles)
    return True


def room_of(layout, frame_id: str, right_margin=None) -> float:
    """The width a table frame may take: from its left edge to the page's right margin, as wide as the left one
    (or ``right_margin`` mm; QGIS sizes a table's frame to its content, so the template's frame width says
    nothing)."""
    frame = layout.itemById(frame_id)
    if frame is None:
        return 0.0
    page = layout.pageCollection().page(frame.page())
    x = frame.pagePos().x()
    right = x if right_margin is None else right_margin
    return max(0.0, layout.convertToLayoutUnits(page.pageSize()).width() - x - right)


def _set_widths(table, widths: Sequence[float]) -> None:
    """Column widths in mm (0: automatic); a manual table keeps them apart from its columns."""
    if isinstance(table, QgsLayoutItemManualTable):
        table.setColumnWidths(list(widths))
    else:
        cols = list(table.columns())
        for col, w in zip(cols, widths):
            col.setWidth(w)
        table.setColumns(cols)
    table.refresh()


def fit_columns(table, frame_w: float, slack: float = 1.0, floor: float = 8.0) -> None:
    """Make a table no wider than ``frame_w`` mm (its frame in the template): the widest columns wrap, narrowed
    to a common width until the table fits (QGIS measures each column's natural width; the rest stay automatic)."""
    n = len(table.columns())
    if frame_w <= 0 or not table.frames() or not n:
        return
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    _set_widths(table, [0.0] * n)
    full = table.totalWidth()
    excess = full - frame_w + slack
    if excess <= 0:
        return
    natural = []
    for i in range(n):  # a column's natural width: shrink it to 1 mm and see what the table loses
        _set_widths(table, [1.0 if k == i else 0.0 for k in range(n)])
        natural.append(full - table.totalWidth() + 1.0)
    order = sorted(range(n), key=lambda i: natural[i], reverse=True)
    level = floor
    for k in range(n):  # lower the widest k+1 columns to the next one's width, or just enough
        group = order[:k + 1]
        lower = natural[order[k + 1]] if k + 1 < n else floor
        lower = max(lower, floor)
        room = sum(natural[i] for i in group) - lower * len(group)
        if room >= excess:
            level = (sum(natural[i] for i in group) - excess) / len(group)
            break
        level = lower
    _set_widths(table, [level if natural[i] > level else 0.0 for i in range(n)])


def _sharing_note(layout, table, total: int) -> None:
    """The tower sharing table holds a page's worth of rows: say how many of how many, and where the rest are."""
    note = layout.itemById("sharing_note")
    if note is None:
        return
    shown = table.maximumNumberOfFeatures()
    note.setVisibility(total > shown)
    if total > shown:
        note.setText(f"{fmt.integer(shown, 'id')} dari {fmt.integer(total, 'id')} kandidat ditampilkan; daftar "
                     "lengkap: roadmap.xlsx, lembar 'Berbagi menara'.")


def configure_report(layout, charts: dict, tables: dict, training_layer=None, sharing_layer=None,
                     name: str = REPORT_TEMPLATE, folder: str = "", year_map=None, curve: bool = False) -> None:
    """``charts``: item id -> image path; ``tables``: item id -> (headers, rows, right-aligned flags);
    ``year_map``: (map layers, legend layers, extent, layers shown without their name in the legend) for the year
    map page, None to leave that page out; ``curve``: False leaves the budget curve page out."""
    drop = []
    if not curve:
        drop.append("heading_curve")
    if year_map is None or not configure_year_map(layout, *year_map):
        drop.append("map_year")
    for item_id in sorted(drop, key=lambda i: -layout.itemById(i).page() if layout.itemById(i) else 0):
        remove_page_of(layout, item_id)
    for item_id, path in charts.items():
        pic = layout.itemById(item_id)
        if isinstance(pic, QgsLayoutItemPicture):
            pic.setMode(QgsLayoutItemPicture.Format.FormatRaster)
            pic.setPicturePath(path)
    for item_id, (headers, rows, right) in tables.items():
        table = find_item(layout, item_id)
        fill_manual_table(table, headers, rows, right)
        if isinstance(table, QgsLayoutTable):
            fit_columns(table, room_of(layout, item_id))
    for item_id, layer in (("table_training", training_layer), ("table_sharing", sharing_layer)):
        table = find_item(layout, item_id)
        if not isinstance(table, QgsLayoutItemAttributeTable):
            continue
        if layer is None:
            table.setVectorLayer(None)
            table.setColumns([])
            table.refresh()
            if item_id == "table_sharing":
                _sharing_note(layout, table, 0)
            continue
        table.setVectorLayer(layer)
        table.setSource(QgsLayoutItemAttributeTable.ContentSource.LayerAttributes)
        if item_id == "table_training":  # every batch: the training table adds pages (the last one of the report)
            table.setMaximumNumberOfFeatures(REPORT_MAX_ROWS)
        table.resetColumns()
        cols = []
        for col in table.columns():
            field = col.attribute().strip('"')
            if field.lower() == "fid":
                continue
            col.setHeading(COLUMN_HEADINGS_ID.get(field, col.heading()))
            if field in ("year", "batch_no"):  # no thousands separator in years
                col.setAttribute(f"to_string({_quote(field)})")
            elif field == "villages" and not layer.fields().field(field).isNumeric():
                # village code lists: a space after each ';' so the cell wraps instead of running out of its column
                col.setAttribute(f"replace({_quote(field)}, ';', '; ')")
            elif layer.fields().lookupField(field) >= 0 and layer.fields().field(field).isNumeric():
                # Indonesian numbers whatever QGIS's own locale (4.123.303, 2,5)
                col.setAttribute(f"format_number({_quote(field)}, if(round({_quote(field)}) = {_quote(field)}, 0, 2), "
                                 f"'id')")
                col.setHAlignment(Qt.AlignmentFlag.AlignRight)
            cols.append(col)
        table.setColumns(cols)
        if item_id == "table_training" and layer.fields().lookupField("year") >= 0:
            _sort_by(table, "year")
        if item_id == "table_sharing":
            _sharing_note(layout, table, layer.featureCount())
        table.refresh()
        fit_columns(table, room_of(layout, item_id))


COLUMN_HEADINGS_ID = {
    "year": "Tahun", "kec_code": "Kode kec.", "kec_name": "Kecamatan", "batch_no": "Angkatan",
    "trainees": "Peserta", "villages": "Desa", "cost_idr": "Biaya (Rp)", "site_id": "Lokasi baru",
    "site_operator": "Operator lokasi", "code": "Kode desa", "tower_id": "Menara", "tower_operator": "Operator menara",
    "distance_m": "Jarak (m)",
}


def always_text():
    """'Always render text as text' (searchable PDFs): Qgis.TextRenderFormat on newer QGIS, the 3.22 enum else."""
    fmt = getattr(Qgis, "TextRenderFormat", None)
    if fmt is not None and hasattr(fmt, "AlwaysText"):
        return fmt.AlwaysText
    return QgsRenderContext.TextRenderFormat.TextFormatAlwaysText


# ---- export -------------------------------------------------------------------------------------------------------
def pdf_settings(dpi: float = 150.0):
    settings = QgsLayoutExporter.PdfExportSettings()
    # vector output with georeference and metadata; text as text (searchable, pdftotext), not outlines
    for name, value in (("dpi", dpi), ("rasterizeWholeImage", False), ("forceVectorOutput", False),
                        ("appendGeoreference", True), ("exportMetadata", True), ("simplifyGeometries", True),
                        ("textRenderFormat", always_text())):
        setattr(settings, name, value)
    return settings


def prepare_for_export(layout, dpi: float = 150.0) -> None:
    layout.renderContext().setDpi(dpi)
    layout.renderContext().setTextRenderFormat(always_text())
    layout.refresh()


def export_pdf(layout, path: str, dpi: float = 150.0) -> int:
    prepare_for_export(layout, dpi)
    exporter = QgsLayoutExporter(layout)
    res = exporter.exportToPdf(path, pdf_settings(dpi))
    if res != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"PDF export failed ({res}): {exporter.errorMessage()}")
    return layout.pageCollection().pageCount()


def export_atlas_pdf(layout, path: str, dpi: float = 150.0, feedback=None) -> int:
    """One PDF with every atlas page. Returns the number of pages written."""
    prepare_for_export(layout, dpi)
    atlas = layout.atlas()
    res, error = QgsLayoutExporter.exportToPdf(atlas, path, pdf_settings(dpi), feedback)
    if res != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"atlas PDF export failed ({res}): {error}")
    return atlas.count() * layout.pageCollection().pageCount()


def merge_pdfs(paths: Sequence[str], out: str) -> bool:
    """Concatenate PDFs with poppler's ``pdfunite`` or ``qpdf`` when present. False when neither is."""
    pdfunite = shutil.which("pdfunite")
    if pdfunite:
        proc = subprocess.run([pdfunite, *paths, out], capture_output=True, text=True)
        if proc.returncode == 0 and os.path.exists(out):
            return True
    qpdf = shutil.which("qpdf")
    if qpdf:
        proc = subprocess.run([qpdf, "--empty", "--pages", *paths, "--", out], capture_output=True, text=True)
        if proc.returncode == 0 and os.path.exists(out):
            return True
    return False


def _page_size_mm(layout, page: int) -> QSizeF:
    size = layout.pageCollection().page(page).pageSize()
    mm = layout.convertToLayoutUnits(size)  # layout units are mm
    return QSizeF(mm.width(), mm.height())


def render_combined_pdf(out: str, parts: Sequence[tuple], dpi: float = 150.0, feedback=None) -> int:
    """Fallback without pdfunite/qpdf: paint the pages of several layouts into one PDF with QPdfWriter.
    ``parts``: (layout, use_atlas) pairs. Returns the page count."""
    writer = QPdfWriter(out)
    writer.setResolution(int(dpi))
    writer.setCreator("Internet Desa Kaltim (QGIS)")
    painter = None
    pages = 0

    def paint_layout(layout):
        nonlocal painter, pages
        exporter = QgsLayoutExporter(layout)
        for p in range(layout.pageCollection().pageCount()):
            size = _page_size_mm(layout, p)
            page_size = QPageSize(size, QPageSize.Unit.Millimeter)
            orientation = QPageLayout.Orientation
            orient = orientation.Landscape if size.width() > size.height() else orientation.Portrait
            if painter is None:
                writer.setPageLayout(QPageLayout(page_size, orient, QMarginsFZero()))
                painter = QPainter(writer)
            else:
                writer.setPageLayout(QPageLayout(page_size, orient, QMarginsFZero()))
                writer.newPage()
            exporter.renderPage(painter, p)
            pages += 1

    for layout, use_atlas in parts:
        prepare_for_export(layout, dpi)
        if use_atlas:
            atlas = layout.atlas()
            atlas.beginRender()
            for i in range(atlas.count()):
                if feedback is not None and feedback.isCanceled():
                    break
                atlas.seekTo(i)
                paint_layout(layout)
            atlas.endRender()
        else:
            paint_layout(layout)
    if painter is not None:
        painter.end()
    return pages


def QMarginsFZero():  # noqa: N802 - tiny factory
    from qgis.PyQt.QtCore import QMarginsF

    return QMarginsF(0, 0, 0, 0)


# ---- charts -------------------------------------------------------------------------------------------------------
CHART_COLORS = ("#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#b2df8a",
                "#fb9a99", "#fdbf6f")


def bar_chart_png(path: str, title: str, categories: List[str], series: List[tuple], value_label: str,
                  formatter: Callable[[float], str], width_px: int = 1900, height_px: int = 780,
                  horizontal: bool = False, scale: float = 1.0) -> str:
    """Stacked bar chart as PNG (QPainter on a QImage: works in any thread). ``series``: (name, values).
    ``formatter`` writes the bar totals; the axis has round ticks (core.formatting) of ``value / scale``."""
    from ..labels import funding_color
    img = QImage(width_px, height_px, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    fs = height_px / 40.0
    p.setFont(_font_px(fs * 1.3, True))
    p.drawText(QRectF(0, 0, width_px, fs * 2.4), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, title)
    legend_h = fs * 2.2
    totals = [sum(s[1][i] for s in series) for i in range(len(categories))]
    p.setFont(_font_px(fs))
    metrics = p.fontMetrics()
    widest_total = max([metrics.horizontalAdvance(formatter(t)) for t in totals] or [0])
    # margins made for the labels, so none is cut at the image's edge: the bar totals above (vertical) or right of
    # (horizontal) the longest bar, the category names left of the bars (at most 40 % of the width, wrapped)
    left, right, top, bottom = fs * 9, fs * 2, fs * 4.4, fs * 3.5 + legend_h
    if horizontal:
        widest = max([metrics.horizontalAdvance(str(c)) for c in categories] or [0])
        left = min(max(fs * 8, widest + fs * 1.2), width_px * 0.4)
        right = max(fs * 2, widest_total + fs * 1.2)
    cat_h = fs * 1.5
    if not horizontal:
        right = max(fs * 2, widest_total / 2 + fs * 0.5)
        band_w = (width_px - left - right) / max(1, len(categories))
        wrap = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        cat_h = max([metrics.boundingRect(QRect(0, 0, int(band_w), height_px), wrap, str(c)).height()
                     for c in categories] + [cat_h])
        cat_h = min(cat_h, height_px * 0.25)  # the category names wrap onto as many lines as they need
        bottom += cat_h - fs * 1.2
    plot = QRectF(left, top, width_px - left - right, height_px - top - bottom)
    ticks = fmt.nice_ticks(0.0, max(totals) if totals and max(totals) > 0 else 1.0, 4)  # round ticks
    vmax = ticks[-1]
    tick_text = fmt.tick_labels([t / scale for t in ticks], "id")
    p.setFont(_font_px(fs))
    pen = QPen(QColor("#cccccc"))
    pen.setWidthF(1)
    for k, tick in enumerate(ticks):
        frac = tick / vmax
        p.setPen(pen)
        if horizontal:
            x = plot.left() + frac * plot.width()
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x - fs * 6, plot.bottom() + fs * 0.3, fs * 12, fs * 1.5), Qt.AlignmentFlag.AlignHCenter,
                       tick_text[k])
        else:
            y = plot.bottom() - frac * plot.height()
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(0, y - fs, left - fs * 0.5, fs * 2),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       tick_text[k])
    n = max(1, len(categories))
    band = (plot.height() if horizontal else plot.width()) / n
    bar = band * 0.6
    for i, cat in enumerate(categories):
        acc = 0.0
        for j, (_, values) in enumerate(series):
            v = values[i]
            if v <= 0:
                continue
            color = QColor(funding_color(series[j][0]))  # one colour per funding source, as the dock chart
            if horizontal:
                x0 = plot.left() + acc / vmax * plot.width()
                w = v / vmax * plot.width()
                rect = QRectF(x0, plot.top() + i * band + (band - bar) / 2, w, bar)
            else:
                h = v / vmax * plot.height()
                y0 = plot.bottom() - acc / vmax * plot.height() - h
                rect = QRectF(plot.left() + i * band + (band - bar) / 2, y0, bar, h)
            p.fillRect(rect, color)
            acc += v
        p.setPen(QColor("#333333"))
        if horizontal:
            p.drawText(QRectF(fs * 0.3, plot.top() + i * band, left - fs * 0.8, band),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                       str(cat))
            p.drawText(QRectF(plot.left() + acc / vmax * plot.width() + fs * 0.4, plot.top() + i * band,
                              widest_total + fs * 0.5, band),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, formatter(acc))
        else:
            p.drawText(QRectF(plot.left() + i * band, plot.bottom() + fs * 0.3, band, cat_h + fs * 0.2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                       str(cat))
            h = acc / vmax * plot.height()
            text_w = max(band, widest_total + fs)
            p.drawText(QRectF(plot.left() + i * band + band / 2 - text_w / 2, plot.bottom() - h - fs * 1.6, text_w,
                              fs * 1.5), Qt.AlignmentFlag.AlignHCenter, formatter(acc))
    p.setPen(QPen(QColor("#333333")))
    p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
    # legend
    x = left
    y = height_px - legend_h + fs * 0.3
    p.setFont(_font_px(fs))
    if len(series) > 1 or series and series[0][0]:
        for j, (name, _) in enumerate(series):
            p.fillRect(QRectF(x, y + fs * 0.25, fs, fs), QColor(funding_color(series[j][0])))
            label = str(name)
            w = p.fontMetrics().horizontalAdvance(label) + fs * 2.5
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x + fs * 1.4, y, w, fs * 1.6),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            x += w
    p.setFont(_font_px(fs * 0.9))
    axis_x = plot.left() if horizontal else fs * 0.3  # the unit of the value axis, inside the image
    p.drawText(QRectF(axis_x, top - fs * 1.4, fs * 20, fs * 1.2), Qt.AlignmentFlag.AlignLeft, value_label)
    p.end()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if not img.save(path, "PNG"):
        raise RuntimeError(f"cannot write {path}")
    return path


def _font_px(px: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(6, int(px)))
    f.setBold(bold)
    return f
