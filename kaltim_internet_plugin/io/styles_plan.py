"""Styles for the roadmap outputs (Plan page): the plan layer categorized by roadmap year, unfunded in grey."""
from __future__ import annotations

from typing import Iterable, List, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsSymbol,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..i18n import tr

UNFUNDED = "unfunded"
UNFUNDED_COLOR = "#9e9e9e"
# one colour per year, early years dark/strong (green-blue-purple), cycled beyond ten years
YEAR_COLORS = ("#1b7837", "#5aae61", "#a6dba0", "#2166ac", "#67a9cf", "#762a83", "#c2a5cf", "#e08214", "#fdb863",
               "#b35806")
YEAR_EXPRESSION = "if(\"fund_status\" = 'scheduled' AND \"year\" IS NOT NULL, to_string(\"year\"), 'unfunded')"


def year_colors(years: Iterable[int]) -> dict:
    return {int(y): YEAR_COLORS[i % len(YEAR_COLORS)] for i, y in enumerate(sorted(set(int(y) for y in years)))}


def _symbol(layer, color: str) -> QgsSymbol:
    gtype = layer.geometryType()
    if gtype == QgsWkbTypes.GeometryType.PointGeometry:
        return QgsMarkerSymbol.createSimple({"name": "circle", "color": color, "size": "2.4",
                                             "outline_color": "40,40,40", "outline_width": "0.15"})
    return QgsFillSymbol.createSimple({"color": color, "outline_color": "90,90,90", "outline_width": "0.1"})


def layer_years(layer, field: str = "year") -> List[int]:
    idx = layer.fields().lookupField(field)
    if idx < 0:
        return []
    return sorted(int(v) for v in layer.uniqueValues(idx) if v is not None and str(v) not in ("", "NULL"))


def style_plan_by_year(layer, years: Optional[Iterable[int]] = None) -> QgsCategorizedSymbolRenderer:
    """Categorized renderer on the roadmap year (one colour per year of ``years``, default: the years present in
    the layer) plus an 'unfunded' grey category. Returns the renderer set on the layer."""
    years = sorted(set(int(y) for y in (years if years is not None else layer_years(layer))))
    colors = year_colors(years)
    cats = []
    for y in years:
        cats.append(QgsRendererCategory(str(y), _symbol(layer, colors[y]), tr("Year {year}").format(year=y)))
    grey = _symbol(layer, UNFUNDED_COLOR)
    grey.setOpacity(0.7)
    cats.append(QgsRendererCategory(UNFUNDED, grey, tr("Unfunded (belum terdanai)")))
    renderer = QgsCategorizedSymbolRenderer(YEAR_EXPRESSION, cats)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return renderer


def color_for(year: Optional[int], years: Iterable[int]) -> QColor:
    """The map colour of ``year`` (None = unfunded), so charts can use the same colours."""
    if year is None:
        return QColor(UNFUNDED_COLOR)
    return QColor(year_colors(years).get(int(year), UNFUNDED_COLOR))
