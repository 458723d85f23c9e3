"""Village cadres and the batched training plan (plain python)."""
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pytest  # noqa: E402

from kaltim_internet_plugin.core.funding import default_sources  # noqa: E402
from kaltim_internet_plugin.core.roadmap import PlanVillage, schedule  # noqa: E402
from kaltim_internet_plugin.core.training import (  # noqa: E402
    DEFAULT_COST_PER_TRAINEE_IDR,
    YEAR_BEFORE,
    parse_village_trainees,
    training_plan,
    write_training_csv,
)

M = 1_000_000


def _plan_villages(rng, n):
    techs = {"fibre": (800 * M, 60 * M), "fwa": (5 * M, 6 * M), "bts": (2600 * M, 250 * M),
             "satellite": (15 * M, 36 * M)}
    out = []
    for i in range(n):
        t = rng.choice(list(techs))
        kec = f"64.0{rng.randint(1, 2)}.0{rng.randint(1, 3)}"
        out.append(PlanVillage(f"{kec}.2{i:03d}", f"D{i}", kec[:5], kec, f"Kec {kec}", rng.randint(100, 900), t,
                               techs[t][0], techs[t][1], i + 1, cadres_trained=rng.choice([0, 0, 1, 2, 3, None])))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("timing", ["same_year", YEAR_BEFORE])
def test_totals_add_up(seed, timing):
    rng = random.Random(seed)
    vs = _plan_villages(rng, 150)
    src = default_sources()
    for s in src:
        s.yearly_cap_idr = s.yearly_cap_idr // 4
    r = schedule(vs, src, 2026)
    target = rng.choice([1, 2, 3])
    size = rng.choice([5, 25, 7])
    plan = training_plan(vs, r, target_per_village=target, timing=timing, batch_size=size)
    sched = {v.code: v.year for v in r.scheduled()}
    expected = sum(max(0, target - (v.cadres_trained or 0)) for v in vs if v.code in sched)
    assert plan.total_trainees == expected == plan.total_gap
    assert plan.total_cost_idr == expected * DEFAULT_COST_PER_TRAINEE_IDR
    assert all(1 <= b.trainees <= size for b in plan.batches)
    groups = defaultdict(list)
    for b in plan.batches:
        groups[(b.year, b.kec_code)].append(b)
        assert b.cost_idr == b.trainees * DEFAULT_COST_PER_TRAINEE_IDR
    for (year, kec), bs in groups.items():
        assert [b.batch_no for b in bs] == list(range(1, len(bs) + 1))
        assert len(bs) == math.ceil(sum(b.trainees for b in bs) / size)
        for b in bs:
            for code in b.villages:
                ty = sched[code] - (1 if timing == YEAR_BEFORE else 0)
                assert year == max(ty, 2026)
                assert code.startswith(kec)
    # per village: its trainees over the batches it is listed in add up to its gap; it is listed once in each of
    # them, with its count in that batch and, when it spans batches, its total
    per_village = defaultdict(list)
    for b in plan.batches:
        assert len(b.villages) == len(set(b.villages)) == len(b.village_trainees) == len(b.village_gaps)
        assert sum(b.village_trainees) == b.trainees
        assert all(n >= 1 for n in b.village_trainees)
        parsed = parse_village_trainees(b.village_counts())
        assert [c for c, _, _ in parsed] == list(b.villages)
        for code, n, m in parsed:
            per_village[code].append((b.year, b.batch_no, n, m))
    for v in plan.villages:
        assert v.connected == (v.code in sched)
        if not v.connected:
            assert v.gap == 0 and v.training_year is None
        entries = per_village.get(v.code, [])
        assert sum(n for _, _, n, _ in entries) == v.gap
        assert all(m == v.gap for _, _, _, m in entries)
        assert len(entries) <= max(1, math.ceil(v.gap / size) + 1)
        if entries:  # consecutive batches of one year
            assert len({y for y, _, _, _ in entries}) == 1
            nos = [no for _, no, _, _ in entries]
            assert nos == list(range(nos[0], nos[0] + len(nos)))
    assert sum(d["trainees"] for d in plan.by_year().values()) == expected


def test_small_example_and_csv(tmp_path):
    vs = [PlanVillage("64.01.01.2001", "A", "64.01", "64.01.01", "Kec A", cadres_trained=0),
          PlanVillage("64.01.01.2002", "B", "64.01", "64.01.01", "Kec A", cadres_trained=1),
          PlanVillage("64.01.01.2003", "C", "64.01", "64.01.01", "Kec A", cadres_trained=5),
          PlanVillage("64.01.02.2004", "D", "64.01", "64.01.02", "Kec B", cadres_trained=0),
          PlanVillage("64.01.02.2005", "E", "64.01", "64.01.02", "Kec B", cadres_trained=0)]
    years = {"64.01.01.2001": 2027, "64.01.01.2002": 2027, "64.01.01.2003": 2027, "64.01.02.2004": 2028,
             "64.01.02.2005": None}
    plan = training_plan(vs, years, batch_size=2, cost_per_trainee_idr=1000)
    rows = [(b.year, b.kec_code, b.kec_name, b.batch_no, b.trainees, b.villages, b.cost_idr) for b in plan.batches]
    assert rows == [(2027, "64.01.01", "Kec A", 1, 2, ("64.01.01.2001",), 2000),
                    (2027, "64.01.01", "Kec A", 2, 1, ("64.01.01.2002",), 1000),
                    (2028, "64.01.02", "Kec B", 1, 2, ("64.01.02.2004",), 2000)]
    before = training_plan(vs, years, timing=YEAR_BEFORE, min_year=2027)
    assert [(b.year, b.trainees) for b in before.batches] == [(2027, 3), (2027, 2)]
    # the 2027 villages cannot be trained in 2026: moved to 2027, and said (it was silent)
    assert before.warnings_en == ["2 village(s) connected in 2027, the roadmap's first year, are trained that year, "
                                  "not the year before (the roadmap starts in 2027)."] and len(before.warnings_id) == 1
    assert not training_plan(vs, years, timing="same_year", min_year=2027).warnings_en
    p = write_training_csv(str(tmp_path / "t.csv"), plan)
    text = Path(p).read_text(encoding="utf-8").splitlines()
    assert text[0] == "year,kec_code,kec_name,batch_no,trainees,villages,cost_idr,village_trainees"
    assert len(text) == 4
    assert text[2].endswith(",64.01.01.2002,1000,64.01.01.2002:1")


def test_split_village_across_batches():
    vs = [PlanVillage("64.01.01.2001", kec_code="64.01.01", cadres_trained=0),
          PlanVillage("64.01.01.2002", kec_code="64.01.01", cadres_trained=0)]
    plan = training_plan(vs, {v.code: 2026 for v in vs}, target_per_village=3, batch_size=4)
    assert [(b.trainees, b.villages) for b in plan.batches] == [(4, ("64.01.01.2001", "64.01.01.2002")),
                                                                (2, ("64.01.01.2002",))]
    # audit finding 8: each batch says how many of the village's trainees it holds, and of how many
    assert [b.village_trainees for b in plan.batches] == [(3, 1), (2,)]
    assert [b.village_counts() for b in plan.batches] == ["64.01.01.2001:3;64.01.01.2002:1/3", "64.01.01.2002:2/3"]
    assert parse_village_trainees("64.01.01.2001:3;64.01.01.2002:1/3") == [("64.01.01.2001", 3, 3),
                                                                            ("64.01.01.2002", 1, 3)]


def test_no_connected_villages_and_bad_params():
    vs = [PlanVillage("64.01.01.2001", kec_code="64.01.01")]
    plan = training_plan(vs, {})
    assert plan.batches == [] and plan.warnings_en and plan.warnings_id
    with pytest.raises(ValueError):
        training_plan(vs, {}, batch_size=0)
    with pytest.raises(ValueError):
        training_plan(vs, {}, timing="later")
    with pytest.raises(ValueError):
        training_plan(vs, {}, cost_per_trainee_idr=-1)
    with pytest.raises(ValueError):
        training_plan(vs, {}, target_per_village=-1)


def test_villages_without_a_kecamatan_code_are_not_pooled_across_the_province():
    """Hunt 7 December: a plan without kecamatan codes (no KEC_CODE_FIELD, or empty cells) put every village of a
    year into one kecamatan '' and packed them into shared batches: a village of Paser (64.01) and one of Berau
    (64.03) in one course, without a word. Their kecamatan is that of their Kemendagri code, and it is said."""
    vs = [PlanVillage("64.01.01.2001", kec_code="", cadres_trained=0),
          PlanVillage("64.03.02.2002", kec_code="", cadres_trained=0),
          PlanVillage("64.03.02.2003", kec_code="64.03.02", kec_name="Tanjung Redeb", cadres_trained=0),
          PlanVillage("DESA-7", kec_code="", cadres_trained=1)]
    plan = training_plan(vs, {v.code: 2027 for v in vs}, batch_size=25)
    assert [(b.kec_code, b.villages) for b in plan.batches] == [
        ("", ("DESA-7",)), ("64.01.01", ("64.01.01.2001",)), ("64.03.02", ("64.03.02.2002", "64.03.02.2003"))]
    assert plan.batches[2].kec_name == "Tanjung Redeb"
    assert plan.total_trainees == 7
    # the villages, what was done and how to fix it, in both languages
    assert len(plan.warnings_en) == len(plan.warnings_id) == 1
    en, idn = plan.warnings_en[0], plan.warnings_id[0]
    for text in (en, idn):
        assert "64.01.01.2001" in text and "64.03.02.2002" in text and "DESA-7" in text
    assert "3 village(s)" in en and "kecamatan of their village code" in en and "KEC_CODE_FIELD" in en
    assert "DESA-7" in en.split("their village code")[1]  # the one whose code names no kecamatan is named apart
    assert "KEC_CODE_FIELD" in idn


def test_a_kecamatan_number_without_its_kab_kota_is_batched_within_the_kab_kota():
    """Hunt 8 December: a plan whose kecamatan field holds only the kecamatan's number ('010', as BPS lists
    number them within a kab/kota) put kecamatan 010 of Paser (64.01) and 010 of Berau (64.03) into one course.
    They are batched within the kab/kota of their village code, and it is said; a whole code is kept as it is."""
    vs = [PlanVillage("64.01.01.2001", kec_code="010", cadres_trained=0),
          PlanVillage("64.03.02.2002", kec_code="010", cadres_trained=0),
          PlanVillage("64.03.02.2003", kec_code=" 010 ", cadres_trained=1),
          PlanVillage("64.03.05.2004", kec_code="6403050", cadres_trained=0),
          PlanVillage("DESA-9", kec_code="010", cadres_trained=0)]
    plan = training_plan(vs, {v.code: 2027 for v in vs}, batch_size=25)
    assert [(b.kec_code, b.villages) for b in plan.batches] == [
        ("010", ("DESA-9",)), ("64.01.010", ("64.01.01.2001",)),
        ("64.03.010", ("64.03.02.2002", "64.03.02.2003")), ("6403050", ("64.03.05.2004",))]
    assert plan.total_trainees == 2 + 2 + 1 + 2 + 2
    assert len(plan.warnings_en) == len(plan.warnings_id) == 1
    en, idn = plan.warnings_en[0], plan.warnings_id[0]
    assert "3 village(s)" in en and "64.01.01.2001: '010'" in en and "64.01.01" in en.split("(e.g.")[2]
    assert "3 desa" in idn and "kab/kota kode desanya" in idn


def test_a_training_table_is_checked_against_the_villages_of_its_run():
    """core.training.batch_off_the_plan (exportplan's check): a batch trains scheduled villages of the plan in their
    service year or the year before, nothing else."""
    from kaltim_internet_plugin.core.training import batch_off_the_plan

    villages = [{"kode": "64.01.01.2001", "fund_status": "scheduled", "year": 2027},
                {"kode": "64.01.01.2002", "fund_status": "unfunded", "year": None}]
    row = {"year": 2026, "kec_code": "64.01.01", "batch_no": 1, "villages": "64.01.01.2001",
           "village_trainees": "64.01.01.2001:2"}
    assert batch_off_the_plan(villages, [row]) == {}
    assert batch_off_the_plan(villages, [dict(row, year=2027)]) == {}
    assert batch_off_the_plan(villages, [dict(row, year=2025)])["why"] == "year"
    assert batch_off_the_plan(villages, [dict(row, year=2028)])["service_year"] == 2027
    off = batch_off_the_plan(villages, [dict(row, villages="64.01.01.2002", village_trainees="64.01.01.2002:2")])
    assert (off["why"], off["status"], off["code"], off["batch_no"]) == ("not_scheduled", "unfunded",
                                                                           "64.01.01.2002", 1)
    # an older table without village_trainees: its villages column
    assert batch_off_the_plan(villages, [dict(row, villages="64.09.01.2001", village_trainees=None)])["why"] == \
        "missing"
    assert batch_off_the_plan([{"code": "x"}], [row]) == {}  # no kode field: nothing to compare


def test_a_training_row_whose_counts_cannot_be_read_or_do_not_add_up_is_found():
    from kaltim_internet_plugin.core.training import unreadable_batch

    row = {"year": 2026, "kec_code": "64.01.01", "batch_no": 2, "trainees": 3,
           "village_trainees": "64.01.01.2001:2;64.01.01.2002:1/2"}
    assert unreadable_batch([row, dict(row, village_trainees=None)]) == {}
    assert unreadable_batch([dict(row, village_trainees="64.01.01.2001:dua")])["why"] == "unreadable"
    bad = unreadable_batch([dict(row, trainees=4)])
    assert (bad["why"], bad["trainees"], bad["counted"], bad["batch_no"]) == ("sum", 4, 3, 2)


def test_the_plan_says_which_villages_it_trains_and_which_not():
    """Hunt 7 December: a village the programme connected before the roadmap (its service continuing) and one the
    roadmap cannot fund get no training, and nothing said so; the log now says who is trained and who is not."""
    vs = [PlanVillage("64.01.01.2001", "A", "64.01", "64.01.01", "Kec A", 500, "fwa", 5 * M, 6 * M, 1,
                      cadres_trained=0),
          PlanVillage("64.01.01.2002", "B", "64.01", "64.01.01", "Kec A", 500, "fwa", 5 * M, 6 * M, 2,
                      cadres_trained=2),
          PlanVillage("64.01.01.2003", "C", "64.01", "64.01.01", "Kec A", 500, "satellite", 0, 36 * M, 3,
                      existing_service=True),
          PlanVillage("64.01.01.2004", "D", "64.01", "64.01.01", "Kec A", 500, "bts", 9e14, 250 * M, 4)]
    r = schedule(vs, default_sources(), 2026)
    assert [v.status for v in r.villages] == ["scheduled", "scheduled", "continuing", "unfunded"]
    plan = training_plan(vs, r)
    assert plan.total_trainees == 2
    assert plan.notes_en == [
        "Training plan: 2 cadre(s) in 1 batch(es) for 1 of the 2 village(s) the roadmap schedules (1 have their "
        "cadres already). Not in it: 1 village(s) connected before the roadmap (the programme's, service "
        "continuing) and 1 village(s) the roadmap does not schedule (unfunded or over capacity); a village is "
        "trained when the roadmap schedules its service."]
    assert len(plan.notes_id) == 1 and "1 desa yang sudah tersambung sebelum peta jalan" in plan.notes_id[0]
