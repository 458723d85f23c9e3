"""gui/widgets.py helpers that guard the pages against layers deleted under them."""
from __future__ import annotations

from qgis.core import QgsProject, QgsVectorLayer


def test_disconnect_from_a_deleted_layer_is_quiet():
    """A page that watched a layer the user has removed (its C++ object deleted) can still let go of it: reading
    the deleted layer's signal raises, so the helper takes the object and the signal's name."""
    import pytest

    from kaltim_internet_plugin.gui.widgets import disconnect

    calls = []
    layer = QgsVectorLayer("Point?crs=EPSG:32750", "watched", "memory")
    QgsProject.instance().addMapLayer(layer)

    def slot(*_args):
        calls.append(1)

    layer.selectionChanged.connect(slot)
    layer.selectByIds([])
    assert calls  # connected
    QgsProject.instance().removeMapLayer(layer.id())  # deletes the C++ layer
    with pytest.raises(RuntimeError):
        _ = layer.selectionChanged  # what the old helper call did before reaching its try
    disconnect(layer, "selectionChanged", slot)  # no error
    live = QgsVectorLayer("Point?crs=EPSG:32750", "live", "memory")
    live.selectionChanged.connect(slot)
    disconnect(live, "selectionChanged", slot)
    disconnect(live.selectionChanged, slot)  # already disconnected: quiet too
    calls.clear()
    live.selectByIds([])
    assert calls == []


def test_choose_file_open_save_and_cancel(monkeypatch):
    """choose_file: the open or save dialog with the title, start and filters given; "" when cancelled."""
    from qgis.PyQt.QtWidgets import QFileDialog

    from kaltim_internet_plugin.gui.widgets import choose_file

    calls = []

    def fake(kind, answer):
        def ask(parent, title, default, filters, **kw):
            calls.append((kind, title, default, filters, kw))
            return answer, filters
        return staticmethod(ask)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake("open", "/tmp/in.csv"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake("save", ""))
    assert choose_file(None, "Load", "CSV (*.csv)") == "/tmp/in.csv"
    assert choose_file(None, "Save", "GeoPackage (*.gpkg)", default="plan.gpkg", save=True,
                       options=QFileDialog.Option.DontConfirmOverwrite) == ""
    assert calls == [("open", "Load", "", "CSV (*.csv)", {}),
                     ("save", "Save", "plan.gpkg", "GeoPackage (*.gpkg)",
                      {"options": QFileDialog.Option.DontConfirmOverwrite})]
