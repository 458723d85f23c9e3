"""The funding table's list columns (Pays, Technologies, CAPEX only for, OPEX only for, Rules): a checkable drop-down
of the choices by name in the UI language (real Qt widgets on the plugin's Plan page). The cell keeps the codes
("capex;opex", "fibre;fwa", "all", ""), so the page, the project and core.funding read it as a typed cell; a typed
or pasted cell is still read, and a code the editor does not know is kept."""
from __future__ import annotations

import pytest
from qgis.gui import QgsCheckableComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QStyleOptionViewItem, QWidget

TECHS_EN = ["all", "Fibre optic", "4G FWA (router)", "Radio link", "New 4G BTS", "Co-location on an existing tower",
            "Satellite", "Province village package", "Fibre service subscription"]
TECHS_ID = ["semua", "Serat optik", "4G FWA (router)", "Radio link", "BTS 4G baru", "Kolokasi pada menara eksisting",
            "Satelit", "Paket internet desa Pemprov", "Langganan layanan serat optik"]
KINDS_EN = ["Investment (CAPEX)", "Operation (OPEX)"]
KINDS_ID = ["Investasi (CAPEX)", "Operasional (OPEX)"]
RULES_EN = ["3T villages only", "20×20 m plot confirmed", "Desa only (not kelurahan)", "Cap per kabupaten/kota",
            "Operators' commercial money"]
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


@pytest.fixture()
def page(plugin):
    return plugin.dock.pages["plan"]


def row_of(page, name: str) -> int:
    from kaltim_internet_plugin.gui.page_plan import COL

    t = page.funding_table
    return [t.item(r, COL["name"]).text() for r in range(t.rowCount())].index(name)


def cell(page, row: int, column: str) -> str:
    from kaltim_internet_plugin.gui.page_plan import COL

    return page.funding_table.item(row, COL[column]).text()


def set_cell(page, row: int, column: str, text: str) -> None:
    """As a user types or pastes into the cell."""
    from kaltim_internet_plugin.gui.page_plan import COL

    page.funding_table.item(row, COL[column]).setText(text)


def open_editor(page, row: int, column: str):
    """The cell's editor as the delegate makes it when a user starts editing (double-click, F2), filled from it."""
    from kaltim_internet_plugin.gui.page_plan import COL

    t = page.funding_table
    index = t.model().index(row, COL[column])
    delegate = t.itemDelegateForColumn(COL[column])
    parent = QWidget()
    combo = delegate.createEditor(parent, QStyleOptionViewItem(), index)
    delegate.setEditorData(combo, index)
    return delegate, combo, index, parent


def commit(page, delegate, combo, index) -> None:
    delegate.setModelData(combo, page.funding_table.model(), index)


def names(combo) -> list:
    return [combo.itemText(i) for i in range(combo.count())]


def ticked(combo) -> list:
    return [combo.itemText(i) for i in range(combo.count()) if combo.itemCheckState(i) == CHECKED]


def tick(combo, name: str, state=CHECKED) -> None:
    combo.setItemCheckState(names(combo).index(name), state)


def stored():
    from kaltim_internet_plugin.io.funding_store import read_project

    return {s.name: s for s in read_project()}


def test_each_list_column_has_a_checkable_drop_down_of_english_names(page):
    from kaltim_internet_plugin.core.funding import TECH_KEYS

    prov = row_of(page, "apbd_prov")
    expected = {"kinds": (KINDS_EN, KINDS_EN), "techs": (TECHS_EN, ["Fibre optic", "Radio link", "New 4G BTS",
                                                                     "Co-location on an existing tower"]),
                "capex_techs": (TECHS_EN[1:], []), "opex_techs": (TECHS_EN[1:], ["Fibre optic", "Radio link",
                                                                                 "New 4G BTS"]),
                "rules": (RULES_EN, [])}
    for column, (choices, checked) in expected.items():
        _delegate, combo, _index, _parent = open_editor(page, prov, column)
        assert isinstance(combo, QgsCheckableComboBox), column
        assert names(combo) == choices, column
        assert ticked(combo) == checked, column
        view = combo.view()  # the popup shows whole names, wider than a narrow column
        assert view.minimumWidth() > view.sizeHintForColumn(0) > combo.fontMetrics().horizontalAdvance(
            max(choices, key=len)), column
    assert len(TECHS_EN) == len(TECH_KEYS) + 1  # every technology the core pays for (fibre_service too) and 'all'
    # the other columns keep the plain editor
    from kaltim_internet_plugin.gui.page_plan import COL

    for column in ("name", "label", "yearly_cap_idr", "order"):
        index = page.funding_table.model().index(prov, COL[column])
        editor = page.funding_table.itemDelegateForColumn(COL[column]) or page.funding_table.itemDelegate()
        assert not isinstance(editor.createEditor(QWidget(), QStyleOptionViewItem(), index),
                              QgsCheckableComboBox), column


def test_the_drop_down_speaks_indonesian(page, indonesian):
    kab = row_of(page, "apbd_kab")
    _d, combo, _i, _p = open_editor(page, kab, "techs")
    assert names(combo) == TECHS_ID and ticked(combo) == ["semua"]
    _d, combo, _i, _p = open_editor(page, kab, "kinds")
    assert names(combo) == KINDS_ID and ticked(combo) == KINDS_ID
    _d, combo, _i, _p = open_editor(page, kab, "rules")
    assert ticked(combo) == ["Batas per kabupaten/kota"] and "Hanya desa 3T" in names(combo)
    _d, combo, _i, _p = open_editor(page, kab, "capex_techs")
    assert ticked(combo) == [] and combo.defaultText() == "sama dengan Teknologi"


def test_ticking_writes_the_codes_the_page_reads_as_typed_codes(page):
    """Every list column edited through its drop-down: the cells hold the codes a user would have typed, and the
    page's sources and the project's stored table are the ones typing those codes gives."""
    prov = row_of(page, "apbd_prov")  # capex;opex, bts;colo;radio;fibre, opex only bts;radio;fibre, no rules
    edits = {"kinds": ([], ["Operation (OPEX)"]), "techs": (["Satellite", "Fibre optic"], ["Radio link"]),
             "capex_techs": (["Satellite"], []), "opex_techs": ([], ["Radio link", "New 4G BTS"]),
             "rules": (["Desa only (not kelurahan)", "3T villages only"], [])}
    for column, (on, off) in edits.items():
        delegate, combo, index, _parent = open_editor(page, prov, column)
        for name in on:
            tick(combo, name)
        for name in off:
            tick(combo, name, UNCHECKED)
        commit(page, delegate, combo, index)
    typed = {"kinds": "capex", "techs": "fibre;bts;colo;satellite", "capex_techs": "satellite", "opex_techs": "fibre",
             "rules": "3t;desa"}
    assert {c: cell(page, prov, c) for c in typed} == typed  # codes in the core's order, not names
    by_editor, stored_by_editor = page.sources()[prov], stored()["apbd_prov"]
    assert by_editor.kinds == ["capex"] and by_editor.techs == ["fibre", "bts", "colo", "satellite"]
    assert by_editor.capex_techs == ["satellite"] and by_editor.opex_techs == ["fibre"]
    assert by_editor.only_3t and by_editor.desa_only and not by_editor.cap_per_kab and not by_editor.needs_plot
    assert page.validate() == []
    page.reset_defaults()
    assert page.sources()[prov] != by_editor
    for column, text in typed.items():
        set_cell(page, prov, column, text)
    assert page.sources()[prov] == by_editor and stored()["apbd_prov"] == stored_by_editor == by_editor


def test_all_is_exclusive_and_no_technology_is_reported(page):
    prov = row_of(page, "apbd_prov")
    delegate, combo, index, _parent = open_editor(page, prov, "techs")
    tick(combo, "all")
    assert ticked(combo) == ["all"]
    commit(page, delegate, combo, index)
    assert cell(page, prov, "techs") == "all" and page.sources()[prov].techs == "all"
    assert stored()["apbd_prov"].techs == "all"
    delegate, combo, index, _parent = open_editor(page, prov, "techs")
    assert ticked(combo) == ["all"]
    tick(combo, "Satellite")
    tick(combo, "4G FWA (router)")
    assert ticked(combo) == ["4G FWA (router)", "Satellite"]
    commit(page, delegate, combo, index)
    assert cell(page, prov, "techs") == "fwa;satellite"
    # nothing ticked: an empty cell, which the table's validation names as before
    delegate, combo, index, _parent = open_editor(page, prov, "techs")
    tick(combo, "4G FWA (router)", UNCHECKED)
    tick(combo, "Satellite", UNCHECKED)
    commit(page, delegate, combo, index)
    assert cell(page, prov, "techs") == ""
    assert "Row 6 (apbd_prov): no technologies given (use 'all' or a list)" in page.validate()


def test_nothing_ticked_for_capex_leaves_the_cell_empty_same_as_technologies(page):
    prov = row_of(page, "apbd_prov")
    delegate, combo, index, _parent = open_editor(page, prov, "capex_techs")
    assert ticked(combo) == [] and combo.defaultText() == "same as Technologies"  # shown when nothing is ticked
    assert "all" not in names(combo)  # 'all' is offered for Technologies only
    tick(combo, "Satellite")
    commit(page, delegate, combo, index)
    assert cell(page, prov, "capex_techs") == "satellite" and stored()["apbd_prov"].capex_techs == ["satellite"]
    delegate, combo, index, _parent = open_editor(page, prov, "capex_techs")
    assert ticked(combo) == ["Satellite"]
    tick(combo, "Satellite", UNCHECKED)
    commit(page, delegate, combo, index)
    assert cell(page, prov, "capex_techs") == ""
    assert page.sources()[prov].capex_techs is None and stored()["apbd_prov"].capex_techs is None
    assert page.validate() == []


def test_a_typed_cell_is_shown_ticked_and_kept_as_typed_when_nothing_changes(page):
    prov = row_of(page, "apbd_prov")
    for column, typed, expected in (("techs", "FWA_4G, fibre", ["Fibre optic", "4G FWA (router)"]),
                                    ("kinds", "OPEX", ["Operation (OPEX)"]), ("techs", "ALL", ["all"]),
                                    ("techs", "semua", ["all"]),  # the Indonesian UI's word, pasted back
                                    ("capex_techs", "all", ["all"]),  # valid in the core: shown by its name
                                    ("rules", "plot;3T", ["3T villages only", "20×20 m plot confirmed"])):
        set_cell(page, prov, column, typed)
        before = page.sources()[prov]
        changes = []

        def changed(changes=changes):
            changes.append(1)

        page.fundingChanged.connect(changed)
        delegate, combo, index, _parent = open_editor(page, prov, column)
        assert ticked(combo) == expected, column
        commit(page, delegate, combo, index)
        page.fundingChanged.disconnect(changed)
        assert cell(page, prov, column) == typed and changes == [], column  # not rewritten, not saved again
        assert page.sources()[prov] == before


def test_an_unknown_code_is_listed_and_survives_the_editor(page):
    prov = row_of(page, "apbd_prov")
    set_cell(page, prov, "techs", "fibre;kabel_laut")
    set_cell(page, prov, "rules", "desa;lahan")
    delegate, combo, index, _parent = open_editor(page, prov, "techs")
    assert names(combo) == TECHS_EN + ["kabel_laut (unknown)"]
    assert ticked(combo) == ["Fibre optic", "kabel_laut (unknown)"]
    commit(page, delegate, combo, index)  # opened and closed without a change
    assert cell(page, prov, "techs") == "fibre;kabel_laut"
    assert any("unknown technology key(s) kabel_laut" in m for m in page.validate())
    delegate, combo, index, _parent = open_editor(page, prov, "rules")
    assert ticked(combo) == ["Desa only (not kelurahan)", "lahan (unknown)"]
    commit(page, delegate, combo, index)
    assert cell(page, prov, "rules") == "desa;lahan"
    # a change elsewhere in the list keeps the unknown code; unticking it removes it
    delegate, combo, index, _parent = open_editor(page, prov, "techs")
    tick(combo, "Radio link")
    commit(page, delegate, combo, index)
    assert cell(page, prov, "techs") == "fibre;radio;kabel_laut"
    delegate, combo, index, _parent = open_editor(page, prov, "techs")
    tick(combo, "kabel_laut (unknown)", UNCHECKED)
    commit(page, delegate, combo, index)
    assert cell(page, prov, "techs") == "fibre;radio"
    assert not any("kabel_laut" in m for m in page.validate())


def test_a_user_double_clicks_ticks_in_the_popup_and_the_project_stores_it(page, qtbot):
    """Through the view: the delegate's editor opened on the cell shows its popup at once (no second click), an
    item clicked in it, Enter commits."""
    from kaltim_internet_plugin.gui.page_plan import COL

    t = page.funding_table
    bakti = row_of(page, "bakti_uso")  # rules 3t;plot
    page.dock.setFloating(True)
    page.dock.resize(700, 900)
    page.dock.show()
    page.dock.tabs.setCurrentWidget(page)
    QApplication.processEvents()
    t.setCurrentCell(bakti, COL["rules"])
    t.editItem(t.item(bakti, COL["rules"]))
    combo = t.findChild(QgsCheckableComboBox, "fundingListCombo")
    assert combo is not None and combo.isVisible()
    assert combo.accessibleName() == "Rules"
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)  # opened by the editor itself, not by the test
    rect = view.visualRect(combo.model().index(names(combo).index("Cap per kabupaten/kota"), 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert ticked(combo) == ["3T villages only", "20×20 m plot confirmed", "Cap per kabupaten/kota"]
    for _ in range(2):  # after a click in its list QgsCheckableComboBox skips one hidePopup (it stays open)
        if view.isVisible():
            combo.hidePopup()
    assert not view.isVisible()
    QTest.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: t.state() != t.State.EditingState, timeout=2000)
    assert t.item(bakti, COL["rules"]).text() == "3t;plot;per_kab"
    assert stored()["bakti_uso"].cap_per_kab and stored()["bakti_uso"].only_3t
    page.dock.hide()


def test_the_headers_describe_the_drop_down_and_pasted_keys(page):
    from kaltim_internet_plugin.core.funding import TECH_KEYS
    from kaltim_internet_plugin.gui.capacity_editor import column_tips as capacity_tips
    from kaltim_internet_plugin.gui.page_plan import COL, LIST_COLUMNS

    for column in LIST_COLUMNS:
        tip = page.funding_table.horizontalHeaderItem(COL[column]).toolTip()
        assert "drop-down" in tip and "Pasted keys" in tip, tip
    techs = page.funding_table.horizontalHeaderItem(COL["techs"]).toolTip()
    assert all(key in techs for key in TECH_KEYS) and "fibre_service" in techs
    tech_tip = capacity_tips()[1]
    assert "drop-down" in tech_tip and "pasted name or key" in tech_tip and "fibre_service" in tech_tip


def test_the_tips_speak_indonesian(indonesian):
    from kaltim_internet_plugin.gui.capacity_editor import column_tips as capacity_tips
    from kaltim_internet_plugin.gui.page_plan import column_tips

    tips = column_tips()
    assert tips["techs"].startswith("Teknologi yang dibiayai sumber ini: centang di daftar pilihan")
    assert tips["rules"].startswith("Aturan kelayakan, dicentang di daftar pilihan")
    assert "fibre_service" in tips["techs"]
    assert capacity_tips()[1].startswith("Teknologi: pilih dari daftar pilihan (klik ganda sel).")
