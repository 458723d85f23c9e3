"""One way to write numbers for people: the dock, the charts, the layouts, the HTML and the XLSX captions.

Pure Python (no Qt): every function takes the language code, ``"id"`` (Indonesian, the default of the plugin's
users) or ``"en"``. Indonesian groups thousands with ``.`` and writes decimals with ``,`` (``4.123.303 jiwa``,
``24,45 km``, ``Rp 154,5 miliar``); English the other way round (``4,123,303``, ``24.45 km``, ``Rp 154.5 bn``).

    money(1.545e11, "id") -> "Rp 154,5 miliar"      money(1.545e11, "en") -> "Rp 154.5 bn"
    integer(4123303, "id") -> "4.123.303"           decimal(24.45, "id", 2) -> "24,45"
    percent(97.028, "id") -> "97,0%"                distance_km(24.45, "id", 2) -> "24,45 km"
    compact(4.2e6, "id") -> "4,2 jt"                compact(4.2e6, "en") -> "4.2M"
    date("2026-12-05T07:25:05", "id") -> "05-12-2026"   date(..., "id", long=True) -> "5 Desember 2026"
    nice_ticks(0, 92.5e9) -> [0, 20e9, 40e9, 60e9, 80e9, 100e9]

Numbers that are not numbers (``None``, ``""``, NaN) are written as ``""`` (``"–"`` where a table needs a mark is
the caller's choice).
"""
from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import math
import re
from typing import Any, List, Optional

LANGS = ("id", "en")

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
# (factor, Indonesian word, English word): money in words
MONEY_UNITS = ((1e12, "triliun", "tn"), (1e9, "miliar", "bn"), (1e6, "juta", "m"))
# (factor, Indonesian suffix, English suffix): chart labels and axis ticks
COMPACT_UNITS = ((1e12, " T", "tn"), (1e9, " M", "bn"), (1e6, " jt", "M"), (1e3, " rb", "k"))


def lang_code(lang: Any) -> str:
    """``"id"`` for anything Indonesian (``id``, ``id_ID``, ``in``), else ``"en"``."""
    text = str(lang or "").lower()
    return "id" if text[:2] in ("id", "in") else "en"


def _number(value: Any) -> Optional[float]:
    if value is None or isinstance(value, bool):
        return None if value is None else float(value)
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def decimal(value: Any, lang: str, digits: int = 1, strip: bool = False, group: bool = True) -> str:
    """``1234.5 -> "1.234,5"`` (id) / ``"1,234.5"`` (en). ``strip`` drops trailing zeros (``2,50 -> 2,5``)."""
    x = _number(value)
    if x is None:
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    digits = max(0, int(digits))
    # half away from zero on the decimal text people read (24.45 -> 24.5), not on the binary float
    exact = _decimal.Decimal(repr(abs(x))).quantize(_decimal.Decimal(1).scaleb(-digits), _decimal.ROUND_HALF_UP)
    text = f"{exact:.{digits}f}"
    whole, _, frac = text.partition(".")
    if strip:
        frac = frac.rstrip("0")
    thousands, point = (".", ",") if lang_code(lang) == "id" else (",", ".")
    whole = _group(whole, thousands) if group else whole
    negative = x < 0 and any(c != "0" for c in whole + frac)
    return ("-" if negative else "") + whole + (point + frac if frac else "")


def integer(value: Any, lang: str) -> str:
    """``4123303 -> "4.123.303"`` (id) / ``"4,123,303"`` (en); rounds half away from zero."""
    x = _number(value)
    if x is None:
        return ""
    return decimal(math.copysign(math.floor(abs(x) + 0.5), x), lang, 0)


def number(value: Any, lang: str, digits: int = 2) -> str:
    """A measured value with at most ``digits`` decimals and no trailing zeros: ``2.50 -> "2,5"``, ``3.0 -> "3"``."""
    return decimal(value, lang, digits, strip=True)


def about(value: Any, lang: str) -> str:
    """An estimate as people say it: whole from 10 (``13.2 -> "13"``), one decimal below (``1.62 -> "1,6"``), never
    "0" for a positive amount (``0.02 -> "0,1"``)."""
    x = _number(value)
    if x is None:
        return ""
    return integer(x, lang) if x >= 10 else decimal(max(x, 0.1) if x > 0 else x, lang, 1, strip=True)


def percent(value: Any, lang: str, digits: int = 1, of_one: bool = False) -> str:
    """``97.028 -> "97,0%"``; with ``of_one`` the value is a share (``0.97028 -> "97,0%"``)."""
    x = _number(value)
    if x is None:
        return ""
    return decimal(x * 100.0 if of_one else x, lang, digits) + "%"


def _unit(a: float, units, digits: int):
    """The first (factor, Indonesian, English) of ``units`` (largest first) that ``a`` reaches once rounded to
    ``digits`` decimals of that unit; None below the smallest."""
    for unit in units:
        if round(a / unit[0], digits) >= 1:
            return unit
    return None


def money(value: Any, lang: str, digits: int = 1) -> str:
    """Rupiah in words: ``Rp 154,5 miliar`` / ``Rp 154.5 bn``, ``Rp 450 juta`` / ``Rp 450 m``; below a million in
    full (``Rp 650.000``). Trailing zeros are dropped (``Rp 26 miliar``); under 10 units one more decimal is kept
    (``Rp 2,65 miliar``)."""
    x = _number(value)
    if x is None:
        return ""
    lang = lang_code(lang)
    unit = _unit(abs(x), MONEY_UNITS, digits + 1)
    if unit is None:
        return "Rp " + integer(x, lang)
    scaled = abs(x) / unit[0]
    text = decimal(scaled, lang, digits + 1 if scaled < 10 else digits, strip=True)
    sign = "-" if x < 0 and text.strip("0,.") else ""
    return f"Rp {sign}{text} {unit[1] if lang == 'id' else unit[2]}"


def money_full(value: Any, lang: str) -> str:
    """Every rupiah: ``Rp 26.000.000.000`` / ``Rp 26,000,000,000``."""
    x = _number(value)
    return "" if x is None else "Rp " + integer(x, lang)


def compact(value: Any, lang: str, digits: int = 1) -> str:
    """Big numbers for charts: ``4,2 jt`` / ``4.2M``, ``123,2 rb`` / ``123.2k``, ``92,5 M`` / ``92.5bn``."""
    x = _number(value)
    if x is None:
        return ""
    lang = lang_code(lang)
    unit = _unit(abs(x), COMPACT_UNITS, digits)
    if unit is None:
        return number(x, lang, digits)
    return decimal(x / unit[0], lang, digits, strip=True) + (unit[1] if lang == "id" else unit[2])


def distance_km(km: Any, lang: str, digits: int = 1) -> str:
    x = _number(km)
    return "" if x is None else decimal(x, lang, digits) + " km"


def distance_m(metres: Any, lang: str) -> str:
    """``850 -> "850 m"``, ``24450 -> "24,5 km"``."""
    x = _number(metres)
    if x is None:
        return ""
    return integer(x, lang) + " m" if abs(x) < 1000 else distance_km(x / 1000.0, lang, 1)


def dbm(value: Any, lang: str, digits: int = 1) -> str:
    x = _number(value)
    return "" if x is None else decimal(x, lang, digits) + " dBm"


def _as_datetime(value: Any) -> Optional[_dt.datetime]:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if hasattr(value, "toPyDateTime"):  # QDateTime, without importing Qt
        return value.toPyDateTime() if value.isValid() else None
    if hasattr(value, "toPyDate"):  # QDate
        return _as_datetime(value.toPyDate()) if value.isValid() else None
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?", text)
    if not m:
        return None
    y, mo, d, hh, mm, ss = (int(g) if g else 0 for g in m.groups())
    try:
        return _dt.datetime(y, mo, d, hh, mm, ss)
    except ValueError:
        return None


def date(value: Any, lang: str, long: bool = False) -> str:
    """``05-12-2026`` (id, short) / ``5 Desember 2026`` (long); English ``05 Dec 2026`` / ``5 December 2026``.
    Accepts a date, a datetime, a QDate/QDateTime or an ISO text; anything else comes back as text."""
    d = _as_datetime(value)
    if d is None:
        return "" if value is None else str(value)
    lang = lang_code(lang)
    names = MONTHS[lang]
    if long:
        return f"{d.day} {names[d.month - 1]} {d.year}"
    if lang == "id":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    return f"{d.day:02d} {names[d.month - 1][:3]} {d.year}"


def datetime_text(value: Any, lang: str) -> str:
    """``05-12-2026 07:25`` / ``05 Dec 2026 07:25``: the short date and the time to the minute."""
    d = _as_datetime(value)
    if d is None:
        return "" if value is None else str(value)
    return f"{date(d, lang)} {d.hour:02d}:{d.minute:02d}"


# ---- axis ticks ------------------------------------------------------------------------------------------------
def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) giving about ``count`` intervals over ``span``."""
    span = abs(float(span))
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, int(count))
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if mult * power >= raw * (1 - 1e-9):
            return mult * power
    return 10 * power


def nice_ticks(lo: float, hi: float, count: int = 5) -> List[float]:
    """Round tick values covering ``[lo, hi]``: ``nice_ticks(0, 92.5e9) -> [0, 2e10, 4e10, …, 1e11]``."""
    lo, hi = float(lo), float(hi)
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    step = nice_step(hi - lo, count)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    n = int(round((last - first) / step))
    return [_clean(float(first + i * step)) for i in range(n + 1)]


def _clean(x: float) -> float:
    r = round(x, 9)
    return 0.0 if r == 0 else r


def _decimals(x: float) -> int:
    for d in range(0, 4):
        if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)):
            return d
    return 3


def tick_labels(ticks, lang: str) -> List[str]:
    """Labels for a whole axis in one unit and with one number of decimals (for the step): ticks
    ``0, 2e10, 4e10`` -> ``0``, ``20 M``, ``40 M`` (id) / ``0``, ``20bn``, ``40bn`` (en); ``0, 2.5, 5`` -> ``0``,
    ``2,5``, ``5,0``."""
    ticks = [float(t) for t in ticks]
    if not ticks:
        return []
    lang = lang_code(lang)
    top = max(abs(t) for t in ticks)
    factor, suffix = 1.0, ""
    for f, sid, sen in COMPACT_UNITS:
        if top >= f:
            factor, suffix = f, (sid if lang == "id" else sen)
            break
    steps = [abs(b - a) for a, b in zip(ticks, ticks[1:]) if b != a]
    step = min(steps) / factor if steps else 1.0
    digits = _decimals(step)
    out = []
    for t in ticks:
        if abs(t) < 1e-12 * max(1.0, top):
            out.append("0")
        else:
            out.append(decimal(t / factor, lang, digits) + suffix)
    return out


def year_span(first: Any, last: Any) -> str:
    """A span of years as printed: '2026–2030', one year alone '2028' (the report printed '2028–2028')."""
    return str(first) if str(first) == str(last) else f"{first}–{last}"
