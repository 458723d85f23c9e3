"""Translated text for the input problems the pure-Python core reports by code (core/numbers.py, core/tabular.py).

The core gives a code and parameters; here they become one sentence in the user's language that names the row
(or feature) and the field, says what was done with the value and how to fix it. Algorithms and pages call
:func:`issue_text`, :func:`table_error_text`, :func:`table_info_text` and :func:`report_issues`.
"""
from __future__ import annotations

import math
from typing import Iterable, Optional

from .core.funding import FundingTableError
from .core.numbers import ERROR, INFO, POPULATION, WARNING, NumberIssue, parse_column
from .core.tabular import TableError, TableInfo
from .i18n import tr, user_locale

MAX_REPORTED = 50


def first_listed(items: Iterable, most: int = 10) -> str:
    """The first ``most`` items, joined by ', ', and ' …' when there are more (a log line that names a few)."""
    items = list(items)
    return ", ".join(str(i) for i in items[:most]) + (" …" if len(items) > most else "")


def fmt_number(value) -> str:
    """A number for a message: whole numbers as plain digits (no separator to misread), else with the decimal
    mark of the user's language."""
    if value is None:
        return "-"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    text = f"{v:.6g}"
    if "e" in text:
        return text
    whole, _, frac = text.partition(".")
    return tr("{whole}.{fraction}").format(whole=whole, fraction=frac)


def _raw(value) -> str:
    if isinstance(value, float):
        return fmt_number(value)
    return str(value)


def _where(issue: NumberIssue, what: str) -> str:
    if issue.row is None:
        return tr("Field {field}").format(field=issue.field or "-")
    return tr("{what} {row}, field {field}").format(what=what, row=issue.row, field=issue.field or "-")


def _basis(issue: NumberIssue, what: str) -> str:
    p = issue.params
    if p.get("basis") == "column":  # ``what``: a row of a table, a feature of a layer
        return tr("the column also holds '{raw}' ({what} {row}), which fixes its decimal mark").format(
            raw=_raw(p.get("evidence_raw")), what=what, row=p.get("evidence_row"))
    if p.get("basis") == "range":
        return tr("only that reading is a plausible value")
    if p.get("basis") == "quantity":
        return tr("the field holds counts or amounts, written with dots between thousands")
    return tr("Indonesian data write a dot between thousands and a decimal comma")


def issue_parts(issue: NumberIssue, what: Optional[str] = None) -> tuple:
    """``(message, fix)``: where and what is wrong and what was done with the value; how to fix it."""
    what = what or tr("row")
    where = _where(issue, what)
    raw, value, p = _raw(issue.raw), fmt_number(issue.value), issue.params
    code = issue.code
    if code == "outlier" and not p.get("dropped", True):
        code = "outlier_kept"
    if code == "not_a_number":
        return (tr("{where}: '{raw}' is not a number; the value is not used.").format(where=where, raw=raw),
                tr("write digits only, e.g. 1.500.000, 2,5 or 2,5e9."))
    if code == "not_finite":
        return (tr("{where}: '{raw}' is not a finite number; the value is not used.").format(where=where, raw=raw),
                tr("write the real value or leave the cell empty."))
    if code == "negative":
        return (tr("{where}: '{raw}' is negative; the value is not used.").format(where=where, raw=raw),
                tr("correct the value, it cannot be below zero."))
    if code == "zero" and issue.severity == ERROR and p.get("quantity", "cost") == "cost":
        return (tr("{where}: the value is zero, which is not possible here (a cost of zero would make a free "
                   "tower); the value is not used.").format(where=where),
                tr("enter the real value, or leave the cell empty."))
    if code == "zero" and issue.severity == ERROR:
        return (tr("{where}: the value is zero, which is not possible here; the value is not used.").format(
            where=where), tr("enter the real value, or leave the cell empty."))
    if code == "zero":
        return (tr("{where}: the value is zero and is used as zero.").format(where=where),
                tr("check it; leave the cell empty if the value is not known."))
    if code == "out_of_range":
        return (tr("{where}: {value} is outside the plausible range {lo} to {hi}; the value is not used.").format(
            where=where, value=value, lo=fmt_number(p.get("lo")), hi=fmt_number(p.get("hi"))),
            tr("check the value and its unit."))
    if code in ("outlier", "outlier_kept"):
        ctx = {"where": where, "value": value, "low": fmt_number(round(p.get("low", 0))),
               "high": fmt_number(round(p.get("high", 0))), "median": fmt_number(round(p.get("median", 0)))}
        if code == "outlier":
            return (tr("{where}: {value} is far beyond the other values of the field ({low} to {high}, median "
                       "{median}); it is treated as missing.").format(**ctx),
                    tr("correct the value (extra digits?)."))
        return (tr("{where}: {value} is far beyond the other values of the field ({low} to {high}, median "
                   "{median}); it is used as it is.").format(**ctx), tr("check the value."))
    if code == "fraction":
        return (tr("{where}: '{raw}' is read as {value}, a count with a fraction.").format(
            where=where, raw=raw, value=value),
            tr("check the value (a decimal comma where a dot between thousands was meant?)."))
    if code == "ambiguous":
        rows = ", ".join(str(r) for r in p.get("rows", []))
        if p.get("count", 0) > len(p.get("rows", [])):
            rows += ", …"
        reading = tr("thousands") if p.get("reading") == "thousands" else tr("a decimal")
        return (tr("{where}: {n} value(s) such as '{raw}' ({what} {rows}) could be thousands or a decimal; read "
                   "as {reading} ('{raw}' = {value}) because {basis}.").format(
            where=where, n=p.get("count", 0), raw=raw, what=what, rows=rows, reading=reading, value=value,
            basis=_basis(issue, what)),
            tr("if that is wrong, write the values without doubt, e.g. 1234 or 1,234."))
    if code == "mixed_separators":
        return (tr("{where}: {c} value(s) use a decimal comma (e.g. '{craw}', {what} {crow}) and {p} a decimal "
                   "point (e.g. '{praw}', {what} {prow}); values that could be either are read with the "
                   "decimal {used}.").format(
            where=where, c=p.get("comma_rows"), craw=_raw(p.get("comma_raw")), crow=p.get("comma_row"),
            p=p.get("point_rows"), praw=_raw(p.get("point_raw")), prow=p.get("point_row"), what=what,
            used=tr("comma") if p.get("used") == "," else tr("point")),
            tr("use one convention in the field."))
    return (tr("{where}: '{raw}' cannot be used ({code}).").format(where=where, raw=raw, code=code), "")


def issue_text(issue: NumberIssue, what: Optional[str] = None) -> str:
    """One sentence: where, what is wrong, what was done with the value, and the fix."""
    message, fix = issue_parts(issue, what)
    return tr("{message} Fix: {fix}").format(message=message, fix=fix) if fix else message


def report_issues(feedback, issues: Iterable[NumberIssue], what: Optional[str] = None,
                  limit: int = MAX_REPORTED) -> list:
    """Send issues to a Processing feedback (errors as errors, warnings as warnings, decisions as info), at most
    ``limit`` of them plus a count of the rest. Returns the texts sent."""
    issues = list(issues)
    texts = []
    for issue in issues[:limit]:
        text = issue_text(issue, what)
        texts.append(text)
        if feedback is None:
            continue
        if issue.severity == ERROR:
            feedback.reportError(text, False)
        elif issue.severity == WARNING:
            feedback.pushWarning(text)
        elif issue.severity == INFO:
            feedback.pushInfo(text)
    if len(issues) > limit:
        more = tr("… and {n} more problems with values of the input.").format(n=len(issues) - limit)
        texts.append(more)
        if feedback is not None:
            feedback.pushWarning(more)
    return texts


def table_info_text(info: TableInfo) -> str:
    """What was detected when a file was read (encoding, delimiter, header row, title rows skipped)."""
    if info.kind == "xlsx":
        text = tr("Read sheet '{sheet}': header on row {row}.").format(sheet=info.sheet, row=info.header_row)
    else:
        names = {",": tr("comma"), ";": tr("semicolon"), "\t": tr("tab"), "|": "|"}
        text = tr("Read as CSV: encoding {enc}, delimiter {delim}, header on row {row}.").format(
            enc=info.encoding or "-", delim=names.get(info.delimiter, info.delimiter), row=info.header_row)
    if info.skipped_rows:
        text += " " + tr("Title rows skipped: {rows}.").format(rows=", ".join(str(r) for r in info.skipped_rows))
    return text


def table_error_text(error: TableError) -> str:
    p = error.params
    path = p.get("path") or tr("the text")
    if error.code == "not_found":
        return tr("The file {path} does not exist. Choose an existing CSV or XLSX file.").format(path=path)
    if error.code == "empty_file":
        return tr("The file {path} is empty: it holds no header and no rows. Choose the file with the data, or "
                  "save it again from the spreadsheet.").format(path=path)
    if error.code == "unsupported":
        return tr("{path}: {ext} files cannot be read. Save the sheet as .xlsx or as CSV and choose that "
                  "file.").format(path=path, ext=p.get("ext", ""))
    if error.code == "duplicate_column":
        return tr("{path}: the header (row {row}) has the column '{column}' more than once (columns {columns}), "
                  "so which one to read cannot be known. Rename or delete the extra column and save the file "
                  "again.").format(path=path, row=p.get("row"), column=p.get("column"), columns=p.get("columns"))
    if error.code == "unclosed_quote":
        return tr("{path}, line {line}: a quote (\") opens a cell that never closes, so the rest of the file would "
                  "be read as one cell. Close the quote or remove it, and save the file again.").format(
            path=path, line=p.get("line"))
    if error.code == "no_sheet":
        return tr("{path} has no sheet '{sheet}' (sheets: {sheets}).").format(path=path, sheet=p.get("sheet"),
                                                                              sheets=p.get("sheets", ""))
    return tr("Cannot read {path}: {error}. Save it again as .xlsx or as CSV (UTF-8).").format(
        path=path, error=p.get("error", error.code))


def parse_population(items, rows, field: str, feedback=None, what: Optional[str] = None) -> None:
    """Replace the raw ``population`` of each item (e.g. ``VillageInput``) by the value read from the whole
    column (:data:`core.numbers.POPULATION`), reporting the problems by ``rows`` (feature ids) and ``field``."""
    res = parse_column([it.population for it in items], field, POPULATION, rows=rows)
    for it, value in zip(items, res.values):
        it.population = value
    report_issues(feedback, res.issues, what or tr("feature"))


def funding_read_error_text(path: str, error: Exception) -> str:
    """What to tell the user when :func:`.io.funding_store.read_file` of ``path`` raised ``error`` (the Plan page
    and the roadmap say the same): a missing file, a file that is not a table (an unclosed quote named by its line,
    an empty file, ...), the table's own problems in the user's language, or an unknown file type."""
    if isinstance(error, FileNotFoundError):
        return tr("The funding table file {path} does not exist. Choose an existing CSV, JSON or GeoPackage "
                  "file.").format(path=path)
    if isinstance(error, FundingTableError):
        if error.table_error is not None:
            return table_error_text(error.table_error)
        reason = error.message_id if user_locale() == "id" else error.message_en
    else:
        reason = str(error)
    return tr("Cannot read the funding table {path}: {error}").format(path=path, error=reason)
