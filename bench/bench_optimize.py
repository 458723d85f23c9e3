"""Benchmark: budgeted MCLP solved by this plugin (exact + greedy) vs spopt's MCLP (PuLP + CBC).

Run from the repository root:

    /usr/bin/python3 bench/bench_optimize.py [--radius-km 10] [--p 40] [--candidates 2000]

Demand points: ``resources/sample/villages.gpkg`` or ``resources/sample/kaltim_sample.gpkg``
(layer ``offices``: office points, field ``population``, any CRS) when one exists; otherwise a deterministic
random set.
Candidates: the demand points themselves plus deterministic jittered points
(~2,000 in total).  Uniform cost (one 3T BTS, Rp 2.6 bn) so that budget = p x cost
and the budgeted problem equals the p-facility MCLP spopt solves.

spopt (+ PuLP/CBC) is a bench-only dependency installed by ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from kaltim_internet_plugin.core.optimize import coverage_from_points, solve_mclp  # noqa: E402

GPKGS = (  # first existing wins; layer 'offices' preferred, then 'villages', then the first layer
    os.path.join(ROOT, "resources", "sample", "villages.gpkg"),
    os.path.join(ROOT, "resources", "sample", "kaltim_sample.gpkg"),
)
ANALYSIS_EPSG = 32750  # WGS 84 / UTM 50S
SITE_COST_IDR = 2_600_000_000.0
SEED = 20250101


def _transformer(src_srs):
    from osgeo import osr

    dst = osr.SpatialReference()
    dst.ImportFromEPSG(ANALYSIS_EPSG)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    src_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(src_srs, dst)


def _lonlat_to_utm(lon, lat):
    try:
        from osgeo import osr

        src = osr.SpatialReference()
        src.ImportFromEPSG(4326)
        ct = _transformer(src)
        pts = ct.TransformPoints(list(zip(lon, lat)))
        return np.array([[p[0], p[1]] for p in pts])
    except ImportError:  # equirectangular approximation, good enough for a benchmark
        lat0 = np.deg2rad(np.mean(lat))
        return np.column_stack([np.asarray(lon) * 111_320.0 * np.cos(lat0), np.asarray(lat) * 110_574.0])


def load_gpkg(path):
    from osgeo import ogr

    ds = ogr.Open(path)
    if ds is None:
        raise RuntimeError("cannot open " + path)
    lyr = ds.GetLayerByName("offices") or ds.GetLayerByName("villages") or ds.GetLayer(0)
    ct = _transformer(lyr.GetSpatialRef().Clone()) if lyr.GetSpatialRef() else None
    xy, pop = [], []
    has_pop = lyr.GetLayerDefn().GetFieldIndex("population") >= 0
    for f in lyr:
        g = f.GetGeometryRef()
        if g is None:
            continue
        g = g.Clone()
        if g.GetGeometryType() not in (ogr.wkbPoint, ogr.wkbPoint25D):
            g = g.PointOnSurface()
        if ct is not None:
            g.Transform(ct)
        xy.append((g.GetX(), g.GetY()))
        v = f.GetField("population") if has_pop else None
        pop.append(float(v) if v is not None else np.nan)
    pop = np.array(pop)
    if np.isnan(pop).all():
        pop = np.full(len(pop), 1000.0)
    pop = np.where(np.isnan(pop), np.nanmedian(pop), pop)
    return np.array(xy), pop, f"{os.path.relpath(path, ROOT)} (layer {lyr.GetName()})"


def load_random(n=1038):
    rng = np.random.default_rng(SEED)
    centres = rng.uniform([300_000, 9_700_000], [700_000, 10_200_000], (60, 2))
    xy = centres[rng.integers(0, 60, n)] + rng.normal(0, 15_000, (n, 2))
    return xy, np.round(rng.lognormal(7.8, 0.7, n)), f"deterministic random set (seed {SEED})"


def load_demand():
    for path in GPKGS:
        if os.path.exists(path):
            try:
                return load_gpkg(path)
            except Exception as e:  # pragma: no cover - falls through to the next source
                print(f"warning: could not read {path}: {e}")
    return load_random()


def make_candidates(xy, total):
    rng = np.random.default_rng(SEED + 1)
    extra = max(0, total - len(xy))
    base = xy[rng.integers(0, len(xy), extra)]
    jitter = rng.normal(0, 6_000, (extra, 2))
    return np.vstack([xy, base + jitter])


def run_spopt(xy, cand, pop, radius_m, p):
    try:
        import pulp
        import spopt  # noqa: F401
        from spopt.locate import MCLP
    except Exception as e:
        print(f"spopt: not available ({e}). Run `make bench` (it installs spopt + PuLP) to compare.")
        return None
    from scipy.spatial.distance import cdist

    t0 = time.perf_counter()
    cost_matrix = cdist(xy, cand)
    t_build = time.perf_counter()
    model = MCLP.from_cost_matrix(cost_matrix, pop, service_radius=radius_m, p_facilities=p, name="bench-mclp")
    model = model.solve(pulp.PULP_CBC_CMD(msg=False))
    t1 = time.perf_counter()
    selected = [j for j in range(cand.shape[0]) if model.fac_vars[j].value() and model.fac_vars[j].value() > 0.5]
    covered = (cost_matrix[:, selected] <= radius_m).any(axis=1) if selected else np.zeros(len(xy), bool)
    return {"objective": float(pop[covered].sum()), "time": t1 - t0, "matrix_time": t_build - t0,
            "n_selected": len(selected), "version": getattr(spopt, "__version__", "?")}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--radius-km", type=float, default=10.0)
    ap.add_argument("--p", type=int, default=40, help="number of sites (budget = p x site cost)")
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--no-spopt", action="store_true")
    args = ap.parse_args(argv)

    xy, pop, source = load_demand()
    cand = make_candidates(xy, args.candidates)
    radius = args.radius_km * 1000.0
    budget = args.p * SITE_COST_IDR
    print(f"demand points : {len(xy)} from {source}")
    print(f"candidates    : {len(cand)}; radius {args.radius_km:g} km; p = {args.p} "
          f"(budget Rp {budget:,.0f} at Rp {SITE_COST_IDR:,.0f} per site)")
    print(f"population    : {pop.sum():,.0f}")

    t0 = time.perf_counter()
    cov = coverage_from_points(xy, cand, radius)
    t_cov = time.perf_counter() - t0
    costs = np.full(len(cand), SITE_COST_IDR)
    g = solve_mclp(pop, costs, cov, budget, method="greedy")
    e = solve_mclp(pop, costs, cov, budget, method="exact", time_limit=args.time_limit)
    ours_time = t_cov + e.runtime_s

    def line(label, obj, k, secs, extra=""):
        print(f"{label:28s}: objective {obj:14,.0f}  sites {k:4d}  {secs:8.2f} s  {extra}".rstrip())

    print()
    print(f"{'coverage sets (cKDTree)':28s}: {t_cov:.2f} s")
    line("ours greedy", g.objective, len(g.selected), g.runtime_s)
    line(f"ours exact ({e.solver})", e.objective, len(e.selected), e.runtime_s,
         f"status {e.status}  gap {e.gap or 0.0:.4%}  (reduced model {e.n_villages_model} x {e.n_candidates_model})")
    for w in e.warnings:
        print("  warning:", w)
    sp = None if args.no_spopt else run_spopt(xy, cand, pop, radius, args.p)
    if sp is not None:
        line(f"spopt {sp['version']} MCLP (CBC)", sp["objective"], sp["n_selected"], sp["time"],
             f"(incl. {sp['matrix_time']:.2f} s dense distance matrix)")
        ref = max(sp["objective"], 1e-9)
        print()
        d_exact = 100.0 * (e.objective - sp["objective"]) / ref
        d_greedy = 100.0 * (g.objective - sp["objective"]) / ref
        print(f"objective difference (ours exact - spopt) / spopt : {d_exact:+.4f} %")
        print(f"objective difference (ours greedy - spopt) / spopt: {d_greedy:+.4f} %")
        print(f"time ratio spopt / ours (coverage + exact)        : {sp['time'] / max(ours_time, 1e-9):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
