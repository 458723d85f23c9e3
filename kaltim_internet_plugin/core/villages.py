"""Village model: field detection, code parsing and validation rules.

Pure Python, no Qt: findings carry a rule and values, :func:`..errors.finding_text` gives their text. The QGIS
adapter (``io/layers.py``) turns a layer into
:class:`VillageRecord` objects and calls :func:`validate_records`.

Three naming schemes are recognised:

* **Kemendagri** (the sample, most government data): ``kode`` = ``64.01.01.2009``, ``nama``, ``nama_kec``, ``nama_kab``.
* **BIG-RBI** (Badan Informasi Geospasial administrative boundaries): ``KDEPUM`` (Kemendagri code), ``NAMOBJ``
  or ``WADMKD`` (village), ``WADMKC`` (kecamatan), ``WADMKK`` (kab/kota), ``WADMPR`` (province).
* **BPS** (statistics office, 10-digit codes ``6401010001``): ``iddesa``/``kode_bps``/``kddesa``, ``nmdesa``, ``nmkec``,
  ``nmkab``.

A Kemendagri village code is ``PP.KK.CC.XDDD`` (province, kab/kota, kecamatan, village); the first digit of the
village part tells *kelurahan* (1) from *desa* (2). BPS codes (``PPKKCCCDDD``) carry no such flag.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, make_dataclass
from typing import Iterable, Optional

from . import numbers

PROVINCE_CODE = "64"
ROLES = ("code", "name", "kecamatan", "kabkota", "population")

# Candidate field names per scheme and role, in order of preference (compared case-insensitively).
SCHEMES: dict[str, dict[str, tuple[str, ...]]] = {
    "kemendagri": {
        "code": ("kode", "kode_desa", "kode_kel", "kode_wilayah", "kd_desa", "kode_kemendagri", "kdepum"),
        "name": ("nama", "nama_desa", "nama_kel", "desa", "kelurahan", "nm_desa"),
        "kecamatan": ("nama_kec", "kecamatan", "kec", "nm_kec"),
        "kabkota": ("nama_kab", "kabupaten", "kab_kota", "kabkota", "nm_kab"),
        "population": ("penduduk", "population", "jumlah_penduduk", "jml_pddk", "pop", "jumlah_pddk"),
    },
    "big_rbi": {
        "code": ("kdepum", "kdppum", "kdebps"),
        "name": ("namobj", "wadmkd"),
        "kecamatan": ("wadmkc",),
        "kabkota": ("wadmkk",),
        "population": ("jumlahpddk", "jmlpddk", "penduduk", "jumlah_pen", "population"),
    },
    "bps": {
        "code": ("iddesa", "kode_bps", "kddesa", "idbps", "kode_desa_bps", "id_desa", "kdbps"),
        "name": ("nmdesa", "nama_desa", "desa", "nama"),
        "kecamatan": ("nmkec", "kecamatan", "nama_kec"),
        "kabkota": ("nmkab", "kabupaten", "nama_kab"),
        "population": ("penduduk", "jumlah_penduduk", "population", "pop"),
    },
}

KEMENDAGRI_RE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{2})\.(\d{4})$")
KEMENDAGRI_UNDOTTED_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})(\d{4})$")
BPS_RE = re.compile(r"^(\d{2})(\d{2})(\d{3})(\d{3})$")


def _mapping_as_dict(self) -> dict:
    return {role: getattr(self, role) for role in ("scheme",) + ROLES}


def _mapping_from_dict(cls, data: dict):
    return cls(**{k: (data.get(k) or "") for k in ("scheme",) + ROLES})


# The code scheme and one field name per role of ROLES ("" = not found): one field per role, from ROLES itself.
FieldMapping = make_dataclass(
    "FieldMapping", [(role, str, field(default="")) for role in ("scheme",) + ROLES],
    namespace={"__module__": __name__, "as_dict": _mapping_as_dict, "from_dict": classmethod(_mapping_from_dict),
               "__doc__": "Which field of a village layer holds each role (code, name, ...), and the code scheme."})


def detect_fields(field_names: Iterable[str], overrides: Optional[dict] = None) -> FieldMapping:
    """Pick the scheme whose names match best, then the first matching name for each role.

    ``overrides`` (role -> field name) win over detection when the field exists.
    """
    names = list(field_names)
    lower = {n.lower(): n for n in names}
    best_scheme, best_hits, best_map = "", -1, {}
    for scheme, roles in SCHEMES.items():
        mapping, hits = {}, 0
        for role, candidates in roles.items():
            for cand in candidates:
                if cand in lower:
                    mapping[role] = lower[cand]
                    # the code field is what distinguishes schemes most
                    hits += 3 if role == "code" else 1
                    break
        if hits > best_hits:
            best_scheme, best_hits, best_map = scheme, hits, mapping
    result = FieldMapping(scheme=best_scheme if best_hits > 0 else "", **best_map)
    for role, value in (overrides or {}).items():
        if role in ROLES and value and value in names:
            setattr(result, role, value)
    return result


@dataclass
class ParsedCode:
    raw: str
    normalized: str = ""
    scheme: str = ""  # kemendagri | bps
    province: str = ""
    kabkota: str = ""
    kecamatan: str = ""
    kind: str = ""  # desa | kelurahan | "" (unknown)
    error: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def parse_code(value, scheme: str = "kemendagri") -> ParsedCode:
    """Parse a village code. ``scheme`` decides how an undotted 10-digit code is read."""
    raw = "" if value is None else str(value).strip()
    if raw.endswith(".0") and raw[:-2].isdigit():  # numbers read from spreadsheets
        raw = raw[:-2]
    parsed = ParsedCode(raw=raw)
    if not raw or raw.upper() in ("NULL", "NONE", "NAN"):
        parsed.error = "missing"
        return parsed
    m = KEMENDAGRI_RE.match(raw)
    if m is None and scheme != "bps":
        m = KEMENDAGRI_UNDOTTED_RE.match(raw)
        if m:
            parsed.note = "undotted"
    if m:
        p, k, c, v = m.groups()
        parsed.scheme = "kemendagri"
        parsed.normalized = f"{p}.{k}.{c}.{v}"
        parsed.province, parsed.kabkota, parsed.kecamatan = p, f"{p}.{k}", f"{p}.{k}.{c}"
        parsed.kind = {"1": "kelurahan", "2": "desa"}.get(v[0], "")
        if not parsed.kind:
            parsed.error = "malformed"
        return parsed
    m = BPS_RE.match(raw)
    if m and scheme == "bps":
        p, k, c, _v = m.groups()
        parsed.scheme = "bps"
        parsed.normalized = raw
        parsed.province, parsed.kabkota, parsed.kecamatan = p, p + k, p + k + c
        return parsed
    parsed.error = "malformed"
    return parsed


def village_kind(code) -> str:
    """'desa', 'kelurahan' or '' for a Kemendagri code."""
    return parse_code(code).kind


@dataclass
class VillageRecord:
    fid: int
    code: object = None
    name: object = None
    population: object = None
    kabkota: object = None
    geometry_empty: bool = False
    geometry_error: str = ""  # empty when valid


@dataclass
class Finding:
    """One validation finding: its rule (the code that ``errors.finding_text`` turns into the problem and the fix
    in the user's language), the feature it names and the values the text needs."""

    severity: str  # "error" | "warning" | "info"
    rule: str
    fid: Optional[int] = None
    code: str = ""
    params: dict = field(default_factory=dict)


@dataclass
class ValidationReport:
    layer_name: str = ""
    feature_count: int = 0
    mapping: FieldMapping = field(default_factory=FieldMapping)
    findings: list = field(default_factory=list)
    counts_by_kabkota: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors


def validate_records(records: list, mapping: FieldMapping, report: Optional[ValidationReport] = None,
                     province: str = PROVINCE_CODE) -> ValidationReport:
    """Apply every attribute and geometry rule to the records; findings name the feature (``fid``, ``code``) and
    carry their rule and values; ``errors.finding_text`` gives the problem and the fix in the user's language."""
    report = report or ValidationReport()
    report.mapping = mapping
    report.feature_count = len(records)
    if not records:
        report.add(Finding("error", "empty_layer"))
        return report
    if not mapping.code:
        report.add(Finding("error", "no_code_field"))
    if not mapping.name:
        report.add(Finding("warning", "no_name_field"))
    if not mapping.population:
        report.add(Finding("warning", "no_population_field"))
    seen: dict[str, int] = {}
    code_scheme = "bps" if mapping.scheme == "bps" else "kemendagri"
    population = None
    if mapping.population:  # one column: '1.234' read the same way in every feature (core.numbers)
        population = numbers.parse_column([r.population for r in records], mapping.population, numbers.POPULATION,
                                          rows=[r.fid for r in records])
        no_population = {r.fid for r, v in zip(records, population.values) if v is None}
        for issue in population.issues:
            if issue.row is None:  # a finding about the whole column (e.g. how '1.234' was read)
                report.add(Finding(issue.severity, "population_" + issue.code, None, "", {"issue": issue}))
    for rec in records:
        code_txt = "" if rec.code is None else str(rec.code).strip()

        def add(severity, rule, rec=rec, code_txt=code_txt, **params):
            report.add(Finding(severity, rule, rec.fid, code_txt, params))

        if mapping.code:
            parsed = parse_code(rec.code, code_scheme)
            if parsed.error == "missing":
                add("error", "code_missing")
            elif parsed.error == "malformed":
                add("error", "code_malformed")
            else:
                if parsed.note == "undotted":
                    add("info", "code_undotted", norm=parsed.normalized)
                if parsed.province != province:
                    add("error", "code_outside_province", prov=province)
                key = parsed.normalized
                if key in seen:
                    add("error", "code_duplicate", other=seen[key])
                else:
                    seen[key] = rec.fid
                if parsed.kind:
                    report.kinds[parsed.kind] = report.kinds.get(parsed.kind, 0) + 1
        if mapping.name and (rec.name is None or not str(rec.name).strip()
                             or str(rec.name).strip().upper() == "NULL"):
            add("warning", "name_missing")
        issue = population.issue_for(rec.fid) if population is not None else None
        if issue is not None and issue.code == "negative":
            add("error", "population_negative", pop=issue.raw)
        elif issue is not None:
            add(issue.severity, "population_" + issue.code, issue=issue)
        elif population is not None and rec.fid in no_population:
            add("warning", "population_missing")
        if rec.geometry_empty:
            add("error", "geometry_empty")
        elif rec.geometry_error:
            add("error", "geometry_invalid", why=rec.geometry_error)
        if mapping.kabkota and rec.kabkota is not None:
            report.counts_by_kabkota[str(rec.kabkota)] = report.counts_by_kabkota.get(str(rec.kabkota), 0) + 1
    return report
