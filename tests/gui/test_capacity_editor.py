"""The capacity editor's Technology column: a drop-down of the technologies' names in the UI language (real Qt
widgets); a cell typed or pasted before is still read back, and an unknown word still named."""
from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

ENGLISH = ["Fibre optic", "4G FWA (router)", "Radio link", "New 4G BTS", "Co-location on an existing tower",
           "Satellite", "Province village package", "Fibre service subscription"]
INDONESIAN = ["Serat optik", "4G FWA (router)", "Radio link", "BTS 4G baru", "Kolokasi pada menara eksisting",
              "Satelit", "Paket internet desa Pemprov", "Langganan layanan serat optik"]


def make_editor():
    from kaltim_internet_plugin.gui.capacity_editor import CapacityEditor

    return CapacityEditor()


@pytest.fixture()
def editor(qgis_app):
    """The editor in the English UI."""
    editor = make_editor()
    yield editor
    editor.deleteLater()


@pytest.fixture()
def editor_id(indonesian):
    """The editor made under the Indonesian UI."""
    editor = make_editor()
    yield editor
    editor.deleteLater()


def open_tech_editor(editor, row: int):
    """The Technology cell's editor, as the delegate makes it when a user starts editing, filled from the cell."""
    index = editor.grid.model().index(row, 1)
    delegate = editor.grid.itemDelegateForColumn(1)
    parent = QWidget()
    combo = delegate.createEditor(parent, QStyleOptionViewItem(), index)
    delegate.setEditorData(combo, index)
    return delegate, combo, index, parent


def items(combo) -> list:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_technology_column_has_a_drop_down_of_english_names(editor):
    from kaltim_internet_plugin.core.funding import TECH_KEYS

    assert editor.grid.horizontalHeaderItem(1).text() == "Technology"
    assert editor.grid.itemDelegateForColumn(0) is None and editor.grid.itemDelegateForColumn(4) is None
    fwa = next(r for r in range(editor.grid.rowCount()) if editor.grid.item(r, 1).text() == "4G FWA (router)")
    _delegate, combo, _index, _parent = open_tech_editor(editor, fwa)
    assert isinstance(combo, QComboBox) and not combo.isEditable()
    assert items(combo) == ENGLISH and len(ENGLISH) == len(TECH_KEYS)
    assert combo.currentText() == "4G FWA (router)"  # the cell's technology is selected


def test_the_drop_down_speaks_indonesian_and_writes_the_chosen_name(editor_id):
    editor = editor_id
    assert editor.grid.horizontalHeaderItem(1).text() == "Teknologi"
    sat = next(r for r in range(editor.grid.rowCount()) if editor.grid.item(r, 1).text() == "Satelit")
    editor.grid.item(sat, 0).setText("2027")  # (every year's BTS limit is another row: one limit each)
    delegate, combo, index, _parent = open_tech_editor(editor, sat)
    assert isinstance(combo, QComboBox) and not combo.isEditable()
    assert items(combo) == INDONESIAN
    assert combo.currentText() == "Satelit"
    combo.setCurrentIndex(INDONESIAN.index("BTS 4G baru"))
    delegate.setModelData(combo, editor.grid.model(), index)
    assert editor.grid.item(sat, 1).text() == "BTS 4G baru"
    techs = [r.tech for r in editor.table().rows]
    assert techs[sat] == "bts" and "satellite" not in techs
    assert editor.validate() == ""
    assert editor.table().to_csv().splitlines()[sat + 1].startswith("2027,bts,")


def test_choosing_commits_as_a_user_does_and_activated_closes_the_editor(editor, qtbot):
    """Through the view: the delegate's editor opened on the cell shows its list at once, one click on an item,
    and the cell holds its name."""
    grid = editor.grid
    grid.item(0, 0).setText("2027")  # (every year's co-location limit is another row: one limit each)
    editor.show()
    grid.setCurrentCell(0, 1)
    grid.editItem(grid.item(0, 1))
    combo = grid.findChild(QComboBox, "capacityTechCombo")
    assert combo is not None and combo.isVisible()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)  # the list opens with the editor: one click chooses
    rect = view.visualRect(combo.model().index(ENGLISH.index("Co-location on an existing tower"), 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert grid.item(0, 1).text() == "Co-location on an existing tower"
    assert editor.table().rows[0].tech == "colo"
    qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState, timeout=2000)
    editor.hide()


@pytest.mark.parametrize("typed, key", [("SATELIT", "satellite"), ("satellite", "satellite"),
                                        ("fwa_4g", "fwa"), ("colo", "colo"), ("Serat Optik", "fibre")])
def test_a_typed_cell_is_read_back_and_shown_selected(editor, typed, key):
    from kaltim_internet_plugin.core.funding import TECH_KEYS

    editor.grid.item(0, 1).setText(typed)
    editor.grid.item(0, 0).setText("2027")  # (every year's limit of that technology is another row)
    assert editor.table().rows[0].tech == key
    _delegate, combo, _index, _parent = open_tech_editor(editor, 0)
    assert combo.currentIndex() == TECH_KEYS.index(key)
    # opening the editor does not change what was typed until a technology is chosen
    assert editor.grid.item(0, 1).text() == typed


def test_an_unknown_typed_word_is_kept_and_named_as_before(editor_id):
    from kaltim_internet_plugin.core.capacity import CapacityError

    editor = editor_id
    editor.grid.item(0, 1).setText("kabel laut")
    delegate, combo, index, _parent = open_tech_editor(editor, 0)
    assert combo.currentIndex() == -1
    delegate.setModelData(combo, editor.grid.model(), index)  # nothing chosen: the cell keeps its word
    assert editor.grid.item(0, 1).text() == "kabel laut"
    with pytest.raises(CapacityError):
        editor.table()
    names = ", ".join(INDONESIAN)
    assert editor.validate() == ("Tabel kapasitas, baris 1, kolom 'Teknologi': teknologi 'kabel laut' tidak dikenal. "
                                 f"Gunakan salah satu dari: {names}."), editor.validate()
    assert editor.grid.item(0, 1).data(Qt.ItemDataRole.EditRole) == "kabel laut"
