"""Engine sites from a point layer: the coverage algorithm, the dock's probe and the what-if preview read tower
points the same way (per-technology defaults for missing height, frequency and EIRP)."""
from __future__ import annotations

import math

from qgis.core import QgsWkbTypes

from ..core.numbers import plain, to_float
from ..core.profile import NamedSite
from ..core.sites import GHZ_BELOW_MHZ, PLAUSIBLE, TECH_DEFAULTS, implausible_radio, normalise_tech
from ..i18n import tr

DEFAULT_TECH = "4G"
SITE_FIELDS = ("site_id", "height_m", "freq_mhz", "eirp_dbm", "tech", "operator")
__all__ = ["PLAUSIBLE", "SITE_FIELDS", "implausible_text", "radio_values", "sites_from_features"]


def _plain(value):
    """QVariant NULL / None / NaN / '' -> None, else the value (core.numbers.plain)."""
    value = plain(value)
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _value(value):
    """None for a missing value (NULL, empty, NaN); the number (core.numbers: '35', '2,5', '1.800' read as in every
    other tool); else the text as written (not a number)."""
    raw = _plain(value)
    if raw is None:
        return None
    v = to_float(raw)
    return v if math.isfinite(v) else str(raw).strip()


def radio_values(height, freq, eirp) -> tuple:
    """``(height_m, freq_mhz, eirp_dbm, implausible)`` of a site's raw attribute values, read as every tool reads
    them: a missing (NULL, empty) value is None (the caller's default); a frequency above 0 and below 30 is in GHz;
    ``implausible`` lists the ``(field, value)`` that cannot be used: outside ``core.sites.PLAUSIBLE`` (a height or
    frequency of 0 or below too) or not a number (the value is then the text), which are None among the values."""
    values = {"height_m": _value(height), "freq_mhz": _value(freq), "eirp_dbm": _value(eirp)}
    f = values["freq_mhz"]
    if isinstance(f, float) and 0 < f < GHZ_BELOW_MHZ:  # given in GHz
        values["freq_mhz"] = f * 1000.0
    text = [(name, v) for name, v in values.items() if isinstance(v, str)]
    numbers = {name: (v if not isinstance(v, str) else None) for name, v in values.items()}
    bad = text + implausible_radio(**numbers)
    for name, _v in bad:
        numbers[name] = None
    return numbers["height_m"], numbers["freq_mhz"], numbers["eirp_dbm"], sorted(
        bad, key=lambda b: tuple(values).index(b[0]))


def implausible_text(implausible, layer: str) -> str:
    """The refusal of the sites ``implausible`` ((site id, field, value) of a site layer's values outside
    ``PLAUSIBLE``, or their text when it is not a number) of the layer ``layer`` (a parameter name): the first ten
    with their valid range, and the fix."""
    def one(sid, name, value):
        if isinstance(value, str):
            return tr("site {id}: {field} = '{value}' is not a number (valid {lo:g} to {hi:g})").format(
                id=sid, field=name, value=value, lo=PLAUSIBLE[name][0], hi=PLAUSIBLE[name][1])
        return tr("site {id}: {field} = {value:g} (valid {lo:g} to {hi:g})").format(
            id=sid, field=name, value=value, lo=PLAUSIBLE[name][0], hi=PLAUSIBLE[name][1])

    shown = "; ".join(one(*item) for item in implausible[:10])
    return tr("{n} site value(s) of {layer} are physically implausible and would give a wrong coverage: {list}. "
              "Correct them in the layer (height in metres above ground, frequency in MHz, EIRP in dBm), or leave "
              "the cell empty to use the default.").format(n=len(implausible), layer=layer, list=shown)


def field_index(fields, name: str) -> int:
    """Index of the field called ``name`` (case-insensitive), -1 if absent."""
    for i, f in enumerate(fields):
        if f.name().lower() == name:
            return i
    return -1


def sites_from_features(features, fields, transform=None) -> dict:
    """Engine sites (:class:`NamedSite`, in the transform's destination CRS) from point features.

    Fields used when present (case-insensitive): ``site_id``, ``height_m``, ``freq_mhz``, ``eirp_dbm``,
    ``tech``, ``operator``. A missing (NULL or empty) height, frequency or EIRP takes
    ``core.sites.TECH_DEFAULTS`` of the site's ``tech`` (2G/3G/4G/5G, aliases such as LTE/GSM understood),
    else the 4G defaults. A missing site id becomes ``fid-<feature id>``.
    A height, frequency or EIRP outside :data:`PLAUSIBLE` (0 and below too) or that is not a number is never used:
    the site is left out and listed.
    A line or polygon (a layer of mixed geometry types) is no site: it is left out and listed (a polygon layer
    stopped coverage on a traceback, found 2026-12).
    Returns ``{"sites", "defaulted" (count of sites with at least one default), "no_geometry" (ids),
    "transform_failed" (ids), "implausible" ((id, field, value) of the sites left out), "not_point" (ids of the
    lines and polygons)}``.
    """
    idx = {name: field_index(fields, name) for name in SITE_FIELDS}
    sites, no_geom, failed, implausible, not_point = [], [], [], [], []
    n_default = 0
    for feat in features:
        attrs = feat.attributes()

        def get(name, attrs=attrs):
            i = idx[name]
            return attrs[i] if i >= 0 and i < len(attrs) else None

        sid = _plain(get("site_id"))
        site_id = str(sid) if sid is not None else f"fid-{feat.id()}"
        geom = feat.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            no_geom.append(site_id)
            continue
        if geom.type() != QgsWkbTypes.GeometryType.PointGeometry:  # a line or polygon of a mixed layer
            not_point.append(site_id)
            continue
        if QgsWkbTypes.isMultiType(geom.wkbType()):
            pts = geom.asMultiPoint()
            if not pts:
                no_geom.append(site_id)
                continue
            pt = pts[0]
        else:
            pt = geom.asPoint()
        x, y = pt.x(), pt.y()
        if transform is not None:
            try:
                p = transform.transform(pt)
                x, y = p.x(), p.y()
            except Exception:  # QgsCsException
                failed.append(site_id)
                continue
        tech = normalise_tech(_plain(get("tech"))) or ""
        defaults = TECH_DEFAULTS.get(tech) or TECH_DEFAULTS[DEFAULT_TECH]
        height, freq, eirp, bad = radio_values(get("height_m"), get("freq_mhz"), get("eirp_dbm"))
        if bad:
            implausible.extend((site_id, name, value) for name, value in bad)
            continue
        used_default = height is None or freq is None or eirp is None
        n_default += int(used_default)
        operator = _plain(get("operator"))
        sites.append(NamedSite(
            site_id=site_id, x=float(x), y=float(y),
            height_m=height if height is not None else defaults["height_m"],
            freq_mhz=freq if freq is not None else defaults["freq_mhz"],
            eirp_dbm=eirp if eirp is not None else defaults["eirp_dbm"],
            operator=str(operator) if operator is not None else "", tech=tech, defaulted=used_default))
    return {"sites": sites, "defaulted": n_default, "no_geometry": no_geom, "transform_failed": failed,
            "implausible": implausible, "not_point": not_point}
