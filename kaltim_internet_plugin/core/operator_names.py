"""One reading of an operator's name, for every tool that compares operators: the operator packages, tower sharing
and the capacity table's provider limits (core.operators, core.capacity, report.tables).

A plan and a tower table written by different people name one operator in many ways: 'Telkomsel', 'TELKOMSEL ',
'telkomsel', 'PT Telkomsel', 'PT. Telekomunikasi Selular', 'Tsel'. :func:`operator_key` reads them as one: case,
spaces, dots, slashes and hyphens do not count, nor the legal form ('PT', 'Tbk', '(Persero)'), and the known names of
the Indonesian operators (:data:`KNOWN`) are one key each. Sources for the known names: the operators' own names since
the mergers (Indosat Ooredoo + Hutchison 3 Indonesia -> Indosat Ooredoo Hutchison, 2022; XL Axiata renamed PT XLSmart
Telecom Sejahtera Tbk on its merger with Smartfren, April 2025) and the short names used in Kominfo/BAKTI documents.

Smartfren is kept apart from XL: its network and brand go on inside XLSmart, and a package or a sharing candidate
between the two is for the user to decide (write one name for both to put them together).

The user's spelling is never changed in their layers: only the package is named :func:`display_name`.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Dict, Iterable, List

# key -> (the name a package of that operator gets, its other names as :func:`_fold` reads them)
KNOWN: Dict[str, tuple] = {
    "telkomsel": ("Telkomsel", ("telkomsel", "tsel", "telekomunikasi selular", "telkomsel indonesia")),
    "indosat": ("Indosat", ("indosat", "indosat ooredoo", "indosat ooredoo hutchison", "ioh", "isat", "im3",
                            "indosat im3", "ooredoo", "tri", "hutchison 3 indonesia", "h3i")),
    "xl": ("XL", ("xl", "xl axiata", "xlsmart", "xl smart", "xlsmart telecom sejahtera", "axis", "xl axis")),
    "smartfren": ("Smartfren", ("smartfren", "smartfren telecom", "fren")),
    "telkom": ("Telkom", ("telkom", "telkom indonesia", "telekomunikasi indonesia")),
    "bakti": ("BAKTI", ("bakti", "bakti kominfo", "bakti komdigi")),
}
_ALIAS = {alias: key for key, (_name, aliases) in KNOWN.items() for alias in aliases}
_LEGAL = re.compile(r"^(pt|persero)\s+|\s+(tbk|persero)$")


def written(name: Any) -> str:
    """The name as written, its spaces collapsed ('' for None/empty)."""
    return "" if name is None else " ".join(str(name).split())


def _fold(name: Any) -> str:
    text = written(name).casefold()
    text = re.sub(r"[().,/\-]", " ", text)  # ('XL/Axis', 'XL-Axiata': separators, as spaces; found 8 December)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous, text = text, _LEGAL.sub("", text).strip()
    return text


def operator_key(name: Any) -> str:
    """The operator a name means: a :data:`KNOWN` key, else the name folded (case, spaces, dots and legal form
    left out); '' for no name."""
    folded = _fold(name)
    return _ALIAS.get(folded, folded)


def same_operator(a: Any, b: Any) -> bool:
    """Do two names mean one operator (two empty names do)?"""
    return operator_key(a) == operator_key(b)


def display_name(spellings: Iterable[str]) -> str:
    """The name of one operator's package from its spellings (all of one :func:`operator_key`): the one spelling
    when there is one ('XLSmart' stays 'XLSmart'); else the known operator's name, else the spelling most villages
    use (the first in alphabetical order on a tie)."""
    counts = Counter(written(s) for s in spellings if written(s))
    if len(counts) <= 1:
        return next(iter(counts), "")
    key = operator_key(next(iter(counts)))
    if key in KNOWN:
        return KNOWN[key][0]
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def spellings_read_as_one(spellings: Iterable[str]) -> Dict[str, List[str]]:
    """``{package name: [the spellings, sorted]}`` for the operators written in more than one way (so a name read
    as another one is said)."""
    by_key: Dict[str, set] = {}
    for s in spellings:
        if written(s):
            by_key.setdefault(operator_key(s), set()).add(written(s))
    return {display_name(names): sorted(names) for names in by_key.values() if len(names) > 1}
