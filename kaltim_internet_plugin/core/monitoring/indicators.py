"""M&E indicators: roadmap progress, uptime distribution, users, throughput, digital cadres."""
from __future__ import annotations

import math
from typing import Iterable, Optional, Sequence

from ..numbers import num
from ..plan_summary import is_planned, is_programme_connected, is_scheduled
from .sla import _as_dict
from .workflow import normalise_status


def connected_before_roadmap(village: dict) -> bool:
    """A village the province's programme connects before the roadmap (the plan's ``existing = 'programme'`` or
    ``fund_status = 'continuing'``, else the programme's ``prog_connected``): the report's baseline, no roadmap
    target (the demo's 802 programme villages carry year 2026 and were counted as 2026 targets, found 7 December)."""
    if is_programme_connected(village):
        return True
    flag = village.get("prog_connected")  # importprogramme's 0/1, read as choosetech and optimizesites read it
    return flag is not None and num(flag) == 1


def roadmap_year(village: dict) -> Optional[int]:
    """The year the roadmap starts the village's service, counted as the roadmap report's table by year counts it
    (core.plan_summary: planned, i.e. given a cost, and scheduled); None for a village connected before the roadmap
    or one the roadmap does not schedule (unfunded, over capacity). A layer without the plan's cost and funding
    columns: its year column."""
    year = village.get("year")
    if year is None or connected_before_roadmap(village):
        return None
    has_costs = village.get("capex_idr") is not None or village.get("opex_idr_year") is not None
    if (has_costs and not is_planned(village)) or not is_scheduled(village):
        return None
    return int(year)


def villages_connected_vs_target(roadmap: Iterable[tuple[str, str, int]], statuses: dict[str, str],
                                 connected_statuses: Sequence[str] = ("active",)) -> list[dict]:
    """Roadmap progress by kab/kota and target year (``target`` per year; the report prints it per year).

    ``roadmap``: ``(village_code, kab, target_year)``; ``statuses``: code -> status code/label.
    Rows per (kab, year): ``target`` (villages due that year), ``target_cumulative`` (due up to that year),
    ``connected`` (of those due that year, now connected), ``connected_cumulative``, ``pct_cumulative``.
    Connected = status in ``connected_statuses`` (default only ``active``; pass ('installed','active',
    'disrupted') to count built infrastructure).
    """
    conn = set(connected_statuses)
    cells: dict[str, dict[int, list[int]]] = {}
    for code, kab, year in roadmap:
        st = normalise_status(statuses.get(code))
        c = cells.setdefault(kab, {}).setdefault(int(year), [0, 0])
        c[0] += 1
        c[1] += int(st in conn)
    out = []
    for kab in sorted(cells):
        cum_t = cum_c = 0
        for year in sorted(cells[kab]):
            t, c = cells[kab][year]
            cum_t += t
            cum_c += c
            out.append({"kab": kab, "year": year, "target": t, "connected": c, "target_cumulative": cum_t,
                        "connected_cumulative": cum_c, "pct_cumulative": 100.0 * cum_c / cum_t if cum_t else 0.0})
    return out


DEFAULT_UPTIME_BINS = (0.0, 90.0, 95.0, 98.0, 99.0, 99.5, 100.0)


def uptime_distribution(values: Iterable[float], bins: Sequence[float] = DEFAULT_UPTIME_BINS) -> list[dict]:
    """Histogram of uptime % values: ``[{lo, hi, count}]``; bins are [lo, hi), the last one [lo, hi]."""
    counts = [0] * (len(bins) - 1)
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        for i in range(len(bins) - 1):
            last = i == len(bins) - 2
            if bins[i] <= v < bins[i + 1] or (last and v == bins[i + 1]):
                counts[i] += 1
                break
    return [{"lo": bins[i], "hi": bins[i + 1], "count": counts[i]} for i in range(len(counts))]


def users_summary(records: Iterable) -> list[dict]:
    """Per month: ``month, villages`` (codes reporting users), ``total_users``, ``mean_users``, ``zero_usage``.
    Several rows for one code in a month (e.g. daily reports) are averaged first."""
    per: dict[str, dict[str, list[float]]] = {}
    for r in map(_as_dict, records):
        if r.get("active_users") is None:
            continue
        per.setdefault(r["month"], {}).setdefault(r["code"], []).append(float(r["active_users"]))
    out = []
    for month in sorted(per):
        vals = [sum(v) / len(v) for v in per[month].values()]
        out.append({"month": month, "villages": len(vals), "total_users": sum(vals),
                    "mean_users": sum(vals) / len(vals), "zero_usage": sum(1 for v in vals if v == 0)})
    return out


def throughput_share(records: Iterable, min_down_mbps: float = 25.0, min_up_mbps: float = 3.0) -> dict:
    """Share of sites whose mean reported download >= ``min_down_mbps`` AND upload >= ``min_up_mbps``.

    Only sites with both measurements count. Returns ``{sites_evaluated, sites_meeting, share}``.
    """
    down: dict[str, list[float]] = {}
    up: dict[str, list[float]] = {}
    for r in map(_as_dict, records):
        if r.get("download_mbps") is not None:
            down.setdefault(r["code"], []).append(float(r["download_mbps"]))
        if r.get("upload_mbps") is not None:
            up.setdefault(r["code"], []).append(float(r["upload_mbps"]))
    codes = set(down) & set(up)
    meeting = sum(1 for c in codes if sum(down[c]) / len(down[c]) >= min_down_mbps
                  and sum(up[c]) / len(up[c]) >= min_up_mbps)
    return {"sites_evaluated": len(codes), "sites_meeting": meeting,
            "share": meeting / len(codes) if codes else 0.0}


def cadres_trained(rows: Iterable, key: str = "kab") -> list[dict]:
    """Digital cadres trained vs planned. ``rows``: dicts with ``key`` (e.g. kab), ``planned``, ``trained``.
    Returns per key ``{key, planned, trained, pct}`` plus a final ``{key: 'total', ...}`` row."""
    agg: dict[str, list[float]] = {}
    for r in rows:
        k = str(r.get(key, ""))
        a = agg.setdefault(k, [0.0, 0.0])
        a[0] += float(r.get("planned") or 0)
        a[1] += float(r.get("trained") or 0)
    out = [{key: k, "planned": p, "trained": t, "pct": 100.0 * t / p if p else 0.0}
           for k, (p, t) in sorted(agg.items())]
    tp, tt = sum(a[0] for a in agg.values()), sum(a[1] for a in agg.values())
    out.append({key: "total", "planned": tp, "trained": tt, "pct": 100.0 * tt / tp if tp else 0.0})
    return out
