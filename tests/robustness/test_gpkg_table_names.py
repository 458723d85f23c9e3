"""GeoPackage tables whose file name QGIS's sinks misread (session 32): an apostrophe, a dot before .gpkg."""
from __future__ import annotations

import pytest
from qgis.core import QgsVectorLayer

from tests.conftest import run_alg


def test_table_destination_quotes_a_path_with_an_apostrophe():
    from kaltim_internet_plugin.io.gpkg_tables import table_destination

    assert table_destination("/d/plan.gpkg", "v") == "ogr:dbname='/d/plan.gpkg' table=\"v\" (geom)"
    assert table_destination("/d/it's.gpkg", "t", geometry=False) == "ogr:dbname=\"/d/it's.gpkg\" table=\"t\""


@pytest.mark.parametrize("name", ["rencana.v2.gpkg", "a.b.c.gpkg"])
def test_a_table_output_in_a_dotted_geopackage_is_refused_before_the_run(provider, tmp_path, name):
    """'path|layername=x' into 'rencana.v2.gpkg': QGIS's sink fails with "OGR driver for '' not found" (it reads
    'v2.gpkg' as the format); the tool says so before writing, with a name that works."""
    from qgis.core import QgsProcessingException

    out = tmp_path / name
    csv = tmp_path / "towers.csv"
    csv.write_text("site_id,lon,lat,height_m\nA1,117.10,-0.50,30\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:importsites", {"INPUT": str(csv), "OUTPUT": f"{out}|layername=s"})
    text = str(err.value)
    assert "dot before .gpkg" in text and name.replace(".gpkg", "").replace(".", "_") + ".gpkg" in text
    assert not out.exists()


def test_a_table_output_in_a_geopackage_named_with_an_apostrophe_is_written(provider, tmp_path):
    csv = tmp_path / "towers.csv"
    csv.write_text("site_id,lon,lat,height_m\nA1,117.10,-0.50,30\n", encoding="utf-8")
    out = tmp_path / "kab's plan.gpkg"
    res, _ = run_alg("kaltiminternet:importsites", {"INPUT": str(csv), "OUTPUT": f"{out}|layername=sites"})
    assert res["SITES_IMPORTED"] == 1
    layer = QgsVectorLayer(f"{out}|layername=sites", "s", "ogr")
    assert layer.isValid() and layer.featureCount() == 1


def test_the_roadmap_names_the_line_of_an_unclosed_quote_in_the_funding_table(provider, tmp_path):
    from qgis.core import QgsProcessingException

    from tests.qgis.test_roadmap_alg import build_plan

    broken = tmp_path / "funding.csv"
    broken.write_text('name,label,kinds,techs,yearly_cap_idr\napbd_prov,"APBD Provinsi,capex,fwa,1000\n',
                      encoding="utf-8")
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:roadmap", {"PLAN": build_plan(tmp_path / "plan.gpkg", n=5), "FUNDING": str(broken),
                                           "OUTPUT": str(tmp_path / "r.gpkg"),
                                           "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})
    text = str(err.value)
    assert "line 2" in text and "never closes" in text and "unclosed_quote" not in text
    assert not (tmp_path / "r.gpkg").exists()


@pytest.mark.parametrize("table", ["rtree_villages_geom", "GPKG_contents", "sqlite_x"])
def test_a_table_name_the_geopackage_keeps_for_itself_is_refused(provider, tmp_path, table):
    """createplannedsites with LAYER_NAME rtree_villages_geom said it "was written ... but cannot be opened" (nothing
    was written); a table output of that name failed inside QGIS: both are refused first, with a name that works."""
    import shutil

    from qgis.core import QgsProcessingException

    from tests.conftest import SAMPLE

    gpkg = tmp_path / "plan.gpkg"
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", gpkg)
    before = gpkg.read_bytes()
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:createplannedsites", {"PLAN_GPKG": str(gpkg), "LAYER_NAME": table})
    text = str(err.value)
    assert f"LAYER_NAME: '{table}' is a name a GeoPackage keeps for its own tables" in text, text
    assert "give the table another name, e.g." in text
    csv = tmp_path / "towers.csv"
    csv.write_text("site_id,lon,lat,height_m\nA1,117.10,-0.50,30\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as err:
        run_alg("kaltiminternet:importsites", {"INPUT": str(csv), "OUTPUT": f"{gpkg}|layername={table}"})
    assert f"'{table}' is a name a GeoPackage keeps for its own tables" in str(err.value)
    assert gpkg.read_bytes() == before
