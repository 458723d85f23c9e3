"""One covered test for the whole chain: which villages a new site would make *covered*, by classify's rule.

``classifyvillages`` decides covered / partial / blank spot from the coverage raster (share of the village's cells
at or above the threshold, then the office rule). Site selection must ask the same question of a candidate site:
"with this site added to the existing coverage, is the village covered?". :class:`NewSiteTest` holds each
village's cells and office on the coverage raster's grid, with the existing coverage of each cell, and answers it
for a candidate's signal window (computed on the DEM grid by :func:`core.coverage.compute_site_window`).

numpy + GDAL only (no QGIS).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

import numpy as np

from .classify import (
    COVERED_SHARE,
    PARTIAL_SHARE,
    CoverageRaster,
    VillageInput,
    _Rasteriser,
    cell_values,
    status_of,
    village_cells,
)


@dataclass
class _Village:
    x: np.ndarray            # cell centres (raster CRS)
    y: np.ndarray
    covered: np.ndarray      # existing coverage per cell
    office: Optional[tuple]  # (x, y) or None
    office_covered: Optional[bool]
    bbox: tuple              # (minx, maxx, miny, maxy) of the cells and office


class NewSiteTest:
    """Existing coverage of every village on the raster, and the status a new site would give it.

    ``villages``: geometries (WKB) and offices in the raster's CRS, as for :func:`core.classify.classify_villages`.
    ``status[i]`` is classify's status of village ``i`` today (the same rule, the same raster and threshold).
    """

    def __init__(self, raster_path: str, villages: Sequence[VillageInput], threshold_dbm: float,
                 covered_share: float = COVERED_SHARE, partial_share: float = PARTIAL_SHARE,
                 is_canceled: Optional[Callable[[], bool]] = None):
        self.raster = raster = CoverageRaster(raster_path)
        self.threshold = float(threshold_dbm)
        self.covered_share, self.partial_share = covered_share, partial_share
        rast = _Rasteriser(raster.wkt)
        gt = raster.gt
        self.villages: List[_Village] = []
        self.status: List[str] = []
        for v in villages:
            if is_canceled is not None and is_canceled():
                break
            cells = village_cells(raster, rast, v.wkb)
            values, valid = cell_values(raster, cells)
            cov = raster.covered(values, valid, self.threshold)
            xs = gt[0] + (cells.cols + 0.5) * gt[1]
            ys = gt[3] + (cells.rows + 0.5) * gt[5]
            office_cov = None
            if v.office is not None:
                val = raster.value_at(v.office[0], v.office[1])
                office_cov = bool(val is not None and raster.covered(np.array([val]), np.array([True]),
                                                                     self.threshold)[0])
            px = list(xs) + ([v.office[0]] if v.office is not None else [])
            py = list(ys) + ([v.office[1]] if v.office is not None else [])
            bbox = (min(px), max(px), min(py), max(py)) if px else (np.inf, -np.inf, np.inf, -np.inf)
            self.villages.append(_Village(xs, ys, cov, v.office, office_cov, bbox))
            self.status.append(status_of(cov, office_cov, covered_share, partial_share)[0])

    def __len__(self) -> int:
        return len(self.villages)

    def near(self, x: float, y: float, radius: float) -> np.ndarray:
        """Indices of the villages whose cells or office come within ``radius`` of (x, y) (bounding boxes)."""
        out = [i for i, v in enumerate(self.villages)
               if v.bbox[0] - radius <= x <= v.bbox[1] + radius and v.bbox[2] - radius <= y <= v.bbox[3] + radius]
        return np.asarray(out, dtype=np.int64)

    def status_with(self, i: int, values_at: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> str:
        """Classify's status of village ``i`` once a new site whose signal at points (xs, ys) is
        ``values_at(xs, ys)`` (NaN where it does not reach) is added to the existing coverage."""
        v = self.villages[i]
        new = values_at(v.x, v.y)
        ok = np.isfinite(new)
        cov = v.covered | self.raster.covered(np.where(ok, new, 0.0), ok, self.threshold)
        office_cov = v.office_covered
        if v.office is not None and not office_cov:
            o = values_at(np.array([v.office[0]]), np.array([v.office[1]]))
            office_cov = bool(np.isfinite(o[0]) and self.raster.covered(o, np.isfinite(o), self.threshold)[0])
        return status_of(cov, office_cov, self.covered_share, self.partial_share)[0]


def window_sampler(arr: Optional[np.ndarray], offset, dem_gt: tuple) -> Callable[[np.ndarray, np.ndarray],
                                                                                 np.ndarray]:
    """values_at(xs, ys) for a site window ``arr`` whose top-left cell is DEM pixel ``offset`` (points in the DEM's
    CRS; NaN outside the window)."""

    def values_at(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        out = np.full(len(xs), np.nan)
        if arr is None:
            return out
        c = np.floor((np.asarray(xs) - dem_gt[0]) / dem_gt[1]).astype(np.int64) - int(offset[0])
        r = np.floor((np.asarray(ys) - dem_gt[3]) / dem_gt[5]).astype(np.int64) - int(offset[1])
        ok = (c >= 0) & (r >= 0) & (c < arr.shape[1]) & (r < arr.shape[0])
        out[ok] = arr[r[ok], c[ok]]
        return out

    return values_at
