"""Village layers for monitoring: the rows the M&E evaluation reads (code, kab/kota, roadmap year, status,
digital cadres trained / planned)."""
from __future__ import annotations

from qgis.core import QgsFeatureRequest
from qgis.PyQt.QtCore import QVariant

from ..core import monitoring as mon

TRAINED_FIELDS = ("cadres_trained", "kader_terlatih", "trained")
TARGET_FIELDS = ("cadres_target", "kader_target", "target_cadres")
KAB_FIELDS = ("nama_kab", "kab", "kabkota", "kode_kab")
CODE_FIELDS = ("kode", "kode_desa", "village_code", "site_id", "code")


def _pick(names, wanted) -> str:
    lower = {n.lower(): n for n in names}
    return next((lower[w] for w in wanted if w in lower), "")


def village_rows(source, status_field: str = "status", code_field: str = "") -> list:
    """Village features -> dicts ``code, kab, year, status`` (the workflow code; ``raw_status`` as written), ``trained,
    target`` and the plan's ``fund_status, existing, prog_connected, capex_idr, opex_idr_year`` (missing values
    None)."""
    names = source.fields().names()
    code_f = code_field or _pick(names, CODE_FIELDS)
    kab_f = _pick(names, KAB_FIELDS)
    year_f = _pick(names, ("year", "tahun"))
    trained_f = _pick(names, TRAINED_FIELDS)
    target_f = _pick(names, TARGET_FIELDS)
    status_f = status_field if status_field in names else ""
    # the plan's columns that say whether the roadmap targets a village (core.monitoring.roadmap_year)
    plan_f = {key: _pick(names, (key,)) for key in ("fund_status", "existing", "prog_connected", "capex_idr",
                                                      "opex_idr_year")}
    rows = []
    def value(feature, name):
        if not name:
            return None
        v = feature[name]
        return None if v is None or (isinstance(v, QVariant) and v.isNull()) or str(v) == "NULL" else v

    for f in source.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)):
        def val(name, feature=f):
            return value(feature, name)
        year = val(year_f)
        try:
            year = int(year) if year is not None else None
        except (TypeError, ValueError):
            year = None
        rows.append({"code": str(val(code_f) or ""), "kab": str(val(kab_f) or ""), "year": year,
                     "status": mon.normalise_status(val(status_f)), "raw_status": str(val(status_f) or "").strip(),
                     "trained": val(trained_f),
                     "target": val(target_f), "has_trained": bool(trained_f), "has_target": bool(target_f),
                     **{key: val(name) for key, name in plan_f.items()}})
    return rows
