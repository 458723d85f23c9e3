"""Labels, not keys: every code users see has a label in both languages; Qt's standard buttons speak Indonesian."""
from __future__ import annotations

import pytest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from kaltim_internet_plugin import labels as lb
from kaltim_internet_plugin.i18n import remove_translator, tr


def test_every_code_of_the_plan_has_a_label():
    from kaltim_internet_plugin.core.funding import COST_KINDS, RULES, TECH_KEYS, default_sources
    from kaltim_internet_plugin.core.monitoring import STATUSES

    RULE_KEYS = [key for key, _flag in RULES]

    for kind, codes in (("tech", TECH_KEYS), ("funding_kind", COST_KINDS), ("deploy_status", STATUSES),
                        ("funding_source", [s.name for s in default_sources()]), ("rule", RULE_KEYS),
                        ("coverage_status", ("covered", "partial", "blank_spot")),
                        ("fund_status", ("scheduled", "unfunded")), ("site_kind", ("office", "hilltop", "colo"))):
        for code in codes:
            english, indonesian = lb.label(kind, code, "en"), lb.label(kind, code, "id")
            assert english and english != code or kind == "funding_source", (kind, code)
            assert indonesian and "_" not in indonesian, (kind, code, indonesian)


def test_labels_follow_the_ui_language_or_the_one_asked(indonesian):
    assert lb.label("tech", "satellite") == tr("Satellite") != "satellite"
    assert lb.label("tech", "vsat", "en") == "Satellite"  # aliases read like their key
    assert lb.label_list("funding_kind", "capex;opex") == "Investasi (CAPEX); Operasional (OPEX)"
    assert lb.label_list("tech", "all") == "semua"
    assert lb.label("funding_source", "my_own_fund") == "my_own_fund"  # a user's source keeps its name
    text = lb.counts_text("radio=650, colo=70, satellite=1318", "tech")
    assert text == "Radio link 650, Kolokasi pada menara eksisting 70, Satelit 1.318"
    assert "=" not in text and "satellite" not in text


def test_printed_labels_are_indonesian_whatever_the_ui(qgis_app):
    remove_translator()
    assert lb.label("deploy_status", "planned") == "Planned"
    assert lb.label("deploy_status", "planned", "id") == "Direncanakan"
    assert lb.label("funding_source", "operator", "id") == "Koinvestasi operator"


def test_qt_standard_buttons_speak_indonesian(indonesian):
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Close)
    assert box.button(QDialogButtonBox.Cancel).text() == "Batal"
    assert box.button(QDialogButtonBox.Close).text() == "Tutup"
    remove_translator()
    box = QDialogButtonBox(QDialogButtonBox.Cancel)
    assert box.button(QDialogButtonBox.Cancel).text() == "Cancel"


def test_funding_table_shows_labels_and_grouped_amounts(plugin, indonesian):
    from kaltim_internet_plugin.gui.page_plan import COL

    t = plugin.dock.pages["plan"].funding_table
    row = [t.item(r, COL["name"]).text() for r in range(t.rowCount())].index("apbd_kab")  # pays capex and opex
    kinds = t.item(row, COL["kinds"])
    shown = t.itemDelegateForColumn(COL["kinds"]).displayText(kinds.text(), None)
    assert kinds.text() == "capex;opex" and shown == "Investasi (CAPEX); Operasional (OPEX)"
    cap = t.item(row, COL["yearly_cap_idr"])
    shown = t.itemDelegateForColumn(COL["yearly_cap_idr"]).displayText(cap.text(), None)
    assert "." in shown and shown.replace(".", "") == cap.text()


def test_the_capacity_editor_shows_names_and_reads_them_back(indonesian):
    """The capacity editor's Year and Teknologi cells speak the UI's language ("semua", "Serat optik"); what a user
    types there is read back: a name in either language (any case), a key, an alias; an unknown word is named."""
    from kaltim_internet_plugin.core.capacity import DEFAULT_ROWS, CapacityError
    from kaltim_internet_plugin.gui.capacity_editor import CapacityEditor

    editor = CapacityEditor()
    shown = [(editor.grid.item(r, 0).text(), editor.grid.item(r, 1).text()) for r in range(editor.grid.rowCount())]
    assert ("semua", "Serat optik") in shown and ("semua", "Satelit") in shown
    assert not {t for _y, t in shown} & {"fibre", "fwa", "satellite", "fibre_service", "colo", "bts", "radio"}
    assert [(r.year, r.tech) for r in editor.table().rows] == [(r.year, r.tech) for r in DEFAULT_ROWS]
    for typed, key in (("SATELIT", "satellite"), ("Satellite", "satellite"), ("fwa_4g", "fwa"), ("colo", "colo"),
                       ("Fibre service subscription", "fibre_service")):
        editor.grid.item(0, 1).setText(typed)
        editor.grid.item(0, 0).setText("2027")
        assert (editor.table().rows[0].tech, editor.table().rows[0].year) == (key, 2027), typed
    editor.grid.item(0, 0).setText("Semua")
    assert editor.table().rows[0].year is None
    editor.grid.item(0, 1).setText("kabel laut")
    with pytest.raises(CapacityError):
        editor.table()
    text = editor.validate()  # said in the editor's terms: its column title and the technologies by name
    assert "kabel laut" in text and "baris 1" in text and "'Teknologi'" in text and "Serat optik" in text, text
    editor.grid.item(0, 1).setText("Satelit")
    editor.grid.item(0, 0).setText("tahun depan")
    text = editor.validate()
    assert "'Tahun'" in text and "'semua'" in text and "tahun depan" in text, text
