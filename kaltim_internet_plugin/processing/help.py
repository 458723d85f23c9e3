"""The name and help of every Processing algorithm, in English, marked for translation (tr_noop); the
algorithm's displayName() and shortHelpString() translate them when QGIS asks (processing/base.py).

Kept together, as QGIS keeps its own algorithms' help apart from their code: one place for the help a user
reads in the Processing toolbox, for translators, and for the user guide that quotes it."""
from __future__ import annotations

from .base import tr_noop

# the radio ranges of every tool (core.sites.PLAUSIBLE; tests/robustness/test_radio_values.py checks the figures)
RADIO_RANGES = tr_noop(
    "Radio values have one range in every tool (importsites, coverage, candidates, optimizesites, choosetech): an "
    "antenna height 1–300 m, a frequency 30–6000 MHz (in a site layer a value below 30 is read as GHz), an EIRP "
    "0–90 dBm. A value outside, given as a parameter or in a site or candidate layer, is refused, naming the "
    "parameter or the site. A layer without a CRS is refused too (its coordinates would be read in another CRS): "
    "set it in Layer Properties > Source.")

TEXTS = {
    "candidates": (
        tr_noop("Candidate sites"),
        (
            tr_noop(
                "Builds candidate sites for new towers around the villages that are not covered (status other than "
                "covered; all villages when there is no status field): the village offices (kind office), hilltops "
                "within HILLTOP_RADIUS_M of those offices (kind hilltop: the highest cell within NEIGHBOURHOOD_M that "
                "stands at least MIN_PROMINENCE_M above the lowest cell around it; the DEM is read window by window "
                "around each village) and existing towers within COLO_MAX_KM (kind colo: co-location, cheaper). The "
                "cost of a new tower is the cost table's bts_4g_3t CAPEX; co-location costs its 'colo' row, else the "
                "4G booster row. Output points (in a metric CRS): cand_id, kind, cost_idr, elev_m, village_code, "
                "operator, height_m, prominence_m — ready for 'Optimise sites'."),
            RADIO_RANGES,
        ),
    ),
    "checkvillages": (
        tr_noop("Check village layer"),
        tr_noop(
            "Detects the village fields (Kemendagri, BIG-RBI or BPS naming) and reports every defect: missing, "
            "malformed, duplicate or out-of-province codes, missing names or population, empty or invalid "
            "geometries, a missing CRS, and, with a DEM, the overlap and the DEM's nodata share. Each finding "
            "names the feature id and code and says how to fix it. The input layer is never modified. "
            "Leave the field parameters empty to auto-detect them."),
    ),
    "choosetech": (
        tr_noop("Choose connection technology"),
        (
            tr_noop(
                "Chooses for every village office the cheapest feasible connection over the horizon (CAPEX + years × "
                "OPEX): fibre (a fibre node within FIBRE_MAX_KM), fwa (4G router: the office is inside coverage — "
                "COVERAGE raster value ≥ THRESHOLD_DBM, or ≥ 1 for a line-of-sight raster; without a raster the "
                "office_dbm or status field is used), radio (radio link: line of sight from one of the five nearest "
                "existing towers within RADIO_MAX_KM, computed on the DEM with the coverage engine), colo (4G "
                "equipment co-located on an existing tower, shared by the uncovered offices within COLO_MAX_KM), bts "
                "(a new 4G BTS shared by at least BTS_MIN_CLUSTER uncovered villages within BTS_CLUSTER_RADIUS_KM) or "
                "satellite (always feasible). Polygons use a point on the surface as the office. The operator of fwa "
                "villages is the operator of the nearest existing tower, of colo villages the operator of the tower "
                "used. Costs come from the default cost table (sourced, see the user guide) or from a CSV/JSON file "
                "with the same columns. The output keeps every input field and adds tech, capex_idr, opex_idr_year, "
                "reason and operator."),
            RADIO_RANGES,
        ),
    ),
    "classifyvillages": (
        tr_noop("Classify villages (covered / partial / blank spot)"),
        tr_noop(
            "Classifies each village with a coverage raster (best signal in dBm, or a line-of-sight count). "
            "cov_share is the share of the village's raster cells at or above THRESHOLD_DBM (line of sight: at "
            "least one site visible); nodata cells count as not covered and their share is in nodata_share. "
            "status is covered when cov_share >= COVERED_SHARE, partial when >= PARTIAL_SHARE, else blank_spot. "
            "With OFFICES (joined by village code), the office decides the edge cases: a village whose office "
            "has no signal cannot be covered (it becomes partial), a village whose office has signal is not a "
            "blank spot (it becomes partial); see status_note. best_dbm is the best signal in the village, "
            "office_dbm the signal at the office, pop_covered = population x cov_share (an estimate). A village "
            "given as a point uses the cell under the point. With REPORTED_FIELD (e.g. Podes R705D: 4G, 3G, 2G, "
            "tidak ada) the tool adds agreement (agree / model_more / model_less) and a confusion table. "
            "Villages and raster may be in different CRSs."),
    ),
    "comparescenarios": (
        tr_noop("Compare two scenarios"),
        tr_noop(
            "Puts two roadmaps side by side (e.g. the same plan under two funding tables, capacities or budgets): "
            "villages and people connected per year, cost per person connected by kab/kota and by technology "
            "(CAPEX plus the OPEX funded within the horizon, over the people of the villages connected), villages "
            "planned, scheduled, unfunded and over capacity, the people each leaves without a connection, CAPEX, "
            "OPEX and the OPEX still running after the horizon. Give each roadmap's village output (and its "
            "'Budget by year and source' table, for the OPEX per year). The output table has one row per figure: "
            "section, key, value A, value B and B - A."),
    ),
    "coverage": (
        tr_noop("Compute coverage (blank-spot map)"),
        (  # paragraphs, translated one by one and joined with a space
            tr_noop(
                "Computes the signal of every site over the terrain, on the DEM grid. SITES: tower points in any CRS "
                "(transformed to the DEM's CRS); per-site fields used when present: site_id, height_m (antenna "
                "height above ground), freq_mhz, eirp_dbm; missing values take the defaults of the site's tech "
                "(2G: 30 m, 900 MHz, 58 dBm; 3G: 30 m, 2100 MHz, 58 dBm; 4G: 35 m, 900 MHz, 60 dBm; 5G: 30 m, "
                "2300 MHz, 62 dBm; no tech: 4G), the log says how many sites used defaults. DEM: elevation in "
                "metres in a projected CRS; a DEM in degrees is reprojected to its UTM zone first (said in the "
                "log). MODEL: 'los' = line of sight with GDAL's viewshed (earth curvature with 1/k), the output "
                "holds the number of sites in line of sight; 'p526' = ITU-R P.526 §4.5.2 (= P.452 delta-Bullington), "
                "the complete method: free-space loss plus Bullington diffraction with its correction on the terrain "
                "profile, minus the same on the smooth profile, plus the spherical-earth loss (earth radius k x 6371 "
                "km); it agrees with pycraf's P.452 to 0.0001 dB; valid for VHF and above and paths up to some tens "
                "of km (obstacles narrower than a DEM cell are missed); 'p526_bullington' = the uncorrected "
                "Bullington part only (optimistic, by name only); 'hata' = Okumura-Hata (150-1500 MHz) / COST-231 "
                "(1500-2000 MHz), rural, terrain ignored, valid for 1-20 km, antenna 30-200 m, receiver 1-10 m. For "
                "dBm the output holds the best signal (dBm) at RX_HEIGHT; typical 4G RSRP-like reading: >= -100 good, "
                "-110 edge of coverage, <= -120 none. Nodata = no site within MAX_RADIUS_M (or no elevation). "
                "RESOLUTION (p526 only): the diffraction loss is computed along rays from each site and "
                "interpolated between rays for every cell; free-space loss always uses each cell's own distance. "
                "'fast' (default) casts rays 180 m apart at the radius and samples every 360 m (2 and 4 cells of a 90 "
                "m DEM, never finer), keeping the ridge crests between samples, and refines the loss onto receivers "
                "every 90 m: 0.26 dB mean difference from 'exact' on ridge-heavy terrain (p99 2.9 dB, both ways; "
                "latest bench), 0.8 (30 m DEM) to 2.5 (90 m) times the time of GDAL's viewshed with numba, 1.8 to 6 "
                "without; 'fine' samples every 180 m: 0.19 dB mean, "
                "p99 2.3 dB; 'exact' uses one ray and one sample per cell, the reference. "
                "OUTPUT_SERVER (optional): index of the serving (strongest) site, see SERVER_IDS. "
                "Sites outside the DEM are skipped and listed in the log."),
            tr_noop(
                "EXTRA_LOSS_DB: a clutter / foliage margin added to every path loss (dBm models only), for what the "
                "bare-terrain model does not see: tropical forest canopy 10-20 dB, buildings, the user's body. "
                "0 = terrain only."),
            tr_noop(
                "LAND_COVER (optional): a land-cover raster (ESA WorldCover classes by default, any CRS and "
                "resolution, resampled nearest to the DEM grid) whose class gives each cell's clutter height and "
                "distance (CLUTTER_TABLE, a CSV with columns class, clutter_height_m, clutter_distance_km; default: "
                "the shipped table after ITU-R P.452-17 (2021) §4.5 Table 4); the loss at the receiver height is "
                "P.452's height-gain correction (tree cover: about 19.5 dB at 1.5 m, 3.3 dB at 15 m; 0 dB at or above "
                "the clutter height and on water). It replaces the flat margin, which stays only for cells without a "
                "class (nodata, outside the land cover), counted in the log."),
            tr_noop(
                "QUANTITY: the EIRP of a site is its total radiated power; 4G coverage thresholds (-100/-110/-120 dBm) "
                "are RSRP, the power of one resource element, 10 log10(12 x resource blocks) lower: choose an RSRP "
                "quantity to compare with those thresholds."),
            tr_noop(
                "'itm' = a second opinion, the Longley-Rice Irregular Terrain Model 1.2.2 (the model of SPLAT!), "
                "point-to-point on the same rays as 'p526' (RESOLUTION applies): equatorial climate, surface "
                "refractivity 360 N-units, average ground, vertical polarisation, median time, location and situation; "
                "valid 20 MHz-20 GHz for paths of 1-2000 km (cells nearer than 1 km are extrapolated); it agrees with "
                "the itmlogic package to 0.001 dB. One ITM run per receiver (at 'fast' and 'fine' every refined "
                "receiver, about 90 m apart, on the profile of every cell up to it: along a ray what 'exact' gives), "
                "compiled by numba where it is installed (as the ray kernels): one 30 km site on the 250 m sample DEM "
                "takes 0.11 s at 'fast' and 0.22 s at 'exact', on a 90 m DEM about 1.8 s at 'fast' (0.03 s for "
                "'p526'), and the sites run on all cores; without numba ITM runs in Python, 20 to 50 times slower "
                "(5.2 s, 10.5 s and 38 s, one site after the other). The log says the estimate before the run; "
                "compare the raster with a 'p526' raster to see where the models disagree."),
            RADIO_RANGES,
        ),
    ),
    "createplannedsites": (
        tr_noop("Create planned-sites layer"),
        tr_noop(
            "Creates an empty point layer for planned tower sites in a GeoPackage (the file is created if "
            "missing, other layers in it are kept). Fields: site_id, operator, tech, height_m, freq_mhz, eirp_dbm, "
            "status, cost_idr, land_status, note. The attribute form has Indonesian labels, drop-down lists for "
            "technology, operator, status and land status, height/EIRP/frequency boxes with units, defaults per "
            "technology (4G: 35 m, 900 MHz, 60 dBm) and rules that refuse impossible values (height 10–120 m, "
            "EIRP 30–70 dBm, frequency 450–3800 MHz, technology required). The form is saved in the GeoPackage "
            "as the layer's default style. An existing layer of the same name is only replaced with OVERWRITE."),
    ),
    "exportplan": (
        tr_noop("Export deployment plan"),
        (
            tr_noop(
                "Writes the deployment plan into OUTPUT_FOLDER: plan.gpkg (every given layer and table with its "
                "default style and metadata, flags for estimated or synthetic data carried through), plan.qgz (a "
                "QGIS project opening plan.gpkg with the print layouts), roadmap.xlsx with CSV copies (per year, "
                "per funding source, per operator, per kab/kota, training plan), and PDFs: atlas_kabkota.pdf (one "
                "page per kab/kota), overview.pdf (A3), roadmap_report.pdf and deployment_plan.pdf (the overview "
                "followed by the atlas pages). The layouts come from the .qpt templates in TEMPLATE_FOLDER "
                "(default: the plugin's resources/layouts); edit them in the layout designer but keep the item "
                "ids."),
            tr_noop(
                "DATA_INPUTS (optional, advanced): the plan's other input files (DEM, land cover, fibre points, "
                "programme table, population table). The sources line printed on the maps names each one that is "
                "synthetic, illustrative or estimated, and its date: read from the file itself (a raster's SOURCE "
                "metadata, a layer's flag fields, a file name with ILLUSTRATIVE, synthetic or estimated) and from "
                "a provenance.json beside it (its 'what', 'flag' and 'as_of'). Without them the line names only "
                "the boundaries and what the villages and the towers carry."),
        ),
    ),
    "exportplanfrompostgis": (
        tr_noop("Copy plan from PostGIS to GeoPackage"),
        tr_noop(
            "Copies a plan published in PostGIS (all layers, tables, styles, status history and audit log) into a "
            "GeoPackage, from one consistent snapshot of the database. The new file is compared with the database "
            "(row counts and checksums of every table) and only then written over OUTPUT_GPKG. The team-editing "
            "columns (row_version, modified_at, modified_by) stay in the database; the audit log keeps who changed "
            "what."),
    ),
    "fullplan": (  # not a tool of its own: the model of the chain (processing/model_plan.py)
        tr_noop("Full plan (every step, one run)"),
        (
            tr_noop("The whole plan in one run: repairs the village geometries, imports the towers, computes the "
                    "coverage (ITU-R P.526 complete method; clutter from the land cover when given), classifies the "
                    "villages, starts from the programme's connected villages, prioritises, chooses new BTS sites "
                    "under the budget and a technology per village, schedules the funded roadmap with its training "
                    "plan and operator packages, and exports the plan folder (GeoPackage, project, spreadsheet and "
                    "CSVs, printable PDFs)."),
            tr_noop("Every step is one of this provider's tools with its own defaults, as `make demo` runs them "
                    "(the budget, the years and the status date are the model's inputs). The same model is shipped "
                    "as resources/models/rencana_internet_desa.model3: open it in the Model Designer (Processing > "
                    "Graphical Modeler > Open Model) to change a step's settings or add steps. It needs every tool "
                    "of the chain: without scipy (candidates, optimizesites, choosetech) it is not offered."),
        ),
    ),
    "importmonitoring": (
        tr_noop("Import provider service report"),
        tr_noop(
            "Imports a provider's monthly or daily service report (CSV or XLSX) into the plan GeoPackage "
            "(tables mon_reports, mon_outages, mon_imports). Each row needs a site or village code and a period "
            "(YYYY-MM or YYYY-MM-DD) plus uptime, an outage (start, end, cause), active users, speeds, latency or a "
            "power-outage flag; Indonesian column names are recognised. Rows with errors or unknown codes are "
            "rejected with their spreadsheet row number and the reason (optionally written to a CSV). All good "
            "rows are written in one transaction: a failure or a cancel leaves the GeoPackage as it was. Rows "
            "already imported are counted as duplicates; a different value for the same code and period is a "
            "conflict and is never overwritten."),
    ),
    "importprogramme": (
        tr_noop("Import programme status"),
        tr_noop(
            "Joins the free-internet programme's list of villages (CSV or XLSX as offices save them: semicolons, "
            "'1.500.000', dd-mm-yyyy) onto the village layer, by Kemendagri or BPS code, else by village name + "
            "kecamatan. Columns are found by name: kode_desa, nama_desa, kecamatan, terhubung (ya/tidak), "
            "teknologi (fibre service such as IndiHome/Astinet/Icon+, FWA/Orbit, Starlink/VSAT, radio), penyedia, "
            "biaya_bulanan (Rp a month), sejak, kontrak_berakhir. The output keeps every village field and adds "
            "prog_connected, prog_tech, prog_provider, prog_fee_idr_month, prog_since, prog_contract_end, "
            "prog_renewal_due and prog_in_scope. SCOPE: the programme covers desa only (kelurahan are handled by "
            "their kab/kota) or every village. Rows that match no village, a village given twice, a contract that "
            "ended before AS_OF (its renewal is due), an unknown technology or fee are reported with their "
            "spreadsheet row in the log and in OUTPUT_REPORT. The plan then connects only what remains: choosetech "
            "keeps the service of connected villages (their OPEX continues) and offers satellite villages a "
            "migration to fibre."),
    ),
    "importsites": (
        tr_noop("Import towers / sites"),
        tr_noop(
            "Reads an OpenCelliD export, a site list (e.g. the BAKTI 4G programme) or a point layer of towers and "
            "writes one point layer in EPSG:4326 with normalised fields: site_id, operator, tech (2G/3G/4G/5G), "
            "height_m, freq_mhz, eirp_dbm, status, source and defaulted (the fields that took the per-technology "
            "default). INPUT is a CSV file, a GeoPackage/Shapefile point layer, or a layer of the project. "
            "OpenCelliD cells of the same operator (MCC 510 + MNC) closer than MERGE_DISTANCE_M are merged into "
            "one site. Columns are recognised by name (Indonesian or English); use the field parameters to "
            "override. Rows that cannot be used (no or impossible coordinates, outside Kalimantan Timur, unknown "
            "technology, duplicate id) are listed in the log with their row number (the header is row 1; for "
            "layers, the feature id) and can be written to OUTPUT_REJECTS."),
    ),
    "optimizesites": (
        tr_noop("Optimise new sites under a budget"),
        (
            tr_noop(
                "Selects candidate sites whose total cost stays within BUDGET_IDR and that cover the largest demand: "
                "population × WEIGHT_FIELD (e.g. priority_score) of the villages not covered yet (maximal covering "
                "location problem). A village counts as covered by a candidate when its office is within RADIUS_M "
                "(straight distance), or, with a DEM, when the coverage engine predicts at least THRESHOLD_DBM at the "
                "office (MODEL p526, los or hata; MAX_RADIUS_M around each candidate). Villages already covered by an "
                "EXISTING site (same test) need nothing. METHOD exact solves the integer programme with HiGHS "
                "(optimal, or the gap is reported at TIME_LIMIT_S); greedy is fast and at most as good. Ties are "
                "broken by candidate order; the budget is never exceeded. Outputs: the selected sites (pop_served, "
                "cost_idr) and the villages with the serving site_id and covered_by (existing / new / none). All "
                "distances in a metric CRS (the villages' when projected, else EPSG:32750)."),
            RADIO_RANGES,
        ),
    ),
    "prioritize": (
        tr_noop("Prioritise villages"),
        tr_noop(
            "Scores every village 0–100 from weighted criteria and ranks them (rank 1 = first). Criteria: "
            "population, blank_spot (status covered / partial / blank_spot from 'Classify villages'), idm (IDM "
            "score or class; more deprived = higher), facilities (schools + health posts), remoteness (distance to "
            "the nearest kab/kota capital when a capital layer is given, else to the nearest covered village) and "
            "readiness (electricity, trained cadres). Give WEIGHTS as 'population=0.3,blank_spot=0.3,idm=0.2,"
            "facilities=0.1,remoteness=0.1' or choose a PRESET (WEIGHTS wins when given). A criterion whose field "
            "is missing is skipped with a warning and the other weights are rescaled. The output keeps every input "
            "field and adds priority_score, priority_rank and one c_<criterion> field per criterion (the "
            "contributions add up to the score). Distances are computed in a metric CRS (the layer's when it is "
            "projected, else EPSG:32750)."),
    ),
    "publishplan": (
        tr_noop("Publish plan to PostGIS"),
        tr_noop(
            "Copies every layer and table of a plan GeoPackage (villages, sites, planned sites, funding, roadmap, "
            "status history, monitoring, styles) into a schema of a PostgreSQL/PostGIS database, so that a team can "
            "edit it at the same time. CONNECTION is the name of a PostgreSQL connection saved in QGIS (Browser > "
            "PostgreSQL); its password stays in the QGIS authentication database. The copy is one transaction and "
            "is compared with the source (row counts and checksums of every table) before it is committed: if the "
            "server stops or anything differs, nothing is saved. OVERWRITE replaces an existing plan in the schema."),
    ),
    "repairvillages": (
        tr_noop("Repair village geometries"),
        tr_noop("Writes a new layer in which every invalid geometry is repaired (GEOS makeValid). "
                       "The input layer is never changed. REPAIRED_COUNT says how many features were repaired; "
                       "their feature ids are listed in the log."),
    ),
    "roadmap": (
        tr_noop("Build multi-year roadmap"),
        tr_noop(
            "Schedules every village of the plan (from 'Choose technology': tech, capex_idr, opex_idr_year, "
            "priority_rank) over the years of the roadmap, in priority order, into the earliest year in which its "
            "CAPEX and its OPEX for the following years can be paid by eligible funding sources without exceeding "
            "any yearly or per-village cap. Sources are spent in their order (default: BAKTI/USO, operator "
            "co-investment, Dana Desa, APBD Kabupaten/Kota, APBD Provinsi). Villages that cannot be funded are "
            "marked 'unfunded' with the reason. Also builds the year × source budget table, the training plan for "
            "village digital cadres, the operator packages (optionally one CSV per operator in a folder) and, "
            "with an existing tower layer, the list of planned BTS within the sharing distance of another operator's "
            "tower (measured from each planned tower when the planned sites of 'Optimise new sites' are given as "
            "PLANNED_SITES, else from each BTS village's own point). The funding table is a CSV, JSON or "
            "GeoPackage file (table funding_sources); leave it empty for the default planning assumptions. Leave "
            "the field parameters empty to use the standard field names (kode, population, tech, capex_idr, "
            "opex_idr_year, priority_rank, …)."),
    ),
    "setupteamdb": (
        tr_noop("Set up the team database (PostGIS)"),
        tr_noop(
            "Prepares a PostGIS database for a team: creates the roles kaltim_viewer (read only), kaltim_editor "
            "(edit the plan) and kaltim_admin (owns the plan, can upgrade it), creates or upgrades the plan schema, "
            "installs the edit-conflict check, the audit log and the status history triggers, and one role per "
            "kab/kota found in the villages (kaltim_kab_6401, ...) whose members may only edit the villages of "
            "their own kab/kota (row-level security). Safe to run again. Run it with an administrator connection "
            "(superuser or CREATEROLE), then grant the roles to each person's login."),
    ),
    "slareport": (
        tr_noop("SLA report and monthly M&E report"),
        tr_noop(
            "Computes the monthly availability of every site from the imported reports and outage logs of the plan "
            "GeoPackage: outages caused by mains power (PLN) are excluded, outages of MIN_OUTAGE_S seconds or less "
            "are ignored, overlapping outages are merged and outages spanning months are split; availability below "
            "TARGET_PCT entitles to restitution. When a site has no outage log for a month its reported uptime is "
            "used. Outputs the SLA table, a scorecard per provider and flags: 'consider another provider' after "
            "CONSECUTIVE_MONTHS months below target in a row, and villages with zero usage. With a report folder it "
            "also writes the monthly M&E report: CSV files and a PDF (with a map of the villages by status when a "
            "village layer is given)."),
    ),
}
