"""Numeric fields of a layer read as whole columns (core.numbers), for algorithms that walk features one by one."""
from __future__ import annotations

from typing import Optional

from ..core.numbers import ERROR, parse_column, plain
from ..i18n import tr
from ..input_text import report_issues
from .layers import source_features


def parse_fields(source, fields: dict, feedback=None, what: Optional[str] = None) -> dict:
    """``fields``: key -> (field name or '', :class:`ColumnSpec`). Reads every feature of ``source`` once and
    parses each field as one column, so '1.234' is read the same way in every feature (decided by the other
    values) and '1.500.000', '2,5e9', 'Rp 1,5 miliar' are numbers. The problems go to ``feedback``, naming the
    feature id and the field. Returns key -> {feature id: float, or the raw text when it is not a usable
    number (so the caller's own message can name it), or None when empty}."""
    wanted = {k: (name, spec) for k, (name, spec) in fields.items() if name}
    raw: dict = {k: [] for k in wanted}
    fids = []
    for f in source_features(source):  # attributes only: no invalid-geometry check
        fids.append(f.id())
        for k, (name, _spec) in wanted.items():
            raw[k].append(plain(f[name]))
    out: dict = {}
    for k, (name, spec) in wanted.items():
        res = parse_column(raw[k], name, spec, rows=fids)
        report_issues(feedback, res.issues, what or tr("feature"))
        bad = {i.row for i in res.issues if i.severity == ERROR}
        out[k] = {fid: (str(r).strip() if fid in bad else v) for fid, r, v in zip(fids, raw[k], res.values)}
    return out
