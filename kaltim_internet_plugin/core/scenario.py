"""Scenarios: a plan's choices saved under a name (funding table, installation capacity, BTS lead time, budget,
priority preset, horizon), and two plans compared side by side (issue 14, item 5).

:func:`compare` reads two roadmaps (their village rows and year × source tables) and gives, section by section:
villages and people connected per year; cost per person connected by kab/kota and by technology (CAPEX plus the
OPEX funded within the horizon, over the people of the villages connected); what each leaves unfunded or over
capacity. :class:`BudgetPoint` is one point of a budget curve (people newly covered against the site budget, from
the exact optimiser).

Pure Python (no Qt, no QGIS).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from .capacity import DEFAULT_BTS_LEAD_MONTHS, DEFAULT_ROWS, CapacityRow
from .funding import FundingSource, default_sources
from .numbers import whole, year_of
from .plan_summary import PlanSummary, is_planned, is_scheduled

SCHEMA = "kaltim-scenario/1"


@dataclass
class Scenario:
    name: str
    start_year: int = 2026
    years: int = 5
    budget_idr: float = 156e9  # site-selection budget of optimizesites
    preset: str = "equity"
    lead_months: int = DEFAULT_BTS_LEAD_MONTHS
    sources: List[FundingSource] = field(default_factory=default_sources)
    capacity: List[CapacityRow] = field(default_factory=lambda: list(DEFAULT_ROWS))
    note: str = ""

    def to_json(self) -> str:
        d = asdict(self)
        d["schema"] = SCHEMA
        d["sources"] = [s.to_dict() for s in self.sources]
        d["capacity"] = [asdict(r) for r in self.capacity]
        return json.dumps(d, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        d = json.loads(text)
        if d.pop("schema", SCHEMA) != SCHEMA:
            raise ValueError("not a scenario file of this plugin")
        d["sources"] = [FundingSource.from_dict(s) for s in d.get("sources", [])]
        d["capacity"] = [CapacityRow(**r) for r in d.get("capacity", [])]
        return cls(**d)


@dataclass
class BudgetPoint:
    budget_idr: float
    sites: int
    cost_idr: float
    people_newly_covered: float
    villages_newly_covered: int
    gap: Optional[float]


@dataclass
class Line:
    """One row of a comparison: section, key (year, kab/kota, technology or figure), value A, value B."""

    section: str
    key: str
    a: float
    b: float

    @property
    def difference(self) -> float:
        return self.b - self.a


def _spent(row: dict) -> int:
    """CAPEX plus the OPEX funded within the horizon, for a scheduled village (from the roadmap's texts)."""
    total = whole(row.get("capex_idr")) if is_scheduled(row) else 0
    for part in str(row.get("funding_opex") or "").split(";"):
        if "=" in part:
            total += whole(part.split("=", 1)[1])
    return total


def _per_person(rows: Iterable[dict], key_of) -> Dict[str, Tuple[int, int]]:
    acc: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if not (is_planned(r) and is_scheduled(r)):
            continue
        a = acc[key_of(r)]
        a[0] += _spent(r)
        a[1] += whole(r.get("population"))
    return {k: (v[0], v[1]) for k, v in acc.items()}


def compare(a: Tuple[PlanSummary, List[dict]], b: Tuple[PlanSummary, List[dict]],
            kab_field: str = "kode_kab") -> List[Line]:
    """Side-by-side figures of two roadmaps: ``(summary, village rows)`` each."""
    (sa, ra), (sb, rb) = a, b
    out: List[Line] = []
    for y in sorted(set(sa.villages_per_year) | set(sb.villages_per_year)):
        out.append(Line("villages_per_year", str(y), sa.villages_per_year.get(y, 0), sb.villages_per_year.get(y, 0)))
    for y in sorted(set(sa.people_per_year) | set(sb.people_per_year)):
        out.append(Line("people_per_year", str(y), sa.people_per_year.get(y, 0), sb.people_per_year.get(y, 0)))
    for section, key_of in (("cost_per_person_kab", lambda r: str(r.get("nama_kab") or r.get(kab_field) or "")),
                            ("cost_per_person_tech", lambda r: str(r.get("tech") or ""))):
        pa, pb = _per_person(ra, key_of), _per_person(rb, key_of)
        for k in sorted(set(pa) | set(pb)):
            ca, cb = pa.get(k, (0, 0)), pb.get(k, (0, 0))
            out.append(Line(section, k, round(ca[0] / ca[1]) if ca[1] else 0, round(cb[0] / cb[1]) if cb[1] else 0))
    ta, tb = sa.total, sb.total
    for key, va, vb in (("planned", ta.planned, tb.planned), ("scheduled", ta.scheduled, tb.scheduled),
                        ("unfunded", ta.unfunded, tb.unfunded), ("over_capacity", ta.over_capacity, tb.over_capacity),
                        ("people_not_connected", _left(ra), _left(rb)),
                        ("capex_scheduled_idr", ta.capex_scheduled_idr, tb.capex_scheduled_idr),
                        ("opex_total_idr", sa.opex_total_idr, sb.opex_total_idr),
                        ("opex_after_horizon_idr_year", sa.opex_after_horizon_idr_year,
                         sb.opex_after_horizon_idr_year),
                        ("migrations", ta.migrations, tb.migrations)):
        out.append(Line("totals", key, va, vb))
    return out


def _left(rows: Iterable[dict]) -> int:
    return sum(whole(r.get("population")) for r in rows if is_planned(r) and not is_scheduled(r))


def first_year_of(rows: Iterable[dict]) -> Optional[int]:
    years = [year_of(r.get("year")) for r in rows if is_scheduled(r)]
    years = [y for y in years if y is not None]
    return min(years) if years else None
