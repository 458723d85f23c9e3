"""Roadmap scheduling: caps, eligibility, totals, reasons, zero budget, empty plan, migration (plain python)."""
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pytest  # noqa: E402

from kaltim_internet_plugin.core.funding import (  # noqa: E402
    TECH_KEYS,
    FundingSource,
    FundingTableError,
    default_sources,
)
from kaltim_internet_plugin.core.roadmap import (  # noqa: E402
    MIGRATED,
    NOT_MIGRATED,
    SCHEDULED,
    UNFUNDED,
    EmptyPlanError,
    MigrationOption,
    PlanVillage,
    RoadmapError,
    schedule,
)

BN = 1_000_000_000
M = 1_000_000
COSTS = {"fibre": (800 * M, 60 * M), "fwa": (5 * M, 6 * M), "radio": (150 * M, 20 * M), "bts": (2600 * M, 250 * M),
         "colo": (400 * M, 80 * M), "satellite": (15 * M, 36 * M), "village_package": (100 * M, 40 * M),
         "fibre_service": (1 * M, 18 * M)}


def make_villages(rng, n):
    out = []
    for i in range(n):
        tech = rng.choice(TECH_KEYS)
        capex, opex = COSTS[tech]
        kab = f"64.0{rng.randint(1, 4)}"
        out.append(PlanVillage(
            code=f"{kab}.0{rng.randint(1, 3)}.{rng.choice('12')}{i:03d}", name=f"Desa {i}", kab_code=kab,
            kec_code=f"{kab}.01", kec_name="Kec", population=rng.randint(100, 4000), tech=tech,
            capex_idr=capex * rng.uniform(0.7, 1.3), opex_idr_year=opex * rng.uniform(0.7, 1.3),
            priority_rank=rng.randint(1, n), is_3t=rng.random() < 0.5, has_plot_20m=rng.choice([True, False, None]),
            operator=rng.choice(["Telkomsel", "Indosat", "XL", None]), cadres_trained=rng.randint(0, 3)))
    return out


def random_sources(rng, scale):
    srcs = default_sources()
    for s in srcs:
        s.yearly_cap_idr = int(s.yearly_cap_idr * scale * rng.uniform(0.2, 1.5))
    srcs.append(FundingSource(name="csr", label="CSR", kinds=["capex"], techs=["fibre", "radio"],
                              yearly_cap_idr=rng.randint(0, 3) * BN, per_village_cap_idr=300 * M, order=35))
    return srcs


def check_caps(result, sources):
    by = {s.name: s for s in sources}
    scope = defaultdict(int)
    per_v = defaultdict(int)
    for a in result.allocations:
        assert a.amount > 0
        assert result.start_year <= a.year <= result.end_year
        s = by[a.source]
        scope[(a.source, a.year, a.kab_code if s.cap_per_kab else "")] += a.amount
        per_v[(a.source, a.year, a.code)] += a.amount
    for (name, year, kab), used in scope.items():
        assert used <= by[name].yearly_cap_idr, (name, year, kab, used)
    for (name, year, code), used in per_v.items():
        if by[name].per_village_cap_idr is not None:
            assert used <= by[name].per_village_cap_idr, (name, year, code, used)
    # every source x year of the table too (non-per-kab sources)
    for row in result.table:
        if not by[row.source].cap_per_kab:
            assert row.total_idr <= by[row.source].yearly_cap_idr


def check_eligibility(result, villages, options=()):
    by = {s.name: s for s in result.sources}
    vmap = {v.code: v for v in villages}
    for o in options:
        if o.village is not None:
            vmap.setdefault(o.code, o.village)
    for a in result.allocations:
        v = vmap[a.code]
        if a.kind in ("capex", "opex"):
            assert by[a.source].eligible(v, a.kind, v.tech), a
        else:
            assert by[a.source].eligible(v, a.kind.replace("migration_", ""), "fibre"), a
        if a.source == "dana_desa":
            assert v.tech != "bts" or a.kind.startswith("migration")
        if a.source == "bakti_uso":
            assert v.tech == "bts" and v.is_3t and v.has_plot_20m is True and not a.kind.startswith("migration")
        if a.source == "operator":
            assert v.tech in ("colo", "fwa") and not a.kind.startswith("migration")


def check_totals(result):
    table = defaultdict(int)
    for r in result.table:
        table[(r.year, r.source, "capex")] += r.capex_idr
        table[(r.year, r.source, "opex")] += r.opex_idr + r.migration_opex_idr
        table[(r.year, r.source, "mcapex")] += r.migration_capex_idr
    per = defaultdict(int)
    for v in result.villages:
        for s, amt in v.funding_capex.items():
            per[(v.build_year, s, "capex")] += amt  # paid in the build year (a BTS: before service)
        for y, d in v.funding_opex.items():
            for s, amt in d.items():
                per[(y, s, "opex")] += amt
    for m in result.migrations:
        for s, amt in m.funding_capex.items():
            per[(m.year, s, "mcapex")] += amt
        for y, d in m.funding_opex.items():
            for s, amt in d.items():
                per[(y, s, "opex")] += amt
    assert {k: v for k, v in table.items() if v} == {k: v for k, v in per.items() if v}
    t = result.totals
    assert sum(r.total_idr for r in result.table) == t.total_idr == sum(t.by_source.values())
    assert sum(r.villages_connected for r in result.table) == t.villages_scheduled - sum(
        1 for v in result.scheduled() if not v.funding_capex and not any(v.funding_opex.values()))
    assert sum(y["villages_connected"] for y in result.year_totals()) == t.villages_scheduled
    assert sum(y["people_connected"] for y in result.year_totals()) == t.people_connected
    assert t.villages_scheduled + t.villages_unfunded == t.villages == len(result.villages)


def check_outcomes(result):
    for v in result.villages:
        assert v.status in (SCHEDULED, UNFUNDED)
        if v.status == SCHEDULED:
            assert result.start_year <= v.year <= result.end_year
            assert v.capex_funded_idr == v.capex_idr
            last = min(result.end_year, v.year + result.opex_years - 1)
            end = last if v.migration_year is None else min(last, v.migration_year - 1)
            if v.opex_idr_year > 0:
                assert sorted(v.funding_opex) == list(range(v.year, end + 1))
                for d in v.funding_opex.values():
                    assert sum(d.values()) == v.opex_idr_year
            assert not v.reason_en
        else:
            assert v.year is None
            assert v.reason_en.strip() and v.reason_id.strip()
            assert not v.funding_capex and not v.funding_opex


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("scale", [0.05, 0.3, 1.0])
def test_random_instances_caps_eligibility_totals(seed, scale):
    rng = random.Random(seed)
    villages = make_villages(rng, 120)
    sources = random_sources(rng, scale)
    options = [MigrationOption(v.code, 700 * M, 40 * M, rng.choice([None, 2027, 2029])) for v in villages
               if v.tech == "satellite" and rng.random() < 0.7]
    options.append(MigrationOption("64.99.01.2999", 500 * M, 30 * M, 2027, village=PlanVillage(
        "64.99.01.2999", "Existing Starlink", kab_code="64.99", tech="satellite", priority_rank=1)))
    result = schedule(villages, sources, 2026, years=5, opex_years=rng.choice([1, 3, 5]), migration=options)
    check_caps(result, sources)
    check_eligibility(result, villages, options)
    check_totals(result)
    check_outcomes(result)
    assert len(result.villages) == len(villages)
    s = result.sustainability
    assert s is None or 0.0 <= s <= 1.0


def test_priority_order_and_opex_reservation():
    prov = FundingSource(name="prov", label="Prov", yearly_cap_idr=100, order=1)
    a = PlanVillage("64.01.01.2001", "A", kab_code="64.01", tech="fibre", capex_idr=60, opex_idr_year=10,
                    priority_rank=1)
    b = PlanVillage("64.01.01.2002", "B", kab_code="64.01", tech="fibre", capex_idr=50, opex_idr_year=10,
                    priority_rank=2)
    c = PlanVillage("64.01.01.2003", "C", kab_code="64.01", tech="fibre", capex_idr=70, opex_idr_year=10,
                    priority_rank=3)
    r = schedule([c, b, a], [prov], 2026, years=3, opex_years=5)
    assert [v.code for v in r.villages] == [a.code, b.code, c.code]
    # 2026: A 60+10 = 70, B (50+10) does not fit; 2027: 10 (A opex) + 50 + 10 = 70; 2028: 20 + 70 + 10 = 100 for C
    assert r.village(a.code).year == 2026
    assert r.village(b.code).year == 2027
    assert r.village(c.code).year == 2028
    assert r.used("prov", 2026) == 70 and r.used("prov", 2027) == 70 and r.used("prov", 2028) == 100
    assert r.village(a.code).funding_opex == {2026: {"prov": 10}, 2027: {"prov": 10}, 2028: {"prov": 10}}


def test_opex_liability_blocks_later_years():
    # A village whose capex fits in 2026 but whose later opex would not fit must not be scheduled in 2026.
    prov = FundingSource(name="prov", label="Prov", yearly_cap_idr=100, order=1)
    kab = FundingSource(name="kab", label="Kab", kinds=["capex"], yearly_cap_idr=100, order=0)
    big = PlanVillage("64.01.01.2001", "Big", kab_code="64.01", tech="fibre", capex_idr=0, opex_idr_year=60,
                      priority_rank=1)
    other = PlanVillage("64.01.01.2002", "Other", kab_code="64.01", tech="fibre", capex_idr=100, opex_idr_year=50,
                        priority_rank=2)
    r = schedule([big, other], [prov, kab], 2026, years=2, opex_years=5)
    assert r.village(big.code).year == 2026
    o = r.village(other.code)
    assert o.status == UNFUNDED  # 60 + 50 > 100 in every year
    assert "fibre opex" in o.reason_en and "OPEX fibre" in o.reason_id
    check_caps(r, [prov, kab])


def test_waterfall_order_and_split():
    srcs = default_sources()
    next(s for s in srcs if s.name == "bakti_uso").yearly_cap_idr = 26 * BN  # an approved proposal
    bts = PlanVillage("64.01.01.2001", "B", kab_code="64.01", tech="bts", capex_idr=2600 * M, opex_idr_year=250 * M,
                      priority_rank=1, is_3t=True, has_plot_20m=True)
    colo = PlanVillage("64.01.01.2002", "C", kab_code="64.01", tech="colo", capex_idr=400 * M, opex_idr_year=80 * M,
                       priority_rank=2, operator="Telkomsel")
    sat = PlanVillage("64.01.01.2003", "S", kab_code="64.01", tech="satellite", capex_idr=15 * M,
                      opex_idr_year=45 * M, priority_rank=3)
    kel = PlanVillage("64.01.01.1004", "K", kab_code="64.01", tech="fwa", capex_idr=2 * M, opex_idr_year=6 * M,
                      priority_rank=4)
    r = schedule([bts, colo, sat, kel], srcs, 2026, bts_lead_months=0)
    assert r.village(bts.code).funding_capex == {"bakti_uso": 2600 * M}
    assert r.village(colo.code).funding_capex == {"operator": 400 * M}
    v = r.village(sat.code)
    # the province's programme pays a desa's satellite installation and subscription (first in the order)
    assert v.funding_capex == {"prog_internet_desa": 15 * M}
    assert v.funding_opex[2026] == {"prog_internet_desa": 45 * M}
    # a kelurahan is outside the programme and has no Dana Desa: its kab/kota pays
    k = r.village(kel.code)
    assert k.funding_capex == {"apbd_kab": 2 * M} and k.funding_opex[2026] == {"apbd_kab": 6 * M}
    # once the programme's cap is spent, Dana Desa pays the desa's own subscription up to Rp 24 m a year
    srcs2 = default_sources()
    next(s for s in srcs2 if s.name == "prog_internet_desa").yearly_cap_idr = 30 * M
    r2 = schedule([sat], srcs2, 2026)
    assert r2.village(sat.code).funding_opex[2026] == {"prog_internet_desa": 15 * M, "dana_desa": 24 * M,
                                                        "apbd_kab": 6 * M}


def test_bts_reason_when_no_capacity():
    srcs = default_sources()
    for s in srcs:
        s.yearly_cap_idr = BN // 2
    v = PlanVillage("64.01.01.2001", "B", kab_code="64.01", tech="bts", capex_idr=2600 * M, opex_idr_year=250 * M,
                    priority_rank=1, is_3t=True, has_plot_20m=True)
    r = schedule([v], srcs, 2026, years=5)
    out = r.village(v.code)
    assert out.status == UNFUNDED
    assert "no eligible source has capacity left for bts capex Rp 2.6 bn in 2026–2030" in out.reason_en
    assert "Rp 2,6 miliar" in out.reason_id and "2026–2030" in out.reason_id
    assert r.warnings_en and r.warnings_id


def test_no_eligible_source_reason():
    dd = [s for s in default_sources() if s.name in ("dana_desa", "bakti_uso")]
    v = PlanVillage("64.72.01.1001", "Kel", kab_code="64.72", tech="bts", capex_idr=2600 * M, opex_idr_year=1,
                    priority_rank=1, is_3t=False, has_plot_20m=None)
    r = schedule([v], dd, 2026)
    out = r.village(v.code)
    assert out.status == UNFUNDED
    assert "no funding source may pay bts capex" in out.reason_en
    assert "not a 3T village" in out.reason_en and "Dana Desa" in out.reason_en
    assert "bukan desa 3T" in out.reason_id


def test_bad_village_data_is_unfunded_with_reason():
    vs = [PlanVillage("64.01.01.2001", tech=None, priority_rank=1),
          PlanVillage("64.01.01.2002", tech="laser", priority_rank=2),
          PlanVillage("64.01.01.2003", tech="fibre", capex_idr=None, priority_rank=3),
          PlanVillage("64.01.01.2004", tech="fibre", capex_idr=-5, priority_rank=4)]
    r = schedule(vs, default_sources(), 2026)
    reasons = [v.reason_en for v in r.villages]
    assert all(v.status == UNFUNDED for v in r.villages)
    assert "no technology" in reasons[0] and "unknown technology 'laser'" in reasons[1]
    assert "unknown" in reasons[2] and "negative" in reasons[3]
    assert all(v.reason_id for v in r.villages)


def test_per_kab_cap_is_separate():
    kab = FundingSource(name="kab", label="Kab", yearly_cap_idr=100, cap_per_kab=True)
    vs = [PlanVillage(f"64.0{k}.01.200{i}", kab_code=f"64.0{k}", tech="fibre", capex_idr=100, opex_idr_year=0,
                      priority_rank=i + 1) for k in (1, 2) for i in range(2)]
    r = schedule(vs, [kab], 2026, years=2)
    assert sorted(v.year for v in r.villages) == [2026, 2026, 2027, 2027]
    assert r.used("kab", 2026, "64.01") == 100 and r.used("kab", 2026, "64.02") == 100
    check_caps(r, [kab])


@pytest.mark.parametrize("srcs", ["zero", "none"])
def test_zero_budget(srcs):
    sources = default_sources() if srcs == "zero" else []
    for s in sources:
        s.yearly_cap_idr = 0
    rng = random.Random(3)
    villages = make_villages(rng, 30)
    r = schedule(villages, sources, 2026)
    assert all(v.status == UNFUNDED and v.reason_en and v.reason_id for v in r.villages)
    assert r.allocations == []
    assert any("zero cap" in w for w in r.warnings_en)
    assert any("pagu nol" in w for w in r.warnings_id)
    assert r.totals.villages_unfunded == 30 and r.totals.total_idr == 0
    assert r.sustainability is None


def test_empty_plan_and_bad_input():
    with pytest.raises(EmptyPlanError) as ei:
        schedule([], default_sources(), 2026)
    assert ei.value.message_id
    with pytest.raises(RoadmapError):
        schedule([PlanVillage("a", tech="fibre")], default_sources(), 2026, years=0)
    with pytest.raises(RoadmapError) as ei:
        schedule([PlanVillage("a", tech="fibre"), PlanVillage("a", tech="fwa")], default_sources(), 2026)
    assert "Duplicate village codes in the plan: a. Each village must appear once" in str(ei.value)
    assert "'Check village layer' names them by feature id" in str(ei.value)
    assert "Kode desa ganda dalam rencana: a. Setiap desa hanya boleh muncul sekali" in ei.value.message_id
    with pytest.raises(FundingTableError):
        schedule([PlanVillage("a", tech="fibre")], [FundingSource(name="x", yearly_cap_idr=-1)], 2026)


def test_migration_plan_village_and_existing_site():
    prov = FundingSource(name="prov", label="Prov", yearly_cap_idr=1000 * M, recurring=False, order=2)
    kab = FundingSource(name="kab", label="Kab", kinds=["opex"], yearly_cap_idr=1000 * M, recurring=True, order=1)
    sat = PlanVillage("64.01.01.2001", "S", kab_code="64.01", tech="satellite", capex_idr=15 * M,
                      opex_idr_year=36 * M, priority_rank=1)
    fibre_only = PlanVillage("64.01.01.2002", "F", kab_code="64.01", tech="fibre", capex_idr=0, opex_idr_year=0,
                             priority_rank=2)
    existing = PlanVillage("64.01.01.2009", "Old Starlink", kab_code="64.01", tech="satellite", priority_rank=5)
    opts = [MigrationOption(sat.code, 800 * M, 30 * M, 2028),
            MigrationOption(fibre_only.code, 1, 1),
            MigrationOption(existing.code, 900 * M, 20 * M, None, village=existing),
            MigrationOption("64.01.01.2999", 1, 1)]
    r = schedule([sat, fibre_only], [prov, kab], 2026, years=5, opex_years=5, migration=opts)
    m = {x.code: x for x in r.migrations}
    assert m[sat.code].status == MIGRATED and m[sat.code].year == 2028
    assert m[sat.code].funding_capex == {"prov": 800 * M}
    assert sorted(m[sat.code].funding_opex) == [2028, 2029, 2030]
    assert m[sat.code].released_satellite_opex_idr == 3 * 36 * M
    assert m[sat.code].cost_idr == 800 * M + 3 * 30 * M
    v = r.village(sat.code)
    assert v.migration_year == 2028 and sorted(v.funding_opex) == [2026, 2027]
    # existing site: 900 m does not fit 2026 (1000 - 15 satellite capex = 985 -> fits); check it migrated at all
    assert m[existing.code].status == MIGRATED and not m[existing.code].in_plan
    assert m[fibre_only.code].status == NOT_MIGRATED and "not satellite" in m[fibre_only.code].reason_en
    assert m["64.01.01.2999"].status == NOT_MIGRATED and any("unknown village" in w for w in r.warnings_en)
    check_caps(r, [prov, kab])
    check_totals(r)
    assert r.totals.villages_migrated == 2
    assert r.totals.opex_run_rate_end_idr == 30 * M + 0 + 20 * M


def test_migration_waits_for_budget():
    prov = FundingSource(name="prov", label="Prov", yearly_cap_idr=500 * M)
    sats = [PlanVillage(f"64.01.01.200{i}", kab_code="64.01", tech="satellite", capex_idr=0, opex_idr_year=0,
                        priority_rank=i + 1) for i in range(3)]
    opts = [MigrationOption(v.code, 400 * M, 0, None) for v in sats] + []
    r = schedule(sats, [prov], 2026, years=3, migration=opts)
    years = sorted(x.year for x in r.migrations if x.status == MIGRATED)
    assert years == [2027, 2028]  # one per year (cap 500 m), none in the connection year 2026
    nm = [x for x in r.migrations if x.status == NOT_MIGRATED]
    assert len(nm) == 1 and "fibre capex Rp 400 m" in nm[0].reason_en and nm[0].reason_id
    check_caps(r, [prov])


def test_sustainability():
    v = PlanVillage("64.01.01.2001", kab_code="64.01", tech="fibre", capex_idr=10, opex_idr_year=10, priority_rank=1)
    prov = FundingSource(name="prov", label="Prov", yearly_cap_idr=1000, recurring=False, order=2)
    kab = FundingSource(name="kab", label="Kab", kinds=["opex"], yearly_cap_idr=1000, recurring=True, order=1)
    assert schedule([v], [prov], 2026).sustainability == 0.0
    assert schedule([v], [prov, kab], 2026).sustainability == 1.0
    # kab only has room for the first year's opex elsewhere -> mixed
    kab.yearly_cap_idr = 5
    s = schedule([v], [prov, kab], 2026).sustainability
    assert s == pytest.approx(0.5)
    assert schedule([v], [prov], 2026, years=1).sustainability is None  # no opex after year 1


def test_cost_model_tech_alias_is_accepted():
    v = PlanVillage("64.01.01.2001", kab_code="64.01", tech="fwa_4g", capex_idr=1_500_000, opex_idr_year=3_600_000,
                    priority_rank=1, operator="Telkomsel")
    r = schedule([v], default_sources(), 2026)
    out = r.village(v.code)
    assert out.status == SCHEDULED and out.tech == "fwa"
    assert out.funding_capex == {"prog_internet_desa": 1_500_000}
