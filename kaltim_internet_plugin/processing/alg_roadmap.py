"""kaltiminternet:roadmap — multi-year roadmap under a funding table, with training plan, operator packages and
tower sharing.

Operator packages are part of this algorithm (no separate ``operatorpackages`` algorithm): the table
``OUTPUT_OPERATORS`` has one row per operator and the optional ``OPERATOR_FOLDER`` receives one CSV per operator
plus ``operators_summary.csv`` (:func:`core.operators.export_packages_csv`).
"""
from __future__ import annotations

from dataclasses import replace

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsWkbTypes,
)

from ..compat import FieldType
from ..core import numbers as nb
from ..core import operators as ops
from ..core import plan_summary as ps
from ..core import training as trn
from ..core.capacity import DEFAULT_BTS_LEAD_MONTHS, CapacityError, CapacityTable
from ..core.funding import FundingTableError, default_sources, normalize_tech
from ..core.roadmap import SCHEDULED, VILLAGE_FIELDS, MigrationOption, PlanVillage, RoadmapError, schedule
from ..errors import describe
from ..i18n import tr, user_locale
from ..input_text import funding_read_error_text
from ..io.layers import geometry_problem, source_features
from ..io.numeric_fields import parse_fields
from ..report.tables import UNASSIGNED_OPERATOR
from .base import KaltimAlgorithm
from .params import add_enum, add_fields, add_file, add_folder_output, add_number, add_outputs, add_sink, add_source

ANALYSIS_CRS = "EPSG:32750"

# parameter -> (default field name, required)
FIELD_PARAMS = (
    ("CODE_FIELD", "kode", True),
    ("POPULATION_FIELD", "population", True),
    ("TECH_FIELD", "tech", True),
    ("CAPEX_FIELD", "capex_idr", True),
    ("OPEX_FIELD", "opex_idr_year", True),
    ("RANK_FIELD", "priority_rank", True),
    ("NAME_FIELD", "nama", False),
    ("KEC_CODE_FIELD", "kode_kec", False),
    ("KEC_NAME_FIELD", "nama_kec", False),
    ("KAB_CODE_FIELD", "kode_kab", False),
    ("KAB_NAME_FIELD", "nama_kab", False),
    ("IS_3T_FIELD", "is_3t", False),
    ("PLOT_FIELD", "has_plot", False),
    ("OPERATOR_FIELD", "operator", False),
    ("CADRES_FIELD", "cadres_trained", False),
    ("FIBRE_CAPEX_FIELD", "fibre_capex_idr", False),
    ("FIBRE_OPEX_FIELD", "fibre_opex_idr_year", False),
    ("SITE_FIELD", "new_site", False),
    ("EXISTING_FIELD", "existing", False),
    ("CONTRACT_END_FIELD", "prog_contract_end", False),
)

TABLE_FIELDS = (("year", FieldType.Int), ("source", FieldType.String), ("label", FieldType.String),
                ("cap_idr", FieldType.LongLong), ("cap_per_kab", FieldType.Int), ("capex_idr", FieldType.LongLong),
                ("opex_idr", FieldType.LongLong), ("migration_capex_idr", FieldType.LongLong),
                ("migration_opex_idr", FieldType.LongLong), ("total_idr", FieldType.LongLong),
                ("villages_connected", FieldType.Int), ("people_connected", FieldType.LongLong),
                ("villages_migrated", FieldType.Int), ("recurring", FieldType.Int), ("opex_years", FieldType.Int))
TRAINING_FIELDS = (("year", FieldType.Int), ("kec_code", FieldType.String), ("kec_name", FieldType.String),
                   ("batch_no", FieldType.Int), ("trainees", FieldType.Int), ("villages", FieldType.String),
                   ("cost_idr", FieldType.LongLong), ("village_trainees", FieldType.String))
# the columns of core.operators.package_rows, with their types
OPERATOR_FIELDS = tuple(zip(ops.PACKAGE_COLUMNS, (
    FieldType.String, FieldType.Int, FieldType.Int, FieldType.LongLong, FieldType.LongLong, FieldType.LongLong,
    FieldType.String, FieldType.Int, FieldType.Int, FieldType.LongLong)))
SHARING_FIELDS = (("site_id", FieldType.String), ("site_operator", FieldType.String), ("code", FieldType.String),
                  ("year", FieldType.Int), ("tower_id", FieldType.String), ("tower_operator", FieldType.String),
                  ("distance_m", FieldType.Double))
MIGRATION_FIELDS = (("code", FieldType.String), ("name", FieldType.String), ("status", FieldType.String),
                    ("year", FieldType.Int), ("fibre_capex_idr", FieldType.LongLong),
                    ("fibre_opex_idr_year", FieldType.LongLong), ("funding_capex", FieldType.String),
                    ("funding_opex", FieldType.String), ("reason", FieldType.String))

TIMINGS = (trn.SAME_YEAR, trn.YEAR_BEFORE)


def as_text(v) -> str:
    return "" if nb.is_missing(v) else str(v).strip()


# plan fields read as numbers, each as one column (core.numbers)
# a plan's costs span a router (Rp 1.5 m) to a tower (Rp 2.6 bn), and a continuing service costs no CAPEX: no
# outlier is dropped and 0 is a value
PLAN_MONEY = replace(nb.MONEY, outliers="off", zero="ok")
# a village's trained cadres: at most CADRE_TARGET's maximum (100), so '1.000' (a spreadsheet's 1 with three
# decimals) is 1, and 1000 is named and not used (it was 1000 cadres: the village got no training, an info line only)
MAX_CADRES = 100
CADRES = replace(nb.COUNT, lo=0.0, hi=float(MAX_CADRES))
NUMERIC_FIELDS = {"RANK_FIELD": nb.RANK, "POPULATION_FIELD": nb.POPULATION, "CADRES_FIELD": CADRES,
                  "CAPEX_FIELD": PLAN_MONEY, "OPEX_FIELD": PLAN_MONEY, "FIBRE_CAPEX_FIELD": PLAN_MONEY,
                  "FIBRE_OPEX_FIELD": PLAN_MONEY}


def as_number(v):
    """core.numbers ('1.500.000', '2,5e9', 'Rp 1,5 miliar'); text that is no number is returned as it is."""
    if nb.is_missing(v):
        return None
    try:
        return nb.parse_number(v, nb.MONEY)
    except nb.NumberError:
        return str(v).strip()  # the core names it in the reason ("capex unknown ('abc')")


YES_WORDS = ("1", "true", "yes", "y", "ya", "t", "ada")
NO_WORDS = ("0", "false", "no", "n", "tidak", "f", "tidak ada")


def get_code(f: QgsFeature, fmap: dict):
    """The village code of a plan feature (CODE_FIELD), to name it in a message."""
    return f[fmap["CODE_FIELD"]] if fmap.get("CODE_FIELD") else None


def as_bool(v):
    """True/False, or None when empty/unknown."""
    return None if nb.is_missing(v) else nb.parse_yes_no(v, YES_WORDS, NO_WORDS)


def renewal_year(contract_end, result):
    """The roadmap year in which an existing service's contract must be renewed (None: after the horizon or no
    contract end): the year after a contract ending on 31 December, else the contract's last year; a contract
    that already ended is renewed in the first year."""
    text = as_text(contract_end)
    if not text:
        return None
    try:
        import datetime as dt

        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    year = day.year + 1 if (day.month, day.day) == (12, 31) else day.year
    year = max(year, result.start_year)
    return year if year <= result.end_year else None


def listed(texts, most: int = 10) -> str:
    """The first ``most`` texts joined by '; ', then '; and N more' when there are more (a message naming cells)."""
    texts = list(texts)
    text = "; ".join(texts[:most])
    if len(texts) > most:
        text += "; " + tr("and {n} more").format(n=len(texts) - most)
    return text


def invalid_list(items, most: int = 10) -> str:
    """'feature 2 (64.01.01.2002): Self-intersection; …' of (feature id, label, GEOS error), at most ``most``."""
    return listed((tr("feature {fid}{label}: {error}").format(fid=fid, label=f" ({label})" if label else "",
                                                             error=error) for fid, label, error in items), most)


def money_text(d: dict) -> str:
    """``source=amount;…`` (amounts in whole rupiah), sources in booking order."""
    return ";".join(f"{k}={int(v)}" for k, v in d.items() if v)


def opex_by_source(funding_opex: dict) -> dict:
    out: dict = {}
    for year in sorted(funding_opex):
        for src, amount in funding_opex[year].items():
            out[src] = out.get(src, 0) + amount
    return out


class RoadmapAlgorithm(KaltimAlgorithm):
    ALG_ID = "roadmap"
    GROUP_ID = "plan"

    def initAlgorithm(self, config=None):
        add_source(self, "PLAN", tr("Village plan layer (points or polygons)"))
        add_number(self, "START_YEAR", tr("First year of the roadmap"), 2026, 2000, 2100, integer=True)
        add_number(self, "YEARS", tr("Number of years"), 5, 1, 30, integer=True)
        add_number(self, "OPEX_YEARS", tr("Years of OPEX funded from connection"), 5, 0, 30, integer=True)
        add_file(self, "FUNDING", tr("Funding table (CSV, JSON or GeoPackage; empty = defaults)"),
                 tr("Funding tables (*.csv *.txt *.json *.gpkg)"), optional=True)
        add_file(self, "CAPACITY", tr("Installation capacity table (CSV or XLSX: year, tech, kab_code, provider, "
                                      "max_installations; empty = defaults)"), tr("Tables (*.csv *.xlsx *.txt)"),
                 optional=True)
        add_number(self, "LEAD_TIME_MONTHS", tr("Lead time of a new BTS, from its build year to service (months)"),
                   DEFAULT_BTS_LEAD_MONTHS, 0, 60, integer=True)
        add_number(self, "CADRE_TARGET", tr("Trained digital cadres per connected village"),
                   trn.DEFAULT_TARGET_PER_VILLAGE, 0, MAX_CADRES, integer=True)
        add_number(self, "BATCH_SIZE", tr("Trainees per training batch"), trn.DEFAULT_BATCH_SIZE, 1, 1000,
                   integer=True)
        add_number(self, "COST_PER_TRAINEE_IDR", tr("Training cost per trainee (Rp)"),
                   trn.DEFAULT_COST_PER_TRAINEE_IDR, 0, nb.MAX_RUPIAH)
        add_enum(self, "TRAINING_TIMING", tr("Training year"), [tr("Same year as the connection"),
                                                                tr("The year before")])
        add_source(self, "TOWERS", tr("Existing towers (points with operator) for tower sharing"), ("point",),
                   optional=True)
        add_fields(self, "TOWERS", [
            ("TOWER_OPERATOR_FIELD", tr("Tower operator field (default: operator)")),
            ("TOWER_ID_FIELD", tr("Tower id field (default: site_id, else the feature id)"))])
        add_number(self, "SHARING_DISTANCE_M", tr("Tower sharing distance (m)"), 500, 0)
        add_source(self, "PLANNED_SITES", tr("Planned new sites (points: optimizesites OUTPUT_SITES) for tower "
                                             "sharing, measured from each planned tower"), ("point",), optional=True)
        labels = self.field_labels()
        add_fields(self, "PLAN", [(key, tr("{what} field (default: {name})").format(what=labels[key], name=default))
                                  for key, default, _required in FIELD_PARAMS], advanced=True)
        add_sink(self, "OUTPUT", tr("Roadmap villages"))
        add_sink(self, "OUTPUT_TABLE", tr("Budget by year and source"), "table")
        add_sink(self, "OUTPUT_TRAINING", tr("Training plan"), "table", optional=True)
        add_sink(self, "OUTPUT_OPERATORS", tr("Operator packages"), "table", optional=True)
        add_sink(self, "OUTPUT_SHARING", tr("Tower sharing candidates"), "table", optional=True, create=False)
        add_sink(self, "OUTPUT_MIGRATIONS", tr("Satellite to fibre migrations"), "table", optional=True,
                 create=False)
        add_folder_output(self, "OPERATOR_FOLDER", tr("Folder for one CSV per operator"), optional=True,
                          create=False)
        add_outputs(self, "number", [
            ("VILLAGES_SCHEDULED", tr("Villages scheduled")), ("VILLAGES_UNFUNDED", tr("Villages unfunded")),
            ("VILLAGES_OVER_CAPACITY", tr("Villages over capacity")), ("PEOPLE_CONNECTED", tr("People connected")),
            ("CAPEX_TOTAL", tr("CAPEX total (Rp)")), ("OPEX_TOTAL", tr("OPEX total (Rp)")),
            ("SUSTAINABILITY", tr("Share of OPEX after year 1 from recurring sources")),
            ("SUSTAINABILITY_NO_OPERATOR",
             tr("Share of OPEX after year 1 from recurring sources, operators' money not counted")),
            ("VILLAGES_MIGRATED", tr("Villages migrated to fibre")),
            ("TRAINEES", tr("Cadres to train")), ("TRAINING_COST", tr("Training cost (Rp)")),
            ("SHARING_CANDIDATES", tr("Tower sharing candidates"))])
        add_outputs(self, "string", [("OPERATOR_FILES", tr("Operator CSV files"))])

    @staticmethod
    def field_labels() -> dict:
        return {
            "CODE_FIELD": tr("Village code"), "POPULATION_FIELD": tr("Population"),
            "TECH_FIELD": tr("Technology"), "CAPEX_FIELD": tr("CAPEX (Rp)"), "OPEX_FIELD": tr("OPEX per year (Rp)"),
            "RANK_FIELD": tr("Priority rank"), "NAME_FIELD": tr("Village name"),
            "KEC_CODE_FIELD": tr("Kecamatan code"), "KEC_NAME_FIELD": tr("Kecamatan name"),
            "KAB_CODE_FIELD": tr("Kabupaten/kota code"), "KAB_NAME_FIELD": tr("Kabupaten/kota name"),
            "IS_3T_FIELD": tr("3T village (yes/no)"), "PLOT_FIELD": tr("20×20 m plot available (yes/no)"),
            "OPERATOR_FIELD": tr("Operator"), "CADRES_FIELD": tr("Cadres already trained"),
            "FIBRE_CAPEX_FIELD": tr("Fibre CAPEX for migration (Rp)"),
            "FIBRE_OPEX_FIELD": tr("Fibre OPEX per year for migration (Rp)"),
            "SITE_FIELD": tr("New BTS site id"),
            "EXISTING_FIELD": tr("Existing service ('programme': connected before the roadmap)"),
            "CONTRACT_END_FIELD": tr("Contract end of the existing service"),
        }

    # ---- helpers ------------------------------------------------------------------------------------------------
    @staticmethod
    def _lang() -> str:
        return "id" if user_locale() == "id" else "en"

    def _msg(self, en: str, idn: str) -> str:
        return idn if self._lang() == "id" else en

    def _resolve_fields(self, parameters, context, source) -> dict:
        names = source.fields().names()
        lower = {n.lower(): n for n in names}
        labels = self.field_labels()
        out = {}
        for key, default, required in FIELD_PARAMS:
            chosen = self.parameterAsString(parameters, key, context)
            if chosen:
                if chosen not in names:
                    raise QgsProcessingException(tr(
                        "The plan layer has no field '{field}' (parameter {param}, {what}). Choose an existing "
                        "field.").format(field=chosen, param=key, what=labels[key]))
                out[key] = chosen
                continue
            found = lower.get(default.lower())
            if found is None and key == "PLOT_FIELD":
                found = lower.get("has_plot_20m")
            if found is None and required and {"tech", "capex_idr"} <= set(lower):
                # the layer did go through 'Choose technology': the field was missing from the villages already
                raise QgsProcessingException(tr(
                    "The plan layer has no field '{field}' ({what}), although it is an output of 'Choose "
                    "technology': the village layer it came from has none. Choose the field holding it in the "
                    "parameter {param}, or add it to the village layer and run the chain again.").format(
                        field=default, what=labels[key], param=key))
            if found is None and required:
                raise QgsProcessingException(tr(
                    "The plan layer has no field '{field}' ({what}). Run 'Choose technology' first so the layer has "
                    "tech, capex_idr, opex_idr_year and priority_rank, or choose the field holding it in the "
                    "parameter {param}.").format(field=default, what=labels[key], param=key))
            out[key] = found
        return out

    def _load_funding(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "FUNDING", context)
        if not path:
            feedback.pushInfo(tr("Funding table: default planning assumptions (edit them on the Plan page)."))
            return default_sources()
        from ..io.funding_store import read_file

        try:
            sources = read_file(path)
        except (FileNotFoundError, ValueError) as e:  # (FundingTableError is a ValueError)
            raise QgsProcessingException(funding_read_error_text(path, e)) from None
        feedback.pushInfo(tr("Funding table: {n} sources from {path}").format(n=len(sources), path=path))
        return sources

    def _load_capacity(self, parameters, context, feedback) -> CapacityTable:
        path = self.parameterAsFile(parameters, "CAPACITY", context)
        if not path:
            feedback.pushInfo(tr("Installation capacity: defaults (per year: {rows}; sources in the user guide).")
                              .format(rows=", ".join(f"{r.tech} {r.max_installations}"
                                                     for r in CapacityTable().rows)))
            return CapacityTable()
        try:
            table = CapacityTable.from_csv(path)
        except FileNotFoundError:
            raise QgsProcessingException(tr("The capacity table file {path} does not exist. Choose an existing CSV "
                                            "file.").format(path=path)) from None
        except CapacityError as e:
            raise QgsProcessingException(tr("Cannot read the capacity table {path}: {error}").format(
                path=path, error=describe(e))) from None
        feedback.pushInfo(tr("Installation capacity: {n} rows from {path}").format(n=len(table.rows), path=path))
        start = self.parameterAsInt(parameters, "START_YEAR", context)
        end = start + self.parameterAsInt(parameters, "YEARS", context) - 1
        outside = sorted({r.year for r in table.rows if r.year is not None and not start <= r.year <= end})
        if outside:  # (they limited nothing, without a word)
            feedback.pushWarning(tr("The capacity table's rows for {years} lie outside the roadmap's years "
                                    "{start}–{end}: they limit nothing. Correct their year, or write 'all' for "
                                    "every year.").format(years=", ".join(map(str, outside)), start=start, end=end))
        return table

    # ---- main ---------------------------------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "PLAN", context)
        if source is None:
            raise QgsProcessingException(tr("Cannot read the plan layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("PLAN")))
        self._fmap = self._resolve_fields(parameters, context, source)
        sources = self._load_funding(parameters, context, feedback)
        lang = self._lang()
        read = self._read_plan(source, context, feedback)
        if read is None:
            return {}
        feats, villages, migration = read
        result = self._schedule(parameters, context, feedback, villages, sources, migration)
        if result is None:
            return {}
        for en, idn in zip(result.warnings_en, result.warnings_id):
            feedback.pushWarning(idn if lang == "id" else en)
        plan = self._training(parameters, context, feedback, villages, result)
        packs = ops.operator_packages(villages, roadmap=result)
        self._warn_spellings(feedback, packs)
        sharing = self._sharing(parameters, context, feedback, villages)
        feedback.setProgress(60)
        results = self._write_all(parameters, context, feedback, source, feats, villages, result, plan, packs,
                                  sharing)
        if results is None:
            return {}
        results.update(self._figures(feedback, result, plan, sharing))
        feedback.setProgress(100)
        return results

    def _read_plan(self, source, context, feedback):
        """(features, PlanVillage records, migration options), None when canceled."""
        fmap = self._fmap
        total = source.featureCount()
        to_utm = QgsCoordinateTransform(source.sourceCrs(), QgsCoordinateReferenceSystem(ANALYSIS_CRS),
                                        context.transformContext())
        jenis_idx = source.fields().lookupField("jenis")
        self._numbers = parse_fields(source, {k: (fmap[k], spec) for k, spec in NUMERIC_FIELDS.items()}, feedback)
        self._unread_flags = {"IS_3T_FIELD": [], "PLOT_FIELD": []}  # yes/no cells of no yes/no word (_village)
        self._other_existing = []  # EXISTING_FIELD cells neither 'programme', yes nor no (_existing)
        feats, villages, migration, invalid = [], [], [], []
        # QGIS's own check of invalid geometries is skipped: it names no parameter, and the next run crashed after it
        for i, f in enumerate(source_features(source)):
            if feedback.isCanceled():
                return None
            feats.append(f)
            v = self._village(f, fmap, jenis_idx, to_utm)
            villages.append(v)
            _empty, error = geometry_problem(f.geometry())
            if error:
                invalid.append((f.id(), v.code, error))
            fc = self._numbers.get("FIBRE_CAPEX_FIELD", {}).get(f.id())
            fo = self._numbers.get("FIBRE_OPEX_FIELD", {}).get(f.id())
            if normalize_tech(v.tech) == "satellite" and isinstance(fc, (int, float)):
                migration.append(MigrationOption(v.code, fc, fo if isinstance(fo, (int, float)) else 0))
            if total:
                feedback.setProgress(25 * (i + 1) / total)
        self._warn_unread_flags(feedback)
        self._warn_other_existing(feedback)
        if not villages:
            raise QgsProcessingException(tr(
                "The plan layer has no villages: choose a layer with at least one village (run 'Choose "
                "technology' first) or clear the 'selected features only' option."))
        missing_codes = [i for i, v in enumerate(villages) if not v.code]
        if missing_codes:
            raise QgsProcessingException(tr(
                "{n} plan features have no village code (field {field}), e.g. feature id {fid}. Fill in the codes "
                "or remove those features.").format(n=len(missing_codes), field=fmap["CODE_FIELD"],
                                                   fid=feats[missing_codes[0]].id()))
        if invalid:  # (the guide and every step before say the roadmap stops on them)
            raise QgsProcessingException(tr(
                "PLAN: {n} village(s) of the plan layer have an invalid geometry: {list}. The roadmap does not run on "
                "invalid geometries. Run 'Repair village geometries' (or Vector > Geometry > Fix geometries) on the "
                "plan layer and give its output as PLAN.").format(n=len(invalid), list=invalid_list(invalid)))
        return feats, villages, migration

    def _schedule(self, parameters, context, feedback, villages, sources, migration):
        start_year = self.parameterAsInt(parameters, "START_YEAR", context)
        years = self.parameterAsInt(parameters, "YEARS", context)
        opex_years = self.parameterAsInt(parameters, "OPEX_YEARS", context)
        feedback.pushInfo(tr("Scheduling {n} villages over {years} years from {start}…").format(
            n=len(villages), years=years, start=start_year))
        capacity = self._load_capacity(parameters, context, feedback)
        unknown = capacity.unknown_kab_codes(v.kab_code for v in villages)
        if unknown:
            feedback.pushWarning(tr("Capacity table: kab_code {codes} is the code of no village of the plan, so its "
                                    "rows limit nothing. Check the code (the plan's kab/kota codes: {known}).").format(
                codes=", ".join(unknown), known=", ".join(sorted({v.kab_code for v in villages if v.kab_code}))))
        try:
            result = schedule(villages, sources, start_year, years, opex_years, migration or None,
                              capacity=capacity,
                              bts_lead_months=self.parameterAsInt(parameters, "LEAD_TIME_MONTHS", context))
        except FundingTableError as e:
            raise QgsProcessingException(tr("The funding table is invalid: {error}").format(
                error=self._msg(e.message_en, e.message_id))) from e
        except RoadmapError as e:
            raise QgsProcessingException(self._msg(e.message_en, e.message_id)) from e
        if feedback.isCanceled():
            return None
        feedback.setProgress(50)
        return result

    def _training(self, parameters, context, feedback, villages, result):
        timing = TIMINGS[self.parameterAsEnum(parameters, "TRAINING_TIMING", context)]
        try:
            plan = trn.training_plan(
                villages, result, target_per_village=self.parameterAsInt(parameters, "CADRE_TARGET", context),
                timing=timing, batch_size=self.parameterAsInt(parameters, "BATCH_SIZE", context),
                cost_per_trainee_idr=self.parameterAsDouble(parameters, "COST_PER_TRAINEE_IDR", context))
        except ValueError as e:
            raise QgsProcessingException(tr("Bad training parameters: {error}").format(error=str(e))) from e
        for en, idn in zip(plan.notes_en, plan.notes_id):
            feedback.pushInfo(idn if self._lang() == "id" else en)
        for en, idn in zip(plan.warnings_en, plan.warnings_id):
            feedback.pushWarning(idn if self._lang() == "id" else en)
        return plan

    def _sharing(self, parameters, context, feedback, villages):
        towers_src = self.parameterAsSource(parameters, "TOWERS", context)
        distance = self.parameterAsDouble(parameters, "SHARING_DISTANCE_M", context)
        if towers_src is None:
            if parameters.get("OUTPUT_SHARING"):
                feedback.pushWarning(tr("No tower layer given (TOWERS): the tower sharing list is empty."))
            return None
        towers = self._towers(parameters, context, towers_src, feedback)
        sites, own_point = ops.sites_from_planned(self._planned_sites(parameters, context), villages)
        sharing = ops.tower_sharing(sites, towers, distance)
        own = set(own_point)
        n = len({c.site_id for c in sharing if c.code not in own})
        if not own_point:
            feedback.pushInfo(tr("Tower sharing: {n} planned BTS within {d} m of another operator's tower "
                                 "({pairs} pairs).").format(n=n, d=distance, pairs=len(sharing)))
        else:
            feedback.pushInfo(tr("Tower sharing: {n} planned BTS, and {v} BTS village(s) measured from their own "
                                 "point, within {d} m of another operator's tower ({pairs} pairs).").format(
                n=n, v=len({c.code for c in sharing if c.code in own}), d=distance, pairs=len(sharing)))
            feedback.pushWarning(tr(
                "Tower sharing: {n} BTS village(s) ({list}) are measured from their own point, not from their planned "
                "tower: {why} Give the planned sites (optimizesites OUTPUT_SITES) as PLANNED_SITES.").format(
                    n=len(own_point), list=listed(own_point),
                    why=tr("no planned sites were given.") if parameters.get("PLANNED_SITES") in (None, "")
                    else tr("they name no site among the planned sites.")))
        return sharing

    def _planned_sites(self, parameters, context) -> list:
        """The planned new sites at their own point (ids: cand_id, else site_id), in the analysis CRS."""
        src = self.parameterAsSource(parameters, "PLANNED_SITES", context)
        if src is None:
            return []
        lower = {n.lower(): n for n in src.fields().names()}
        id_field, op_field = lower.get("cand_id") or lower.get("site_id"), lower.get("operator")
        if not id_field:
            raise QgsProcessingException(tr(
                "PLANNED_SITES has no 'cand_id' or 'site_id' field: give the planned sites of 'Optimise new sites "
                "under a budget' (OUTPUT_SITES), whose ids the plan's villages name."))
        xform = QgsCoordinateTransform(src.sourceCrs(), QgsCoordinateReferenceSystem(ANALYSIS_CRS),
                                       context.transformContext())
        out = []
        for f in source_features(src):
            g = f.geometry()
            if g is None or g.isEmpty() or geometry_problem(g)[1]:
                continue
            p = xform.transform(g.centroid().asPoint())
            out.append(ops.Site(as_text(f[id_field]), p.x(), p.y(), as_text(f[op_field]) or None if op_field else None))
        return out

    def _write_all(self, parameters, context, feedback, source, feats, villages, result, plan, packs, sharing):
        lang = self._lang()
        results = {"OUTPUT": self._write_plan(parameters, context, feedback, source, feats, villages, result, lang,
                                              plan.target_per_village)}
        feedback.setProgress(80)
        if feedback.isCanceled():
            return None
        results["OUTPUT_TABLE"] = self._write_table(parameters, context, result)
        for key, dest in (("OUTPUT_TRAINING", self._write_training(parameters, context, plan)),
                          ("OUTPUT_OPERATORS", self._write_operators(parameters, context, packs)),
                          ("OUTPUT_SHARING", self._write_sharing(parameters, context, sharing or [], result)),
                          ("OUTPUT_MIGRATIONS", self._write_migrations(parameters, context, result, lang))):
            if dest:
                results[key] = dest
        files = []
        folder = self.parameterAsString(parameters, "OPERATOR_FOLDER", context)
        if folder:
            folder = self.parameterAsFileOutput(parameters, "OPERATOR_FOLDER", context) or folder
            files = ops.export_packages_csv(packs, folder, unassigned_name=UNASSIGNED_OPERATOR)
            results["OPERATOR_FOLDER"] = folder
            feedback.pushInfo(tr("Operator packages: {n} CSV files written to {folder}").format(
                n=len(files), folder=folder))
        results["OPERATOR_FILES"] = ";".join(files)
        feedback.setProgress(95)
        return results

    def _figures(self, feedback, result, plan, sharing) -> dict:
        from ..core.funding import format_idr

        lang = self._lang()
        t = result.totals
        capex_total = t.capex_idr + t.migration_capex_idr
        opex_total = t.opex_idr + t.migration_opex_idr
        feedback.pushInfo(tr("Roadmap {start}–{end}: {s} villages scheduled ({p} people), {u} unfunded; CAPEX "
                             "{capex}, OPEX {opex}.").format(
            start=result.start_year, end=result.end_year, s=t.villages_scheduled, p=t.people_connected,
            u=t.villages_unfunded, capex=format_idr(capex_total, lang), opex=format_idr(opex_total, lang)))
        if t.villages_over_capacity:  # (was counted in the plan's status only: the log said nothing)
            feedback.pushWarning(tr("{n} village(s) could be funded but no year of {start}–{end} had installation "
                                    "capacity left for them (status 'over_capacity'): raise the capacity table's "
                                    "limits, add years, or accept them after the horizon.").format(
                n=t.villages_over_capacity, start=result.start_year, end=result.end_year))
        if result.opex_years == 0 and t.opex_run_rate_end_idr > 0:  # (said nothing: 'OPEX Rp 0' read as free)
            feedback.pushWarning(tr(
                "OPEX_YEARS is 0: the roadmap funds no running cost. The villages it connects need {opex} a year of "
                "OPEX (subscriptions, power, upkeep) that no source of this plan pays, and the report's 'opex' is Rp "
                "0. Give OPEX_YEARS the years the funding sources are to pay it.").format(
                    opex=format_idr(t.opex_run_rate_end_idr, lang)))
        if result.sustainability is not None:
            feedback.pushInfo(tr("Sustainability: {pct}% of the OPEX after the first year of service is paid from "
                                 "recurring sources.").format(pct=round(100 * result.sustainability, 1)))
        return {"VILLAGES_SCHEDULED": t.villages_scheduled, "VILLAGES_UNFUNDED": t.villages_unfunded,
                "VILLAGES_OVER_CAPACITY": t.villages_over_capacity, "PEOPLE_CONNECTED": t.people_connected,
                "CAPEX_TOTAL": capex_total, "OPEX_TOTAL": opex_total,
                "SUSTAINABILITY": result.sustainability,
                "SUSTAINABILITY_NO_OPERATOR": result.sustainability_without_operator,
                "VILLAGES_MIGRATED": t.villages_migrated, "TRAINEES": plan.total_trainees,
                "TRAINING_COST": plan.total_cost_idr, "SHARING_CANDIDATES": len(sharing or [])}

    def _village(self, f: QgsFeature, fmap: dict, jenis_idx: int, to_utm) -> PlanVillage:
        def get(key):
            name = fmap[key]
            if key in self._numbers:  # parsed as one column (core.numbers) before the loop
                return self._numbers[key].get(f.id())
            return f[name] if name else None

        kelurahan = None
        if jenis_idx >= 0:
            jenis = as_text(f.attributes()[jenis_idx]).lower()
            if jenis in ("kelurahan", "desa"):
                kelurahan = jenis == "kelurahan"
        x = y = None
        geom = f.geometry()
        if geom is not None and not geom.isEmpty():
            try:
                is_point = geom.type() == QgsWkbTypes.GeometryType.PointGeometry and not geom.isMultipart()
                pt = geom.asPoint() if is_point else geom.pointOnSurface().asPoint()
                p = to_utm.transform(pt)
                x, y = p.x(), p.y()
            except Exception:  # noqa: BLE001 - bad geometry: no tower-sharing position, scheduling unaffected
                x = y = None
        rank = as_number(get("RANK_FIELD"))
        pop = as_number(get("POPULATION_FIELD"))
        cadres = get("CADRES_FIELD")  # a number, or the text of a value named as not used (not read again here)
        tech_raw = as_text(get("TECH_FIELD"))
        return PlanVillage(
            code=as_text(get("CODE_FIELD")), name=as_text(get("NAME_FIELD")), kab_code=as_text(get("KAB_CODE_FIELD")),
            kec_code=as_text(get("KEC_CODE_FIELD")), kec_name=as_text(get("KEC_NAME_FIELD")),
            population=int(pop) if isinstance(pop, (int, float)) and pop > 0 else 0,
            tech=tech_raw or None, capex_idr=as_number(get("CAPEX_FIELD")),
            opex_idr_year=as_number(get("OPEX_FIELD")),
            priority_rank=int(rank) if isinstance(rank, (int, float)) else 0,
            is_3t=bool(self._flag(f, "IS_3T_FIELD", get)), has_plot_20m=self._flag(f, "PLOT_FIELD", get),
            operator=as_text(get("OPERATOR_FIELD")) or None,
            cadres_trained=int(cadres) if isinstance(cadres, (int, float)) and cadres > 0 else 0,
            is_kelurahan=kelurahan, x=x, y=y, site_id=as_text(get("SITE_FIELD")) or None,
            existing_service=self._existing(f, get("EXISTING_FIELD")))

    def _existing(self, f: QgsFeature, raw) -> bool:
        """Was the village connected before the roadmap (EXISTING_FIELD)? 'programme' (what 'Choose technology'
        writes) or a yes word: yes; empty or a no word ('tidak', 'belum', 'no', '0'): no, the plan connects it (any
        text was read as connected, so a column of 'tidak' took its villages out of the packages and their CAPEX
        out of the roadmap, silently). Other text is read as connected, as before, and named by
        :meth:`_warn_other_existing`. A number (a numeric field) is connected when it is not 0."""
        if not ps.existing_connected(raw):  # (core.plan_summary: one rule for the roadmap, the summary, the maps)
            return False
        text = as_text(raw).lower()
        if not isinstance(raw, (int, float)) and text != ps.PROGRAMME and text not in YES_WORDS:
            self._other_existing.append((f.id(), as_text(get_code(f, self._fmap)), as_text(raw)))
        return True

    def _warn_other_existing(self, feedback) -> None:
        if not self._other_existing:
            return
        shown = listed(tr("feature {fid} ({code}): '{value}'").format(fid=fid, code=code, value=value)
                       for fid, code, value in self._other_existing)
        feedback.pushWarning(tr(
            "EXISTING_FIELD = {field}: {n} value(s) are neither 'programme' nor a yes/no word and were read as "
            "connected before the roadmap ({cells}): their service continues, they are in no operator package and "
            "their CAPEX is not counted. Write 'programme' for a village the programme connected, and leave the cell "
            "empty (or write 'tidak') for a village the plan is to connect.").format(
                field=self._fmap["EXISTING_FIELD"], n=len(self._other_existing), cells=shown))

    def _flag(self, f: QgsFeature, key: str, get):
        """A yes/no cell (:func:`as_bool`); a value that is no yes/no word is noted for :meth:`_warn_unread_flags`."""
        raw = get(key)
        value = as_bool(raw)
        if value is None and not nb.is_missing(raw):
            self._unread_flags[key].append((f.id(), str(raw).strip()))
        return value

    def _warn_unread_flags(self, feedback) -> None:
        """One warning a yes/no field whose cells hold other words (they were read as unknown, found 7 December):
        which field, which features and values, what unknown means for the plan, and the words it reads."""
        effects = {"IS_3T_FIELD": tr("An unknown 3T flag counts as not 3T: funds for 3T villages only do not pay "
                                     "for those villages."),
                   "PLOT_FIELD": tr("An unknown plot counts as not confirmed: funds that need a 20×20 m plot do "
                                    "not pay for those villages.")}
        for key, cells in self._unread_flags.items():
            if not cells:
                continue
            shown = listed(tr("feature {fid}: '{value}'").format(fid=fid, value=value) for fid, value in cells)
            feedback.pushWarning(tr(
                "{param} = {field}: {n} value(s) are no yes/no word and were read as unknown ({cells}). {effect} "
                "Write yes or no: {yes} / {no}.").format(
                    param=key, field=self._fmap[key], n=len(cells), cells=shown, effect=effects[key],
                    yes=", ".join(YES_WORDS), no=", ".join(NO_WORDS)))

    def _warn_spellings(self, feedback, packs) -> None:
        """One warning per package whose villages write its operator in several ways: they are one operator's
        package (core.operator_names), and the user is told which spellings, in which villages, were read so."""
        for name, spellings in ops.spellings_read_as_one(packs).items():
            shown = listed((f"'{spelling}' ({listed(codes, 3)})"
                            for spelling, codes in spellings), 6)
            feedback.pushWarning(tr(
                "{field}: the operator of the package '{name}' is written in {n} ways: {spellings}. They are read as "
                "one operator: their villages are in one package and the capacity table's limits for that operator "
                "hold for all of them. The plan layer is not changed. If they are different operators, give them "
                "distinct names in the field {field}.").format(
                    field=self._fmap["OPERATOR_FIELD"], name=name, n=len(spellings), spellings=shown))

    def _towers(self, parameters, context, towers_src, feedback=None) -> list:
        names = towers_src.fields().names()
        lower = {n.lower(): n for n in names}
        op_field = self.parameterAsString(parameters, "TOWER_OPERATOR_FIELD", context) or lower.get("operator")
        id_field = self.parameterAsString(parameters, "TOWER_ID_FIELD", context) or lower.get("site_id")
        if not op_field:
            raise QgsProcessingException(tr(
                "The tower layer has no 'operator' field. Choose the field holding the operator in the parameter "
                "TOWER_OPERATOR_FIELD."))
        xform = QgsCoordinateTransform(towers_src.sourceCrs(), QgsCoordinateReferenceSystem(ANALYSIS_CRS),
                                       context.transformContext())
        out, invalid, no_operator, fids_of = [], [], [], {}
        for f in source_features(towers_src):  # invalid geometries named below, not by QGIS's generic check
            g = f.geometry()
            if g is None or g.isEmpty():
                continue
            _empty, error = geometry_problem(g)
            if error:
                invalid.append((f.id(), as_text(f[id_field]) if id_field else "", error))
                continue
            p = xform.transform(g.centroid().asPoint())
            tid = as_text(f[id_field]) if id_field else ""
            operator = as_text(f[op_field]) or None
            out.append(ops.Site(tid or str(f.id()), p.x(), p.y(), operator))
            if operator is None:
                no_operator.append((f.id(), tid))
            if tid:
                fids_of.setdefault(tid, []).append(f.id())
        if invalid:
            raise QgsProcessingException(tr(
                "TOWERS: {n} tower(s) of the tower layer have an invalid geometry, so their position is not known: "
                "{list}. Fix them (Vector > Geometry > Fix geometries) and give the fixed layer as TOWERS, or give "
                "the towers as points (e.g. the output of 'Import towers / sites').").format(
                    n=len(invalid), list=invalid_list(invalid)))
        if feedback is not None:
            self._warn_towers(feedback, len(out), op_field, id_field, no_operator,
                              {tid: fids for tid, fids in fids_of.items() if len(fids) > 1})
        return out

    @staticmethod
    def _warn_towers(feedback, total, op_field, id_field, no_operator, repeated) -> None:
        """Towers the sharing list cannot use or name (it said '0 planned BTS within 500 m of another operator's
        tower' of a tower table without operators, and named different towers by one id, without a word)."""
        if no_operator:
            feedback.pushWarning(tr(
                "TOWERS: {n} of {total} tower(s) have no operator in the field {field} ({list}): a tower whose "
                "operator is not known is never a sharing candidate. Fill in the operator, or choose the field "
                "holding it in TOWER_OPERATOR_FIELD.").format(
                    n=len(no_operator), total=total, field=op_field,
                    list=listed(tr("feature {fid} ({code})").format(fid=fid, code=tid) if tid else
                                tr("feature {fid}").format(fid=fid) for fid, tid in no_operator)))
        if repeated:
            feedback.pushWarning(tr(
                "TOWERS: {n} tower id(s) of the field {field} are used by more than one tower ({list}): the tower "
                "sharing list names those towers alike. Give each tower its own id, or choose another field in "
                "TOWER_ID_FIELD.").format(
                    n=len(repeated), field=id_field,
                    list=listed(tr("'{id}': features {fids}").format(id=tid, fids=", ".join(map(str, fids[:5])) + (
                        " …" if len(fids) > 5 else "")) for tid, fids in sorted(repeated.items()))))

    def _write_plan(self, parameters, context, feedback, source, feats, villages, result, lang, cadres_target):
        in_fields = source.fields()
        keep = [i for i, fld in enumerate(in_fields) if fld.name().lower() not in VILLAGE_FIELDS]
        fields = QgsFields()
        for i in keep:
            fields.append(in_fields.at(i))
        for name, vtype in (("year", FieldType.Int), ("funding_capex", FieldType.String),
                            ("funding_opex", FieldType.String), ("fund_status", FieldType.String),
                            ("unfunded_reason", FieldType.String), ("migration_year", FieldType.Int),
                            ("build_year", FieldType.Int), ("delay_reason", FieldType.String),
                            ("renewal_year", FieldType.Int), ("migration_funding_capex", FieldType.String),
                            ("migration_funding_opex", FieldType.String), ("cadres_target", FieldType.Int)):
            fields.append(QgsField(name, vtype))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(),
                                          source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        by_code = {v.code: v for v in result.villages}
        # who pays each village's satellite -> fibre migration (its fibre CAPEX, and the fibre OPEX after it): on
        # the village, so plan.gpkg says it village by village (the year x source table has the sums)
        migrated = {m.code: m for m in result.migrations if m.status == "migrated"}
        end_field = self._fmap["CONTRACT_END_FIELD"]
        n = len(feats)
        for i, (f, v) in enumerate(zip(feats, villages)):
            if feedback.isCanceled():
                break
            vs = by_code[v.code]
            attrs = f.attributes()
            out = QgsFeature(fields)
            out.setGeometry(f.geometry())
            reason = "" if vs.status == SCHEDULED else (vs.reason_id if lang == "id" else vs.reason_en)
            out.setAttributes([attrs[j] for j in keep] + [
                vs.year, money_text(vs.funding_capex), money_text(opex_by_source(vs.funding_opex)), vs.status,
                reason or None, vs.migration_year, vs.build_year,
                (vs.delay_id if lang == "id" else vs.delay_en) or None,
                renewal_year(f[end_field] if end_field else None, result)
                if v.existing_service else None,
                money_text(migrated[v.code].funding_capex) or None if v.code in migrated else None,
                money_text(opex_by_source(migrated[v.code].funding_opex)) or None if v.code in migrated else None,
                # the plan's cadre target of a village it trains (scheduled: the training plan's villages), which
                # the M&E report's cadres indicator reads (it took 2 a village whatever CADRE_TARGET the plan had; and
                # a continuing village's target, which no training plan trains, made its target 2,076 cadres where
                # the demo's training plan trains 472: found 8 December)
                cadres_target if vs.status == SCHEDULED else None])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(60 + 20 * (i + 1) / n)
        sink.close()
        return dest

    def _write_table(self, parameters, context, result):
        recurring = {s.name: s.recurring for s in result.sources}
        return self.write_table(parameters, context, "OUTPUT_TABLE", TABLE_FIELDS, (
            (r.year, r.source, r.label, r.cap_idr, int(r.cap_per_kab), r.capex_idr, r.opex_idr,
             r.migration_capex_idr, r.migration_opex_idr, r.total_idr, r.villages_connected, r.people_connected,
             r.villages_migrated, int(bool(recurring.get(r.source))), result.opex_years) for r in result.table))

    def _write_training(self, parameters, context, plan):
        return self.write_table(parameters, context, "OUTPUT_TRAINING", TRAINING_FIELDS, (
            (b.year, b.kec_code, b.kec_name, b.batch_no, b.trainees, ";".join(b.villages), b.cost_idr,
             b.village_counts()) for b in plan.batches), optional=True)

    def _write_operators(self, parameters, context, packs):
        """One row per package (:func:`core.operators.package_rows`); the package without operator is named as the
        printed report names it."""
        return self.write_table(parameters, context, "OUTPUT_OPERATORS", OPERATOR_FIELDS,
                                ops.package_rows(packs, UNASSIGNED_OPERATOR), optional=True)

    def _write_sharing(self, parameters, context, sharing, result):
        if not parameters.get("OUTPUT_SHARING"):
            return None
        years = result.years_by_code()
        return self.write_table(parameters, context, "OUTPUT_SHARING", SHARING_FIELDS, (
            (c.site_id, c.site_operator, c.code, years.get(c.code.split(";")[0]), c.tower_id, c.tower_operator,
             c.distance_m)
            for c in sharing), optional=True)

    def _write_migrations(self, parameters, context, result, lang):
        if not parameters.get("OUTPUT_MIGRATIONS"):
            return None
        return self.write_table(parameters, context, "OUTPUT_MIGRATIONS", MIGRATION_FIELDS, (
            (m.code, m.name, m.status, m.year, m.fibre_capex_idr, m.fibre_opex_idr_year, money_text(m.funding_capex),
             money_text(opex_by_source(m.funding_opex)), (m.reason_id if lang == "id" else m.reason_en) or None)
            for m in result.migrations), optional=True)

ALGORITHM = RoadmapAlgorithm
