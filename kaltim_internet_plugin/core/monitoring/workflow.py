"""Deployment status workflow: status codes, labels, allowed transitions and status-record checks."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..sites import is_blank, norm_name
from .parsing import parse_date

STATUSES = ("planned", "surveyed", "contracted", "installed", "active", "disrupted", "migrated")

STATUS_LABELS_ID = {
    "planned": "direncanakan",
    "surveyed": "disurvei",
    "contracted": "dikontrak",
    "installed": "terpasang",
    "active": "aktif",
    "disrupted": "terganggu",
    "migrated": "dimigrasi",
}
STATUS_LABELS_EN = {s: s for s in STATUSES}

ALLOWED_TRANSITIONS: dict[str, frozenset] = {
    "planned": frozenset({"surveyed", "migrated"}),
    "surveyed": frozenset({"contracted", "planned", "migrated"}),
    "contracted": frozenset({"installed", "migrated"}),
    "installed": frozenset({"active", "disrupted", "migrated"}),
    "active": frozenset({"disrupted", "migrated"}),
    "disrupted": frozenset({"active", "migrated"}),
    "migrated": frozenset(),
}

# Statuses that imply the equipment is on site (need an installation date).
INSTALLED_STATUSES = frozenset({"installed", "active", "disrupted"})

DATE_FIELD_SYNONYMS = {
    "installed_date": ("installed_date", "install_date", "installation_date", "tanggal_pasang", "tgl_pasang",
                       "tanggal_instalasi", "date_installed"),
    "survey_date": ("survey_date", "tanggal_survei", "tgl_survei"),
    "contract_date": ("contract_date", "tanggal_kontrak", "tgl_kontrak"),
    "active_date": ("active_date", "on_air_date", "tanggal_aktif", "tgl_aktif"),
}


def normalise_status(value: object) -> Optional[str]:
    """Status code from a code or an Indonesian label (case-insensitive); None if unknown/blank."""
    if is_blank(value):
        return None
    key = str(value).strip().lower()
    if key in STATUS_LABELS_EN:
        return key
    for code, label in STATUS_LABELS_ID.items():
        if key == label:
            return code
    return None


def status_label(code: str, lang: str = "id") -> str:
    return (STATUS_LABELS_ID if lang == "id" else STATUS_LABELS_EN).get(code, code)


def can_transition(old: Optional[str], new: str) -> bool:
    """True if ``old -> new`` is allowed (``old`` None/blank = first status: any status is allowed)."""
    new_code = normalise_status(new)
    if new_code is None:
        return False
    old_code = normalise_status(old)
    if old_code is None:
        return True
    if old_code == new_code:
        return True
    return new_code in ALLOWED_TRANSITIONS[old_code]


def transition_error(old: Optional[str], new: str) -> Optional[str]:
    """Message explaining why ``old -> new`` is not allowed, or None."""
    if normalise_status(new) is None:
        return f"unknown status {new!r} (expected one of {', '.join(STATUSES)})"
    if not is_blank(old) and normalise_status(old) is None:
        return f"unknown current status {old!r}"
    if can_transition(old, new):
        return None
    old_code = normalise_status(old)
    allowed = ", ".join(sorted(ALLOWED_TRANSITIONS[old_code])) or "none (final status)"
    return f"status cannot change from {old_code} to {normalise_status(new)} (allowed: {allowed})"


def validate_status_record(record: dict, today: Optional[dt.date] = None) -> list[str]:
    """Messages for one status record (empty list = valid).

    ``record``: dict with ``status`` and optional date fields (see :data:`DATE_FIELD_SYNONYMS`; any other
    field ending in ``_date`` or starting with ``tanggal``/``tgl`` is checked for the future too).
    Rules: status known; installed/active/disrupted need an installation date; no date in the future;
    survey <= contract <= installation <= activation when given.
    """
    today = today or dt.date.today()
    messages: list[str] = []
    by_norm = {norm_name(k): v for k, v in record.items()}
    status = normalise_status(by_norm.get("status"))
    if status is None:
        messages.append(f"unknown or missing status {by_norm.get('status')!r} "
                        f"(expected one of {', '.join(STATUSES)})")
    dates: dict[str, dt.date] = {}
    for role, synonyms in DATE_FIELD_SYNONYMS.items():
        for syn in synonyms:
            if syn in by_norm and not is_blank(by_norm[syn]):
                try:
                    dates[role] = parse_date(by_norm[syn])
                except ValueError as exc:
                    messages.append(f"{syn}: {exc}")
                    dates[role] = None  # type: ignore[assignment]
                break
    for name, value in by_norm.items():
        if is_blank(value) or not (name.endswith("_date") or name.startswith(("tanggal", "tgl"))):
            continue
        if any(name in syns for syns in DATE_FIELD_SYNONYMS.values()):
            continue
        try:
            dates[name] = parse_date(value)
        except ValueError as exc:
            messages.append(f"{name}: {exc}")
    for name, value in dates.items():
        if value is not None and value > today:
            messages.append(f"{name} {value.isoformat()} lies in the future")
    if status in INSTALLED_STATUSES and not dates.get("installed_date"):
        if "installed_date" not in dates:
            messages.append(f"status {status} ({status_label(status)}) needs an installation date")
    order = ["survey_date", "contract_date", "installed_date", "active_date"]
    known = [(n, dates[n]) for n in order if dates.get(n)]
    for (n1, d1), (n2, d2) in zip(known, known[1:]):
        if d2 < d1:
            messages.append(f"{n2} {d2.isoformat()} is before {n1} {d1.isoformat()}")
    return messages
