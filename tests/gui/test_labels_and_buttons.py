"""Labels, not keys: every code users see has a label in both languages; Qt's standard buttons speak Indonesian."""
from __future__ import annotations

import pytest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from kaltim_internet_plugin import labels as lb
from kaltim_internet_plugin.i18n import install_translator, remove_translator, tr


@pytest.fixture()
def indonesian(qgis_app):
    assert install_translator("id")
    yield
    remove_translator()


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
