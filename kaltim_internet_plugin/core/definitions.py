"""Enumerations shared by the engine, the Processing algorithms and the dock: defined once, in one order.

The order of each tuple is the index a Processing enum parameter stores (saved models and scripts keep it):
append new values at the end, never reorder. Labels (translated) live with the fronts; these are the codes.
"""
from __future__ import annotations

# propagation models of the coverage engine (core.coverage.run_coverage(model=...))
MODELS = ("los", "p526", "hata", "p526_bullington", "itm")
DEFAULT_MODEL = "p526"
LOS_MODELS = ("los",)

# signal quantity of a dBm raster: offset from the total received power, dB.
# RSRP = total received power - 10 log10(12 x resource blocks): 50 RB at 10 MHz, 100 RB at 20 MHz (3GPP TS 36.214)
QUANTITIES = ("total", "rsrp_10mhz", "rsrp_20mhz")
QUANTITY_OFFSETS_DB = {"total": 0.0, "rsrp_10mhz": 27.78, "rsrp_20mhz": 30.79}
DEFAULT_QUANTITY = "rsrp_10mhz"
# the coverage threshold: 4G RSRP at the cell edge, dBm (3GPP / operator planning practice; see the coverage guide)
THRESHOLD_DBM = -110.0

# "every year" / "every technology" in a table cell: the key, and the words read as it (the UI shows "semua")
ALL = "all"
ALL_WORDS = (ALL, "semua")


class RaySpacing(tuple):
    """(angular spacing at the radius, radial sample step) of the p526 ray engine in METRES, not DEM cells: the
    coverage engine turns it into cells of the DEM it reads, so the ray work of a site does not grow with the DEM's
    resolution (issue 18 item 4); never finer than ``min_cells`` (on a coarse DEM, e.g. the 250 m sample, a
    spacing in metres would ask for more rays than the cells can tell apart).  A plain number or (a, r) pair is in
    cells."""

    def __new__(cls, angular_m: float, radial_m: float, min_cells=(1.0, 1.0)):
        self = super().__new__(cls, (float(angular_m), float(radial_m)))
        self.min_cells = (float(min_cells[0]), float(min_cells[1]))
        return self

    def __getnewargs__(self):
        return (self[0], self[1], self.min_cells)

    def cells(self, cell_m: float) -> tuple:
        """The spacing in cells of ``cell_m`` metres, at least ``min_cells``."""
        return tuple(max(lo, round(v / float(cell_m), 6)) for v, lo in zip(self, self.min_cells))

    def __repr__(self):
        return "RaySpacing({:g} m, {:g} m, at least {:g}, {:g} cells)".format(*self, *self.min_cells)


def is_ray_spacing(value) -> bool:
    """True for a :class:`RaySpacing`, also one of another copy of this module (a reloaded plugin, or a second
    checkout loaded beside this one): read by its form, not its class, so it is never mistaken for a spacing in
    cells."""
    return isinstance(value, tuple) and callable(getattr(value, "cells", None)) and hasattr(value, "min_cells")


# resolution of the p526 ray engine: (angular spacing at the radius, radial sample step); 'exact' one DEM cell,
# 'fast' and 'fine' in metres (fast: rays 2 cells apart at the radius and samples every 4 cells of a 90 m DEM, 6 and
# 12 cells of a 30 m one, never finer than 2 and 4 cells; fine: 2 and 2 cells of a 90 m DEM, at least 2 and 2); both
# refine the loss onto receivers every 90 m (or every cell of a coarser DEM)
RESOLUTIONS = ("exact", "fast", "fine")
RAY_STEPS = {"exact": 1.0, "fast": RaySpacing(180.0, 360.0, (2.0, 4.0)), "fine": RaySpacing(180.0, 180.0, (2.0, 2.0))}
DEFAULT_RESOLUTION = "fast"

# site selection methods (core.optimize.solve_mclp(method=...))
METHODS = ("exact", "greedy")
DEFAULT_METHOD = "exact"

# village coverage statuses (core.classify)
STATUSES = ("covered", "partial", "blank_spot")
# status words a village layer may carry for "covered" (classify's code and the Indonesian words)
COVERED_WORDS = ("covered", "tercakup", "terlayani")


def is_covered_status(value) -> bool:
    """A status cell that says the village is covered (None / empty: not covered)."""
    return value is not None and str(value).strip().lower() in COVERED_WORDS

# what a village gets from the plan: new coverage for the whole village, or a connection of its office
NEW_COVERAGE_TECHS = ("bts", "colo")
OFFICE_TECHS = ("fwa", "fibre", "radio", "satellite", "village_package")
