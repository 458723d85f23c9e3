"""kaltiminternet:optimizesites — choose candidate sites under a budget to cover the most (weighted) population:
budgeted Maximal Covering Location Problem (core.optimize.solve_mclp, exact MILP or greedy)."""
from __future__ import annotations

import numpy as np
from qgis.core import QgsCoordinateTransform, QgsFeature, QgsFeatureSink, QgsGeometry, QgsProcessingException

from ..compat import FieldType
from ..core import definitions as defs
from ..core import formatting as fmt
from ..core import numbers as nb
from ..core.classify import VillageInput
from ..core.clutter import ClutterError, clutter_for
from ..core.cover_test import NewSiteTest, window_sampler
from ..core.coverage import Site
from ..core.optimize import (
    InfeasibleBudgetError,
    OptimizationError,
    coverage_from_points,
    empty_selection,
    solve_mclp,
)
from ..core.villages import detect_fields
from ..errors import describe
from ..i18n import tr, ui_lang
from ..input_text import first_listed
from ..io.coverage_sites import PLAUSIBLE, implausible_text, radio_values
from ..io.offices import OfficeError, check_office_positions, code_key, read_offices
from ..io.priority_layers import (
    WindowCoverage,
    as_float,
    column_floats,
    find_field,
    merged_attributes,
    output_fields,
    pixel_index,
    points_to_crs,
    read_table,
)
from ..io.styles_priority import attach_style
from . import params
from .base import KaltimAlgorithm

METHODS = defs.METHODS
SITE_FIELDS = [("pop_served", FieldType.Double), ("cost_idr", FieldType.Double)]
VILLAGE_FIELDS = [("site_id", FieldType.String), ("covered_by", FieldType.String)]
CURVE_FIELDS = [("budget_idr", FieldType.Double), ("sites", FieldType.Int), ("cost_idr", FieldType.Double),
                ("people_newly_covered", FieldType.Double), ("villages_newly_covered", FieldType.Int),
                ("gap", FieldType.Double)]


def method_labels() -> list:
    return [tr("Exact (MILP, HiGHS)"), tr("Greedy (fast heuristic)")]


def _n(value) -> str:
    """A count, people or metres in the log, written the way the UI language writes numbers (core.formatting)."""
    return fmt.number(float(value), ui_lang(), 1)


def _people(value) -> str:
    """People, whole, grouped the UI language's way."""
    return fmt.integer(float(value), ui_lang())


def _rp(value) -> str:
    """Rupiah in the log: every rupiah, grouped the UI language's way (Rp 26.000.000.000 in Indonesian)."""
    return fmt.money_full(float(value), ui_lang())


class OptimizeSitesAlgorithm(KaltimAlgorithm):
    ALG_ID = "optimizesites"
    GROUP_ID = "priority"

    def initAlgorithm(self, config=None):
        params.add_office_villages(self)
        params.add_fields(self, "VILLAGES", [
            ("POPULATION_FIELD", tr("Population field (empty = detect)")),
            ("WEIGHT_FIELD", tr("Weight field (e.g. priority_score; demand = population × weight)")),
            ("CODE_FIELD", tr("Village code field (empty = detect)"))])
        params.add_source(self, "CANDIDATES", tr("Candidate sites (points)"), ("point",))
        params.add_fields(self, "CANDIDATES", [
            ("COST_FIELD", tr("Candidate cost field (empty = cost_idr if present, else the default cost)")),
            ("CANDIDATE_ID_FIELD", tr("Candidate id field (empty = cand_id or site_id, else the feature id)"))])
        params.add_number(self, "DEFAULT_COST_IDR", tr("Cost of a candidate without cost (Rp)"), 2.6e9, 1,
                          nb.MAX_RUPIAH)
        params.add_number(self, "BUDGET_IDR", tr("Budget (Rp)"), 26e9, 0, nb.MAX_RUPIAH)
        params.add_number(self, "RADIUS_M", tr("Coverage radius without DEM (m)"), 5000.0, 0)
        params.add_raster(self, "DEM", tr("DEM (coverage by the propagation model instead of the radius)"),
                          optional=True)
        params.add_coverage_raster(self, description=tr(
            "Coverage raster from 'Compute coverage' (with the DEM: a candidate covers a village when the village "
            "becomes 'covered' by classify's rule)"))
        params.add_source(self, "OFFICES", tr("Village offices (points; the office rule of classify)"), ("point",),
                          optional=True)
        params.add_coverage_settings(self)
        for key, field, label, default in (
                ("TX_HEIGHT_M", "height_m", tr("Antenna height when the layer has none (m)"), 42.0),
                ("EIRP_DBM", "eirp_dbm", tr("EIRP when the layer has none (dBm)"), 55.0),
                ("FREQ_MHZ", "freq_mhz", tr("Frequency when the layer has none (MHz)"), 900.0)):
            params.add_number(self, key, label, default, *PLAUSIBLE[field], advanced=True)
        params.add_source(self, "EXISTING", tr("Existing sites (villages they cover need nothing)"), ("point",),
                          optional=True)
        params.add_enum(self, "METHOD", tr("Method"), method_labels())
        params.add_number(self, "TIME_LIMIT_S", tr("Time limit of the exact method (s)"), 60.0, 1)
        params.add_sink(self, "OUTPUT_SITES", tr("Selected sites"), "point")
        params.add_sink(self, "OUTPUT_VILLAGES", tr("Villages with serving site"))
        params.add_string(self, "CURVE_BUDGETS_IDR", tr("Budget curve: other budgets to solve, Rp (e.g. 25e9; 50e9; "
                                                        "100e9)"), optional=True)
        params.add_sink(self, "OUTPUT_CURVE", tr("Budget curve (people newly covered by budget)"), "table",
                        optional=True, create=False)
        params.add_outputs(self, "number", [
            ("POPULATION_COVERED", tr("Population newly covered")),
            ("POPULATION_TOTAL_COVERED", tr("Population covered (existing + new)")),
            ("COST_TOTAL", tr("Cost of the selected sites (Rp)")), ("SITES_SELECTED", tr("Sites selected")),
            ("GAP", tr("Optimality gap (0 = optimal; empty for greedy)")),
            ("VILLAGES_NEW", tr("Villages newly covered")), ("VILLAGES_EXISTING", tr("Villages already covered"))])
        params.add_outputs(self, "string", [("STATUS", tr("Solver status")), ("SOLVER", tr("Solver"))])

    # ------------------------------------------------------------------------------------------------------------
    def _site_params(self, parameters, context, table, layer, eirp_offset_db=0.0):
        """Antenna height, EIRP (less the coverage raster's quantity offset and clutter margin) and frequency of the
        sites of ``table`` (the layer of the parameter ``layer``), read and checked as 'Compute coverage' reads a
        site layer (io.coverage_sites.radio_values); a missing value takes the parameter's."""
        names = table.names()
        columns = [table.column(f) for f in (
            find_field(names, "", ("height_m", "height")), find_field(names, "", ("freq_mhz", "frequency")),
            find_field(names, "", ("eirp_dbm", "eirp")))]
        id_field = find_field(names, "", ("cand_id", "site_id"))
        ids = table.column(id_field)
        defaults = [self.parameterAsDouble(parameters, key, context) for key in ("TX_HEIGHT_M", "FREQ_MHZ",
                                                                                    "EIRP_DBM")]
        out, implausible = [], []
        for j, raw in enumerate(zip(*columns)):
            *values, bad = radio_values(*raw)
            sid = str(ids[j]) if ids[j] not in (None, "") and not nb.is_missing(ids[j]) else f"fid-{table.fids[j]}"
            implausible += [(sid, name, value) for name, value in bad]
            out.append([d if v is None else v for v, d in zip(values, defaults)])
        if implausible:
            raise QgsProcessingException(implausible_text(implausible, layer))
        arr = np.asarray(out, dtype=float).reshape(len(table), 3)
        return arr[:, 0], arr[:, 2] - eirp_offset_db, arr[:, 1]

    def _engine(self, parameters, context, feedback, villages):
        """(settings, engine state) from the DEM and the coverage raster's settings; (settings, None) without DEM."""
        cov_layer = self.parameterAsRasterLayer(parameters, "COVERAGE", context)
        settings = params.resolve_settings(self, parameters, context, feedback, cov_layer.source() if cov_layer else "")
        dem_layer = self.parameterAsRasterLayer(parameters, "DEM", context)
        if dem_layer is None:
            if cov_layer is not None:
                feedback.pushWarning(tr("A coverage raster without a DEM cannot test candidate sites: give the DEM "
                                        "the coverage was computed on. The straight-distance radius is used."))
            return settings, None, None
        ds, dem_crs = params.open_dem_layer(dem_layer, feedback)
        try:  # the raster's land-cover clutter (none: the flat margin in the EIRP offset), as in the raster
            grid = clutter_for(settings, ds)
        except ClutterError as exc:
            raise QgsProcessingException(describe(exc)) from None
        engine = WindowCoverage(ds, model=settings.model, rx_height=settings.rx_height_m,
                                max_radius_m=settings.max_radius_m, k_factor=settings.k_factor,
                                ray_step_cells=settings.ray_steps, clutter=grid)
        vil_dem = points_to_crs(villages.xy, villages.crs, dem_crs, context)
        cols, rows, inside = pixel_index(ds.GetGeoTransform(), vil_dem, ds.RasterXSize, ds.RasterYSize)
        test = None
        if cov_layer is not None:
            test = self._new_site_test(parameters, context, feedback, villages, cov_layer, settings, dem_crs)
        if test is None and settings.is_los:
            feedback.pushInfo(tr("Coverage: line of sight from each site to the village office, within {r} m "
                                 "(DEM).").format(r=_n(engine.max_radius_m)))
        elif test is None:
            feedback.pushInfo(tr("Coverage: model {m}, office signal ≥ {t} dBm, within {r} m (DEM).")
                              .format(m=settings.model, t=_n(settings.threshold_dbm), r=_n(engine.max_radius_m)))
        return settings, (engine, dem_crs, cols, rows, inside, settings), test

    def _new_site_test(self, parameters, context, feedback, villages, cov_layer, settings, dem_crs):
        if cov_layer.crs() != dem_crs:
            feedback.pushWarning(tr("The coverage raster ({a}) and the DEM ({b}) have different CRSs: candidates are "
                                    "tested at the village offices only.").format(a=cov_layer.crs().authid(),
                                                                                 b=dem_crs.authid()))
            return None
        offices = {}
        names = villages.names()
        mapping = detect_fields(names, {"code": self.parameterAsString(parameters, "CODE_FIELD", context)})
        off_src = self.parameterAsSource(parameters, "OFFICES", context)
        if off_src is not None and mapping.code:
            try:
                offices = read_offices(off_src, "", cov_layer.crs(), mapping.scheme, context, feedback)
            except OfficeError as exc:
                raise QgsProcessingException(str(exc)) from None
        src_xform = QgsCoordinateTransform(villages.source_crs, cov_layer.crs(), context.transformContext())
        codes = villages.column(mapping.code) if mapping.code else [None] * len(villages)
        inputs = []
        for i, g in enumerate(villages.geometries):
            wkb = b""
            if g is not None and not g.isEmpty():
                gg = QgsGeometry(g)
                try:
                    gg.transform(src_xform)
                    wkb = bytes(gg.asWkb())
                except Exception:  # noqa: BLE001 - a geometry that cannot be transformed counts as empty
                    wkb = b""
            office = offices.get(code_key(codes[i], mapping.scheme)) if offices else None
            inputs.append(VillageInput(id=i, wkb=wkb, office=office))
        if offices:
            check_office_positions(inputs, cov_layer.crs(), lambda i: f"{villages.fids[i]} ({codes[i]})", feedback)
        test = NewSiteTest(cov_layer.source(), inputs, settings.threshold_dbm, is_canceled=feedback.isCanceled)
        feedback.pushInfo(tr("Coverage test: a candidate covers a village when, added to the coverage raster, it "
                             "makes the village 'covered' by classify's rule ({k} villages covered today).")
                          .format(k=sum(1 for st in test.status if st == "covered")))
        return test

    def _coverage(self, parameters, context, feedback, villages, sites, keyprefix, engine_state, span, test=None,
                  already=None, layer="CANDIDATES"):
        """Coverage sets (list per site of village indices) and distances (aligned)."""
        vxy = villages.xy
        ok_v = np.all(np.isfinite(vxy), axis=1)
        sxy = sites.xy
        if engine_state is None:
            radius = self.parameterAsDouble(parameters, "RADIUS_M", context)
            vv = np.where(ok_v[:, None], vxy, 1e15)  # far away: never covered
            ss = np.where(np.all(np.isfinite(sxy), axis=1)[:, None], sxy, -1e15)
            return coverage_from_points(vv, ss, radius, return_distances=True)
        engine, dem_crs, cols, rows, inside, settings = engine_state
        heights, eirps, freqs = self._site_params(parameters, context, sites, layer, settings.eirp_offset_db)
        site_dem = points_to_crs(sxy, villages.crs, dem_crs, context)
        from scipy.spatial import cKDTree

        tree = cKDTree(np.where(ok_v[:, None], vxy, 1e15))
        gt = engine.ds.GetGeoTransform()
        cov, dist = [], []
        for j in range(len(sites)):
            if feedback.isCanceled():
                break
            if not np.all(np.isfinite(sxy[j])):
                cov.append(np.zeros(0, dtype=np.int64))
                dist.append(np.zeros(0))
                continue
            site = Site(f"{keyprefix}{j}", float(site_dem[j, 0]), float(site_dem[j, 1]), height_m=float(heights[j]),
                        freq_mhz=float(freqs[j]), eirp_dbm=float(eirps[j]))
            if test is not None:
                arr, off = engine.window(f"{keyprefix}{j}", site)
                values_at = window_sampler(arr, off, gt)
                near = test.near(float(site_dem[j, 0]), float(site_dem[j, 1]), engine.max_radius_m)
                idx = np.asarray([i for i in near if not already[i] and test.status_with(i, values_at) == "covered"],
                                 dtype=np.int64)
            else:
                near = np.asarray(sorted(tree.query_ball_point(sxy[j], engine.max_radius_m)), dtype=np.int64)
                near = near[inside[near]] if near.size else near
                if near.size == 0:
                    cov.append(near)
                    dist.append(np.zeros(0))
                    continue
                v = engine.values(f"{keyprefix}{j}", site, cols[near], rows[near], np.ones(near.size, bool))
                with np.errstate(invalid="ignore"):
                    hit = np.isfinite(v) & ((v >= 1) if settings.is_los else (v >= settings.threshold_dbm))
                idx = near[hit]
            cov.append(idx)
            dist.append(np.hypot(*(vxy[idx] - sxy[j]).T) if idx.size else np.zeros(0))
            engine.cache.pop(f"{keyprefix}{j}", None)  # one use per site: free the window
            if j % 10 == 0:
                feedback.setProgress(span[0] + (span[1] - span[0]) * j / max(1, len(sites)))
        return cov, dist

    def _demand(self, parameters, context, feedback, villages):
        names = villages.names()
        pop_param = self.parameterAsString(parameters, "POPULATION_FIELD", context)
        pop_field = find_field(names, pop_param) or detect_fields(names).population
        if not pop_field:
            raise QgsProcessingException(tr("No population field was found. Choose it in POPULATION_FIELD."))
        pop = column_floats(villages, pop_field, nb.POPULATION, feedback)
        bad_pop = ~np.isfinite(pop) | (pop < 0)
        if bad_pop.any():
            feedback.pushWarning(tr("{k} villages have no valid population; they count as 0.").format(
                k=int(bad_pop.sum())))
        pop = np.where(bad_pop, 0.0, pop)
        weight = np.ones(len(villages))
        w_field = self.parameterAsString(parameters, "WEIGHT_FIELD", context)
        if w_field:
            real = find_field(names, w_field)
            if not real:
                raise QgsProcessingException(tr("The village layer has no field '{f}' (WEIGHT_FIELD).").format(
                    f=w_field))
            weight = column_floats(villages, real, nb.WEIGHT, feedback)
            bad = ~np.isfinite(weight) | (weight < 0)
            if bad.any():
                feedback.pushWarning(tr("{k} villages have no valid weight in {f}; they count as 0.").format(
                    k=int(bad.sum()), f=real))
            weight = np.where(bad, 0.0, weight)
            feedback.pushInfo(tr("Demand = {p} × {w}.").format(p=pop_field, w=real))
        else:
            feedback.pushInfo(tr("Demand = {p}.").format(p=pop_field))
        if villages.empty:
            feedback.pushWarning(tr("{k} villages have no geometry; they cannot be covered.").format(
                k=len(villages.empty)))
        return pop, pop * weight

    def _costs_and_ids(self, parameters, context, feedback, cands):
        cnames = cands.names()
        cost_param = self.parameterAsString(parameters, "COST_FIELD", context)
        cost_field = find_field(cnames, cost_param, ("cost_idr",) if not cost_param else ())
        if cost_param and not cost_field:
            raise QgsProcessingException(tr("The candidate layer has no field '{f}' (COST_FIELD).").format(
                f=cost_param))
        default_cost = self.parameterAsDouble(parameters, "DEFAULT_COST_IDR", context)
        if cost_field:
            cost = column_floats(cands, cost_field, nb.COST, feedback)
            missing = ~np.isfinite(cost) | (cost < 0)
            if missing.any():
                feedback.pushWarning(tr("{k} candidates have no valid cost; they cost the default {c}.")
                                     .format(k=_n(missing.sum()), c=_rp(default_cost)))
            # a cost of 0 is reported by core.numbers (COST: a tower is never free) and priced at the default
            cost = np.where(missing, default_cost, cost)
            feedback.pushInfo(tr("Candidate costs from field {f}.").format(f=cost_field))
        else:
            cost = np.full(len(cands), default_cost)
            feedback.pushInfo(tr("Every candidate costs the default {c}.").format(c=_rp(default_cost)))
        id_field = find_field(cnames, self.parameterAsString(parameters, "CANDIDATE_ID_FIELD", context),
                              ("cand_id", "site_id", "id"))
        cand_ids = [str(v) if v is not None else str(fid) for v, fid in
                    zip(cands.column(id_field), cands.fids)] if id_field else [str(fid) for fid in cands.fids]
        # one id, one site: the plan charges a site's whole cost to the villages of that id, so two candidates of one
        # id would merge into one tower in choosetech (was: 7 towers selected, one of Rp 2.6 bn booked)
        fids_of: dict = {}
        for cid, fid in zip(cand_ids, cands.fids):
            fids_of.setdefault(cid, []).append(fid)
        twice = {cid: fids for cid, fids in fids_of.items() if len(fids) > 1}
        if twice:
            cid, fids = next(iter(twice.items()))
            raise QgsProcessingException(tr(
                "{n} candidate ids are used by more than one candidate (field {field}; e.g. '{id}' by features "
                "{fids}): each candidate must have its own id, as the plan charges a site's cost to the villages of "
                "its id. Correct the ids (e.g. with the field calculator: {field} = @id).").format(
                n=len(twice), field=id_field, id=cid, fids=", ".join(map(str, fids[:10]))))
        return np.round(cost), cand_ids

    def _existing(self, parameters, context, feedback, villages, engine_state, test):
        already = self._covered_today(parameters, context, feedback, villages, engine_state, test)
        conn_field = find_field(villages.names(), "", ("prog_connected",))
        if conn_field:
            connected = np.array([as_float(v) == 1 for v in villages.column(conn_field)])
            feedback.pushInfo(tr("Programme: {k} villages are already connected by the programme; they are not "
                                 "demand for new sites ({m} of them are not covered).").format(
                k=int(connected.sum()), m=int((connected & ~already).sum())))
            already = already | connected
        return already

    def _covered_today(self, parameters, context, feedback, villages, engine_state, test):
        """Villages covered today: classify's status field when the layer has it (else the coverage raster by
        classify's rule, else the EXISTING sites)."""
        n = len(villages)
        status_field = find_field(villages.names(), "", ("status",))
        if status_field:
            status = [str(v or "").strip().lower() for v in villages.column(status_field)]
            already = np.array([st == "covered" for st in status])
            feedback.pushInfo(tr("Existing coverage: {k} of {n} villages are 'covered' (field {f} from 'Classify "
                                 "villages'); partial villages and blank spots are the demand.").format(
                k=int(already.sum()), n=n, f=status_field))
            if test is not None:
                differ = [i for i in range(n) if (test.status[i] == "covered") != already[i]]
                if differ:
                    feedback.pushWarning(tr(
                        "{k} villages have another status in the field {f} than the coverage raster gives by "
                        "classify's rule (e.g. feature {fid}): the field was classified with other settings or "
                        "another raster. Run 'Classify villages' again on this raster.").format(
                        k=len(differ), f=status_field, fid=villages.fids[differ[0]]))
            if self.parameterAsSource(parameters, "EXISTING", context) is not None:
                feedback.pushInfo(tr("EXISTING is not used: the status field already includes the existing sites."))
            return already
        if test is not None:
            already = np.array([st == "covered" for st in test.status])
            feedback.pushInfo(tr("Existing coverage: {k} of {n} villages are covered by classify's rule on the "
                                 "coverage raster.").format(k=int(already.sum()), n=n))
            return already
        already = np.zeros(n, dtype=bool)
        ex_source = self.parameterAsSource(parameters, "EXISTING", context)
        if ex_source is not None:
            existing = read_table(ex_source, crs=villages.crs, context=context)
            if len(existing):
                ex_cov, _ = self._coverage(parameters, context, feedback, villages, existing, "E", engine_state,
                                           (5, 30), layer="EXISTING")
                for s in ex_cov:
                    already[np.asarray(s, dtype=np.int64)] = True
            feedback.pushInfo(tr("{k} villages are already covered by the {e} existing sites.").format(
                k=int(already.sum()), e=len(existing)))
        return already

    def processAlgorithm(self, parameters, context, feedback):
        self._curve_budgets(parameters, context)  # a budget that is not one is refused before the work
        villages, cands = self._read_inputs(parameters, context, feedback)
        pop, demand = self._demand(parameters, context, feedback, villages)
        cost, cand_ids = self._costs_and_ids(parameters, context, feedback, cands)
        budget = self.parameterAsDouble(parameters, "BUDGET_IDR", context)
        settings, engine_state, test = self._engine(parameters, context, feedback, villages)
        if engine_state is None:
            feedback.pushInfo(tr("Coverage: village office within {r} m of the site (straight distance).")
                              .format(r=_n(self.parameterAsDouble(parameters, "RADIUS_M", context))))
        already = self._existing(parameters, context, feedback, villages, engine_state, test)
        if len(cands) == 0:  # nothing to select: the empty selection, written as any other
            result = empty_selection(pop, already, budget,
                                     METHODS[self.parameterAsEnum(parameters, "METHOD", context)])
            curve = self._curve(parameters, context, feedback, demand, cost, [], budget, already, pop, [], result)
            return curve | self._write(parameters, context, feedback, villages, cands, cost, cand_ids, pop, already,
                                       result, budget)
        coverage, distances = self._coverage(parameters, context, feedback, villages, cands, "C", engine_state,
                                             (30, 80), test=test, already=already)
        if feedback.isCanceled():
            return {}
        result = self._solve(parameters, context, feedback, demand, cost, coverage, budget, already, pop, distances)
        curve = self._curve(parameters, context, feedback, demand, cost, coverage, budget, already, pop, distances,
                            result)
        return curve | self._write(parameters, context, feedback, villages, cands, cost, cand_ids, pop, already, result,
                           budget)

    def _curve_budgets(self, parameters, context) -> list:
        """The budgets of CURVE_BUDGETS_IDR (checked before any work: processAlgorithm's first step)."""
        text = self.parameterAsString(parameters, "CURVE_BUDGETS_IDR", context) or ""
        budgets = []
        # budgets separated by ';' (or lines), each read as every amount ('5 miliar', '5.000.000.000', '2,5e9'); a
        # comma was a separator too, so '2,5e9' became 2 and 5e9 without a word
        for part in text.replace("\n", ";").split(";"):
            part = part.strip()
            if not part:
                continue
            try:
                value = nb.parse_number(part, nb.MONEY)
            except nb.NumberError:
                value = None
            if value is None:
                raise QgsProcessingException(tr("CURVE_BUDGETS_IDR: '{value}' is not an amount of rupiah; write the "
                                                "budgets separated by ';', e.g. 25e9; 50e9; 100000000000.")
                                             .format(value=part)) from None
            if value < 0:
                raise QgsProcessingException(tr("CURVE_BUDGETS_IDR: a budget cannot be negative ({value:g}).")
                                             .format(value=value))
            budgets.append(value)
        return budgets

    def _curve(self, parameters, context, feedback, demand, cost, coverage, budget, already, pop, distances,
               result) -> dict:
        """The budget curve: the same coverage sets solved at other budgets (core.scenario.BudgetPoint rows)."""
        budgets = self._curve_budgets(parameters, context)
        if not budgets:
            return {}
        points = {budget: result}
        for b in sorted(set(budgets) - {budget}):
            if feedback.isCanceled():
                return {}
            if len(cost) == 0 or b < float(cost.min()):
                points[b] = None
                continue
            points[b] = solve_mclp(demand, cost, coverage, b, already_covered=already, method=result.method,
                                   time_limit=self.parameterAsDouble(parameters, "TIME_LIMIT_S", context),
                                   population=pop, distances=distances)
        rows = []
        for b in sorted(points):
            r = points[b]
            rows.append([b, 0, 0.0, 0.0, 0, None] if r is None else [
                b, len(r.selected), float(r.cost_total), float(r.population_covered), int(r.covered_mask.sum()),
                None if r.gap is None else float(r.gap)])
            feedback.pushInfo(tr("Budget curve: {b} -> {p} people newly covered.").format(
                b=_rp(b), p=_people(0 if r is None else r.population_covered)))
        dest = self.write_table(parameters, context, "OUTPUT_CURVE", CURVE_FIELDS, rows, optional=True)
        return {"OUTPUT_CURVE": dest} if dest is not None else {}

    def _read_inputs(self, parameters, context, feedback):
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
        self._sources = (vsource, csource)
        self._refuse_missing_fields(parameters, context, villages, cands)
        if len(cands) == 0:  # e.g. a kota whose villages are all covered: candidates wrote none; the chain goes on
            feedback.pushInfo(tr("The candidate layer has no features: no new site is selected (0 sites); the "
                                 "villages keep the coverage of the existing sites. Run 'Candidate sites' first if "
                                 "candidates were expected."))
            return villages, cands
        placed = np.all(np.isfinite(cands.xy), axis=1)
        if not placed.any():  # a table, or points without geometry: nothing can be placed (was: 'selected 0')
            raise QgsProcessingException(tr(
                "None of the {n} candidates has a point geometry, so none can be placed: choose a point layer of "
                "candidate sites (e.g. the output of 'Candidate sites').").format(n=len(cands)))
        if not placed.all():
            fids = [str(f) for f, ok in zip(cands.fids, placed) if not ok]
            feedback.pushWarning(tr("{n} candidates have no geometry and cannot be selected (feature id {ids}).")
                                 .format(n=len(fids), ids=first_listed(fids)))
        feedback.pushInfo(tr("All distances and coverage tests are computed in {crs} (inputs transformed from "
                             "their own CRS).").format(crs=villages.crs.authid()))
        return villages, cands

    def _refuse_missing_fields(self, parameters, context, villages, cands) -> None:
        """A field parameter naming a field its layer does not have (in any letters) is refused before any work:
        CANDIDATE_ID_FIELD, POPULATION_FIELD and CODE_FIELD fell back to their default field without a word."""
        for param, table, village_layer in (("POPULATION_FIELD", villages, True), ("WEIGHT_FIELD", villages, True),
                                            ("CODE_FIELD", villages, True), ("COST_FIELD", cands, False),
                                            ("CANDIDATE_ID_FIELD", cands, False)):
            chosen = self.parameterAsString(parameters, param, context)
            if not chosen or find_field(table.names(), chosen):
                continue
            args = {"field": chosen, "param": param, "what": self.parameterDefinition(param).description(),
                    "fields": ", ".join(table.names())}
            raise QgsProcessingException((tr(
                "The village layer has no field '{field}' (parameter {param}, {what}). Choose an existing field "
                "(its fields: {fields}) or leave {param} empty.") if village_layer else tr(
                "The candidate layer has no field '{field}' (parameter {param}, {what}). Choose an existing field "
                "(its fields: {fields}) or leave {param} empty.")).format(**args))

    def _solve(self, parameters, context, feedback, demand, cost, coverage, budget, already, pop, distances):
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
                "No candidate is affordable: the cheapest costs {c} but the budget is {b}. Raise "
                "BUDGET_IDR or add cheaper candidates (e.g. co-location on existing towers).").format(
                c=_rp(cost.min()), b=_rp(budget))) from None
        except OptimizationError as e:
            raise QgsProcessingException(tr("Cannot optimise the sites: {error}").format(error=str(e))) from None
        for w in result.warnings:
            if budget <= 0 and w.startswith("Budget is zero"):
                continue
            feedback.pushWarning(tr("Optimisation: {warning}").format(warning=w))
        feedback.setProgress(90)
        result.method = method
        return result

    def _write(self, parameters, context, feedback, villages, cands, cost, cand_ids, pop, already, result, budget):
        vsource, csource = self._sources
        assign = result.assignment
        kept = [j for j in result.selected if np.any(assign == j)]
        for j in result.selected:
            if j not in kept:
                feedback.pushWarning(tr("Selected site {site} serves no village once every village is assigned to "
                                        "its nearest selected site; it is dropped from the plan ({c}).")
                                     .format(site=cand_ids[j], c=_rp(cost[j])))
        site_fields = output_fields(cands.fields, SITE_FIELDS)
        ssink, sites_id = self.parameterAsSink(parameters, "OUTPUT_SITES", context, site_fields, csource.wkbType(),
                                               csource.sourceCrs())
        if ssink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT_SITES"))
        for j in kept:
            f = QgsFeature(site_fields)
            f.setGeometry(cands.geometries[j])
            f.setAttributes(merged_attributes(cands, j, site_fields, {"pop_served": float(pop[assign == j].sum()),
                                                                       "cost_idr": float(cost[j])}))
            ssink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        vil_fields = output_fields(villages.fields, VILLAGE_FIELDS)
        vsink, vil_id = self.parameterAsSink(parameters, "OUTPUT_VILLAGES", context, vil_fields, vsource.wkbType(),
                                             vsource.sourceCrs())
        if vsink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT_VILLAGES"))
        for i in range(len(villages)):
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
        cost_total = float(sum(cost[j] for j in kept))
        gap = result.gap
        feedback.pushInfo(tr(
            "Selected {k} of {m} candidates for {c} (budget {b}): {p} people newly covered in "
            "{v} villages; {t} covered in total with the existing sites. Method {meth} ({solver}), status "
            "{status}, gap {gap}.").format(
            k=_n(len(kept)), m=_n(len(cands)), c=_rp(cost_total), b=_rp(budget), p=_people(result.population_covered),
            v=_n(result.covered_mask.sum()), t=_people(result.population_total_covered), meth=result.method,
            solver=result.solver, status=result.status,
            gap="-" if gap is None else fmt.percent(gap, ui_lang(), 2, of_one=True)))
        feedback.setProgress(100)
        return {"OUTPUT_SITES": sites_id, "OUTPUT_VILLAGES": vil_id,
                "POPULATION_COVERED": result.population_covered,
                "POPULATION_TOTAL_COVERED": result.population_total_covered,
                "COST_TOTAL": cost_total, "SITES_SELECTED": len(kept),
                "GAP": None if gap is None else float(gap), "STATUS": result.status, "SOLVER": result.solver,
                "VILLAGES_NEW": int(result.covered_mask.sum()), "VILLAGES_EXISTING": int(already.sum()),
                "OBJECTIVE": result.objective}


ALGORITHM = OptimizeSitesAlgorithm
