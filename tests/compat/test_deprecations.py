"""No deprecated QGIS/Qt API of ours: on 3.40/3.44 a deprecated call logs a DeprecationWarning (sip names the
calling line, i.e. our file).

* pyproject.toml turns every DeprecationWarning raised from a ``kaltim_internet_plugin`` module into an error for the
  whole suite, so any algorithm or panel test that reaches a deprecated call fails;
* plugin start (classFactory + initGui + initProcessing, the dock with all its pages) is checked here directly,
  recording every warning whose source file is in the plugin;
* the desktop end-to-end tests (tests/e2e) fail on any "Python warning" QGIS logs.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsField

import kaltim_internet_plugin
from kaltim_internet_plugin import compat

PLUGIN_DIR = Path(kaltim_internet_plugin.__file__).resolve().parent


def ours(records):
    return [f"{r.filename}:{r.lineno}: {r.category.__name__}: {r.message}" for r in records
            if Path(r.filename).resolve().is_relative_to(PLUGIN_DIR)]


def test_suite_turns_our_deprecation_warnings_into_errors():
    with pytest.raises(DeprecationWarning):
        warnings.warn_explicit("deprecated call", DeprecationWarning, str(PLUGIN_DIR / "plugin.py"), 1,
                               module="kaltim_internet_plugin.plugin")


def test_plugin_start_logs_no_warning_from_our_code(qgis_iface, monkeypatch):
    monkeypatch.setattr(qgis_iface, "removePluginMenu", lambda *a: None, raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", lambda *a: None, raising=False)
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        plugin = kaltim_internet_plugin.classFactory(qgis_iface)
        plugin.initGui()
        try:
            assert plugin.dock is not None
        finally:
            plugin.unload()
    assert ours(records) == []


def test_field_types_are_the_ones_this_qgis_wants():
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        field = QgsField("x", compat.FieldType.Double)
    assert field.isNumeric()
    assert [r for r in records if issubclass(r.category, DeprecationWarning)] == []
    # 3.38 made the QMetaType constructor the supported one (the QVariant one is deprecated)
    assert compat.USE_QMETATYPE_FIELDS == (Qgis.versionInt() >= 33800 or compat.QT_MAJOR >= 6)


def test_layer_filters_select_the_non_deprecated_overload():
    from qgis.gui import QgsMapLayerComboBox

    combo = QgsMapLayerComboBox()
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        combo.setFilters(compat.layer_filters(compat.LayerFilter.PolygonLayer, compat.LayerFilter.PointLayer))
    assert [r for r in records if issubclass(r.category, DeprecationWarning)] == []
    wanted = int(compat.LayerFilter.PolygonLayer) | int(compat.LayerFilter.PointLayer)
    assert int(combo.filters()) == wanted
