"""Styles of the what-if layers: planned sites, the coverage preview of one site, the affected villages."""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..core.definitions import THRESHOLD_DBM
from ..i18n import tr
from .styles import STATUS_COLORS, status_labels, style_signal_raster, title_legend


def style_planned_sites(layer) -> None:
    symbol = QgsMarkerSymbol.createSimple({"name": "star", "color": "#ff7f00", "size": "4.2",
                                           "outline_color": "black", "outline_width": "0.3"})
    from qgis.core import QgsSingleSymbolRenderer

    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = QgsPalLayerSettings()
    settings.fieldName = "site_id"
    fmt = QgsTextFormat()
    fmt.setSize(8.0)
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setColor(QColor("white"))
    fmt.setBuffer(buf)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.triggerRepaint()


def style_preview_raster(layer, threshold_dbm: float = THRESHOLD_DBM) -> None:
    """Same colours as the coverage raster, a bit more opaque so the new site stands out."""
    style_signal_raster(layer, threshold_dbm)
    title_legend(layer, tr("Best signal (dBm)"))
    layer.setOpacity(0.75)


def style_affected_villages(layer, field: str = "status_after") -> None:
    labels = status_labels()
    cats = []
    points = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
    for value in ("covered", "partial"):
        color = STATUS_COLORS[value]
        if points:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": color, "size": "3.2",
                                                "outline_color": "black", "outline_width": "0.4"})
        else:
            sym = QgsFillSymbol.createSimple({"color": color, "style": "b_diagonal", "outline_color": "black",
                                              "outline_width": "0.6"})
        cats.append(QgsRendererCategory(value, sym, labels[value]))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))
    layer.triggerRepaint()
