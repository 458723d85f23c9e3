"""The coverage settings that produced a coverage raster, travelling with it.

``coverage`` writes them into the raster's metadata (GDAL default domain, ``KALTIM_*`` items); every later step
(``classifyvillages``, ``candidates``, ``optimizesites``, ``choosetech``, the what-if preview and the probe) reads
them back, so the whole chain tests "covered" with the same model, quantity, clutter margin, threshold, receiver
height, resolution and k. A value given explicitly to a later step overrides the raster's; :meth:`override`
returns the notes that say so, for the log.

Pure Python + GDAL (no Qt, no QGIS).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Dict, List, Optional, Tuple

from . import definitions as d
from .coded_error import CodedError

PREFIX = "KALTIM_COV_"
# items older rasters carry (kept for readers that only know them)
KIND_KEY = "KALTIM_COVERAGE_KIND"
EIRP_OFFSET_KEY = "KALTIM_EIRP_OFFSET_DB"
RAY_STEP_KEY = "KALTIM_RAY_STEP_CELLS"
RAY_STEP_M_KEY = "KALTIM_RAY_STEP_M"


# The valid range of each numeric setting: validate() refuses a value outside, and every Processing parameter of a
# setting (coverage's own, the override group of processing/params.py) takes it as its range, so that the parameter
# check names the parameter before the core sees the value.
RANGES = {"clutter_margin_db": (0.0, 60.0), "threshold_dbm": (-160.0, 0.0), "rx_height_m": (0.0, 200.0),
          "k_factor": (0.1, 10.0), "max_radius_m": (1.0, 200000.0)}


class CoverageSettingsError(CodedError):
    """A settings value is out of its valid range. ``code`` and ``params`` let a front translate it."""


@dataclass(frozen=True)
class CoverageSettings:
    """What a coverage raster means. Defaults are the plan's defaults (the demo's, the dock's)."""

    model: str = d.DEFAULT_MODEL
    quantity: str = d.DEFAULT_QUANTITY
    clutter_margin_db: float = 15.0  # tropical forest foliage at 900-1800 MHz: 10-20 dB (ITU-R P.833); see guide
    threshold_dbm: float = d.THRESHOLD_DBM  # 4G RSRP cell edge
    rx_height_m: float = 1.5  # handset
    resolution: str = d.DEFAULT_RESOLUTION
    k_factor: float = 4.0 / 3.0  # standard atmosphere (ITU-R P.453)
    max_radius_m: float = 30000.0
    # clutter from land cover (core.clutter): the land-cover raster, the class -> clutter table and its SHA-256
    # (12 hex digits); empty = the flat clutter margin everywhere
    land_cover_path: str = ""
    clutter_table_path: str = ""
    clutter_table_sha: str = ""

    # ---- derived -------------------------------------------------------------------------------------------------
    @property
    def is_los(self) -> bool:
        return self.model in d.LOS_MODELS

    @property
    def kind(self) -> str:
        """'los' (a count of sites in line of sight) or 'dbm'."""
        return "los" if self.is_los else "dbm"

    @property
    def uses_land_cover(self) -> bool:
        return bool(self.land_cover_path) and not self.is_los

    @property
    def clutter_use(self) -> str:
        """What gives the clutter: 'flat margin' or 'landcover:<file name> table:<sha>'."""
        if not self.uses_land_cover:
            return "flat margin"
        import os

        return f"landcover:{os.path.basename(self.land_cover_path)} table:{self.clutter_table_sha}"

    @property
    def eirp_offset_db(self) -> float:
        """dB to subtract from a site's EIRP so that the engine's received power is this raster's quantity with
        the flat clutter margin (0 for line of sight). With land cover the clutter is per cell
        (core.clutter.clutter_for, the flat margin only where the land cover has no class), not in this offset."""
        if self.is_los:
            return 0.0
        margin = 0.0 if self.uses_land_cover else max(self.clutter_margin_db, 0.0)
        return d.QUANTITY_OFFSETS_DB[self.quantity] + margin

    @property
    def ray_steps(self):
        return d.RAY_STEPS[self.resolution]

    def validate(self) -> CoverageSettings:
        if self.model not in d.MODELS:
            raise CoverageSettingsError("bad_model", value=self.model, allowed=", ".join(d.MODELS))
        if self.quantity not in d.QUANTITIES:
            raise CoverageSettingsError("bad_quantity", value=self.quantity, allowed=", ".join(d.QUANTITIES))
        if self.resolution not in d.RESOLUTIONS:
            raise CoverageSettingsError("bad_resolution", value=self.resolution, allowed=", ".join(d.RESOLUTIONS))
        for name, (lo, hi) in RANGES.items():
            v = getattr(self, name)
            if not (isinstance(v, (int, float)) and math.isfinite(v) and lo <= v <= hi):
                raise CoverageSettingsError("out_of_range", name=name, value=v, low=lo, high=hi)
        return self

    # ---- metadata ------------------------------------------------------------------------------------------------
    def to_metadata(self) -> Dict[str, str]:
        out = {PREFIX + f.name.upper(): (f"{getattr(self, f.name):.6g}" if isinstance(getattr(self, f.name), float)
                                         else str(getattr(self, f.name))) for f in fields(self)}
        out[KIND_KEY] = self.kind
        out[PREFIX + "CLUTTER"] = self.clutter_use
        if not self.is_los:
            out[EIRP_OFFSET_KEY] = f"{self.eirp_offset_db:.4f}"
        steps = self.ray_steps
        if d.is_ray_spacing(steps):
            # metres: the cells depend on the DEM, core.coverage.run_coverage writes them (KALTIM_RAY_STEP_CELLS)
            out[RAY_STEP_M_KEY] = "{:g},{:g}".format(*steps)
        else:
            steps = steps if isinstance(steps, tuple) else (steps, steps)
            out[RAY_STEP_KEY] = "{:g},{:g}".format(*steps)
        return out

    @classmethod
    def from_metadata(cls, meta: Dict[str, str]) -> Optional[CoverageSettings]:
        """The settings written by :meth:`to_metadata`; None when the metadata has none (an older raster, or a
        raster the plugin did not write). Raises :class:`CoverageSettingsError` for a malformed value."""
        meta = meta or {}
        if not any(k.startswith(PREFIX) for k in meta):
            return None
        values = {}
        for f in fields(cls):
            raw = meta.get(PREFIX + f.name.upper())
            if raw is None:
                continue
            if f.type in ("float", float):
                try:
                    values[f.name] = float(raw)
                except ValueError:
                    raise CoverageSettingsError("bad_metadata", name=PREFIX + f.name.upper(), value=raw) from None
            else:
                values[f.name] = str(raw)
        return cls(**values).validate()

    def write_raster(self, path: str) -> None:
        from osgeo import gdal

        ds = gdal.Open(path, gdal.GA_Update)
        if ds is None:
            raise CoverageSettingsError("cannot_open", path=path)
        for key, value in self.to_metadata().items():
            ds.SetMetadataItem(key, value)
        ds.FlushCache()
        ds = None

    @classmethod
    def read_raster(cls, path: str) -> Optional[CoverageSettings]:
        from osgeo import gdal

        ds = gdal.Open(path)
        if ds is None:
            return None
        meta = ds.GetMetadata() or {}
        ds = None
        return cls.from_metadata(meta)

    # ---- overrides -----------------------------------------------------------------------------------------------
    def override(self, **explicit) -> Tuple[CoverageSettings, List[Tuple[str, object, object]]]:
        """A copy with the explicitly given values (None = not given) and the list of (name, raster value, given
        value) that differ, for the log."""
        changes = {k: v for k, v in explicit.items() if v is not None}
        notes = [(k, getattr(self, k), v) for k, v in changes.items() if getattr(self, k) != v]
        return replace(self, **changes).validate(), notes

    def as_dict(self) -> dict:
        return asdict(self)


DEFAULTS = CoverageSettings()


class ValidityNote(CodedError):  # noqa: N818 - a note for the log, never raised
    """A parameter outside the documented validity range of a model: a note for the log (errors.py says it), not an
    error."""


def validity_notes(model: str, sites, radius: float, rx_height: float) -> List[ValidityNote]:
    """Notes for the sites and settings outside the validity range of ``model`` (sites: ``freq_mhz``, ``height_m``)."""
    out: List[ValidityNote] = []
    if model == "hata":
        freqs = [s.freq_mhz for s in sites if not 150.0 <= s.freq_mhz <= 2000.0]
        if freqs:
            out.append(ValidityNote("validity_hata_freq", n=len(freqs), f=freqs[0]))
        hbs = [s.height_m for s in sites if not 30.0 <= s.height_m <= 200.0]
        if hbs:
            out.append(ValidityNote("validity_hata_height", n=len(hbs), h=hbs[0]))
        if radius > 20000.0:
            out.append(ValidityNote("validity_hata_radius", r=radius))
        if not 1.0 <= rx_height <= 10.0:
            out.append(ValidityNote("validity_hata_rx", h=rx_height))
    if model == "itm":
        out.append(ValidityNote("validity_itm_short"))
        freqs = [s.freq_mhz for s in sites if not 20.0 <= s.freq_mhz <= 20000.0]
        if freqs:
            out.append(ValidityNote("validity_itm_freq", n=len(freqs), f=freqs[0]))
    if model == "p526" and radius > 50000.0:
        out.append(ValidityNote("validity_p526_radius", r=radius))
    return out
