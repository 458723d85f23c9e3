"""Styles for the plugin's layers, built in code (so they work in every QGIS 3.22+ and are easy to test).

``save_default_styles`` writes them as .qml too, for users who want to reuse them by hand.
"""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRasterShader,
    QgsRendererCategory,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..i18n import tr

STATUS_COLORS = {"covered": "#1a9641", "partial": "#fdae61", "blank_spot": "#d7191c"}


def status_labels() -> dict:
    return {"covered": tr("Covered (tercakup)"), "partial": tr("Partial (sebagian)"),
            "blank_spot": tr("Blank spot")}


def style_villages(layer) -> None:
    symbol = QgsFillSymbol.createSimple({"color": "255,255,204,90", "outline_color": "120,120,120",
                                         "outline_width": "0.1"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()


def style_offices(layer) -> None:
    symbol = QgsMarkerSymbol.createSimple({"name": "square", "color": "60,60,60", "size": "1.2",
                                           "outline_style": "no"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def style_boundary(layer, width: float = 0.5, color: str = "60,60,60") -> None:
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": color, "outline_width": str(width)})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def label_layer(layer, field: str, size: float = 8.0) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    fmt = QgsTextFormat()
    fmt.setSize(size)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style_towers(layer, field: str = "tech") -> None:
    colors = {"2G": "#9e9ac8", "3G": "#6baed6", "4G": "#08519c", "5G": "#54278f"}
    cats = []
    for value, color in colors.items():
        sym = QgsMarkerSymbol.createSimple({"name": "triangle", "color": color, "size": "2.6",
                                            "outline_color": "white", "outline_width": "0.2"})
        cats.append(QgsRendererCategory(value, sym, value))
    idx = layer.fields().lookupField(field)
    if idx < 0:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"name": "triangle"})))
        return
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))


def style_status(layer, field: str = "status") -> None:
    labels = status_labels()
    cats = []
    for value, color in STATUS_COLORS.items():
        sym = QgsFillSymbol.createSimple({"color": color, "outline_color": "90,90,90", "outline_width": "0.1"})
        if layer.geometryType() == 0:  # points
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": color, "size": "2"})
        cats.append(QgsRendererCategory(value, sym, labels[value]))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))
    layer.triggerRepaint()


def style_signal_raster(layer, threshold_dbm: float = -110.0) -> None:
    """Best-signal raster in dBm: red (weak) → green (strong), with the threshold in the legend."""
    shader = QgsRasterShader()
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Type.Interpolated)
    items = [
        QgsColorRampShader.ColorRampItem(-130, QColor("#7b3294"), "≤ -130 dBm"),
        QgsColorRampShader.ColorRampItem(threshold_dbm, QColor("#d7191c"),
                                         f"{threshold_dbm:.0f} dBm ({tr('threshold')})"),
        QgsColorRampShader.ColorRampItem(-100, QColor("#fdae61"), "-100 dBm"),
        QgsColorRampShader.ColorRampItem(-85, QColor("#a6d96a"), "-85 dBm"),
        QgsColorRampShader.ColorRampItem(-60, QColor("#1a9641"), "≥ -60 dBm"),
    ]
    ramp.setColorRampItemList(items)
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(-130)
    renderer.setClassificationMax(-60)
    layer.setRenderer(renderer)
    layer.setOpacity(0.7)
    layer.triggerRepaint()


def style_dem(layer) -> None:
    shader = QgsRasterShader()
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Type.Interpolated)
    ramp.setColorRampItemList([
        QgsColorRampShader.ColorRampItem(0, QColor("#c6dbef"), "0 m"),
        QgsColorRampShader.ColorRampItem(20, QColor("#addd8e"), "20 m"),
        QgsColorRampShader.ColorRampItem(300, QColor("#d9f0a3"), "300 m"),
        QgsColorRampShader.ColorRampItem(900, QColor("#d8b365"), "900 m"),
        QgsColorRampShader.ColorRampItem(2000, QColor("#8c510a"), "2000 m"),
    ])
    ramp.setMinimumValue(0)
    ramp.setMaximumValue(2000)
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0)
    renderer.setClassificationMax(2000)
    layer.setRenderer(renderer)


def style_line(layer, color: str = "#3182bd", width: float = 0.6) -> None:
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": color,
                                                                          "width": str(width)})))
