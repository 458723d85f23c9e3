"""Print layouts of the deployment plan: the kab/kota atlas, the province overview and the roadmap report (and the
tables they share with the M&E report), loaded from templates and filled; report/pdf.py exports them to PDF and
report/charts.py draws their charts.

The layouts are built from the .qpt templates in ``resources/layouts`` (officers edit them in the layout
designer). After loading, the plugin finds its items by id and fills in layers, extents and tables:

* atlas_kabkota.qpt (A4 landscape): ``title``, ``subtitle``, ``map`` (atlas-driven), ``locator``, ``legend``,
  ``scalebar``, ``north_arrow``, ``summary``, ``table_villages``, ``table_note``, ``table_sites``, ``footer``,
  ``kop_logo``, ``kop_1``, ``kop_2`` (the letterhead; ``kop_logo`` is an empty picture slot for the office logo),
  ``scale_text`` (numeric scale "Skala 1 : 250.000" and the map CRS).
* overview_province.qpt (A3 landscape): ``title``, ``subtitle``, ``map``, ``legend``, ``scalebar``,
  ``north_arrow``, ``summary``, ``footer``.
* roadmap_report.qpt (A4 portrait, pages added as the training table needs): ``title``, ``summary``,
  ``chart_year``, ``table_year``, ``table_year_note`` (moved up under the table's rows), ``chart_source``,
  ``table_source``; on every page a letterhead (``kop_*``, ``<page>_kop_*``), ``footer[_<page>]`` and
  ``page_number[_<page>]`` (copied onto the pages the training table adds); the year map page ``map_year``,
  ``legend_year``, ``north_arrow_year``, ``scalebar_year``, ``scale_text_year`` (removed when no village is
  scheduled); the budget curve page ``heading_curve``, ``chart_curve``, ``table_curve`` (removed without a curve);
  ``table_operators``, ``table_kabkota``, ``table_sharing`` (+ ``sharing_note``), ``table_training`` (a manual
  table filled from export_plan.training_table; an attribute table of an older template is filled from the layer)
  (+ ``training_note``, shown when the training table has ``village_trainees``).
* monitoring_report.qpt (the M&E report of slareport, filled by report/monitoring_report.py).

Only ``map`` is required (atlas and overview); any other item an officer deletes is simply skipped.
Labels use the project variables ``@kaltim_title``, ``@kaltim_date``, ``@kaltim_sources``, ``@kaltim_summary``,
``@kaltim_bts_lead`` (the year map's note: the new BTS's lead as the plan scheduled it) and the atlas coverage
fields ``nama``, ``kab``, ``villages``, ``covered``, ``partial``, ``blank_spot``, ``planned``, ``scheduled``,
``unfunded``, ``over_capacity``, ``service_unfunded``, ``population_blank_spot``, ``capex_scheduled_idr``.

The committed .qpt files are made by ``scripts/make_templates.py`` (``make templates``); nothing here builds
them at run time.
"""
from __future__ import annotations

import os
from typing import Iterable, Sequence

from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
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
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPathResolver,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsTableCell,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QFontMetricsF
from qgis.PyQt.QtXml import QDomDocument

from ..core import formatting as fmt
from ..io.styles_export import STATUS_LABELS_ID, TECH_LABELS_ID
from ..labels import TABLES, label
from ..paths import resource
from .plan_package import ATLAS_FILTER

ATLAS_TEMPLATE = "atlas_kabkota.qpt"
OVERVIEW_TEMPLATE = "overview_province.qpt"
REPORT_TEMPLATE = "roadmap_report.qpt"
TEMPLATES = (ATLAS_TEMPLATE, OVERVIEW_TEMPLATE, REPORT_TEMPLATE)  # exportplan's
MONITORING_TEMPLATE = "monitoring_report.qpt"  # slareport's M&E report (report/monitoring_report.py)
REPORT_MAX_ROWS = 100000
#: the planned sites' layer in plan.gpkg and its title in plan.qgz (report/export_plan.py), named by the atlas note
SITES_LAYER = "planned_sites"
SITES_TITLE = "Lokasi baru rencana"


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
    if layout.pageCollection().pageCount() == 0:  # valid XML, but nothing to print on (was: a Python error)
        raise TemplateBrokenError(name, folder, "it has no page")
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


def juta_expr(field: str) -> str:
    """Rupiah in millions, Indonesian: whole millions without decimals ("2.600"), else one decimal ("1,5": an FWA
    router of Rp 1.500.000 is not "2")."""
    f = _quote(field)
    return (f"CASE WHEN {f} % 1000000 = 0 THEN format_number({f} / 1e6, 0, 'id') "
            f"ELSE format_number({f} / 1e6, 1, 'id') END")


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
        cols.append(_column("Capex (juta Rp)", juta_expr("capex_idr"), 12,
                            Qt.AlignmentFlag.AlignRight))
    return cols


def served_villages_expr(villages_layer, site_field: str) -> str:
    """The plan villages each planned site serves (``new_site`` = the site's id: the villages the plan charges its
    cost to and whose people it counts), not the candidate's host village (``village_code``): by name (``nama``,
    as the page's village table prints them; the code where a village has no name), in the order of their codes.
    A map literal, not aggregate(): QGIS 3.22 looks the aggregate's layer up in QgsProject.instance(), and the
    export's layout lives in a project of its own (the printed cell was empty)."""
    served = {}
    named = villages_layer.fields().lookupField("nama") >= 0
    request = QgsFeatureRequest(QgsExpression("coalesce(\"new_site\", '') <> ''"))
    for f in villages_layer.getFeatures(request):
        name = f["nama"] if named else None
        name = str(f["kode"]) if name in (None, "") or str(name) == "NULL" else str(name)
        served.setdefault(str(f["new_site"]), []).append((str(f["kode"]), name))
    if not served:
        return "'–'"
    pairs = ", ".join("{k}, {v}".format(k=QgsExpression.quotedString(k), v=QgsExpression.quotedString(", ".join(
        name for _code, name in sorted(v)))) for k, v in sorted(served.items()))
    return f"coalesce(map_get(map({pairs}), to_string({_quote(site_field)})), '–')"


def _empty_field(layer, field: str) -> bool:
    """No feature of ``layer`` has a value in ``field`` (an empty column is not printed)."""
    idx = layer.fields().lookupField(field)
    if idx < 0:
        return True
    return all(v is None or str(v).strip() in ("", "NULL") for v in layer.uniqueValues(idx, 2))


def site_columns(layer, villages_layer=None) -> list:
    """The atlas page's planned-sites table. With ``villages_layer`` (a plan with ``kode`` and ``new_site``) the
    village column lists the villages the site serves; without it the candidate's own village, labelled so. A column
    no site has a value in (the optimiser's sites have no operator yet) is left out."""
    names = [f.name() for f in layer.fields() if f.name() != "operator" or not _empty_field(layer, "operator")]
    served_by = next((n for n in ("cand_id", "site_id") if n in names), "")
    if villages_layer is not None and served_by and all(
            villages_layer.fields().lookupField(n) >= 0 for n in ("kode", "new_site")):
        served = served_villages_expr(villages_layer, served_by)
    else:
        served = None
    cols = []
    for field, heading in (("site_id", "Lokasi"), ("cand_id", "Lokasi"), ("kind", "Jenis"), ("tech", "Teknologi"),
                           ("operator", "Operator"), ("code", "Kode desa"), ("kode", "Kode desa"),
                           ("village_code", "Kode desa"), ("year", "Tahun"), ("pop_served", "Penduduk"),
                           ("capex_idr", "Capex (juta Rp)"), ("cost_idr", "Biaya (juta Rp)")):
        if field == "village_code":  # the candidate's host village
            heading = "Desa dilayani" if served else "Desa lokasi"
            if any(c.heading() in ("Kode desa", heading) for c in cols):
                continue
        if field in names and not any(c.heading() == heading for c in cols):
            expr = _quote(field)
            if field == "village_code":
                expr = served or expr
            if field == "tech":
                expr = _map_expr(TECH_LABELS_ID, "tech")
            elif field == "kind":
                expr = _map_list_expr({code: label("site_kind", code, "id") for code in TABLES["site_kind"]}, "kind")
            elif field == "year":
                expr = "coalesce(to_string(\"year\"), '–')"
            elif field in ("capex_idr", "cost_idr"):
                expr = juta_expr(field)
            elif field == "pop_served":
                expr = "format_number(\"pop_served\", 0, 'id')"
            cols.append(_column(heading, expr))
    if not cols and names:
        cols = [_column(n, _quote(n)) for n in names[:5]]
    return cols


def _sort_sites(table, sites_layer, villages_layer) -> None:
    """The atlas page's planned sites, the scheduled ones first (by the year their villages start service), then
    the others, each by the people they serve: when the table cannot show them all, what it leaves out is the
    unfunded and the small (was: the layer's order, which could list four unfunded towers and leave out the two
    scheduled ones)."""
    names = [f.name() for f in sites_layer.fields()]
    site_field = next((n for n in ("cand_id", "site_id") if n in names), "")
    keys = []
    if site_field and villages_layer is not None and all(
            villages_layer.fields().lookupField(n) >= 0 for n in ("new_site", "year", "fund_status")):
        first = {}
        request = QgsFeatureRequest(QgsExpression("coalesce(\"new_site\", '') <> '' AND \"fund_status\" = 'scheduled'"))
        for f in villages_layer.getFeatures(request):
            year = f["year"]
            if isinstance(year, (int, float)) and year == year:
                key = str(f["new_site"])
                first[key] = min(first.get(key, 9999), int(year))
        if first:
            pairs = ", ".join(f"{QgsExpression.quotedString(k)}, {v}" for k, v in sorted(first.items()))
            keys.append((f"coalesce(map_get(map({pairs}), to_string({_quote(site_field)})), 9999)",
                         Qt.SortOrder.AscendingOrder))
    if "pop_served" in names:
        keys.append((_quote("pop_served"), Qt.SortOrder.DescendingOrder))
    columns = []
    for expression, order in keys:
        col = QgsLayoutTableColumn()
        col.setAttribute(expression)
        col.setSortOrder(order)
        columns.append(col)
    if columns:
        table.setSortColumns(columns)


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
    atlas.setFilterFeatures(True)  # a page per kab/kota with villages of the plan (plan_package.ATLAS_FILTER)
    atlas.setFilterExpression(ATLAS_FILTER)
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
        _villages_note(layout, table)
    sites = find_item(layout, "table_sites")
    if isinstance(sites, QgsLayoutItemAttributeTable):
        if sites_layer is not None:
            sites.setVectorLayer(sites_layer)
            sites.setSource(QgsLayoutItemAttributeTable.ContentSource.LayerAttributes)
            sites.setFilterToAtlasFeature(True)  # planned sites (points) inside the current kab/kota
            sites.setColumns(site_columns(sites_layer, villages_layer))
            _sort_sites(sites, sites_layer, villages_layer)
        else:
            for frame in sites.frames():
                frame.setVisibility(False)
            heading = layout.itemById("sites_heading")
            if heading is not None:
                heading.setVisibility(False)
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
    note.setText(f"[% CASE WHEN {count} > {shown} THEN '{shown} dari ' || to_string({count}) || ' lokasi baru "
                 f"rencana ditampilkan; daftar lengkap: plan.gpkg, layer {SITES_LAYER} (di plan.qgz: {SITES_TITLE}).' "
                 "ELSE '' END %]")


def _villages_note(layout, table) -> None:
    """Under the atlas page's village table: how many of the kab/kota's planned villages it lists ("10 dari 25"),
    as the sites note says it of the sites (evaluated per atlas page)."""
    note = layout.itemById("table_note")
    if not isinstance(note, QgsLayoutItemLabel) or not isinstance(table, QgsLayoutItemAttributeTable):
        return
    shown = table.maximumNumberOfFeatures()
    count = "attribute(@atlas_feature, 'planned')"  # plan_summary.is_planned, the table's filter's rule
    note.setText(f"[% CASE WHEN {count} > {shown} THEN '{shown} dari ' || to_string({count}) || ' desa rencana "
                 f"ditampilkan, prioritas tertinggi' ELSE 'Semua ' || to_string({count}) || ' desa rencana' END %]"
                 "; No. = peringkat prioritas, sama dengan nomor di peta. Daftar lengkap: roadmap.xlsx, lembar "
                 "'Desa rencana'.")


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


# the smallest text a printed table or summary is shrunk to so that it fits its box (below this, it is said)
MIN_TEXT_PT = 5.0
_FIT_STEP_PT = 0.25


def _label_pt(label) -> float:
    return label.textFormat().size() if hasattr(label, "textFormat") else label.font().pointSizeF()


def _set_label_pt(label, size: float) -> None:
    if hasattr(label, "setTextFormat"):
        text_format = label.textFormat()
        text_format.setSize(size)
        label.setTextFormat(text_format)
    else:  # QGIS 3.22
        font = label.font()
        font.setPointSizeF(size)
        label.setFont(font)


def _label_box(label):
    """(text box, width available), in tenths of a mm: the label's text wrapped at its width (QgsLayoutItemLabel.
    sizeForText measures one line only). Fonts measured as the layout draws them: scaled to 10 px a mm
    (QgsLayoutUtils)."""
    font = label.textFormat().toQFont() if hasattr(label, "textFormat") else label.font()
    metrics = QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(font))
    width = max(1.0, label.rect().width() - 2 * label.marginX()) * 10
    return metrics.boundingRect(QRectF(0, 0, width, 1e7), Qt.TextFlag.TextWordWrap, label.currentText()), width


def label_text_height(label) -> float:
    """The height (mm) the label's text takes, wrapped at its width."""
    return _label_box(label)[0].height() / 10 + 2 * label.marginY()


def _label_fits(label, room: float) -> bool:
    """The label's wrapped text fits its height ``room`` (mm), and no word is wider than the label (a word cannot
    wrap: it was cut at the box's edge, e.g. a long title)."""
    box, width = _label_box(label)
    return box.height() / 10 + 2 * label.marginY() <= room and box.width() <= width + 0.5


def fit_label(layout, item_id: str, floor: float = MIN_TEXT_PT) -> bool:
    """Shrink a label's text (its box stays) until the whole text fits: a printed summary is never cut off.
    False when it does not fit even at ``floor`` pt."""
    label = layout.itemById(item_id)
    if not isinstance(label, QgsLayoutItemLabel):
        return True
    room = label.rect().height()
    size = _label_pt(label)
    while not _label_fits(label, room) and size > floor:
        size = max(floor, size - _FIT_STEP_PT)
        _set_label_pt(label, size)
    return _label_fits(label, room)


def fit_footers(layout) -> list:
    """Shrink every footer (labels ``footer*``: the print date and the data's sources, which say what is SYNTHETIC or
    ESTIMATED) until its whole text fits its box; the ids of those that do not even at :data:`MIN_TEXT_PT`. (The
    report's footer grew a third line with the land cover and fibre sources, and it was cut off every page.)"""
    ids = [item.id() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)
           and item.id().startswith("footer")]
    return [item_id for item_id in ids if not fit_label(layout, item_id)]


def fit_first(layout, label, texts) -> bool:
    """The first of ``texts`` (the longest first) whose whole text fits ``label``'s box, its letters made smaller as
    far as :func:`fit_label` goes (a label cuts off what its box does not hold, silently); the last one when none
    fits (False)."""
    size = _label_pt(label)
    for text in texts:
        _set_label_pt(label, size)
        label.setText(text)
        if fit_label(layout, label.id()):
            return True
    return False


def fit_table_height(layout, table, frame_id: str, floor: float = MIN_TEXT_PT) -> bool:
    """Shrink a table's text until all its rows fit its one frame (a printed table never loses its last rows or
    its total row). False when they do not fit even at ``floor`` pt."""
    frame = layout.itemById(frame_id)
    if frame is None:
        return True
    room = frame.rect().height() + 0.01

    def height() -> float:
        table.refresh()
        return table.totalSize().height()

    size = table.contentTextFormat().size()
    while height() > room and size > floor:
        size = max(floor, size - _FIT_STEP_PT)
        for get, put in ((table.contentTextFormat, table.setContentTextFormat),
                         (table.headerTextFormat, table.setHeaderTextFormat)):
            text_format = get()
            text_format.setSize(size)
            put(text_format)
    return height() <= room


def configure_overview(layout, map_layers: list, legend_layers: list, extent, name: str = OVERVIEW_TEMPLATE,
                       folder: str = "") -> list:
    """The overview page; returns the ids of the items whose text does not fit even at the smallest size."""
    m = require_map(layout, name, folder)
    m.setLayers(map_layers)
    m.setKeepLayerSet(True)
    m.setAtlasDriven(False)
    if extent is not None:
        m.zoomToExtent(extent)
    _fix_north_arrow(layout, m)
    _link_scalebar(layout, m)
    _set_legend(layout, m, legend_layers)
    return [] if fit_label(layout, "summary") else ["summary"]


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


#: the training table's column of each village with its trainees (export_plan.training_table prints it so)
TRAINEES_HEADING = "Desa (peserta)"

# the training table's "Desa (peserta)" cell from ``village_trainees`` (core.training: "kode:n" or "kode:n/m" for a
# village whose m trainees span two batches): "64.09.01.1001 (2); 64.09.01.1013 (1 dari 2)", with no-break spaces
# inside an entry so that a long cell wraps between villages, never between a code and its count
_NBSP = "\u00a0"
TRAINEES_EXPRESSION = (r"""regexp_replace(regexp_replace(replace("village_trainees", ';', '; '), """
                       rf"""':(\\d+)/(\\d+)', '{_NBSP}(\\1{_NBSP}dari{_NBSP}\\2)'), ':(\\d+)', '{_NBSP}(\\1)')""")


def _has_text_field(layer, name: str) -> bool:
    i = layer.fields().lookupField(name)
    return i >= 0 and not layer.fields().field(i).isNumeric()


def configure_report(layout, charts: dict, tables: dict, training_layer=None, sharing_layer=None,
                     name: str = REPORT_TEMPLATE, folder: str = "", year_map=None, curve: bool = False,
                     shortened: list = None) -> list:
    """``charts``: item id -> image path; ``tables``: item id -> (headers, rows, right-aligned flags), or a list of
    such forms, the fullest first: the first that fits its box is printed (its item id goes into ``shortened`` when
    it is not the first);
    ``year_map``: (map layers, legend layers, extent, layers shown without their name in the legend) for the year
    map page, None to leave that page out; ``curve``: False leaves the budget curve page out. The summary and the
    tables are shrunk to fit their boxes; returns the ids of those that do not fit even at :data:`MIN_TEXT_PT`."""
    unfit = [] if fit_label(layout, "summary") else ["summary"]
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
    for item_id, forms in tables.items():
        table = find_item(layout, item_id)
        if isinstance(table, QgsLayoutItemAttributeTable):
            continue  # an older template's training table: filled from its layer below
        forms = forms if isinstance(forms, list) else [forms]
        sized = isinstance(table, QgsLayoutTable)
        text = (table.contentTextFormat(), table.headerTextFormat()) if sized else None
        for k, (headers, rows, right) in enumerate(forms):
            if sized and k:  # each form from the template's text size (fit_table_height shrank it)
                table.setContentTextFormat(text[0])
                table.setHeaderTextFormat(text[1])
            fill_manual_table(table, headers, rows, right)
            if not sized:
                break
            fit_columns(table, room_of(layout, item_id))
            if table.resizeMode() == QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished:
                break  # it adds pages as it needs (the training table): no row is lost, nothing to shrink
            if fit_table_height(layout, table, item_id):
                if k and shortened is not None:
                    shortened.append(item_id)
                break
            if k == len(forms) - 1:
                unfit.append(item_id)
    _note_under(layout, "table_year_note", "table_year")
    training = find_item(layout, "table_training")
    if isinstance(training, QgsLayoutItemManualTable) and layout.itemById("training_note") is not None:
        form = tables.get("table_training")  # the note explains the "Desa (peserta)" column
        layout.itemById("training_note").setVisibility(bool(form) and TRAINEES_HEADING in form[0])
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
            elif layout.itemById("training_note") is not None:
                layout.itemById("training_note").setVisibility(False)
            continue
        table.setVectorLayer(layer)
        table.setSource(QgsLayoutItemAttributeTable.ContentSource.LayerAttributes)
        if item_id == "table_training":  # every batch: the training table adds pages (the last one of the report)
            table.setMaximumNumberOfFeatures(REPORT_MAX_ROWS)
        table.resetColumns()
        counts = item_id == "table_training" and _has_text_field(layer, "village_trainees")
        if item_id == "table_training" and layout.itemById("training_note") is not None:
            layout.itemById("training_note").setVisibility(counts)  # the note explains the counts
        cols = []
        for col in table.columns():
            field = col.attribute().strip('"')
            if field.lower() == "fid":
                continue
            col.setHeading(COLUMN_HEADINGS_ID.get(field, col.heading()))
            if field == "village_trainees" and counts:
                continue  # shown in the villages' place
            if field in ("year", "batch_no"):  # no thousands separator in years
                col.setAttribute(f"to_string({_quote(field)})")
            elif field == "villages" and counts:
                # each village with its trainees in the batch: 64.09.01.1001 (2); 64.09.01.1013 (1 dari 2)
                col.setAttribute(TRAINEES_EXPRESSION)
                col.setHeading(COLUMN_HEADINGS_ID["village_trainees"])
            elif field in ("villages", "code") and not layer.fields().field(field).isNumeric():
                # village code lists (a training batch's villages, the villages a planned tower of the sharing list
                # serves, s40-a): a space after each ';' so the cell wraps instead of running out of its column
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
    for item_id in ("table_training", "table_sharing"):
        _message_across(layout, item_id)
    stack_items(layout, TABLES_PAGE_ITEMS)
    repeat_page_furniture(layout, "table_training")
    return unfit


def _message_across(layout, item_id: str) -> None:
    """A table left without columns (the export was given no training or sharing table) gets one column as wide as
    its room, without a header, so that its empty-table message is printed across it: a table without columns is
    0 mm wide, and its message, centred on it, ran off the page's left edge ('m ada rencana pelatihan', 'da
    kandidat berbagi menara'; found 8 December)."""
    table = find_item(layout, item_id)
    if not isinstance(table, QgsLayoutTable) or len(table.columns()) or not table.frames():
        return
    width = room_of(layout, item_id) - 2 * table.cellMargin()
    if isinstance(table, QgsLayoutItemManualTable):  # (its columns are its cells': the message is its one row)
        fill_manual_table(table, [""], [[table.emptyTableMessage()]])
        table.setIncludeTableHeader(False)
    else:
        table.setHeaderMode(QgsLayoutTable.HeaderMode.NoHeaders)
        table.setColumns([QgsLayoutTableColumn("")])
    _set_widths(table, [max(1.0, width)])


#: the report's tables page, top to bottom: each moved up under the one before (its boxes are made for the longest
#: tables; the demo's printed them with half the page empty between them)
TABLES_PAGE_ITEMS = ("heading_operators", "table_operators", "heading_kabkota", "table_kabkota", "heading_sharing",
                     "table_sharing", "sharing_note")


def stack_items(layout, item_ids: Sequence[str], gap_after_text: float = 1.0, gap_after_table: float = 5.0) -> None:
    """Move each item of ``item_ids`` (one page, top to bottom) up to just under the one before it: a table's frame
    is first shrunk to its rows (never below them: none is lost), a label keeps its box. Items are never moved
    down, and a missing or hidden one is skipped."""
    bottom, gap = None, 0.0
    for item_id in item_ids:
        item = layout.itemById(item_id)
        if item is None or not item.isVisible():
            continue
        pos = item.pagePositionWithUnits()
        if bottom is not None and bottom + gap < pos.y():
            item.attemptMove(QgsLayoutPoint(pos.x(), bottom + gap, pos.units()), True, False, item.page())
        height = item.rect().height()
        table = find_item(layout, item_id)
        if isinstance(item, QgsLayoutFrame) and isinstance(table, QgsLayoutTable) and len(table.frames()) == 1:
            rows = rows_height(table, item)
            if rows < height:
                _resize_height(item, rows)
                height = item.rect().height()
            gap = gap_after_table
        else:
            gap = gap_after_text
        bottom = item.pagePositionWithUnits().y() + height


def _note_under(layout, note_id: str, frame_id: str, gap: float = 1.0) -> None:
    """Move the label ``note_id`` up to just under the rows of the table in ``frame_id`` (a table is often shorter
    than its box: the note reads as the table's own, not as a line floating above the next chart)."""
    note, frame, table = layout.itemById(note_id), layout.itemById(frame_id), find_item(layout, frame_id)
    if note is None or frame is None or not isinstance(table, QgsLayoutTable):
        return
    height = rows_height(table, frame) if isinstance(frame, QgsLayoutFrame) else frame.rect().height()
    pos = frame.pagePositionWithUnits()
    note.attemptMove(QgsLayoutPoint(pos.x(), pos.y() + height + gap, pos.units()), True, False, frame.page())


def _resize_height(frame, height: float) -> None:
    frame.attemptResize(QgsLayoutSize(frame.rect().width(), height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))


def rows_height(table, frame, step: float = 0.25, coarse: float = 2.0) -> float:
    """The height (mm) the rows of a one-frame table take: the lowest frame that still shows them all (QGIS's
    totalSize() of a table that fits is its frame's height, whatever its rows take). The frame keeps its size.

    Below the height of its header and one row QGIS lays out nothing and says the table fits again: a bisection
    over the whole height landed there (a year table of a roadmap that schedules nothing: 3.6 mm for its 17 mm of
    rows, and its note was printed over them; a one-row table shrunk by :func:`stack_items` to 3.7 mm, found
    8 December). So a height fits only when QGIS also lays out every row in it (:func:`_shows_rows`), and the
    heights are first stepped down by ``coarse`` mm to the first that does not fit, then bisected above it."""
    full = frame.rect().height()
    rows = _row_count(table)
    context = QgsLayoutUtils.createRenderContextForLayout(frame.layout(), None)

    def fits(height: float) -> bool:
        _resize_height(frame, height)
        table.refresh()
        return table.totalSize().height() <= height + 0.01 and _shows_rows(table, context, height, rows)

    low, high = 0.0, full
    if fits(full):  # (else: it does not fit even its frame; fit_table_height said so)
        low = full
        while low > 0.0:
            low = max(0.0, low - coarse)
            if not fits(low):
                break
            high = low
        while high - low > step:
            middle = (low + high) / 2
            if fits(middle):
                high = middle
            else:
                low = middle
    _resize_height(frame, full)
    table.refresh()
    return high


def _row_count(table) -> int:
    try:
        return len(table.contents())
    except (AttributeError, TypeError, RuntimeError):  # pragma: no cover - a QGIS without it
        return 0


def _shows_rows(table, context, height: float, rows: int) -> bool:
    """Does a frame of ``height`` mm lay out all ``rows`` rows of ``table`` (QGIS's rowsVisible), or, for a table
    without rows, its header and the row of its empty-table message ('Tidak ada kandidat berbagi menara' was cut to
    'da kandidat …' in a frame of 0.25 mm)? True when that cannot be asked (the coarse steps of
    :func:`rows_height` then keep it off the heights below one row)."""
    try:
        if hasattr(table, "includeTableHeader"):  # a manual table
            header = table.includeTableHeader()
        else:
            header = table.headerMode() != QgsLayoutTable.HeaderMode.NoHeaders
        if rows <= 0:
            if table.emptyTableBehavior() == QgsLayoutTable.EmptyTableMode.HideTable:
                return True
            return table.rowsVisible(context, height, 0, header, True) >= 1
        return table.rowsVisible(context, height, 0, header, False) >= rows
    except (AttributeError, TypeError, RuntimeError):  # pragma: no cover - a QGIS that does not expose it
        return True


#: the ids of a report page's letterhead, footer and page number (scripts/make_templates.py): copied onto the pages
#: a table adds after the template's last page
FURNITURE_PREFIXES = ("footer", "page_number")


def _is_furniture(item_id: str) -> bool:
    return item_id.startswith(FURNITURE_PREFIXES) or "kop_" in item_id


def repeat_page_furniture(layout, frame_id: str) -> int:
    """The pages the table in ``frame_id`` added (RepeatUntilFinished: the training table) get the letterhead,
    footer and page number of the table's first page (QGIS copies only the table's frame onto them; the printed
    pages 6-7 had neither date, sources nor page number). Returns how many pages got them."""
    first = layout.itemById(frame_id)
    if first is None:
        return 0
    source = first.page()
    furniture = [item for item in layout.items() if isinstance(item, QgsLayoutItem)
                 and not isinstance(item, (QgsLayoutItemPage, QgsLayoutFrame)) and item.page() == source
                 and _is_furniture(item.id())]
    pages = layout.pageCollection()
    done = 0
    for page in range(source + 1, pages.pageCount()):
        if any(isinstance(item, QgsLayoutItem) and item.page() == page and item.id().startswith("footer")
               for item in layout.items()):
            continue  # a page of its own (or done before)
        for item in furniture:
            _copy_to_page(layout, item, page)
        done += 1
    return done


def _copy_to_page(layout, item, page: int):
    """A copy of the layout item ``item`` at the same place on ``page`` (a new uuid; the id gets the page number)."""
    doc = QDomDocument()
    parent = doc.createElement("items")
    context = QgsReadWriteContext()
    item.writeXml(parent, doc, context)
    element = parent.firstChildElement()
    for attribute in ("uuid", "templateUuid"):
        element.removeAttribute(attribute)
    element.setAttribute("id", f"{item.id()}_p{page + 1}")
    copy = layout.addItemsFromXml(parent, doc, context)
    for new in copy:
        new.attemptMove(item.pagePositionWithUnits(), True, False, page)
    return copy[0] if copy else None


COLUMN_HEADINGS_ID = {
    "year": "Tahun", "kec_code": "Kode kec.", "kec_name": "Kecamatan", "batch_no": "Angkatan",
    "trainees": "Peserta", "villages": "Desa", "village_trainees": "Desa (peserta)", "cost_idr": "Biaya (Rp)",
    "site_id": "Lokasi baru",
    "site_operator": "Operator lokasi", "code": "Kode desa", "tower_id": "Menara", "tower_operator": "Operator menara",
    "distance_m": "Jarak (m)",
}
