"""kaltiminternet:candidates — candidate sites for new coverage: offices of uncovered villages, hilltops near them
(local DEM maxima with a minimum prominence, found window by window) and existing towers (co-location).

The search is :mod:`..core.candidates`; this module reads the parameters and layers, moves points between the
analysis CRS and the DEM's, and writes the layer."""
from __future__ import annotations

import math

import numpy as np
from qgis.core import QgsFeature, QgsFeatureSink, QgsProcessingException, QgsWkbTypes

from ..compat import FieldType
from ..core import candidates as cd
from ..core.costs import default_cost_table
from ..core.sites import PLAUSIBLE
from ..core.villages import detect_fields
from ..i18n import tr
from ..io.priority_layers import (
    dem_overlap,
    find_field,
    make_fields,
    point_geometry,
    points_to_crs,
    read_table,
    sample_raster,
)
from ..io.styles_priority import attach_style
from . import params
from .base import KaltimAlgorithm

CANDIDATE_FIELDS = [("cand_id", FieldType.String), ("kind", FieldType.String), ("cost_idr", FieldType.Double),
                    ("elev_m", FieldType.Double), ("village_code", FieldType.String), ("operator", FieldType.String),
                    ("height_m", FieldType.Double), ("prominence_m", FieldType.Double)]
class CandidatesAlgorithm(KaltimAlgorithm):
    ALG_ID = "candidates"
    GROUP_ID = "priority"

    def initAlgorithm(self, config=None):
        params.add_office_villages(self)
        params.add_fields(self, "VILLAGES", [("STATUS_FIELD", tr("Coverage status field (default: status)")),
                                             ("CODE_FIELD", tr("Village code field (empty = detect)"))])
        params.add_raster(self, "DEM", tr("DEM (for hilltops and elevations)"), optional=True)
        params.add_existing_sites(self, tr("Existing towers (co-location)"))
        params.add_bool(self, "INCLUDE_OFFICES", tr("Village offices"), True)
        params.add_bool(self, "INCLUDE_HILLTOPS", tr("Hilltops"), True)
        params.add_bool(self, "INCLUDE_COLO", tr("Existing towers (co-location)"), True)
        height = PLAUSIBLE["height_m"]  # the one range of a site's height (core.sites)
        for name, label, default, (minimum, maximum), integer in (
                ("HILLTOP_RADIUS_M", tr("Search radius for hilltops around a village (m)"), 5000.0, (0, None), False),
                ("MIN_PROMINENCE_M", tr("Minimum hilltop prominence (m)"), 50.0, (0, None), False),
                ("NEIGHBOURHOOD_M", tr("Hilltop neighbourhood (m)"), 1000.0, (1, None), False),
                ("MAX_HILLTOPS_PER_VILLAGE", tr("Hilltops per village (at most)"), 2, (0, None), True),
                ("COLO_MAX_KM", tr("Towers for co-location: within this distance of an uncovered village (km)"), 10.0,
                 (0, None), False),
                ("TOWER_HEIGHT_M", tr("Height of a new tower (m)"), 42.0, height, False)):
            params.add_number(self, name, label, default, minimum, maximum, integer=integer)
        params.add_cost_table(self)
        params.add_sink(self, "OUTPUT", tr("Candidate sites"), "point")
        params.add_outputs(self, "number", [("COUNT", tr("Candidates")), ("COUNT_OFFICE", tr("Office candidates")),
                                            ("COUNT_HILLTOP", tr("Hilltop candidates")),
                                            ("COUNT_COLO", tr("Co-location candidates"))])

    def processAlgorithm(self, parameters, context, feedback):
        _source, table = params.read_office_villages(self, parameters, context, feedback)
        feedback.pushInfo(tr("Candidates are computed in {crs}.").format(crs=table.crs.authid()))
        codes, targets = self._targets(parameters, context, feedback, table)
        costs, _path = params.read_cost_table(self, parameters, context)
        bts_item, colo_item = cd.cost_items(costs or default_cost_table(), default_cost_table())
        tower_h = self.parameterAsDouble(parameters, "TOWER_HEIGHT_M", context)
        ds, dem_crs = params.open_dem(self, parameters, context, feedback)
        if ds is not None:
            self._check_dem(parameters, context, feedback, table, targets, codes, ds, dem_crs)

        def elevations(xy):
            if ds is None:
                return np.full(len(xy), np.nan)
            return sample_raster(ds, points_to_crs(xy, table.crs, dem_crs, context))

        rows = []
        if self.parameterAsBoolean(parameters, "INCLUDE_OFFICES", context):
            elev = elevations(table.xy[targets])
            rows += [cd.Candidate("office", *table.xy[i], bts_item.capex_idr, elev[k], codes[i], None, tower_h)
                     for k, i in enumerate(targets)]
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
            rows += cd.colocation_candidates(
                table.xy[targets], [codes[i] for i in targets], sites.xy, sites.column(op_field),
                sites.column(find_field(sites.names(), "", ("height_m", "height"))),
                self.parameterAsDouble(parameters, "COLO_MAX_KM", context) * 1000.0, colo_item.capex_idr, tower_h,
                elevations)
        return self._write(parameters, context, feedback, table, rows)

    def _check_dem(self, parameters, context, feedback, table, targets, codes, ds, dem_crs):
        """Refuse a DEM that none of the villages to serve lies on; name those outside it when only some are."""
        refusal, warning = dem_overlap(
            ds, dem_crs, self.parameterAsRasterLayer(parameters, "DEM", context).name(), table, targets, codes,
            tr("They get no elevation, and hilltops only where their search radius reaches the DEM."), context)
        if refusal:
            raise QgsProcessingException(refusal)
        if warning:
            feedback.pushWarning(warning)

    def _targets(self, parameters, context, feedback, table):
        """(village code per feature, indices of the uncovered villages with an office point)."""
        names = table.names()
        status_field = find_field(names, self.parameterAsString(parameters, "STATUS_FIELD", context), ("status",))
        code_field = find_field(names, self.parameterAsString(parameters, "CODE_FIELD", context)) or \
            detect_fields(names).code
        codes = table.column(code_field) if code_field else [str(fid) for fid in table.fids]
        if status_field:
            statuses = table.column(status_field)
            k = sum(1 for v in statuses if not cd.is_covered_status(v))
            feedback.pushInfo(tr("{k} of {n} villages are not covered (field {f}).").format(
                k=k, n=len(table), f=status_field))
        else:
            statuses = None
            feedback.pushWarning(tr("No status field: every village is treated as not covered. Run 'Classify "
                                    "villages' first to restrict candidates to blank spots."))
        return codes, np.flatnonzero(cd.uncovered_mask(statuses, table.xy))

    def _write(self, parameters, context, feedback, table, rows):
        fields = make_fields(CANDIDATE_FIELDS)
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point, table.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        ids, counts = cd.numbered(rows)
        for cand_id, c in ids:
            f = QgsFeature(fields)
            f.setGeometry(point_geometry(float(c.x), float(c.y)))
            f.setAttributes([cand_id, c.kind, float(c.cost_idr),
                             None if c.elev_m is None or not math.isfinite(c.elev_m) else round(float(c.elev_m), 1),
                             None if c.village_code is None else str(c.village_code), c.operator, float(c.height_m),
                             None if c.prominence_m is None else round(float(c.prominence_m), 1)])
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
        if len(targets) == 0:
            return []
        found = cd.hilltops_near(
            ds, points_to_crs(table.xy[targets], table.crs, dem_crs, context), [codes[i] for i in targets],
            self.parameterAsDouble(parameters, "HILLTOP_RADIUS_M", context),
            self.parameterAsDouble(parameters, "NEIGHBOURHOOD_M", context),
            self.parameterAsDouble(parameters, "MIN_PROMINENCE_M", context),
            self.parameterAsInt(parameters, "MAX_HILLTOPS_PER_VILLAGE", context),
            progress=lambda p: feedback.setProgress(20 + 60 * p), is_canceled=feedback.isCanceled)
        # back to the analysis CRS
        xy = points_to_crs(np.array([(o[0], o[1]) for o in found]).reshape(-1, 2), dem_crs, table.crs, context)
        return [cd.Candidate("hilltop", xy[n][0], xy[n][1], cost, o[2], o[4], None, tower_h, o[3])
                for n, o in enumerate(found)]


ALGORITHM = CandidatesAlgorithm
