"""Unit tests for kaltim_internet_plugin.core.costs (plain python, no QGIS)."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

from kaltim_internet_plugin.core.costs import (  # noqa: E402
    USD_TO_IDR,
    CostItem,
    CostTable,
    TechRules,
    choose_technology,
    default_cost_table,
    format_idr,
)


def test_default_table_published_figures():
    t = default_cost_table()
    assert t["bts_4g_3t"].capex_idr == 2_600_000_000
    assert t["booster_4g"].capex_idr == 610_000_000
    assert t["satellite"].capex_idr == 15_000_000 and t["satellite"].opex_idr_year == 24_000_000
    assert t["village_package_2025"].capex_idr == 17_500_000
    assert t["fibre_km"].capex_idr == 7_000 * USD_TO_IDR and t["fibre_km"].unit == "km"
    assert t["radio_link"].capex_idr == 4_000 * USD_TO_IDR and t["radio_link"].unit == "link"
    for it in t:
        assert it.label_id and it.label_en and it.source, it.key
        assert it.unit in ("site", "km", "link")


def test_json_round_trip(tmp_path):
    t = default_cost_table()
    t.update("satellite", opex_idr_year=30_000_000)
    p = tmp_path / "costs.json"
    t.to_json(p)
    t2 = CostTable.from_json(p)
    assert t2 == t
    assert t2["satellite"].opex_idr_year == 30_000_000
    assert CostTable.from_json(text=t.to_json()) == t


def test_csv_round_trip(tmp_path):
    t = default_cost_table()
    t.set(CostItem("custom", "Lainnya, dengan koma", 'Other "quoted"', 1.5, 0.1, "per site", "note; x"))
    p = tmp_path / "costs.csv"
    t.to_csv(p)
    t2 = CostTable.from_csv(p)
    assert t2 == t
    assert t2["custom"].unit == "site" and t2["custom"].label_id == "Lainnya, dengan koma"


def test_bad_rows_raise_clear_errors():
    with pytest.raises(ValueError, match="capex_idr is not a number"):
        CostItem("x", "x", "x", "abc", 0, "site")
    with pytest.raises(ValueError, match="unit 'm2'"):
        CostItem("x", "x", "x", 1, 0, "m2")
    with pytest.raises(ValueError, match=">= 0"):
        CostItem("x", "x", "x", -1, 0, "site")
    with pytest.raises(ValueError, match="missing field"):
        CostTable.from_csv(text="key,label_id\nx,y\n")
    with pytest.raises(ValueError, match="JSON is invalid"):
        CostTable.from_json(text="{nope")
    with pytest.raises(KeyError, match="no item 'nope'"):
        default_cost_table()["nope"]


def test_cost_table_errors_name_the_row_in_the_users_language():
    """A bad amount in the second item of a CSV, row 3 of the file (the header is row 1): the error is coded
    with its row, item, field and value, and the front says it in Indonesian (errors.describe)."""
    from kaltim_internet_plugin.core.costs import CostTableError
    from kaltim_internet_plugin.errors import describe
    from kaltim_internet_plugin.i18n import install_translator, remove_translator

    text = default_cost_table().to_csv().splitlines()
    header, first, second = text[0], text[1], text[2].split(",")
    second[header.split(",").index("capex_idr")] = "dua juta"
    with pytest.raises(CostTableError) as exc:
        CostTable.from_csv(text="\n".join([header, first, ",".join(second)]) + "\n")
    assert exc.value.code == "cost_not_number" and exc.value.params["row"] == 3
    assert exc.value.params["field"] == "capex_idr" and exc.value.params["value"] == "dua juta"
    with pytest.raises(KeyError) as missing:
        default_cost_table()["nope"]
    assert install_translator("id")
    try:
        said, said_missing = describe(exc.value), describe(missing.value)
    finally:
        remove_translator()
    key = second[0]
    assert said == (f"Tabel biaya, baris 3, item '{key}': capex_idr 'dua juta' bukan jumlah rupiah. Tulis seperti "
                    "1.500.000 atau 2,6e9."), said
    assert said_missing.startswith("Tabel biaya tidak memiliki item 'nope'")


def test_format_idr():
    assert format_idr(2.6e9) == "Rp 2.6 bn"
    assert format_idr(2.6e9, "id") == "Rp 2,6 miliar"
    assert format_idr(135e6, "id") == "Rp 135 juta"
    assert format_idr(1500, "id") == "Rp 1.500"


def _simple_table():
    """Round numbers so the expected totals are easy to read."""
    return CostTable([
        CostItem("fibre_km", "a", "a", 10, 1, "km"),
        CostItem("fibre_terminal", "a", "a", 5, 0, "site"),
        CostItem("fwa_router", "a", "a", 2, 2, "site"),
        CostItem("radio_link", "a", "a", 30, 1, "link"),
        CostItem("bts_4g_3t", "a", "a", 300, 0, "site"),
        CostItem("satellite", "a", "a", 20, 10, "site"),
    ])


def test_cheapest_feasible_option_constructed_cases():
    # horizon 5 -> satellite 70, fwa 12, radio 35, fibre 5 + 15 km x 1 = ...
    rules = TechRules(fibre_max_km=10, radio_max_km=20, bts_min_cluster=3, bts_cluster_radius_km=5, horizon_years=5)
    far = 1e6
    xy = [[0, 0], [far, 0], [2 * far, 0], [3 * far, 0], [4 * far, 0], [5 * far, 0]]
    r = choose_technology(
        6,
        covered=[True, False, False, False, True, False],
        fibre_distance_m=[1000, 2000, 15000, None, 500, 9000],
        radio_los=[False, False, True, False, True, True],
        radio_distance_m=[None, None, 5000, None, 1000, 25000],
        xy=xy, costs=_simple_table(), rules=rules)
    # 0: fwa 12 vs fibre 1 km = 10+5 + 5x1 = 20 vs satellite 70 -> fwa
    # 1: fibre 2 km = 20+5 + 10 = 35 vs satellite 70 -> fibre
    # 2: fibre too far; radio within 20 km = 30 + 5 = 35 vs satellite 70 -> radio
    # 3: nothing -> satellite
    # 4: fibre 0.5 km = 5+5+2.5 = 12.5 vs fwa 12 -> fwa
    # 5: fibre 9 km = 90+5+45 = 140; radio beyond 20 km not feasible; satellite 70 -> satellite
    assert r.tech == ["fwa_4g", "fibre", "radio", "satellite", "fwa_4g", "satellite"]
    assert r.total_idr.tolist() == pytest.approx([12, 35, 35, 70, 12, 70])
    assert r.capex_idr[1] == pytest.approx(25) and r.opex_idr_year[1] == pytest.approx(2)
    for i in range(6):
        assert min(r.options[i].values()) == pytest.approx(r.total_idr[i])
        assert r.reason_en[i] and r.reason_id[i]
    assert "Fibre" in r.reason_en[1] and "Serat optik" in r.reason_id[1]
    assert "Satelit" in r.reason(locale="id_ID")[3]


def test_bts_cluster_shares_cost():
    # 4 uncovered villages within 2 km: BTS 300 shared /4 = 75 + router 2 + 5x2 = 87 > satellite 70
    # -> with satellite at 200/yr the BTS wins
    t = _simple_table()
    t.update("satellite", opex_idr_year=200)
    xy = [[0, 0], [1000, 0], [0, 1000], [1000, 1000], [50_000, 0]]
    rules = TechRules(bts_min_cluster=3, bts_cluster_radius_km=2)
    r = choose_technology(5, covered=[False] * 5, xy=xy, costs=t, rules=rules)
    assert r.tech == ["bts"] * 4 + ["satellite"]
    assert r.capex_idr[0] == pytest.approx(300 / 4 + 2)
    assert len(set(r.bts_cluster[:4])) == 1 and r.bts_cluster[4] == -1
    assert "4 uncovered villages" in r.reason_en[0]
    # a cluster smaller than bts_min_cluster does not justify a BTS
    r2 = choose_technology(5, covered=[False] * 5, xy=xy, costs=t, rules=TechRules(bts_min_cluster=5))
    assert "bts" not in r2.tech


def test_bts_cluster_members_leave_when_cheaper_elsewhere():
    t = _simple_table()
    t.update("satellite", opex_idr_year=200)
    xy = [[0, 0], [1000, 0], [0, 1000]]
    # village 0 has fibre at 1 km (20) -> leaves; 2 remain < 3 -> no BTS, satellite for the others
    r = choose_technology(3, covered=[False] * 3, fibre_distance_m=[1000, None, None], xy=xy, costs=t,
                          rules=TechRules(bts_min_cluster=3, bts_cluster_radius_km=2))
    assert r.tech == ["fibre", "satellite", "satellite"]


def test_defaults_run_and_validate():
    r = choose_technology(2)
    assert r.tech == ["satellite", "satellite"]
    with pytest.raises(ValueError, match="horizon_years"):
        choose_technology(1, rules=TechRules(horizon_years=-1))
    with pytest.raises(ValueError, match="expected 2"):
        choose_technology(2, covered=[True])
    assert isinstance(r.total_idr, np.ndarray)


def test_the_user_guide_shows_the_default_costs_and_what_they_decide():
    """docs/guide/priority.md's default cost table is the table the tools use (every row, CAPEX, OPEX, unit), and
    its sentence on what these defaults decide gives the figures they imply over the default horizon."""
    import math
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "guide" / "priority.md").read_text(encoding="utf-8")
    section = text.split("### Cost table (defaults, editable)", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"\| `(\w+)` \| ([\d,]+) / (\w+) \| ([\d,]+) \|", line)
        if m:
            rows[m.group(1)] = (int(m.group(2).replace(",", "")), m.group(3), int(m.group(4).replace(",", "")))
    t, r = default_cost_table(), TechRules()
    assert rows == {it.key: (int(it.capex_idr), it.unit, int(it.opex_idr_year)) for it in t}
    h = r.horizon_years
    sat, fwa, svc = (t[k].horizon_cost(h) for k in (r.satellite_key, r.fwa_key, r.fibre_service_key))
    run_km = (sat - t[r.fibre_terminal_key].horizon_cost(h)) / t[r.fibre_km_key].horizon_cost(h)
    colo = math.ceil(t["booster_4g"].horizon_cost(h) / (sat - fwa))
    bts = math.ceil(t[r.bts_key].horizon_cost(h) / (sat - fwa))
    said = " ".join(section.split("With these defaults", 1)[1].split())
    assert f"over the {h:g}-year horizon" in said
    assert f"satellite (Rp {sat / 1e6:g} million)" in said and f"(FWA, Rp {fwa / 1e6:g} million)" in said
    assert f"within {r.fibre_service_max_km:g} km of a fibre node (a fibre service subscription, Rp {svc / 1e6:g} " \
           "million" in said
    assert f"up to about {run_km:.1f} km" in said
    assert f"at least {colo} uncovered offices" in said and f"({bts} villages or more)" in said


def test_cost_csv_columns_in_any_letters_and_a_repeated_key_is_refused():
    """'Key, Label_ID, CAPEX_IDR' was "missing field(s) key, label_id, capex_idr"; a key given twice kept the last
    row silently (fwa_router Rp 1,5 juta became 15 juta). Found by trying to break it, 7 December."""
    from kaltim_internet_plugin.core.costs import CostTable, CostTableError
    from kaltim_internet_plugin.errors import describe

    text = CostTable().to_csv()
    header, *rows = text.splitlines()
    upper = "\n".join([header.upper()] + rows) + "\n"
    assert [i.key for i in CostTable.from_csv(text=upper)] == [i.key for i in CostTable()]
    with pytest.raises(CostTableError) as exc:
        CostTable.from_csv(text="\n".join([header] + rows + [rows[0]]) + "\n")
    assert exc.value.code == "cost_duplicate_key"
    message = describe(exc.value)
    # rows as a spreadsheet numbers them: the header is row 1, the first item row 2 (was: items counted from 1)
    assert f"row {len(rows) + 2}" in message and "is already given in row 2" in message


def test_cost_table_rows_are_named_as_the_spreadsheet_numbers_them():
    """A bad amount in the first item of a CSV under a comment line is in the file's row 3, as funding's rows are
    named (was 'row 1': the planner looked at the header); a JSON list still counts its items from 1."""
    import json

    from kaltim_internet_plugin.core.costs import CostTable, CostTableError
    from kaltim_internet_plugin.errors import describe

    header, first, *rest = CostTable().to_csv().splitlines()
    key, label_id, label_en, capex, *tail = first.split(",")
    assert float(capex) > 0
    text = "\n".join(["# tabel biaya 2026", header, ",".join([key, label_id, label_en, "satu juta", *tail]), *rest])
    with pytest.raises(CostTableError) as exc:
        CostTable.from_csv(text=text + "\n")
    assert (exc.value.code, exc.value.params["row"]) == ("cost_not_number", 3), exc.value.params
    assert describe(exc.value).startswith(f"Cost table, row 3, item '{key}'")
    items = json.loads(CostTable().to_json())
    rows = items["items"] if isinstance(items, dict) else items
    rows[1]["capex_idr"] = "satu juta"
    with pytest.raises(CostTableError) as exc:
        CostTable.from_json(text=json.dumps(rows))
    assert exc.value.params["row"] == 2


def test_funding_names_differing_only_in_letter_case_are_one_name():
    """'APBD_PROV' beside 'apbd_prov' (a copied row) doubled that source's cap without a word."""
    from dataclasses import replace

    from kaltim_internet_plugin.core.funding import default_sources, validate_sources

    sources = default_sources()
    copy = replace(sources[0], name=sources[0].name.upper())
    issues = validate_sources(sources + [copy])
    assert any(f"name '{copy.name}' is already used in row 1" in i.message_en for i in issues), issues
