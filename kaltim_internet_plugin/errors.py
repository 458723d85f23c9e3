"""One table that turns the core's coded errors into translated text.

``core/`` raises errors that carry a ``code`` and ``params`` (no Qt, no text for people); the fronts (Processing,
dock) call :func:`describe` to get the message in the user's language, with what is wrong, where, and the fix.
"""
from __future__ import annotations

import errno

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
        # core.clutter (land-cover clutter table and raster)
        "clutter_table_missing": tr("The clutter table {path} does not exist. Give a CSV file with the columns class, "
                                    "clutter_height_m, clutter_distance_km, or leave CLUTTER_TABLE empty for the "
                                    "shipped ESA WorldCover table."),
        "clutter_row_cells": tr("Clutter table {path}: row {row} has {cells} cells but the header has {columns}: a "
                                "decimal comma? Write 0.03, or quote the cell (\"0,03\"), or save the table with ';' "
                                "between the cells."),
        "clutter_table_duplicate_column": tr("Clutter table {path}: the column {column} is given twice in the header "
                                             "(row {row}, columns {columns}). Keep one of them."),
        "clutter_table_unclosed_quote": tr("Clutter table {path}: the quote opened on row {row} is never closed. "
                                           "Close it or remove it."),
        "clutter_table_unreadable": tr("Cannot read the clutter table {path} ({error}). Save it as CSV with the "
                                       "columns class, clutter_height_m and clutter_distance_km."),
        "clutter_table_empty": tr("The clutter table {path} has no rows. Add one row per land-cover class."),
        "clutter_table_columns": tr("The clutter table {path} lacks the column(s) {missing}. Its header must hold "
                                    "class, clutter_height_m and clutter_distance_km."),
        "clutter_row_not_number": tr("Clutter table {path}, row {row}, column {column}: '{value}' is not a number. "
                                     "Write a number such as 20 or 0.03."),
        "clutter_row_not_integer": tr("Clutter table {path}, row {row}, column {column}: '{value}' is not a whole "
                                      "class number. Use the land-cover raster's class values (e.g. 10)."),
        "clutter_row_out_of_range": tr("Clutter table {path}, row {row}, column {column}: {value} is outside "
                                       "{low} to {high}. Correct the value."),
        "clutter_row_duplicate": tr("Clutter table {path}, row {row}: class {value} is given twice. Keep one row "
                                    "per class."),
        "clutter_landcover_unreadable": tr("Cannot read the land-cover raster {path}. Check the path and that it is "
                                           "a GDAL raster (e.g. GeoTIFF)."),
        "clutter_table_changed": tr("The clutter table {path} changed since the coverage raster was computed "
                                    "(recorded {expected}, now {found}). Run 'Compute coverage' again so that every "
                                    "step uses the same clutter."),
        # core.whatif (the what-if preview of a planned site)
        "whatif_not_number": tr("Site {site_id}: the {what} '{value}' is not a number. Enter a number in the site's "
                                "form."),
        "whatif_out_of_range": tr("Site {site_id}: the {what} {value} is outside {low} to {high}. Enter a value in "
                                  "that range in the site's form."),
        "whatif_coverage_unreadable": tr("Cannot open the existing coverage raster {path} {reason}. Choose the "
                                         "raster written by 'Compute coverage', or leave it empty."),
        "whatif_dem": tr("The DEM cannot be used for the preview: {error}"),
        "whatif_coverage": tr("The preview could not compute the site's coverage: {error}"),
        "whatif_no_tech": tr("Site {site_id} has no technology: choose 2G, 3G, 4G or 5G in its form. No preview."),
        "whatif_unknown_tech": tr("Site {site_id}: unknown technology '{tech}'. Choose 2G, 3G, 4G or 5G in its "
                                  "form."),
        "whatif_outside": tr("Site {site_id} is outside the DEM: move it onto the terrain model. No preview."),
        # core.sites (a row of a site list that cannot be imported; the row is named by the caller)
        "site_no_coordinates": tr("no coordinates (lon/lat empty): fill in both columns in decimal degrees"),
        "site_coordinates_out_of_range": tr("coordinates out of range (lon {lon}, lat {lat}): write decimal degrees "
                                            "WGS 84{hint}"),
        "site_outside_bbox": tr("outside the province (lon {lon}, lat {lat} not within lon {min_lon} to {max_lon}, "
                                "lat {min_lat} to {max_lat}){hint}"),
        "site_radio_empty": tr("radio empty: write GSM, UMTS, CDMA, LTE or NR"),
        "site_unknown_radio": tr("unknown radio '{value}': write GSM, UMTS, CDMA, LTE or NR"),
        "site_mcc_empty": tr("mcc or net (MNC) empty: fill in the operator's codes (Indonesia: mcc 510)"),
        "site_cell_empty": tr("cell id empty: fill in the cell column"),
        "site_unknown_tech": tr("unknown technology '{value}': write 2G, 3G, 4G or 5G (or GSM, UMTS, LTE, NR)"),
        "site_height_implausible": tr("antenna height {value} m is not plausible: write a height between {low} and "
                                      "{high} m"),
        "site_frequency_implausible": tr("frequency {value} MHz is not plausible: write a frequency between {low} and "
                                         "{high} MHz"),
        "site_frequency_ghz_implausible": tr("frequency {raw}, read as {raw} GHz = {value} MHz (a value below 30 is in "
                                             "GHz), is not plausible: write a frequency between {low} and {high} MHz"),
        "site_eirp_implausible": tr("EIRP {value} dBm is not plausible: write an EIRP between {low} and {high} dBm"),
        "site_duplicate_id": tr("site id '{site_id}' is already used on row {first}: give each site its own id"),
        # core.classify
        "classify_raster_unreadable": tr("Cannot open the coverage raster {path} {reason}. Choose the raster written "
                                         "by 'Compute coverage'."),
        "classify_raster_rotated": tr("The coverage raster {path} is rotated. Warp it to a north-up grid first "
                                      "(Raster > Projections > Warp)."),
        "classify_raster_not_north_up": tr("The coverage raster {path} has no north-up geotransform. Warp it first "
                                           "(Raster > Projections > Warp)."),
        "classify_bad_shares": tr("The shares must satisfy 0 <= partial share ({partial}) <= covered share "
                                  "({covered}) <= 1. Correct them."),
        "classify_bad_threshold": tr("The threshold must be a number of dBm (got '{value}'), e.g. -110."),
        "classify_no_overlap": tr("None of the {n} villages overlaps the coverage raster (extent {extent}). Check "
                                  "that both layers have the right CRS and cover the same area."),
        # core.priority (the weights a user types, e.g. "population=0.4; blank_spot=0.6")
        "weights_not_pair": tr("'{token}' is neither a preset nor a criterion=weight pair. Presets: {presets}; "
                               "criteria: {criteria}."),
        "weights_no_equals": tr("'{token}' has no '=': write criterion=weight, e.g. population=0.3."),
        "weights_unknown_criterion": tr("Unknown criterion '{name}'. Valid criteria: {criteria}."),
        "weights_twice": tr("The criterion '{name}' is given twice: give each criterion once."),
        "weights_not_number": tr("The weight of '{name}' ('{value}') is not a number: write e.g. 0.3."),
        "weights_negative": tr("The weight of '{name}' must be a number of 0 or more."),
        "weights_all_zero": tr("All weights are zero: give at least one criterion a positive weight."),
        # core.costs (the cost table: Processing COST_TABLE, the dock's cost table editor)
        "cost_key_empty": tr("Cost table, row {row}: the item has no key. Give each row its key (e.g. bts_4g_3t)."),
        "cost_not_number": tr("Cost table, row {row}, item '{key}': {field} '{value}' is not an amount of rupiah. "
                              "Write it like 1.500.000 or 2,6e9."),
        "cost_negative": tr("Cost table, row {row}, item '{key}': {field} '{value}' must be 0 or more."),
        "cost_bad_unit": tr("Cost table, row {row}, item '{key}': unit '{value}' is not one of {allowed}."),
        "cost_json_invalid": tr("The cost table is not valid JSON ({error}). Save it again from the cost table editor "
                                "or use a CSV."),
        "cost_json_shape": tr("The cost table JSON must be a list of items or an object with 'items'."),
        "cost_csv_unreadable": tr("The cost table CSV is empty or cannot be read ({reason}). Its header must hold "
                                  "key, label_id, label_en, capex_idr, opex_idr_year, unit, source."),
        "cost_missing_columns": tr("This is not a cost table: its header has no column(s) {columns} (its columns: "
                                   "{found}). A cost table has one row per item with the columns {required} (source "
                                   "may be empty). Choose the cost table file (e.g. one saved from the cost table "
                                   "editor), or use the default table."),
        "cost_duplicate_key": tr("Cost table, row {row}: the key '{key}' is already given in row {first}. Keep one "
                                 "row per item (the later one replaced the earlier, silently)."),
        "cost_missing_fields": tr("Cost table, row {row}: the field(s) {fields} are empty. Fill them in."),
        "cost_missing_item": tr("The cost table has no item '{key}' that this step needs (its items: {items}). Add "
                                "the row, or start from the default table."),
        # core.coverage (the coverage engine's inputs)
        "cov_dem_degrees": tr("The DEM {path} is in geographic degrees; coverage needs a projected DEM in metres. "
                              "Reproject it (e.g. to EPSG:32750, UTM 50S) and give the sites in that CRS."),
        "cov_dem_units": tr("The DEM {path} uses linear units of {unit} m, not metres. Reproject it to a metric "
                            "CRS such as EPSG:32750 (UTM 50S)."),
        "cov_dem_not_north_up": tr("The DEM {path} is rotated or flipped (not a north-up grid). Warp it first "
                                   "(Raster > Projections > Warp)."),
        "cov_dem_unreadable": tr("Cannot open the DEM {path} ({reason}). Check the path and that it is a GDAL "
                                 "raster (e.g. GeoTIFF)."),
        "cov_dem_reproject_failed": tr("Reprojecting the DEM {path} to EPSG:{epsg} failed ({reason}). Reproject it "
                                       "yourself (Raster > Projections > Warp) and try again."),
        "cov_no_sites": tr("No sites given: add at least one tower or site to compute coverage."),
        "cov_unknown_model": tr("Unknown propagation model '{value}'. Use one of: {allowed}."),
        "cov_radius": tr("The maximum radius must be a number of metres above 0 (got '{value}')."),
        "cov_k_factor": tr("The k-factor must be above 0 (got '{value}'); 1.3333 is the normal atmosphere."),
        "cov_bad_frequency": tr("Site {site_id} has an invalid frequency ({value} MHz). Give its frequency in MHz, "
                                "e.g. 900."),
        "cov_all_sites_outside": tr("All {n} site(s) are outside the DEM extent {extent}: {ids}. Check that the "
                                    "site coordinates are in the DEM's CRS, or choose the DEM that covers them."),
        # core.capacity
        "capacity_bad_value": tr("Capacity table, row {row}, column '{column}': '{value}' is not a whole number of "
                                 "installations of 0 or more. Enter a number such as 120 (or leave the cell empty "
                                 "for no limit)."),
        "capacity_bad_year": tr("Capacity table, row {row}, column '{column}': '{value}' is not a year. Enter a year "
                                "such as 2027, or '{all}' for every year."),
        "capacity_bad_tech": tr("Capacity table, row {row}, column '{column}': unknown technology '{value}'. Use one "
                                "of: {allowed}."),
        "capacity_missing_column": tr("The capacity table has no column '{column}'. Its columns are: year, tech, "
                                      "kab_code (optional), provider (optional), max_installations."),
        "capacity_missing_column_sheet": tr("The capacity table's sheet '{sheet}' (the workbook's first sheet, the "
                                            "one read) has no column '{column}' (its columns: {found}). Put the "
                                            "table on the first sheet, with the columns year, tech, kab_code "
                                            "(optional), provider (optional), max_installations."),
        "capacity_empty": tr("The capacity table {path} has no rows."),
        "capacity_year_range": tr("Capacity table, row {row}, column '{column}': the year {value} is outside 2000 to "
                                  "2100. Enter a year of the roadmap, such as 2027, or '{all}' for every year."),
        "capacity_duplicate_row": tr("Capacity table, row {row} repeats the limit of row {first} ({what}): keep one "
                                     "of them (which one holds would depend on the order of the rows)."),
        "lead_time_bad": tr("The BTS lead time must be between 0 and 60 months (got {value})."),
        # core.programme
        "programme_no_key": tr("The programme status table has no village code column (kode_desa, kode, "
                               "kode_bps) and no village name column (nama_desa, desa); its columns are: {columns}. "
                               "Rename the column holding the Kemendagri code to kode_desa."),
        "programme_no_status": tr("The programme status table has no 'terhubung' (connected yes/no) and no "
                                  "'teknologi' column; its columns are: {columns}. Add one of them."),
        "programme_empty": tr("The programme status table has no rows under its header."),
        "programme_unmatched": tr("'{value}' matches no village of the layer (by code, or by name and "
                                  "kecamatan). Correct the code (Kemendagri, e.g. 64.02.01.2001), or write the "
                                  "village's name and kecamatan as the village layer has them."),
        "programme_unmatched_named": tr("'{value}' matches no single village of the layer: villages of that name "
                                        "are {hint}. Write the code (Kemendagri, e.g. 64.02.01.2001) or the "
                                        "kecamatan of the one meant."),
        "programme_duplicate": tr("village {code} is already given in row {first}; this row is ignored. Keep one "
                                  "row per village."),
        "programme_unknown_tech": tr("village {code}: technology '{value}' is not known (fibre service, FWA, "
                                     "satellite, radio); the village counts as connected by an unknown "
                                     "technology."),
        "programme_bad_connected": tr("village {code}: 'terhubung' = '{value}' is neither ya nor tidak; the row is "
                                      "ignored. Write ya or tidak."),
        "programme_bad_fee": tr("village {code}: monthly fee '{value}' is not an amount of rupiah; the default fee "
                                "of its technology is used. Write it as 1.500.000."),
        "programme_negative_fee": tr("village {code}: monthly fee '{value}' is negative; the default fee of its "
                                     "technology is used. Write the amount without a minus sign."),
        "programme_implausible_fee": tr("village {code}: monthly fee '{value}' is above Rp {high} a month for one "
                                        "village, a typing error?; the default fee of its technology is used. Check "
                                        "the digits."),
        "programme_bad_date": tr("village {code}: {column} '{value}' is not a date; write dd-mm-yyyy."),
        "programme_future_since": tr("village {code}: connected since {date}, after the status date {as_of}. "
                                     "Check the date."),
        "programme_contract_ended": tr("village {code}: the contract ended on {date}, before the status date "
                                       "{as_of}: its renewal is due and is planned in the roadmap's first year."),
        # the other values of a row that is not used (no village, a village given before, a bad 'terhubung'),
        # said in the same run as the row's drop
        "programme_dropped_unknown_tech": tr("the row is ignored; also, its technology '{value}' is not known "
                                             "(fibre service, FWA, satellite, radio). Write one of them."),
        "programme_dropped_bad_fee": tr("the row is ignored; also, its monthly fee '{value}' is not an amount of "
                                        "rupiah. Write it as 1.500.000."),
        "programme_dropped_negative_fee": tr("the row is ignored; also, its monthly fee '{value}' is negative. "
                                             "Write the amount without a minus sign."),
        "programme_dropped_implausible_fee": tr("the row is ignored; also, its monthly fee '{value}' is above Rp "
                                                "{high} a month for one village, a typing error? Check the digits."),
        "programme_dropped_bad_date": tr("the row is ignored; also, its {column} '{value}' is not a date; write "
                                         "dd-mm-yyyy."),
        "programme_dropped_future_since": tr("the row is ignored; also, it says connected since {date}, after the "
                                             "status date {as_of}. Check the date."),
        # core.monitoring: values, rows and imports of service reports
        "not_datetime": tr("not a date/time ({value})"),
        "empty_datetime": tr("empty date/time"),
        "period_span": tr("the period {value} does not lie within one month: report it per month (or per day), "
                          "e.g. one row for 28/11/2026 s/d 30/11/2026 and one for 01/12/2026 s/d 04/12/2026"),
        "period_format": tr("not a month ({value}); write YYYY-MM, e.g. 2026-10 (or Okt 2026, 10/2026)"),
        "datetime_format": tr("not a date/time ({value}); use YYYY-MM-DD HH:MM:SS"),
        "invalid_datetime": tr("not a valid date/time ({value}): {why}"),
        "missing_period": tr("missing period"),
        "invalid_month": tr("not a valid month ({value})"),
        "not_yes_no": tr("not a yes/no value ({value})"),
        "not_a_number": tr("not a number ({value})"),
        "column_value": tr("{column}: {error}"),
        "missing_code": tr("missing site or village code"),
        "total_row": tr("a row of totals or averages ({code} in the code column), not a site or village: not imported "
                        "(nothing to do)"),
        "uptime_range": tr("uptime {value} outside 0-100 %"),
        "uptime_range_read": tr("uptime {raw} (read as {value}) outside 0-100 %: write a percentage from 0 to 100"),
        "negative_value": tr("{column}: negative value {value}"),
        "outage_no_end": tr("outage has a start but no end"),
        "outage_open": tr("the outage starting {start} has no end (still going on when the report was made?): the "
                          "row is not imported. Write its end time, or import the row again once the provider "
                          "reports it"),
        "outage_no_start": tr("outage has an end but no start"),
        "outage_end_before_start": tr("outage end {end} before start {start}"),
        "outage_end_future": tr("outage end {end} lies in the future"),
        "missing_period_value": tr("missing period (YYYY-MM or YYYY-MM-DD)"),
        "period_future": tr("{column} {period} lies in the future (today is {today}): a service report records "
                            "what has happened. Correct the date in the file, or import this row after that day"),
        "no_data": tr("no data (no uptime, outage, users, speeds or latency)"),
        "unknown_site_code": tr("unknown site code {code}: it is not in the site layer given (SITES); correct the "
                                "code, or choose the site layer that has it"),
        "unknown_village_code": tr("unknown village code {code}: it is not in the village layer given (VILLAGES); "
                                   "correct the code (Kemendagri, e.g. 64.01.01.2001), or choose the village layer "
                                   "that has it"),
        "implausible_value": tr("{column}: {value} is not plausible for a village's service (at most {high}): check "
                                "the digits and the unit"),
        "uptime_fraction": tr("uptime {value}: every uptime of the file is 1 or less, so they look like fractions "
                              "(here {pct} %); write them as percentages (99,5 for 99.5 %)"),
        "uptime_below_one": tr("row {row} ({code}): uptime {value} % is read as it is, while the file's other "
                               "uptimes are percentages; if it is a fraction ({pct} %), correct the file and import it "
                               "again as a correction"),
        "month_first_dates": tr("column {column} writes its dates month first (row {row}: {value}): they are read as "
                                "month/day/year"),
        "numbered_empty_rows": tr("{n} rows (rows {first} to {last}) hold only their number ({column}): empty rows of "
                                  "the sheet, not imported"),
        "codes_other_letters": tr("{n} rows write a known code in other letters (first: row {row}, {written} for "
                                  "{code}); they are imported under the known code"),
        "village_codes_rewritten": tr("{n} rows write a village code with other dots or spaces than the village "
                                      "layer (first: row {row}, {written} for {code}); they are imported under the "
                                      "village layer's code"),
        "columns_not_read": tr("columns not read: {columns} (names the import does not know). If one holds report "
                               "data, rename it: kode_site/kode_desa, periode, uptime, mulai_gangguan, "
                               "selesai_gangguan, penyebab, pengguna_aktif, unduh_mbps, unggah_mbps, latensi_ms"),
        "no_code_column": tr("no site or village code column found (looked for kode_site/site_id, kode_desa/kode)"),
        "no_period_column": tr("no period column found (looked for periode/period/tanggal/date)"),
        "report_for": tr("report for {code} {period}"),
        "outage_of": tr("outage of {code} starting {start}"),
        "conflict_in_file": tr("{what} differs from row {row} of this file ({change})"),
        "conflict_imported": tr("{what} differs from the value imported on {when} from file {file} (row {row}: "
                                "{change}); not overwritten"),
        "replaced_imported": tr("{what} replaces the value imported on {when} from file {file} (row {row}: "
                                "{change})"),
        "changed_value": tr("{field} {new}, was {old}"),
        "changed_values": tr("{field} {new}, was {old}, and {n} other value(s)"),
        "changed_unknown": tr("values not stored by this version"),
        # core.funding: a cell of the dock's funding table (column = the column's title)
        "funding_cap_empty": tr("Row {row}: the yearly cap is empty (0 is used)."),
        "funding_not_a_number": tr("Row {row}: '{value}' is not a number (column {column})."),
        "funding_unknown_rules": tr("Row {row}: unknown rule(s) {rules}; use 3t, plot, desa, per_kab, operator."),
        "funding_order_not_whole": tr("Row {row}: order '{value}' is not a whole number."),
        # core.coverage_settings.validity_notes (notes in the coverage log)
        "validity_hata_freq": tr("Hata/COST-231 is valid for 150-2000 MHz; {n} site(s) are outside (e.g. {f:g} MHz)."),
        "validity_hata_height": tr("Hata is valid for antenna heights of 30-200 m; {n} site(s) are outside (e.g. "
                                   "{h:g} m)."),
        "validity_hata_radius": tr("Hata is valid up to 20 km; the radius is {r:.0f} m, so the signal beyond 20 km "
                                   "is an extrapolation."),
        "validity_hata_rx": tr("Hata is valid for receiver heights of 1-10 m; got {h:g} m."),
        "validity_itm_short": tr("Longley-Rice ITM is valid for paths of 1 km or more: the cells within 1 km of a "
                                 "site are extrapolated (the probe says so at such a point)."),
        "validity_itm_freq": tr("Longley-Rice ITM is valid for 20 MHz-20 GHz; {n} site(s) are outside (e.g. {f:g} "
                                "MHz)."),
        "validity_p526_radius": tr("P.526/Bullington on a DEM is meant for paths up to some tens of km; the radius "
                                   "is {r:.0f} m."),
        # core.profile (the signal probe)
        "point_outside_dem": tr("The point is outside the DEM: click inside the elevation model."),
        "point_nodata": tr("The DEM has no elevation at this point (nodata), so the signal cannot be computed "
                           "here."),
        "dem_unusable": tr("Cannot compute the signal here: {why}"),
    }


def _findings() -> dict:
    """Validation findings (core.villages, io.layers): rule -> (problem, fix)."""
    return {
        "empty_layer": (tr("The layer has no features."),
                        tr("Choose a layer that contains the villages, or remove its filter.")),
        "no_code_field": (tr("No village code field was found (looked for Kemendagri, BIG-RBI and BPS names)."),
                          tr("Choose the code field by hand in the field mapping (CODE_FIELD).")),
        "no_name_field": (tr("No village name field was found."),
                          tr("Choose the name field by hand in the field mapping (NAME_FIELD).")),
        "no_population_field": (tr("No population field was found; population-based tools will need one."),
                                tr("Choose the population field (POPULATION_FIELD) or join population data.")),
        "code_missing": (tr("Feature {fid} has no village code."),
                         tr("Fill in the code from the Kemendagri list.")),
        "code_malformed": (tr("Feature {fid}: code '{code}' is malformed."),
                           tr("Use the form 64.xx.xx.xxxx (Kemendagri) or a 10-digit BPS code.")),
        "code_undotted": (tr("Feature {fid}: code '{code}' has no dots; read as {norm}."),
                          ""),
        "code_outside_province": (tr("Feature {fid}: code '{code}' is outside province {prov}."),
                                  tr("Remove villages of other provinces, or correct the code.")),
        "code_duplicate": (tr("Feature {fid}: code '{code}' is also used by feature {other}."),
                           tr("Each village needs its own code: correct one of them or merge the two features.")),
        "name_missing": (tr("Feature {fid} ({code}) has no name."),
                         tr("Fill in the village name.")),
        "population_missing": (tr("Feature {fid} ({code}) has no population value."),
                               tr("Fill in the population, or an estimate flagged as such.")),
        "population_negative": (tr("Feature {fid} ({code}) has a negative population ({pop})."),
                                tr("Correct the population value.")),
        "geometry_empty": (tr("Feature {fid} ({code}) has an empty or missing geometry."),
                           tr("Digitise the village, or delete the feature if it is a stray row.")),
        "geometry_invalid": (tr("Feature {fid} ({code}) has an invalid geometry: {why}."),
                             tr("Run 'Repair village geometries' (the Data page's 'Repair geometries'): it "
                                "writes a NEW repaired layer and keeps yours.")),
        "crs_missing": (tr("The layer has no coordinate reference system."),
                        tr("Set the layer's CRS (Layer Properties > Source), e.g. EPSG:4326 for lon/lat.")),
        "crs_elsewhere": (tr("The layer lies outside Kalimantan Timur: its centre ({x}, {y} in {crs}) is at longitude "
                             "{lon}, latitude {lat}. Its CRS is probably wrong (longitude/latitude in degrees "
                             "declared as metres, or the reverse)."),
                          tr("Set the layer's real CRS (Layer Properties > Source): EPSG:4326 for longitude/latitude "
                             "in degrees, EPSG:32750 for UTM 50S in metres.")),
        "geometry_type": (tr("The layer holds neither points nor polygons."),
                          tr("Use village polygons or village office points.")),
        "dem_crs_missing": (tr("The DEM has no coordinate reference system."),
                            tr("Assign the DEM's CRS in its layer properties (Source tab).")),
        "dem_geographic": (tr("The DEM is in degrees ({crs}); coverage tools reproject it to a metric CRS first."),
                           tr("For exact distances, warp the DEM to UTM 50S (EPSG:32750) beforehand.")),
        "dem_no_overlap": (tr("The villages do not overlap the DEM ({dem})."),
                           tr("Check both layers' CRS, or choose the DEM that covers these villages.")),
        "dem_partial_overlap": (tr("The DEM covers only {pct:.0f}% of the villages' extent."),
                                tr("Use a DEM that covers the whole area, or expect nodata outside it.")),
        "dem_nodata_share": (tr("{pct:.1f}% of the DEM cells are nodata."),
                             tr("Fill the holes (Raster > Analysis > Fill nodata) if they fall on villages.")),
    }


def finding_text(finding) -> tuple:
    """``(problem, fix)`` of a validation finding in the user's language (fix "" when there is none or the finding
    says ``no_fix``)."""
    if "issue" in finding.params:  # a number of the column, read by core.numbers: its own text
        from .input_text import issue_parts

        return issue_parts(finding.params["issue"], tr("feature"))
    message, fix = _findings().get(finding.rule, (finding.rule, ""))
    params = dict(finding.params, fid=finding.fid, code=finding.code)
    if params.pop("no_fix", False):
        fix = ""
    return _format(message, params), _format(fix, params)


def _format(template: str, params: dict) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{template} ({params})"


def describe(exc: BaseException) -> str:
    """The translated message for a coded core error; ``str(exc)`` for anything else."""
    code = getattr(exc, "code", None)
    template = _table().get(code) if code else None
    if template is None:
        return str(exc)
    params = {k: ("" if v is None else describe(v) if isinstance(v, BaseException) else v)
              for k, v in (getattr(exc, "params", None) or {}).items()}
    if "what" in params:
        params["what"] = _quantities().get(params["what"], params["what"])
    if "hint" in params:
        params["hint"] = {"swapped": tr(" (lon and lat look swapped)")}.get(params["hint"], params["hint"])
    # an input with several problems is said complete at once (core.coded_error.CodedError.of_all)
    return " ".join([_format(template, params), *(describe(more) for more in getattr(exc, "also", None) or ())])


def _quantities() -> dict:
    """The words the core names a site's quantity with, in the user's language."""
    return {"height": tr("antenna height (m)"), "frequency": tr("frequency (MHz)"), "EIRP": tr("EIRP (dBm)")}


def write_fix(error) -> str:
    """What to do about an OSError (or its errno) met while writing."""
    code = error if isinstance(error, int) else getattr(error, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), getattr(errno, "EFBIG", -1)):
        return tr("Free space on that disk or choose another folder.")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("Choose a folder you may write to.")
    return tr("Choose another folder.")


def write_error(param: str, path: str, error) -> str:
    """'PARAM = path cannot be written: reason. What to do.' for an OSError met while writing ``path`` (the
    Processing tools' output guard and the dock say it in these words)."""
    reason = getattr(error, "strerror", None) or str(error)
    return tr("{param} = {path} cannot be written: {reason}. {fix}").format(
        param=param, path=path, reason=reason, fix=write_fix(error))
