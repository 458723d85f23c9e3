"""'Signal at point' map tool: click the map -> the signal of the strongest nearby sites and a terrain profile.

:class:`SignalProbeTool` only reports the clicked point (``pointClicked``); the Coverage page reads the sites
in the GUI thread and starts a :class:`ProbeTask` (QgsTask) that computes, off the GUI thread,
:func:`..core.profile.point_signal` and :func:`..core.profile.terrain_profile` to the serving site, so the map
never freezes.  A DEM in degrees is first reprojected to its UTM zone (once, cached).
"""
from __future__ import annotations

import dataclasses
import os
import tempfile
import traceback

from qgis.core import QgsPointXY, QgsTask
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import Qt, pyqtSignal

from ..core import coverage as cov
from ..core.profile import ProfileError, point_signal, terrain_profile


class SignalProbeTool(QgsMapTool):
    """Emits ``pointClicked(QgsPointXY)`` (map canvas CRS) on a left click."""

    pointClicked = pyqtSignal(QgsPointXY)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event):  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.pointClicked.emit(QgsPointXY(event.mapPoint()))


_METRIC_CACHE: dict = {}


def metric_dem(path: str) -> tuple:
    """(metric DEM path, message); a degree DEM is reprojected once per session into a temp folder."""
    if path in _METRIC_CACHE and os.path.exists(_METRIC_CACHE[path][0]):
        return _METRIC_CACHE[path]
    out = cov.ensure_metric_dem(path, os.path.join(tempfile.gettempdir(), "kaltim_probe_dem"))
    _METRIC_CACHE[path] = out
    return out


def _to_metric(src_wkt: str, metric_path: str, sites, x, y):
    """Transform sites and the point from the (degree) DEM's CRS to the metric DEM's CRS."""
    from osgeo import gdal, osr

    src = osr.SpatialReference()
    src.ImportFromWkt(src_wkt or osr.SRS_WKT_WGS84_LAT_LONG)
    ds = gdal.Open(metric_path)
    dst = osr.SpatialReference()
    dst.ImportFromWkt(ds.GetProjection())
    ds = None
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    moved = []
    for s in sites:
        sx, sy, _ = ct.TransformPoint(float(s.x), float(s.y))
        moved.append(dataclasses.replace(s, x=sx, y=sy))
    px, py, _ = ct.TransformPoint(float(x), float(y))
    return moved, px, py


def compute_probe(dem_path: str, dem_wkt: str, sites, x: float, y: float, rx_height: float, k_factor: float,
                  max_radius: float, limit: int = 5) -> dict:
    """The probe computation (no Qt): ``{"signals": [...], "profile": dict or None, "x", "y", "dem"}``.

    ``sites`` and ``(x, y)`` are in the CRS of ``dem_path`` (given by ``dem_wkt``); a degree DEM is handled.
    """
    metric, _msg = metric_dem(dem_path)
    if metric != str(dem_path):
        sites, x, y = _to_metric(dem_wkt, metric, sites, x, y)
    signals = point_signal(metric, sites, x, y, rx_height=rx_height, k_factor=k_factor, max_radius=max_radius,
                           limit=limit)
    profile = None
    if signals:
        best = signals[0]
        s = best["site"]
        profile = terrain_profile(metric, (s.x, s.y), (x, y), tx_height=s.height_m, rx_height=rx_height,
                                  freq_mhz=s.freq_mhz, k_factor=k_factor, eirp_dbm=s.eirp_dbm)
        profile["site_id"] = best["site_id"]
    for r in signals:
        r.pop("site", None)
    from osgeo import gdal

    ds = gdal.Open(metric)
    wkt = ds.GetProjection() if ds is not None else ""
    ds = None
    return {"signals": signals, "profile": profile, "x": x, "y": y, "dem": metric, "crs_wkt": wkt}


class ProbeTask(QgsTask):
    """Runs :func:`compute_probe` in the background; ``on_done(result_or_None, error_or_None)`` in the GUI thread."""

    def __init__(self, description: str, on_done, **kwargs):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.kwargs = kwargs
        self.on_done = on_done
        self.result = None
        self.error = None

    def run(self):  # noqa: D401 (QgsTask API)
        try:
            self.result = compute_probe(**self.kwargs)
            return True
        except ProfileError as exc:
            self.error = exc
        except Exception as exc:  # report, never crash the task manager
            self.error = exc
            self.error_trace = traceback.format_exc()
        return False

    def finished(self, ok):  # noqa: D401 (QgsTask API)
        if self.on_done is not None:
            self.on_done(self.result if ok else None, None if ok else (self.error or RuntimeError("canceled")))
