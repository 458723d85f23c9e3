"""Budgeted Maximal Covering Location Problem (MCLP) for site selection.

Pure python + numpy/scipy (``highspy`` is used when importable).  No QGIS import.

Problem
-------
Villages ``i`` carry a demand weight ``w_i`` (population x optional priority
weight).  Candidate sites ``j`` cost ``c_j`` and cover a set of villages.
Choose sites with total cost <= budget ``B`` maximising the demand weight of the
villages that become covered.  Villages flagged ``already_covered`` need nothing:
they are excluded from the objective gain.

    max  sum_i w_i y_i
    s.t. y_i <= sum_{j covers i} x_j      for every village i
         sum_j c_j x_j <= B
         x_j in {0, 1},  0 <= y_i <= 1

(with binary ``x`` an optimal ``y`` is automatically 0/1).

Methods
-------
``greedy``  lazy greedy on marginal gain / cost (priority queue, ties -> lower
            index), candidates that no longer fit the remaining budget are
            skipped, and the result is compared with the best single affordable
            candidate (Khuller-Moss-Naor budgeted max-coverage guarantee).
``exact``   the MILP above, solved with ``highspy`` (warm-started from greedy)
            when importable, else with ``scipy.optimize.milp`` (HiGHS inside
            scipy).  The greedy solution is kept as incumbent if the MILP stops at
            the time limit with something worse.  The optimality gap is reported
            (0 when proven optimal).

The model is reduced before solving: already-covered / zero-weight villages and
villages no candidate covers are dropped, unaffordable and useless candidates
are dropped, identical candidate columns are merged (cheapest, then lowest index
kept), candidates covering a strict subset of a no-more-expensive candidate are
dropped, and villages with identical candidate sets are merged (weights summed).

Errors are plain exceptions with English messages (the algorithm layer
translates them): :class:`OptimizationInputError` (bad/empty input, negative
budget) and :class:`InfeasibleBudgetError` (no candidate affordable).  A zero
budget returns a valid empty :class:`MCLPResult` with a warning.

Coordinates given to :func:`coverage_from_points` must be projected (metres).
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

import numpy as np
from scipy import sparse

from .definitions import METHODS  # one order everywhere: (exact, greedy)

TIME_LIMIT_S = 60.0
"""Default wall-clock limit for the exact MILP solve, in seconds."""

MIP_REL_GAP = 0.0
"""Default relative MIP gap for the exact method (0 = prove optimality)."""

_EPS = 1e-9


class OptimizationError(ValueError):
    """Base class of the errors raised by this module."""


class OptimizationInputError(OptimizationError):
    """The input is empty, inconsistent or invalid (e.g. negative budget)."""


class InfeasibleBudgetError(OptimizationError):
    """No candidate site is affordable within the budget."""


@dataclass
class MCLPResult:
    """Result of :func:`solve_mclp`.

    Attributes
    ----------
    selected: sorted indices of the selected candidates (original numbering).
    objective: demand weight newly covered (sum of ``w_i`` over villages covered
        by the selection and not already covered).
    population_covered: population newly covered (``population`` argument, or
        the weights when no population was given).
    population_total_covered: ``population_covered`` + population of the
        already-covered villages.
    cost_total: sum of the costs of the selected candidates (<= budget).
    budget: the budget used.
    gap: relative optimality gap (0 = proven optimal; ``None`` for greedy, where
        no bound is computed).
    bound: best upper bound on the objective (exact only, else ``None``).
    method: ``"greedy"`` or ``"exact"``.
    solver: ``"greedy"``, ``"highspy"``, ``"scipy"`` or ``"none"``.
    status: ``"optimal"``, ``"time_limit"``, ``"heuristic"`` or ``"empty"``.
    covered_mask: bool per village, newly covered by the selection.
    assignment: per village, the selected candidate serving it (nearest when
        distances were given, else the lowest index); -1 when not newly covered
        (already-covered villages get -1: they need nothing).
    runtime_s: wall-clock time.
    warnings: English messages (zero budget, time limit reached, ...).
    n_villages_model / n_candidates_model: size of the reduced model.
    """

    selected: list
    objective: float
    population_covered: float
    population_total_covered: float
    cost_total: float
    budget: float
    gap: Optional[float]
    bound: Optional[float]
    method: str
    solver: str
    status: str
    covered_mask: np.ndarray
    assignment: np.ndarray
    runtime_s: float
    warnings: list = field(default_factory=list)
    n_villages_model: int = 0
    n_candidates_model: int = 0


def empty_selection(population, already_covered, budget: float, method: str) -> MCLPResult:
    """The selection from no candidate at all (a kota whose villages are all covered: 'Candidate sites' wrote
    none): no site, no village newly covered, the already covered villages' population (:func:`solve_mclp` refuses
    an empty candidate set; the site step writes this one as any other)."""
    n = len(population)
    return MCLPResult(selected=[], objective=0.0, population_covered=0.0,
                      population_total_covered=float(np.asarray(population, dtype=float)[
                          np.asarray(already_covered, bool)].sum()),
                      cost_total=0.0, budget=budget, gap=None, bound=None, method=method, solver="none",
                      status="empty", covered_mask=np.zeros(n, dtype=bool), assignment=np.full(n, -1), runtime_s=0.0)


# --------------------------------------------------------------------------- #
# Coverage helpers
# --------------------------------------------------------------------------- #
def coverage_from_points(demand_xy, candidate_xy, radius, return_distances=False):
    """Coverage sets from projected coordinates (metres) with ``scipy.spatial.cKDTree``.

    Parameters
    ----------
    demand_xy: (n, 2) array of village (office) coordinates, projected metres.
    candidate_xy: (m, 2) array of candidate site coordinates, same CRS.
    radius: service radius in metres; a scalar or one value per candidate.
    return_distances: also return the distances aligned with the sets.

    Returns
    -------
    ``coverage`` (list of m sorted int arrays of covered village indices), and
    with ``return_distances`` also ``distances`` (list of m float arrays).
    """
    from scipy.spatial import cKDTree

    d = np.asarray(demand_xy, dtype=float).reshape(-1, 2) if np.size(demand_xy) else np.zeros((0, 2))
    c = np.asarray(candidate_xy, dtype=float).reshape(-1, 2) if np.size(candidate_xy) else np.zeros((0, 2))
    r = np.asarray(radius, dtype=float)
    if r.ndim == 0:
        r = np.full(len(c), float(r))
    if r.shape != (len(c),):
        raise OptimizationInputError(
            f"radius must be a scalar or one value per candidate ({len(c)} candidates, got {r.size} radii)")
    if np.any(~np.isfinite(r)) or np.any(r < 0):
        raise OptimizationInputError("radius must be finite and >= 0 (metres)")
    if not (np.all(np.isfinite(d)) and np.all(np.isfinite(c))):
        raise OptimizationInputError("coordinates contain NaN or infinite values")
    coverage, distances = [], []
    if len(d) == 0 or len(c) == 0:
        coverage = [np.zeros(0, dtype=np.int64) for _ in range(len(c))]
        distances = [np.zeros(0) for _ in range(len(c))]
    else:
        tree = cKDTree(d)
        hits = tree.query_ball_point(c, r)
        for j, idx in enumerate(hits):
            idx = np.asarray(sorted(idx), dtype=np.int64)
            coverage.append(idx)
            if return_distances:
                distances.append(np.hypot(*(d[idx] - c[j]).T) if len(idx) else np.zeros(0))
    if return_distances:
        return coverage, distances
    return coverage


def coverage_matrix(coverage, n_villages, n_candidates=None):
    """Normalise a coverage description to a CSC bool matrix (n_villages x n_candidates).

    ``coverage`` is either a list (one entry per candidate) of iterables of
    covered village indices, or a scipy.sparse / dense matrix of shape
    (n_villages, n_candidates) with non-zero = covers.
    """
    if sparse.issparse(coverage) or isinstance(coverage, np.ndarray) and coverage.ndim == 2:
        mat = sparse.csc_matrix(coverage)
        if mat.shape[0] != n_villages:
            raise OptimizationInputError(
                f"coverage matrix must have shape (n_villages, n_candidates); got {mat.shape}, "
                f"expected {n_villages} rows")
        if n_candidates is not None and mat.shape[1] != n_candidates:
            raise OptimizationInputError(
                f"coverage matrix has {mat.shape[1]} columns but there are {n_candidates} candidate costs")
        mat = (mat != 0).astype(np.int8).tocsc()
        mat.eliminate_zeros()
        return mat
    cov = list(coverage)
    if n_candidates is not None and len(cov) != n_candidates:
        raise OptimizationInputError(
            f"coverage lists one set for {len(cov)} candidates but there are {n_candidates} candidate costs")
    rows, cols = [], []
    for j, s in enumerate(cov):
        idx = np.unique(np.asarray(list(s) if not isinstance(s, np.ndarray) else s, dtype=np.int64))
        if idx.size and (idx[0] < 0 or idx[-1] >= n_villages):
            raise OptimizationInputError(
                f"coverage set of candidate {j} has a village index outside 0..{n_villages - 1}")
        rows.append(idx)
        cols.append(np.full(idx.size, j, dtype=np.int64))
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return sparse.csc_matrix((np.ones(r.size, dtype=np.int8), (r, c)), shape=(n_villages, len(cov)))


# --------------------------------------------------------------------------- #
# Reduced model
# --------------------------------------------------------------------------- #
class _Model:
    """Reduced MCLP: rows = merged active villages, cols = merged useful candidates."""

    def __init__(self, A, w, cost, budget, active):
        self.budget = budget
        A_act = A[active, :].tocsc()
        affordable = cost <= budget + _EPS
        useful = np.diff(A_act.indptr) > 0
        keep = np.flatnonzero(affordable & useful)
        # merge identical columns: keep the cheapest, then lowest index
        groups = {}
        for j in keep:
            key = A_act.indices[A_act.indptr[j]:A_act.indptr[j + 1]].tobytes()
            best = groups.get(key)
            if best is None or (cost[j], j) < (cost[best], best):
                groups[key] = j
        cols = np.array(sorted(groups.values()), dtype=np.int64)
        cols = self._drop_dominated(A_act, cols, cost)
        self.cols = cols  # reduced column -> original candidate index
        B = A_act[:, cols].tocsr()
        act_idx = np.flatnonzero(active)
        # drop villages that no kept candidate covers, merge identical rows
        rowgroups = {}
        order = []
        for r in range(B.shape[0]):
            s, e = B.indptr[r], B.indptr[r + 1]
            if s == e:
                continue
            key = np.sort(B.indices[s:e]).tobytes()
            g = rowgroups.get(key)
            if g is None:
                rowgroups[key] = len(order)
                order.append([r])
            else:
                order[g].append(r)
        self.row_weight = np.array([w[act_idx[rs]].sum() for rs in order], dtype=float)
        rep = np.array([rs[0] for rs in order], dtype=np.int64)
        self.A = B[rep, :].tocsc() if len(rep) else sparse.csc_matrix((0, len(cols)), dtype=np.int8)
        self.cost = cost[cols].astype(float)
        self.n_rows, self.n_cols = self.A.shape

    @staticmethod
    def _drop_dominated(A_act, cols, cost):
        """Drop a candidate whose set is a strict subset of another's that costs no more.

        Any solution using it can swap to the dominating candidate without losing
        coverage or exceeding the budget, so the optimum is unchanged.
        """
        if cols.size < 2:
            return cols
        M = A_act[:, cols].astype(np.int32).tocsc()
        size = np.diff(M.indptr)
        overlap = (M.T @ M).tocoo()  # overlap[k, o] = |S_k & S_o|
        k, o, v = overlap.row, overlap.col, overlap.data  # candidate k is inside candidate o
        dom = (k != o) & (v == size[k]) & (size[o] > size[k]) & (cost[cols[o]] <= cost[cols[k]])
        dominated = np.zeros(cols.size, dtype=bool)
        dominated[k[dom]] = True
        return cols[~dominated]

    def col_rows(self, k):
        return self.A.indices[self.A.indptr[k]:self.A.indptr[k + 1]]

    def value(self, chosen):
        if len(chosen) == 0 or self.n_rows == 0:
            return 0.0
        cov = np.zeros(self.n_rows, dtype=bool)
        for k in chosen:
            cov[self.col_rows(k)] = True
        return float(self.row_weight[cov].sum())


def _greedy(model):
    """Lazy greedy (gain/cost) + best single affordable candidate. Returns reduced indices."""
    m = model
    covered = np.zeros(m.n_rows, dtype=bool)
    remaining = m.budget
    heap = []

    def ratio(gain, c):
        if c <= 0:
            return math.inf if gain > 0 else 0.0
        return gain / c

    for k in range(m.n_cols):
        g = float(m.row_weight[m.col_rows(k)].sum())
        if g > 0:
            heap.append((-ratio(g, m.cost[k]), k))
    heapq.heapify(heap)
    chosen = []
    total = 0.0
    while heap:
        neg_r, k = heapq.heappop(heap)
        if m.cost[k] > remaining + _EPS:
            continue  # the budget only shrinks: never affordable again
        rows = m.col_rows(k)
        g = float(m.row_weight[rows][~covered[rows]].sum())
        if g <= 0:
            continue
        item = (-ratio(g, m.cost[k]), k)
        if heap and item > heap[0]:
            heapq.heappush(heap, item)  # stale: re-insert with the updated key
            continue
        chosen.append(k)
        covered[rows] = True
        remaining -= m.cost[k]
        total += g
    # best single affordable candidate
    best_k, best_g = -1, 0.0
    for k in range(m.n_cols):
        if m.cost[k] <= m.budget + _EPS:
            g = float(m.row_weight[m.col_rows(k)].sum())
            if g > best_g + _EPS:
                best_k, best_g = k, g
    if best_k >= 0 and best_g > total + _EPS:
        return [best_k], best_g
    return sorted(chosen), total


def _milp_arrays(m):
    """Column-wise constraint matrix of the MILP on the reduced model.

    Variables: x_0..x_{n_cols-1}, y_0..y_{n_rows-1}.
    Rows 0..n_rows-1: y_i - sum x_j <= 0; row n_rows: sum c_j x_j <= B.
    """
    nx, ny = m.n_cols, m.n_rows
    Ax = -m.A.astype(float)  # (ny x nx)
    top = sparse.hstack([Ax, sparse.identity(ny, format="csc")], format="csc")
    budget_row = sparse.csc_matrix(np.concatenate([m.cost, np.zeros(ny)])[None, :])
    return sparse.vstack([top, budget_row], format="csc"), nx, ny


def _exact_highspy(m, time_limit, mip_rel_gap, warm):
    import highspy

    A, nx, ny = _milp_arrays(m)
    n = nx + ny
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = ny + 1
    lp.col_cost_ = np.concatenate([np.zeros(nx), m.row_weight]).astype(float)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.full(ny + 1, -highspy.kHighsInf)
    lp.row_upper_ = np.concatenate([np.zeros(ny), [m.budget]]).astype(float)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = A.indptr.astype(np.int32)
    lp.a_matrix_.index_ = A.indices.astype(np.int32)
    lp.a_matrix_.value_ = A.data.astype(float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * nx + [highspy.HighsVarType.kContinuous] * ny
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    if warm is not None:
        x0 = np.zeros(n)
        x0[list(warm)] = 1.0
        cov = np.zeros(ny, dtype=bool)
        for k in warm:
            cov[m.col_rows(k)] = True
        x0[nx:] = cov.astype(float)
        sol = highspy.HighsSolution()
        sol.col_value = list(x0)
        try:
            h.setSolution(sol)
        except Exception:  # pragma: no cover - warm start is only a hint
            pass
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    optimal = status == highspy.HighsModelStatus.kOptimal
    x = np.asarray(h.getSolution().col_value, dtype=float)
    chosen = [k for k in range(nx) if x.size == n and x[k] > 0.5]
    bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    return chosen, optimal, bound, h.modelStatusToString(status)


def _exact_scipy(m, time_limit, mip_rel_gap):
    from scipy.optimize import Bounds, LinearConstraint, milp

    A, nx, ny = _milp_arrays(m)
    c = -np.concatenate([np.zeros(nx), m.row_weight])
    integrality = np.concatenate([np.ones(nx), np.zeros(ny)])
    cons = LinearConstraint(A, -np.inf, np.concatenate([np.zeros(ny), [m.budget]]))
    res = milp(c, integrality=integrality, bounds=Bounds(0, 1), constraints=cons,
               options={"time_limit": float(time_limit), "mip_rel_gap": float(mip_rel_gap), "disp": False})
    chosen = []
    if res.x is not None:
        chosen = [k for k in range(nx) if res.x[k] > 0.5]
    bound = getattr(res, "mip_dual_bound", None)
    bound = -float(bound) if bound is not None and np.isfinite(bound) else None
    return chosen, res.status == 0, bound, str(res.message)


def _have_highspy():
    try:
        import highspy  # noqa: F401
        return True
    except Exception:
        return False


# --------------------------------------------------------------------------- #
# Public entry point
# --------------------------------------------------------------------------- #
def solve_mclp(
    weights: Sequence[float],
    costs: Sequence[float],
    coverage: Union[Sequence[Sequence[int]], sparse.spmatrix, np.ndarray],
    budget: float,
    already_covered: Optional[Sequence[bool]] = None,
    method: str = "exact",
    time_limit: Optional[float] = None,
    population: Optional[Sequence[float]] = None,
    distances=None,
    mip_rel_gap: float = MIP_REL_GAP,
    solver: str = "auto",
) -> MCLPResult:
    """Select candidate sites maximising newly covered demand within a budget.

    Parameters
    ----------
    weights: demand weight per village (population x optional weight), >= 0.
    costs: cost per candidate (IDR), >= 0.
    coverage: per candidate, the indices of the villages it covers; or a
        scipy.sparse / dense matrix (n_villages x n_candidates).
    budget: total budget (same unit as costs). 0 -> empty solution with a
        warning; < 0 -> :class:`OptimizationInputError`.
    already_covered: bool per village; such villages need nothing and add no gain.
    method: ``"greedy"`` or ``"exact"``.
    time_limit: seconds for the exact solve (default :data:`TIME_LIMIT_S`).
    population: population per village for reporting (defaults to weights).
    distances: optional, to assign each village to its nearest selected
        candidate: a list aligned with ``coverage`` lists, or a matrix with the
        shape of the coverage matrix.
    mip_rel_gap: relative gap at which the exact solve stops.
    solver: ``"auto"`` (highspy if importable else scipy), ``"highspy"``, ``"scipy"``.

    Raises
    ------
    OptimizationInputError: empty/inconsistent input, negative or NaN values,
        negative budget, unknown method.
    InfeasibleBudgetError: budget > 0 but every candidate costs more.
    """
    t0 = time.perf_counter()
    if method not in METHODS:
        raise OptimizationInputError("unknown method '{m}'; use one of: {ok}".format(m=method, ok=", ".join(METHODS)))
    if solver not in ("auto", "highspy", "scipy"):
        raise OptimizationInputError(f"unknown solver '{solver}'; use auto, highspy or scipy")
    w = np.asarray(weights, dtype=float).ravel() if weights is not None else np.zeros(0)
    cost = np.asarray(costs, dtype=float).ravel() if costs is not None else np.zeros(0)
    if w.size == 0:
        raise OptimizationInputError("no demand points (villages): the weights array is empty")
    if cost.size == 0:
        raise OptimizationInputError("no candidate sites: the costs array is empty")
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        bad = int(np.flatnonzero(~np.isfinite(w) | (w < 0))[0])
        raise OptimizationInputError(
            f"demand weights must be finite and >= 0 (village index {bad} has {w[bad]})")
    if np.any(~np.isfinite(cost)) or np.any(cost < 0):
        bad = int(np.flatnonzero(~np.isfinite(cost) | (cost < 0))[0])
        raise OptimizationInputError(
            f"candidate costs must be finite and >= 0 (candidate index {bad} has {cost[bad]})")
    try:
        budget = float(budget)
    except (TypeError, ValueError):
        raise OptimizationInputError(f"budget must be a number, got {budget!r}") from None
    if not np.isfinite(budget):
        raise OptimizationInputError("budget must be a finite number")
    if budget < 0:
        raise OptimizationInputError(f"budget must be >= 0, got {budget:,.0f}")
    n, mcand = w.size, cost.size
    A = coverage_matrix(coverage, n, mcand)
    if already_covered is None:
        done = np.zeros(n, dtype=bool)
    else:
        done = np.asarray(already_covered, dtype=bool).ravel()
        if done.size != n:
            raise OptimizationInputError(
                f"already_covered has {done.size} values but there are {n} villages")
    pop = w if population is None else np.nan_to_num(np.asarray(population, dtype=float).ravel())
    if pop.size != n:
        raise OptimizationInputError(f"population has {pop.size} values but there are {n} villages")
    if time_limit is None:
        time_limit = TIME_LIMIT_S
    warnings = []

    def finish(sel_orig, gap, bound, solver_name, status, model=None):
        sel_orig = sorted(int(j) for j in sel_orig)
        cov = np.zeros(n, dtype=bool)
        for j in sel_orig:
            cov[A.indices[A.indptr[j]:A.indptr[j + 1]]] = True
        newly = cov & ~done
        assignment = _assign(A, sel_orig, newly, distances, coverage)
        return MCLPResult(
            selected=sel_orig,
            objective=float(w[newly].sum()),
            population_covered=float(pop[newly].sum()),
            population_total_covered=float(pop[newly | done].sum()),
            cost_total=float(cost[sel_orig].sum()) if sel_orig else 0.0,
            budget=budget, gap=gap, bound=bound, method=method, solver=solver_name, status=status,
            covered_mask=newly, assignment=assignment, runtime_s=time.perf_counter() - t0, warnings=warnings,
            n_villages_model=model.n_rows if model else 0, n_candidates_model=model.n_cols if model else 0,
        )

    if budget == 0:
        free = np.flatnonzero(cost == 0)
        if free.size == 0:
            warnings.append("Budget is zero: no site can be selected; the solution is empty.")
            return finish([], 0.0 if method == "exact" else None, 0.0 if method == "exact" else None,
                          "none", "empty")
    elif cost.min() > budget + _EPS:
        raise InfeasibleBudgetError(
            f"no candidate site is affordable: the cheapest costs {cost.min():,.0f} but the budget is {budget:,.0f}; "
            "raise the budget or add cheaper candidates")

    active = (~done) & (w > 0)
    model = _Model(A, w, cost, budget, active)
    if model.n_rows == 0 or model.n_cols == 0:
        warnings.append("No affordable candidate covers any village that still needs coverage; "
                        "the solution is empty.")
        return finish([], 0.0 if method == "exact" else None, 0.0 if method == "exact" else None,
                      "none", "empty", model)

    g_sel, g_val = _greedy(model)
    if method == "greedy":
        return finish(model.cols[g_sel], None, None, "greedy", "heuristic", model)

    use_highspy = solver == "highspy" or (solver == "auto" and _have_highspy())
    if use_highspy:
        chosen, optimal, bound, msg = _exact_highspy(model, time_limit, mip_rel_gap, g_sel)
        solver_name = "highspy"
    else:
        chosen, optimal, bound, msg = _exact_scipy(model, time_limit, mip_rel_gap)
        solver_name = "scipy"
    # guard against numerical slack: verify the budget on the original costs
    if chosen and model.cost[chosen].sum() > budget + _EPS * max(1.0, budget):
        chosen, optimal = [], False
    val = model.value(chosen)
    if val < g_val - _EPS * max(1.0, g_val):
        chosen, val = g_sel, g_val
        optimal = False
        warnings.append(f"The exact solver stopped ({msg}) with a solution worse than greedy; "
                        "the greedy solution is returned.")
    if optimal:
        gap, status = 0.0, "optimal"
        bound = val if bound is None else max(val, bound)
        if mip_rel_gap > 0 and bound is not None and val > 0:
            gap = max(0.0, (bound - val) / max(abs(bound), _EPS))
    else:
        status = "time_limit"
        if bound is None:
            bound = float(model.row_weight.sum())
        bound = max(bound, val)
        gap = max(0.0, (bound - val) / max(abs(bound), _EPS))
        warnings.append(f"Time limit of {time_limit:g} s reached before proving optimality; gap {gap:.2%}.")
    return finish(model.cols[chosen], gap, bound, solver_name, status, model)


def _assign(A, selected, newly, distances, coverage=None):
    """Per village: the selected candidate serving it (nearest if distances, else lowest index)."""
    n = A.shape[0]
    assignment = np.full(n, -1, dtype=np.int64)
    best = np.full(n, np.inf)
    dist_mat = None
    if distances is not None and (sparse.issparse(distances) or isinstance(distances, np.ndarray)
                                  and distances.ndim == 2 and distances.dtype != object):
        dist_mat = sparse.csc_matrix(distances) if sparse.issparse(distances) else np.asarray(distances, float)
    for j in selected:  # ascending index: strict '<' keeps the lowest index on ties
        rows = A.indices[A.indptr[j]:A.indptr[j + 1]]
        if distances is None:
            d = np.zeros(rows.size)
        elif dist_mat is not None:
            d = (np.asarray(dist_mat[rows, j].todense()).ravel() if sparse.issparse(dist_mat)
                 else dist_mat[rows, j])
        else:
            # list aligned with the caller's coverage lists
            given = np.asarray(list(coverage[j]) if coverage is not None and not sparse.issparse(coverage)
                               else rows, dtype=np.int64)
            dj = np.asarray(distances[j], dtype=float).ravel()
            if dj.size != given.size:
                raise OptimizationInputError(
                    f"distances of candidate {j} have {dj.size} values but its coverage set has {given.size}")
            rows, d = given, dj
        better = newly[rows] & (d < best[rows])
        assignment[rows[better]] = j
        best[rows[better]] = d[better]
    return assignment


def brute_force_mclp(weights, costs, coverage, budget, already_covered=None):
    """Optimal objective by enumeration of all subsets (tests only; <= ~16 candidates)."""
    w = np.asarray(weights, dtype=float)
    cost = np.asarray(costs, dtype=float)
    A = coverage_matrix(coverage, w.size, cost.size).tocsc()
    done = np.zeros(w.size, bool) if already_covered is None else np.asarray(already_covered, bool)
    m = cost.size
    best, best_set = 0.0, []
    for mask in range(1 << m):
        sel = [j for j in range(m) if mask >> j & 1]
        if cost[sel].sum() > budget + _EPS:
            continue
        cov = np.zeros(w.size, bool)
        for j in sel:
            cov[A.indices[A.indptr[j]:A.indptr[j + 1]]] = True
        v = float(w[cov & ~done].sum())
        if v > best + _EPS:
            best, best_set = v, sel
    return best, best_set
