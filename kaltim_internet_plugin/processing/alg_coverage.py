"""kaltiminternet:coverage — signal coverage of every site over the terrain (best dBm or line-of-sight count).

The engine is :mod:`..core.coverage` (numpy + GDAL); this module reads the site layer (any CRS) into engine
sites in the DEM's CRS with per-technology defaults, reprojects a degree DEM, maps engine errors to clear,
translated messages and styles the output when Processing loads it.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import replace

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
)

from ..core import clutter, itm, kernels
from ..core import coverage as cov
from ..core import definitions as defs
from ..core import formatting as fmt
from ..core.classify import DEM_METADATA_KEY
from ..core.coverage_settings import DEFAULTS, RANGES, CoverageSettings, CoverageSettingsError, validity_notes
from ..errors import describe
from ..i18n import tr, ui_lang
from ..input_text import first_listed
from ..io.coverage_sites import PLAUSIBLE, SITE_FIELDS, implausible_text, sites_from_features  # noqa: F401
from ..io.layers import source_features
from ..io.styles_coverage import CoverageStyler
from ..labels import model_labels, quantity_labels, resolution_labels
from .base import KaltimAlgorithm
from .params import refuse_dem_fill, refuse_not_a_dem

MODELS = defs.MODELS
QUANTITY_OFFSETS_DB = tuple(defs.QUANTITY_OFFSETS_DB[q] for q in defs.QUANTITIES)

# enum order is the saved parameter value: keep it (models and scripts store the index)
RESOLUTIONS = defs.RESOLUTIONS
RAY_STEPS = defs.RAY_STEPS
DEFAULT_RESOLUTION = defs.DEFAULT_RESOLUTION


def _range(setting: str) -> dict:
    """minValue/maxValue of a parameter: the core's valid range of the coverage setting ``setting``."""
    return dict(zip(("minValue", "maxValue"), RANGES[setting]))


def dem_crs_of(path: str, fallback=None) -> QgsCoordinateReferenceSystem:
    from osgeo import gdal

    ds = gdal.Open(str(path))
    wkt = ds.GetProjection() if ds is not None else ""
    crs = QgsCoordinateReferenceSystem.fromWkt(wkt) if wkt else QgsCoordinateReferenceSystem()
    if not crs.isValid() and fallback is not None:
        return fallback
    return crs


def dem_extent_text(path: str) -> str:
    from osgeo import gdal

    ds = gdal.Open(str(path))
    gt = ds.GetGeoTransform()
    xs, ys = ds.RasterXSize, ds.RasterYSize
    return f"({gt[0]:.0f}, {gt[3] + gt[5] * ys:.0f}) - ({gt[0] + gt[1] * xs:.0f}, {gt[3]:.0f})"


def mark_dem(out_path: str, dem_path: str, source_path: str = "") -> None:
    """Name the DEM the coverage was computed on in the raster's metadata (core.classify.DEM_METADATA_KEY), so that
    classify can tell DEM holes (signal not measured) from cells beyond the range of every site (no signal).

    When that DEM is the metric copy of a DEM in degrees (a temporary file, gone after QGIS exits), the user's
    ``source_path`` is named too (core.classify.DEM_SOURCE_METADATA_KEY): classify reprojects it again."""
    from osgeo import gdal

    from ..core.classify import DEM_SOURCE_METADATA_KEY

    ds = gdal.Open(str(out_path), gdal.GA_Update)
    if ds is not None:
        metric = os.path.abspath(str(dem_path))
        ds.SetMetadataItem(DEM_METADATA_KEY, metric)
        source = os.path.abspath(str(source_path)) if source_path and os.path.isfile(str(source_path)) else ""
        if source and os.path.normcase(source) != os.path.normcase(metric):
            ds.SetMetadataItem(DEM_SOURCE_METADATA_KEY, source)
        ds.FlushCache()
    ds = None


def sites_on_nodata(dem_path: str, sites) -> list:
    """(site id, x, y) of the sites (on the DEM) whose own DEM cell is nodata: their ground elevation is unknown."""
    from osgeo import gdal

    ds = gdal.Open(str(dem_path))
    band = ds.GetRasterBand(1)
    nodata = band.GetNoDataValue()
    gt, xsize, ysize = ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize
    found = []
    for s in sites:
        row, col = cov._site_cell(gt, s)
        if not (0 <= col < xsize and 0 <= row < ysize):
            continue
        v = float(band.ReadAsArray(col, row, 1, 1)[0, 0])
        if not math.isfinite(v) or (nodata is not None and v == nodata):
            found.append((s.site_id, s.x, s.y))
    return found


class CoverageAlgorithm(KaltimAlgorithm):
    ALG_ID = "coverage"
    GROUP_ID = "coverage"

    def __init__(self):
        super().__init__()
        self._post = None

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SITES", tr("Sites (tower points)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterRasterLayer("DEM", tr("DEM (elevation in metres)")))
        self.addParameter(QgsProcessingParameterEnum("MODEL", tr("Propagation model"), options=model_labels(),
                                                     defaultValue=MODELS.index(DEFAULTS.model)))
        self.addParameter(QgsProcessingParameterNumber(
            "RX_HEIGHT", tr("Receiver height above ground (m)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=DEFAULTS.rx_height_m, **_range("rx_height_m")))
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_DBM", tr("Coverage threshold (dBm)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=DEFAULTS.threshold_dbm, **_range("threshold_dbm")))
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_RADIUS_M", tr("Maximum radius around each site (m)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=DEFAULTS.max_radius_m, **_range("max_radius_m")))
        k = QgsProcessingParameterNumber("K_FACTOR", tr("Effective earth radius factor k"),
                                         QgsProcessingParameterNumber.Type.Double, defaultValue=1.3333,
                                         **_range("k_factor"))
        k.setFlags(k.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(k)
        self.addParameter(QgsProcessingParameterEnum("RESOLUTION", tr("Resolution"), options=resolution_labels(),
                                                     defaultValue=RESOLUTIONS.index(DEFAULT_RESOLUTION)))
        self.addParameter(QgsProcessingParameterNumber(
            "EXTRA_LOSS_DB", tr("Clutter / foliage margin (dB)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=DEFAULTS.clutter_margin_db, **_range("clutter_margin_db")))
        self.addParameter(QgsProcessingParameterRasterLayer(
            "LAND_COVER", tr("Land cover (optional: clutter per cell instead of the flat margin)"), optional=True))
        table = QgsProcessingParameterFile(
            "CLUTTER_TABLE", tr("Clutter table: land-cover class -> clutter height and distance (CSV)"),
            extension="csv", optional=True)
        table.setFlags(table.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(table)
        self.addParameter(QgsProcessingParameterEnum("QUANTITY", tr("Signal quantity"), options=quantity_labels(),
                                                     defaultValue=defs.QUANTITIES.index(DEFAULTS.quantity)))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", tr("Coverage")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT_SERVER", tr("Serving site index"), optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputString("SERVER_IDS", tr("Serving site index -> site id (JSON)")))
        self.addOutput(QgsProcessingOutputNumber("SITES_COMPUTED", tr("Sites computed")))
        self.addOutput(QgsProcessingOutputNumber("SITES_SKIPPED", tr("Sites skipped (outside the DEM)")))
        self.addOutput(QgsProcessingOutputNumber("NODATA_SHARE", tr("Share of DEM nodata within range")))
        self.addOutput(QgsProcessingOutputNumber("SITES_DEFAULTED", tr("Sites with default parameters")))
        self.addOutput(QgsProcessingOutputString("MODEL_USED", tr("Model used")))
        self.addOutput(QgsProcessingOutputString("CLUTTER_USED", tr("Clutter used (flat margin or land cover)")))
        self.addOutput(QgsProcessingOutputString("DEM_USED", tr("DEM used (reprojected if it was in degrees)")))

    # ------------------------------------------------------------------------------------------ helpers
    def _dem_path(self, parameters, context, feedback):
        layer = self.parameterAsRasterLayer(parameters, "DEM", context)
        if layer is None or not layer.isValid():
            raise QgsProcessingException(tr("Cannot read the DEM: {src}. Check the path and format.")
                                         .format(src=parameters.get("DEM")))
        if layer.providerType() != "gdal":
            raise QgsProcessingException(tr("The DEM '{name}' is not a GDAL raster file (provider {p}); save it as "
                                            "a GeoTIFF first.").format(name=layer.name(), p=layer.providerType()))
        path = layer.source()
        if not layer.crs().isValid():
            raise QgsProcessingException(tr(
                "The DEM '{name}' has no CRS, so the sites cannot be placed on it: set its CRS (Layer Properties > "
                "Source, e.g. EPSG:32750 for UTM 50S) or use a DEM file that declares it.").format(name=layer.name()))
        refuse_not_a_dem(path, layer.name())
        refuse_dem_fill(path, layer.name())
        tmpdir = QgsProcessingUtils.tempFolder() if hasattr(QgsProcessingUtils, "tempFolder") else tempfile.mkdtemp()
        try:
            metric, message = cov.ensure_metric_dem(path, os.path.join(tmpdir, "kaltim_dem_utm"))
        except cov.CoverageError as exc:
            raise QgsProcessingException(tr("Cannot reproject the DEM '{name}' from degrees to metres: {why}")
                                         .format(name=layer.name(), why=describe(exc))) from exc
        from osgeo import gdal

        ds = gdal.Open(metric)
        try:
            cov._check_dem(ds, metric)
        except cov.CoverageError as exc:
            if exc.code == "cov_dem_units":
                raise QgsProcessingException(tr("The DEM '{name}' is not in metres (its CRS uses other linear units): "
                                                "reproject it to a metric CRS such as EPSG:32750 (UTM 50S) first.")
                                             .format(name=layer.name())) from exc
            if exc.code == "cov_dem_not_north_up":
                raise QgsProcessingException(tr("The DEM '{name}' is rotated or flipped (not a north-up grid): warp "
                                                "it (Raster > Projections > Warp) first.").format(name=layer.name())
                                             ) from exc
            raise QgsProcessingException(tr("Coverage failed: {why}").format(why=describe(exc))) from exc
        finally:
            ds = None
        if message:
            crs = dem_crs_of(metric)
            text = tr("The DEM '{name}' is in geographic degrees, so distances would be wrong: it was reprojected "
                      "to {crs} ({desc}) into '{path}'. The coverage is computed on that grid.").format(
                name=layer.name(), crs=crs.authid(), desc=crs.description(), path=metric)
            if hasattr(feedback, "pushWarning"):
                feedback.pushWarning(text)
            else:
                feedback.reportError(text)
        return metric, dem_crs_of(metric, layer.crs()), layer.name()

    # ------------------------------------------------------------------------------------------ steps
    def _settings(self, parameters, context) -> CoverageSettings:
        model = MODELS[self.parameterAsEnum(parameters, "MODEL", context)]
        radius = self.parameterAsDouble(parameters, "MAX_RADIUS_M", context)
        k_factor = self.parameterAsDouble(parameters, "K_FACTOR", context)
        rx_height = self.parameterAsDouble(parameters, "RX_HEIGHT", context)
        if not (math.isfinite(radius) and radius > 0):
            raise QgsProcessingException(tr("The maximum radius must be greater than 0 m (got {r:g} m). Typical "
                                            "values: 10000-30000 m for rural 4G.").format(r=radius))
        if not (math.isfinite(k_factor) and k_factor > 0):
            raise QgsProcessingException(tr("The k-factor must be greater than 0 (got {k:g}); use 1.3333 (4/3) for "
                                            "the standard atmosphere.").format(k=k_factor))
        if not (math.isfinite(rx_height) and rx_height >= 0):
            raise QgsProcessingException(tr("The receiver height must be 0 m or more (got {h:g} m).")
                                         .format(h=rx_height))
        land_cover = self.parameterAsRasterLayer(parameters, "LAND_COVER", context)
        table = self.parameterAsFile(parameters, "CLUTTER_TABLE", context) or clutter.default_table_path()
        try:
            lc_path = land_cover.source() if land_cover is not None and model not in defs.LOS_MODELS else ""
            return CoverageSettings(
                model=model, quantity=defs.QUANTITIES[self.parameterAsEnum(parameters, "QUANTITY", context)],
                clutter_margin_db=max(self.parameterAsDouble(parameters, "EXTRA_LOSS_DB", context), 0.0),
                threshold_dbm=self.parameterAsDouble(parameters, "THRESHOLD_DBM", context), rx_height_m=rx_height,
                resolution=RESOLUTIONS[self.parameterAsEnum(parameters, "RESOLUTION", context)], k_factor=k_factor,
                max_radius_m=radius, land_cover_path=lc_path, clutter_table_path=table if lc_path else "",
                clutter_table_sha=clutter.table_sha(table) if lc_path and os.path.isfile(table) else "").validate()
        except CoverageSettingsError as exc:
            raise QgsProcessingException(describe(exc)) from None

    def _sites(self, source, dem_crs, context, feedback, settings):
        transform = None
        if source.sourceCrs().isValid() and dem_crs.isValid() and source.sourceCrs() != dem_crs:
            transform = QgsCoordinateTransform(source.sourceCrs(), dem_crs, context.transformContext())
        # points only (a point is never an invalid geometry): QGIS's check of the source is skipped
        read = sites_from_features(source_features(source), source.fields(), transform)
        sites = read["sites"]
        if read["implausible"]:
            raise QgsProcessingException(implausible_text(read["implausible"], "SITES"))
        if read["not_point"]:  # a layer of mixed types (one of lines or polygons only is refused before the run)
            raise QgsProcessingException(tr(
                "SITES: {n} feature(s) of the layer {name} are lines or polygons, not points: a tower is a point "
                "({ids}). Remove them or give a point layer of towers (e.g. the output of 'Import towers / "
                "sites').").format(n=len(read["not_point"]), name=source.sourceName(),
                                   ids=first_listed(read["not_point"], 20)))
        if read["no_geometry"]:
            feedback.pushWarning(tr("{n} site(s) without a point geometry were ignored: {ids}").format(
                n=len(read["no_geometry"]), ids=", ".join(read["no_geometry"][:20])))
        if read["transform_failed"]:
            feedback.pushWarning(tr("{n} site(s) could not be transformed to the DEM's CRS and were ignored: {ids}")
                              .format(n=len(read["transform_failed"]), ids=", ".join(read["transform_failed"][:20])))
        rsrp_offset = defs.QUANTITY_OFFSETS_DB[settings.quantity]
        if rsrp_offset and not settings.is_los:
            feedback.pushInfo(tr("Output is 4G RSRP: received power per resource element, {db:.1f} dB below the "
                                 "total received power.").format(db=rsrp_offset))
        if settings.clutter_margin_db > 0 and not settings.is_los and not settings.uses_land_cover:
            feedback.pushInfo(tr("A clutter / foliage margin of {db:g} dB is added to every path loss.")
                              .format(db=settings.clutter_margin_db))
        for site in sites:  # a constant extra path loss is the same as a lower EIRP for every site
            site.eirp_dbm -= settings.eirp_offset_db
        if not sites:
            raise QgsProcessingException(tr("No usable site: every feature of the site layer lacks a point "
                                            "geometry (or could not be transformed to the DEM's CRS)."))
        if read["defaulted"]:
            feedback.pushInfo(tr("{n} of {total} site(s) lacked height_m, freq_mhz or eirp_dbm and used the "
                                 "defaults of their tech (4G when tech is missing).").format(
                n=read["defaulted"], total=len(sites)))
        else:
            feedback.pushInfo(tr("All {total} site(s) have their own height, frequency and EIRP.")
                              .format(total=len(sites)))
        return sites, int(read["defaulted"])

    def _extent(self, sites, settings, dem, source, feedback):
        """(settings with the radius bounded by the DEM, ids of the sites outside the DEM)."""
        from osgeo import gdal

        dem_path, dem_crs, dem_name = dem
        ds = gdal.Open(dem_path)
        gt, xsize, ysize = ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize
        ds = None
        diagonal = math.hypot(xsize * gt[1], ysize * gt[5])
        if settings.max_radius_m > diagonal:  # no site reaches farther than the DEM: no windows beyond it
            feedback.pushInfo(tr("The radius {r:,.0f} m is larger than the DEM ({d:,.0f} m corner to corner): "
                                 "{d:,.0f} m is used.").format(r=settings.max_radius_m, d=diagonal))
            settings = replace(settings, max_radius_m=diagonal)
        outside = [s.site_id for s in sites if not cov._site_inside(gt, xsize, ysize, s)]
        if len(outside) == len(sites):
            shown = first_listed(outside, 20)
            raise QgsProcessingException(tr(
                "All {n} site(s) are outside the DEM '{dem}' (extent {extent} in {crs}): {ids}. Check that the "
                "site layer's CRS is set correctly ({src_crs}) and that the DEM covers the sites.").format(
                n=len(outside), dem=dem_name, extent=dem_extent_text(dem_path), crs=dem_crs.authid(), ids=shown,
                src_crs=source.sourceCrs().authid() or tr("no CRS")))
        if outside:
            shown = first_listed(outside, 50)
            feedback.pushInfo(tr("{n} site(s) outside the DEM were skipped (check their coordinates/CRS or use a "
                                 "larger DEM): {ids}").format(n=len(outside), ids=shown))
        inside = [s for s in sites if s.site_id not in set(outside)]
        self._warn_sites_on_nodata(dem_path, dem_crs, dem_name, inside, feedback)
        for note in validity_notes(settings.model, inside, settings.max_radius_m, settings.rx_height_m):
            feedback.pushInfo(describe(note))
        feedback.pushInfo(tr("Model {model}, resolution {res}, radius {r:.0f} m, receiver {h:g} m, k = {k:g}, "
                             "threshold {t:g} dBm; {n} site(s) on the DEM grid {x} x {y} cells.").format(
            model=settings.model, res=settings.resolution, r=settings.max_radius_m, h=settings.rx_height_m,
            k=settings.k_factor, t=settings.threshold_dbm, n=len(inside), x=xsize, y=ysize))
        return settings, outside

    @staticmethod
    def _warn_sites_on_nodata(dem_path, dem_crs, dem_name, sites, feedback, most: int = 20):
        """A warning naming each site (the first ``most``) that stands on a DEM nodata cell."""
        found = sites_on_nodata(dem_path, sites)
        if not found:
            return
        shown = "; ".join(f"{sid} (x {x:.0f}, y {y:.0f})" for sid, x, y in found[:most])
        feedback.pushWarning(tr(
            "{n} of {total} site(s) stand on a DEM nodata cell of '{dem}' (coordinates in {crs}): {sites}{more}. "
            "Their ground elevation is unknown (the lowest DEM cell within range is used instead), so their coverage "
            "is not reliable, and the villages around them may look like blank spots. Fill the DEM's holes (Raster "
            "> Analysis > Fill nodata) or use a DEM that covers these sites, and check their coordinates; then run "
            "coverage again.").format(n=len(found), total=len(sites), dem=dem_name, crs=dem_crs.authid(),
                                      sites=shown, more=" …" if len(found) > most else ""))

    @staticmethod
    def itm_time_text(dem_path, n_sites, settings):
        """The log's line before an ITM run and whether it is a warning (a long run, or ITM in Python): its receivers
        a site and the time they take (core.coverage.itm_run_cost)."""
        from osgeo import gdal

        gt = gdal.Open(str(dem_path)).GetGeoTransform()
        per_site, seconds, total, threads = cov.itm_run_cost(min(abs(gt[1]), abs(gt[5])), settings.max_radius_m,
                                                             defs.RAY_STEPS[settings.resolution], n_sites)
        lang = ui_lang()
        figures = dict(r=fmt.integer(per_site, lang), s=fmt.about(seconds, lang), m=fmt.about(total / 60.0, lang),
                       n=fmt.integer(n_sites, lang), t=fmt.integer(threads, lang))
        if itm.compiled_expected():
            text = tr("Longley-Rice ITM (compiled by numba) computes one terrain profile per receiver: {r} receivers a "
                      "site here, about {s} s a site and {m} min for the {n} site(s) on {t} thread(s) (measured on a "
                      "2-core machine; P.526 takes a few hundredths of a second a site). Cancel stops it between two "
                      "rays.").format(**figures)
            return text, total > cov.ITM_LONG_S
        text = tr("Longley-Rice ITM computes one terrain profile per receiver in Python: {r} receivers a site here, "
                  "about {s} s a site and {m} min for the {n} site(s) (measured on a 2-core machine; P.526 takes a "
                  "few hundredths of a second a site). Cancel stops it between two rays; to compare the models on a "
                  "few sites, select them and tick 'Selected features only', or use the signal probe.").format(
            **figures)
        if kernels.AVAILABLE:  # numba is there but off or failing: the kernels' line says why
            return text, True
        return text + " " + tr("Installing numba makes it about 50 times faster: on Debian/Ubuntu apt install "
                               "python3-numba; in the OSGeo4W Shell python -m pip install numba."), True

    @staticmethod
    def _kernels_text(compiled, model="p526") -> str:
        """The log line on the ray kernels: compiled (numba) or numpy, and why."""
        if compiled:
            return tr("Ray kernels: compiled (numba).")
        if kernels.AVAILABLE and kernels.FAILURE[0]:
            return tr("Ray kernels: numpy (numba could not compile them: {error}; the same result, computed more "
                      "slowly).").format(error=kernels.FAILURE[0])
        if model == "itm" and itm.FAILURE[0]:
            return tr("Ray kernels: ITM in Python (numba could not compile it: {error}; the same result, computed "
                      "more slowly).").format(error=itm.FAILURE[0])
        if kernels.AVAILABLE:
            return tr("Ray kernels: numpy (KALTIM_NUMBA=0).")
        return tr("Ray kernels: numpy (numba is not installed; the same result, computed more slowly). For faster "
                  "coverage install numba: on Debian/Ubuntu apt install python3-numba; in the OSGeo4W Shell python -m "
                  "pip install numba.")

    def _clutter(self, settings, dem_path, feedback, sites=()):
        """(settings, the land-cover clutter grid on the DEM grid), with their log lines. The grid is None for the
        flat margin: without a land cover, and when the land cover gives no cell of the DEM a class of the table
        (then the settings, the raster's metadata and CLUTTER_USED say 'flat margin', as they are, and the margin
        is taken off the EIRP of ``sites`` as without land cover)."""
        if not settings.uses_land_cover:
            return settings, None
        from osgeo import gdal

        _refuse_not_classes(settings.land_cover_path)
        try:
            grid = clutter.clutter_for(settings, gdal.Open(dem_path))
        except clutter.ClutterError as exc:
            raise QgsProcessingException(describe(exc)) from None
        counts = grid.count_unclassified(is_canceled=feedback.isCanceled)
        if counts is None:  # cancelled while the land cover was counted: the run stops before any output
            raise cov.CoverageCanceled("canceled while counting the land cover")
        flat = counts["nodata"] + counts["unknown"]
        if counts["cells"] and flat >= counts["cells"]:
            # no cell takes its clutter from the land cover (was: an info line and CLUTTER_USED 'landcover:...')
            feedback.pushWarning(_no_clutter_text(settings, grid, counts))
            flat_settings = replace(settings, land_cover_path="", clutter_table_path="", clutter_table_sha="")
            for site in sites:  # the flat margin is part of the EIRP offset without land cover (see _sites)
                site.eirp_dbm -= flat_settings.eirp_offset_db - settings.eirp_offset_db
            return flat_settings, None
        feedback.pushInfo(tr("Clutter from the land cover '{name}' (table {table}, {n} classes; ITU-R P.452-17 "
                             "§4.5 at the receiver height {h:g} m), resampled (nearest) to the DEM grid.").format(
            name=os.path.basename(settings.land_cover_path), table=os.path.basename(grid.table_path),
            n=len(grid.table), h=settings.rx_height_m))
        if flat:
            feedback.pushInfo(tr("{n:,} of {total:,} cells have no land-cover class ({nd:,} nodata or outside the "
                                 "land cover, {unk:,} with a class missing from the table): they keep the flat "
                                 "margin of {db:g} dB.").format(n=flat, total=counts["cells"], nd=counts["nodata"],
                                                               unk=counts["unknown"], db=settings.clutter_margin_db))
        return settings, grid

    @staticmethod
    def _canceled(context, feedback):
        """A cancelled run: said, and nothing loaded."""
        feedback.pushInfo(tr("Coverage canceled: no output was written."))
        context.setLayersToLoadOnCompletion({})

    def _run(self, dem_path, sites, settings, grid, out_path, server_path, context, feedback):
        try:
            return cov.run_coverage(dem_path, sites, out_path, model=settings.model, rx_height=settings.rx_height_m,
                                    threshold_dbm=settings.threshold_dbm, max_radius_m=settings.max_radius_m,
                                    k_factor=settings.k_factor, server_path=server_path,
                                    progress=feedback.setProgress, is_canceled=feedback.isCanceled,
                                    ray_step_cells=RAY_STEPS[settings.resolution], clutter=grid)
        except cov.CoverageCanceled:
            self._canceled(context, feedback)
            return None
        except cov.CoverageError as exc:
            raise QgsProcessingException(tr("Coverage failed: {why}").format(why=describe(exc))) from exc

    # ------------------------------------------------------------------------------------------ run
    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "SITES", context)
        if source is None:
            raise QgsProcessingException(tr("Cannot read the site layer: {src}.").format(src=parameters.get("SITES")))
        if source.featureCount() == 0:
            raise QgsProcessingException(tr("The site layer is empty: add at least one tower point (e.g. with "
                                            "'Import sites') before computing coverage."))
        settings = self._settings(parameters, context)
        dem = self._dem_path(parameters, context, feedback)
        sites, defaulted = self._sites(source, dem[1], context, feedback, settings)
        settings, outside = self._extent(sites, settings, dem, source, feedback)
        try:
            settings, grid = self._clutter(settings, dem[0], feedback, sites)
        except cov.CoverageCanceled:  # while the land cover was counted (seconds on a province at 30 m)
            self._canceled(context, feedback)
            return {}
        out_path = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        server_path = self.parameterAsOutputLayer(parameters, "OUTPUT_SERVER", context) or None
        if settings.model == "itm":
            text, warn = self.itm_time_text(dem[0], len(sites), settings)
            (feedback.pushWarning if warn else feedback.pushInfo)(text)
        stats = self._run(dem[0], sites, settings, grid, out_path, server_path, context, feedback)
        if stats is None:
            return {}
        if stats["cells_computed"] == 0:
            from osgeo import gdal

            for p in (out_path, server_path):
                if p and os.path.exists(p):
                    gdal.GetDriverByName("GTiff").Delete(p)
            raise QgsProcessingException(tr("The DEM has no elevation (only nodata) within {r:.0f} m of any "
                                            "site, so no coverage can be computed. Check the DEM.").format(
                r=settings.max_radius_m))
        # the settings travel with the raster: every later step of the chain reads them (core.coverage_settings)
        settings.write_raster(out_path)
        mark_dem(out_path, dem[0], self.parameterAsRasterLayer(parameters, "DEM", context).source())
        share = float(stats["nodata_share"])
        if share > 0:
            feedback.pushInfo(tr("{p:.1%} of the cells within range of a site are DEM nodata (holes): they are "
                                 "nodata in the output, not 'no signal'.").format(p=share))
        feedback.pushInfo(tr("{n} site(s) computed in {s:.1f} s.").format(n=stats["sites_computed"],
                                                                          s=stats["elapsed_s"]))
        if settings.model in cov.RAY_MODELS:
            feedback.pushInfo(self._kernels_text(stats.get("compiled_kernels"), settings.model))
        server_ids = {str(i): sid for i, sid in stats["server_ids"].items()}
        self._post = dict(out=out_path, server=server_path, kind=settings.kind, threshold=settings.threshold_dbm,
                          n=int(stats["sites_computed"]), server_ids=server_ids)
        return {"OUTPUT": out_path, "OUTPUT_SERVER": server_path, "SERVER_IDS": json.dumps(server_ids),
                "SITES_COMPUTED": int(stats["sites_computed"]), "SITES_SKIPPED": len(outside),
                "NODATA_SHARE": share, "SITES_DEFAULTED": defaulted, "MODEL_USED": settings.model,
                "DEM_USED": dem[0], "CLUTTER_USED": settings.clutter_use}

    def postProcessAlgorithm(self, context, feedback):
        post = self._post
        if post:
            CoverageStyler.attach(context, post["out"], "coverage", post["kind"], post["threshold"], post["n"],
                                  name=tr("Coverage (line of sight)") if post["kind"] == "los"
                                  else tr("Coverage (dBm)"))
            if post["server"]:
                CoverageStyler.attach(context, post["server"], "server", server_ids=post["server_ids"],
                                      name=tr("Serving site"))
        return {}


ALGORITHM = CoverageAlgorithm


def _refuse_not_classes(path: str) -> None:
    """Refuse a LAND_COVER raster that holds no class codes: decimal values, or more distinct values than a
    classification has (a DEM given as land cover: its heights would be read as classes where they happen to match
    one, e.g. 10, 20 or 50 m). Read on a thumbnail of at most 512 x 512 cells."""
    import numpy as np
    from osgeo import gdal

    ds = gdal.Open(str(path))
    if ds is None:
        return  # clutter.clutter_for says why
    band = ds.GetRasterBand(1)
    scale = max(1, int(math.ceil(max(ds.RasterXSize, ds.RasterYSize) / 512)))
    arr = band.ReadAsArray(buf_xsize=max(1, ds.RasterXSize // scale), buf_ysize=max(1, ds.RasterYSize // scale),
                           buf_type=gdal.GDT_Float64)
    nd = band.GetNoDataValue()
    values = arr[np.isfinite(arr) & ((arr != nd) if nd is not None else True)]
    if values.size == 0:
        return
    fraction = values[values != np.round(values)]
    distinct = np.unique(values).size
    if fraction.size or distinct > 255:
        raise QgsProcessingException(tr(
            "The land cover '{name}' does not hold land-cover classes ({why}): is it a DEM? Give a classified land "
            "cover (e.g. ESA WorldCover: 10 tree cover, 40 cropland, 50 built-up, 80 water) whose classes are in "
            "the clutter table.").format(
            name=os.path.basename(path), why=tr("decimal values such as {v:g}").format(v=float(fraction[0]))
            if fraction.size else tr("{n} different values").format(n=distinct)))


def _no_clutter_text(settings, grid, counts) -> str:
    """The warning for a land cover that gives no cell of the DEM a class of the table, with the reason and the
    fix."""
    name, table = os.path.basename(settings.land_cover_path), os.path.basename(grid.table_path)
    db, total = settings.clutter_margin_db, counts["cells"]
    if counts["unknown"] == 0:
        return tr("The land cover '{name}' adds no clutter: it does not overlap the DEM (all {total:,} cells are "
                  "outside it or nodata). Every cell keeps the flat margin of {db:g} dB and the output says 'flat "
                  "margin'. Give a land cover that covers the DEM's area.").format(name=name, total=total, db=db)
    values = ", ".join(str(v) for v in grid.unknown_classes())
    if counts["nodata"] == 0:
        return tr("The land cover '{name}' adds no clutter: none of its values ({values} ...) is a class of the "
                  "clutter table {table}. Every cell keeps the flat margin of {db:g} dB and the output says 'flat "
                  "margin'. Give the land-cover raster the table is for (e.g. ESA WorldCover, not the DEM), or add "
                  "its classes to the table.").format(name=name, values=values, table=table, db=db)
    return tr("The land cover '{name}' adds no clutter: of the {total:,} cells, {nd:,} are outside it or nodata and "
              "the others have values ({values} ...) that are not classes of the clutter table {table}. Every cell "
              "keeps the flat margin of {db:g} dB and the output says 'flat margin'. Give a land cover that covers "
              "the DEM and whose classes the table lists.").format(name=name, total=total, nd=counts["nodata"],
                                                                    values=values, table=table, db=db)
