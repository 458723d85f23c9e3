"""Candidate sites for new coverage (kaltiminternet:candidates): the pure part.

Offices of uncovered villages, hilltops near them (local DEM maxima with a minimum prominence, found window by
window on a GDAL dataset in a metric CRS) and existing towers near them (co-location). Plain data in, plain data
out: the algorithm transforms points between CRSs and writes the layer.

Pure Python + numpy/scipy/GDAL datasets (no qgis, no Qt, no tr()).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

import numpy as np

from .definitions import is_covered_status
from .numbers import to_float

KIND_PREFIX = {"office": "O", "hilltop": "H", "colo": "C"}


@dataclass
class Candidate:
    kind: str  # office / hilltop / colo
    x: float
    y: float
    cost_idr: float
    elev_m: Optional[float]
    village_code: Optional[str]
    operator: Optional[str]
    height_m: float
    prominence_m: Optional[float] = None


def uncovered_mask(statuses: Optional[Sequence], xy: np.ndarray) -> np.ndarray:
    """True for the villages a candidate is searched for: status other than covered (every village without a
    status column) and a finite office point."""
    n = len(xy)
    if statuses is None:
        mask = np.ones(n, dtype=bool)
    else:
        mask = np.array([not is_covered_status(v) for v in statuses], dtype=bool).reshape(n)
    return mask & np.all(np.isfinite(xy), axis=1)


def cost_items(costs, defaults):
    """(new tower, co-location) cost items: the table's bts_4g_3t; its 'colo' row, else its 4G booster row (the
    defaults' rows where the table has none)."""
    bts = costs.get("bts_4g_3t") or defaults["bts_4g_3t"]
    colo = costs.get("colo") or costs.get("booster_4g") or defaults["booster_4g"]
    return bts, colo


def find_hilltops(z: np.ndarray, valid: np.ndarray, centre_rc, pixel_m: float, radius_m: float,
                  neighbourhood_m: float, min_prominence_m: float, max_count: int):
    """Local maxima of ``z`` within ``radius_m`` of ``centre_rc`` (row, col in the window).

    A cell is a hilltop when it is the highest cell within ``neighbourhood_m`` and stands at least
    ``min_prominence_m`` above the lowest valid cell of that neighbourhood. Plateaus and nearby peaks are
    thinned: peaks are taken highest first and any peak within ``neighbourhood_m`` of a kept one is dropped.
    Returns a list of (row, col, elevation, prominence), highest first (ties: row, col).
    """
    from scipy import ndimage

    k = max(1, int(math.ceil(neighbourhood_m / pixel_m)))
    size = 2 * k + 1
    low = np.where(valid, z, np.inf)
    high = np.where(valid, z, -np.inf)
    zmax = ndimage.maximum_filter(high, size=size, mode="nearest")
    zmin = ndimage.minimum_filter(low, size=size, mode="nearest")
    rr, cc = np.indices(z.shape)
    dist = np.hypot(rr - centre_rc[0], cc - centre_rc[1]) * pixel_m
    prom = high - zmin
    cand = valid & (high >= zmax) & (prom >= min_prominence_m) & (dist <= radius_m)
    idx = np.flatnonzero(cand.ravel())
    if idx.size == 0:
        return []
    r, c = np.unravel_index(idx, z.shape)
    order = np.lexsort((c, r, -high[r, c]))
    kept = []
    for o in order:
        if any(math.hypot(r[o] - kr, c[o] - kc) * pixel_m <= neighbourhood_m for kr, kc, _e, _p in kept):
            continue
        kept.append((int(r[o]), int(c[o]), float(high[r[o], c[o]]), float(prom[r[o], c[o]])))
        if len(kept) >= max_count:
            break
    return kept


def hilltops_near(ds, centres: np.ndarray, codes: Sequence, radius_m: float, neighbourhood_m: float,
                  min_prominence_m: float, per_village: int, progress: Optional[Callable[[float], None]] = None,
                  is_canceled: Optional[Callable[[], bool]] = None) -> List[tuple]:
    """Hilltops around each centre (x, y in the DEM's CRS), reading the DEM (a GDAL dataset) window by window.
    A cell found for two villages is kept once (for the first). Returns (x, y, elevation, prominence, code) in the
    DEM's CRS; ``progress`` gets 0–1."""
    if per_village <= 0 or len(centres) == 0:
        return []
    gt = ds.GetGeoTransform()
    px = abs(gt[1])
    band = ds.GetRasterBand(1)
    nd = band.GetNoDataValue()
    half = int(math.ceil(radius_m / px)) + int(math.ceil(neighbourhood_m / px))
    seen = set()
    out = []
    for k, (x, y) in enumerate(centres):
        if is_canceled is not None and is_canceled():
            break
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        col = int(math.floor((x - gt[0]) / gt[1]))
        row = int(math.floor((y - gt[3]) / gt[5]))
        c0, r0 = max(col - half, 0), max(row - half, 0)
        c1, r1 = min(col + half + 1, ds.RasterXSize), min(row + half + 1, ds.RasterYSize)
        if c1 <= c0 or r1 <= r0:
            continue
        z = band.ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float64)
        valid = np.isfinite(z)
        if nd is not None:
            valid &= z != nd
        if not valid.any():
            continue
        for r, c, e, p in find_hilltops(z, valid, (row - r0, col - c0), px, radius_m, neighbourhood_m,
                                        min_prominence_m, per_village):
            key = (r + r0, c + c0)
            if key in seen:
                continue
            seen.add(key)
            out.append((gt[0] + (key[1] + 0.5) * gt[1], gt[3] + (key[0] + 0.5) * gt[5], e, p, codes[k]))
        if progress is not None and k % 20 == 0:
            progress(k / len(centres))
    return out


def colocation_candidates(village_xy: np.ndarray, village_codes: Sequence, site_xy: np.ndarray, operators: Sequence,
                          heights: Sequence, max_m: float, cost_idr: float, default_height_m: float,
                          elevations: Callable[[np.ndarray], np.ndarray]) -> List[Candidate]:
    """Existing towers within ``max_m`` of an uncovered village (the nearest one's code); a tower without a
    positive height gets ``default_height_m``. ``elevations`` samples the DEM at points (NaN without one)."""
    ok = np.flatnonzero(np.all(np.isfinite(site_xy), axis=1))
    if len(village_xy) == 0 or ok.size == 0:
        return []
    from scipy.spatial import cKDTree

    d, j = cKDTree(village_xy).query(site_xy[ok])
    elev = elevations(site_xy[ok])
    out = []
    for k, s in enumerate(ok):
        if d[k] <= max_m:
            h = to_float(heights[s])
            out.append(Candidate("colo", *site_xy[s], cost_idr, elev[k], village_codes[j[k]], operators[s],
                                 h if math.isfinite(h) and h > 0 else default_height_m))
    return out


def numbered(candidates: Sequence[Candidate]) -> tuple:
    """([(cand_id, candidate)], counts per kind): O0001, H0001, C0001… in the order given."""
    counts = {kind: 0 for kind in KIND_PREFIX}
    out = []
    for c in candidates:
        counts[c.kind] += 1
        out.append((f"{KIND_PREFIX[c.kind]}{counts[c.kind]:04d}", c))
    return out, counts
