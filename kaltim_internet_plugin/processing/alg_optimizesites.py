"""kaltiminternet:optimizesites — choose candidate sites under a budget to cover the most (weighted) population:
budgeted Maximal Covering Location Problem (core.optimize.solve_mclp, exact MILP or greedy)."""
from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)

from ..compat import FieldType
from ..core.coverage import CoverageError, Site
from ..core.optimize import InfeasibleBudgetError, OptimizationError, coverage_from_points, solve_mclp
from ..core.villages import detect_fields
from ..i18n import tr
from ..io.priority_layers import (
    WindowCoverage,
    as_float,
    find_field,
    merged_attributes,
    open_metric_dem,
    output_fields,
    pixel_index,
    points_to_crs,
    read_table,
)
from ..io.styles_priority import attach_style
from .base import KaltimAlgorithm

MODELS = ("p526", "los", "hata")
METHODS = ("exact", "greedy")
SITE_FIELDS = [("pop_served", FieldType.Double), ("cost_idr", FieldType.Double)]
VILLAGE_FIELDS = [("site_id", FieldType.String), ("covered_by", FieldType.String)]


def model_labels() -> list:
    return [tr("ITU-R P.526 diffraction (signal in dBm)"), tr("Line of sight"), tr("Okumura-Hata (terrain ignored)")]


def method_labels() -> list:
    return [tr("Exact (MILP, HiGHS)"), tr("Greedy (fast heuristic)")]


class OptimizeSitesAlgorithm(KaltimAlgorithm):
    ALG_ID = "optimizesites"
    GROUP_ID = "priority"

    def displayName(self) -> str:
        return tr("Optimise new sites under a budget")

    def shortHelpString(self) -> str:
        return tr(
            "Selects candidate sites whose total cost stays within BUDGET_IDR and that cover the largest demand: "
            "population × WEIGHT_FIELD (e.g. priority_score) of the villages not covered yet (maximal covering "
            "location problem). A village counts as covered by a candidate when its office is within RADIUS_M "
            "(straight distance), or, with a DEM, when the coverage engine predicts at least THRESHOLD_DBM at the "
            "office (MODEL p526, los or hata; MAX_RADIUS_M around each candidate). Villages already covered by an "
            "EXISTING site (same test) need nothing. METHOD exact solves the integer programme with HiGHS "
            "(optimal, or the gap is reported at TIME_LIMIT_S); greedy is fast and at most as good. Ties are "
            "broken by candidate order; the budget is never exceeded. Outputs: the selected sites (pop_served, "
            "cost_idr) and the villages with the serving site_id and covered_by (existing / new / none). All "
            "distances in a metric CRS (the villages' when projected, else EPSG:32750).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "VILLAGES", tr("Villages (office points, or polygons)"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterField(
            "POPULATION_FIELD", tr("Population field (empty = detect)"), parentLayerParameterName="VILLAGES",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "WEIGHT_FIELD", tr("Weight field (e.g. priority_score; demand = population × weight)"),
            parentLayerParameterName="VILLAGES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "CODE_FIELD", tr("Village code field (empty = detect)"), parentLayerParameterName="VILLAGES",
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CANDIDATES", tr("Candidate sites (points)"), [QgsProcessing.SourceType.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            "COST_FIELD", tr("Candidate cost field (empty = cost_idr if present, else the default cost)"),
            parentLayerParameterName="CANDIDATES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "CANDIDATE_ID_FIELD", tr("Candidate id field (empty = cand_id or site_id, else the feature id)"),
            parentLayerParameterName="CANDIDATES", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "DEFAULT_COST_IDR", tr("Cost of a candidate without cost (Rp)"), QgsProcessingParameterNumber.Type.Double,
            2.6e9, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "BUDGET_IDR", tr("Budget (Rp)"), QgsProcessingParameterNumber.Type.Double, 26e9, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "RADIUS_M", tr("Coverage radius without DEM (m)"), QgsProcessingParameterNumber.Type.Double, 5000.0,
            minValue=0))
        self.addParameter(QgsProcessingParameterRasterLayer(
            "DEM", tr("DEM (coverage by the propagation model instead of the radius)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum("MODEL", tr("Propagation model"), model_labels(),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_DBM", tr("Coverage threshold (dBm)"), QgsProcessingParameterNumber.Type.Double, -110.0))
        self.addParameter(QgsProcessingParameterNumber(
            "RX_HEIGHT", tr("Receiver height (m)"), QgsProcessingParameterNumber.Type.Double, 1.5, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_RADIUS_M", tr("Largest coverage radius with DEM (m)"), QgsProcessingParameterNumber.Type.Double,
            15000.0, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "K_FACTOR", tr("Effective earth radius factor k"), QgsProcessingParameterNumber.Type.Double, 4.0 / 3.0,
            minValue=0.1))
        for key, label, default in (("TX_HEIGHT_M", tr("Antenna height when the layer has none (m)"), 42.0),
                                    ("EIRP_DBM", tr("EIRP when the layer has none (dBm)"), 55.0),
                                    ("FREQ_MHZ", tr("Frequency when the layer has none (MHz)"), 900.0)):
            p = QgsProcessingParameterNumber(key, label, QgsProcessingParameterNumber.Type.Double, default, minValue=0)
            p.setFlags(p.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "EXISTING", tr("Existing sites (villages they cover need nothing)"),
            [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True))
        self.addParameter(QgsProcessingParameterEnum("METHOD", tr("Method"), method_labels(), defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "TIME_LIMIT_S", tr("Time limit of the exact method (s)"), QgsProcessingParameterNumber.Type.Double, 60.0,
            minValue=1))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_SITES", tr("Selected sites"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_VILLAGES", tr("Villages with serving site"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        for key, label in (("POPULATION_COVERED", tr("Population newly covered")),
                           ("POPULATION_TOTAL_COVERED", tr("Population covered (existing + new)")),
                           ("COST_TOTAL", tr("Cost of the selected sites (Rp)")),
                           ("SITES_SELECTED", tr("Sites selected")),
                           ("GAP", tr("Optimality gap (0 = optimal; empty for greedy)")),
                           ("VILLAGES_NEW", tr("Villages newly covered")),
                           ("VILLAGES_EXISTING", tr("Villages already covered"))):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputString("STATUS", tr("Solver status")))
        self.addOutput(QgsProcessingOutputString("SOLVER", tr("Solver")))

    # ------------------------------------------------------------------------------------------------------------
    def _site_params(self, parameters, context, table, prefix=""):
        names = table.names()
        h_field = find_field(names, "", ("height_m", "height"))
        e_field = find_field(names, "", ("eirp_dbm", "eirp"))
        f_field = find_field(names, "", ("freq_mhz", "frequency"))
        defaults = (self.parameterAsDouble(parameters, "TX_HEIGHT_M", context),
                    self.parameterAsDouble(parameters, "EIRP_DBM", context),
                    self.parameterAsDouble(parameters, "FREQ_MHZ", context))
        out = []
        for fld, default in zip((h_field, e_field, f_field), defaults):
            vals = np.array([as_float(v) for v in table.column(fld)]) if fld else np.full(len(table), np.nan)
            out.append(np.where(np.isfinite(vals) & (vals > 0), vals, default))
        return out

    def _coverage(self, parameters, context, feedback, villages, sites, keyprefix, engine_state, span):
        """Coverage sets (list per site of village indices) and distances (aligned)."""
        vxy = villages.xy
        ok_v = np.all(np.isfinite(vxy), axis=1)
        sxy = sites.xy
        if engine_state is None:
            radius = self.parameterAsDouble(parameters, "RADIUS_M", context)
            vv = np.where(ok_v[:, None], vxy, 1e15)  # far away: never covered
            ss = np.where(np.all(np.isfinite(sxy), axis=1)[:, None], sxy, -1e15)
            return coverage_from_points(vv, ss, radius, return_distances=True)
        engine, dem_crs, cols, rows, inside, threshold, is_los = engine_state
        heights, eirps, freqs = self._site_params(parameters, context, sites)
        site_dem = points_to_crs(sxy, villages.crs, dem_crs, context)
        from scipy.spatial import cKDTree

        tree = cKDTree(np.where(ok_v[:, None], vxy, 1e15))
        cov, dist = [], []
        for j in range(len(sites)):
            if feedback.isCanceled():
                break
            if not np.all(np.isfinite(sxy[j])):
                cov.append(np.zeros(0, dtype=np.int64))
                dist.append(np.zeros(0))
                continue
            near = np.asarray(sorted(tree.query_ball_point(sxy[j], engine.max_radius_m)), dtype=np.int64)
            near = near[inside[near]] if near.size else near
            if near.size == 0:
                cov.append(near)
                dist.append(np.zeros(0))
                continue
            site = Site(f"{keyprefix}{j}", float(site_dem[j, 0]), float(site_dem[j, 1]), height_m=float(heights[j]),
                        freq_mhz=float(freqs[j]), eirp_dbm=float(eirps[j]))
            v = engine.values(f"{keyprefix}{j}", site, cols[near], rows[near], np.ones(near.size, bool))
            with np.errstate(invalid="ignore"):
                hit = np.isfinite(v) & ((v >= 1) if is_los else (v >= threshold))
            idx = near[hit]
            cov.append(idx)
            dist.append(np.hypot(*(vxy[idx] - sxy[j]).T) if idx.size else np.zeros(0))
            engine.cache.pop(f"{keyprefix}{j}", None)  # one use per site: free the window
            if j % 10 == 0:
                feedback.setProgress(span[0] + (span[1] - span[0]) * j / max(1, len(sites)))
        return cov, dist

    def processAlgorithm(self, parameters, context, feedback):
        vsource = self.parameterAsSource(parameters, "VILLAGES", context)
        if vsource is None:
            raise QgsProcessingException(tr("Cannot read the village layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("VILLAGES")))
        csource = self.parameterAsSource(parameters, "CANDIDATES", context)
        if csource is None:
            raise QgsProcessingException(tr("Cannot read the candidate layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("CANDIDATES")))
        villages = read_table(vsource, context=context, feedback=feedback, progress_span=(0, 5))
        if len(villages) == 0:
            raise QgsProcessingException(tr("The village layer has no features: there is nothing to cover. "
                                            "Choose a layer with villages."))
        cands = read_table(csource, crs=villages.crs, context=context)
        if len(cands) == 0:
            raise QgsProcessingException(tr("The candidate layer has no features: there is nothing to select. Run "
                                            "'Candidate sites' first or choose a layer with candidate points."))
        feedback.pushInfo(tr("All distances and coverage tests are computed in {crs} (inputs transformed from "
                             "their own CRS).").format(crs=villages.crs.authid()))
        names = villages.names()
        n, m = len(villages), len(cands)

        # demand ---------------------------------------------------------------------------------------------
        pop_param = self.parameterAsString(parameters, "POPULATION_FIELD", context)
        pop_field = find_field(names, pop_param) or detect_fields(names).population
        if not pop_field:
            raise QgsProcessingException(tr("No population field was found. Choose it in POPULATION_FIELD."))
        pop = np.array([as_float(v) for v in villages.column(pop_field)])
        bad_pop = ~np.isfinite(pop) | (pop < 0)
        if bad_pop.any():
            feedback.pushWarning(tr("{k} villages have no valid population; they count as 0.").format(
                k=int(bad_pop.sum())))
        pop = np.where(bad_pop, 0.0, pop)
        weight = np.ones(n)
        w_field = self.parameterAsString(parameters, "WEIGHT_FIELD", context)
        if w_field:
            real = find_field(names, w_field)
            if not real:
                raise QgsProcessingException(tr("The village layer has no field '{f}' (WEIGHT_FIELD).").format(
                    f=w_field))
            weight = np.array([as_float(v) for v in villages.column(real)])
            bad = ~np.isfinite(weight) | (weight < 0)
            if bad.any():
                feedback.pushWarning(tr("{k} villages have no valid weight in {f}; they count as 0.").format(
                    k=int(bad.sum()), f=real))
            weight = np.where(bad, 0.0, weight)
            feedback.pushInfo(tr("Demand = {p} × {w}.").format(p=pop_field, w=real))
        else:
            feedback.pushInfo(tr("Demand = {p}.").format(p=pop_field))
        demand = pop * weight
        if villages.empty:
            feedback.pushWarning(tr("{k} villages have no geometry; they cannot be covered.").format(
                k=len(villages.empty)))

        # costs and ids -----------------------------------------------------------------------------------------
        cnames = cands.names()
        cost_param = self.parameterAsString(parameters, "COST_FIELD", context)
        cost_field = find_field(cnames, cost_param, ("cost_idr",) if not cost_param else ())
        if cost_param and not cost_field:
            raise QgsProcessingException(tr("The candidate layer has no field '{f}' (COST_FIELD).").format(
                f=cost_param))
        default_cost = self.parameterAsDouble(parameters, "DEFAULT_COST_IDR", context)
        if cost_field:
            cost = np.array([as_float(v) for v in cands.column(cost_field)])
            missing = ~np.isfinite(cost) | (cost < 0)
            if missing.any():
                feedback.pushWarning(tr("{k} candidates have no valid cost; they cost the default Rp {c:,.0f}.")
                                     .format(k=int(missing.sum()), c=default_cost))
            cost = np.where(missing, default_cost, cost)
            feedback.pushInfo(tr("Candidate costs from field {f}.").format(f=cost_field))
        else:
            cost = np.full(m, default_cost)
            feedback.pushInfo(tr("Every candidate costs the default Rp {c:,.0f}.").format(c=default_cost))
        id_field = find_field(cnames, self.parameterAsString(parameters, "CANDIDATE_ID_FIELD", context),
                              ("cand_id", "site_id", "id"))
        cand_ids = [str(v) if v is not None else str(fid) for v, fid in
                    zip(cands.column(id_field), cands.fids)] if id_field else [str(fid) for fid in cands.fids]
        budget = self.parameterAsDouble(parameters, "BUDGET_IDR", context)

        # coverage -------------------------------------------------------------------------------------------
        engine_state = None
        dem_layer = self.parameterAsRasterLayer(parameters, "DEM", context)
        if dem_layer is not None:
            try:
                ds, dem_crs, msg = open_metric_dem(dem_layer)
            except CoverageError as e:
                raise QgsProcessingException(tr("Cannot use the DEM: {error}").format(error=str(e))) from None
            if msg:
                feedback.pushInfo(msg)
            model = MODELS[self.parameterAsEnum(parameters, "MODEL", context)]
            threshold = self.parameterAsDouble(parameters, "THRESHOLD_DBM", context)
            engine = WindowCoverage(ds, model=model,
                                    rx_height=self.parameterAsDouble(parameters, "RX_HEIGHT", context),
                                    max_radius_m=self.parameterAsDouble(parameters, "MAX_RADIUS_M", context),
                                    k_factor=self.parameterAsDouble(parameters, "K_FACTOR", context))
            vil_dem = points_to_crs(villages.xy, villages.crs, dem_crs, context)
            cols, rows, inside = pixel_index(ds.GetGeoTransform(), vil_dem, ds.RasterXSize, ds.RasterYSize)
            engine_state = (engine, dem_crs, cols, rows, inside, threshold, model == "los")
            if model == "los":
                feedback.pushInfo(tr("Coverage: line of sight from each site to the village office, within {r:g} m "
                                     "(DEM).").format(r=engine.max_radius_m))
            else:
                feedback.pushInfo(tr("Coverage: model {m}, office signal ≥ {t:g} dBm, within {r:g} m (DEM).")
                                  .format(m=model, t=threshold, r=engine.max_radius_m))
        else:
            feedback.pushInfo(tr("Coverage: village office within {r:g} m of the site (straight distance).")
                              .format(r=self.parameterAsDouble(parameters, "RADIUS_M", context)))

        already = np.zeros(n, dtype=bool)
        ex_source = self.parameterAsSource(parameters, "EXISTING", context)
        if ex_source is not None:
            existing = read_table(ex_source, crs=villages.crs, context=context)
            if len(existing):
                ex_cov, _ = self._coverage(parameters, context, feedback, villages, existing, "E", engine_state,
                                           (5, 30))
                for s in ex_cov:
                    already[np.asarray(s, dtype=np.int64)] = True
            feedback.pushInfo(tr("{k} villages are already covered by the {e} existing sites.").format(
                k=int(already.sum()), e=len(existing)))
        coverage, distances = self._coverage(parameters, context, feedback, villages, cands, "C", engine_state,
                                             (30, 80))
        if feedback.isCanceled():
            return {}

        # solve ----------------------------------------------------------------------------------------------------
        method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)]
        time_limit = self.parameterAsDouble(parameters, "TIME_LIMIT_S", context)
        if budget <= 0:
            feedback.pushWarning(tr("The budget is zero: no site can be built, the selection is empty. Give "
                                    "BUDGET_IDR in rupiah (e.g. 26000000000 for ten 3T BTS)."))
        try:
            result = solve_mclp(demand, cost, coverage, budget, already_covered=already, method=method,
                                time_limit=time_limit, population=pop, distances=distances)
        except InfeasibleBudgetError:
            raise QgsProcessingException(tr(
                "No candidate is affordable: the cheapest costs Rp {c:,.0f} but the budget is Rp {b:,.0f}. Raise "
                "BUDGET_IDR or add cheaper candidates (e.g. co-location on existing towers).").format(
                c=float(cost.min()), b=budget)) from None
        except OptimizationError as e:
            raise QgsProcessingException(tr("Cannot optimise the sites: {error}").format(error=str(e))) from None
        for w in result.warnings:
            if budget <= 0 and w.startswith("Budget is zero"):
                continue
            feedback.pushWarning(tr("Optimisation: {warning}").format(warning=w))
        feedback.setProgress(90)

        # outputs ---------------------------------------------------------------------------------------------
        site_fields = output_fields(cands.fields, SITE_FIELDS)
        ssink, sites_id = self.parameterAsSink(parameters, "OUTPUT_SITES", context, site_fields, csource.wkbType(),
                                               csource.sourceCrs())
        if ssink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT_SITES"))
        assign = result.assignment
        served = {j: float(pop[assign == j].sum()) for j in result.selected}
        for j in result.selected:
            f = QgsFeature(site_fields)
            f.setGeometry(cands.geometries[j])
            f.setAttributes(merged_attributes(cands, j, site_fields, {"pop_served": served[j],
                                                                       "cost_idr": float(cost[j])}))
            ssink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        vil_fields = output_fields(villages.fields, VILLAGE_FIELDS)
        vsink, vil_id = self.parameterAsSink(parameters, "OUTPUT_VILLAGES", context, vil_fields, vsource.wkbType(),
                                             vsource.sourceCrs())
        if vsink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT_VILLAGES"))
        for i in range(n):
            if already[i]:
                values = {"site_id": None, "covered_by": "existing"}
            elif assign[i] >= 0:
                values = {"site_id": cand_ids[assign[i]], "covered_by": "new"}
            else:
                values = {"site_id": None, "covered_by": "none"}
            f = QgsFeature(vil_fields)
            f.setGeometry(villages.geometries[i])
            f.setAttributes(merged_attributes(villages, i, vil_fields, values))
            vsink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        attach_style(context, sites_id, "selected")
        attach_style(context, vil_id, "covered_by")

        gap = result.gap
        feedback.pushInfo(tr(
            "Selected {k} of {m} candidates for Rp {c:,.0f} (budget Rp {b:,.0f}): {p:,.0f} people newly covered in "
            "{v} villages; {t:,.0f} covered in total with the existing sites. Method {meth} ({solver}), status "
            "{status}, gap {gap}.").format(
            k=len(result.selected), m=m, c=result.cost_total, b=budget, p=result.population_covered,
            v=int(result.covered_mask.sum()), t=result.population_total_covered, meth=method, solver=result.solver,
            status=result.status, gap="-" if gap is None else f"{gap:.2%}"))
        feedback.setProgress(100)
        return {"OUTPUT_SITES": sites_id, "OUTPUT_VILLAGES": vil_id,
                "POPULATION_COVERED": result.population_covered,
                "POPULATION_TOTAL_COVERED": result.population_total_covered,
                "COST_TOTAL": result.cost_total, "SITES_SELECTED": len(result.selected),
                "GAP": None if gap is None else float(gap), "STATUS": result.status, "SOLVER": result.solver,
                "VILLAGES_NEW": int(result.covered_mask.sum()), "VILLAGES_EXISTING": int(already.sum()),
                "OBJECTIVE": result.objective}


ALGORITHM = OptimizeSitesAlgorithm
