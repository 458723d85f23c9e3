"""roadmap.xlsx and its CSV copies: summaries of the plan by year, funding source, operator and kab/kota, the
training plan (and tower sharing / the planned village list when given).

The summaries are plain Python over row dicts (``layer_rows``), so they are easy to test. The XLSX is written
with GDAL's XLSX driver (always part of QGIS); one CSV per sheet is written beside it.
"""
from __future__ import annotations

import csv
import math
import os
import re
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Dict, Iterable, List, Optional

from ..core import formatting as fmt
from ..core import operators as ops
from ..core import plan_summary as ps
from ..core import training as trn
from ..core.numbers import num, plain, whole, year_of  # noqa: F401 - the one set (export_plan uses tb.num)
from ..core.plan_summary import is_planned, is_scheduled  # noqa: F401 - one rule for every report

UNASSIGNED_OPERATOR = "(belum ditetapkan)"


@dataclass
class Sheet:
    name: str  # sheet name (Indonesian)
    slug: str  # CSV file suffix
    columns: List[str]  # column keys (also the header row)
    rows: List[list] = field(default_factory=list)
    # the sheet as roadmap.xlsx shows it when it differs from the CSV (which keeps the keys and codes other tools
    # read back): (headers, rows), e.g. 'Desa rencana' in Indonesian
    xlsx: Optional[tuple] = None

    def column(self, key: str) -> list:
        i = self.columns.index(key)
        return [r[i] for r in self.rows]

    def as_dicts(self) -> List[dict]:
        return [dict(zip(self.columns, r)) for r in self.rows]


# ---- reading ------------------------------------------------------------------------------------------------------
def _plain(v: Any) -> Any:
    """QVariant NULL / NaN -> None (core.numbers.plain), QDate / QDateTime -> ISO text."""
    v = plain(v)
    if hasattr(v, "toPyDate"):
        return v.toPyDate().isoformat()
    if hasattr(v, "toPyDateTime"):
        return v.toPyDateTime().isoformat()
    return v


def layer_rows(layer, request=None) -> List[dict]:
    """Attribute rows of a QGIS vector layer (or table) as dicts (without a GeoPackage ``fid``)."""
    if layer is None:
        return []
    names = [f.name() for f in layer.fields()]
    keep = [i for i, n in enumerate(names) if n.lower() != "fid"]  # the GeoPackage's own key is not plan data
    feats = layer.getFeatures(request) if request is not None else layer.getFeatures()
    out = []
    for f in feats:
        attrs = f.attributes()
        out.append({names[i]: _plain(attrs[i]) for i in keep})
    return out


def summary_of(villages: List[dict], kab_field: str, roadmap_rows=None, kab_names=None) -> ps.PlanSummary:
    """The one plan summary (core.plan_summary) of these village rows."""
    start, end = ps.horizon_of(villages, roadmap_rows)
    return ps.summarize(villages, start, end, ps.opex_years_of(roadmap_rows), kab_field=kab_field,
                        kab_names=kab_names, roadmap_table=roadmap_rows)


def parse_money(text: Any) -> Dict[str, float]:
    """``'source=amount;source2=amount'`` -> {source: amount}."""
    out: Dict[str, float] = {}
    for part in str(text or "").split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            key = key.strip()
            if key:
                out[key] = out.get(key, 0.0) + num(value.strip())
    return out


def kab_key_of(row: dict, kab_field: str) -> str:
    return str(row.get(kab_field) or "")


# ---- summaries ----------------------------------------------------------------------------------------------------
YEAR_COLUMNS = ["year", "villages", "population", "capex_idr", "migration_capex_idr", "opex_idr",
                "migration_opex_idr", "total_idr", "techs"]


def by_year(summary: ps.PlanSummary) -> Sheet:
    """Per year of the horizon: villages whose service starts, their people, the CAPEX paid (build years), the
    satellite -> fibre migrations' CAPEX, the villages' OPEX and the migrated villages' fibre OPEX apart (the same
    meanings as in 'Per sumber dana' and 'Tahun x sumber': the four money columns add up to ``total_idr``, the year
    × source table's) and the technologies."""
    sheet = Sheet("Per tahun", "per_tahun", YEAR_COLUMNS)
    years = set(summary.villages_per_year) | set(summary.capex_per_year) | set(summary.opex_per_year)
    years |= set(summary.migration_capex_per_year)
    if summary.end_year >= summary.start_year:
        years |= set(range(summary.start_year, summary.end_year + 1))
    for y in sorted(years):
        techs = ";".join(f"{k}:{v}" for k, v in summary.techs_per_year.get(y, {}).items())
        capex, mig = summary.capex_per_year.get(y, 0), summary.migration_capex_per_year.get(y, 0)
        opex, mig_opex = summary.opex_per_year.get(y, 0), summary.migration_opex_per_year.get(y, 0)
        sheet.rows.append([y, summary.villages_per_year.get(y, 0), summary.people_per_year.get(y, 0), capex, mig,
                           opex - mig_opex, mig_opex, capex + mig + opex, techs])
    return sheet


def overview(summary: ps.PlanSummary) -> Sheet:
    """The plan's headline figures, one per row (the same figures as summary.txt and the PDFs)."""
    t = summary.total
    sheet = Sheet("Ringkasan", "ringkasan", ["figure", "value"])
    for key, value in (("villages", t.villages), ("desa", t.desa), ("kelurahan", t.kelurahan),
                       ("covered", t.covered), ("partial", t.partial), ("blank_spot", t.blank_spot),
                       ("planned", t.planned), ("planned_desa", t.planned_desa),
                       ("planned_kelurahan", t.planned_kelurahan), ("new_coverage", t.new_coverage),
                       ("office_connection", t.office_connection), ("scheduled", t.scheduled),
                       ("unfunded", t.unfunded), ("over_capacity", t.over_capacity), ("new_sites", summary.new_sites),
                       ("people_newly_covered", t.people_newly_covered), ("people_connected", t.people_connected),
                       ("connected_today", t.connected_today),
                       ("continuing", t.continuing), ("people_already_connected", t.people_already_connected),
                       ("service_unfunded", t.service_unfunded),
                       ("people_service_unfunded", t.people_service_unfunded),
                       ("service_unfunded_opex_idr_year", t.service_unfunded_opex_idr_year),
                       ("villages_unfunded", t.villages_unfunded), ("not_planned", t.not_planned),
                       ("migrations", t.migrations), ("migration_capex_idr", t.migration_capex_idr),
                       ("migration_saving_idr_year", t.migration_saving_idr_year),
                       ("capex_scheduled_idr", t.capex_scheduled_idr),
                       ("migration_capex_booked_idr", summary.migration_capex_total_idr),
                       ("capex_total_idr", summary.capex_total_idr),
                       ("opex_total_idr", summary.opex_total_idr),
                       ("migration_opex_total_idr", summary.migration_opex_total_idr),
                       ("opex_years", summary.opex_years), ("horizon_years", summary.horizon_years),
                       ("opex_after_horizon_idr_year", summary.opex_after_horizon_idr_year)):
        sheet.rows.append([key, value])
    return sheet


SOURCE_MONEY = ("capex_idr", "migration_capex_idr", "opex_idr", "migration_opex_idr")


def by_source(roadmap_rows: Optional[List[dict]], villages: Iterable[dict]) -> Sheet:
    """Per funding source (payer): from the roadmap table (year x source) when given, else from the villages'
    ``funding_capex`` / ``funding_opex`` texts. ``total_idr`` is everything the payer pays (the table's
    ``total_idr``: villages' CAPEX and OPEX and the satellite -> fibre migrations' CAPEX and OPEX); the years are
    those in which it pays anything; ``peak_year_idr`` is its largest yearly payment (``peak_year``), to read
    against its yearly cap ``cap_idr`` (a cap per kab/kota: the sum over the kab/kota)."""
    cols = ["source", "label", "capex_idr", "migration_capex_idr", "opex_idr", "migration_opex_idr", "total_idr",
            "villages_connected", "villages_migrated", "people_connected", "first_year", "last_year", "cap_idr",
            "cap_per_kab", "peak_year", "peak_year_idr"]
    sheet = Sheet("Per sumber dana", "per_sumber_dana", cols)
    acc: OrderedDict[str, dict] = OrderedDict()

    def slot(source: str, label: str = "") -> dict:
        return acc.setdefault(source, {"label": label or source, "capex_idr": 0, "opex_idr": 0,
                                       "migration_capex_idr": 0, "migration_opex_idr": 0, "villages": 0,
                                       "migrated": 0, "people": 0, "per_year": defaultdict(int), "cap": None,
                                       "per_kab": None})

    if roadmap_rows:
        for r in sorted(roadmap_rows, key=lambda x: (str(x.get("source") or ""), year_of(x.get("year")) or 0)):
            a = slot(str(r.get("source") or ""), str(r.get("label") or ""))
            for key in SOURCE_MONEY:
                a[key] += whole(r.get(key))
            a["villages"] += whole(r.get("villages_connected"))
            a["migrated"] += whole(r.get("villages_migrated"))
            a["people"] += whole(r.get("people_connected"))
            a["cap"] = whole(r.get("cap_idr")) if r.get("cap_idr") is not None else a["cap"]
            a["per_kab"] = int(bool(whole(r.get("cap_per_kab")))) if r.get("cap_per_kab") is not None else a["per_kab"]
            y = year_of(r.get("year"))
            paid = sum(whole(r.get(key)) for key in SOURCE_MONEY)
            if y is not None and paid:
                a["per_year"][y] += paid
    else:
        for r in villages:
            if not is_scheduled(r):
                continue
            capex = parse_money(r.get("funding_capex"))
            opex = parse_money(r.get("funding_opex"))
            main = max(capex, key=capex.get) if capex else None
            for source in sorted(set(capex) | set(opex)):
                a = slot(source)
                a["capex_idr"] += whole(capex.get(source))
                a["opex_idr"] += whole(opex.get(source))
                a["per_year"][year_of(r.get("year"))] += whole(capex.get(source)) + whole(opex.get(source))
                if source == main:
                    a["villages"] += 1
                    a["people"] += whole(r.get("population"))
    for source, a in acc.items():
        per_year = {y: v for y, v in a["per_year"].items() if y is not None and v}
        years = sorted(per_year)
        peak = peak_year(per_year)
        total = sum(a[key] for key in SOURCE_MONEY)
        sheet.rows.append([source, a["label"], a["capex_idr"], a["migration_capex_idr"], a["opex_idr"],
                           a["migration_opex_idr"], total, a["villages"], a["migrated"], a["people"],
                           years[0] if years else None, years[-1] if years else None, a["cap"], a["per_kab"],
                           peak, per_year.get(peak) if peak is not None else None])
    return sheet


def peak_year(paid: Dict[Any, Any]) -> Optional[int]:
    """The year in which a payer pays most (``paid``: {year: what it pays that year}), the earliest of years that
    pay the same; None when it pays nothing (a year None or paying 0 is no year it pays). The report's column *Tahun
    tertinggi* (:func:`by_source`'s ``peak_year``) and the consistency check's reading of it."""
    years = [y for y, v in paid.items() if y is not None and v]
    return max(years, key=lambda y: (paid[y], -y)) if years else None


def year_source(roadmap_rows: Optional[List[dict]]) -> Sheet:
    """The roadmap's year x source table as plan.gpkg holds it (the same columns and meanings)."""
    cols = ["year", "source", "capex_idr", "migration_capex_idr", "opex_idr", "migration_opex_idr", "total_idr",
            "cap_idr", "villages_connected", "villages_migrated", "people_connected"]
    sheet = Sheet("Tahun x sumber", "tahun_x_sumber", cols)
    for r in sorted(roadmap_rows or [], key=lambda x: (year_of(x.get("year")) or 0, str(x.get("source") or ""))):
        money = [whole(r.get(key)) for key in ("capex_idr", "migration_capex_idr", "opex_idr", "migration_opex_idr")]
        sheet.rows.append([year_of(r.get("year")), str(r.get("source") or "")] + money + [
            sum(money), whole(r.get("cap_idr")) if r.get("cap_idr") is not None else None,
            whole(r.get("villages_connected")), whole(r.get("villages_migrated")), whole(r.get("people_connected"))])
    return sheet


def by_operator(operator_rows: Optional[List[dict]], villages: Iterable[dict]) -> Sheet:
    """Operator packages: the roadmap's table as it is when given, else made from the roadmap's villages by the
    roadmap's own rule (core.operators.operator_packages, :func:`packages_of_rows`), so the sheet and the printed
    table say the same with or without the table: the packages' CAPEX/OPEX were all their planned villages' (the
    unfunded too) and a BTS village's operator made a package, where the roadmap's table counts the scheduled
    villages' money and gives an operator the villages on its tower (found 7 December)."""
    if operator_rows:
        cols = list(operator_rows[0].keys())
        sheet = Sheet("Per operator", "per_operator", cols)
        for r in operator_rows:
            sheet.rows.append([r.get(c) for c in cols])
        return sheet
    sheet = Sheet("Per operator", "per_operator", list(ops.PACKAGE_COLUMNS))
    sheet.rows = [list(r) for r in ops.package_rows(packages_of_rows(villages), UNASSIGNED_OPERATOR)]
    return sheet


def packages_of_rows(villages: Iterable[dict]) -> dict:
    """core.operators.operator_packages of a roadmap's village rows (``kode``, ``tech``, ``operator``, costs,
    ``fund_status``, ``year``, ``existing``): a village the programme connected (core.plan_summary.
    is_programme_connected) is in no package; without roadmap columns every planned village is the package's work."""
    villages = list(villages)
    records, schedule = [], []
    with_roadmap = any("fund_status" in r or "year" in r for r in villages)
    for r in villages:
        code = str(r.get("kode") or r.get("code") or "")
        records.append(SimpleNamespace(
            code=code, name=r.get("nama"), kab_code=r.get("kode_kab"), kec_code=r.get("kode_kec"),
            kec_name=r.get("nama_kec"), tech=r.get("tech"), population=whole(r.get("population")),
            capex_idr=r.get("capex_idr"), opex_idr_year=r.get("opex_idr_year"), operator=r.get("operator"),
            existing_service=ps.is_programme_connected(r)))
        status = ops.SCHEDULED if is_scheduled(r) else str(r.get("fund_status") or "unfunded")
        schedule.append(SimpleNamespace(code=code, status=status,
                                        year=year_of(r.get("year")) if status == ops.SCHEDULED else None))
    return ops.operator_packages(records, roadmap=SimpleNamespace(villages=schedule) if with_roadmap else None)


KAB_COLUMNS = ["kab", "name", "villages", "covered", "partial", "blank_spot", "connected_today", "continuing",
               "service_unfunded", "planned", "scheduled", "unfunded", "over_capacity", "not_planned", "population",
               "population_blank_spot", "capex_idr", "capex_scheduled_idr",
               "opex_idr_year", "migrations", "migration_capex_idr"]


def by_kabkota(summary: ps.PlanSummary) -> Sheet:
    """Per kab/kota: village counts by status, planned and scheduled villages, population, costs."""
    sheet = Sheet("Per kab-kota", "per_kab_kota", KAB_COLUMNS)
    for key, t in summary.per_kab.items():
        sheet.rows.append([key, summary.kab_names.get(key, key)] + [getattr(t, c) for c in KAB_COLUMNS[2:]])
    return sheet


def copy_table(name: str, slug: str, rows: Optional[List[dict]], columns: List[str]) -> Sheet:
    cols = list(rows[0].keys()) if rows else list(columns)
    sheet = Sheet(name, slug, cols)
    for r in rows or []:
        sheet.rows.append([r.get(c) for c in cols])
    return sheet


TRAINING_COLUMNS = ["year", "kec_code", "kec_name", "batch_no", "trainees", "villages", "cost_idr",
                    "village_trainees"]


def training_sheet(rows: Optional[List[dict]]) -> Sheet:
    """plan.gpkg's training_plan as it is; with its ``village_trainees`` (``kode:n``, ``kode:n/m`` for a village
    whose m trainees span two batches) a ``catatan`` column says, for each batch holding part of a village, where
    the rest of that village's trainees are: "64.09.01.1013: 1 dari 2 peserta di angkatan ini, 1 di angkatan 2"."""
    sheet = copy_table("Pelatihan", "pelatihan", rows, TRAINING_COLUMNS)
    if not rows or "village_trainees" not in sheet.columns:
        return sheet
    where = defaultdict(list)  # (year, kecamatan, village) -> [(batch, trainees)]
    parsed = []
    for r in rows:
        items = trn.parse_village_trainees(str(r.get("village_trainees") or ""))
        parsed.append(items)
        for code, n, _m in items:
            where[(r.get("year"), r.get("kec_code"), code)].append((r.get("batch_no"), n))
    sheet.columns.append("catatan")
    for r, out, items in zip(rows, sheet.rows, parsed):
        notes = []
        for code, n, m in items:
            if n == m:
                continue
            others = ", ".join(f"{k} di angkatan {b}" for b, k in where[(r.get("year"), r.get("kec_code"), code)]
                               if b != r.get("batch_no"))
            notes.append(f"{code}: {n} dari {m} peserta di angkatan ini" + (f", {others}" if others else ""))
        out.append("; ".join(notes))
    return sheet
SHARING_COLUMNS = ["site_id", "site_operator", "code", "year", "tower_id", "tower_operator", "distance_m"]
VILLAGE_COLUMNS = ["priority_rank", "kode", "nama", "nama_kec", "nama_kab", "status", "tech", "year",
                   "fund_status", "population", "pop_flag", "capex_idr", "opex_idr_year", "operator", "funding_capex",
                   "funding_opex", "unfunded_reason", "reason"]


#: the planned villages' columns as roadmap.xlsx heads them (the report is Indonesian; the CSV keeps the keys)
VILLAGE_HEADINGS_ID = {
    "priority_rank": "Peringkat prioritas", "kode": "Kode desa", "nama": "Nama desa", "nama_kec": "Kecamatan",
    "nama_kab": "Kab/kota", "status": "Status sinyal", "tech": "Teknologi", "year": "Tahun mulai layanan",
    "fund_status": "Status pendanaan", "population": "Penduduk", "pop_flag": "Keterangan penduduk",
    "capex_idr": "Capex (Rp)", "opex_idr_year": "Opex per tahun (Rp)", "operator": "Operator",
    "funding_capex": "Sumber dana capex (Rp)", "funding_opex": "Sumber dana opex (Rp, seluruh periode)",
    "unfunded_reason": "Alasan belum terdanai", "reason": "Alasan pilihan teknologi"}
#: codes of the planned villages' columns in Indonesian (labels.py tables; the codes stay in the CSV)
VILLAGE_VALUE_KINDS = {"status": "coverage_status", "tech": "tech", "fund_status": "fund_status"}
POP_FLAG_ID = {"estimated": "perkiraan", "census": "sensus", "synthetic": "sintetis"}


def planned_villages(villages: Iterable[dict], payers: Optional[Dict[str, str]] = None) -> Sheet:
    """The planned villages, by priority: the CSV with the plan's keys and codes, roadmap.xlsx with Indonesian
    headings and values (``payers``: funding source code -> its name, as the report's tables print it)."""
    rows = [r for r in villages if is_planned(r)]
    present = [c for c in VILLAGE_COLUMNS if any(c in r for r in rows[:1])] if rows else VILLAGE_COLUMNS[:]
    sheet = Sheet("Desa rencana", "desa_rencana", present)
    rows.sort(key=lambda r: (year_of(r.get("priority_rank")) or 10**9, str(r.get("kode") or "")))
    for r in rows:
        sheet.rows.append([r.get(c) for c in present])
    sheet.xlsx = ([VILLAGE_HEADINGS_ID.get(c, c) for c in present],
                  [[_village_value_id(c, v, payers or {}) for c, v in zip(present, r)] for r in sheet.rows])
    return sheet


def _village_value_id(column: str, value: Any, payers: Dict[str, str]) -> Any:
    """A planned village's cell in Indonesian: labels for codes ('blank_spot' -> 'Blank spot', 'satellite' ->
    'Satelit (VSAT/Starlink)'), payers by name ('prog_internet_desa=15000000' -> 'Program Internet Desa (APBD
    Provinsi): 15.000.000'); numbers and free text as they are."""
    from ..labels import label  # the printed names (report -> labels: allowed; here only when a sheet is built)

    if value is None or value == "":
        return value
    if column in VILLAGE_VALUE_KINDS:
        return label(VILLAGE_VALUE_KINDS[column], value, "id")
    if column == "pop_flag":
        return POP_FLAG_ID.get(str(value), value)
    if column in ("funding_capex", "funding_opex"):
        parts = parse_money(value)
        if parts:
            return "; ".join(f"{payers.get(k) or label('funding_source', k, 'id')}: {int_id(v)}"
                             for k, v in parts.items())
    return value


def payer_names(sources: Optional[Sheet]) -> Dict[str, str]:
    """source code -> the payer's name as the report's per-source table prints it (the sheet's ``label``, else the
    code's label): the charts and the 'Desa rencana' sheet name the payers as the tables do ("APBD Provinsi
    (infrastruktur)", not "APBD Provinsi" beside "Program Internet Desa (APBD Provinsi)")."""
    from ..labels import label  # (report -> labels: allowed; here only when a sheet is built)

    if sources is None:
        return {}
    return {r["source"]: str(r.get("label") or label("funding_source", r["source"], "id")) for r in sources.as_dicts()}


def build_sheets(villages: List[dict], kab_field: str, roadmap_rows=None, training_rows=None, operator_rows=None,
                 sharing_rows=None, kab_names=None) -> List[Sheet]:
    summary = summary_of(villages, kab_field, roadmap_rows, kab_names)
    sources = by_source(roadmap_rows, villages)
    sheets = [overview(summary), by_year(summary), sources,
              by_operator(operator_rows, villages), by_kabkota(summary),
              training_sheet(training_rows)]
    if roadmap_rows:
        sheets.append(year_source(roadmap_rows))
    if sharing_rows:
        sheets.append(copy_table("Berbagi menara", "berbagi_menara", sharing_rows, SHARING_COLUMNS))
    sheets.append(planned_villages(villages, payer_names(sources)))
    return sheets


# ---- writing ------------------------------------------------------------------------------------------------------
def _kind(values: list) -> str:
    seen = [v for v in values if v is not None and v != ""]
    if seen and all(isinstance(v, bool) for v in seen):
        return "int"
    if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return "int"
    if seen and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen):
        return "real"
    return "str"


def write_xlsx(path: str, sheets: List[Sheet]) -> str:
    """One worksheet per sheet with GDAL's XLSX driver (numbers stay numbers)."""
    from osgeo import ogr

    if os.path.exists(path):
        os.remove(path)
    driver = ogr.GetDriverByName("XLSX")
    if driver is None:
        raise RuntimeError("GDAL XLSX driver missing")
    ds = driver.CreateDataSource(path)
    if ds is None:
        raise RuntimeError(f"cannot create {path}")
    for sheet in sheets:
        columns, rows = sheet.xlsx or (sheet.columns, sheet.rows)
        lyr = ds.CreateLayer(sheet.name, None, ogr.wkbNone)
        kinds = []
        for i, col in enumerate(columns):
            kind = _kind([r[i] for r in rows])
            kinds.append(kind)
            ftype = {"int": ogr.OFTInteger64, "real": ogr.OFTReal}.get(kind, ogr.OFTString)
            lyr.CreateField(ogr.FieldDefn(col, ftype))
        for r in rows:
            feat = ogr.Feature(lyr.GetLayerDefn())
            for i, v in enumerate(r):
                if v is None or v == "":
                    continue
                if kinds[i] == "int":
                    feat.SetField(i, int(v))
                elif kinds[i] == "real":
                    feat.SetField(i, float(v))
                else:
                    feat.SetField(i, str(v))
            lyr.CreateFeature(feat)
            feat = None
        if not rows:  # GDAL writes no header for an empty sheet; add a blank row so the columns show
            feat = ogr.Feature(lyr.GetLayerDefn())
            lyr.CreateFeature(feat)
            feat = None
    ds = None
    return path


def slugify(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()


def write_csvs(folder: str, sheets: List[Sheet], prefix: str = "roadmap_") -> List[str]:
    paths = []
    for sheet in sheets:
        path = os.path.join(folder, f"{prefix}{sheet.slug}.csv")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(sheet.columns)
            for r in sheet.rows:
                w.writerow(["" if v is None else v for v in r])
        paths.append(path)
    return paths


def money_short(v: Any) -> str:
    """Rp in millions/billions for layout text: 'Rp 12,3 miliar' / 'Rp 450 juta' (core.formatting.money)."""
    return fmt.money(num(v), "id")


def money_one_decimal(v: Any) -> str:
    """'Rp 7,8 miliar': :func:`money_short` with at most one decimal (it keeps a second one under 10 units, 'Rp 7,77
    miliar'), so that a summary's figures read alike."""
    text = money_short(v)
    return fmt.money(num(v), "id", 0) if re.search(r",\d\d\b", text) else text


#: a money figure as :func:`money_short` / :func:`money_one_decimal` print it: 'Rp 21,6 miliar', 'Rp 88,5 juta',
#: 'Rp 26 miliar', 'Rp 650.000' (below a juta, every rupiah)
PRINTED_MONEY = r"Rp\s+-?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?:\s+(?:triliun|miliar|juta)\b)?"


def printed_money(text: str) -> Optional[tuple]:
    """A money figure as printed (:data:`PRINTED_MONEY`), read back: (its value in rupiah, the step of its last
    printed digit), 'Rp 7,8 miliar' -> (7.8e9, 1e8): the exact money it stands for is less than half a step from
    the value. None when ``text`` is not such a figure."""
    from decimal import Decimal

    m = re.fullmatch(r"Rp\s+(-?)(\d{1,3}(?:\.\d{3})*)(?:,(\d+))?(?:\s+(triliun|miliar|juta))?", text.strip())
    if m is None:
        return None
    unit = Decimal(int({"triliun": 1e12, "miliar": 1e9, "juta": 1e6}.get(m.group(4) or "", 1)))
    digits = m.group(3) or ""
    value = Decimal(m.group(1) + m.group(2).replace(".", "") + ("." + digits if digits else "")) * unit
    return float(value), float(unit.scaleb(-len(digits)))


def int_id(v: Any) -> str:
    """Integer with Indonesian thousands separator (core.formatting.integer: half away from zero, 88.5 -> 89)."""
    return fmt.integer(num(v), "id")


#: the first cell of a printed table's total row (printed output is Indonesian by design): the report writes it
#: (export_plan.report_tables), the consistency check reads it back (:func:`total_figures`)
TOTAL_LABEL = "Jumlah"


#: the per-source table's cell of a payer's yearly cap (export_plan.report_tables): the cap in whole juta
#: (:func:`figure_beside`), then :data:`PER_KAB` when the cap is each kab/kota's ('5.000 per kab/kota'); a payer
#: whose cap the plan's table does not hold prints :data:`NO_FIGURE`. The consistency check reads them back
#: (:func:`report.consistency.printed_caps`)
PER_KAB = " per kab/kota"
NO_FIGURE = "–"


#: a whole number as :func:`int_id` prints it ('7', '2.532.575', '-1.300')
PRINTED_INT = r"-?\d{1,3}(?:\.\d{3})*"


def units_of(text: str) -> int:
    """A whole number as :func:`int_id` prints it, read back: '2.532.575' -> 2532575, '-1.300' -> -1300."""
    return int(text.replace(".", ""))


def total_figures(line: str) -> Optional[List[int]]:
    """The figures of a printed total row (a line of ``pdftotext -layout``: :data:`TOTAL_LABEL` then only whole
    numbers as :func:`int_id` prints them, '  Jumlah   21.574   61.888   79.480 162.942'), else None (any other
    line). The one reading of the total rows the report prints (:func:`report.consistency.printed_money_agrees`)."""
    m = re.match(r"^\s*" + re.escape(TOTAL_LABEL) + r"((?:\s+" + PRINTED_INT + r")+)\s*$", line)
    return [units_of(t) for t in m.group(1).split()] if m else None


def in_units(values: Iterable[Any], unit: float = 1.0, target: Optional[int] = None) -> tuple:
    """(each value, their total) as whole ``unit``s (juta: 1e6) so that the printed column adds up to its printed
    total: the total is rounded half away from zero (or ``target``, a whole number less than 1 from the exact total:
    the same money as another table prints it, :func:`round_tables`) and each value rounded down or up (largest
    remainder: each value
    is first rounded on its own, then as many as the column needs go the other way, those closest to half first).
    Equal values print equal whenever the column can still add up: they go the other way together or not at all (a
    constant OPEX prints the same every year, not 16.351 then 16.350; another value goes instead), and only when no
    such choice adds up are they split, in table order. A whole value never moves. Values below zero are rounded on
    their own."""
    xs = [num(v) / unit for v in values]
    total = sum(xs)
    if target is None:
        target = _half_away(total)
    if any(x < 0 for x in xs):
        return [_half_away(x) for x in xs], target
    floors = [math.floor(x + 1e-9) for x in xs]
    rem = [max(x - f, 0.0) for x, f in zip(xs, floors)]
    up = [r >= 0.5 - 1e-9 for r in rem]
    out = [f + u for f, u in zip(floors, up)]
    need = target - sum(out)
    if need == 0:
        return out, target
    step = 1 if need > 0 else -1
    groups: Dict[float, List[int]] = {}  # equal values (hence equal remainders), in table order
    for i, x in enumerate(xs):
        if rem[i] > 1e-9 and up[i] == (step < 0):  # those that can go the other way
            groups.setdefault(x, []).append(i)
    ranked = sorted(groups.values(), key=lambda g: (abs(rem[g[0]] - 0.5), g[0]))
    if _whole_groups(ranked, abs(need), out, step):
        return out, target
    # no choice of whole groups adds up: the plain largest remainder (ties in table order)
    out = list(floors)
    order = sorted(range(len(xs)), key=lambda i: (-rem[i], i))
    for i in order[:max(0, target - sum(out))]:
        out[i] += 1
    return out, target


def _half_away(x: float) -> int:
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def _whole_groups(ranked: List[List[int]], need: int, out: List[int], step: int) -> bool:
    """Move ``need`` values of ``out`` by ``step``, whole groups of ``ranked`` only, the first groups first as long
    as the rest can still be made up; False (``out`` unchanged) when no choice of groups makes ``need``."""
    reach = [set() for _ in range(len(ranked) + 1)]  # reach[k]: counts the groups k.. can make together
    reach[-1] = {0}
    for k in range(len(ranked) - 1, -1, -1):
        reach[k] = reach[k + 1] | {n + len(ranked[k]) for n in reach[k + 1] if n + len(ranked[k]) <= need}
    if need not in reach[0]:
        return False
    for k, g in enumerate(ranked):
        if need - len(g) in reach[k + 1]:
            for i in g:
                out[i] += step
            need -= len(g)
    return True


# ---- the printed tables' one rounding rule ----------------------------------------------------------------------
@dataclass
class Rounded:
    """A money table as printed, in whole units: ``cells[row][column]``, the rows' totals, the columns' totals and
    the grand total (each row adds up to its total, each column to its total, both to the grand total)."""
    cells: List[List[int]]
    rows: List[int]
    columns: List[int]
    grand: int


#: the weight of a printed figure's distance from its nearest rounding: the column totals first (they are the
#: figures other tables print for the same money), equal amounts of a column next, then the rows' totals, the cells
_W_COLUMN, _W_EQUAL, _W_ROW, _W_CELL = 1000, 100, 10, 1
_BIG = 10 ** 15  # a unit a bound requires (a total's floor): dearer than every preference together


def _split(x: float) -> tuple:
    """(floor, fraction) of ``x`` in units; a fraction below 1e-9 is none (a whole value never moves)."""
    f = math.floor(x + 1e-9)
    r = x - f
    return f, (r if r > 1e-9 else 0.0)


def _up_cost(r: float, weight: float, negative: bool = False) -> int:
    """What printing a figure one unit above its floor costs (in millionths: whole numbers, so that no rounding
    error of the costs makes a cycle look cheaper than nothing): below zero when that is its nearest rounding (half
    away from zero: a positive half goes up)."""
    return int(round(weight * (1.0 - 2.0 * r) * 1e6)) + int(weight) * (1 if negative else -1)


def _bounds(r: float) -> tuple:
    return math.floor(r + 1e-9), math.ceil(r - 1e-9)


def _min_cost_flow(n: int, edges: list, s: int, t: int) -> List[int]:
    """The flow of each edge ``(u, v, capacity, cost)`` of a cheapest flow from ``s`` to ``t`` of any size
    (successive shortest paths while a path costs less than nothing; the network has no cycle to begin with)."""
    head: List[List[int]] = [[] for _ in range(n)]
    to, cap, cost = [], [], []
    for u, v, c, w in edges:
        for a, b, cc, ww in ((u, v, c, w), (v, u, 0, -w)):
            head[a].append(len(to))
            to.append(b)
            cap.append(cc)
            cost.append(ww)
    while True:
        dist: list = [math.inf] * n
        prev = [-1] * n
        dist[s] = 0
        for _ in range(n):  # Bellman-Ford: a few dozen nodes
            changed = False
            for u in range(n):
                if dist[u] == math.inf:
                    continue
                for e in head[u]:
                    if cap[e] > 0 and dist[u] + cost[e] < dist[to[e]]:
                        dist[to[e]] = dist[u] + cost[e]
                        prev[to[e]] = e
                        changed = True
            if not changed:
                break
        if dist[t] >= 0:
            break
        push, v = math.inf, t
        while v != s:
            e = prev[v]
            push = min(push, cap[e])
            v = to[e ^ 1]
        v = t
        while v != s:
            e = prev[v]
            cap[e] -= push
            cap[e ^ 1] += push
            v = to[e ^ 1]
    return [cap[2 * k + 1] for k in range(len(edges))]


def round_tables(tables: List[List[List[Any]]], unit: float = 1.0) -> List[Rounded]:
    """One rounding rule for every printed money table (controlled rounding): each figure — cell, row total,
    column total, grand total — is its exact value rounded down or up to a whole ``unit`` (so less than 1 unit
    from it; a whole value is printed as it is), every row adds up to its printed total and every column to its
    printed total. Among the roundings that do, the nearest is chosen: first for the column totals, then for
    equal amounts of a column (a constant OPEX prints the same every year), the rows' totals and the cells.

    ``tables``: one table, or two tables that split the same columns (the same money per column, to the rupiah:
    the per-year and the per-source tables): the two are rounded together, so they print the same column totals
    and grand total. Such a rounding always exists: it is an integral flow through a network whose exact values
    are a flow (rows -> columns -> the second table's rows), found here as a cheapest flow."""
    xs = [[[num(v) / unit for v in row] for row in t] for t in tables]
    k = max((len(row) for t in xs for row in t), default=0)
    for t in xs:
        for row in t:
            row.extend([0.0] * (k - len(row)))
    parts = [[[_split(x) for x in row] for row in t] for t in xs]
    nodes = {"S": 0, "Z": 1, "T": 2}

    def node(key) -> int:
        return nodes.setdefault(key, len(nodes))

    edges: list = []
    cells: dict = {}  # (table, row, column) -> edge index

    def bounded(u: int, v: int, r: float, weight: float) -> None:
        lo, hi = _bounds(r)
        if lo:
            edges.append((u, v, lo, -_BIG))
        if hi > lo:
            edges.append((u, v, 1, _up_cost(r - lo, weight)))

    def equal_groups(t: int) -> List[dict]:
        per_col = []
        for j in range(k):
            seen: dict = {}
            for row in xs[t]:
                seen[round(row[j] * unit)] = seen.get(round(row[j] * unit), 0) + 1
            per_col.append(seen)
        return per_col

    def cell_edges(t: int, row_node, col_node, reverse: bool) -> None:
        groups = equal_groups(t)
        for i, row in enumerate(parts[t]):
            for j, (_f, r) in enumerate(row):
                if not r:
                    continue
                x = xs[t][i][j]
                c = _up_cost(r, _W_CELL, x < 0)
                if groups[j][round(x * unit)] > 1:  # an amount the column holds more than once
                    c += (-_W_EQUAL if c < 0 else _W_EQUAL) * 10 ** 6
                u, v = (col_node(j), row_node(i)) if reverse else (row_node(i), col_node(j))
                cells[(t, i, j)] = len(edges)
                edges.append((u, v, 1, c))

    # the first table: S -> its rows -> the columns (in -> out: the column totals)
    for i, row in enumerate(parts[0]):
        bounded(0, node(("A", i)), sum(r for _, r in row), _W_ROW)
    cell_edges(0, lambda i: node(("A", i)), lambda j: node(("in", j)), False)
    gamma = [sum(parts[0][i][j][1] for i in range(len(parts[0]))) for j in range(k)]
    for j in range(k):
        bounded(node(("in", j)), node(("out", j)), gamma[j], _W_COLUMN)
    last = 0
    if len(tables) > 1:
        # the second table: the columns -> its rows -> T. Its floors differ from the first table's: the column's
        # units above the first table's floors that the second table's floors already hold leave at the column
        last = 1
        cell_edges(1, lambda i: node(("B", i)), lambda j: node(("out", j)), True)
        for i, row in enumerate(parts[1]):
            bounded(node(("B", i)), 2, sum(r for _, r in row), _W_ROW)
        for j in range(k):
            d = sum(p[j][0] for p in parts[1]) - sum(p[j][0] for p in parts[0])
            if d > 0:
                edges.append((node(("out", j)), 1, d, -_BIG))
            elif d < 0:
                edges.append((0, node(("out", j)), -d, -_BIG))
    else:
        for j in range(k):
            edges.append((node(("out", j)), 2, 10 ** 9, 0))
    # the grand total: the last table's rows' fractions, rounded down or up (no preference: the columns decide)
    bounded(2, 1, sum(r for row in parts[last] for _, r in row), 0)
    flow = _min_cost_flow(len(nodes), edges, 0, 1)
    out = []
    for t, table in enumerate(parts):
        printed = [[f + (flow[cells[(t, i, j)]] if (t, i, j) in cells else 0) for j, (f, _r) in enumerate(row)]
                   for i, row in enumerate(table)]
        columns = [sum(row[j] for row in printed) for j in range(k)]
        out.append(Rounded(printed, [sum(row) for row in printed], columns, sum(columns)))
    return out


def figure_beside(value: Any, total: Any, printed_total: int, unit: float = 1.0) -> int:
    """A figure printed beside a row's total (a payer's busiest year, its cap), in whole ``unit``s: the total as
    printed when it is the same money, else the figure rounded half away from zero but never past the printed
    total on the other side (a year's payment below the payer's total never prints above it). Less than 1 unit
    from its value, and a larger figure never prints smaller."""
    v, t = num(value), num(total)
    if round(v) == round(t):
        return printed_total
    own = _half_away(v / unit)
    return min(own, printed_total) if v < t else max(own, printed_total)
