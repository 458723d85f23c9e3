"""The training plan's log note with a target of 0 cadres (s40-a): the roadmap run with CADRE_TARGET 0 logged
'0 cadre(s) in 0 batch(es) for 0 of the 65 village(s) the roadmap schedules (65 have their cadres already)' of
villages that have no cadre at all."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kaltim_internet_plugin.core.funding import default_sources  # noqa: E402
from kaltim_internet_plugin.core.roadmap import PlanVillage, schedule  # noqa: E402
from kaltim_internet_plugin.core.training import training_plan  # noqa: E402

M = 1_000_000


def _villages(trained):
    return [PlanVillage(f"64.01.01.20{i:02d}", f"V{i}", "64.01", "64.01.01", "Kec A", 500, "fwa", 5 * M, 6 * M, i,
                        cadres_trained=t) for i, t in enumerate(trained, start=1)]


def test_a_target_of_zero_is_said_as_such_not_as_cadres_already_trained():
    vs = _villages([0, 0, 0])
    r = schedule(vs, default_sources(), 2026)
    scheduled = sum(1 for v in r.villages if v.status == "scheduled")
    assert scheduled == 3
    plan = training_plan(vs, r, target_per_village=0)
    assert plan.total_trainees == 0
    assert f"for 0 of the {scheduled} village(s) the roadmap schedules ({scheduled} have a target of 0 cadres)" \
        in plan.notes_en[0], plan.notes_en
    assert "have their cadres already" not in plan.notes_en[0]
    assert f"({scheduled} bertarget 0 kader)" in plan.notes_id[0]
    # per-village targets: some at 0, one village with its cadres, one to train
    vs = _villages([0, 2, 0])
    r = schedule(vs, default_sources(), 2026)
    plan = training_plan(vs, r, target_per_village=2, targets={"64.01.01.2001": 0})
    assert plan.total_trainees == 2
    assert "for 1 of the 3 village(s) the roadmap schedules (1 have their cadres already, 1 have a target of 0 " \
           "cadres)" in plan.notes_en[0], plan.notes_en
    # the usual case keeps its words
    plan = training_plan(vs, r, target_per_village=2)
    assert "(1 have their cadres already)" in plan.notes_en[0]
