"""Monthly SLA per site, provider scorecard and the provider / zero-usage flags (rules: see the package)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Iterable, Optional

from .parsing import parse_datetime, parse_flag

POWER_CAUSE_RE = re.compile(r"power|listrik|\bpln\b", re.IGNORECASE)


def is_power_outage(power_flag: object = None, cause: object = "") -> bool:
    """True when the outage was caused by the mains power supply (flag or cause text)."""
    if power_flag is not None and not (isinstance(power_flag, str) and not power_flag.strip()):
        try:
            if parse_flag(power_flag):
                return True
        except ValueError:
            pass
    return bool(POWER_CAUSE_RE.search(str(cause or "")))


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    y, m = int(month[:4]), int(month[5:7])
    start = dt.datetime(y, m, 1)
    end = dt.datetime(y + (m == 12), m % 12 + 1, 1)
    return start, end


def month_seconds(month: str) -> int:
    y, m = int(month[:4]), int(month[5:7])
    return calendar.monthrange(y, m)[1] * 86400


def next_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"


def merge_intervals(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    """Union of intervals (overlapping or touching ones merged), sorted."""
    merged: list[list] = []
    for s, e in sorted(intervals):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def counted_outages(outages: Iterable, min_outage_s: float = 300, exclude_power: bool = True
                    ) -> list[tuple[dt.datetime, dt.datetime]]:
    """Outages that count for the SLA, merged. ``outages``: iterables ``(start, end[, cause[, power_flag]])``
    or objects/dicts with ``outage_start``, ``outage_end``, ``cause``, ``power_outage``."""
    keep = []
    for o in outages:
        start, end, cause, power = _outage_tuple(o)
        if start is None or end is None or end <= start:
            continue
        if exclude_power and is_power_outage(power, cause):
            continue
        if (end - start).total_seconds() <= min_outage_s:
            continue
        keep.append((start, end))
    return merge_intervals(keep)


def _outage_tuple(o) -> tuple:
    if isinstance(o, dict):
        vals = (o.get("outage_start", o.get("start")), o.get("outage_end", o.get("end")),
                o.get("cause", ""), o.get("power_outage"))
    elif hasattr(o, "outage_start"):
        vals = (o.outage_start, o.outage_end, getattr(o, "cause", ""), getattr(o, "power_outage", None))
    else:
        t = tuple(o) + (None, None)
        vals = (t[0], t[1], t[2] or "", t[3])
    start = vals[0] if vals[0] is None or isinstance(vals[0], dt.datetime) else parse_datetime(vals[0])
    end = vals[1] if vals[1] is None or isinstance(vals[1], dt.datetime) else parse_datetime(vals[1])
    return start, end, vals[2], vals[3]


def split_by_month(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> dict[str, float]:
    """Seconds of the (already merged) intervals falling in each month."""
    out: dict[str, float] = {}
    for s, e in intervals:
        cur = s
        while cur < e:
            month = cur.strftime("%Y-%m")
            _, mend = month_bounds(month)
            seg_end = min(e, mend)
            out[month] = out.get(month, 0.0) + (seg_end - cur).total_seconds()
            cur = seg_end
    return out


def monthly_availability(outages: Iterable, months: Optional[Iterable[str]] = None, min_outage_s: float = 300,
                         exclude_power: bool = True, target: float = 0.99) -> dict[str, dict]:
    """Monthly availability of ONE site from its outage log.

    Returns ``{month: {downtime_s, month_s, availability, restitution}}`` for ``months`` (default: the
    months touched by counted outages); months without counted outages have availability 1.0.
    """
    down = split_by_month(counted_outages(outages, min_outage_s, exclude_power))
    result = {}
    for month in sorted(set(months) if months is not None else set(down)):
        secs = month_seconds(month)
        downtime = down.get(month, 0.0)
        avail = 1.0 - downtime / secs
        result[month] = {"downtime_s": downtime, "month_s": secs, "availability": avail,
                         "restitution": avail < target}
    return result


def sla_table(records: Iterable, target: float = 0.99, min_outage_s: float = 300,
              exclude_power: bool = True) -> list[dict]:
    """Monthly SLA per (code, provider, month) from report records (ReportRecord or dicts).

    Per (code, provider, month): outage log if any outage of that code/provider touches the month; else the
    reported ``uptime_pct`` (of the whole-month row when the month is also reported by day, else the mean); else,
    when the code/provider has an outage log in other months and a report row exists for the month, availability
    1.0 (no outage logged). Other months are not evaluated.
    Rows: ``code, provider, month, availability, downtime_s, basis ('outage_log'|'reported_uptime'),
    restitution``. Sorted by code, provider, month.
    """
    recs = [_as_dict(r) for r in records]
    by_key: dict[tuple, list[dict]] = {}
    for r in recs:
        by_key.setdefault((r["code"], r.get("provider") or ""), []).append(r)
    rows = []
    for (code, provider), items in sorted(by_key.items()):
        outs = [r for r in items if r.get("outage_start") is not None]
        touched: set = set()
        for r in outs:
            s, e, _c, _p = _outage_tuple(r)
            m = s.strftime("%Y-%m")
            while m <= e.strftime("%Y-%m"):
                touched.add(m)
                m = next_month(m)
        avail_log = monthly_availability(outs, touched, min_outage_s, exclude_power, target) if outs else {}
        uptimes: dict[str, list[float]] = {}
        whole: dict[str, list[float]] = {}  # the uptime of a whole month (period YYYY-MM)
        report_months: set = set()
        for r in items:
            report_months.add(r["month"])
            if r.get("uptime_pct") is not None:
                uptimes.setdefault(r["month"], []).append(float(r["uptime_pct"]))
                if len(str(r.get("period") or r["month"])) == 7:
                    whole.setdefault(r["month"], []).append(float(r["uptime_pct"]))
        # a month reported whole and by day (a monthly report, then daily rows of a few days): the month's figure is
        # the monthly one (90 % with three daily rows of 100 % gave 97.5 %, no restitution; found 2026-12-08)
        uptimes.update(whole)
        for month in sorted(touched | report_months):
            if month in avail_log:
                a = avail_log[month]
                rows.append({"code": code, "provider": provider, "month": month, "availability": a["availability"],
                             "downtime_s": a["downtime_s"], "basis": "outage_log", "restitution": a["restitution"]})
            elif month in uptimes:
                avail = sum(uptimes[month]) / len(uptimes[month]) / 100.0
                rows.append({"code": code, "provider": provider, "month": month, "availability": avail,
                             "downtime_s": (1 - avail) * month_seconds(month), "basis": "reported_uptime",
                             "restitution": avail < target})
            elif outs:
                rows.append({"code": code, "provider": provider, "month": month, "availability": 1.0,
                             "downtime_s": 0.0, "basis": "outage_log", "restitution": 1.0 < target})
    return rows


def _as_dict(r) -> dict:
    if isinstance(r, dict):
        d = dict(r)
        if "month" not in d and d.get("period"):
            d["month"] = str(d["period"])[:7]
        return d
    return {k: getattr(r, k) for k in r.__dataclass_fields__}


def provider_scorecard(sla_rows: Iterable[dict], target: float = 0.99) -> list[dict]:
    """Per provider: ``provider, sites, months, mean_availability, min_availability, months_below_target,
    restitution_months``. ``months`` counts site-months."""
    by_p: dict[str, list[dict]] = {}
    for r in sla_rows:
        by_p.setdefault(r["provider"], []).append(r)
    out = []
    for p, rows in sorted(by_p.items()):
        av = [r["availability"] for r in rows]
        below = sum(1 for a in av if a < target)
        out.append({"provider": p, "sites": len({r["code"] for r in rows}), "months": len(rows),
                    "mean_availability": sum(av) / len(av), "min_availability": min(av),
                    "months_below_target": below, "restitution_months": sum(1 for r in rows if r["restitution"])})
    return out


def consider_another_provider(sla_rows: Iterable[dict], target: float = 0.99, consecutive: int = 3) -> list[dict]:
    """Flag (code, provider) below target for ``consecutive`` calendar months in a row (a missing month breaks
    the run). Rows: ``code, provider, months`` (the longest run), ``run_length``."""
    by_key: dict[tuple, dict[str, float]] = {}
    for r in sla_rows:
        by_key.setdefault((r["code"], r["provider"]), {})[r["month"]] = r["availability"]
    flags = []
    for (code, provider), months in sorted(by_key.items()):
        best: list[str] = []
        run: list[str] = []
        for m in sorted(months):
            if months[m] < target and (run and next_month(run[-1]) == m):
                run.append(m)
            elif months[m] < target:
                run = [m]
            else:
                run = []
            if len(run) > len(best):
                best = list(run)
        if len(best) >= consecutive:
            flags.append({"code": code, "provider": provider, "months": best, "run_length": len(best)})
    return flags


def zero_usage_flags(records: Iterable) -> list[dict]:
    """(code, provider, month) whose reports all give ``active_users == 0`` (a village with zero usage that
    month; with daily reports one busy day is enough to clear the flag). Rows: ``code, provider, month``."""
    per: dict[tuple, list[float]] = {}
    for r in map(_as_dict, records):
        if r.get("active_users") is not None:
            per.setdefault((r["code"], r.get("provider") or "", r["month"]), []).append(float(r["active_users"]))
    return [{"code": k[0], "provider": k[1], "month": k[2]} for k, vals in sorted(per.items())
            if all(v == 0 for v in vals)]


def missing_report_flags(records: Iterable, month: str) -> list[dict]:
    """(code, provider) that sent report rows (uptime, users, speeds) before ``month`` but none for it: the month's
    SLA, scorecard and mean availability leave such a site out without a word (a site down all month whose provider
    sent no row for it was simply not in the report, found 2026-12-08). A site known only from its outage log is not
    flagged (a month without an outage has no row). Rows: ``code, provider, months`` (the months since its last
    report, up to ``month``)."""
    last: dict[tuple, str] = {}
    for r in map(_as_dict, records):
        m = r.get("month")
        if r.get("outage_start") is not None or not m or not month or m > month:
            continue
        key = (r["code"], r.get("provider") or "")
        last[key] = max(last.get(key, ""), m)
    out = []
    for (code, provider), m in sorted(last.items()):
        missing = []
        while m < month:
            m = next_month(m)
            missing.append(m)
        if missing:
            out.append({"code": code, "provider": provider, "months": missing})
    return out


def log_below_reported_flags(records: Iterable, sla_rows: Iterable[dict], margin_pct: float = 0.5) -> list[dict]:
    """(code, provider, month) whose SLA comes from the outage log while the provider's own report gives an uptime
    more than ``margin_pct`` points below the log's availability with EVERY outage counted (power and short ones
    too, which the contract excludes but a provider's uptime may include): the log is short of outages (an operator
    sent 95 % and one outage of an hour; the SLA said 99.86 % and no restitution, without a word; found 2026-12-08).
    Rows: ``code, provider, month, reported_pct, log_pct`` (the SLA's availability from the log)."""
    reported: dict[tuple, list[float]] = {}
    outages: dict[tuple, list] = {}
    for r in map(_as_dict, records):
        key = (r["code"], r.get("provider") or "")
        if r.get("outage_start") is not None:
            outages.setdefault(key, []).append(r)
        elif r.get("uptime_pct") is not None and r.get("month"):
            reported.setdefault((*key, r["month"]), []).append(float(r["uptime_pct"]))
    out = []
    for row in sla_rows:
        ups = reported.get((row["code"], row["provider"], row["month"]))
        if row["basis"] != "outage_log" or not ups:
            continue
        every = monthly_availability(outages.get((row["code"], row["provider"]), []), [row["month"]], 0, False)
        said, log = sum(ups) / len(ups), 100.0 * row["availability"]
        if said >= 100.0 * every[row["month"]]["availability"] - margin_pct:
            continue
        out.append({"code": row["code"], "provider": row["provider"], "month": row["month"], "reported_pct": said,
                    "log_pct": log})
    return out
