#!/usr/bin/env python3
"""Builds the default print layout templates of exportplan (resources/layouts/*.qpt) in code.

    make templates                                   # = /usr/bin/python3 scripts/make_templates.py
    /usr/bin/python3 scripts/make_templates.py OUT   # into another folder (north_arrow.svg is copied there)

Nothing in the plugin calls this at run time: the plugin loads the committed .qpt files
(kaltim_internet_plugin/report/layouts.py) and fills the items it finds by id. Officers edit the .qpt files in
QGIS's layout designer; developers change a builder here, run it, look at `make demo`'s PDFs and commit the
regenerated .qpt files. The output is canonical (items in z order, attributes sorted, uuids derived from the
template's name) so that a regeneration without changes gives no diff on the same QGIS version.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from qgis.core import (  # noqa: E402
    QgsCoordinateReferenceSystem,
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
    QgsLegendStyle,
    QgsPrintLayout,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont  # noqa: E402

from kaltim_internet_plugin.report.layouts import (  # noqa: E402
    ATLAS_TEMPLATE,
    MONITORING_TEMPLATE,
    OVERVIEW_TEMPLATE,
    REPORT_TEMPLATE,
    default_template_folder,
    template_context,
)

FONT_FAMILY = "Arial"
MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters
# planned villages listed on an atlas page (highest priority first) and numbered on its map: as many as fit the
# table's frame when every row takes two lines
ATLAS_MAX_VILLAGES = 10
ATLAS_MAX_SITES = 5
SHARING_MAX_ROWS = 15  # the report's tower sharing table (one page, not the last: it cannot add pages)
# the atlas page's map rectangle in mm (x, y, w, h)
ATLAS_MAP_RECT = (8.0, 24.0, 165.0, 141.0)  # the planned-sites table's heading below it
OVERVIEW_MAP_RECT = (10.0, 35.0, 280.0, 248.0)
# Kop (letterhead) of the provincial government's office; the office edits these lines and the logo slot
# (picture item "kop_logo") in QGIS's layout designer.
KOP_LINES = ("PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS KOMUNIKASI DAN INFORMATIKA")
# Numeric scale of the linked map (Indonesian thousand separators: 1 : 250.000) and the map's real CRS.
def scale_text(map_id: str = "map") -> str:
    return (f"Skala 1 : [% format_number(map_get(item_variables('{map_id}'), 'map_scale'), 0, 'id') %]\n"
            f"Sistem koordinat: [% replace(map_get(item_variables('{map_id}'), 'map_crs_description'), 'zone', "
            f"'zona') %] ([% map_get(item_variables('{map_id}'), 'map_crs') %])")


SCALE_TEXT = scale_text("map")


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



# Kalimantan Timur in the analysis CRS (EPSG:32750): the templates' initial map extent
TEMPLATE_CRS = "EPSG:32750"
TEMPLATE_EXTENT = (140000.0, 9730000.0, 720000.0, 10285000.0)


def _add_map(layout, item_id: str, rect, frame: bool = True, page: int = 0):
    m = QgsLayoutItemMap(layout)
    m.setId(item_id)
    m.setCrs(QgsCoordinateReferenceSystem(TEMPLATE_CRS))
    m.setFrameEnabled(frame)
    m.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, MM))
    m.setBackgroundColor(QColor("#ffffff"))
    layout.addLayoutItem(m)
    place(m, *rect, page=page)
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


def _add_north_arrow(layout, rect, linked_map, svg: str, item_id: str = "north_arrow", page: int = 0):
    pic = QgsLayoutItemPicture(layout)
    pic.setId(item_id)
    pic.setMode(QgsLayoutItemPicture.Format.FormatSVG)
    pic.setPicturePath(svg)
    pic.setLinkedMap(linked_map)
    pic.setNorthMode(QgsLayoutItemPicture.NorthMode.GridNorth)
    layout.addLayoutItem(pic)
    place(pic, *rect, page=page)
    linked_map.addLabelBlockingItem(pic)  # the map's labels keep clear of the arrow
    return pic


def _add_scalebar(layout, rect, linked_map, size: float = 6.0, item_id: str = "scalebar", page: int = 0):
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId(item_id)
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
    place(bar, *rect, page=page)
    linked_map.addLabelBlockingItem(bar)
    return bar


def _add_legend(layout, rect, linked_map, columns: int = 1, size: float = 6.5, item_id: str = "legend",
                page: int = 0):
    legend = QgsLayoutItemLegend(layout)
    legend.setId(item_id)
    legend.setTitle("Legenda")
    legend.setLinkedMap(linked_map)
    legend.setColumnCount(columns)
    legend.setSplitLayer(True)
    legend.setResizeToContents(True)  # the box follows what the map shows (no half-empty legend)
    legend.setSymbolWidth(4)
    legend.setSymbolHeight(3)
    legend.setFrameEnabled(True)
    legend.setFrameStrokeWidth(QgsLayoutMeasurement(0.2, MM))
    for style, s, bold in ((QgsLegendStyle.Style.Title, size + 2, True), (QgsLegendStyle.Style.Group, size + 0.5, True),
                           (QgsLegendStyle.Style.Subgroup, size + 0.5, True), (QgsLegendStyle.Style.SymbolLabel, size,
                                                                               False)):
        if hasattr(legend.rstyle(style), "setTextFormat"):  # QGIS 3.30+ (setFont is deprecated there)
            legend.rstyle(style).setTextFormat(_text_format(s, bold))
        else:  # QGIS 3.22
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
    place(legend, *rect, page=page)
    return legend


def _add_kop(layout, x: float, y: float, logo: float, size: float, width: float = 200, page: int = 0,
             prefix: str = "") -> None:
    """Letterhead: an empty logo slot (picture "kop_logo", the office sets its logo file) and the two kop lines
    (ids ``kop_1``, ``kop_2``; with ``prefix`` on further pages: ``<prefix>kop_logo`` ...)."""
    pic = QgsLayoutItemPicture(layout)
    pic.setId(prefix + "kop_logo")
    pic.setMode(QgsLayoutItemPicture.Format.FormatRaster)
    pic.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    layout.addLayoutItem(pic)
    place(pic, x, y, logo, logo, page=page)
    line_h = logo / 2.0
    add_label(layout, prefix + "kop_1", KOP_LINES[0], (x + logo + 2, y, width, line_h), size, True, page=page,
              valign=Qt.AlignmentFlag.AlignVCenter)
    add_label(layout, prefix + "kop_2", KOP_LINES[1], (x + logo + 2, y + line_h, width, line_h), size - 1, True,
              page=page, valign=Qt.AlignmentFlag.AlignVCenter)


def _new_layout(project, name: str, page_size: str, orientation) -> QgsPrintLayout:
    """An empty print layout called ``name`` whose first page is ``page_size`` ("A4", "A3") in ``orientation``."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    layout.pageCollection().page(0).setPageSize(page_size, orientation)
    return layout


SOURCES_LABEL = "[% @kaltim_sources %]"



# ---- template builders --------------------------------------------------------------------------------------------
def build_atlas_layout(project, svg: str) -> QgsPrintLayout:
    layout = _new_layout(project, "Atlas kab/kota", "A4", QgsLayoutItemPage.Orientation.Landscape)
    _add_kop(layout, 8, 2, 10, 8.5)
    add_label(layout, "title", "[% @kaltim_title %]", (8, 12, 281, 6), 11, True)
    add_label(layout, "subtitle", "[% attribute(@atlas_feature, 'nama') %] — status sinyal desa dan teknologi "
              "yang direncanakan", (8, 18, 281, 5), 8.5)
    m = _add_map(layout, "map", ATLAS_MAP_RECT)
    m.setAtlasDriven(True)
    m.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
    m.setAtlasMargin(0.06)
    _add_grid(m, 5.0)
    _add_north_arrow(layout, (155, 31, 9, 13), m, svg)  # clear of the grid's numbers
    _add_scalebar(layout, (10, 148, 60, 10), m)
    loc = _add_map(layout, "locator", (177, 24, 48, 34))
    ov = QgsLayoutItemMapOverview("atlas_extent", loc)
    ov.setLinkedMap(m)
    loc.overviews().addOverview(ov)
    add_label(layout, "summary",
              "Desa/kelurahan: [% attribute(@atlas_feature, 'villages') %]\n"
              "Tercakup: [% attribute(@atlas_feature, 'covered') %] · sebagian: "
              "[% attribute(@atlas_feature, 'partial') %]\n"
              "Blank spot: [% attribute(@atlas_feature, 'blank_spot') %]\n"
              "Sudah tersambung (program): [% attribute(@atlas_feature, 'connected_today') %] desa/kel.\n"
              "Direncanakan: [% attribute(@atlas_feature, 'planned') %] desa/kel.\n"
              "Terjadwal: [% attribute(@atlas_feature, 'scheduled') %] · belum terdanai: "
              "[% attribute(@atlas_feature, 'unfunded') %]"
              "[% CASE WHEN attribute(@atlas_feature, 'service_unfunded') > 0 THEN ' + ' || "
              "attribute(@atlas_feature, 'service_unfunded') || ' layanan desa tersambung' ELSE '' END %]"
              "[% CASE WHEN attribute(@atlas_feature, 'over_capacity') > 0 THEN ' · melebihi kapasitas: ' || "
              "attribute(@atlas_feature, 'over_capacity') ELSE '' END %]\n"
              "Capex terjadwal: [% attribute(@atlas_feature, 'capex_scheduled_text') %]\n"
              "Migrasi satelit ke fiber: [% attribute(@atlas_feature, 'migrations') %] desa/kel.[% CASE WHEN "
              "attribute(@atlas_feature, 'migrations') > 0 THEN ', capex ' || "
              "attribute(@atlas_feature, 'migration_capex_text') ELSE '' END %]\n"
              "Penduduk di blank spot (perkiraan): "
              "[% format_number(attribute(@atlas_feature, 'population_blank_spot'), 0, 'id') %]",
              (227, 24, 62, 34), 6.5, frame=True)
    _add_legend(layout, (177, 61, 112, 40), m, columns=3, size=5.2)  # grows with what the map shows
    villages = add_attribute_table(layout, "table_villages", (177, 108, 112, 73), size=5.5)
    villages.setMaximumNumberOfFeatures(ATLAS_MAX_VILLAGES)
    villages.setEmptyTableMessage("Tidak ada desa yang direncanakan di kab/kota ini")
    add_label(layout, "table_note", "Desa rencana dengan prioritas tertinggi; No. = peringkat prioritas, sama "
              "dengan nomor di peta. Daftar lengkap: roadmap.xlsx, lembar 'Desa rencana'.", (177, 182, 112, 5), 5)
    add_label(layout, "scale_text", SCALE_TEXT, (177, 188, 112, 8), 6)
    add_label(layout, "sites_heading", "Lokasi baru rencana di [% attribute(@atlas_feature, 'nama') %] (menara/BTS "
              "baru, kolokasi, sambungan kantor desa)", (8, 166, 165, 4.5), 6.5, True)
    sites = add_attribute_table(layout, "table_sites", (8, 171, 165, 20), size=5.5)
    sites.setMaximumNumberOfFeatures(ATLAS_MAX_SITES)
    sites.setFilterToAtlasFeature(True)
    sites.setEmptyTableMessage("Tidak ada lokasi baru yang direncanakan di kab/kota ini")
    # filled by layouts.configure_atlas: "5 dari N menara rencana ditampilkan; ..." when the kab/kota has more
    add_label(layout, "sites_note", "", (8, 191.5, 165, 5), 5.5)
    add_label(layout, "footer", "Dicetak [% @kaltim_date %] · " + SOURCES_LABEL
              + " · Kabupaten/Kota [% @atlas_featurenumber %] dari [% @atlas_totalfeatures %]", (8, 197, 281, 9), 6.5)
    return layout


def build_overview_layout(project, svg: str) -> QgsPrintLayout:
    layout = _new_layout(project, "Ikhtisar provinsi", "A3", QgsLayoutItemPage.Orientation.Landscape)
    _add_kop(layout, 10, 3, 13, 11)
    add_label(layout, "title", "[% @kaltim_title %]", (10, 17, 400, 9), 16, True)
    add_label(layout, "subtitle", "Ikhtisar Provinsi Kalimantan Timur — status sinyal desa dan teknologi yang "
              "direncanakan", (10, 26, 400, 8), 11)
    m = _add_map(layout, "map", OVERVIEW_MAP_RECT)
    _add_grid(m, 7.0)
    _add_north_arrow(layout, (266, 44, 12, 18), m, svg)
    _add_scalebar(layout, (20, 259, 90, 14), m, 8)  # clear of the grid's numbers inside the frame
    add_label(layout, "summary", "[% @kaltim_summary %]", (296, 35, 114, 48), 8.5, frame=True)
    _add_legend(layout, (296, 87, 114, 100), m, columns=1, size=8)  # grows with what the map shows
    add_label(layout, "scale_text", SCALE_TEXT, (296, 272, 114, 11), 8)
    add_label(layout, "footer", "Dicetak [% @kaltim_date %] · " + SOURCES_LABEL, (10, 286, 400, 8), 8)
    return layout


TRAINING_NOTE = ("Desa (peserta): kode dan nama desa serta jumlah kadernya yang dilatih di angkatan itu. Peserta satu "
                 "desa dapat terbagi ke dua angkatan berturutan: (n dari m) = n dari m peserta desa itu di angkatan "
                 "ini, sisanya di angkatan sebelumnya atau berikutnya. Urutan baris sama dengan roadmap.xlsx, lembar "
                 "'Pelatihan' (tahun, kode kecamatan, angkatan).")

# the roadmap report's pages (A4 portrait); the training table adds pages after the last one as it needs
REPORT_PAGES = ("budget", "year_map", "budget_curve", "tables", "training")


def _add_picture(layout, item_id: str, rect, page: int = 0):
    pic = QgsLayoutItemPicture(layout)
    pic.setId(item_id)
    pic.setMode(QgsLayoutItemPicture.Format.FormatRaster)
    pic.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    layout.addLayoutItem(pic)
    place(pic, *rect, page=page)
    return pic


def _add_report_furniture(layout, page: int, prefix: str = "", suffix: str = "", kop: bool = True) -> None:
    """A report page's letterhead (``<prefix>kop_*``), its footer (``footer<suffix>``: print date and sources) and
    its page number (``page_number<suffix>``, "Halaman n dari N": the layout's own page count, so it stays right
    when a page is removed or the training table adds pages; report/layouts.py copies these onto the added ones)."""
    if kop:
        _add_kop(layout, 10, 2, 9, 8, width=170, page=page, prefix=prefix)
    add_label(layout, "footer" + suffix, REPORT_FOOTER, (10, 287, 166, 7), 6, page=page)
    add_label(layout, "page_number" + suffix, PAGE_NUMBER, (176, 287, 24, 7), 6, page=page,
              align=Qt.AlignmentFlag.AlignRight)


#: the roadmap report's footer and page number (every page)
REPORT_FOOTER = "Dicetak [% @kaltim_date %] · " + SOURCES_LABEL
PAGE_NUMBER = "Halaman [% @layout_page %] dari [% @layout_numpages %]"
#: under the report's table by year: what its year means for villages and for money (a new BTS's CAPEX is in its
#: build year, its villages in the year their service starts), and how its money is rounded
YEAR_TABLE_NOTE = ("Tahun: Capex dicatat pada tahun belanja; desa/kel. dan penduduk pada tahun mulai layanan"
                   "[% @kaltim_bts_lead %]. Nilai uang dibulatkan ke juta rupiah sehingga baris dan kolom tetap "
                   "berjumlah sama dengan totalnya (dapat berbeda 1 juta dari pembulatan biasa di roadmap.xlsx).")


def build_report_layout(project, svg: str) -> QgsPrintLayout:
    layout = _new_layout(project, "Laporan peta jalan", "A4", QgsLayoutItemPage.Orientation.Portrait)
    for _ in REPORT_PAGES[1:]:
        page = QgsLayoutItemPage(layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        layout.pageCollection().addPage(page)
    # page 1: budget per year and per funding source
    _add_report_furniture(layout, 0)
    add_label(layout, "title", "[% @kaltim_title %] — Peta jalan pendanaan", (10, 12, 190, 7), 12, True)
    add_label(layout, "summary", "[% @kaltim_summary %]", (10, 20, 190, 24), 7)
    _add_picture(layout, "chart_year", (10, 45, 190, 76))
    add_manual_table(layout, "table_year", (10, 122, 190, 38), size=6.5)
    # moved up under the table's last row by report/layouts.py (the table is often shorter than its box)
    add_label(layout, "table_year_note", YEAR_TABLE_NOTE, (10, 160.5, 190, 6.5), 6)
    _add_picture(layout, "chart_source", (10, 168, 190, 68))
    add_manual_table(layout, "table_source", (10, 237, 190, 49), size=6.5)
    # page 2: the year-by-year map (villages coloured by the roadmap year their service starts)
    p = 1
    _add_report_furniture(layout, p, prefix="year_", suffix="_year")
    add_label(layout, "heading_year_map", "Peta desa/kelurahan tersambung per tahun peta jalan", (10, 12, 190, 7),
              12, True, page=p)
    add_label(layout, "year_map_note", "Warna: tahun mulai layanan menurut peta jalan[% @kaltim_bts_lead %]. "
              "Abu-abu: tidak terjadwal (sudah tercakup, sudah tersambung, belum terdanai atau "
              "melebihi kapasitas pemasangan).", (10, 19, 190, 7), 6.5, page=p)
    m = _add_map(layout, "map_year", (10, 27, 190, 205), page=p)
    _add_grid(m, 5.0)
    _add_north_arrow(layout, (183, 33, 9, 13), m, svg, "north_arrow_year", page=p)
    _add_scalebar(layout, (13, 219, 55, 10), m, item_id="scalebar_year", page=p)
    legend = _add_legend(layout, (10, 234, 115, 40), m, columns=2, size=6.5, item_id="legend_year", page=p)
    legend.setTitle("Tahun mulai layanan")
    # wide enough that "Sistem koordinat: WGS 84 / UTM zona 50S (EPSG:32750)" keeps one line with any font metrics
    add_label(layout, "scale_text_year", scale_text("map_year"), (128, 234, 72, 10), 6, page=p)
    # page 3: the optimiser's budget curve (removed when exportplan gets no BUDGET_CURVE)
    p = 2
    _add_report_furniture(layout, p, prefix="curve_", suffix="_curve")
    add_label(layout, "heading_curve", "Kurva anggaran BTS baru: penduduk tercakup baru menurut anggaran",
              (10, 13, 190, 8), 12, True, page=p)
    add_label(layout, "curve_note", "Hasil optimasi lokasi BTS baru (optimizesites) pada beberapa pagu anggaran: "
              "berapa penduduk mendapat sinyal baru bila anggaran sebesar itu. Tambahan per Rp 1 miliar: penduduk "
              "tambahan dibanding baris sebelumnya dibagi tambahan anggaran.", (10, 22, 190, 10), 7, page=p)
    _add_picture(layout, "chart_curve", (10, 33, 190, 78), page=p)  # the chart's own shape (1900 x 780 px)
    add_manual_table(layout, "table_curve", (10, 114, 190, 90), page=p, size=7)
    # page 4: operators, kab/kota, tower sharing
    p = 3
    _add_report_furniture(layout, p, prefix="tables_", suffix="_tables")
    add_label(layout, "heading_operators", "Paket pekerjaan per operator", (10, 13, 190, 8), 12, True, page=p)
    add_manual_table(layout, "table_operators", (10, 22, 190, 82), page=p, size=6.5)
    add_label(layout, "heading_kabkota", "Kebutuhan per kabupaten/kota", (10, 107, 190, 8), 12, True, page=p)
    add_manual_table(layout, "table_kabkota", (10, 116, 190, 80), page=p, size=6.5)
    add_label(layout, "heading_sharing", "Kandidat berbagi menara (tower sharing)", (10, 199, 190, 8), 12, True,
              page=p)
    sharing = add_attribute_table(layout, "table_sharing", (10, 208, 190, 64), page=p, size=6)
    sharing.setEmptyTableMessage("Tidak ada kandidat berbagi menara")
    sharing.setMaximumNumberOfFeatures(SHARING_MAX_ROWS)  # as many as the frame holds, one line each
    # shown (with the counts) only when there are more candidates than rows
    add_label(layout, "sharing_note", "Daftar lengkap: roadmap.xlsx, lembar 'Berbagi menara'.", (10, 273, 190, 5), 6.5,
              page=p)
    # page 5: training (more pages as needed)
    p = 4
    _add_report_furniture(layout, p, prefix="training_", suffix="_training")
    add_label(layout, "heading_training", "Rencana pelatihan kader digital desa", (10, 13, 190, 8), 12, True,
              page=p)
    # what the "Desa (peserta)" column says (hidden for a training table without per-village counts)
    add_label(layout, "training_note", TRAINING_NOTE, (10, 22, 190, 9.5), 6.5, page=p)
    # a manual table (report/layouts.py fills it: village names, kab/kota, a total row); the pages it adds get the
    # letterhead, footer and page number of this one
    training = add_manual_table(layout, "table_training", (10, 32, 190, 253), page=p, size=6)
    training.setResizeMode(QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished)
    training.setEmptyTableMessage("Belum ada rencana pelatihan")
    return layout


def build_monitoring_layout(project, svg: str) -> QgsPrintLayout:
    """The monthly M&E report (kaltiminternet:slareport, report/monitoring_report.py fills it): A4 portrait, the
    villages by status with north arrow, scale bar, numeric scale and grid, the indicator and provider tables (they
    continue on further pages at the same place when long) and the flags."""
    layout = _new_layout(project, "Laporan monev", "A4", QgsLayoutItemPage.Orientation.Portrait)
    add_label(layout, "title", "Laporan Pemantauan dan Evaluasi", (15, 10, 180, 12), 16, True)
    add_label(layout, "subtitle", "Internet Desa Kaltim", (15, 22, 180, 7), 10)
    add_label(layout, "date", "Tanggal: [% format_date(now(), 'dd-MM-yyyy') %]", (15, 29, 180, 6), 8)
    m = _add_map(layout, "map", (15, 38, 125, 105))
    _add_grid(m, 5.0)
    _add_north_arrow(layout, (124, 44, 8, 12), m, svg)
    _add_scalebar(layout, (18, 128, 50, 10), m)
    legend = _add_legend(layout, (143, 38, 52, 80), m, columns=1, size=7)
    legend.setTitle("Status")
    # which village names the map shows (monitoring_report._label_villages fills it; empty when it shows them all)
    add_label(layout, "map_note", "", (143, 119, 52, 11), 6)
    add_label(layout, "scale_text", SCALE_TEXT, (143, 131, 52, 12), 6)
    for item_id, rect in (("indicators", (15, 148, 88, 128)), ("scorecard", (107, 148, 88, 60))):
        table = add_manual_table(layout, item_id, rect, size=7)
        table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished)  # more pages, same place
    add_label(layout, "flags", "", (107, 212, 88, 64), 7)
    # the sources (the imported files and their months) and the page number; repeated on every further page
    add_label(layout, "footer", "Internet Desa Kaltim - Diskominfo Kaltim · halaman [% @layout_page %] dari "
              "[% @layout_numpages %]", (15, 279, 180, 9), 6.5)
    return layout


BUILDERS = {ATLAS_TEMPLATE: build_atlas_layout, OVERVIEW_TEMPLATE: build_overview_layout,
            REPORT_TEMPLATE: build_report_layout, MONITORING_TEMPLATE: build_monitoring_layout}


UUID_RE = re.compile(r"\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}")


def canonical_xml(text: str, name: str) -> str:
    """The template's XML in a stable form: items in z order, attributes sorted, every uuid replaced (everywhere it
    is referenced) by one derived from the template's name and the uuid's order of appearance."""
    root = ET.fromstring(text)
    items = [c for c in root if c.tag == "LayoutItem"]
    others = [c for c in root if c.tag != "LayoutItem"]
    first = next((i for i, c in enumerate(root) if c.tag == "LayoutItem"), len(root))
    items.sort(key=lambda c: (float(c.get("zValue") or 0), c.get("id") or ""))
    for c in list(root):
        root.remove(c)
    for c in others[:first] + items + others[first:]:
        root.append(c)
    for el in root.iter():
        attrs = sorted(el.attrib.items())
        el.attrib.clear()
        el.attrib.update(attrs)
    ET.indent(root, " ")
    out = ET.tostring(root, encoding="unicode")
    seen: dict = {}

    def stable(m):
        if m.group(0) not in seen:
            seen[m.group(0)] = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"kaltim/{name}/{len(seen)}")) + "}"
        return seen[m.group(0)]

    return UUID_RE.sub(stable, out) + "\n"


def write_default_templates(folder: str, project=None) -> List[str]:
    """(Re)create the templates in ``folder`` (with north_arrow.svg beside them). Returns their paths."""
    from qgis.core import QgsProject

    project = project or QgsProject()
    os.makedirs(folder, exist_ok=True)
    svg = os.path.join(folder, "north_arrow.svg")
    if not os.path.isfile(svg):
        shutil.copyfile(os.path.join(default_template_folder(), "north_arrow.svg"), svg)
    out = []
    for name, builder in BUILDERS.items():
        layout = builder(project, svg)
        path = os.path.join(folder, name)
        if not layout.saveAsTemplate(path, template_context(folder)):
            raise RuntimeError(f"cannot write {path}")
        with open(path, encoding="utf-8") as fh:
            text = canonical_xml(fh.read(), name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        out.append(path)
    return out


def main(argv: List[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], False)
        app.initQgis()
    folder = argv[1] if len(argv) > 1 else default_template_folder()
    for path in write_default_templates(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
