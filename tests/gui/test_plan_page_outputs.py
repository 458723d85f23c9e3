"""The Plan page's output GeoPackage, as a tester chose it (session 32): the file holding the user's own villages, a
name with a dot or an apostrophe; a refusal replaces the last run's text under the buttons."""
from __future__ import annotations

import hashlib
import shutil

import pytest
from qgis.core import Qgis, QgsProject, QgsVectorLayer

from tests.conftest import SAMPLE
from tests.qgis.test_roadmap_alg import build_plan


@pytest.fixture()
def page(plugin):
    return plugin.dock.pages["plan"]


@pytest.fixture()
def plan_layer(tmp_path):
    layer = QgsVectorLayer(build_plan(tmp_path / "plan.gpkg", n=40), "plan", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_roadmap_is_not_saved_over_the_users_own_villages_table(page, plan_layer, tmp_path, monkeypatch,
                                                                     qgis_iface):
    """A GeoPackage holding the user's 'villages' (the sample's, not a roadmap's) is refused before anything is
    asked or written: the roadmap's village table has that name and would replace it (a tester lost the table so:
    the page asked "Replace roadmap tables? … villages" and deleted it)."""
    from qgis.PyQt.QtWidgets import QMessageBox

    users = tmp_path / "my_villages.gpkg"
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", users)
    mine = QgsVectorLayer(f"{users}|layername=villages", "my villages", "ogr")
    QgsProject.instance().addMapLayer(mine)
    before = sha(users)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(users))
    assert page.run_roadmap() is None
    assert asked == []
    text = page.summary_label.text()
    assert "is not a roadmap's" in text and "villages" in text and "another GeoPackage" in text
    assert any("is not a roadmap's" in m for m in qgis_iface.messageBar().get_messages(Qgis.Warning))
    assert sha(users) == before
    assert QgsProject.instance().mapLayer(mine.id()) is not None


def test_a_roadmap_file_of_an_earlier_run_is_still_replaced_after_confirmation(page, plan_layer, tmp_path, qtbot,
                                                                              monkeypatch):
    """The refusal is only for tables that are not a roadmap's: a GeoPackage with an earlier roadmap is asked about
    and replaced, as before."""
    from qgis.PyQt.QtWidgets import QMessageBox

    out = tmp_path / "roadmap.gpkg"
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as first:
        assert page.run_roadmap() is not None
    assert first.args[0]["ok"] is True
    page._out_path = None  # as after a restart: the page does not know it wrote that file
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as second:
        assert page.run_roadmap() is not None
    assert asked and second.args[0]["ok"] is True


@pytest.mark.parametrize("name", ["it's roadmap.gpkg", "rencana_2026.gpkg"])
def test_names_with_an_apostrophe_or_a_space_are_written(page, plan_layer, tmp_path, qtbot, name):
    """An apostrophe in the file name was read by QGIS as the end of the path ("The folder …/'/… does not exist")."""
    out = tmp_path / "ver 1" / name
    out.parent.mkdir()
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    with qtbot.waitSignal(page.roadmapFinished, timeout=120000) as blocker:
        assert page.run_roadmap() is not None
    assert blocker.args[0]["ok"] is True, page.summary_label.text()
    layer = QgsVectorLayer(f"{out}|layername=villages", "v", "ogr")
    assert layer.isValid() and layer.featureCount() == 40


def test_a_dotted_file_name_is_refused_with_the_reason_and_a_name_that_works(page, plan_layer, tmp_path,
                                                                             qgis_iface):
    """QGIS cannot add a table to 'roadmap.v2.gpkg' (it took 'v2.gpkg' for the format: "OGR driver for '' not
    found … Choose another folder"): said before the run, with the name to use; nothing is written."""
    out = tmp_path / "roadmap.v2.gpkg"
    page.summary_label.setText("The roadmap failed: an earlier run's text")
    page.plan_combo.setLayer(plan_layer)
    page.output_widget.setFilePath(str(out))
    assert page.run_roadmap() is None
    text = page.summary_label.text()
    assert "dot before .gpkg" in text and "roadmap_v2.gpkg" in text and "earlier run" not in text
    assert not out.exists()


def test_funding_files_that_cannot_be_read_are_named_with_the_reason(page, tmp_path, qgis_iface):
    """A missing file said "Cannot read the funding table X: X"; an unclosed quote "(unclosed_quote)"."""
    missing = tmp_path / "nonexistent.csv"
    assert page.load_csv(str(missing)) is False
    said = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert any("does not exist" in m and str(missing) in m for m in said), said
    broken = tmp_path / "funding_broken.csv"
    broken.write_text('name,label,kinds,techs,yearly_cap_idr\napbd_prov,"APBD Provinsi,capex,fwa,1000\n'
                      "dana_desa,Dana Desa,opex,fwa,500\n", encoding="utf-8")
    assert page.load_csv(str(broken)) is False
    said = qgis_iface.messageBar().get_messages(Qgis.Critical)
    assert any("line 2" in m and "quote" in m and "unclosed_quote" not in m for m in said), said
