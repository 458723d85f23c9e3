"""kaltiminternet:comparescenarios — two roadmaps side by side: villages and people connected per year, cost per
person by kab/kota and technology, what each leaves unfunded (core.scenario.compare)."""
from __future__ import annotations

from qgis.core import QgsProcessingException

from ..compat import FieldType
from ..core import formatting as fmt
from ..core import plan_summary as ps
from ..core.numbers import plain, year_of
from ..core.scenario import compare
from ..i18n import tr, ui_lang
from ..io.layers import source_features
from .base import KaltimAlgorithm
from .params import add_outputs, add_sink, add_source, add_string

COMPARISON_FIELDS = (("section", FieldType.String), ("key", FieldType.String), ("a", FieldType.Double),
                     ("b", FieldType.Double), ("difference", FieldType.Double), ("name_a", FieldType.String),
                     ("name_b", FieldType.String))


def _rows(source) -> list:
    names = source.fields().names()
    # attributes only: an invalid polygon is read as it is (QGIS's check would stop the run naming no parameter)
    return [dict(zip(names, [plain(v) for v in f.attributes()])) for f in source_features(source)]


# the roadmap's OUTPUT_TABLE (plan.gpkg roadmap_year_source): the fields the comparison reads
TABLE_FIELDS = ("year", "source", "capex_idr", "opex_idr")


def _check_table(source, table: list, plan: list, table_key: str, plan_key: str) -> None:
    """Refuses a TABLE that is not the budget table of the roadmap given as PLAN (another table would read as an
    OPEX of 0: a wrong comparison reported as a result)."""
    names = {n.lower() for n in source.fields().names()}
    missing = [f for f in TABLE_FIELDS if f not in names]
    years = {year_of(r.get("year")) for r in table} - {None}
    if missing or not years:  # no rows, or no year in them
        raise QgsProcessingException(tr(
            "{param} is not a roadmap's budget table ({what}): give the OUTPUT_TABLE of the 'Build multi-year "
            "roadmap' run whose villages are {plan}, or leave {param} empty.").format(
            param=table_key, plan=plan_key, what=tr("it has no rows with a year") if not missing else
            tr("no field {fields}").format(fields=", ".join(missing))))
    served = {year_of(r.get("year")) for r in plan if ps.is_planned(r) and ps.is_scheduled(r)} - {None}
    outside = sorted(y for y in served if not min(years) <= y <= max(years))
    if outside:
        raise QgsProcessingException(tr(
            "{param} covers the years {first}–{last}, but the villages of {plan} start service in {years}: the two "
            "are not from the same roadmap run. Give that run's OUTPUT_TABLE.").format(
            param=table_key, first=min(years), last=max(years), plan=plan_key,
            years=", ".join(map(str, outside[:5]))))
    differs = ps.table_from_other_run(plan, table)
    if differs:
        raise QgsProcessingException(other_run_text(table_key, plan_key, differs))


def other_run_text(table_key: str, plan_key: str, differs: dict) -> str:
    """The refusal of a budget table whose money is not what the villages of the plan were given
    (core.plan_summary.table_from_other_run)."""
    lang = ui_lang()
    return tr("{param}'s {column} sums to Rp {table}, but the villages of {plan} were given Rp {villages} of it: the "
              "two are not from the same roadmap run. Give that run's OUTPUT_TABLE (the table written with these "
              "villages).").format(param=table_key, column=differs["column"], plan=plan_key,
                                   table=fmt.integer(differs["table"], lang),
                                   villages=fmt.integer(differs["villages"], lang))


class CompareScenariosAlgorithm(KaltimAlgorithm):
    ALG_ID = "comparescenarios"
    GROUP_ID = "plan"

    def initAlgorithm(self, config=None):
        for key, label in (("PLAN_A", tr("Roadmap villages, scenario A")),
                           ("PLAN_B", tr("Roadmap villages, scenario B"))):
            add_source(self, key, label, ("table",))
        for key, label in (("TABLE_A", tr("Budget by year and source, scenario A")),
                           ("TABLE_B", tr("Budget by year and source, scenario B"))):
            add_source(self, key, label, ("table",), optional=True)
        add_string(self, "NAME_A", tr("Name of scenario A"), default="A")
        add_string(self, "NAME_B", tr("Name of scenario B"), default="B")
        add_sink(self, "OUTPUT", tr("Scenario comparison"), "table")
        add_outputs(self, "number", [
            ("SCHEDULED_A", tr("Villages scheduled, A")), ("SCHEDULED_B", tr("Villages scheduled, B")),
            ("UNFUNDED_A", tr("Villages unfunded, A")), ("UNFUNDED_B", tr("Villages unfunded, B"))])

    def _side(self, parameters, context, plan_key, table_key):
        source = self.parameterAsSource(parameters, plan_key, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, plan_key))
        rows = _rows(source)
        if not rows or "fund_status" not in rows[0]:
            raise QgsProcessingException(tr("{param} is not a roadmap's village output (it has no fund_status "
                                            "field): give the OUTPUT of 'Build multi-year roadmap'.").format(
                param=plan_key))
        table_src = self.parameterAsSource(parameters, table_key, context)
        table = _rows(table_src) if table_src is not None else None
        if table_src is not None:
            _check_table(table_src, table, rows, table_key, plan_key)
        start, end = ps.horizon_of(rows, table)
        return ps.summarize(rows, start, end, ps.opex_years_of(table), roadmap_table=table), rows

    def processAlgorithm(self, parameters, context, feedback):
        a = self._side(parameters, context, "PLAN_A", "TABLE_A")
        b = self._side(parameters, context, "PLAN_B", "TABLE_B")
        lines = compare(a, b)
        name_a = self.parameterAsString(parameters, "NAME_A", context) or "A"
        name_b = self.parameterAsString(parameters, "NAME_B", context) or "B"
        dest = self.write_table(parameters, context, "OUTPUT", COMPARISON_FIELDS, (
            (line.section, line.key, float(line.a), float(line.b), float(line.difference), name_a, name_b)
            for line in lines))
        ta, tb = a[0].total, b[0].total
        feedback.pushInfo(tr("{a}: {sa} villages scheduled, {ua} unfunded, {ca} over capacity. {b}: {sb} scheduled, "
                             "{ub} unfunded, {cb} over capacity.").format(
            a=name_a, sa=ta.scheduled, ua=ta.unfunded, ca=ta.over_capacity, b=name_b, sb=tb.scheduled,
            ub=tb.unfunded, cb=tb.over_capacity))
        return {"OUTPUT": dest, "SCHEDULED_A": ta.scheduled, "SCHEDULED_B": tb.scheduled, "UNFUNDED_A": ta.unfunded,
                "UNFUNDED_B": tb.unfunded}


ALGORITHM = CompareScenariosAlgorithm
