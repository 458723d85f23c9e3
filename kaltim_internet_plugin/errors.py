"""One table that turns the core's coded errors into translated text.

``core/`` raises errors that carry a ``code`` and ``params`` (no Qt, no text for people); the fronts (Processing,
dock) call :func:`describe` to get the message in the user's language, with what is wrong, where, and the fix.
"""
from __future__ import annotations

from .i18n import tr


def _table() -> dict:
    # built on each call so that tr() follows the translator installed at that moment
    return {
        # core.coverage_settings
        "bad_model": tr("Unknown propagation model '{value}'. Use one of: {allowed}."),
        "bad_quantity": tr("Unknown signal quantity '{value}'. Use one of: {allowed}."),
        "bad_resolution": tr("Unknown resolution '{value}'. Use one of: {allowed}."),
        "out_of_range": tr("{name} = {value} is outside its valid range {low} to {high}. Enter a value in that "
                           "range."),
        "bad_metadata": tr("The coverage raster's metadata item {name} has the malformed value '{value}'. Run "
                           "'Compute coverage' again to rewrite it."),
        "cannot_open": tr("Cannot open the raster {path} to write its coverage settings. Check that the folder is "
                          "writable."),
        # core.capacity
        "capacity_bad_value": tr("Capacity table, row {row}, column '{column}': '{value}' is not a whole number of "
                                 "installations of 0 or more. Enter a number such as 120 (or leave the cell empty "
                                 "for no limit)."),
        "capacity_bad_year": tr("Capacity table, row {row}, column 'year': '{value}' is not a year. Enter a year such "
                                "as 2027, or 'all' for every year."),
        "capacity_bad_tech": tr("Capacity table, row {row}, column 'tech': unknown technology '{value}'. Use one of: "
                                "{allowed}."),
        "capacity_missing_column": tr("The capacity table has no column '{column}'. Its columns are: year, tech, "
                                      "kab_code (optional), provider (optional), max_installations."),
        "capacity_empty": tr("The capacity table {path} has no rows."),
        "lead_time_bad": tr("The BTS lead time must be between 0 and 60 months (got {value})."),
        # core.programme
        "programme_no_key": tr("The programme status table has no village code column (kode_desa, kode, "
                               "kode_bps) and no village name column (nama_desa, desa); its columns are: {columns}. "
                               "Rename the column holding the Kemendagri code to kode_desa."),
        "programme_no_status": tr("The programme status table has no 'terhubung' (connected yes/no) and no "
                                  "'teknologi' column; its columns are: {columns}. Add one of them."),
        "programme_empty": tr("The programme status table has no rows under its header."),
        "programme_unmatched": tr("'{value}' matches no village of the layer (by code, or by name and "
                                  "kecamatan). Correct the code (Kemendagri, e.g. 64.02.01.2001) {hint}"),
        "programme_duplicate": tr("village {code} is already given in row {first}; this row is ignored. Keep one "
                                  "row per village."),
        "programme_unknown_tech": tr("village {code}: technology '{value}' is not known (fibre service, FWA, "
                                     "satellite, radio); the village counts as connected by an unknown "
                                     "technology."),
        "programme_bad_connected": tr("village {code}: 'terhubung' = '{value}' is neither ya nor tidak; the row is "
                                      "ignored. Write ya or tidak."),
        "programme_bad_fee": tr("village {code}: monthly fee '{value}' is not an amount of rupiah; the default fee "
                                "of its technology is used. Write it as 1.500.000."),
        "programme_bad_date": tr("village {code}: {column} '{value}' is not a date; write dd-mm-yyyy."),
        "programme_future_since": tr("village {code}: connected since {date}, after the status date {as_of}. "
                                     "Check the date."),
        "programme_contract_ended": tr("village {code}: the contract ended on {date}, before the status date "
                                       "{as_of}: its renewal is due and is planned in the roadmap's first year."),
    }


def describe(exc: BaseException) -> str:
    """The translated message for a coded core error; ``str(exc)`` for anything else."""
    code = getattr(exc, "code", None)
    template = _table().get(code) if code else None
    if template is None:
        return str(exc)
    params = {k: ("" if v is None else v) for k, v in (getattr(exc, "params", None) or {}).items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{template} ({params})"
