"""kaltiminternet:candidates — candidate sites for new coverage: offices of uncovered villages, hilltops near them
(local DEM maxima with a minimum prominence, found window by window) and existing towers (co-location)."""
from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ..compat import FieldType
from ..core.costs import default_cost_table
from ..core.coverage import CoverageError
from ..core.villages import detect_fields
from ..i18n import tr
from ..io.priority_layers import (
    as_float,
    find_field,
    make_fields,
    open_metric_dem,
    point_geometry,
    points_to_crs,
    read_table,
    sample_raster,
)
from ..io.styles_priority import attach_style
from .base import KaltimAlgorithm

CANDIDATE_FIELDS = [("cand_id", FieldType.String), ("kind", FieldType.String), ("cost_idr", FieldType.Double),
                    ("elev_m", FieldType.Double), ("village_code", FieldType.String), ("operator", FieldType.String),
                    ("height_m", FieldType.Double), ("prominence_m", FieldType.Double)]
COVERED_CODES = ("covered", "tercakup", "terlayani")


def find_hilltops(z: np.ndarray, valid: np.ndarray, centre_rc, pixel_m: float, radius_m: float,
                  neighbourhood_m: float, min_prominence_m: float, max_count: int):
    """Local maxima of ``z`` within ``radius_m`` of ``centre_rc`` (row, col in the window).

    A cell is a hilltop when it is the highest cell within ``neighbourhood_m`` and stands at least
    ``min_prominence_m`` above the lowest valid cell of that neighbourhood. Plateaus and nearby peaks are
    thinned: peaks are taken highest first and any peak within ``neighbourhood_m`` of a kept one is dropped.
    Returns a list of (row, col, elevation, prominence), highest first (ties: row, col).
    """
    from scipy import ndimage

    k = max(1, int(math.ceil(neighbourhood_m / pixel_m)))
    size = 2 * k + 1
    low = np.where(valid, z, np.inf)
    high = np.where(valid, z, -np.inf)
    zmax = ndimage.maximum_filter(high, size=size, mode="nearest")
    zmin = ndimage.minimum_filter(low, size=size, mode="nearest")
    rr, cc = np.indices(z.shape)
    dist = np.hypot(rr - centre_rc[0], cc - centre_rc[1]) * pixel_m
    prom = high - zmin
    cand = valid & (high >= zmax) & (prom >= min_prominence_m) & (dist <= radius_m)
    idx = np.flatnonzero(cand.ravel())
    if idx.size == 0:
        return []
    r, c = np.unravel_index(idx, z.shape)
    order = np.lexsort((c, r, -high[r, c]))
    kept = []
    for o in order:
        if any(math.hypot(r[o] - kr, c[o] - kc) * pixel_m <= neighbourhood_m for kr, kc, _e, _p in kept):
            continue
        kept.append((int(r[o]), int(c[o]), float(high[r[o], c[o]]), float(prom[r[o], c[o]])))
        if len(kept) >= max_count:
            break
    return kept


class CandidatesAlgorithm(KaltimAlgorithm):
    ALG_ID = "candidates"
    GROUP_ID = "priority"

    def displayName(self) -> str:
        return tr("Candidate sites")

    def shortHelpString(self) -> str:
        return tr(
            "Builds candidate sites for new towers around the villages that are not covered (status other than "
            "covered; all villages when there is no status field): the village offices (kind office), hilltops "
            "within HILLTOP_RADIUS_M of those offices (kind hilltop: the highest cell within NEIGHBOURHOOD_M that "
            "stands at least MIN_PROMINENCE_M above the lowest cell around it; the DEM is read window by window "
            "around each village) and existing towers within COLO_MAX_KM (kind colo: co-location, cheaper). The "
            "cost of a new tower is the cost table's bts_4g_3t CAPEX; co-location costs its 'colo' row, else the "
            "4G booster row. Output points (in a metric CRS): cand_id, kind, cost_idr, elev_m, village_code, "
            "operator, height_m, prominence_m — ready for 'Optimise sites'.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "VILLAGES", tr("Villages (office points, or polygons)"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterField(
            "STATUS_FIELD", tr("Coverage status field (default: status)"), parentLayerParameterName="VILLAGES",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "CODE_FIELD", tr("Village code field (empty = detect)"), parentLayerParameterName="VILLAGES",
            optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer("DEM", tr("DEM (for hilltops and elevations)"),
                                                            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SITES", tr("Existing towers (co-location)"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterBoolean("INCLUDE_OFFICES", tr("Village offices"), True))
        self.addParameter(QgsProcessingParameterBoolean("INCLUDE_HILLTOPS", tr("Hilltops"), True))
        self.addParameter(QgsProcessingParameterBoolean("INCLUDE_COLO", tr("Existing towers (co-location)"), True))
        self.addParameter(QgsProcessingParameterNumber(
            "HILLTOP_RADIUS_M", tr("Search radius for hilltops around a village (m)"),
            QgsProcessingParameterNumber.Type.Double, 5000.0, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_PROMINENCE_M", tr("Minimum hilltop prominence (m)"), QgsProcessingParameterNumber.Type.Double, 50.0,
            minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "NEIGHBOURHOOD_M", tr("Hilltop neighbourhood (m)"), QgsProcessingParameterNumber.Type.Double, 1000.0,
            minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_HILLTOPS_PER_VILLAGE", tr("Hilltops per village (at most)"), QgsProcessingParameterNumber.Type.Integer,
            2, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "COLO_MAX_KM", tr("Towers for co-location: within this distance of an uncovered village (km)"),
            QgsProcessingParameterNumber.Type.Double, 10.0, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "TOWER_HEIGHT_M", tr("Height of a new tower (m)"), QgsProcessingParameterNumber.Type.Double, 42.0,
            minValue=1))
        self.addParameter(QgsProcessingParameterFile(
            "COST_TABLE", tr("Cost table (CSV or JSON; empty = defaults)"), QgsProcessingParameterFile.Behavior.File,
            fileFilter=tr("Cost tables (*.csv *.json)"), optional=True))
        p = QgsProcessingParameterField("SITE_OPERATOR_FIELD", tr("Tower operator field (default: operator)"),
                                        parentLayerParameterName="SITES", optional=True)
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Candidate sites"), QgsProcessing.SourceType.TypeVectorPoint))
        for key, label in (("COUNT", tr("Candidates")), ("COUNT_OFFICE", tr("Office candidates")),
                           ("COUNT_HILLTOP", tr("Hilltop candidates")), ("COUNT_COLO", tr("Co-location candidates"))):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "VILLAGES", context)
        if source is None:
            raise QgsProcessingException(tr("Cannot read the village layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("VILLAGES")))
        table = read_table(source, context=context, feedback=feedback)
        if len(table) == 0:
            raise QgsProcessingException(tr("The village layer has no features. Choose a layer with villages."))
        names = table.names()
        feedback.pushInfo(tr("Candidates are computed in {crs}.").format(crs=table.crs.authid()))
        status_field = find_field(names, self.parameterAsString(parameters, "STATUS_FIELD", context), ("status",))
        code_field = find_field(names, self.parameterAsString(parameters, "CODE_FIELD", context)) or \
            detect_fields(names).code
        codes = table.column(code_field) if code_field else [str(fid) for fid in table.fids]
        if status_field:
            uncovered = np.array([str(v).strip().lower() not in COVERED_CODES if v is not None else True
                                  for v in table.column(status_field)])
            feedback.pushInfo(tr("{k} of {n} villages are not covered (field {f}).").format(
                k=int(uncovered.sum()), n=len(table), f=status_field))
        else:
            uncovered = np.ones(len(table), dtype=bool)
            feedback.pushWarning(tr("No status field: every village is treated as not covered. Run 'Classify "
                                    "villages' first to restrict candidates to blank spots."))
        uncovered &= np.all(np.isfinite(table.xy), axis=1)
        targets = np.flatnonzero(uncovered)

        path = self.parameterAsFile(parameters, "COST_TABLE", context)
        costs = default_cost_table()
        if path:
            from ..io.priority_layers import load_cost_table

            try:
                costs = load_cost_table(path)
            except (OSError, ValueError, KeyError, TypeError) as e:
                raise QgsProcessingException(tr("Cannot read the cost table {path}: {error}").format(
                    path=path, error=str(e))) from None
        defaults = default_cost_table()
        bts_item = costs.get("bts_4g_3t") or defaults["bts_4g_3t"]
        colo_item = costs.get("colo") or costs.get("booster_4g") or defaults["booster_4g"]
        tower_h = self.parameterAsDouble(parameters, "TOWER_HEIGHT_M", context)

        # DEM -----------------------------------------------------------------------------------------------
        ds = dem_crs = None
        dem_layer = self.parameterAsRasterLayer(parameters, "DEM", context)
        if dem_layer is not None:
            try:
                ds, dem_crs, msg = open_metric_dem(dem_layer)
            except CoverageError as e:
                raise QgsProcessingException(tr("Cannot use the DEM: {error}").format(error=str(e))) from None
            if msg:
                feedback.pushInfo(msg)

        def elevations(xy):
            if ds is None:
                return np.full(len(xy), np.nan)
            return sample_raster(ds, points_to_crs(xy, table.crs, dem_crs, context))

        rows = []  # (kind, x, y, cost, elev, village_code, operator, height, prominence)
        if self.parameterAsBoolean(parameters, "INCLUDE_OFFICES", context):
            elev = elevations(table.xy[targets])
            for k, i in enumerate(targets):
                rows.append(("office", *table.xy[i], bts_item.capex_idr, elev[k], codes[i], None, tower_h, None))
        feedback.setProgress(20)

        if self.parameterAsBoolean(parameters, "INCLUDE_HILLTOPS", context):
            if ds is None:
                feedback.pushWarning(tr("Hilltops need a DEM; none given, so no hilltop candidates."))
            else:
                rows += self._hilltops(parameters, context, feedback, table, targets, codes, ds, dem_crs,
                                       bts_item.capex_idr, tower_h)
        feedback.setProgress(80)

        site_src = self.parameterAsSource(parameters, "SITES", context)
        if self.parameterAsBoolean(parameters, "INCLUDE_COLO", context) and site_src is not None:
            sites = read_table(site_src, crs=table.crs, context=context)
            op_field = find_field(sites.names(), self.parameterAsString(parameters, "SITE_OPERATOR_FIELD", context),
                                  ("operator", "operator_name", "provider"))
            h_field = find_field(sites.names(), "", ("height_m", "height"))
            max_m = self.parameterAsDouble(parameters, "COLO_MAX_KM", context) * 1000.0
            ok = np.flatnonzero(np.all(np.isfinite(sites.xy), axis=1))
            if len(targets) and ok.size:
                from scipy.spatial import cKDTree

                tree = cKDTree(table.xy[targets])
                d, j = tree.query(sites.xy[ok])
                elev = elevations(sites.xy[ok])
                ops = sites.column(op_field)
                hs = sites.column(h_field)
                for k, s in enumerate(ok):
                    if d[k] <= max_m:
                        h = as_float(hs[s])
                        rows.append(("colo", *sites.xy[s], colo_item.capex_idr, elev[k], codes[targets[j[k]]],
                                     ops[s], h if math.isfinite(h) and h > 0 else tower_h, None))

        fields = make_fields(CANDIDATE_FIELDS)
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point, table.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        counts = {"office": 0, "hilltop": 0, "colo": 0}
        prefix = {"office": "O", "hilltop": "H", "colo": "C"}
        for kind, x, y, cost, elev, vcode, op, h, prom in rows:
            counts[kind] += 1
            f = QgsFeature(fields)
            f.setGeometry(point_geometry(float(x), float(y)))
            f.setAttributes([f"{prefix[kind]}{counts[kind]:04d}", kind, float(cost),
                             None if elev is None or not math.isfinite(elev) else round(float(elev), 1),
                             None if vcode is None else str(vcode), op, float(h),
                             None if prom is None else round(float(prom), 1)])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        attach_style(context, dest_id, "candidates")
        feedback.pushInfo(tr("Candidates: {o} offices, {h} hilltops, {c} existing towers.").format(
            o=counts["office"], h=counts["hilltop"], c=counts["colo"]))
        if not rows:
            feedback.pushWarning(tr("No candidate site was found: every village is covered, or no option is "
                                    "switched on."))
        feedback.setProgress(100)
        return {"OUTPUT": dest_id, "COUNT": len(rows), "COUNT_OFFICE": counts["office"],
                "COUNT_HILLTOP": counts["hilltop"], "COUNT_COLO": counts["colo"]}

    def _hilltops(self, parameters, context, feedback, table, targets, codes, ds, dem_crs, cost, tower_h):
        radius = self.parameterAsDouble(parameters, "HILLTOP_RADIUS_M", context)
        prominence = self.parameterAsDouble(parameters, "MIN_PROMINENCE_M", context)
        neigh = self.parameterAsDouble(parameters, "NEIGHBOURHOOD_M", context)
        per_village = self.parameterAsInt(parameters, "MAX_HILLTOPS_PER_VILLAGE", context)
        if per_village <= 0 or len(targets) == 0:
            return []
        gt = ds.GetGeoTransform()
        px = abs(gt[1])
        band = ds.GetRasterBand(1)
        nd = band.GetNoDataValue()
        pad = int(math.ceil(neigh / px))
        half = int(math.ceil(radius / px)) + pad
        vil_dem = points_to_crs(table.xy[targets], table.crs, dem_crs, context)
        seen = {}
        out = []
        for k, i in enumerate(targets):
            if feedback.isCanceled():
                break
            x, y = vil_dem[k]
            if not (math.isfinite(x) and math.isfinite(y)):
                continue
            col = int(math.floor((x - gt[0]) / gt[1]))
            row = int(math.floor((y - gt[3]) / gt[5]))
            c0, r0 = max(col - half, 0), max(row - half, 0)
            c1, r1 = min(col + half + 1, ds.RasterXSize), min(row + half + 1, ds.RasterYSize)
            if c1 <= c0 or r1 <= r0:
                continue
            z = band.ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float64)
            valid = np.isfinite(z)
            if nd is not None:
                valid &= z != nd
            if not valid.any():
                continue
            for r, c, e, p in find_hilltops(z, valid, (row - r0, col - c0), px, radius, neigh, prominence,
                                            per_village):
                key = (r + r0, c + c0)
                if key in seen:
                    continue
                seen[key] = True
                hx = gt[0] + (key[1] + 0.5) * gt[1]
                hy = gt[3] + (key[0] + 0.5) * gt[5]
                out.append((hx, hy, e, p, codes[i]))
            if k % 20 == 0:
                feedback.setProgress(20 + 60 * k / len(targets))
        # back to the analysis CRS
        xy = points_to_crs(np.array([(o[0], o[1]) for o in out]).reshape(-1, 2), dem_crs, table.crs, context)
        return [("hilltop", xy[n][0], xy[n][1], cost, o[2], o[4], None, tower_h, o[3]) for n, o in enumerate(out)]


ALGORITHM = CandidatesAlgorithm
