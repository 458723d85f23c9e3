"""Print layouts of the deployment plan: the kab/kota atlas, the province overview and the roadmap report.

The layouts are built from the .qpt templates in ``resources/layouts`` (officers edit them in the layout
designer). After loading, the plugin finds its items by id and fills in layers, extents and tables:

* atlas_kabkota.qpt (A4 landscape): ``title``, ``subtitle``, ``map`` (atlas-driven), ``locator``, ``legend``,
  ``scalebar``, ``north_arrow``, ``summary``, ``table_villages``, ``table_note``, ``table_sites``, ``footer``,
  ``kop_logo``, ``kop_1``, ``kop_2`` (the letterhead; ``kop_logo`` is an empty picture slot for the office logo),
  ``scale_text`` (numeric scale "Skala 1 : 250.000" and the map CRS).
* overview_province.qpt (A3 landscape): ``title``, ``subtitle``, ``map``, ``legend``, ``scalebar``,
  ``north_arrow``, ``summary``, ``footer``.
* roadmap_report.qpt (A4 portrait, pages added as the training table needs): ``title``, ``summary``,
  ``chart_year``, ``table_year``, ``chart_source``, ``table_source``, ``table_operators``, ``table_kabkota``,
  ``table_sharing``, ``table_training``, ``footer``.

Only ``map`` is required (atlas and overview); any other item an officer deletes is simply skipped.
Labels use the project variables ``@kaltim_title``, ``@kaltim_date``, ``@kaltim_sources``, ``@kaltim_summary``
and the atlas coverage fields ``nama``, ``kab``, ``villages``, ``covered``, ``partial``, ``blank_spot``,
``planned``, ``scheduled``, ``unfunded``, ``population_blank_spot``, ``capex_scheduled_idr``.

``write_default_templates(folder)`` (re)creates the three templates; the committed .qpt files were made with it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Iterable, List, Sequence

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsPathResolver,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsScaleBarSettings,
    QgsTableCell,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QPointF, QRectF, QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from qgis.PyQt.QtXml import QDomDocument

from ..core import formatting as fmt
from ..io.styles_export import STATUS_LABELS_ID, TECH_LABELS_ID
from ..labels import TABLES, label
from ..paths import resource

ATLAS_TEMPLATE = "atlas_kabkota.qpt"
OVERVIEW_TEMPLATE = "overview_province.qpt"
REPORT_TEMPLATE = "roadmap_report.qpt"
TEMPLATES = (ATLAS_TEMPLATE, OVERVIEW_TEMPLATE, REPORT_TEMPLATE)
FONT_FAMILY = "Arial"
MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters
ATLAS_MAX_VILLAGES = 30  # the frame shows as many of these as fit (highest priority first)
REPORT_MAX_ROWS = 100000
ATLAS_MAX_SITES = 6
# the atlas page's map rectangle in mm (x, y, w, h); tests crop the rendered page there
ATLAS_MAP_RECT = (8.0, 24.0, 165.0, 145.0)
OVERVIEW_MAP_RECT = (10.0, 35.0, 280.0, 248.0)
# Kop (letterhead) of the provincial government's office; the office edits these lines and the logo slot
# (picture item "kop_logo") in QGIS's layout designer.
KOP_LINES = ("PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KOMUNIKASI DAN INFORMATIKA")
# Numeric scale of the linked map (Indonesian thousand separators: 1 : 250.000) and the map's real CRS.
SCALE_TEXT = ("Skala 1 : [% format_number(map_get(item_variables('map'), 'map_scale'), 0, 'id') %]\n"
              "Sistem koordinat: [% replace(map_get(item_variables('map'), 'map_crs_description'), 'zone', 'zona') %]"
              " ([% map_get(item_variables('map'), 'map_crs') %])")


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


# ---- small helpers ------------------------------------------------------------------------------------------------
def _font(size: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def _text_format(size: float, bold: bool = False, color: str = "#000000") -> QgsTextFormat:
    fmt = QgsTextFormat()
    fmt.setFont(_font(size, bold))
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(QColor(color))
    return fmt


def place(item, x: float, y: float, w: float, h: float, page: int = 0) -> None:
    item.attemptResize(QgsLayoutSize(w, h, MM))
    item.attemptMove(QgsLayoutPoint(x, y, MM), True, False, page)


def add_label(layout, item_id: str, text: str, rect, size: float = 8, bold: bool = False, page: int = 0,
              align=Qt.AlignmentFlag.AlignLeft, valign=Qt.AlignmentFlag.AlignTop, frame: bool = False,
                  background: bool = False):
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(_text_format(size, bold))
    else:  # QGIS 3.22
        label.setFont(_font(size, bold))
    label.setHAlign(align)
    label.setVAlign(valign)
    label.setMarginX(1)
    label.setMarginY(0.5)
    label.setFrameEnabled(frame)
    label.setBackgroundEnabled(background)
    if background:
        label.setBackgroundColor(QColor(255, 255, 255, 220))
    layout.addLayoutItem(label)
    place(label, *rect, page=page)
    return label


def _style_table(table, size: float = 6.0) -> None:
    table.setHeaderTextFormat(_text_format(size, True))
    table.setContentTextFormat(_text_format(size))
    table.setCellMargin(0.6)
    table.setGridStrokeWidth(0.1)
    table.setGridColor(QColor("#9a9a9a"))
    table.setHeaderHAlignment(QgsLayoutTable.HeaderHAlignment.FollowColumn)
    table.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.ShowMessage)
    table.setEmptyTableMessage("Tidak ada data")
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setHeaderMode(QgsLayoutTable.HeaderMode.AllFrames)  # repeat the header on every page


def add_table_frame(layout, table, frame_id: str, rect, page: int = 0) -> QgsLayoutFrame:
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(frame_id)
    place(frame, *rect, page=page)
    table.addFrame(frame)
    return frame


def add_attribute_table(layout, frame_id: str, rect, page: int = 0, size: float = 6.0, repeat: bool = False):
    table = QgsLayoutItemAttributeTable.create(layout)
    _style_table(table, size)
    modes = QgsLayoutMultiFrame.ResizeMode
    table.setResizeMode(modes.RepeatUntilFinished if repeat else modes.UseExistingFrames)
    add_table_frame(layout, table, frame_id, rect, page)
    return table


def add_manual_table(layout, frame_id: str, rect, page: int = 0, size: float = 6.0):
    table = QgsLayoutItemManualTable.create(layout)
    _style_table(table, size)
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
    add_table_frame(layout, table, frame_id, rect, page)
    return table


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


# Kalimantan Timur in the analysis CRS (EPSG:32750): the templates' initial map extent
TEMPLATE_CRS = "EPSG:32750"
TEMPLATE_EXTENT = (140000.0, 9730000.0, 720000.0, 10285000.0)


def _add_map(layout, item_id: str, rect, frame: bool = True):
    m = QgsLayoutItemMap(layout)
    m.setId(item_id)
    m.setCrs(QgsCoordinateReferenceSystem(TEMPLATE_CRS))
    m.setFrameEnabled(frame)
    m.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, MM))
    m.setBackgroundColor(QColor("#ffffff"))
    layout.addLayoutItem(m)
    place(m, *rect)
    m.zoomToExtent(QgsRectangle(*TEMPLATE_EXTENT))
    return m


def _add_grid(linked_map, size: float = 5.0) -> None:
    """Geographic coordinate grid (WGS 84 degrees), ticks on the frame, annotations inside the frame (so they stay
    on the page); the interval follows the scale (10-40 mm between lines)."""
    grid = QgsLayoutItemMapGrid("grid", linked_map)
    grid.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    grid.setStyle(QgsLayoutItemMapGrid.GridStyle.FrameAnnotationsOnly)
    grid.setUnits(QgsLayoutItemMapGrid.GridUnit.DynamicPageSizeBased)
    grid.setMinimumIntervalWidth(30)
    grid.setMaximumIntervalWidth(80)
    grid.setFrameStyle(QgsLayoutItemMapGrid.FrameStyle.InteriorTicks)
    grid.setFrameWidth(1.5)
    grid.setAnnotationEnabled(True)
    grid.setAnnotationFormat(QgsLayoutItemMapGrid.AnnotationFormat.DegreeMinute)
    grid.setAnnotationPrecision(0)
    for side in (QgsLayoutItemMapGrid.BorderSide.Left, QgsLayoutItemMapGrid.BorderSide.Right,
                 QgsLayoutItemMapGrid.BorderSide.Top, QgsLayoutItemMapGrid.BorderSide.Bottom):
        grid.setAnnotationPosition(QgsLayoutItemMapGrid.AnnotationPosition.InsideMapFrame, side)
    for side in (QgsLayoutItemMapGrid.BorderSide.Left, QgsLayoutItemMapGrid.BorderSide.Right):
        grid.setAnnotationDirection(QgsLayoutItemMapGrid.AnnotationDirection.Vertical, side)
    grid.setAnnotationFrameDistance(0.8)
    if hasattr(grid, "setAnnotationTextFormat"):
        grid.setAnnotationTextFormat(_text_format(size))
    else:  # QGIS 3.22
        grid.setAnnotationFont(_font(size))
    linked_map.grids().addGrid(grid)


def _add_north_arrow(layout, rect, linked_map):
    pic = QgsLayoutItemPicture(layout)
    pic.setId("north_arrow")
    pic.setMode(QgsLayoutItemPicture.Format.FormatSVG)
    pic.setPicturePath(north_arrow_svg())
    pic.setLinkedMap(linked_map)
    pic.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)
    layout.addLayoutItem(pic)
    place(pic, *rect)
    return pic


def _add_scalebar(layout, rect, linked_map, size: float = 6.0):
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId("scalebar")
    bar.setStyle("Single Box")
    bar.setLinkedMap(linked_map)
    bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    bar.setUnitLabel("km")
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    bar.setMinimumBarWidth(25)
    bar.setMaximumBarWidth(55)
    bar.setHeight(2)
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 200))
    if hasattr(bar, "setTextFormat"):
        bar.setTextFormat(_text_format(size))
    layout.addLayoutItem(bar)
    place(bar, *rect)
    return bar


def _add_legend(layout, rect, linked_map, columns: int = 1, size: float = 6.5):
    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle("Legenda")
    legend.setLinkedMap(linked_map)
    legend.setColumnCount(columns)
    legend.setSplitLayer(True)
    legend.setResizeToContents(False)
    legend.setSymbolWidth(4)
    legend.setSymbolHeight(3)
    legend.setFrameEnabled(True)
    legend.setFrameStrokeWidth(QgsLayoutMeasurement(0.2, MM))
    for style, s, bold in ((QgsLegendStyle.Style.Title, size + 2, True), (QgsLegendStyle.Style.Group, size + 0.5, True),
                           (QgsLegendStyle.Style.Subgroup, size + 0.5, True), (QgsLegendStyle.Style.SymbolLabel, size,
                                                                               False)):
        legend.rstyle(style).setFont(_font(s, bold))
    compact = size < 7
    legend.rstyle(QgsLegendStyle.Style.Symbol).setMargin(QgsLegendStyle.Side.Top, 0.6 if compact else 1.5)
    legend.rstyle(QgsLegendStyle.Style.SymbolLabel).setMargin(QgsLegendStyle.Side.Top, 0.6 if compact else 1.5)
    legend.rstyle(QgsLegendStyle.Style.SymbolLabel).setMargin(QgsLegendStyle.Side.Left, 1.0)
    for style in (QgsLegendStyle.Style.Group, QgsLegendStyle.Style.Subgroup):
        legend.rstyle(style).setMargin(QgsLegendStyle.Side.Top, 1.2 if compact else 3.0)
    legend.rstyle(QgsLegendStyle.Style.Title).setMargin(QgsLegendStyle.Side.Bottom, 1.0 if compact else 3.0)
    legend.setBoxSpace(1.5 if compact else 2.5)
    legend.setColumnSpace(2.0)
    layout.addLayoutItem(legend)
    place(legend, *rect)
    return legend


def _add_kop(layout, x: float, y: float, logo: float, size: float, width: float = 200, page: int = 0) -> None:
    """Letterhead: an empty logo slot (picture "kop_logo", the office sets its logo file) and the two kop lines."""
    pic = QgsLayoutItemPicture(layout)
    pic.setId("kop_logo")
    pic.setMode(QgsLayoutItemPicture.Format.FormatRaster)
    pic.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    layout.addLayoutItem(pic)
    place(pic, x, y, logo, logo, page=page)
    line_h = logo / 2.0
    add_label(layout, "kop_1", KOP_LINES[0], (x + logo + 2, y, width, line_h), size, True, page=page,
              valign=Qt.AlignmentFlag.AlignVCenter)
    add_label(layout, "kop_2", KOP_LINES[1], (x + logo + 2, y + line_h, width, line_h), size - 1, True, page=page,
              valign=Qt.AlignmentFlag.AlignVCenter)


def _page_size(layout, name: str, orientation) -> None:
    page = layout.pageCollection().page(0)
    page.setPageSize(name, orientation)


SOURCES_LABEL = "[% @kaltim_sources %]"


# ---- template builders --------------------------------------------------------------------------------------------
def build_atlas_layout(project) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Atlas kab/kota")
    _page_size(layout, "A4", QgsLayoutItemPage.Orientation.Landscape)
    _add_kop(layout, 8, 2, 10, 8.5)
    add_label(layout, "title", "[% @kaltim_title %]", (8, 12, 281, 6), 11, True)
    add_label(layout, "subtitle", "[% attribute(@atlas_feature, 'nama') %] — status sinyal desa dan teknologi "
              "yang direncanakan", (8, 18, 281, 5), 8.5)
    m = _add_map(layout, "map", ATLAS_MAP_RECT)
    m.setAtlasDriven(True)
    m.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
    m.setAtlasMargin(0.06)
    _add_grid(m, 5.0)
    _add_north_arrow(layout, (160, 26, 10, 15), m)
    _add_scalebar(layout, (10, 152, 60, 10), m)
    loc = _add_map(layout, "locator", (177, 24, 48, 45))
    ov = QgsLayoutItemMapOverview("atlas_extent", loc)
    ov.setLinkedMap(m)
    loc.overviews().addOverview(ov)
    add_label(layout, "summary",
              "Desa/kelurahan: [% attribute(@atlas_feature, 'villages') %]\n"
              "Tercakup: [% attribute(@atlas_feature, 'covered') %] · sebagian: "
              "[% attribute(@atlas_feature, 'partial') %]\n"
              "Blank spot: [% attribute(@atlas_feature, 'blank_spot') %]\n"
              "Direncanakan: [% attribute(@atlas_feature, 'planned') %] desa/kel.\n"
              "Terjadwal: [% attribute(@atlas_feature, 'scheduled') %] · belum terdanai: "
              "[% attribute(@atlas_feature, 'unfunded') %]\n"
              "Capex terjadwal: Rp [% format_number(attribute(@atlas_feature, 'capex_scheduled_idr') / 1e9, 1, 'id') %]"
              " miliar\n"
              "Penduduk di blank spot (perkiraan): "
              "[% format_number(attribute(@atlas_feature, 'population_blank_spot'), 0, 'id') %]",
              (227, 24, 62, 45), 6.5, frame=True)
    _add_legend(layout, (177, 71, 112, 48), m, columns=3, size=5.2)
    villages = add_attribute_table(layout, "table_villages", (177, 121, 112, 60), size=5.5)
    villages.setMaximumNumberOfFeatures(ATLAS_MAX_VILLAGES)
    villages.setEmptyTableMessage("Tidak ada desa yang direncanakan di kab/kota ini")
    add_label(layout, "table_note", "Desa rencana dengan prioritas tertinggi yang muat di halaman ini; daftar "
              "lengkap: roadmap.xlsx, lembar 'Desa rencana'.", (177, 182, 112, 5), 5)
    add_label(layout, "scale_text", SCALE_TEXT, (177, 188, 112, 8), 6)
    sites = add_attribute_table(layout, "table_sites", (8, 171, 165, 24), size=5.5)
    sites.setMaximumNumberOfFeatures(ATLAS_MAX_SITES)
    sites.setFilterToAtlasFeature(True)
    sites.setEmptyTableMessage("Tidak ada lokasi baru yang direncanakan di kab/kota ini")
    add_label(layout, "footer", "Dicetak [% @kaltim_date %] · " + SOURCES_LABEL
              + " · Kab/kota [% @atlas_featurenumber %] dari [% @atlas_totalfeatures %]", (8, 197, 281, 9), 6.5)
    return layout


def build_overview_layout(project) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Ikhtisar provinsi")
    _page_size(layout, "A3", QgsLayoutItemPage.Orientation.Landscape)
    _add_kop(layout, 10, 3, 13, 11)
    add_label(layout, "title", "[% @kaltim_title %]", (10, 17, 400, 9), 16, True)
    add_label(layout, "subtitle", "Ikhtisar Provinsi Kalimantan Timur — status sinyal desa dan teknologi yang "
              "direncanakan", (10, 26, 400, 8), 11)
    m = _add_map(layout, "map", OVERVIEW_MAP_RECT)
    _add_grid(m, 7.0)
    _add_north_arrow(layout, (272, 39, 14, 20), m)
    _add_scalebar(layout, (13, 259, 90, 14), m, 8)
    _add_legend(layout, (296, 35, 114, 143), m, columns=1, size=8)
    add_label(layout, "summary", "[% @kaltim_summary %]", (296, 182, 114, 88), 8.5, frame=True)
    add_label(layout, "scale_text", SCALE_TEXT, (296, 272, 114, 11), 8)
    add_label(layout, "footer", "Dicetak [% @kaltim_date %] · " + SOURCES_LABEL, (10, 286, 400, 8), 8)
    return layout


def build_report_layout(project) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Laporan peta jalan")
    _page_size(layout, "A4", QgsLayoutItemPage.Orientation.Portrait)
    for _ in range(2):
        page = QgsLayoutItemPage(layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        layout.pageCollection().addPage(page)
    _add_kop(layout, 10, 2, 9, 8, width=170)
    add_label(layout, "title", "[% @kaltim_title %] — Peta jalan pendanaan", (10, 12, 190, 7), 12, True)
    add_label(layout, "summary", "[% @kaltim_summary %]", (10, 20, 190, 24), 7)
    for item_id, rect in (("chart_year", (10, 45, 190, 78)), ("chart_source", (10, 166, 190, 70))):
        pic = QgsLayoutItemPicture(layout)
        pic.setId(item_id)
        pic.setMode(QgsLayoutItemPicture.Format.FormatRaster)
        pic.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
        layout.addLayoutItem(pic)
        place(pic, *rect)
    add_manual_table(layout, "table_year", (10, 125, 190, 38), size=6.5)
    add_manual_table(layout, "table_source", (10, 238, 190, 45), size=6.5)
    add_label(layout, "footer", "Dicetak [% @kaltim_date %] · " + SOURCES_LABEL, (10, 287, 190, 6), 6)
    add_label(layout, "heading_operators", "Paket pekerjaan per operator", (10, 8, 190, 8), 12, True, page=1)
    add_manual_table(layout, "table_operators", (10, 17, 190, 95), page=1, size=6.5)
    add_label(layout, "heading_kabkota", "Kebutuhan per kabupaten/kota", (10, 115, 190, 8), 12, True, page=1)
    add_manual_table(layout, "table_kabkota", (10, 124, 190, 80), page=1, size=6.5)
    add_label(layout, "heading_sharing", "Kandidat berbagi menara (tower sharing)", (10, 208, 190, 8), 12, True,
              page=1)
    sharing = add_attribute_table(layout, "table_sharing", (10, 217, 190, 72), page=1, size=6)
    sharing.setEmptyTableMessage("Tidak ada kandidat berbagi menara")
    add_label(layout, "heading_training", "Rencana pelatihan kader digital desa", (10, 8, 190, 8), 12, True,
              page=2)
    training = add_attribute_table(layout, "table_training", (10, 17, 190, 270), page=2, size=6, repeat=True)
    training.setEmptyTableMessage("Belum ada rencana pelatihan")
    return layout


BUILDERS = {ATLAS_TEMPLATE: build_atlas_layout, OVERVIEW_TEMPLATE: build_overview_layout,
            REPORT_TEMPLATE: build_report_layout}


def write_default_templates(folder: str, project=None) -> List[str]:
    """(Re)create the three .qpt templates in ``folder``. Returns their paths."""
    from qgis.core import QgsProject

    project = project or QgsProject()
    os.makedirs(folder, exist_ok=True)
    out = []
    for name, builder in BUILDERS.items():
        layout = builder(project)
        path = os.path.join(folder, name)
        if not layout.saveAsTemplate(path, template_context(folder)):
            raise RuntimeError(f"cannot write {path}")
        out.append(path)
    return out


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
def _fix_north_arrow(layout, linked_map) -> None:
    pic = layout.itemById("north_arrow")
    if isinstance(pic, QgsLayoutItemPicture):
        path = pic.picturePath()
        if not path or not os.path.isfile(path):
            pic.setPicturePath(north_arrow_svg())
        pic.setLinkedMap(linked_map)


def _set_legend(layout, linked_map, layers: Iterable) -> None:
    legend = layout.itemById("legend")
    if not isinstance(legend, QgsLayoutItemLegend):
        return
    legend.setLinkedMap(linked_map)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers:
        root.addLayer(layer)
    legend.setLegendFilterByMapEnabled(True)
    legend.refresh()


def _link_scalebar(layout, linked_map) -> None:
    bar = layout.itemById("scalebar")
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
        table.setFeatureFilter(f"{_quote(kab_field)} = attribute(@atlas_feature, 'kab') AND ({planned_expression})")
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


def configure_report(layout, charts: dict, tables: dict, training_layer=None, sharing_layer=None,
                     name: str = REPORT_TEMPLATE, folder: str = "") -> None:
    """``charts``: item id -> image path; ``tables``: item id -> (headers, rows, right-aligned flags)."""
    for item_id, path in charts.items():
        pic = layout.itemById(item_id)
        if isinstance(pic, QgsLayoutItemPicture):
            pic.setMode(QgsLayoutItemPicture.Format.FormatRaster)
            pic.setPicturePath(path)
    for item_id, (headers, rows, right) in tables.items():
        fill_manual_table(find_item(layout, item_id), headers, rows, right)
    for item_id, layer in (("table_training", training_layer), ("table_sharing", sharing_layer)):
        table = find_item(layout, item_id)
        if not isinstance(table, QgsLayoutItemAttributeTable):
            continue
        if layer is None:
            table.setVectorLayer(None)
            table.setColumns([])
            table.refresh()
            continue
        table.setVectorLayer(layer)
        table.setSource(QgsLayoutItemAttributeTable.ContentSource.LayerAttributes)
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
            elif layer.fields().lookupField(field) >= 0 and layer.fields().field(field).isNumeric():
                # Indonesian numbers whatever QGIS's own locale (4.123.303, 2,5)
                col.setAttribute(f"format_number({_quote(field)}, if(round({_quote(field)}) = {_quote(field)}, 0, 2), "
                                 f"'id')")
                col.setHAlignment(Qt.AlignmentFlag.AlignRight)
            cols.append(col)
        table.setColumns(cols)
        if item_id == "table_training" and layer.fields().lookupField("year") >= 0:
            _sort_by(table, "year")
        table.refresh()


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
    settings.dpi = dpi
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = False
    settings.appendGeoreference = True
    settings.exportMetadata = True
    settings.simplifyGeometries = True
    # text as text (searchable, pdftotext), not outlines
    settings.textRenderFormat = always_text()
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
    left, right, top, bottom = fs * 9, fs * 2, fs * 3.2, fs * 3.5 + legend_h
    if horizontal:
        left = fs * 16
    plot = QRectF(left, top, width_px - left - right, height_px - top - bottom)
    totals = [sum(s[1][i] for s in series) for i in range(len(categories))]
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
            p.drawText(QRectF(0, plot.top() + i * band, left - fs * 0.5, band),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       str(cat))
            p.drawText(QRectF(plot.left() + acc / vmax * plot.width() + fs * 0.4, plot.top() + i * band,
                              fs * 12, band), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                  formatter(acc))
        else:
            p.drawText(QRectF(plot.left() + i * band, plot.bottom() + fs * 0.3, band, fs * 1.5),
                       Qt.AlignmentFlag.AlignHCenter,
                       str(cat))
            h = acc / vmax * plot.height()
            p.drawText(QRectF(plot.left() + i * band, plot.bottom() - h - fs * 1.6, band, fs * 1.5),
                       Qt.AlignmentFlag.AlignHCenter, formatter(acc))
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
    p.drawText(QRectF(0, top - fs * 1.2, left + fs * 10, fs * 1.2), Qt.AlignmentFlag.AlignLeft, value_label)
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
