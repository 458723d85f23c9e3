"""The one monitoring evaluation: SLA, provider scorecard, flags and M&E indicators from the stored records.

The dock's dashboard and the monthly M&E report (``slareport``) both call :func:`evaluate` with the same
:class:`MonitoringSettings`, so they cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from .indicators import (
    cadres_trained,
    connected_before_roadmap,
    roadmap_year,
    throughput_share,
    uptime_distribution,
    users_summary,
    villages_connected_vs_target,
)
from .sla import (
    consider_another_provider,
    log_below_reported_flags,
    missing_report_flags,
    provider_scorecard,
    sla_table,
    zero_usage_flags,
)
from .workflow import STATUSES

DEFAULT_CADRES_PER_VILLAGE = 2


@dataclass(frozen=True)
class MonitoringSettings:
    """The SLA rules' settings: target availability (0-1), outages ignored up to ``min_outage_s`` seconds,
    months below target in a row before 'consider another provider'."""

    target: float = 0.99
    min_outage_s: int = 300
    consecutive_months: int = 3


@dataclass
class Evaluation:
    month: str
    settings: MonitoringSettings
    sla: list = field(default_factory=list)
    scorecard: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    indicators: dict = field(default_factory=dict)


def latest_month(records: list) -> str:
    months = [r.get("month") for r in records if r.get("month")]
    return max(months) if months else ""


def monitoring_flags(records: list, sla: list, target: float, consecutive: int, month: str = "",
                     migrated: frozenset = frozenset()) -> list:
    """'consider_another_provider', 'zero_usage' and (with ``month``) 'no_report' flags as rows ``flag, code,
    provider, months, run_length``; a village or site ``migrated`` to another provider or technology sends no
    report any more and gets no 'no_report' flag."""
    flags = [{"flag": "consider_another_provider", "code": f["code"], "provider": f["provider"],
              "months": ", ".join(f["months"]), "run_length": f["run_length"]}
             for f in consider_another_provider(sla, target, consecutive)]
    flags += [{"flag": "zero_usage", "code": f["code"], "provider": f["provider"], "months": f["month"],
               "run_length": 1} for f in zero_usage_flags(records)]
    flags += [{"flag": "no_report", "code": f["code"], "provider": f["provider"], "months": ", ".join(f["months"]),
               "run_length": len(f["months"])} for f in missing_report_flags(records, month)
              if f["code"] not in migrated]
    flags += [{"flag": "log_below_reported", "code": f["code"], "provider": f["provider"], "months": f["month"],
               "run_length": 1, "reported_pct": f["reported_pct"], "log_pct": f["log_pct"]}
              for f in log_below_reported_flags(records, sla)]
    return flags


def evaluate(records: list, villages: Sequence = (), settings: MonitoringSettings = MonitoringSettings(),
             month: str = "") -> Evaluation:
    """Everything the dashboard and the M&E report show, up to ``month`` (empty = the latest month with data): the
    SLA rows, scorecard and flags of every month up to it, the indicators of that month. ``villages``: rows ``code,
    kab, year, status, trained, target, has_trained`` and, from a plan, ``fund_status, existing, prog_connected,
    capex_idr, opex_idr_year`` (:func:`.indicators.roadmap_year`)."""
    month = month or latest_month(records)
    # nothing after the reporting month: a September report listed October's SLA rows, providers and flags (found
    # 2026-12-07); the SLA table, the scorecard and the flags cover every month up to it, the indicators the month
    records = [r for r in records if not month or not r.get("month") or r["month"] <= month]
    sla = [r for r in sla_table(records, target=settings.target, min_outage_s=settings.min_outage_s)
           if not month or r["month"] <= month]
    return Evaluation(
        month=month, settings=settings, sla=sla, scorecard=provider_scorecard(sla, settings.target),
        flags=monitoring_flags(records, sla, settings.target, settings.consecutive_months, month,
                               frozenset(v["code"] for v in villages if v.get("status") == "migrated")),
        indicators=compute_indicators(records, sla, list(villages), month, settings.target))


def report_sources(records: list, files: dict, month: str = "") -> list:
    """The imported files a report up to ``month`` (empty: every month) takes its provider figures from, in import
    order: ``[{file, months}]`` (``files``: import id -> file name, :func:`monitoring_store.import_files`; records
    without a known import are left out)."""
    months: dict = {}
    for r in records:
        m = r.get("month")
        if r.get("import_id") in files and m and (not month or m <= month):
            months.setdefault(r["import_id"], set()).add(m)
    return [{"file": files[i], "months": sorted(months[i])} for i in sorted(months)]


def compute_indicators(records: list, sla_rows: list, villages: Optional[list] = None,
                       month: Optional[str] = None, target: float = 0.99) -> dict:
    """Everything the dashboard and the M&E report show, from stored records, SLA rows and village rows."""
    villages = villages or []
    month_records = [r for r in records if not month or r.get("month") == month]
    month_sla = [r for r in sla_rows if not month or r["month"] == month]
    status_counts = {s: 0 for s in STATUSES}
    no_status = 0
    for v in villages:
        if v["status"]:
            status_counts[v["status"]] += 1
        else:
            no_status += 1
    # the roadmap's targets are the villages it starts in each year (the roadmap report's table by year); the
    # villages the programme connects before it are the baseline, counted apart
    years = [roadmap_year(v) for v in villages]
    roadmap = [(v["code"], v["kab"] or "-", y) for v, y in zip(villages, years) if y is not None]
    statuses = {v["code"]: v["status"] for v in villages}
    by_kab = villages_connected_vs_target(roadmap, statuses) if roadmap else []
    by_year: dict = {}
    for r in by_kab:
        y = by_year.setdefault(r["year"], {"year": r["year"], "target": 0, "connected": 0})
        y["target"] += r["target"]
        y["connected"] += r["connected"]
    cum_t = cum_c = 0
    for y in sorted(by_year):
        cum_t += by_year[y]["target"]
        cum_c += by_year[y]["connected"]
        by_year[y].update(target_cumulative=cum_t, connected_cumulative=cum_c)
    cadres = []
    if villages and villages[0].get("has_trained"):
        cadres = cadres_trained(
            [{"kab": v["kab"] or "-", "trained": float(v["trained"] or 0),
              "planned": float(v["target"]) if v["target"] is not None else DEFAULT_CADRES_PER_VILLAGE}
             # a plan with a target field (the roadmap's cadres_target) sets it on the villages it trains: one
             # without is not counted (a continuing village: no training plan trains it); without the field, every
             # village with a year, at the default
             for v in villages if v["year"] is not None and (v["target"] is not None or not v.get("has_target"))])
    uptimes = [100.0 * r["availability"] for r in month_sla]
    users = users_summary(records)
    return {
        "month": month or "",
        "status_counts": status_counts,
        "no_status": no_status,
        "connected_before_roadmap": sum(1 for v in villages if connected_before_roadmap(v)),
        "connected_by_kab": by_kab,
        "connected_by_year": [by_year[y] for y in sorted(by_year)],
        "uptime_distribution": uptime_distribution(uptimes),
        "site_months": len(month_sla),
        "mean_availability_pct": sum(uptimes) / len(uptimes) if uptimes else None,
        "restitution_site_months": sum(1 for r in month_sla if r["restitution"]),
        "users": users,
        "users_month": (next((u for u in users if u["month"] == month), None) if month
                        else (users[-1] if users else None)),
        "throughput": throughput_share(month_records),
        "cadres": cadres,
        "target_pct": 100.0 * target,
    }
