"""Team mode through QGIS: saved connections with authcfg, the Processing algorithms, editing PostGIS layers
with QGIS's own provider (conflict reported by the save), and no password in saved projects or plans."""
from __future__ import annotations

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

from kaltim_internet_plugin.store import gpkg_store, postgis_store
from kaltim_internet_plugin.store.connections import connection_kwargs, connection_names, layer_uri
from kaltim_internet_plugin.store.errors import ConnectionFailedError
from tests.conftest import run_alg
from tests.postgis.conftest import make_saved_connection
from tests.postgis.plan_builder import build_plan

pytestmark = pytest.mark.postgis
PW = "Qgis-Edit0r-pw"


@pytest.fixture()
def published(provider, saved_connection, pg_db, tmp_path):
    plan = build_plan(tmp_path / "plan.gpkg", villages_where="kode_kab IN ('64.01', '64.74')")
    res, log = run_alg("kaltiminternet:publishplan", {"INPUT_GPKG": str(plan), "CONNECTION": saved_connection,
                                                      "SCHEMA": "kaltim_plan", "OVERWRITE": False})
    assert res["CHECKSUMS_OK"] is True and res["ROWS"] > 400
    assert "villages" in res["TABLES"].split(",")
    res, log = run_alg("kaltiminternet:setupteamdb", {"CONNECTION": saved_connection, "SCHEMA": "kaltim_plan"})
    assert "kaltim_kab_6401" in res["KAB_ROLES"] and "villages" in res["RLS_TABLES"]
    for user in ("qana", "qbudi"):
        postgis_store.add_user(saved_connection, user, PW, "kaltim_editor")
    return plan


def test_saved_connection_resolves_credentials_from_authcfg(saved_connection, pg_db):
    assert saved_connection in connection_names()
    kwargs = connection_kwargs(saved_connection)
    assert kwargs["user"] == "postgres" and kwargs["password"] == pg_db.cluster.password
    uri = layer_uri(saved_connection, "s", "t").uri(False)
    assert "authcfg=" in uri and pg_db.cluster.password not in uri and "password" not in uri
    with pytest.raises(ConnectionFailedError, match="no saved PostgreSQL connection named 'nope'"):
        connection_kwargs("nope")


def test_export_algorithm_round_trip(published, saved_connection, tmp_path):
    out = tmp_path / "copy.gpkg"
    res, _log = run_alg("kaltiminternet:exportplanfrompostgis", {"CONNECTION": saved_connection,
                                                                 "SCHEMA": "kaltim_plan", "OUTPUT_GPKG": str(out)})
    assert res["CHECKSUMS_OK"] is True
    source = gpkg_store.checksums(str(published))
    copy = gpkg_store.checksums(str(out), gpkg_store.list_tables(str(published)))
    assert {k: copy[k] for k in source} == source
    # the team style (row_version sent on update) is not copied back into the GeoPackage
    assert all(s["stylename"] != "kaltim_team_editing" for s in gpkg_store.read_styles(str(out)))



def test_export_algorithm_replaces_its_own_export_and_nothing_else(published, saved_connection, tmp_path):
    """An export is replaced by the next export into the same file (the tables it wrote are listed in its plan_meta,
    which is not compared between copies); once the user has added a table of their own to it, the export is refused
    before any work, naming that table, and the file is kept byte for byte."""
    import hashlib

    from osgeo import ogr
    from qgis.core import QgsProcessingException

    out = tmp_path / "copy.gpkg"
    params = {"CONNECTION": saved_connection, "SCHEMA": "kaltim_plan", "OUTPUT_GPKG": str(out)}
    for _ in range(2):
        res, _log = run_alg("kaltiminternet:exportplanfrompostgis", params)
        assert res["CHECKSUMS_OK"] is True
    listed = gpkg_store.exported_tables(str(out))
    assert set(res["TABLES"].split(",")) <= set(listed) and "plan_meta" in listed
    assert gpkg_store.meta_rows(gpkg_store.read_meta(str(out))) == gpkg_store.meta_rows(
        gpkg_store.read_meta(str(published)))
    ds = ogr.Open(str(out), 1)
    ds.CreateLayer("my_notes", geom_type=ogr.wkbPoint)
    ds = None
    before = hashlib.sha256(out.read_bytes()).hexdigest()
    with pytest.raises(QgsProcessingException) as ei:
        run_alg("kaltiminternet:exportplanfrompostgis", params)
    text = str(ei.value)
    assert f"OUTPUT_GPKG = {out} is an existing GeoPackage holding tables this tool did not write (my_notes;" in text
    assert f"e.g. {tmp_path / 'copy_2.gpkg'}" in text
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.gpkg"]

def test_publish_algorithm_reports_bad_input(provider, saved_connection, tmp_path):
    from qgis.core import QgsProcessingException

    plan = build_plan(tmp_path / "plan.gpkg", with_style=False, villages_where="kode_kab = '64.74'")
    run_alg("kaltiminternet:publishplan", {"INPUT_GPKG": str(plan), "CONNECTION": saved_connection,
                                           "SCHEMA": "kaltim_plan"})
    with pytest.raises(QgsProcessingException, match="already exists"):
        run_alg("kaltiminternet:publishplan", {"INPUT_GPKG": str(plan), "CONNECTION": saved_connection,
                                               "SCHEMA": "kaltim_plan"})
    with pytest.raises(QgsProcessingException, match="no saved PostgreSQL connection"):
        run_alg("kaltiminternet:publishplan", {"INPUT_GPKG": str(plan), "CONNECTION": "missing-conn",
                                               "SCHEMA": "kaltim_plan"})
    with pytest.raises(QgsProcessingException, match="cannot be used as the plan's schema"):
        run_alg("kaltiminternet:publishplan", {"INPUT_GPKG": str(plan), "CONNECTION": saved_connection,
                                               "SCHEMA": "Bad Schema"})


def _layer(conn_name: str, table: str) -> QgsVectorLayer:
    uri = layer_uri(conn_name, "kaltim_plan", table)
    layer = QgsVectorLayer(uri.uri(False), table, "postgres")
    assert layer.isValid(), layer.error().summary()
    return layer


def test_qgis_editing_detects_conflict_and_reload_recovers(published, pg_db):
    ana = make_saved_connection(f"ana_{pg_db.name}", pg_db, "qana", PW)
    budi = make_saved_connection(f"budi_{pg_db.name}", pg_db, "qbudi", PW)
    layer_a, layer_b = _layer(ana, "sites"), _layer(budi, "sites")
    idx = layer_a.fields().indexOf("row_version")
    # the default style from layer_styles makes QGIS send row_version with every change
    assert layer_a.defaultValueDefinition(idx).expression() == postgis_store.TEAM_DEFAULT_EXPRESSION
    assert layer_a.defaultValueDefinition(idx).applyOnUpdate()
    status = layer_a.fields().indexOf("status")
    fid = 5
    assert layer_a.startEditing() and layer_b.startEditing()
    assert layer_a.changeAttributeValue(fid, status, "contracted")  # A edits first but saves later
    assert layer_b.changeAttributeValue(fid, status, "active")
    assert layer_b.commitChanges(), layer_b.commitErrors()
    assert layer_a.commitChanges() is False
    errors = " ".join(layer_a.commitErrors())
    assert "conflict" in errors and "qbudi" in errors
    ok, message = postgis_store.commit_layer(layer_a)  # what the GUI shows
    assert ok is False and "Edit conflict" in message and "qbudi" in message and "Reload" in message
    postgis_store.reload_layer(layer_a)
    assert not layer_a.isEditable()
    assert layer_a.getFeature(fid)["status"] == "active" and layer_a.getFeature(fid)["row_version"] == 2
    # after reloading, A's change (attribute + geometry) is saved; no false conflict on one's own edits
    assert layer_a.startEditing()
    assert layer_a.changeAttributeValue(fid, status, "contracted")
    assert layer_a.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(116.5, -0.25)))
    ok, message = postgis_store.commit_layer(layer_a)
    assert ok, message
    row = postgis_store.fetch_row(ana, "kaltim_plan", "sites", fid)
    assert row["status"] == "contracted" and row["row_version"] == 3 and row["modified_by"] == "qana"
    assert row["geom"] == "POINT(116.5 -0.25)"
    # a geometry-only edit: B moves the site while A saves another change first -> B's save is refused
    assert layer_b.startEditing()
    assert layer_b.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(116.6, -0.3)))
    assert layer_a.startEditing() and layer_a.changeAttributeValue(fid, status, "installed")
    assert layer_a.commitChanges(), layer_a.commitErrors()
    assert layer_b.commitChanges() is False and "conflict" in " ".join(layer_b.commitErrors())
    postgis_store.reload_layer(layer_b)
    assert layer_b.getFeature(fid).geometry().asPoint() == QgsPointXY(116.5, -0.25)


def test_qgis_adds_features_and_viewer_save_is_refused(published, pg_db):
    ana = make_saved_connection(f"ana2_{pg_db.name}", pg_db, "qana", PW)
    planned = _layer(ana, "planned_sites")
    from qgis.core import QgsVectorLayerUtils

    assert planned.startEditing()
    feat = QgsVectorLayerUtils.createFeature(planned, QgsGeometry.fromPointXY(QgsPointXY(116.2, 0.1)),
                                             {planned.fields().indexOf("site_id"): "PLN-900"})
    assert planned.addFeature(feat)
    ok, message = postgis_store.commit_layer(planned)
    assert ok, message
    rows = [f for f in planned.getFeatures() if f["site_id"] == "PLN-900"]
    assert len(rows) == 1 and rows[0]["row_version"] == 1 and rows[0]["modified_by"] == "qana"
    postgis_store.add_user(_admin_name(pg_db), "qvera", PW, "kaltim_viewer")
    vera = make_saved_connection(f"vera_{pg_db.name}", pg_db, "qvera", PW)
    sites = _layer(vera, "sites")
    from qgis.core import QgsVectorDataProvider

    before = postgis_store.fetch_row(_admin_name(pg_db), "kaltim_plan", "sites", 1)["status"]

    if sites.startEditing():  # QGIS may already know the layer is read-only for this role
        sites.changeAttributeValue(1, sites.fields().indexOf("status"), before + "-changed")
        ok, message = postgis_store.commit_layer(sites)
        assert not ok and "refused" in message
        sites.rollBack()
    else:
        assert not sites.dataProvider().capabilities() & QgsVectorDataProvider.ChangeAttributeValues
    assert postgis_store.fetch_row(_admin_name(pg_db), "kaltim_plan", "sites", 1)["status"] == before


def _admin_name(pg_db) -> str:
    return f"kaltim_test_{pg_db.name}"


def test_no_password_in_saved_project_or_plan(published, saved_connection, pg_db, tmp_path):
    ana = make_saved_connection(f"ana3_{pg_db.name}", pg_db, "qana", PW)
    project = QgsProject()
    layers = postgis_store.add_plan_layers_to_project(ana, "kaltim_plan", project)
    assert {"villages", "sites", "planned_sites", "funding_sources"} <= {lyr.name() for lyr in layers}
    qgs = tmp_path / "team.qgs"
    assert project.write(str(qgs))
    text = qgs.read_text(encoding="utf-8")
    assert "authcfg=" in text and "kaltim_plan" in text
    for secret in (PW, pg_db.cluster.password):
        assert secret not in text
    assert "password=" not in text.lower()
    out = tmp_path / "copy.gpkg"
    postgis_store.export_plan(saved_connection, "kaltim_plan", str(out))
    data = out.read_bytes()
    assert PW.encode() not in data and pg_db.cluster.password.encode() not in data
    # reopening the project opens the layers through the authcfg
    again = QgsProject()
    assert again.read(str(qgs))
    assert all(lyr.isValid() for lyr in again.mapLayers().values())
    villages = again.mapLayersByName("villages")[0]
    assert villages.featureCount() > 0
    # the plan's own style (saved in the GeoPackage) came along as the default style, with the team settings
    assert villages.renderer().symbol().color().red() == 255 and villages.renderer().symbol().color().alpha() == 80
    idx = villages.fields().indexOf("row_version")
    assert villages.defaultValueDefinition(idx).applyOnUpdate() and villages.editFormConfig().readOnly(idx)


def test_reload_keeps_the_edits_that_did_not_conflict(published, pg_db):
    ana = make_saved_connection(f"ana4_{pg_db.name}", pg_db, "qana", PW)
    budi = make_saved_connection(f"budi4_{pg_db.name}", pg_db, "qbudi", PW)
    layer_a, layer_b = _layer(ana, "sites"), _layer(budi, "sites")
    status = layer_a.fields().indexOf("status")
    assert layer_a.startEditing() and layer_b.startEditing()
    assert layer_a.changeAttributeValue(7, status, "surveyed") and layer_a.changeAttributeValue(8, status, "surveyed")
    assert layer_b.changeAttributeValue(7, status, "active")
    assert layer_b.commitChanges()
    ok, message = postgis_store.commit_layer(layer_a)
    assert not ok and "Edit conflict" in message
    assert postgis_store.conflicting_features(layer_a) == [7]
    assert postgis_store.reload_layer(layer_a, keep_other_edits=True) == [7]
    assert layer_a.isEditable() and list(layer_a.editBuffer().changedAttributeValues()) == [8]
    ok, message = postgis_store.commit_layer(layer_a)
    assert ok, message
    assert postgis_store.fetch_row(ana, "kaltim_plan", "sites", 7)["status"] == "active"
    assert postgis_store.fetch_row(ana, "kaltim_plan", "sites", 8)["status"] == "surveyed"


def test_kab_office_in_qgis_edits_own_villages_only(published, pg_db):
    postgis_store.add_user(_admin_name(pg_db), "qpaser", PW, "kaltim_editor", kode_kab="64.01")
    paser = make_saved_connection(f"paser_{pg_db.name}", pg_db, "qpaser", PW)
    villages = _layer(paser, "villages")
    status = villages.fields().indexOf("status")
    own = next(f.id() for f in villages.getFeatures() if f["kode_kab"] == "64.01")
    other = next(f for f in villages.getFeatures() if f["kode_kab"] == "64.74")
    assert villages.startEditing()
    assert villages.changeAttributeValue(own, status, "blank_spot")
    ok, message = postgis_store.commit_layer(villages)
    assert ok, message
    assert villages.startEditing()
    new_status = "blank_spot" if other["status"] != "blank_spot" else "covered"
    assert villages.changeAttributeValue(other.id(), status, new_status)
    ok, message = postgis_store.commit_layer(villages)
    assert not ok and "refused" in message and "64.74" in message
    postgis_store.reload_layer(villages)
    assert villages.getFeature(other.id())["status"] == other["status"]
