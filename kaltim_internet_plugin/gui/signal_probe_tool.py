"""'Signal at point' map tool: click the map -> the signal of the strongest nearby sites and a terrain profile.

:class:`SignalProbeTool` only reports the clicked point (``pointClicked``); the Coverage page reads the sites
in the GUI thread and runs :func:`compute_probe` as a :class:`.tasks.CallTask` that computes, off the GUI thread,
:func:`..core.profile.point_signal` and :func:`..core.profile.terrain_profile` to the serving site, so the map
never freezes.  A DEM in degrees is first reprojected to its UTM zone (once, cached).  Both give the P.526 model
and the second opinion, the Longley-Rice ITM (core/itm.py), with the coverage raster's land-cover clutter.
"""
from __future__ import annotations

import dataclasses
import os
import tempfile

from qgis.core import QgsPointXY
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import Qt, pyqtSignal

from ..core import coverage as cov
from ..core import formatting as fmt
from ..core.clutter import ClutterError, clutter_for
from ..core.profile import point_signal, terrain_profile
from ..errors import describe
from ..i18n import tr, ui_lang


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
                  max_radius: float, limit: int = 5, model: str = "p526", settings=None) -> dict:
    """The probe computation (no Qt): ``{"signals": [...], "profile": dict or None, "x", "y", "dem", "crs_wkt",
    "clutter", "clutter_error"}``.

    ``sites`` and ``(x, y)`` are in the CRS of ``dem_path`` (given by ``dem_wkt``); a degree DEM is handled.
    ``settings``: the coverage settings (a raster's, read by the page): their land-cover clutter
    (:func:`..core.clutter.clutter_for`) is lost at the point and along the profile, as in the raster
    (``clutter`` True); when the recorded clutter table changed, the probe goes on without clutter and
    ``clutter_error`` holds the coded error.
    """
    from osgeo import gdal

    metric, _msg = metric_dem(dem_path)
    if metric != str(dem_path):
        sites, x, y = _to_metric(dem_wkt, metric, sites, x, y)
    model = model if model in ("p526", "p526_bullington") else "p526"  # the probe computes diffraction models
    ds = gdal.Open(metric)
    clutter, clutter_error = None, None
    if settings is not None and ds is not None:
        try:
            clutter = clutter_for(settings, ds)
        except ClutterError as exc:
            clutter_error = exc
    signals = point_signal(metric, sites, x, y, rx_height=rx_height, k_factor=k_factor, max_radius=max_radius,
                           limit=limit, model=model, clutter=clutter)
    profile = None
    if signals:
        best = signals[0]
        s = best["site"]
        profile = terrain_profile(metric, (s.x, s.y), (x, y), tx_height=s.height_m, rx_height=rx_height,
                                  freq_mhz=s.freq_mhz, k_factor=k_factor, eirp_dbm=s.eirp_dbm, model=model,
                                  clutter=clutter)
        profile["site_id"] = best["site_id"]
    for r in signals:
        r.pop("site", None)
    wkt = ds.GetProjection() if ds is not None else ""
    used_clutter = clutter is not None
    clutter = ds = None
    return {"signals": signals, "profile": profile, "x": x, "y": y, "dem": metric, "crs_wkt": wkt,
            "clutter": used_clutter, "clutter_error": clutter_error}


def signed(value: float, lang: str, digits: int = 1) -> str:
    """A difference with its sign, in the UI language: ``+2,5`` / ``-1,3``; one that rounds to zero is ``0,0``, never
    ``-0,0`` (the probe printed "-0.0 dB from P.526" where the two models agreed; found 7 December)."""
    text = fmt.decimal(value, lang, digits)
    return text if text.startswith("-") or not any(c not in "0.," for c in text) else "+" + text


def probe_texts(best: dict, result: dict, threshold: float, lang: str = "") -> tuple:
    """(the probe's text, the profile chart's title) for the strongest site ``best`` of a probe ``result``
    (:func:`compute_probe`), numbers written for the UI language (core/formatting): "-69,6 dBm pada 0,58 km" in
    Indonesian, never the English "-69.6" in an Indonesian sentence."""
    lang = lang or ui_lang()
    state = tr("covered") if best["dbm"] >= threshold else tr("below the threshold")
    km = fmt.decimal(best["distance_m"] / 1000.0, lang, 2)
    lines = [tr("Best: {site} ({op}) {dbm} dBm at {km} km: {state}.").format(
        site=best["site_id"], op=best.get("operator") or "-", dbm=fmt.decimal(best["dbm"], lang, 1), km=km,
        state=state)]
    lines += second_opinion_lines(best, result, threshold, lang)
    itm = best.get("itm_dbm", float("nan"))
    title = tr("{site} → point: {km} km, P.526 {dbm} dBm, ITM {itm} dBm (difference {diff} dB)").format(
        site=best["site_id"], km=km, dbm=fmt.decimal(best["dbm"], lang, 1),
        itm=fmt.decimal(itm, lang, 1) if itm == itm else "-",
        diff=signed(best.get("model_diff_db", float("nan")), lang) if itm == itm else "-")
    return "\n".join(lines), title


def second_opinion_lines(best: dict, result: dict, threshold: float, lang: str = "") -> list:
    """The probe's second opinion (Longley-Rice ITM) at the point, the difference and its caveats."""
    lang = lang or ui_lang()
    itm = best.get("itm_dbm", float("nan"))
    if itm != itm:
        return []
    verdict = tr("covered") if itm >= threshold else tr("below the threshold")
    lines = [tr("Second opinion, Longley-Rice ITM: {itm} dBm ({state}), {diff} dB from P.526.").format(
        itm=fmt.decimal(itm, lang, 1), state=verdict, diff=signed(best["model_diff_db"], lang))]
    if (itm >= threshold) != (best["dbm"] >= threshold):
        lines.append(tr("The two models disagree on coverage here: check this point in the field."))
    if best.get("itm_kwx", 0) == 4:
        lines.append(tr("The point is outside the ITM's range (paths of 1 to 2,000 km): its value is indicative."))
    if result.get("clutter_error") is not None:
        lines.append(tr("Without land-cover clutter: {why}").format(why=describe(result["clutter_error"])))
    elif result.get("clutter"):
        lines.append(tr("Both include the land-cover clutter of the coverage raster ({db} dB here).").format(
            db=fmt.decimal(best.get("clutter_db", 0.0), lang, 1)))
    return lines
