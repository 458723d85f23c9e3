"""Unit tests for kaltim_internet_plugin.core.optimize (plain python, no QGIS)."""

import os
import sys

import numpy as np
import pytest
from scipy import sparse

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

from kaltim_internet_plugin.core import optimize as opt  # noqa: E402
from kaltim_internet_plugin.core.optimize import (  # noqa: E402
    InfeasibleBudgetError,
    OptimizationInputError,
    brute_force_mclp,
    coverage_from_points,
    coverage_matrix,
    solve_mclp,
)

try:
    import highspy  # noqa: F401

    HAVE_HIGHSPY = True
except Exception:
    HAVE_HIGHSPY = False

SOLVERS = ["scipy"] + (["highspy"] if HAVE_HIGHSPY else [])


def random_instance(seed, n=25, m=10):
    rng = np.random.default_rng(seed)
    w = rng.integers(0, 100, n).astype(float)
    c = rng.integers(1, 10, m).astype(float)
    cov = [rng.choice(n, int(rng.integers(1, 8)), replace=False) for _ in range(m)]
    done = rng.random(n) < 0.2
    budget = float(rng.integers(int(c.min()), 25))
    return w, c, cov, budget, done


def covered_weight(w, cov, sel, done):
    mask = np.zeros(len(w), bool)
    for j in sel:
        mask[list(cov[j])] = True
    return float(w[mask & ~done].sum())


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("seed", range(12))
def test_exact_matches_brute_force(seed, solver):
    w, c, cov, budget, done = random_instance(seed, m=8 + seed % 5)
    best, _ = brute_force_mclp(w, c, cov, budget, done)
    res = solve_mclp(w, c, cov, budget, done, method="exact", solver=solver)
    assert res.objective == pytest.approx(best)
    assert res.cost_total <= budget + 1e-9
    assert res.gap == 0.0
    assert res.status in ("optimal", "empty")
    # the reported objective is consistent with the selected set
    assert covered_weight(w, cov, res.selected, done) == pytest.approx(res.objective)


@pytest.mark.parametrize("seed", range(40))
def test_greedy_not_better_than_exact_and_within_budget(seed):
    w, c, cov, budget, done = random_instance(100 + seed, n=40, m=12)
    g = solve_mclp(w, c, cov, budget, done, method="greedy")
    e = solve_mclp(w, c, cov, budget, done, method="exact")
    assert g.cost_total <= budget + 1e-9
    assert e.cost_total <= budget + 1e-9
    assert g.objective <= e.objective + 1e-9
    assert g.gap is None and g.status in ("heuristic", "empty")
    # the budgeted max-coverage guarantee (1 - 1/sqrt(e)) of greedy + best single
    assert g.objective >= (1 - np.exp(-0.5)) * e.objective - 1e-9


def test_greedy_considers_best_single_candidate():
    # ratio-greedy picks the cheap candidate 0 and then cannot afford candidate 1
    w = np.array([1.0, 100.0])
    c = np.array([1.0, 10.0])
    cov = [[0], [1]]
    g = solve_mclp(w, c, cov, 10.0, method="greedy")
    assert g.selected == [1]
    assert g.objective == 100.0


def test_greedy_deterministic_tie_break_lower_index():
    w = np.ones(4)
    c = np.ones(3)
    cov = [[0, 1], [2, 3], [0, 1]]
    g = solve_mclp(w, c, cov, 1.0, method="greedy")
    assert g.selected == [0]


def test_already_covered_excluded_from_gain():
    w = np.array([10.0, 10.0, 5.0])
    c = np.array([1.0, 1.0])
    cov = [[0, 1], [2]]
    res = solve_mclp(w, c, cov, 1.0, already_covered=[True, True, False], method="exact")
    assert res.selected == [1]
    assert res.objective == 5.0
    assert res.population_total_covered == 25.0
    assert res.assignment.tolist() == [-1, -1, 1]


def test_zero_budget_gives_empty_solution_with_warning():
    res = solve_mclp([1, 2], [1, 1], [[0], [1]], 0, method="exact")
    assert res.selected == [] and res.objective == 0.0 and res.cost_total == 0.0
    assert res.status == "empty"
    assert any("Budget is zero" in m for m in res.warnings)


def test_zero_budget_still_takes_free_candidates():
    res = solve_mclp([1, 2], [0, 1], [[0], [1]], 0, method="greedy")
    assert res.selected == [0]


def test_negative_budget_raises():
    with pytest.raises(OptimizationInputError, match="budget must be >= 0"):
        solve_mclp([1], [1], [[0]], -5)


def test_empty_inputs_raise():
    with pytest.raises(OptimizationInputError, match="no demand points"):
        solve_mclp([], [1], [[]], 1)
    with pytest.raises(OptimizationInputError, match="no candidate sites"):
        solve_mclp([1], [], [], 1)


def test_infeasible_budget_raises_clear_message():
    with pytest.raises(InfeasibleBudgetError, match="no candidate site is affordable.*cheapest costs 5"):
        solve_mclp([1, 1], [5, 7], [[0], [1]], 4)


def test_bad_inputs_raise():
    with pytest.raises(OptimizationInputError, match="unknown method"):
        solve_mclp([1], [1], [[0]], 1, method="magic")
    with pytest.raises(OptimizationInputError, match="costs must be finite"):
        solve_mclp([1], [-1], [[0]], 1)
    with pytest.raises(OptimizationInputError, match="outside"):
        solve_mclp([1], [1], [[3]], 1)
    with pytest.raises(OptimizationInputError, match="2 candidates but there are 1"):
        solve_mclp([1], [1], [[0], [0]], 1)
    with pytest.raises(OptimizationInputError, match="already_covered"):
        solve_mclp([1], [1], [[0]], 1, already_covered=[True, False])


def test_nothing_to_gain_returns_empty_with_warning():
    res = solve_mclp([1, 1], [1], [[0]], 5, already_covered=[True, True])
    assert res.selected == [] and res.status == "empty" and res.warnings


def test_sparse_matrix_input_matches_lists():
    w, c, cov, budget, done = random_instance(7)
    mat = coverage_matrix(cov, len(w), len(c))
    a = solve_mclp(w, c, cov, budget, done)
    b = solve_mclp(w, c, sparse.csr_matrix(mat), budget, done)
    d = solve_mclp(w, c, mat.toarray(), budget, done)
    assert a.objective == b.objective == d.objective
    with pytest.raises(OptimizationInputError, match="shape"):
        solve_mclp(w, c, mat.T, budget, done)


def test_identical_columns_merged_keep_cheapest():
    w = np.array([5.0, 5.0, 1.0])
    c = np.array([3.0, 2.0, 2.0])
    cov = [[0, 1], [1, 0], [2]]
    res = solve_mclp(w, c, cov, 2.0, method="exact")
    assert res.selected == [1]
    assert res.n_candidates_model == 2


def test_assignment_nearest_with_distances():
    demand = np.array([[0.0, 0.0], [1000.0, 0.0], [2000.0, 0.0]])
    cands = np.array([[100.0, 0.0], [1800.0, 0.0]])
    cov, dist = coverage_from_points(demand, cands, 1000.0, return_distances=True)
    assert [list(x) for x in cov] == [[0, 1], [1, 2]]
    assert np.allclose(dist[0], [100.0, 900.0]) and np.allclose(dist[1], [800.0, 200.0])
    res = solve_mclp([1, 1, 1], [1, 1], cov, 2, method="exact", distances=dist)
    assert res.selected == [0, 1]
    assert res.assignment.tolist() == [0, 1, 1]
    # the same with a dense distance matrix (n_villages x n_candidates)
    dmat = np.hypot(demand[:, None, 0] - cands[None, :, 0], demand[:, None, 1] - cands[None, :, 1])
    res_m = solve_mclp([1, 1, 1], [1, 1], cov, 2, method="exact", distances=dmat)
    assert res_m.assignment.tolist() == [0, 1, 1]
    # without distances: lowest candidate index
    res2 = solve_mclp([1, 1, 1], [1, 1], cov, 2, method="exact")
    assert res2.assignment.tolist() == [0, 0, 1]


def test_coverage_from_points_per_candidate_radius_and_errors():
    demand = np.array([[0.0, 0.0], [2000.0, 0.0]])
    cands = np.array([[0.0, 0.0], [0.0, 0.0]])
    cov = coverage_from_points(demand, cands, [100.0, 2500.0])
    assert [list(x) for x in cov] == [[0], [0, 1]]
    with pytest.raises(OptimizationInputError, match="radius"):
        coverage_from_points(demand, cands, [1.0, 2.0, 3.0])


def test_time_limit_falls_back_to_greedy_incumbent(monkeypatch):
    w, c, cov, budget, done = random_instance(3)

    def fake_exact(*args, **kwargs):
        return [], False, 1e9, "time limit reached"

    monkeypatch.setattr(opt, "_exact_scipy", fake_exact)
    monkeypatch.setattr(opt, "_exact_highspy", fake_exact)
    res = solve_mclp(w, c, cov, budget, done, method="exact", time_limit=0.01)
    g = solve_mclp(w, c, cov, budget, done, method="greedy")
    assert res.objective == g.objective
    assert res.status == "time_limit"
    assert 0 < res.gap <= 1
    assert any("greedy" in m for m in res.warnings)


def test_medium_instance_exact_optimal_and_consistent():
    rng = np.random.default_rng(42)
    demand = rng.uniform(0, 100_000, (400, 2))
    cands = rng.uniform(0, 100_000, (300, 2))
    cov = coverage_from_points(demand, cands, 8000.0)
    w = rng.integers(100, 5000, 400).astype(float)
    e = solve_mclp(w, np.ones(300), cov, 20, method="exact", time_limit=60)
    g = solve_mclp(w, np.ones(300), cov, 20, method="greedy")
    assert len(e.selected) <= 20 and len(g.selected) <= 20
    assert g.objective <= e.objective + 1e-6
    assert e.status == "optimal" and e.gap == 0.0
