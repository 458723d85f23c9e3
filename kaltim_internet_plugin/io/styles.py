"""Styles for the plugin's layers, built in code (so they work in every QGIS 3.22+ and are easy to test).

``save_default_styles`` writes them as .qml too, for users who want to reuse them by hand.
"""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampLegendNodeSettings,
    QgsColorRampShader,
    QgsFillSymbol,
    QgsHillshadeRenderer,
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
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtGui import QColor

from ..core.definitions import THRESHOLD_DBM
from ..i18n import tr

STATUS_COLORS = {"covered": "#1a9641", "partial": "#fdae61", "blank_spot": "#d7191c"}
BLANK_SPOT_COLOR = STATUS_COLORS["blank_spot"]  # no-signal land on the coverage raster: the blank-spot red
STATUS_OPACITY = 0.75  # status layers let the hillshade and the coverage below show through (issue 19)
NO_SIGNAL_DBM = -9999.0  # the coverage raster's nodata: beyond every site's radius (core.coverage writes it)


def status_labels() -> dict:
    """The village statuses as the legend and the forms show them, in the UI language only ("Covered", "Tercakup";
    the English legend read "Covered (tercakup)", half Indonesian; found 7 December)."""
    return {"covered": tr("Covered"), "partial": tr("Partial"), "blank_spot": tr("Blank spot")}


LEGEND_TITLE = "kaltim_internet/legend_title"  # a raster layer's custom property: the title of its legend


def title_legend(layer, title: str) -> None:
    """Show ``title`` at the top of a single-band raster's legend instead of GDAL's band line ("Band 1: best signal
    (dBm) (Gray)", "Pita 1: …" in an Indonesian QGIS; found 7 December). It is QGIS's own per-item legend label
    (what renaming a legend item by hand does), kept in the project; set on the layer's tree node now, or as soon
    as the layer is added to the layer tree."""
    layer.setCustomProperty(LEGEND_TITLE, title)
    if not apply_legend_title(layer):
        _LegendTitler(layer)


def apply_legend_title(layer) -> bool:
    """Put the layer's legend title (:func:`title_legend`) on its nodes in the project's layer tree; False when the
    layer is not in the tree (yet)."""
    from qgis.core import QgsMapLayerLegendUtils, QgsProject

    title = layer.customProperty(LEGEND_TITLE)
    nodes = [n for n in QgsProject.instance().layerTreeRoot().findLayers() if n.layerId() == layer.id()]
    if not title or not nodes:
        return False
    for node in nodes:
        QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, 0, str(title))
    layer.legendChanged.emit()  # the layer tree (and the layout legends) rebuild the legend with the title
    return True


class _LegendTitler(QObject):
    """Waits for ``layer`` to enter the layer tree, then titles its legend and goes; a child of the layer, so it
    goes with the layer too (and its connection with it)."""

    def __init__(self, layer):
        from qgis.core import QgsProject

        super().__init__(layer)
        self._layer = layer
        self._root = QgsProject.instance().layerTreeRoot()
        self._root.addedChildren.connect(self._added)

    def _added(self, *_args):
        if apply_legend_title(self._layer):
            self._root.addedChildren.disconnect(self._added)
            self.deleteLater()


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
    layer.setOpacity(STATUS_OPACITY)
    layer.triggerRepaint()


def style_signal_raster(layer, threshold_dbm: float = THRESHOLD_DBM, no_signal: bool = False) -> None:
    """Best-signal raster in dBm: below the threshold blank-spot red, then orange (edge) → green (strong), with
    the threshold in the legend. ``no_signal``: the raster's nodata (beyond every site's radius) is drawn as
    blank-spot red too instead of transparent (the whole coverage raster; not for a what-if preview window)."""
    shader = QgsRasterShader()
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Type.Interpolated)
    low = NO_SIGNAL_DBM if no_signal else -130.0
    items = [QgsColorRampShader.ColorRampItem(low, QColor(BLANK_SPOT_COLOR),
                                              tr("No signal: blank spot") if no_signal else "≤ -130 dBm"),
             QgsColorRampShader.ColorRampItem(threshold_dbm - 0.01, QColor(BLANK_SPOT_COLOR),
                                              tr("Below {t:.0f} dBm: blank spot").format(t=threshold_dbm)),
             QgsColorRampShader.ColorRampItem(threshold_dbm, QColor("#fdae61"),
                                              f"{threshold_dbm:.0f} dBm ({tr('threshold')})")]
    for value, color, text in ((-100.0, "#fee08b", "-100 dBm"), (-85.0, "#a6d96a", "-85 dBm"),
                               (-60.0, "#1a9641", "≥ -60 dBm")):
        if value > threshold_dbm:
            items.append(QgsColorRampShader.ColorRampItem(value, QColor(color), text))
    ramp.setColorRampItemList(items)
    legend = QgsColorRampLegendNodeSettings()
    legend.setUseContinuousLegend(False)  # the labelled classes (no signal, threshold...), not a -9999..-60 bar
    ramp.setLegendSettings(legend)
    ramp.setMinimumValue(low)
    ramp.setMaximumValue(max(-60.0, threshold_dbm))
    shader.setRasterShaderFunction(ramp)
    if no_signal:
        layer.dataProvider().setUseSourceNoDataValue(1, False)  # nodata = no signal: drawn, not transparent
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(low)
    renderer.setClassificationMax(max(-60.0, threshold_dbm))
    layer.setRenderer(renderer)
    layer.setOpacity(0.7)
    layer.triggerRepaint()


def style_dem(layer) -> None:
    """Grey multidirectional hillshade: the terrain reads as relief under the coverage and status colours (a
    hypsometric green ramp read as "lowland = good signal", issue 19). Sun 315°/45°, the cartographic convention."""
    renderer = QgsHillshadeRenderer(layer.dataProvider(), 1, 315.0, 45.0)
    renderer.setMultiDirectional(True)
    renderer.setZFactor(1.0 if not layer.crs().isGeographic() else 1.0 / 111320.0)  # degrees: metres per degree
    layer.setRenderer(renderer)


# ESA WorldCover 10 m v200 (2021) legend colours (product user manual v2.0, 2022-10-28): class -> (colour, label)
def _worldcover_classes() -> dict:
    return {10: ("#006400", tr("Tree cover")), 20: ("#ffbb22", tr("Shrubland")), 30: ("#ffff4c", tr("Grassland")),
            40: ("#f096ff", tr("Cropland")), 50: ("#fa0000", tr("Built-up")),
            60: ("#b4b4b4", tr("Bare / sparse vegetation")), 70: ("#f0f0f0", tr("Snow and ice")),
            80: ("#0064c8", tr("Permanent water bodies")), 90: ("#0096a0", tr("Herbaceous wetland")),
            95: ("#00cf75", tr("Mangroves")), 100: ("#fae6a0", tr("Moss and lichen"))}


def style_landcover(layer) -> None:
    """ESA WorldCover classes in the product's own colours, with their names (paletted renderer)."""
    from qgis.core import QgsPalettedRasterRenderer

    classes = [QgsPalettedRasterRenderer.Class(value, QColor(colour), label)
               for value, (colour, label) in _worldcover_classes().items()]
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))
    title_legend(layer, tr("Land cover class"))  # not "Band 1: land cover class (ESA WorldCover codes, …) (Gray)"


def style_line(layer, color: str = "#3182bd", width: float = 0.6) -> None:
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": color,
                                                                          "width": str(width)})))
