"""Multi-criteria priority score for villages (pure python + numpy, no QGIS).

Criteria (key in the weights string -> input fields in ``data``):

``population``  ``population`` (people; more -> higher priority)
``blank_spot``  ``coverage_status`` codes ``covered`` / ``partial`` / ``blank_spot``
                (blank_spot > partial > covered; fixed scale 0 / 0.5 / 1)
``idm``         ``idm`` Indeks Desa Membangun: numeric score or class name
                (more deprived -> higher priority, see :func:`idm_class`)
``facilities``  ``facilities`` count, or ``schools`` + ``health_posts``
                (more public facilities -> higher)
``remoteness``  ``remoteness`` distance in metres to the kab/kota capital or the
                nearest covered area (farther -> higher)
``readiness``   ``readiness`` (numeric), or ``electricity`` (yes/no) and
                ``cadres`` (number of trained cadres, or yes/no); more ready -> higher

Each criterion is normalised to 0..1 (min-max for continuous values, robust to
constant columns; fixed scales for categorical codes).  Single missing values
(None/NaN/empty) are filled with the median of the normalised criterion, so a
gap neither rewards nor penalises a village (a warning reports how many).  A
criterion whose data is missing entirely is skipped with a warning and the
remaining weights are renormalised.  ``priority_score`` is 0..100 and equals the
sum of the per-criterion contributions ``c_<criterion>``.

Errors in the weights string raise :class:`WeightsError` with an English message
naming the bad token (the algorithm layer translates it).  Weights are relative
(``population=3,idm=1`` = ``population=0.75,idm=0.25``): any finite weights from 0
to :data:`MAX_WEIGHT` are rescaled to sum to 1 without overflow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

import numpy as np

from . import numbers
from .coded_error import LoggedCodedError

CRITERIA = ("population", "blank_spot", "idm", "facilities", "remoteness", "readiness")
"""Criterion keys, in output order."""

CRITERION_ALIASES = {
    "pop": "population", "penduduk": "population",
    "coverage": "blank_spot", "coverage_status": "blank_spot", "blankspot": "blank_spot", "status": "blank_spot",
    "idm_status": "idm", "idm_score": "idm",
    "facility": "facilities", "fasilitas": "facilities",
    "remote": "remoteness", "distance": "remoteness", "keterpencilan": "remoteness",
    "ready": "readiness", "kesiapan": "readiness",
}

PRESETS = {
    # Pemerataan (equity first): serve the villages that are furthest behind.
    # Lack of signal and IDM deprivation dominate, remoteness adds the villages
    # the market will not reach; population still counts but does not decide.
    "pemerataan": {"population": 0.10, "blank_spot": 0.30, "idm": 0.25, "facilities": 0.10,
                   "remoteness": 0.20, "readiness": 0.05},
    # Efektif biaya (people per rupiah): many people without signal in villages
    # that are ready (electricity, cadres) so the money turns into users quickly.
    # Remoteness gets no weight because remote sites cost more per person.
    "efektif_biaya": {"population": 0.40, "blank_spot": 0.25, "idm": 0.05, "facilities": 0.10,
                      "remoteness": 0.00, "readiness": 0.20},
    # Layanan publik (public services): connect schools and health posts first
    # (e-learning, telemedicine, e-government) where there is no signal.
    "layanan_publik": {"population": 0.15, "blank_spot": 0.20, "idm": 0.10, "facilities": 0.40,
                       "remoteness": 0.05, "readiness": 0.10},
}
"""Weight presets. ``pemerataan`` = equity first; ``efektif_biaya`` = people per
rupiah; ``layanan_publik`` = public services.  The rationale of each is in the
comments above; all sum to 1."""

DEFAULT_PRESET = "pemerataan"

MAX_WEIGHT = 1e308
"""Largest weight accepted (a float holds up to ~1.8e308; 'inf' or '1e309' is refused with this range)."""

# IDM (Indeks Desa Membangun, Kemendesa PDTT) class thresholds: upper bounds.
IDM_THRESHOLDS = (0.4907, 0.5989, 0.7072, 0.8155)
IDM_CLASSES = ("Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri")
"""Classes from most to least deprived (index 0 = Sangat Tertinggal)."""

COVERAGE_SCALE = {"covered": 0.0, "partial": 0.5, "blank_spot": 1.0}
_COVERAGE_ALIASES = {
    "covered": "covered", "tercakup": "covered", "terlayani": "covered", "ada sinyal": "covered",
    "partial": "partial", "sebagian": "partial", "sinyal lemah": "partial", "weak": "partial",
    "blank_spot": "blank_spot", "blank spot": "blank_spot", "blankspot": "blank_spot",
    "tidak ada sinyal": "blank_spot", "no signal": "blank_spot", "uncovered": "blank_spot",
}
_YES = {"yes", "y", "ya", "true", "t", "ada", "1", "1.0"}
_NO = {"no", "n", "tidak", "tdk", "false", "f", "tidak ada", "0", "0.0"}


class WeightsError(LoggedCodedError):
    """Invalid weights (the English message names the bad token); ``code`` and ``params`` let a front say it in the
    user's language (errors.describe): 'weights_not_pair' (token, presets, criteria), 'weights_no_equals' (token),
    'weights_unknown_criterion' (name, criteria), 'weights_twice' (name), 'weights_not_number' (name, value; also
    'nan'), 'weights_negative' (name), 'out_of_range' (name, value, low, high: 'inf' or above :data:`MAX_WEIGHT`),
    'weights_all_zero'."""


@dataclass
class PriorityResult:
    """Output of :func:`compute_priority` (arrays have one value per village)."""

    priority_score: np.ndarray
    priority_rank: np.ndarray
    contributions: dict  # 'c_<criterion>' -> array; sums to priority_score
    weights_used: dict  # criterion -> renormalised weight actually applied (0 if skipped)
    normalised: dict  # criterion -> 0..1 array (after filling gaps)
    warnings: list = field(default_factory=list)
    # core.numbers.NumberIssue of the numeric inputs; every row number (``row`` and the row numbers in ``params``)
    # is the village's label from compute_priority(rows=...) (default: its index), ``field`` = data key
    issues: list = field(default_factory=list)

    def fields(self):
        """Flat dict of output fields: priority_score, priority_rank, c_<criterion>..."""
        out = {"priority_score": self.priority_score, "priority_rank": self.priority_rank}
        out.update(self.contributions)
        return out


# --------------------------------------------------------------------------- #
# Weights
# --------------------------------------------------------------------------- #
def _canonical(name):
    k = name.strip().lower().replace("-", "_")
    return CRITERION_ALIASES.get(k, k)


def _check_weight(key, value: float, raw, where: str) -> None:
    """Refuse a weight that is NaN, negative, infinite or above :data:`MAX_WEIGHT` (``raw``: as the user wrote it,
    ``where``: the token or criterion for the English message)."""
    if math.isnan(value):
        raise WeightsError(f"weight {where} is not a number ({raw!s})", "weights_not_number", name=key, value=raw)
    if value < 0:
        raise WeightsError(f"weight {where} must be a finite number >= 0", "weights_negative", name=key)
    if value > MAX_WEIGHT:
        raise WeightsError(f"weight {where} is too large: give a finite number from 0 to 1e308 (weights are "
                           "relative)", "out_of_range", name=key, value=raw, low="0", high="1e308")


def _normalised(weights: Mapping[str, float]) -> Optional[dict]:
    """Weights rescaled to sum to 1, every criterion of :data:`CRITERIA` present; None when all are zero. Divides
    by the largest weight first, so weights up to :data:`MAX_WEIGHT` do not overflow the sum."""
    top = max(weights.values(), default=0.0)
    if not top > 0:
        return None
    scaled = {k: weights.get(k, 0.0) / top for k in CRITERIA}
    total = sum(scaled.values())  # 1 <= total <= len(CRITERIA)
    return {k: v / total for k, v in scaled.items()}


def _split_tokens(s):
    """Split on ';' when present (then ',' is a decimal comma), else on ','.

    With ',' as separator a bare digit group right after ``name=number`` is read as
    its decimal part, so ``idm=0,5,population=0,5`` also works.
    """
    if ";" in s:
        return [t.strip() for t in s.split(";") if t.strip()]
    out = []
    for raw in s.split(","):
        t = raw.strip()
        if not t:
            continue
        if t.isdigit() and out and "=" in out[-1] and out[-1].split("=", 1)[1].strip().isdigit():
            out[-1] = out[-1] + "." + t
        else:
            out.append(t)
    return out


def parse_weights(text: Optional[str]) -> dict:
    """Parse ``"population=0.3,blank_spot=0.3,..."`` or a preset name into weights summing to 1.

    Separators ``,`` or ``;`` (decimal commas are accepted); criteria not mentioned get 0.  An empty string or
    None gives the default preset.  Raises :class:`WeightsError` naming the bad token.
    """
    if text is None or not str(text).strip():
        return dict(PRESETS[DEFAULT_PRESET])
    s = str(text).strip()
    if s.lower() in PRESETS:
        return dict(PRESETS[s.lower()])
    weights = {k: 0.0 for k in CRITERIA}
    seen = set()
    for tok in _split_tokens(s):
        if not tok:
            continue
        if "=" not in tok:
            if tok.lower() in PRESETS or "=" not in s:
                raise WeightsError(
                    "'{t}' is not a preset nor a criterion=weight pair; presets: {p}; criteria: {c}".format(
                        t=tok, p=", ".join(PRESETS), c=", ".join(CRITERIA)), "weights_not_pair", token=tok,
                    presets=", ".join(PRESETS), criteria=", ".join(CRITERIA))
            raise WeightsError(f"'{tok}' is missing '=': write criterion=weight, e.g. population=0.3",
                               "weights_no_equals", token=tok)
        name, _, val = tok.partition("=")
        key = _canonical(name)
        if key not in CRITERIA:
            raise WeightsError("unknown criterion '{n}' in '{t}'; valid criteria: {c}".format(
                n=name.strip(), t=tok, c=", ".join(CRITERIA)), "weights_unknown_criterion", name=name.strip(),
                criteria=", ".join(CRITERIA))
        if key in seen:
            raise WeightsError(f"criterion '{key}' is given twice ('{tok}')", "weights_twice", name=key)
        try:
            v = float(val.strip().replace(",", "."))
        except ValueError:
            raise WeightsError(f"weight '{val.strip()}' in '{tok}' is not a number", "weights_not_number",
                               name=key, value=val.strip()) from None
        _check_weight(key, v, val.strip(), f"in '{tok}'")
        weights[key] = v
        seen.add(key)
    normalised = _normalised(weights)
    if normalised is None:
        raise WeightsError(f"all weights are zero in '{s}'; give at least one positive weight", "weights_all_zero")
    return normalised


def format_weights(weights: Mapping[str, float]) -> str:
    """Inverse of :func:`parse_weights` (stable order, 4 decimals)."""
    return ",".join(f"{k}={weights.get(k, 0.0):.4g}" for k in CRITERIA if weights.get(k, 0.0) > 0)


# --------------------------------------------------------------------------- #
# Value conversion
# --------------------------------------------------------------------------- #
def _is_missing(v):
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and not v.strip():
        return True
    try:
        return bool(np.isnan(v))  # numpy scalars
    except (TypeError, ValueError):
        return False


def _to_float(v):
    """One value -> float (NaN when missing or unreadable), read by :func:`core.numbers.to_float`."""
    if isinstance(v, (bool, np.bool_)):
        return float(v)
    return numbers.to_float(v)


def _numeric(values, spec=numbers.ANY, name="", issues=None, rows=None):
    """A column -> float array (NaN = missing or not usable), parsed as one column by
    :func:`core.numbers.parse_column` (ambiguous '1.234' decided by the other values; negatives, outliers
    dropped per ``spec``). The issues go to ``issues``; their row numbers (``row`` and those in ``params``) are
    labels from ``rows`` (e.g. feature ids), or the index in ``values`` when ``rows`` is None."""
    res = numbers.parse_column(values, name, spec, rows=rows, first_row=0)
    if issues is not None:
        issues.extend(res.issues)
    return np.array(res.floats(), dtype=float)


def _yes_no(values):
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if _is_missing(v):
            continue
        if isinstance(v, (bool, np.bool_)):
            out[i] = float(v)
            continue
        s = str(v).strip().lower()
        if s in _YES:
            out[i] = 1.0
        elif s in _NO:
            out[i] = 0.0
        else:
            f = _to_float(v)
            out[i] = math.nan if math.isnan(f) else float(f > 0)
    return out


def idm_class(value) -> Optional[str]:
    """IDM score or class text -> class name (None when missing/unknown).

    Sangat Tertinggal <= 0.4907 < Tertinggal <= 0.5989 < Berkembang <= 0.7072
    < Maju <= 0.8155 < Mandiri.
    """
    idx = idm_class_index(value)
    return None if idx is None else IDM_CLASSES[idx]


def idm_class_index(value) -> Optional[int]:
    """0 = Sangat Tertinggal ... 4 = Mandiri; None when missing/unknown."""
    if _is_missing(value):
        return None
    if isinstance(value, str):
        s = " ".join(value.strip().lower().replace("_", " ").split())
        for i, name in enumerate(IDM_CLASSES):
            if s == name.lower():
                return i
        f = _to_float(value)
        if math.isnan(f):
            return None
        value = f
    f = float(value)
    if math.isnan(f) or not 0.0 <= f <= 1.0:  # an IDM score is 0..1
        return None
    for i, t in enumerate(IDM_THRESHOLDS):
        if f <= t:
            return i
    return len(IDM_THRESHOLDS)


def _minmax(x):
    """Min-max to 0..1 ignoring NaN; constant -> 0 (flag returned)."""
    finite = np.isfinite(x)
    if not finite.any():
        return x, False
    lo, hi = np.min(x[finite]), np.max(x[finite])
    if hi - lo <= 1e-12 * max(1.0, abs(hi)):
        out = np.where(finite, 0.0, np.nan)
        return out, True
    return (x - lo) / (hi - lo), False


def _as_list(values, n=None):
    if values is None:
        return None
    if isinstance(values, np.ndarray):
        return list(values.ravel())
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        return None if n is None else [values] * n
    return list(values)


def _all_missing(values):
    return values is None or len(values) == 0 or all(_is_missing(v) for v in values)


def _raw_criterion(key, data, n, warnings, issues=None, rows=None):
    """Return a 0..1 array (NaN = missing value) for one criterion, or None if no data. ``rows``: the label of
    each village in the issues (see :func:`_numeric`)."""
    def get(name):
        v = _as_list(data.get(name), n)
        if v is not None and len(v) != n:
            raise ValueError(f"field '{name}' has {len(v)} values, expected {n}")
        return None if _all_missing(v) else v

    if key == "population":
        v = get("population")
        if v is None:
            return None
        x = _numeric(v, numbers.POPULATION, "population", issues, rows)
        out, const = _minmax(x)
    elif key == "blank_spot":
        v = get("coverage_status") or get("blank_spot") or get("coverage")
        if v is None:
            return None
        out = np.full(n, np.nan)
        unknown = set()
        for i, s in enumerate(v):
            if _is_missing(s):
                continue
            if isinstance(s, (bool, np.bool_)):  # True = is a blank spot
                out[i] = 1.0 if s else 0.0
                continue
            if not isinstance(s, str):
                f = _to_float(s)
                if not math.isnan(f) and 0 <= f <= 1:  # already a 0..1 deprivation value
                    out[i] = f
                    continue
            code = _COVERAGE_ALIASES.get(str(s).strip().lower())
            if code is None:
                unknown.add(str(s))
            else:
                out[i] = COVERAGE_SCALE[code]
        if unknown:
            warnings.append("blank_spot: unknown coverage status value(s) {u} treated as missing; "
                            "use covered, partial or blank_spot".format(u=", ".join(sorted(unknown)[:5])))
        const = False
    elif key == "idm":
        v = get("idm") or get("idm_status") or get("idm_score")
        if v is None:
            return None
        present = [s for s in v if not _is_missing(s)]
        numeric_only = all(not isinstance(s, str) or not math.isnan(_to_float(s)) for s in present)
        if numeric_only:
            x = _numeric(v, numbers.IDM_SCORE, "idm", issues, rows)
            out, const = _minmax(-x)  # lower score = more deprived = higher priority
        else:
            idx = [idm_class_index(s) for s in v]
            bad = sorted({str(s) for s, i in zip(v, idx) if i is None and not _is_missing(s)})
            if bad:
                warnings.append("idm: unknown IDM value(s) {b} treated as missing; use a score 0..1 or one of "
                                "{c}".format(b=", ".join(bad[:5]), c=", ".join(IDM_CLASSES)))
            out = np.array([np.nan if i is None else (4 - i) / 4.0 for i in idx])
            const = False
    elif key == "facilities":
        v = get("facilities")
        if v is not None:
            x = _numeric(v, numbers.COUNT, "facilities", issues, rows)
        else:
            s, h = get("schools"), get("health_posts")
            if s is None and h is None:
                return None
            parts = [_numeric(p, numbers.COUNT, name, issues, rows) for p, name in ((s, "schools"), (h, "health_posts"))
                     if p is not None]
            stack = np.vstack(parts)
            x = np.where(np.all(np.isnan(stack), axis=0), np.nan, np.nansum(stack, axis=0))
        out, const = _minmax(x)
    elif key == "remoteness":
        v = get("remoteness") or get("distance_m")
        if v is None:
            return None
        x = _numeric(v, numbers.DISTANCE, "remoteness", issues, rows)
        out, const = _minmax(x)
    elif key == "readiness":
        v = get("readiness")
        if v is not None:
            out, const = _minmax(_numeric(v, numbers.ANY, "readiness", issues, rows))
        else:
            e, c = get("electricity"), get("cadres")
            if e is None and c is None:
                return None
            parts = []
            if e is not None:
                parts.append(_yes_no(e))
            if c is not None:
                cv = _yes_no(c) if any(isinstance(s, str) and not _is_missing(s) and
                                       math.isnan(_to_float(s)) for s in c) else \
                    _numeric(c, numbers.COUNT, "cadres", issues, rows)
                cn, _ = _minmax(cv)
                if np.nanmax(cv) == np.nanmin(cv):  # all the same count: 0 cadres -> 0, else 1
                    cn = np.where(np.isnan(cv), np.nan, float(np.nanmax(cv) > 0))
                parts.append(cn)
            stack = np.vstack(parts)
            with np.errstate(all="ignore"):
                cnt = np.sum(~np.isnan(stack), axis=0)
                out = np.where(cnt > 0, np.nansum(stack, axis=0) / np.maximum(cnt, 1), np.nan)
            const = False
    else:  # pragma: no cover
        return None
    if const:
        warnings.append(f"{key}: all villages have the same value; the criterion does not differentiate "
                        "them (contribution 0)")
    return out


# --------------------------------------------------------------------------- #
# Score
# --------------------------------------------------------------------------- #
def compute_priority(
    data: Mapping[str, Sequence],
    weights=None,
    keys: Optional[Sequence] = None,
    n: Optional[int] = None,
    rows: Optional[Sequence] = None,
) -> PriorityResult:
    """Compute ``priority_score`` (0..100), ``priority_rank`` and contributions.

    Parameters
    ----------
    data: field name -> sequence (one value per village); see the module doc for
        the field names of each criterion.  None/NaN allowed per value.
    weights: a weights string / preset name (see :func:`parse_weights`), a dict
        criterion -> weight, or None (default preset ``pemerataan``).
    keys: tie-break key per village (e.g. the village code); ties in score are
        ranked by key ascending, then by input order.
    n: number of villages (default: the length of the first non-empty field).
    rows: the label of each village in ``issues`` (e.g. its feature id): every row number of an issue, its
        ``row`` and those in its ``params`` (rows, first_row, evidence_row, comma_row, point_row), is one of
        these; default: the village's index.

    Never raises for missing data: criteria without data are skipped with a
    warning and the remaining weights renormalised.  Raises
    :class:`WeightsError` for invalid weights and ``ValueError`` for fields of
    inconsistent length.
    """
    warnings = []
    issues = []
    if isinstance(weights, Mapping):
        given = []
        for k, v in weights.items():
            ck = _canonical(str(k))
            if ck not in CRITERIA:
                raise WeightsError("unknown criterion '{k}'; valid criteria: {c}".format(k=k, c=", ".join(CRITERIA)),
                                   "weights_unknown_criterion", name=k, criteria=", ".join(CRITERIA))
            try:
                fv = float(v)
            except (TypeError, ValueError):
                raise WeightsError(f"weight of '{k}' is not a number: {v!r}", "weights_not_number", name=k,
                                   value=v) from None
            _check_weight(k, fv, v, f"of '{k}'")
            given.append((ck, fv))
        top = max((fv for _ck, fv in given), default=0.0)
        w = {}
        for ck, fv in given:  # aliases of one criterion add up; scaled first so that they cannot overflow
            w[ck] = w.get(ck, 0.0) + (fv / top if top > 0 else 0.0)
        w = _normalised(w)
        if w is None:
            raise WeightsError("all weights are zero; give at least one positive weight", "weights_all_zero")
    else:
        w = parse_weights(weights)
    data = dict(data or {})
    if n is None:
        n = 0
        for v in data.values():
            lv = _as_list(v)
            if lv:
                n = len(lv)
                break
    if keys is not None and len(keys) != n:
        raise ValueError(f"keys has {len(keys)} values, expected {n}")
    if rows is not None:
        rows = list(rows)
        if len(rows) != n:
            raise ValueError(f"rows has {len(rows)} values, expected {n}")

    norm = {}
    for k in CRITERIA:
        if w.get(k, 0.0) <= 0:
            continue
        x = _raw_criterion(k, data, n, warnings, issues, rows) if n else None
        if x is None or not np.isfinite(x).any():
            warnings.append(f"{k}: no data; criterion skipped and the other weights renormalised")
            continue
        miss = ~np.isfinite(x)
        if miss.any():
            med = float(np.median(x[~miss]))
            x = np.where(miss, med, x)
            warnings.append(f"{k}: {int(miss.sum())} of {n} values missing, filled with the median "
                            f"({med:.2f} on the 0-1 scale)")
        norm[k] = np.clip(x, 0.0, 1.0)
    total = sum(w[k] for k in norm)
    used = {k: (w[k] / total if k in norm and total > 0 else 0.0) for k in CRITERIA}
    if not norm:
        warnings.append("no criterion has data; all priority scores are 0")
    contributions = {}
    score = np.zeros(n)
    for k in CRITERIA:
        c = 100.0 * used[k] * norm[k] if k in norm else np.zeros(n)
        contributions["c_" + k] = c
        score = score + c
    rank = rank_scores(score, keys)
    return PriorityResult(priority_score=score, priority_rank=rank, contributions=contributions,
                          weights_used=used, normalised=norm, warnings=warnings, issues=issues)


def rank_scores(score, keys=None) -> np.ndarray:
    """Ranks 1..n: score descending (rounded to 1e-9), then key ascending, then input order."""
    score = np.asarray(score, dtype=float)
    n = score.size
    rounded = np.round(np.nan_to_num(score, nan=-np.inf), 9)
    if keys is None:
        order = np.lexsort((np.arange(n), -rounded))
    else:
        key_list = ["" if _is_missing(k) else str(k) for k in keys]
        # rank the keys as strings, then lexsort on integer positions
        kpos = np.empty(n, dtype=np.int64)
        kpos[np.argsort(np.array(key_list, dtype=object), kind="stable")] = np.arange(n)
        order = np.lexsort((np.arange(n), kpos, -rounded))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    return rank
