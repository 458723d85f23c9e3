"""The cost table editor: edits are validated, saved in the project, restored with it, and used by the tools."""
from __future__ import annotations

import json

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QMessageBox

from kaltim_internet_plugin.core.costs import default_cost_table
from kaltim_internet_plugin.gui.cost_table_dialog import COLUMNS, CostTableDialog
from kaltim_internet_plugin.io import cost_store


def row_of(dialog, key):
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == key)


def test_edit_is_saved_in_the_project_and_restored(plugin, tmp_path):
    assert cost_store.read_project() is None  # a new project uses the sourced defaults
    assert plugin.dock.pages["priority"].cost_parameters() == {}
    dialog = CostTableDialog()
    assert dialog.table.rowCount() == len(list(default_cost_table()))
    r = row_of(dialog, "satellite")
    dialog.table.item(r, COLUMNS.index("capex_idr")).setText("20 000 000")
    dialog.accept()
    assert cost_store.read_project()["satellite"].capex_idr == 20_000_000
    path = tmp_path / "p.qgz"
    assert QgsProject.instance().write(str(path))
    QgsProject.instance().clear()
    assert cost_store.read_project() is None
    assert QgsProject.instance().read(str(path))
    assert cost_store.read_project()["satellite"].capex_idr == 20_000_000
    params = plugin.dock.pages["priority"].cost_parameters()
    data = json.loads(open(params["COST_TABLE"], encoding="utf-8").read())
    assert any(i["key"] == "satellite" and float(i["capex_idr"]) == 20_000_000 for i in data["items"])


def test_a_bad_value_names_the_row_and_is_not_saved(plugin, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    dialog = CostTableDialog()
    r = row_of(dialog, "satellite")
    dialog.table.item(r, COLUMNS.index("opex_idr_year")).setText("-5")
    dialog.accept()
    assert warnings and f"row {r + 1}," in warnings[0] and "must be 0 or more" in warnings[0]
    assert cost_store.read_project() is None


@pytest.mark.parametrize("key", ["bts_4g_3t", "satellite"])
def test_defaults_keep_their_sources(key):
    item = default_cost_table()[key]
    assert item.source and item.capex_idr > 0


def test_an_amount_with_decimals_is_shown_and_saved_as_it_is(plugin):
    """A cost of 12,5 read from an Indonesian CSV was shown as '12' and saved as 12 on OK (a tester's finding)."""
    from kaltim_internet_plugin.core.costs import CostItem, CostTable

    base = list(default_cost_table())
    items = [CostItem(i.key, i.label_id, i.label_en, i.capex_idr, 12.5 if i.key == "satellite" else i.opex_idr_year,
                      i.unit, i.source) for i in base]
    dialog = CostTableDialog(table=CostTable(items))
    r = row_of(dialog, "satellite")
    assert dialog.table.item(r, COLUMNS.index("opex_idr_year")).text() == "12.5"
    assert dialog.table.item(r, COLUMNS.index("capex_idr")).text() == f"{base[r].capex_idr:,.0f}".replace(",", " ")
    dialog.accept()
    assert cost_store.read_project()["satellite"].opex_idr_year == 12.5
