"""Values of service reports and status records: dates, periods, yes/no flags, numbers."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from ..coded_error import CodedError
from ..numbers import parse_yes_no
from ..sites import BadValueError, is_blank, parse_number

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


class MonitoringError(CodedError):
    """A monitoring value, row or import is not valid. ``code`` and ``params`` let a front translate it
    (``errors.describe``); a param may itself be a MonitoringError (a column's value error, a conflict's subject)."""

    show = staticmethod(str)  # its params are already quoted texts or nested errors


def parse_datetime(value: object) -> dt.datetime:
    """Date/time from ISO text (``T`` or space, optional seconds, ``/`` allowed), ``DD/MM/YYYY[ HH:MM]``,
    ``7 Desember 2026[ 08.00]`` (a month's Indonesian or English name), a time with ``:`` or ``.`` (Indonesian
    ``08.00``), datetime/date objects or an Excel serial number. Timezone suffixes are dropped (local time): an offset
    (``+08:00``, ``Z``) or a zone's name (``WITA``, ``WIB``, ``WIT``, ``UTC``, ``GMT``)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 < value < 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=float(value))
        raise MonitoringError("not_datetime", value=repr(value))
    s = str(value or "").strip()
    if not s:
        raise MonitoringError("empty_datetime")
    if re.fullmatch(r"\d{5}(?:[.,]\d+)?", s):  # an Excel serial date a CSV holds as text ('46364', '46364,5')
        return parse_datetime(float(s.replace(",", ".")))
    # the zone of a local time ('13:00 WITA', '13:00+08:00', '13:00Z') is dropped; an offset only after a time: the
    # '-2026' of '08-12-2026' was cut off as one (DD-MM-YYYY was rejected, found 2026-12-08)
    s = re.sub(r"\s*\b(?:WITA|WIB|WIT|UTC|GMT)$", "", s, flags=re.IGNORECASE)  # (UTC, GMT too: s40-a)
    s = re.sub(r"(\d[:.]\d{2}(?:\.\d+)?)\s*(?:Z|[+-]\d{2}:?\d{2})$", r"\1", s)
    s = re.sub(r"(?<=\d)Z$", "", s).replace("T", " ").strip()
    # a time as Indonesian writes it too: 08.00, 08.00.30 (and 08:00:30.5)
    time = r"(?:\s+(?:pukul\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?)?$"
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + time, s)
    m2 = None if m else re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + time, s)
    named = None if m or m2 else re.match(r"^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})" + time, s)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
    elif m2:
        d, mo, y, hh, mm, ss = m2.groups()
    elif named and named.group(2).lower()[:3] in MONTH_NAMES:  # '7 Desember 2026 08.00', '7 Des 2026'
        d, mo, y, hh, mm, ss = named.groups()
        mo = MONTH_NAMES[mo.lower()[:3]]
    else:
        raise MonitoringError("datetime_format", value=repr(value))
    try:
        return dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError as exc:
        raise MonitoringError("invalid_datetime", value=repr(value), why=str(exc)) from None


def parse_date(value: object) -> dt.date:
    return parse_datetime(value).date()


#: month names by their first three letters, Indonesian and English ('agu'/'agt' Agustus, 'mei' Mei, 'okt' Oktober)
MONTH_NAMES = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
               "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12}


def parse_period(value: object) -> tuple[str, str]:
    """Period -> ``(period, month)``: ``'2025-03'`` -> ('2025-03', '2025-03'); ``'2025-03-14'`` ->
    ('2025-03-14', '2025-03'). Also accepts ``2025/03``, ``03/2025``, ``Okt 2026``, date objects. ValueError
    otherwise."""
    if isinstance(value, (dt.date, dt.datetime)):
        d = value if not isinstance(value, dt.datetime) else value.date()
        return d.isoformat(), d.strftime("%Y-%m")
    s = str(value or "").strip()
    if not s:
        raise MonitoringError("missing_period")
    span = re.split(r"\s+(?:s/?d\.?|sampai|hingga|to|[-\u2013])\s+", s, flags=re.IGNORECASE)
    if len(span) == 2:  # a week's report: '01/11/2026 s/d 07/11/2026' was 'not a month'
        try:
            first, last = parse_date(span[0]), parse_date(span[1])
        except MonitoringError:
            raise MonitoringError("period_format", value=repr(value)) from None
        if last < first or (first.year, first.month) != (last.year, last.month):
            raise MonitoringError("period_span", value=repr(value))
        return first.isoformat(), first.strftime("%Y-%m")
    m = re.match(r"^(\d{4})[-/](\d{1,2})$", s) or None
    named = re.match(r"^([A-Za-z]+)\.?[\s/-]+(\d{4}|\d{2})$", s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
    elif named and named.group(1).lower()[:3] in MONTH_NAMES:  # 'Okt 2026', 'Januari 2026', 'Aug-2026'
        # and Excel's month format 'mmm-yy' as a CSV holds it: 'Nov-26', 'Des-26' (was 'not a month')
        y, mo = int(named.group(2)), MONTH_NAMES[named.group(1).lower()[:3]]
        y += 2000 if y < 100 else 0
    else:
        m = re.match(r"^(\d{1,2})[-/](\d{4})$", s)
        if m:
            y, mo = int(m.group(2)), int(m.group(1))
        else:
            try:
                d = parse_date(value)
            except MonitoringError:  # (it said "use YYYY-MM-DD HH:MM:SS" for a month column)
                raise MonitoringError("period_format", value=repr(value)) from None
            return d.isoformat(), d.strftime("%Y-%m")
    if not 1 <= mo <= 12:
        raise MonitoringError("invalid_month", value=repr(value))
    return f"{y:04d}-{mo:02d}", f"{y:04d}-{mo:02d}"


TRUE_WORDS = {"1", "true", "yes", "y", "ya", "t", "iya", "benar", "x"}
FALSE_WORDS = {"0", "false", "no", "n", "tidak", "f", "tdk", "bukan", "salah", "-"}


def parse_flag(value: object) -> Optional[bool]:
    """True/False of a yes/no cell (core.numbers.parse_yes_no), None when blank; other text is an error."""
    if is_blank(value):
        return None
    flag = parse_yes_no(value, TRUE_WORDS, FALSE_WORDS)
    if flag is None:
        raise MonitoringError("not_yes_no", value=repr(value))
    return flag


def _number(value: object) -> Optional[float]:
    try:
        return parse_number(value)
    except BadValueError:
        raise MonitoringError("not_a_number", value=repr(value)) from None
