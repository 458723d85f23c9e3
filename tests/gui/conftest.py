"""The plugin as QGIS starts it (classFactory(iface) + initGui) on pytest-qgis' iface stub, for the GUI tests."""
from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProject

import kaltim_internet_plugin
from kaltim_internet_plugin.i18n import install_translator, remove_translator


@pytest.fixture()
def plugin(qgis_iface, qgis_new_project, provider, monkeypatch):
    # pytest-qgis' iface stub lacks these two removal methods; the real QGIS iface has them
    monkeypatch.setattr(qgis_iface, "removePluginMenu", lambda *a: None, raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", lambda *a: None, raising=False)
    p = kaltim_internet_plugin.classFactory(qgis_iface)
    p.initGui()
    yield p
    p.unload()
    QgsProject.instance().clear()
    # let deferred deletes and canvas jobs finish while GDAL is still alive
    QgsApplication.processEvents()
    QgsApplication.sendPostedEvents(None, 0)


@pytest.fixture()
def indonesian(qgis_app):
    """The plugin's Indonesian translator installed for one test (the .qm is built by make translations)."""
    assert install_translator("id")
    yield
    remove_translator()
