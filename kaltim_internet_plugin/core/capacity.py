"""Installation capacity: how many installations crews can finish per year, per technology (optionally per
kab/kota and per provider). The roadmap respects it: a village (or a new BTS with its villages) that does not fit
in a year moves to the next year, with the reason.

An installation is one village connection for fibre, FWA, radio, satellite and co-location, and one tower for a
new BTS (however many villages it serves). Installations count in the year the service starts.

CSV columns: ``year`` (a year, or ``all``), ``tech``, ``kab_code`` (optional, empty = every kab/kota),
``provider`` (optional, empty = every provider), ``max_installations`` (empty = no limit). Every matching row
limits: a village must fit under all of them.

Pure Python (no Qt, no QGIS). Errors carry a ``code`` and ``params`` (``..errors.describe`` gives the text).
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from . import numbers as nb
from .coded_error import CodedError
from .definitions import ALL, ALL_WORDS
from .funding import TECH_KEYS, normalize_tech
from .operator_names import operator_key

COLUMNS = ("year", "tech", "kab_code", "provider", "max_installations")


class CapacityError(CodedError):
    """An installation capacity table or value is not valid (``errors.describe`` gives the text)."""


@dataclass(frozen=True)
class CapacityRow:
    year: Optional[int]          # None = every year
    tech: str
    max_installations: Optional[int]  # None = no limit
    kab_code: str = ""
    provider: str = ""
    source: str = ""

    def matches(self, year: int, tech: str, kab_code: str, provider: str) -> bool:
        return ((self.year is None or self.year == year) and self.tech == tech
                and (not self.kab_code or self.kab_code == kab_code)
                and (not self.provider or operator_key(self.provider) == operator_key(provider)))


# Defaults: installations per year for the whole province. Each carries its source and date.
_PROGRAMME = ("Diskominfo Kaltim free-internet programme: about 716 desa connected under the 2025 package and "
              "672 -> ~802 of 841 desa from Nov 2025 to Jan 2026 (public reports, as summarised in issue #14, "
              "read 2026-12); ")
DEFAULT_ROWS: Tuple[CapacityRow, ...] = (
    CapacityRow(None, "fibre_service", 300, source=_PROGRAMME + "~347 desa on fibre services: planning assumption "
                                                                "300/yr"),
    CapacityRow(None, "fibre", 30, source="Planning assumption (2026-12): a new rural fibre run of a few km needs "
                                          "permits and civil works, about one crew-fortnight each; 30/yr"),
    CapacityRow(None, "fwa", 200, source=_PROGRAMME + "131 desa on Telkomsel Orbit FWA: planning assumption 200/yr"),
    CapacityRow(None, "satellite", 200, source=_PROGRAMME + "110 Starlink sites: planning assumption 200/yr"),
    CapacityRow(None, "radio", 50, source="Planning assumption (2026-12): radio links need a surveyed mast and "
                                          "alignment, about one crew-week each; 50/yr for the province"),
    CapacityRow(None, "colo", 30, source="Planning assumption (2026-12): co-location needs the tower owner's "
                                         "approval and a structural check; 30/yr"),
    CapacityRow(None, "village_package", 200, source=_PROGRAMME + "planning assumption 200/yr"),
    CapacityRow(None, "bts", 20, source="Planning assumption (2026-12): about 2 new 3T towers a month for the "
                                        "province; BAKTI's 4G BTS programme needed ~18 months from contract to "
                                        "the first half of its sites on air (BAKTI/Kominfo reports 2021-2022)"),
)

# months from the roadmap's start (contract) until a new tower is on air
DEFAULT_BTS_LEAD_MONTHS = 12
LEAD_SOURCE = ("BAKTI needed ~18 months from contract to the first half of its 4G BTS on air (BAKTI/Kominfo "
               "reports 2021-2022); default 12 months for a provincial tender of a few towers (assumption, 2026-12)")


def lead_years(months: float) -> int:
    """Whole roadmap years between a tower's build (CAPEX) year and its first year of service."""
    if months is None or not (0 <= float(months) <= 60):
        raise CapacityError("lead_time_bad", value=months)
    return int(-(-int(round(float(months))) // 12))


class CapacityTable:
    def __init__(self, rows: Iterable[CapacityRow] = DEFAULT_ROWS):
        self.rows: List[CapacityRow] = list(rows)
        self.used: Dict[Tuple[int, int], int] = defaultdict(int)  # (row index, year) -> installations

    def limits(self, year: int, tech: str, kab_code: str = "", provider: str = "") -> List[int]:
        return [k for k, r in enumerate(self.rows)
                if r.max_installations is not None and r.matches(year, tech, kab_code, provider)]

    def room(self, year: int, tech: str, kab_code: str = "", provider: str = "") -> Optional[int]:
        """Installations still possible in ``year`` (None = no limit)."""
        rooms = [self.rows[k].max_installations - self.used[(k, year)]
                 for k in self.limits(year, tech, kab_code, provider)]
        return min(rooms) if rooms else None

    def blocking(self, year: int, tech: str, kab_code: str = "", provider: str = "") -> Optional[CapacityRow]:
        for k in self.limits(year, tech, kab_code, provider):
            if self.rows[k].max_installations - self.used[(k, year)] <= 0:
                return self.rows[k]
        return None

    def book(self, year: int, tech: str, kab_code: str = "", provider: str = "") -> None:
        for k in self.limits(year, tech, kab_code, provider):
            self.used[(k, year)] += 1

    def usage(self) -> List[dict]:
        out = []
        for (k, year), n in sorted(self.used.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            r = self.rows[k]
            out.append({"year": year, "tech": r.tech, "kab_code": r.kab_code, "provider": r.provider,
                        "max_installations": r.max_installations, "used": n})
        return out

    # ---- files ---------------------------------------------------------------------------------------------------
    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(COLUMNS + ("source",))
        for r in self.rows:
            w.writerow([ALL if r.year is None else r.year, r.tech, r.kab_code, r.provider,
                        "" if r.max_installations is None else r.max_installations, r.source])
        return buf.getvalue()

    @classmethod
    def from_csv_text(cls, text: str, path: str = "") -> CapacityTable:
        """The table from CSV text (delimiter and header row detected by :mod:`.tabular`)."""
        from . import tabular

        try:
            table = tabular.read_csv_text(text, known_names=CSV_COLUMNS)
        except tabular.TableError:
            raise CapacityError("capacity_empty", path=path) from None
        return cls._from_table(table, path)

    @classmethod
    def from_csv(cls, path: str) -> CapacityTable:
        """The table from a CSV or XLSX file as a spreadsheet saves it (:mod:`.tabular`: encoding, delimiter, title
        rows); row numbers in messages are the spreadsheet's."""
        from . import tabular

        try:
            table = tabular.read_table(path, known_names=CSV_COLUMNS)
        except tabular.TableError as e:
            if e.code == "not_found":
                raise FileNotFoundError(path) from None
            raise CapacityError("capacity_empty", path=path) from None
        return cls._from_table(table, path)

    @classmethod
    def _from_table(cls, table, path: str) -> CapacityTable:
        header = [str(h or "").strip().lower() for h in table.header]
        missing = []  # every column missing, said at once
        for col in ("year", "tech", "max_installations"):
            if col not in header:
                sheet = getattr(table.info, "sheet", "") if getattr(table.info, "kind", "") == "xlsx" else ""
                if sheet:  # only a workbook's first sheet is read: a table on its second one was "no column"
                    missing.append(CapacityError("capacity_missing_column_sheet", column=col, sheet=sheet,
                                                 found=", ".join(h for h in header if h) or "-"))
                else:
                    missing.append(CapacityError("capacity_missing_column", column=col))
        if missing:
            raise CapacityError.of_all(missing)
        if not table.rows:
            raise CapacityError("capacity_empty", path=path)
        # every problem of every row, said at once (was: the first one; the next one at the next run)
        return cls(parse_rows((n, {str(k or "").strip().lower(): _cell_text(v) for k, v in raw.items() if k})
                              for n, raw in table.rows))

    def unknown_kab_codes(self, kab_codes: Iterable[str]) -> List[str]:
        """The ``kab_code`` values of the table that none of ``kab_codes`` (the plan's) is: their rows limit
        nothing."""
        known = {str(k).strip() for k in kab_codes}
        return sorted({r.kab_code for r in self.rows if r.kab_code and r.kab_code not in known})


def _cell_text(value) -> str:
    """A cell as text; a workbook's whole number stored as 100.0 reads '100' (not '1000' once its '.' is read as a
    thousands separator)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


#: the columns of a capacity table (read in any letters)
CSV_COLUMNS = ("year", "tech", "kab_code", "provider", "max_installations", "source")


def parse_row(row: dict, n: int) -> CapacityRow:
    """One CSV row (row number ``n`` as a spreadsheet shows it) -> :class:`CapacityRow`; a CapacityError naming
    every bad value of the row (:meth:`CapacityError.of_all`)."""
    read, problems = _read_row(row, n)
    if problems:
        raise CapacityError.of_all(problems)
    return _row_of(read, row)


def parse_rows(rows: Iterable[Tuple[int, dict]]) -> List[CapacityRow]:
    """The rows ``(n, row)`` (``n`` the row as the user sees it) -> :class:`CapacityRow` s; a CapacityError naming
    every problem of every row, a repeated limit too, in one run (:meth:`CapacityError.of_all`)."""
    out: List[CapacityRow] = []
    problems: List[CapacityError] = []
    seen: Dict[tuple, int] = {}
    for n, row in rows:
        read, found = _read_row(row, n)
        if "year" in read and "tech" in read:
            # 'Telkomsel', 'telkomsel' and 'PT Telkomsel' are one provider (two limits: the smaller held, silently)
            kab, provider = str(row.get("kab_code", "")).strip(), str(row.get("provider", "")).strip()
            key = (read["year"], read["tech"], kab, operator_key(provider))
            if key in seen:  # two limits for one thing: which one holds would depend on the row order
                found.append(CapacityError("capacity_duplicate_row", row=n, first=seen[key],
                                           what=limit_text(read["year"], read["tech"], kab, provider, ALL),
                                           year=read["year"], tech=read["tech"], kab=kab, provider=provider))
            seen.setdefault(key, n)
        problems.extend(found)
        if not found:
            out.append(_row_of(read, row))
    if problems:
        raise CapacityError.of_all(problems)
    return out


def limit_text(year, tech: str, kab: str, provider: str, every_year: str = ALL) -> str:
    """What a limit applies to, as a repeated limit names it: '2027 / fibre / 64.02 / Telkomsel' (``every_year``
    for a limit of every year; an empty kab/kota or provider left out)."""
    return " / ".join(str(x) for x in (every_year if year is None else year, tech, kab, provider) if x)


def _row_of(read: dict, row: dict) -> CapacityRow:
    return CapacityRow(read["year"], read["tech"], read["cap"], row.get("kab_code", ""), row.get("provider", ""),
                       row.get("source", ""))


def _read_row(row: dict, n: int) -> Tuple[dict, List[CapacityError]]:
    """The values of a row that can be read (``year``, ``tech``, ``cap``) and a CapacityError for each one that
    cannot."""
    read: dict = {}
    problems: List[CapacityError] = []
    year_raw = row.get("year", "")
    if year_raw.strip().lower() in ("",) + ALL_WORDS:
        read["year"] = None
    else:
        try:
            number = float(year_raw)
            if not number.is_integer():  # 2027.5 is no year (it was read as 2027, without a word)
                raise ValueError(year_raw)
            year = int(number)
        except (ValueError, OverflowError):
            problems.append(CapacityError("capacity_bad_year", row=n, column="year", value=year_raw, all=ALL))
        else:
            if 2000 <= year <= 2100:
                read["year"] = year
            else:
                problems.append(CapacityError("capacity_year_range", row=n, column="year", value=year_raw,
                                              all=ALL))
    tech = normalize_tech(row.get("tech", ""))
    if tech in TECH_KEYS:
        read["tech"] = tech
    else:
        problems.append(CapacityError("capacity_bad_tech", row=n, column="tech", value=row.get("tech", ""),
                                      allowed=", ".join(TECH_KEYS)))
    raw = row.get("max_installations", "")
    try:  # read as every count ('1.200' is twelve hundred, '20.0' and an XLSX 20.0 are twenty: core.numbers)
        value = nb.parse_number(raw, nb.COUNT)
    except nb.NumberError:
        value = float("nan")
    if value is None:
        read["cap"] = None
    elif not (value >= 0 and value == int(value)):  # (NaN too) '2,5' installations, -3, 'banyak'
        problems.append(CapacityError("capacity_bad_value", row=n, column="max_installations", value=raw))
    else:
        read["cap"] = int(value)
    return read, problems
