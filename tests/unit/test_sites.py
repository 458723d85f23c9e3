"""Unit tests for core/sites.py (plain python, no QGIS)."""
import math
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

import pytest  # noqa: E402

from kaltim_internet_plugin.core import sites as sm  # noqa: E402

OCID_HEADER = "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal"
# 1 degree of latitude ~ 111 195 m; near the equator 1 degree of longitude ~ the same.
M = 1.0 / 111195.0
LON0, LAT0 = 117.15, -0.50  # Samarinda-ish


def _ocid_line(radio, net, cell, lon, lat, mcc=510):
    return f"{radio},{mcc},{net},1001,{cell},0,{lon:.7f},{lat:.7f},1000,5,1,1500000000,1600000000,0"


def _write(tmp_path, name, lines):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(p)


def test_defaults_table_documented():
    assert sm.TECH_DEFAULTS["2G"] == {"height_m": 30.0, "freq_mhz": 900.0, "eirp_dbm": 58.0}
    assert sm.TECH_DEFAULTS["3G"]["freq_mhz"] == 2100.0
    assert sm.TECH_DEFAULTS["4G"] == {"height_m": 35.0, "freq_mhz": 900.0, "eirp_dbm": 60.0}
    assert sm.TECH_DEFAULTS["5G"]["freq_mhz"] == 2300.0 and sm.TECH_DEFAULTS["5G"]["eirp_dbm"] == 62.0
    for tech in sm.TECHS:
        assert tech in sm.__doc__


def test_mnc_mapping():
    assert sm.operator_for(510, 10) == "Telkomsel"
    assert sm.operator_for("510", "01") == "Indosat (Ooredoo)"
    assert sm.operator_for(510, 11) == "XL"
    assert sm.operator_for(510, 8) == "XL (Axis)"
    assert sm.operator_for(510, 21) == "Indosat (IM3)"
    assert sm.operator_for(510, 28) == "Smartfren (Fren)"
    assert sm.operator_for(510, 9) == "Smartfren"
    assert sm.operator_for(510, 89).startswith("Tri/3")
    assert sm.operator_for(510, 7).startswith("Telkom (Flexi")
    assert sm.operator_for(510, 0).startswith("PSN")
    assert sm.operator_for(502, 10) == ""  # Malaysia
    assert sm.operator_for(510, 55) == ""


def test_detect_format(tmp_path):
    assert sm.detect_format(OCID_HEADER.split(",")) == "opencellid"
    assert sm.detect_format(["Kode_Site", "KODE_DESA", "Bujur", "Lintang", "Kategori", "Tahap", "Status"]) == "sitelist"
    assert sm.detect_format(["operator", "teknologi", "tinggi"]) == "generic"
    assert sm.detect_format(["nama", "alamat"]) == ""


def test_detect_field_mapping_synonyms():
    m = sm.detect_field_mapping(["OPSEL", "Teknologi", "Tinggi (m)", "Frekuensi", "EIRP", "Status", "x", "y"])
    assert m == {"operator": "OPSEL", "tech": "Teknologi", "height_m": "Tinggi (m)", "freq_mhz": "Frekuensi",
                 "eirp_dbm": "EIRP", "status": "Status", "lon": "x", "lat": "y"}
    m = sm.detect_field_mapping(["ID_SITE", "kode", "Longitude", "Latitude", "category", "phase"])
    assert m["site_id"] == "ID_SITE" and m["village_code"] == "kode" and m["lon"] == "Longitude"
    assert m["category"] == "category" and m["phase"] == "phase"


def test_normalise_tech():
    assert sm.normalise_tech("LTE") == "4G"
    assert sm.normalise_tech("4g lte") == "4G"
    assert sm.normalise_tech("GSM") == "2G"
    assert sm.normalise_tech("wcdma") == "3G"
    assert sm.normalise_tech("5G NR") == "5G"
    assert sm.normalise_tech("wifi") is None
    assert sm.normalise_tech("") is None


def test_parse_number():
    assert sm.parse_number("116,25") == 116.25
    assert sm.parse_number("1.234,5") == 1234.5
    assert sm.parse_number("1,234.5") == 1234.5
    assert sm.parse_number(" ") is None
    with pytest.raises(sm.BadValueError):
        sm.parse_number("abc")


def test_opencellid_merge_and_rejects(tmp_path):
    lines = [OCID_HEADER,
             # row 2, 3: Telkomsel GSM + LTE 50 m apart -> one site, best tech 4G
             _ocid_line("GSM", 10, 1111, LON0, LAT0),
             _ocid_line("LTE", 10, 2222, LON0 + 50 * M, LAT0),
             # row 4: Indosat at the same place as row 2 -> different operator, separate site
             _ocid_line("UMTS", 1, 3333, LON0, LAT0),
             # row 5: Telkomsel 200 m from rows 2/3 -> separate site
             _ocid_line("GSM", 10, 4444, LON0 + 250 * M, LAT0),
             # row 6: no coordinates
             "LTE,510,10,1001,5555,0,,,1000,5,1,1,1,0",
             # row 7: unknown radio
             _ocid_line("WIMAX", 10, 6666, LON0, LAT0),
             # row 8: outside Kaltim (Jakarta)
             _ocid_line("LTE", 10, 7777, 106.8, -6.2),
             # row 9: unparsable lat
             "LTE,510,10,1001,8888,0,117.1,abc,1000,5,1,1,1,0",
             # row 10: 5G Smartfren 28 alone
             _ocid_line("NR", 28, 9999, LON0 + 0.1, LAT0 + 0.1),
             # row 11: lon/lat swapped
             _ocid_line("LTE", 10, 1234, LAT0, LON0)]
    path = _write(tmp_path, "cells.csv", lines)
    sites, rejects, warnings = sm.load_sites_csv(path)
    by_id = {s.site_id: s for s in sites}
    assert set(by_id) == {"OCID-10-1111", "OCID-1-3333", "OCID-10-4444", "OCID-28-9999"}
    merged = by_id["OCID-10-1111"]
    assert merged.n_cells == 2 and merged.tech == "4G" and merged.techs == "2G,4G"
    assert merged.operator == "Telkomsel"
    assert math.isclose(merged.lon, LON0 + 25 * M, abs_tol=1e-7)
    assert merged.height_m == 35.0 and merged.freq_mhz == 900.0 and merged.eirp_dbm == 60.0
    assert merged.defaulted == "height_m,freq_mhz,eirp_dbm"
    assert merged.source == "opencellid" and merged.status == "active"
    assert by_id["OCID-1-3333"].operator == "Indosat (Ooredoo)" and by_id["OCID-1-3333"].tech == "3G"
    assert by_id["OCID-1-3333"].freq_mhz == 2100.0
    assert by_id["OCID-10-4444"].n_cells == 1
    assert by_id["OCID-28-9999"].tech == "5G" and by_id["OCID-28-9999"].operator == "Smartfren (Fren)"
    assert by_id["OCID-28-9999"].freq_mhz == 2300.0
    reasons = {r.row: r.reason for r in rejects}
    assert set(reasons) == {6, 7, 8, 9, 11}
    assert "no coordinates" in reasons[6]
    assert "unknown radio" in reasons[7] and "WIMAX" in reasons[7]
    assert "outside the province" in reasons[8]
    assert "lat" in reasons[9] and "not a number" in reasons[9]
    assert "swapped" in reasons[11]
    assert any("merged" in w for w in warnings)


def test_opencellid_distance_threshold():
    rows = [{"radio": "LTE", "mcc": "510", "net": "11", "cell": str(i), "lon": LON0 + d * M, "lat": LAT0}
            for i, d in enumerate((0, 99, 300, 499))]
    sites, rejects, _ = sm.normalise_opencellid_rows(rows)
    assert not rejects
    assert [s.n_cells for s in sites] == [2, 1, 1]  # 0/99 m merged; 300 m, 499 m (199 m apart) separate
    assert sites[0].site_id == "OCID-11-0"
    sites, _, _ = sm.normalise_opencellid_rows(rows, merge_distance_m=0)
    assert len(sites) == 4


def test_opencellid_unknown_mnc_warns():
    rows = [{"radio": "GSM", "mcc": 510, "net": 55, "cell": 1, "lon": LON0, "lat": LAT0}]
    sites, rejects, warnings = sm.normalise_opencellid_rows(rows)
    assert sites[0].operator == "MCC 510 MNC 55"
    assert any("unknown operator" in w for w in warnings)


def test_cluster_points_chain_and_grid_edges():
    # points straddling grid cell boundaries still merge (3x3 neighbourhood)
    pts = [(LON0 + 99.9 * M, LAT0), (LON0 + 100.1 * M, LAT0 + 90 * M)]
    assert sm.cluster_points(pts, 100.0) == [[0, 1]]
    far = [(LON0, LAT0), (LON0 + 150 * M, LAT0)]
    assert sm.cluster_points(far, 100.0) == [[0], [1]]


def test_sitelist(tmp_path):
    lines = ["Kode_Site;KODE_DESA;Bujur;Lintang;Kategori;Tahap;Status",
             "BAKTI-001;64.02.03.2001;116,50;-0,20;Baru;2021;On Air",
             "BAKTI-002;64.02.03.2002;116.6;0.1;existing;2022;rencana",
             "BAKTI-003;64.02.03.2003;;0.1;baru;2022;rencana",          # row 4 no lon
             "",                                                            # row 5 blank
             "BAKTI-001;64.02.03.2004;116.6;0.2;baru;2022;rencana",     # row 6 duplicate id
             "BAKTI-005;6402032005;116.7;0.3;relokasi;2023;weird",      # row 7 odd values -> warnings
             "BAKTI-006;64.02.03.2006;200;0.3;baru;2023;rencana"]       # row 8 impossible lon
    path = _write(tmp_path, "bakti.csv", lines)
    sites, rejects, warnings = sm.load_sites_csv(path)
    assert [s.site_id for s in sites] == ["BAKTI-001", "BAKTI-002", "BAKTI-005"]
    s1 = sites[0]
    assert (s1.lon, s1.lat) == (116.5, -0.2)
    assert s1.village_code == "64.02.03.2001" and s1.category == "new" and s1.phase == "2021"
    assert s1.status == "active" and s1.tech == "4G" and s1.source == "sitelist"
    assert s1.defaulted == "tech,height_m,freq_mhz,eirp_dbm"
    assert s1.height_m == 35.0
    assert sites[1].category == "existing" and sites[1].status == "planned"
    assert {r.row: r.reason for r in rejects}.keys() == {4, 6, 8}
    assert "duplicate site id" in [r for r in rejects if r.row == 6][0].reason
    assert any("relokasi" in w for w in warnings)
    assert any("weird" in w for w in warnings)
    assert any("64.xx.xx.xxxx" in w for w in warnings)
    out = tmp_path / "rejects.csv"
    sm.write_rejects_csv(str(out), rejects)
    text = out.read_text(encoding="utf-8").splitlines()
    assert text[0].startswith("row,reason,Kode_Site")
    assert text[1].startswith("4,")


def test_generic_point_rows_with_values_and_geometry():
    rows = [{"opsel": "Telkomsel", "teknologi": "LTE", "tinggi": "42", "frekuensi": "1800", "eirp": "61"},
            {"opsel": "XL", "teknologi": "", "tinggi": "", "frekuensi": "2.1", "eirp": ""},
            {"opsel": "XL", "teknologi": "satellite", "tinggi": "", "frekuensi": "", "eirp": ""},
            {"opsel": "XL", "teknologi": "2G", "tinggi": "-5", "frekuensi": "", "eirp": ""}]
    coords = [(117.0, 0.0), (117.1, 0.1), (117.2, 0.2), (117.3, 0.3)]
    sites, rejects, _ = sm.normalise_point_rows(rows, coordinates=coords, first_row_number=1)
    assert len(sites) == 2
    a, b = sites
    assert (a.tech, a.height_m, a.freq_mhz, a.eirp_dbm, a.defaulted) == ("4G", 42.0, 1800.0, 61.0, "")
    assert a.operator == "Telkomsel" and a.site_id == "SITE-1" and a.x == 117.0 and a.y == 0.0
    # freq in GHz converted; tech defaulted
    assert (b.tech, b.freq_mhz, b.height_m, b.eirp_dbm) == ("4G", 2100.0, 35.0, 60.0)
    assert b.defaulted == "tech,height_m,eirp_dbm"
    assert {r.row for r in rejects} == {3, 4}
    assert "unknown technology" in [r.reason for r in rejects if r.row == 3][0]
    d = a.to_dict()
    for key in ("site_id", "operator", "tech", "height_m", "freq_mhz", "eirp_dbm", "status", "source",
                "defaulted", "lon", "lat", "village_code", "category", "phase"):
        assert key in d


def test_bbox_can_be_disabled_or_changed():
    rows = [{"site_id": "A", "lon": 106.8, "lat": -6.2}]
    assert sm.normalise_point_rows(rows, bbox=None)[0]
    assert not sm.normalise_point_rows(rows)[0]
    assert sm.normalise_point_rows(rows, bbox=(106, -7, 107, -6))[0]


def test_unrecognised_header(tmp_path):
    path = _write(tmp_path, "x.csv", ["nama,alamat", "a,b"])
    with pytest.raises(ValueError, match="not recognised"):
        sm.load_sites_csv(path)


def test_utf8_bom_and_cp1252(tmp_path):
    p = tmp_path / "bom.csv"
    p.write_bytes("\ufeffsite_id,lon,lat,kategori,status\nA\u00e9,117,0,baru,aktif\n".encode())
    sites, rejects, _ = sm.load_sites_csv(str(p))
    assert sites[0].site_id == "A\u00e9" and sites[0].status == "active"
    p2 = tmp_path / "cp.csv"
    p2.write_bytes("site_id,lon,lat,kategori\nB\xe9,117,0,baru\n".encode("latin-1"))
    sites, _, _ = sm.load_sites_csv(str(p2))
    assert sites[0].site_id == "B\u00e9"


def test_a_frequency_read_as_ghz_says_so_when_it_is_refused():
    """'10' is read as 10 GHz (a value below 30 is GHz): refused as '10000 MHz', the message did not say why."""
    from kaltim_internet_plugin.errors import describe

    rows = [{"opsel": "XL", "teknologi": "4G", "tinggi": "40", "frekuensi": "10", "eirp": ""},
            {"opsel": "XL", "teknologi": "4G", "tinggi": "40", "frekuensi": "9000", "eirp": ""}]
    _sites, rejects, _ = sm.normalise_point_rows(rows, coordinates=[(117.0, 0.0), (117.1, 0.1)], first_row_number=1)
    ghz, mhz = rejects
    assert ghz.code == "site_frequency_ghz_implausible" and mhz.code == "site_frequency_implausible"
    assert describe(ghz) == (
        "frequency 10, read as 10 GHz = 10000 MHz (a value below 30 is in GHz), is not plausible: write a frequency "
        "between 30 and 6000 MHz")
    assert "frequency 9000 MHz is not plausible" in describe(mhz)
