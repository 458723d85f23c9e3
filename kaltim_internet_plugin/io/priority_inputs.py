"""Priority inputs read from a village layer: the criterion fields found or given, the criteria data of
:func:`core.priority.compute_priority` and the warnings about criteria that cannot be used. Shared by the
``prioritize`` algorithm and the Priority page."""
from __future__ import annotations

import numpy as np

from ..compat import FieldType
from ..core.priority import CRITERIA
from ..core.villages import detect_fields
from ..i18n import tr
from .priority_layers import FIELD_PARAMS, FeatureTable, detect_criterion_fields, find_field, nearest

MISSING = "\x00missing"


def score_fields():
    return [("priority_score", FieldType.Double), ("priority_rank", FieldType.Int)] + \
        [("c_" + k, FieldType.Double) for k in CRITERIA]


def gather_criteria(table: FeatureTable, fields_used: dict, population_field: str, capitals_xy=None,
                    status_field: str = ""):
    """Build the ``data`` mapping of :func:`core.priority.compute_priority` from a feature table.

    ``fields_used``: criterion data key -> field name ('' = absent). Remoteness: distance (m) to the nearest
    capital when ``capitals_xy`` (metric, same CRS as ``table.xy``) is given, else to the nearest village whose
    status is ``covered``. Returns (data, remoteness_source) with remoteness_source 'capitals', 'covered' or ''.
    """
    data = {"population": table.column(population_field) if population_field else None}
    for key, name in fields_used.items():
        data[key] = table.column(name) if name else None
    remote_src = ""
    dist = None
    if capitals_xy is not None and len(capitals_xy):
        dist, _ = nearest(table.xy, capitals_xy)
        remote_src = "capitals"
    elif status_field:
        status = [str(v).strip().lower() if v is not None else "" for v in table.column(status_field)]
        covered = np.array([s in ("covered", "tercakup", "terlayani") for s in status])
        if covered.any():
            dist, _ = nearest(table.xy, table.xy[covered])
            remote_src = "covered"
    if dist is not None:
        data["remoteness"] = [float(d) if np.isfinite(d) else None for d in dist]
    return data, remote_src


def criterion_fields(names, population_param: str = "", given: dict = None) -> tuple:
    """``(population field, criterion fields, warnings)`` from the layer's field ``names``, the population field
    given (empty = detect) and ``given``: parameter name (FIELD_PARAMS) -> field name given by the user. A given
    field that does not exist leaves its criterion without a field (and a warning)."""
    warnings = []
    pop_field = find_field(names, population_param) or detect_fields(names).population
    if population_param and pop_field != population_param and not find_field(names, population_param):
        warnings.append(tr("The population field '{f}' does not exist; using '{g}'.").format(
            f=population_param, g=pop_field or "-"))
    overrides = {}
    for param, key in FIELD_PARAMS:
        field = (given or {}).get(param)
        if field:
            if not find_field(names, field):
                warnings.append(tr("The field '{f}' ({p}) does not exist in the village layer; the criterion that "
                                   "uses it is skipped.").format(f=field, p=param))
                overrides[key] = MISSING
            else:
                overrides[key] = field
    fields_used = detect_criterion_fields(names, overrides)
    for key, field in overrides.items():
        if field == MISSING:
            fields_used[key] = ""
    return pop_field, fields_used, warnings


def missing_criteria(weights: dict, pop_field: str, fields_used: dict) -> tuple:
    """``(criteria without a field, warnings for those that carry weight)``."""
    missing_field_msg = {
        "population": tr("Population is skipped: no population field (POPULATION_FIELD)."),
        "blank_spot": tr("Blank spot is skipped: no coverage status field (STATUS_FIELD); run 'Classify "
                         "villages' first."),
        "idm": tr("IDM is skipped: no IDM field (IDM_FIELD)."),
        "facilities": tr("Facilities are skipped: no schools or health posts field (SCHOOLS_FIELD, "
                         "HEALTH_FIELD)."),
        "readiness": tr("Readiness is skipped: no electricity or cadres field (ELECTRICITY_FIELD, "
                        "CADRES_FIELD)."),
    }
    has_field = {
        "population": bool(pop_field), "blank_spot": bool(fields_used["coverage_status"]),
        "idm": bool(fields_used["idm"]),
        "facilities": bool(fields_used["schools"] or fields_used["health_posts"]),
        "readiness": bool(fields_used["electricity"] or fields_used["cadres"]),
    }
    missing = {k for k, ok in has_field.items() if not ok}
    return missing, [missing_field_msg[k] for k in has_field if k in missing and weights.get(k, 0) > 0]


def fields_used_text(pop_field: str, fields_used: dict) -> str:
    used = {"population": pop_field, "status": fields_used["coverage_status"], "idm": fields_used["idm"],
            "schools": fields_used["schools"], "health": fields_used["health_posts"],
            "electricity": fields_used["electricity"], "cadres": fields_used["cadres"]}
    return ", ".join(f"{k}={v or '-'}" for k, v in used.items())
