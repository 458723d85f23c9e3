"""Funding table: defaults, eligibility, validation, JSON/CSV round trips (plain python, no QGIS)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pytest  # noqa: E402

from kaltim_internet_plugin.core.funding import (  # noqa: E402
    TECH_KEYS,
    FundingSource,
    FundingTableError,
    check_sources,
    default_sources,
    format_idr,
    is_kelurahan,
    normalize_tech,
    read_sources_csv,
    sources_from_csv_text,
    sources_from_json,
    sources_to_csv_text,
    sources_to_json,
    validate_sources,
    write_sources_csv,
)
from kaltim_internet_plugin.core.roadmap import PlanVillage  # noqa: E402


def _src(name):
    return {s.name: s for s in default_sources()}[name]


def _v(tech="bts", code="64.01.01.2001", is_3t=True, plot=True, **kw):
    return PlanVillage(code=code, name="X", kab_code="64.01", tech=tech, capex_idr=1, opex_idr_year=1,
                       priority_rank=1, is_3t=is_3t, has_plot_20m=plot, **kw)


def test_defaults_valid_and_documented():
    srcs = default_sources()
    assert validate_sources(srcs) == []
    assert [s.name for s in srcs] == ["bakti_uso", "operator", "prog_internet_desa", "dana_desa", "apbd_kab",
                                      "apbd_prov"]
    for s in srcs:
        assert s.note.strip() and s.label.strip()
        assert "2026-12" in s.note or "2025" in s.note, f"{s.name}: the note gives its source and date"
    assert _src("bakti_uso").yearly_cap_idr == 0  # only approved proposals
    assert _src("prog_internet_desa").yearly_cap_idr == 12_500_000_000  # the real 2025 package
    assert _src("prog_internet_desa").desa_only and not _src("prog_internet_desa").recurring
    assert _src("dana_desa").per_village_cap_idr == 24_000_000 and _src("dana_desa").kinds == ["opex"]
    assert _src("apbd_kab").cap_per_kab and _src("operator").commercial


@pytest.mark.parametrize("tech", TECH_KEYS)
def test_dana_desa_never_pays_bts_and_only_its_items(tech):
    dd = _src("dana_desa")
    v = _v(tech)
    assert not dd.eligible(v, "capex")  # a desa's own money pays its subscription, never an installation
    assert dd.eligible(v, "opex") == (tech in ("satellite", "village_package", "fwa", "fibre_service"))
    if tech == "bts":
        assert not dd.eligible(v, "capex") and not dd.eligible(v, "opex")


def test_dana_desa_desa_only():
    dd = _src("dana_desa")
    assert is_kelurahan(_v(code="64.72.01.1001"))
    assert not is_kelurahan(_v(code="64.72.01.2001"))
    assert not is_kelurahan(_v(code="6472011001"))  # undotted: ambiguous with BPS codes -> desa
    assert is_kelurahan(_v(code="6472011001", is_kelurahan=True))
    assert not dd.eligible(_v("satellite", code="64.72.01.1001"), "opex")
    assert dd.eligible(_v("satellite", code="64.72.01.2001"), "opex")
    # explicit flag wins over the code
    assert not dd.eligible(_v("satellite", code="64.72.01.2001", is_kelurahan=True), "opex")
    reason = dd.check(_v("satellite", code="64.72.01.1001"), "opex")
    assert "kelurahan" in reason[0] and "kelurahan" in reason[1]
    # the province's programme: desa only too; kelurahan are paid by their kab/kota
    prog, kab = _src("prog_internet_desa"), _src("apbd_kab")
    kel = _v("fwa", code="64.72.01.1001")
    assert not prog.eligible(kel, "opex") and kab.eligible(kel, "opex")


@pytest.mark.parametrize("tech", TECH_KEYS)
@pytest.mark.parametrize("is_3t", [True, False])
@pytest.mark.parametrize("plot", [True, False, None])
def test_bakti_rules(tech, is_3t, plot):
    b = _src("bakti_uso")
    v = _v(tech, is_3t=is_3t, plot=plot)
    expected = tech == "bts" and is_3t and plot is True
    assert b.eligible(v, "capex") == expected
    assert b.eligible(v, "opex") == expected


@pytest.mark.parametrize("tech", TECH_KEYS)
def test_operator_only_colo(tech):
    op = _src("operator")
    assert op.eligible(_v(tech), "capex") == (tech == "colo")


def test_kab_pays_everything_province_pays_infrastructure():
    kab, prov = _src("apbd_kab"), _src("apbd_prov")
    for tech in TECH_KEYS:
        v = _v(tech, is_3t=False, plot=None, code="64.72.01.1001")
        assert kab.eligible(v, "capex") and kab.eligible(v, "opex")
        assert prov.eligible(v, "capex") == (tech in ("bts", "colo", "radio", "fibre"))
        assert prov.eligible(v, "opex") == (tech in ("bts", "radio", "fibre"))


def test_validation_messages():
    bad = [
        FundingSource(name="", yearly_cap_idr=1),
        FundingSource(name="neg", yearly_cap_idr=-5),
        FundingSource(name="negpv", yearly_cap_idr=5, per_village_cap_idr=-1),
        FundingSource(name="tech", techs=["bts", "lte"], yearly_cap_idr=5),
        FundingSource(name="tech2", techs="all", capex_techs=["sat"], yearly_cap_idr=5),
        FundingSource(name="kind", kinds=["capex", "grant"], yearly_cap_idr=5),
        FundingSource(name="nokind", kinds=[], yearly_cap_idr=5),
        FundingSource(name="neg", yearly_cap_idr=5),
        FundingSource(name="has space", yearly_cap_idr=5),
        FundingSource(name="nan", yearly_cap_idr="abc"),
    ]
    issues = validate_sources(bad)
    text = " | ".join(i.message_en for i in issues)
    assert "Row 1: the name is empty" in text
    assert "yearly cap is negative" in text
    assert "per-village cap is negative" in text
    assert "unknown technology key(s) lte" in text
    assert "unknown technology key(s) sat" in text
    assert "unknown cost kind(s) grant" in text
    assert "pays neither capex nor opex" in text
    assert "already used in row 2" in text
    assert "may only contain" in text
    assert "is not a number" in text
    assert all(i.message_id for i in issues)
    assert any("negatif" in i.message_id for i in issues)
    with pytest.raises(FundingTableError) as ei:
        check_sources(bad)
    assert len(ei.value.issues) == len(issues)
    assert "Tabel sumber dana" in ei.value.message_id


def test_json_round_trip():
    srcs = default_sources()
    srcs.append(FundingSource(name="csr", label="CSR, \"quoted\"\nmultiline", kinds=["opex"], techs=["fibre", "fwa"],
                              yearly_cap_idr=1234.5, per_village_cap_idr=None, note="a;b,c"))
    back = sources_from_json(sources_to_json(srcs))
    assert back == srcs


def test_csv_round_trip(tmp_path):
    srcs = default_sources()
    srcs.append(FundingSource(name="csr", label="CSR, \"quoted\"\nmultiline", kinds=["opex"], techs=["fibre", "fwa"],
                              yearly_cap_idr=1234.5, per_village_cap_idr=None, note="a;b,c"))
    text = sources_to_csv_text(srcs)
    assert sources_from_csv_text(text) == srcs
    p = tmp_path / "funding.csv"
    write_sources_csv(str(p), srcs)
    back = read_sources_csv(str(p))
    assert back == srcs
    assert validate_sources(back) == []
    # round trip again is stable
    assert sources_to_csv_text(back) == text


def test_csv_bad_values():
    with pytest.raises(FundingTableError):
        sources_from_csv_text("label\nx\n")
    with pytest.raises(FundingTableError) as ei:
        sources_from_csv_text("name,yearly_cap_idr,recurring\nx,0,maybe\n")
    assert "recurring" in str(ei.value)


def test_csv_errors_name_the_spreadsheet_row_and_a_list_split_by_the_separator():
    """Rows as a spreadsheet numbers them (header 1, blank rows counted), and a semicolon list in a semicolon file
    (one cell more than the header) is said as such, not as a number error in the shifted column."""
    head = "\ufeffname;label;kinds;techs;yearly_cap_idr;per_village_cap_idr;cap_per_kab;recurring;order\r\n"
    good = "apbd_kab;APBD Kab;capex;all;Rp 5.000.000.000;;ya;ya;40\r\n"
    with pytest.raises(FundingTableError) as ei:
        sources_from_csv_text(head + good + "\r\n" + "apbd_prov;APBD Prov;capex;all;lima miliar;;tidak;tidak;50\r\n")
    assert "CSV row 4, column yearly_cap_idr: not a number ('lima miliar')" in str(ei.value)
    assert "CSV baris 4, kolom yearly_cap_idr" in ei.value.message_id
    # 'M' is miliar to an Indonesian reader, million to an English one: said, not only 'not a number' (s40)
    with pytest.raises(FundingTableError) as ei:
        sources_from_csv_text(head + good + "apbd_prov;APBD Prov;capex;all;Rp 1,5 M;;tidak;tidak;50\r\n")
    assert "not a number ('Rp 1,5 M'): 'M' is miliar to an Indonesian reader and million" in str(ei.value)
    assert "'M' berarti miliar bagi pembaca Indonesia" in ei.value.message_id
    with pytest.raises(FundingTableError) as ei:
        sources_from_csv_text(head + good + "apbd_prov;APBD Prov;capex;opex;all;Rp 1 miliar;;tidak;tidak;50\r\n")
    assert "CSV row 3 has 10 cells for 9 columns" in str(ei.value) and "capex,opex" in str(ei.value)
    assert "not a number" not in str(ei.value)
    assert "CSV baris 3 berisi 10 sel untuk 9 kolom" in ei.value.message_id
    # the same list in quotes, or with commas, is read
    for kinds in ('"capex;opex"', "capex,opex"):
        srcs = sources_from_csv_text(head + good + f"apbd_prov;APBD Prov;{kinds};all;Rp 1 miliar;;tidak;tidak;50\r\n")
        assert srcs[1].kinds == ["capex", "opex"] and srcs[1].yearly_cap_idr == 1_000_000_000


def test_format_idr():
    assert format_idr(2_600_000_000) == "Rp 2.6 bn"
    assert format_idr(2_600_000_000, "id") == "Rp 2,6 miliar"
    assert format_idr(120_000_000) == "Rp 120 m"
    assert format_idr(120_000_000, "id") == "Rp 120 juta"
    assert format_idr(60_000_000_000) == "Rp 60 bn"
    assert format_idr(5000) == "Rp 5,000"


def test_tech_aliases_from_cost_model():
    assert normalize_tech("fwa_4g") == "fwa" and normalize_tech(" Fibre ") == "fibre"
    assert normalize_tech("village_package_2025") == "village_package" and normalize_tech("") is None
    assert _src("prog_internet_desa").eligible(_v("fwa_4g"), "capex")
    assert _src("dana_desa").eligible(_v("fwa_4g"), "opex")
    assert validate_sources([FundingSource(name="x", techs=["fwa_4g", "Fibre"], yearly_cap_idr=1)]) == []


def test_default_rows_are_the_shipped_data_file(tmp_path):
    from kaltim_internet_plugin.core.funding import default_table_path

    path = Path(default_table_path())
    assert path.name == "funding_sources_default.json" and path.is_file()
    assert default_sources() == sources_from_json(path.read_text(encoding="utf-8"))
    assert default_sources() is not default_sources()  # a fresh list each call: editing one never edits the next


def test_dock_row_texts_round_trip_and_name_unreadable_cells():
    from kaltim_internet_plugin.core.funding import source_from_cells, source_to_cells

    for s in default_sources():
        back, problems = source_from_cells(source_to_cells(s), 1)
        assert problems == [] and back == s
    cells = dict(source_to_cells(_src("dana_desa")), yearly_cap_idr="Rp 1,5 miliar", per_village_cap_idr="banyak",
                 rules="desa; 3T, lahan", order="dua", techs="all")
    src, problems = source_from_cells(cells, 7)
    assert src.yearly_cap_idr == 1_500_000_000 and src.per_village_cap_idr is None and src.order == 100
    assert src.techs == "all" and src.desa_only and src.only_3t and not src.needs_plot
    assert [(p.code, p.params["row"], p.params["column"]) for p in problems] == [
        ("funding_not_a_number", 7, "per_village_cap_idr"), ("funding_unknown_rules", 7, "rules"),
        ("funding_order_not_whole", 7, "order")]
    assert problems[1].params["rules"] == "lahan"
    _src_empty, problems = source_from_cells(dict(cells, yearly_cap_idr="", per_village_cap_idr="", rules="",
                                                  order="5"), 2)
    assert [p.code for p in problems] == ["funding_cap_empty"] and _src_empty.yearly_cap_idr == 0


def test_semua_the_word_the_ui_shows_for_every_technology_is_read_as_all():
    """The funding table shows 'all' as "semua" in Indonesian: typed or pasted back (any case, spaces), in the dock's
    cells and in a CSV, it is every technology, as 'all' is; in a narrower list too."""
    from kaltim_internet_plugin.core.funding import ALL, source_from_cells, source_to_cells

    cells = dict(source_to_cells(_src("apbd_prov")), techs=" Semua ", opex_techs="SEMUA")
    src, problems = source_from_cells(cells, 3)
    assert problems == [] and src.techs == ALL and src.opex_techs == ALL
    assert src.pays("capex", "satellite") and src.pays("opex", "village_package")
    csv_text = "name,label,kinds,techs,yearly_cap_idr\nx,X,capex;opex,semua,1000\ny,Y,opex,semuanya,1000\n"
    x, y = sources_from_csv_text(csv_text)
    assert x.techs == ALL and y.techs == ["semuanya"]
    # 'semuanya' is not the word: named as an unknown technology of row 2, not read as every technology
    assert [(i.row, i.field) for i in validate_sources([x, y])] == [(1, "techs")]
    assert "semuanya" in validate_sources([x, y])[0].message_id


def test_the_user_guide_lists_the_default_sources_as_the_plugin_ships_them():
    """docs/guide/plan.md's table of default sources is what resources/funding_sources_default.json holds: every
    source in order, what it pays, for which technologies, its yearly cap to the rupiah, desa-only and recurring."""
    guide = (Path(__file__).resolve().parents[2] / "docs" / "guide" / "plan.md").read_text(encoding="utf-8")
    section = guide.split("### Default sources", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line.split("|")[2]]
    sources = default_sources()
    assert [r.split("|")[2].strip().strip("`") for r in rows] == [s.name for s in sources]
    for row, s in zip(rows, sources):
        cells = [c.strip() for c in row.split("|")[1:-1]]
        order, _key, _label, pays, techs, cap, rules, recurring = cells[:8]
        assert int(order) == s.order
        assert pays.split(" ")[0] == "+".join(s.kinds)
        named = set(techs.replace("`", "").replace(" ", "").split(","))
        assert named == ({"all"} if s.techs == "all" else set(s.techs))
        if s.opex_techs:
            assert pays.count("`") == 2 * len(s.opex_techs) and all(f"`{t}`" in pays for t in s.opex_techs)
        assert cap.startswith(f"Rp {s.yearly_cap_idr:,}")
        if s.per_village_cap_idr:
            assert f"Rp {s.per_village_cap_idr:,} per village" in rules
        assert ("desa" in rules.split(";")[0].split(", ")) == s.desa_only
        assert ("per_kab" in rules) == s.cap_per_kab and ("3t" in rules) == s.only_3t
        assert recurring.strip("*") == ("yes" if s.recurring else "no")


def test_funding_csv_order_zero_empty_or_missing_cap_and_text_booleans():
    """Found by trying to break it (7 December): an order of 0 was read as 100 (the source paid last instead of
    first); an empty yearly cap was 0 and a renamed cap column made every cap 0, with only "every source has a zero
    cap" to say so; "false" as text in a JSON table was true (all 1,038 villages unfunded, 'not a 3T village')."""
    from kaltim_internet_plugin.core import funding as fd

    assert [(s.name, s.order) for s in fd.sources_from_csv_text("name;yearly_cap_idr;order\nA;1.000;0\nB;0;\n")] \
        == [("A", 0), ("B", 100)]
    with pytest.raises(fd.FundingTableError) as exc:
        fd.sources_from_csv_text("name;yearly_cap_idr\nA;1.000.000\nB;\n")
    issue = exc.value.issues[0]
    assert issue.message_en.startswith("CSV row 3, column yearly_cap_idr: empty") and "kosong" in issue.message_id
    with pytest.raises(fd.FundingTableError) as exc:
        fd.sources_from_csv_text("name;pagu_tahunan\nA;1.000.000\n")
    assert "no 'yearly_cap_idr' column" in exc.value.issues[0].message_en
    assert "pagu_tahunan" in exc.value.issues[0].message_en
    src = fd.sources_from_json('{"sources": [{"name": "A", "yearly_cap_idr": 5, "only_3t": "false", '
                               '"desa_only": "ya", "recurring": true}]}')[0]
    assert (src.only_3t, src.desa_only, src.recurring) == (False, True, True)
    with pytest.raises(fd.FundingTableError) as exc:
        fd.sources_from_json('{"sources": [{"name": "A", "yearly_cap_idr": 5, "only_3t": "maybe"}]}')
    assert "source A, only_3t: 'maybe' is not a yes/no value" in exc.value.issues[0].message_en


def test_funding_kinds_in_any_letters():
    from kaltim_internet_plugin.core import funding as fd

    csv_src = fd.sources_from_csv_text('name;yearly_cap_idr;kinds\nA;1.000;"CAPEX;OPEX"\nB;1.000;Opex\n')
    assert [s.kinds for s in csv_src] == [["capex", "opex"], ["opex"]]
    assert not [i for i in fd.validate_sources(csv_src) if i.field == "kinds"]
    assert fd.sources_from_json('{"sources": [{"name": "A", "kinds": "CAPEX", "yearly_cap_idr": 1}]}')[0].kinds \
        == ["capex"]
