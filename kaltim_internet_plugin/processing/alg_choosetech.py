"""kaltiminternet:choosetech — cheapest feasible connection technology per village office (core.costs)."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from qgis.core import QgsFeature, QgsFeatureSink, QgsProcessingException

from ..compat import FieldType
from ..core import formatting as fmt
from ..core import numbers as nb
from ..core.costs import (
    HAS_PLN_WORDS,
    NO_PLN_WORDS,
    TechRules,
    add_colocation,
    choose_technology,
    default_cost_table,
    format_idr,
    has_no_pln,
    migration_costs,
    radio_worth_testing,
    split_whole,
    whole_rupiah,
)
from ..core.coverage import Site
from ..core.coverage_settings import RANGES
from ..core.definitions import is_covered_status
from ..core.funding import TECH_KEYS, normalize_tech
from ..core.programme import ProgrammeStatus, yearly_fee
from ..core.sites import PLAUSIBLE
from ..core.villages import detect_fields
from ..errors import describe
from ..i18n import tr, ui_lang, user_locale
from ..input_text import first_listed
from ..io.priority_layers import (
    WindowCoverage,
    as_float,
    column_floats,
    dem_overlap,
    find_field,
    merged_attributes,
    nearest,
    open_gdal,
    output_fields,
    pixel_index,
    points_to_crs,
    raster_crs,
    read_table,
    sample_raster,
)
from ..io.styles_priority import attach_style
from . import params
from .base import KaltimAlgorithm
from .checks import table_defects, warn_village_defects

TECH_FIELDS = [("tech", FieldType.String), ("capex_idr", FieldType.Double), ("opex_idr_year", FieldType.Double),
               ("reason", FieldType.String), ("operator", FieldType.String), ("new_site", FieldType.String),
               ("existing", FieldType.String), ("fibre_capex_idr", FieldType.Double),
               ("fibre_opex_idr_year", FieldType.Double), ("power_capex_idr", FieldType.Double)]
# the programme's technologies as plan technologies ("" = connected, technology not reported)
PROGRAMME_TECH = {"fibre_service": "fibre_service", "fwa": "fwa", "satellite": "satellite", "radio": "radio",
                  "": "village_package"}


def _count(value) -> str:
    """A count for the log, written the way the UI's language writes numbers (core.formatting)."""
    return fmt.integer(value, ui_lang())


def _measure(value) -> str:
    """A threshold or distance for the log (dBm, km, m, years) in the UI's language."""
    return fmt.number(value, ui_lang(), 2)


def _rupiah(value) -> str:
    """Every rupiah for the log: Rp 26.000.000.000 in Indonesian, Rp 26,000,000,000 in English."""
    return fmt.money_full(value, ui_lang())


def _data_lang() -> str:
    """The language of the texts written into the layer (reason)."""
    return "id" if user_locale() == "id" else "en"


def coverage_type_labels() -> list:
    return [tr("Detect (negative values = signal in dBm, else line-of-sight count)"), tr("Signal (dBm)"),
            tr("Line-of-sight count")]


class ChooseTechAlgorithm(KaltimAlgorithm):
    ALG_ID = "choosetech"
    GROUP_ID = "priority"

    def initAlgorithm(self, config=None):
        params.add_office_villages(self)
        params.add_raster(self, "COVERAGE", tr("Coverage raster (dBm or line-of-sight count)"), optional=True)
        params.add_enum(self, "COVERAGE_TYPE", tr("Coverage raster values"), coverage_type_labels())
        params.add_number(self, "THRESHOLD_DBM", tr("Coverage threshold, dBm (empty = the coverage raster's "
                                                    "setting)"), None, *RANGES["threshold_dbm"], optional=True)
        params.add_fields(self, "VILLAGES", [("STATUS_FIELD", tr("Coverage status field, used without a raster "
                                                                 "(default: status)"))])
        params.add_source(self, "FIBRE_NODES", tr("Fibre nodes (points)"), ("point",), optional=True)
        params.add_number(self, "FIBRE_MAX_KM", tr("Longest new fibre run (km)"), 10.0, 0)
        params.add_number(self, "FIBRE_SERVICE_KM", tr("Subscribe to a fibre service within this distance of a "
                                                       "fibre node (km)"), 1.0, 0, 20)
        params.add_number(self, "FIBRE_DETOUR", tr("Detour factor of a new fibre run (route length / straight "
                                                   "distance)"), 1.4, 1.0, 5.0)
        params.add_number(self, "FWA_THRESHOLD_DBM", tr("Signal a 4G FWA router needs at the office, dBm (empty = "
                                                        "the coverage threshold)"), None, *RANGES["threshold_dbm"],
                          optional=True)
        params.add_fields(self, "VILLAGES", [("NO_PLN_FIELD", tr("Field flagging villages without PLN mains power "
                                                                 "(1/ya = no power: solar + battery is added)"))])
        params.add_existing_sites(self, tr("Existing towers (connected points, operator)"), height_field=True)
        params.add_raster(self, "DEM", tr("DEM for radio line of sight"), optional=True)
        height = PLAUSIBLE["height_m"]  # the one range of an antenna's height (core.sites)
        for name, label, default, (minimum, maximum), integer in (
                ("RADIO_MAX_KM", tr("Longest radio link (km)"), 20.0, (0, None), False),
                ("RADIO_MAST_M", tr("Radio antenna height at the village office (m)"), 12.0, height, False),
                ("HORIZON_YEARS", tr("Planning horizon (years)"), 5.0, (0, None), False),
                ("BTS_MIN_CLUSTER", tr("Minimum uncovered villages for a new BTS"), 3, (1, None), True),
                ("BTS_CLUSTER_RADIUS_KM", tr("BTS cluster radius (km)"), 5.0, (0, None), False),
                ("COLO_MAX_KM", tr("Co-location: uncovered offices within this distance of an existing tower (km; 0 "
                                   "= off)"), 5.0, (0, None), False)):
            params.add_number(self, name, label, default, minimum, maximum, integer=integer)
        params.add_cost_table(self)
        params.add_number(self, "SITE_HEIGHT_M", tr("Tower height when unknown (m)"), 30.0, *height, advanced=True)
        params.add_source(self, "NEW_SITES", tr("New BTS sites already selected (e.g. optimizesites' OUTPUT_SITES)"),
                          ("point",), optional=True)
        params.add_number(self, "NEW_SITE_RADIUS_M", tr("Radius a selected new BTS serves (m)"), 8000, 0)
        params.add_sink(self, "OUTPUT", tr("Village plan (technology)"))
        params.add_outputs(self, "number", [("COUNT_" + key.upper(), tr("Villages per technology: {t}").format(t=key))
                                            for key in TECH_KEYS])
        params.add_outputs(self, "string", [("COUNTS", tr("Villages per technology"))])
        params.add_outputs(self, "number", [("CAPEX_TOTAL", tr("CAPEX total (Rp)")),
                                            ("OPEX_TOTAL", tr("OPEX total per year (Rp)"))])

    # ------------------------------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):
        dem = self.parameterAsRasterLayer(parameters, "DEM", context)
        if dem is not None:  # before any work, also when no village needs a radio link test
            params.refuse_not_a_dem(dem.source(), dem.name())
        source, table = params.read_office_villages(self, parameters, context, feedback)
        feedback.pushInfo(tr("Distances are computed in {crs}.").format(crs=table.crs.authid()))
        self._warn_empty(feedback, table)
        warn_village_defects(*table_defects(table, detect_fields(table.names()).code), feedback,
                             tr("its distances (and so its technology) are measured from a point that may be "
                                "wrong"))
        self._no_pln = self._read_no_pln(parameters, context, table)  # refused before any work when unreadable
        costs = self._costs(parameters, context, feedback)
        rules = self._rules(parameters, context)
        covered = self._covered(parameters, context, feedback, table)
        feedback.setProgress(15)
        fibre_straight, fibre_route = self._fibre(parameters, context, feedback, table, rules)
        sites, operator, radio_los, radio_dist = self._sites(parameters, context, feedback, table, covered,
                                                             fibre_route, costs, rules)
        feedback.setProgress(80)
        with_new_sites = self.parameterAsSource(parameters, "NEW_SITES", context) is not None
        if with_new_sites:
            feedback.pushInfo(tr("New BTS come only from the selected sites (NEW_SITES): no other BTS cluster is "
                                 "formed."))
        try:
            choice = choose_technology(len(table), covered=covered, fibre_distance_m=fibre_route,
                                       radio_los=radio_los, radio_distance_m=radio_dist,
                                       xy=None if with_new_sites else table.xy, costs=costs, rules=rules,
                                       fibre_service_distance_m=fibre_straight)
        except (ValueError, KeyError) as e:
            raise QgsProcessingException(tr("Cannot choose the technology: {error}").format(
                error=describe(e))) from None
        reasons = choice.reason(_data_lang())
        new_site_of = self._new_sites(parameters, context, feedback, table, covered, choice, costs, reasons)
        reasons = self._colocation(parameters, context, feedback, table, sites, covered, new_site_of, choice, costs,
                                   rules, operator, reasons)
        existing = self._programme(feedback, table, choice, reasons, operator)
        migration = migration_costs([normalize_tech(t) for t in choice.tech], fibre_straight, fibre_route, costs,
                                    rules)
        power = self._power(parameters, context, feedback, table, choice, costs, reasons)
        whole_rupiah(choice)
        values = [{"tech": normalize_tech(choice.tech[i]), "capex_idr": float(choice.capex_idr[i]),
                   "opex_idr_year": float(choice.opex_idr_year[i]), "reason": reasons[i], "new_site": new_site_of[i],
                   "operator": operator[i] if normalize_tech(choice.tech[i]) in ("fwa", "colo") or existing[i]
                   else None, "existing": existing[i], "fibre_capex_idr": migration[i][0],
                   "fibre_opex_idr_year": migration[i][1], "power_capex_idr": power[i]} for i in range(len(table))]
        return self._write(parameters, context, feedback, source, table, values, rules.horizon_years)

    # ------------------------------------------------------------------------------------------------------------
    @staticmethod
    def _codes(table) -> list:
        """The village code per feature (the feature id where there is none), to name villages in the log."""
        code_field = detect_fields(table.names()).code
        codes = table.column(code_field) if code_field else [None] * len(table)
        return [tr("feature {fid} ({code})").format(fid=fid, code=code if code not in (None, "") else "-")
                for fid, code in zip(table.fids, codes)]

    def _warn_empty(self, feedback, table, most: int = 10):
        if not table.empty:
            return
        codes = self._codes(table)
        shown = first_listed((codes[i] for i in table.empty), most)
        feedback.pushWarning(tr("{k} villages have no geometry (or one that cannot be placed), so they can only get "
                                "satellite: {names}. Digitise them or delete the stray rows ('Check village layer' "
                                "lists them).").format(k=_count(len(table.empty)), names=shown))

    def _costs(self, parameters, context, feedback):
        table, path = params.read_cost_table(self, parameters, context)
        if table is None:
            feedback.pushInfo(tr("Cost table: defaults (sources in the user guide)."))
            return default_cost_table()
        for item in default_cost_table():
            if item.key not in table:
                table.set(item)
                feedback.pushWarning(tr("The cost table has no row '{key}'; the default is used.")
                                     .format(key=item.key))
        feedback.pushInfo(tr("Cost table: {n} rows from {path}").format(n=_count(len(table)), path=path))
        return table

    def _rules(self, parameters, context) -> TechRules:
        return TechRules(
            fibre_max_km=self.parameterAsDouble(parameters, "FIBRE_MAX_KM", context),
            radio_max_km=self.parameterAsDouble(parameters, "RADIO_MAX_KM", context),
            bts_min_cluster=self.parameterAsInt(parameters, "BTS_MIN_CLUSTER", context),
            bts_cluster_radius_km=self.parameterAsDouble(parameters, "BTS_CLUSTER_RADIUS_KM", context),
            horizon_years=self.parameterAsDouble(parameters, "HORIZON_YEARS", context),
            fibre_service_max_km=self.parameterAsDouble(parameters, "FIBRE_SERVICE_KM", context))

    def _fibre(self, parameters, context, feedback, table, rules):
        """(straight distance, route length of a new run) in m to the nearest fibre node per village (None where
        unknown), or (None, None) without FIBRE_NODES."""
        fib_src = self.parameterAsSource(parameters, "FIBRE_NODES", context)
        if fib_src is None:
            return None, None
        detour = self.parameterAsDouble(parameters, "FIBRE_DETOUR", context)
        nodes = read_table(fib_src, crs=table.crs, context=context)
        d, _ = nearest(table.xy, nodes.xy)
        straight = [float(v) if np.isfinite(v) else None for v in d]
        k = int(np.sum(np.isfinite(d) & (d <= rules.fibre_max_km * 1000)))
        feedback.pushInfo(tr("Fibre: {k} offices within {d} km of one of {m} fibre nodes.").format(
            k=_count(k), d=_measure(rules.fibre_max_km), m=_count(len(nodes))))
        return straight, [None if v is None else v * detour for v in straight]

    def _sites(self, parameters, context, feedback, table, covered, fibre_route, costs, rules):
        """(existing towers: table + operator per tower, or None; operator of the nearest tower per village; radio
        line of sight and distance per village, or None, None)."""
        n = len(table)
        site_src = self.parameterAsSource(parameters, "SITES", context)
        if site_src is None:
            return None, [None] * n, None, None
        sites = read_table(site_src, crs=table.crs, context=context)
        snames = sites.names()
        op_field = find_field(snames, self.parameterAsString(parameters, "SITE_OPERATOR_FIELD", context),
                              ("operator", "operator_name", "provider"))
        h_field = find_field(snames, self.parameterAsString(parameters, "SITE_HEIGHT_FIELD", context),
                             ("height_m", "height", "tinggi"))
        default_h = self.parameterAsDouble(parameters, "SITE_HEIGHT_M", context)
        # the one range of a site's height (core.sites.PLAUSIBLE, as importsites and coverage); outside it the
        # value is reported by row and the default height used
        lo, hi = PLAUSIBLE["height_m"]
        heights = column_floats(sites, h_field, replace(nb.HEIGHT, lo=lo, hi=hi), feedback)
        heights = np.where(np.isfinite(heights) & (heights > 0), heights, default_h)
        _d, j_site = nearest(table.xy, sites.xy)
        site_ops = sites.column(op_field) if op_field else [None] * len(sites)
        operator = [site_ops[j] if j >= 0 else None for j in j_site] if op_field else [None] * n
        radio_los = radio_dist = None
        if self.parameterAsRasterLayer(parameters, "DEM", context) is not None and len(sites):
            radio_los, radio_dist = self._radio(parameters, context, feedback, table, sites, heights, covered,
                                                fibre_route, costs, rules)
        elif len(sites):
            feedback.pushInfo(tr("Radio links need a DEM for the line of sight; without a DEM radio is not "
                                 "considered."))
        return (sites, site_ops), operator, radio_los, radio_dist

    def _colocation(self, parameters, context, feedback, table, sites, covered, new_site_of, choice, costs, rules,
                    operator, reasons) -> list:
        """Co-location on existing towers for the offices that are not covered, not on a selected new BTS and not
        connected by the programme; returns the reasons (rewritten for the offices that change)."""
        colo_km = self.parameterAsDouble(parameters, "COLO_MAX_KM", context)
        if sites is None or not len(sites[0]) or colo_km <= 0:
            return reasons
        n = len(table)
        site_table, site_ops = sites
        colo_key = "colo" if "colo" in costs else "booster_4g"
        on_new_site = np.array([sid is not None for sid in new_site_of], dtype=bool)
        conn_field = find_field(table.names(), "", ("prog_connected",))
        connected = np.array([as_float(v) == 1 for v in table.column(conn_field)]) if conn_field else \
            np.zeros(n, dtype=bool)
        used = add_colocation(choice, table.xy, site_table.xy, covered=covered | on_new_site | connected,
                              costs=costs, rules=rules, radius_km=colo_km, tower_labels=site_ops)
        for i in np.flatnonzero(used >= 0):
            operator[i] = site_ops[used[i]]
        feedback.pushInfo(tr("Co-location: {k} offices share 4G equipment on {t} existing towers (cost row "
                             "{key}).").format(k=_count(int((used >= 0).sum())),
                                               t=_count(len(set(used[used >= 0].tolist()))), key=colo_key))
        fresh = choice.reason(_data_lang())
        return [reasons[i] if on_new_site[i] else fresh[i] for i in range(n)]

    def _write(self, parameters, context, feedback, source, table, values, horizon):
        out_fields = output_fields(table.fields, TECH_FIELDS)
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, out_fields, source.wkbType(),
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        counts = {k: 0 for k in TECH_KEYS}
        for i, v in enumerate(values):
            counts[v["tech"]] = counts.get(v["tech"], 0) + 1
            f = QgsFeature(out_fields)
            f.setGeometry(table.geometries[i])
            f.setAttributes(merged_attributes(table, i, out_fields, v))
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        attach_style(context, dest_id, "tech")
        capex_total = sum(v["capex_idr"] for v in values)
        opex_total = sum(v["opex_idr_year"] for v in values)
        summary = ", ".join(f"{k}={v}" for k, v in counts.items() if v)
        feedback.pushInfo(tr("Villages per technology: {s}. CAPEX {c}; OPEX {o} per year ({h}-year horizon).")
                          .format(s=summary, c=_rupiah(capex_total), o=_rupiah(opex_total), h=_measure(horizon)))
        feedback.setProgress(100)
        out = {"OUTPUT": dest_id, "COUNTS": summary, "CAPEX_TOTAL": capex_total, "OPEX_TOTAL": opex_total}
        for k, v in counts.items():
            out["COUNT_" + k.upper()] = v
        return out

    def _covered(self, parameters, context, feedback, table):
        """Where 4G FWA can serve the office, by the chain's one covered test: a village classified 'covered', or
        whose office signal (classify's office_dbm) reaches the threshold of the coverage raster's settings."""
        n = len(table)
        cov_layer = self.parameterAsRasterLayer(parameters, "COVERAGE", context)
        threshold = params.resolve_settings(self, parameters, context, feedback,
                                     cov_layer.source() if cov_layer is not None else "").threshold_dbm
        if params.given(parameters, "FWA_THRESHOLD_DBM"):
            threshold = self.parameterAsDouble(parameters, "FWA_THRESHOLD_DBM", context)
            feedback.pushInfo(tr("4G FWA needs {t} dBm at the office (FWA_THRESHOLD_DBM).").format(
                t=_measure(threshold)))
        names = table.names()
        status_field = find_field(names, self.parameterAsString(parameters, "STATUS_FIELD", context), ("status",))
        if status_field and find_field(names, "", ("cov_share",)):
            covered = np.array([is_covered_status(v) for v in table.column(status_field)], dtype=bool)
            office_field = find_field(names, "", ("office_dbm",))
            if office_field:
                office = np.array([as_float(v) for v in table.column(office_field)])
                with np.errstate(invalid="ignore"):
                    # the office's own signal decides where it is known, the village's status elsewhere
                    covered = np.where(np.isfinite(office), office >= threshold, covered)
            feedback.pushInfo(tr("Coverage: from 'Classify villages' ({f}): 4G FWA where the village is covered or "
                                 "its office signal is ≥ {t} dBm: {k} of {n} villages.").format(
                f=status_field, t=_measure(threshold), k=_count(int(covered.sum())), n=_count(n)))
            return covered
        if cov_layer is not None:
            ds = open_gdal(cov_layer)
            if ds is None:
                raise QgsProcessingException(tr("Cannot open the coverage raster {src}.").format(
                    src=cov_layer.source()))
            pts = points_to_crs(table.xy, table.crs, raster_crs(ds) if ds.GetProjection() else table.crs, context)
            values = sample_raster(ds, pts)
            kind = self.parameterAsEnum(parameters, "COVERAGE_TYPE", context)
            if kind == 0:
                finite = values[np.isfinite(values)]
                kind = 1 if (finite.size and finite.min() < 0) else 2
            with np.errstate(invalid="ignore"):
                covered = values >= threshold if kind == 1 else values >= 1
            covered = np.where(np.isfinite(values), covered, False)
            if kind == 1:
                feedback.pushInfo(tr("Coverage: office signal from the raster, covered when ≥ {t} dBm: {k} of {n} "
                                     "offices.").format(t=_measure(threshold), k=_count(int(covered.sum())),
                                                        n=_count(n)))
            else:
                feedback.pushInfo(tr("Coverage: line-of-sight count from the raster, covered when ≥ 1: {k} of {n} "
                                     "offices.").format(k=_count(int(covered.sum())), n=_count(n)))
            return covered
        names = table.names()
        dbm_field = find_field(names, "", ("office_dbm",))
        if dbm_field:
            vals = column_floats(table, dbm_field, nb.SIGNAL, feedback)
            with np.errstate(invalid="ignore"):
                covered = np.where(np.isfinite(vals), vals >= threshold, False)
            feedback.pushInfo(tr("Coverage: field {f} ≥ {t} dBm: {k} of {n} offices.").format(
                f=dbm_field, t=_measure(threshold), k=_count(int(covered.sum())), n=_count(n)))
            return covered
        status_field = find_field(names, self.parameterAsString(parameters, "STATUS_FIELD", context), ("status",))
        if status_field:
            covered = np.array([is_covered_status(v) for v in table.column(status_field)], dtype=bool)
            feedback.pushInfo(tr("Coverage: field {f} = covered: {k} of {n} villages.").format(
                f=status_field, k=_count(int(covered.sum())), n=_count(n)))
            return covered
        feedback.pushWarning(tr("No coverage raster and no office_dbm or status field: no office counts as "
                                "covered, so 4G FWA is never chosen."))
        return np.zeros(n, dtype=bool)

    def _programme(self, feedback, table, choice, reasons, operator) -> list:
        """Villages the programme already connects keep their service: their technology, no CAPEX, the yearly
        fee as OPEX (importprogramme's prog_* fields). Returns 'programme' or None per village."""
        n = len(table)
        names = table.names()
        conn_field = find_field(names, "", ("prog_connected",))
        if not conn_field:
            return [None] * n
        tech_col = table.column(find_field(names, "", ("prog_tech",)) or "")
        fee_field = find_field(names, "", ("prog_fee_idr_month",))
        fees = table.column(fee_field) if fee_field else [None] * n
        prov_field = find_field(names, "", ("prog_provider",))
        providers = table.column(prov_field) if prov_field else [None] * n
        out = [None] * n
        lang = _data_lang()
        for i, flag in enumerate(table.column(conn_field)):
            if not as_float(flag) == 1:
                continue
            ptech = str(tech_col[i] or "") if tech_col else ""
            status = ProgrammeStatus(code="", row=0, connected=True, tech=ptech,
                                     fee_idr_month=None if fees[i] is None else int(round(as_float(fees[i]))))
            choice.tech[i] = PROGRAMME_TECH.get(ptech, "village_package")
            choice.capex_idr[i] = 0
            choice.opex_idr_year[i] = yearly_fee(status)
            operator[i] = providers[i] or operator[i]
            out[i] = "programme"
            reasons[i] = tr("Connected by the programme ({tech}, {provider}): the service continues at {fee} a "
                            "year.").format(tech=ptech or tr("technology not reported"),
                                            provider=providers[i] or tr("provider not reported"),
                                            fee=format_idr(choice.opex_idr_year[i], lang))
        k = sum(1 for e in out if e)
        feedback.pushInfo(tr("Programme: {k} villages are already connected; they keep their service (OPEX "
                             "continues) and the plan connects the other {m}.").format(k=_count(k), m=_count(n - k)))
        return out

    def _read_no_pln(self, parameters, context, table):
        """The NO_PLN_FIELD flags (True: no PLN mains power), None without the field. A missing field, or a value
        that is neither yes nor no, is refused naming it (such a value was read as 'has power' without a word)."""
        field = self.parameterAsString(parameters, "NO_PLN_FIELD", context)
        if not field:
            return None
        if field not in table.names():
            raise QgsProcessingException(tr(
                "NO_PLN_FIELD: the village layer has no field '{field}' (fields: {fields}). Choose an existing field "
                "or leave NO_PLN_FIELD empty.").format(field=field, fields=", ".join(table.names())))
        flags = [has_no_pln(v) for v in table.column(field)]
        bad: dict = {}
        for label, value, flag in zip(self._codes(table), table.column(field), flags):
            if flag is None:
                bad.setdefault(str(value).strip(), []).append(label)
        if bad:
            values = "; ".join(f"'{v}' ({first_listed(labels, 3)})" for v, labels in list(bad.items())[:8]) + (
                " …" if len(bad) > 8 else "")
            raise QgsProcessingException(tr(
                "NO_PLN_FIELD: {n} value(s) of the field '{field}' are neither yes nor no, so it is not known whether "
                "these offices have PLN mains power: {values}. Write {yes} for an office without PLN power (solar + "
                "battery is added) and {no}, or an empty cell, for one with it; or choose the field that says "
                "it.").format(n=sum(len(x) for x in bad.values()), field=field, values=values,
                              yes="/".join(NO_PLN_WORDS[i] for i in (0, 2, 5, 6)),
                              no="/".join(HAS_PLN_WORDS[i] for i in (0, 2, 5, 6))))
        return flags

    def _power(self, parameters, context, feedback, table, choice, costs, reasons) -> list:
        """Solar + battery for offices without PLN mains (NO_PLN_FIELD, read by :meth:`_read_no_pln`); not for a
        new BTS or co-location, whose OPEX already includes the site's power."""
        n = len(table)
        if self._no_pln is None:
            return [None] * n
        item = costs["solar_power"]
        out = [None] * n
        for i, flag in enumerate(self._no_pln):
            if not flag or choice.tech[i] in ("bts", "colo"):
                continue
            choice.capex_idr[i] += item.capex_idr
            choice.opex_idr_year[i] += item.opex_idr_year
            out[i] = round(item.capex_idr)
            reasons[i] = reasons[i] + " " + tr("No PLN power: solar + battery added ({c}).").format(
                c=format_idr(item.capex_idr, _data_lang()))
        feedback.pushInfo(tr("Power: {k} offices without PLN mains get solar + battery.").format(
            k=_count(sum(1 for p in out if p))))
        return out

    def _new_sites(self, parameters, context, feedback, table, covered, choice, costs, reasons) -> list:
        """Villages served by a new BTS chosen by the site optimisation get ``bts``. With optimizesites' village
        output (fields site_id and covered_by) its assignment is kept as it is; otherwise each village that has no
        4G today takes the nearest selected site within NEW_SITE_RADIUS_M. A site's CAPEX (its cost_idr) and OPEX
        are split in whole rupiah over its villages, so the plan carries each site's whole cost. Returns the
        serving new site id per village (None elsewhere); ``choice`` and ``reasons`` are updated."""
        n = len(table)
        served = [None] * n
        src = self.parameterAsSource(parameters, "NEW_SITES", context)
        if src is None:
            return served
        new = read_table(src, crs=table.crs, context=context)
        if not len(new):
            feedback.pushWarning(tr("The layer of selected new BTS sites is empty; no village gets a new BTS."))
            return served
        names = new.names()
        id_field = find_field(names, "", ("site_id", "cand_id", "id"))
        cost_field = find_field(names, "", ("cost_idr",))
        bts = costs["bts_4g_3t"]
        ids = [str(v) for v in new.column(id_field)] if id_field else [str(k + 1) for k in range(len(new))]
        site_cost = column_floats(new, cost_field, nb.COST, feedback) if cost_field else [bts.capex_idr] * len(new)
        members: dict = {}
        vnames = table.names()
        by_field, site_field = find_field(vnames, "", ("covered_by",)), find_field(vnames, "", ("site_id",))
        if by_field and site_field:
            index = {sid: j for j, sid in enumerate(ids)}
            unknown = set()
            for i, (by, sid) in enumerate(zip(table.column(by_field), table.column(site_field))):
                if str(by or "") == "new" and sid is not None:
                    if str(sid) in index:
                        members.setdefault(index[str(sid)], []).append(i)
                    else:
                        unknown.add(str(sid))
            if unknown:
                feedback.pushWarning(tr("{n} site ids of the village layer are not among the selected sites: {ids}. "
                                        "Use optimizesites' two outputs of the same run.").format(
                    n=_count(len(unknown)), ids=", ".join(sorted(unknown)[:10])))
            feedback.pushInfo(tr("New BTS: the site optimisation's assignment is kept ({v} villages on {s} sites)."
                                 ).format(v=_count(sum(len(m) for m in members.values())), s=_count(len(members))))
        else:
            radius = self.parameterAsDouble(parameters, "NEW_SITE_RADIUS_M", context)
            dist, idx = nearest(table.xy, new.xy)
            for i in range(n):
                if not covered[i] and idx[i] >= 0 and dist[i] <= radius:
                    members.setdefault(int(idx[i]), []).append(i)
            feedback.pushInfo(tr("New BTS: {v} uncovered villages within {r} m of {s} selected sites get a new "
                                 "BTS.").format(v=_count(sum(len(m) for m in members.values())), r=_measure(radius),
                                                s=_count(len(members))))
        for j, villages in members.items():
            capex = site_cost[j] if np.isfinite(site_cost[j]) else bts.capex_idr
            for i, c, o in zip(villages, split_whole(capex, len(villages)),
                               split_whole(bts.opex_idr_year, len(villages))):
                choice.tech[i] = "bts"
                choice.capex_idr[i] = c
                choice.opex_idr_year[i] = o
                served[i] = ids[j]
                reasons[i] = tr("Served by new BTS {site} chosen by the site optimisation; cost shared by {k} "
                                "villages.").format(site=ids[j], k=len(villages))
        for j in sorted(set(range(len(new))) - set(members)):
            feedback.pushWarning(tr("Selected site {site} serves no village of this layer: its cost ({c}) is not in "
                                    "the plan. Run optimizesites again or remove the site.").format(
                site=ids[j], c=_rupiah(site_cost[j] if np.isfinite(site_cost[j]) else bts.capex_idr)))
        return served

    def _radio(self, parameters, context, feedback, table, sites, heights, covered, fibre_dist, costs, rules):
        """LOS (bool) and distance (m) to the first connected point in line of sight, per village."""
        n = len(table)
        ds, dem_crs = params.open_dem(self, parameters, context, feedback)
        max_m = rules.radio_max_km * 1000.0
        mast = self.parameterAsDouble(parameters, "RADIO_MAST_M", context)
        # radio is worth testing only where it can beat what is already feasible (core.costs)
        need = radio_worth_testing(covered, fibre_dist, costs, rules)
        need &= np.all(np.isfinite(table.xy), axis=1)
        refusal, warning = dem_overlap(
            ds, dem_crs, self.parameterAsRasterLayer(parameters, "DEM", context).name(), table, range(n),
            self._codes(table), tr("No radio link is tested for them."), context)
        if refusal:
            raise QgsProcessingException(refusal)
        if warning:
            feedback.pushWarning(warning)
        vil_dem = points_to_crs(table.xy, table.crs, dem_crs, context)
        site_dem = points_to_crs(sites.xy, table.crs, dem_crs, context)
        gt = ds.GetGeoTransform()
        cols, rows, inside = pixel_index(gt, vil_dem, ds.RasterXSize, ds.RasterYSize)
        engine = WindowCoverage(ds, model="los", rx_height=mast, max_radius_m=max_m)
        from scipy.spatial import cKDTree

        ok_sites = np.flatnonzero(np.all(np.isfinite(sites.xy), axis=1))
        los = np.zeros(n, dtype=bool)
        dist = np.full(n, np.nan)
        if ok_sites.size == 0:
            return los, dist
        tree = cKDTree(sites.xy[ok_sites])
        todo = np.flatnonzero(need & inside)
        for k, i in enumerate(todo):
            if feedback.isCanceled():
                break
            near = tree.query_ball_point(table.xy[i], max_m)
            if not near:
                continue
            cand = ok_sites[np.asarray(near, dtype=np.int64)]
            dd = np.hypot(*(sites.xy[cand] - table.xy[i]).T)
            for j in cand[np.lexsort((cand, dd))][:5]:  # nearest 5 connected points
                s = Site(str(j), float(site_dem[j, 0]), float(site_dem[j, 1]), height_m=float(heights[j]))
                v = engine.values(int(j), s, [cols[i]], [rows[i]], [True])[0]
                if np.isfinite(v) and v >= 1:
                    los[i] = True
                    dist[i] = float(math.hypot(*(sites.xy[j] - table.xy[i])))
                    break
            if k % 20 == 0:
                feedback.setProgress(15 + 60 * k / max(1, len(todo)))
        feedback.pushInfo(tr("Radio: {k} offices have line of sight to an existing tower within {d} km "
                             "({m} towers computed on the DEM).").format(k=_count(int(los.sum())),
                                                                        d=_measure(rules.radio_max_km),
                                                                        m=_count(len(engine.cache))))
        return los, dist


ALGORITHM = ChooseTechAlgorithm
