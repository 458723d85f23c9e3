"""Styles of the coverage rasters (built in code): best signal in dBm (io.styles), line-of-sight count, serving site.

:class:`CoverageStyler` applies them when Processing loads the output of ``kaltiminternet:coverage``.
"""
from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsColorRampShader,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsLimitedRandomColorRamp,
    QgsPalettedRasterRenderer,
    QgsProcessingLayerPostProcessorInterface,
    QgsRasterLayer,
    QgsRasterShader,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..core.definitions import THRESHOLD_DBM
from ..i18n import tr
from .styles import style_signal_raster, title_legend

LOS_COLORS = ("#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641")


def coverage_kind(path: str) -> str:
    """'los' or 'dbm' from the raster's KALTIM_COVERAGE_KIND metadata ('dbm' when absent)."""
    from osgeo import gdal

    try:
        ds = gdal.Open(str(path))
    except RuntimeError:
        return "dbm"
    if ds is None:
        return "dbm"
    kind = (ds.GetMetadataItem("KALTIM_COVERAGE_KIND") or "dbm").lower()
    return kind if kind in ("los", "dbm") else "dbm"


def los_legend_items(n_sites: int) -> list:
    """(value, colour, label) of the discrete line-of-sight legend: 0, 1, 2, 3, then '4 or more' (up to N)."""
    n = max(int(n_sites), 1)
    items = [(0.0, LOS_COLORS[0], tr("0 sites (no line of sight)"))]
    for count in range(1, min(n, 3) + 1):
        label = tr("1 site in line of sight") if count == 1 else tr("{n} sites in line of sight").format(n=count)
        items.append((float(count), LOS_COLORS[count], label))
    if n >= 4:
        items.append((float(n), LOS_COLORS[4], tr("4 to {n} sites in line of sight").format(n=n) if n > 4
                      else tr("{n} sites in line of sight").format(n=n)))
    return items


def style_los_raster(layer, n_sites: int) -> None:
    """Number of sites in line of sight: discrete ramp 0 (red) .. N (green), with a legend."""
    shader = QgsRasterShader()
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Type.Discrete)
    ramp.setColorRampItemList([QgsColorRampShader.ColorRampItem(v, QColor(c), label)
                               for v, c, label in los_legend_items(n_sites)])
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0)
    renderer.setClassificationMax(max(int(n_sites), 1))
    layer.setRenderer(renderer)
    layer.setOpacity(0.7)
    layer.triggerRepaint()


def style_coverage(layer, kind: Optional[str] = None, threshold_dbm: float = THRESHOLD_DBM, n_sites: int = 1) -> None:
    """dBm raster -> io.styles.style_signal_raster(threshold), no-signal land in blank-spot red; LOS raster ->
    :func:`style_los_raster`."""
    if kind is None:
        kind = coverage_kind(layer.source())
    if kind == "los":
        style_los_raster(layer, n_sites)
        title_legend(layer, tr("Sites in line of sight"))
    else:
        style_signal_raster(layer, threshold_dbm, no_signal=True)
        title_legend(layer, tr("Best signal (dBm)"))  # not GDAL's "Band 1: best signal (dBm) (Gray)"


SEA_COLOR = "#cfe3f0"  # light sea blue: the sea is no blank spot (issue 19)


def sea_mask_layer(dem_layer, name: str):
    """A second view of the DEM that paints the sea (height <= 0 m) light blue and leaves the land transparent; put
    above the coverage raster, so its no-signal red reads as land only. None when the DEM has no cell <= 0 m."""
    if dem_layer is None or not dem_layer.isValid() or dem_layer.providerType() != "gdal":
        return None
    from osgeo import gdal

    try:
        ds = gdal.Open(dem_layer.source())
        low = ds.GetRasterBand(1).ComputeRasterMinMax(True)[0] if ds is not None else 1.0  # approximate: fast
    except RuntimeError:
        return None
    if low > 0:
        return None
    layer = QgsRasterLayer(dem_layer.source(), name, dem_layer.providerType())
    if not layer.isValid():
        return None
    shader = QgsRasterShader()
    ramp = QgsColorRampShader()
    ramp.setColorRampType(QgsColorRampShader.Type.Discrete)
    ramp.setColorRampItemList([QgsColorRampShader.ColorRampItem(0.0, QColor(SEA_COLOR), name),
                               QgsColorRampShader.ColorRampItem(float("inf"), QColor(0, 0, 0, 0), "")])
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0.0)
    renderer.setClassificationMax(1.0)
    layer.setRenderer(renderer)
    title_legend(layer, tr("Height 0 m or below in the DEM"))  # not the DEM's band "elevation_m (SYNTHETIC)"
    return layer


OUTSIDE_COLOR = "#e6e6e6"


def outside_area_mask_layer(area_layer, name: str):
    """A copy of the planning area's polygons (e.g. the village layer) drawn inverted: everything outside them is
    washed out light grey, so the land of the neighbouring provinces, which the DEM also covers and no site of the
    plan reaches, does not read as the plan's blank spots. None without a polygon layer with features."""
    if (area_layer is None or not area_layer.isValid() or not hasattr(area_layer, "geometryType")
            or area_layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry or area_layer.featureCount() == 0):
        return None
    request = QgsFeatureRequest()
    request.setNoAttributes()
    layer = area_layer.materialize(request)  # a memory copy: the user's layer is neither styled nor changed
    layer.setName(name)
    fill = QgsFillSymbol.createSimple({"color": OUTSIDE_COLOR, "outline_style": "no"})
    layer.setRenderer(QgsInvertedPolygonRenderer(QgsSingleSymbolRenderer(fill)))
    return layer


def style_server_raster(layer, server_ids: Optional[dict] = None) -> None:
    """Serving-site index raster: one random colour per site, labelled with its site id."""
    ramp = QgsLimitedRandomColorRamp(50, 100, 150, 255, 190, 255, 77)
    classes = QgsPalettedRasterRenderer.classDataFromRaster(layer.dataProvider(), 1, ramp)
    ids = {int(k): str(v) for k, v in (server_ids or {}).items()}
    for c in classes:
        c.label = ids.get(int(c.value), str(int(c.value)))
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))
    layer.setOpacity(0.6)
    layer.triggerRepaint()


class CoverageStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles a coverage output when Processing loads it; kept alive in ``_KEEP`` (QGIS does not own it)."""

    _KEEP: list = []

    def __init__(self, role: str, kind: str = "dbm", threshold_dbm: float = THRESHOLD_DBM, n_sites: int = 1,
                 server_ids: Optional[dict] = None, name: str = ""):
        super().__init__()
        self.role, self.kind, self.threshold_dbm, self.n_sites = role, kind, threshold_dbm, n_sites
        self.server_ids = server_ids or {}
        self.name = name

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if not isinstance(layer, QgsRasterLayer):
            return
        if self.name:
            layer.setName(self.name)
        if self.role == "server":
            style_server_raster(layer, self.server_ids)
        else:
            style_coverage(layer, self.kind, self.threshold_dbm, self.n_sites)

    @classmethod
    def attach(cls, context, dest: str, *args, **kwargs) -> None:
        if not dest or not context.willLoadLayerOnCompletion(dest):
            return
        styler = cls(*args, **kwargs)
        cls._KEEP[:] = cls._KEEP[-20:] + [styler]
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(styler)
