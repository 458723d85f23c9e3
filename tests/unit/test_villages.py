"""Field detection for the three naming schemes, code parsing, and every validation rule."""
import pytest

from kaltim_internet_plugin.core.villages import (
    FieldMapping,
    VillageRecord,
    detect_fields,
    parse_code,
    validate_records,
    village_kind,
)
from kaltim_internet_plugin.errors import finding_text  # noqa: E402 - the text of a finding (translated)


@pytest.mark.parametrize("names, expected", [
    (["fid", "kode", "nama", "jenis", "kode_kec", "nama_kec", "nama_kab", "population"],
     {"scheme": "kemendagri", "code": "kode", "name": "nama", "kecamatan": "nama_kec", "kabkota": "nama_kab",
      "population": "population"}),
    (["OBJECTID", "NAMOBJ", "KDEPUM", "KDEBPS", "WADMKD", "WADMKC", "WADMKK", "WADMPR", "JUMLAHPDDK"],
     {"scheme": "big_rbi", "code": "KDEPUM", "name": "NAMOBJ", "kecamatan": "WADMKC", "kabkota": "WADMKK",
      "population": "JUMLAHPDDK"}),
    (["iddesa", "nmdesa", "nmkec", "nmkab", "penduduk"],
     {"scheme": "bps", "code": "iddesa", "name": "nmdesa", "kecamatan": "nmkec", "kabkota": "nmkab",
      "population": "penduduk"}),
    (["Kode_BPS", "Nama_Desa", "Kecamatan", "Kabupaten"],
     {"scheme": "bps", "code": "Kode_BPS", "name": "Nama_Desa", "kecamatan": "Kecamatan", "kabkota": "Kabupaten",
      "population": ""}),
])
def test_detect_fields_each_scheme(names, expected):
    assert detect_fields(names).as_dict() == expected


def test_detect_fields_nothing_matches():
    m = detect_fields(["a", "b"])
    assert m.scheme == "" and m.code == ""


def test_overrides_win_only_when_the_field_exists():
    m = detect_fields(["kode", "nama", "pop2020"], {"population": "pop2020", "name": "missing"})
    assert m.population == "pop2020" and m.name == "nama"


@pytest.mark.parametrize("code, kind, norm", [
    ("64.01.01.2009", "desa", "64.01.01.2009"),
    ("64.72.05.1003", "kelurahan", "64.72.05.1003"),
    ("6401012009", "desa", "64.01.01.2009"),
    (" 64.71.01.1001 ", "kelurahan", "64.71.01.1001"),
])
def test_parse_kemendagri(code, kind, norm):
    p = parse_code(code)
    assert p.ok and p.kind == kind and p.normalized == norm and p.province == "64"
    assert village_kind(code) == kind


@pytest.mark.parametrize("code, error", [
    (None, "missing"), ("", "missing"), ("NULL", "missing"), ("64.01.01", "malformed"),
    ("64-01-01-2009", "malformed"), ("64.01.01.3009", "malformed"), ("abc", "malformed"),
])
def test_parse_bad_codes(code, error):
    assert parse_code(code).error == error


def test_parse_bps_code():
    p = parse_code("6401010001", "bps")
    assert p.ok and p.scheme == "bps" and p.kabkota == "6401" and p.kind == ""


def test_spreadsheet_number_code():
    assert parse_code(6401010001.0, "bps").normalized == "6401010001"


MAPPING = FieldMapping(scheme="kemendagri", code="kode", name="nama", population="pop", kabkota="kab")


def rules(records, mapping=MAPPING):
    report = validate_records(records, mapping)
    return [(f.rule, f.fid) for f in report.findings], report


def rec(fid, code="64.01.01.2001", name="A", pop=10, **kw):
    return VillageRecord(fid=fid, code=code, name=name, population=pop, kabkota="Paser", **kw)


def test_clean_records_are_valid():
    found, report = rules([rec(1), rec(2, "64.01.01.2002")])
    assert found == [] and report.valid and report.kinds == {"desa": 2}
    assert report.counts_by_kabkota == {"Paser": 2}


@pytest.mark.parametrize("record, rule", [
    (rec(7, code=None), "code_missing"),
    (rec(7, code="64.1.1.1"), "code_malformed"),
    (rec(7, code="63.01.01.2001"), "code_outside_province"),
    (rec(7, name=""), "name_missing"),
    (rec(7, pop=None), "population_missing"),
    (rec(7, pop=-5), "population_negative"),
    (rec(7, geometry_empty=True), "geometry_empty"),
    (rec(7, geometry_error="Self-intersection"), "geometry_invalid"),
    (rec(7, code="6401012001"), "code_undotted"),
])
def test_each_rule_names_the_feature(record, rule):
    found, report = rules([record])
    assert (rule, 7) in found
    finding = next(f for f in report.findings if f.rule == rule)
    message, fix = finding_text(finding)
    assert finding.fid == 7 and "7" in message and "{" not in message
    assert bool(fix) == (finding.severity != "info")


def test_duplicate_codes_name_both_features():
    found, report = rules([rec(1), rec(2, name="B")])
    assert ("code_duplicate", 2) in found
    dup = next(f for f in report.findings if f.rule == "code_duplicate")
    assert dup.params == {"other": 1} and dup.code == "64.01.01.2001"
    assert finding_text(dup)[0] == "Feature 2: code '64.01.01.2001' is also used by feature 1."
    assert not report.valid


def test_dotted_and_undotted_duplicates_are_detected():
    found, _ = rules([rec(1), rec(2, code="6401012001")])
    assert ("code_duplicate", 2) in found


def test_empty_layer_and_missing_fields():
    found, report = rules([])
    assert found == [("empty_layer", None)] and not report.valid
    found, report = rules([rec(1)], FieldMapping())
    assert {r for r, _ in found} == {"no_code_field", "no_name_field", "no_population_field"}
