"""kaltiminternet:createplannedsites: fields, form widgets, defaults, constraints, refusal to overwrite."""
from __future__ import annotations

import gc

import pytest
from qgis.core import (
    QgsFeature,
    QgsFieldConstraints,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)

from tests.conftest import run_alg

FIELDS = ["site_id", "operator", "tech", "height_m", "freq_mhz", "eirp_dbm", "status", "cost_idr",
          "land_status", "note"]


def create(tmp_path, **extra):
    params = {"PLAN_GPKG": str(tmp_path / "plan.gpkg"), **extra}
    res, log = run_alg("kaltiminternet:createplannedsites", params)
    return res, log


def load(res):
    layer = QgsVectorLayer(res["OUTPUT"], "planned", "ogr")
    assert layer.isValid()
    return layer


def test_creates_the_layer_with_fields_and_crs(provider, tmp_path):
    res, log = create(tmp_path)
    assert res["LAYER_NAME"] == "planned_sites"
    assert res["OUTPUT"].endswith("|layername=planned_sites")
    layer = load(res)
    assert [f.name() for f in layer.fields() if f.name() != "fid"] == FIELDS
    assert layer.crs().authid() == "EPSG:32750"
    assert layer.featureCount() == 0
    assert "Created the planned-sites layer" in log


def test_form_is_stored_with_the_layer(provider, tmp_path):
    """Loaded again from the GeoPackage (default style), the layer has the widgets, defaults and constraints."""
    layer = load(create(tmp_path)[0])
    fields = layer.fields()
    tech = fields.lookupField("tech")
    setup = layer.editorWidgetSetup(tech)
    assert setup.type() == "ValueMap"
    assert [list(d.values())[0] for d in setup.config()["map"]] == ["2G", "3G", "4G", "5G"]
    op = layer.editorWidgetSetup(fields.lookupField("operator")).config()["map"]
    assert [list(d.values())[0] for d in op] == ["Telkomsel", "Indosat", "XL", "Smartfren", "BAKTI", "other"]
    land = layer.editorWidgetSetup(fields.lookupField("land_status")).config()["map"]
    assert len(land) == 6 and list(land[0].values())[0] == "unchecked"
    status = layer.editorWidgetSetup(fields.lookupField("status"))
    assert status.type() == "ValueMap"
    height = layer.editorWidgetSetup(fields.lookupField("height_m"))
    assert height.type() == "Range"
    assert height.config()["Min"] == 10 and height.config()["Max"] == 120 and height.config()["Suffix"] == " m"
    eirp = layer.editorWidgetSetup(fields.lookupField("eirp_dbm")).config()
    assert eirp["Min"] == 30 and eirp["Max"] == 70 and eirp["Suffix"] == " dBm"
    assert layer.attributeAlias(fields.lookupField("height_m")) == "Tower height"
    d = layer.defaultValueDefinition(fields.lookupField("height_m"))
    assert "CASE" in d.expression() and not d.applyOnUpdate()
    c = fields.field(tech).constraints()
    assert c.constraints() & QgsFieldConstraints.ConstraintNotNull
    assert c.constraintStrength(QgsFieldConstraints.ConstraintNotNull) == QgsFieldConstraints.ConstraintStrengthHard


def test_defaults_follow_the_technology(provider, tmp_path):
    layer = load(create(tmp_path)[0])
    f = QgsVectorLayerUtils.createFeature(layer, QgsGeometry.fromPointXY(QgsPointXY(500000, 9900000)), {})
    assert f["tech"] == "4G" and f["height_m"] == 35 and f["freq_mhz"] == 900 and f["eirp_dbm"] == 60
    assert str(f["site_id"]).startswith("PLAN-") and len(str(f["site_id"])) == 13
    assert f["status"] == "planned" and f["land_status"] == "unchecked"
    idx = layer.fields().lookupField("tech")
    f5 = QgsVectorLayerUtils.createFeature(layer, QgsGeometry.fromPointXY(QgsPointXY(500000, 9900000)),
                                           {idx: "5G"})
    assert f5["height_m"] == 30 and f5["freq_mhz"] == 2300 and f5["eirp_dbm"] == 62


@pytest.mark.parametrize("field,value,ok,why", [
    ("height_m", 500, False, "10–120 m"),
    ("height_m", 5, False, "10–120 m"),
    ("height_m", 42, True, ""),
    ("eirp_dbm", 80, False, "30–70 dBm"),
    ("eirp_dbm", 58, True, ""),
    ("freq_mhz", 6000, False, "450–3800 MHz"),
    ("freq_mhz", 1800, True, ""),
    ("tech", None, False, "technology"),
    ("tech", "6G", False, "technology"),
    ("cost_idr", -1, False, "negative"),
])
def test_constraints_block_impossible_values(provider, tmp_path, field, value, ok, why):
    layer = load(create(tmp_path)[0])
    f = QgsVectorLayerUtils.createFeature(layer, QgsGeometry.fromPointXY(QgsPointXY(500000, 9900000)), {})
    f[field] = value
    valid, errors = QgsVectorLayerUtils.validateAttribute(layer, f, layer.fields().lookupField(field),
                                                          QgsFieldConstraints.ConstraintStrengthHard)
    assert valid is ok
    if not ok:
        assert any(why in e for e in errors), errors


def test_refuses_to_overwrite_unless_asked(provider, tmp_path):
    from qgis.core import QgsProcessingException

    res = create(tmp_path)[0]
    layer = load(res)
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500000, 9900000)))
    f["site_id"], f["tech"] = "PLAN-1", "4G"
    assert layer.dataProvider().addFeatures([f])[0]
    del layer, f
    with pytest.raises(QgsProcessingException, match="already has a layer"):
        create(tmp_path)
    assert load(res).featureCount() == 1
    gc.collect()  # no open layer on the table that is replaced
    res2, _ = create(tmp_path, OVERWRITE=True)
    assert load(res2).featureCount() == 0


def test_adds_a_layer_to_an_existing_geopackage(provider, tmp_path):
    create(tmp_path)
    res, _ = create(tmp_path, LAYER_NAME="rencana_2026", CRS="EPSG:4326")
    from osgeo import ogr

    ds = ogr.Open(str(tmp_path / "plan.gpkg"))
    names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
    assert {"planned_sites", "rencana_2026"} <= names
    assert load(res).crs().authid() == "EPSG:4326"


def test_bad_file_name_is_refused(provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="GeoPackage"):
        run_alg("kaltiminternet:createplannedsites", {"PLAN_GPKG": str(tmp_path / "plan.shp")})


def test_refuses_to_replace_a_layer_open_in_the_project(provider, tmp_path, qgis_new_project):
    from qgis.core import QgsProcessingException, QgsProject

    res = create(tmp_path)[0]
    QgsProject.instance().addMapLayer(load(res))
    with pytest.raises(QgsProcessingException, match="open in the project"):
        create(tmp_path, OVERWRITE=True)
    QgsProject.instance().removeAllMapLayers()
    gc.collect()
    assert create(tmp_path, OVERWRITE=True)[0]["OUTPUT"] == res["OUTPUT"]


def test_form_labels_are_indonesian_in_indonesian_qgis(provider, tmp_path):
    from kaltim_internet_plugin.i18n import install_translator, remove_translator
    from kaltim_internet_plugin.io.planned_sites import create_planned_sites_layer

    assert install_translator("id")
    try:
        layer = create_planned_sites_layer(str(tmp_path / "id.gpkg"))
    finally:
        remove_translator()
    fields = layer.fields()
    assert layer.attributeAlias(fields.lookupField("height_m")) == "Tinggi menara"
    land = layer.editorWidgetSetup(fields.lookupField("land_status")).config()["map"]
    assert [list(d.keys())[0] for d in land] == ["Belum dicek", "Tersedia", "Ditolak pemilik", "Sengketa",
                                                 "Hibah desa", "Sewa"]
    ops = layer.editorWidgetSetup(fields.lookupField("operator")).config()["map"]
    assert list(ops[-1].keys())[0] == "Lainnya"
    assert "10–120 m" in layer.constraintDescription(fields.lookupField("height_m"))
