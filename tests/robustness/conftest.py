"""What the robustness tests share: a copy of the sample GeoPackage to break things in (``gpkg``), its Bontang subset
(``SUBSET``), a file's checksum (``digest``) and :func:`fails`, a run that must stop with a message a user can act
on (no traceback, no "please report", no temporary file name)."""
from __future__ import annotations

import hashlib
import shutil

import pytest

from tests.conftest import SAMPLE

SUBSET = "|layername=villages|subset=\"kode_kab\" = '64.74'"


def digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture()
def gpkg(tmp_path):
    dest = tmp_path / "data" / "villages.gpkg"
    dest.parent.mkdir()
    shutil.copy(SAMPLE / "kaltim_sample.gpkg", dest)
    return dest


def fails(alg, params):
    """Run ``kaltiminternet:alg``: it must raise a QgsProcessingException whose text is for the user; returns it."""
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as exc:
        processing.run(f"kaltiminternet:{alg}", params)
    text = str(exc.value)
    assert "Traceback" not in text and "Unexpected error" not in text and "report it" not in text
    assert ".kaltim-partial-" not in text
    return text


def mahakam_ulu_villages(path, geometry, n=None, gtype=None, epsg=None) -> str:
    """A GeoPackage ``path`` with the Mahakam Ulu (64.11) villages of the sample, their geometry ``geometry(i, g)``
    (None: no geometry), the first ``n`` of them, as layer type ``gtype`` (default: multipolygon), declared in
    ``epsg`` (default: the sample's own CRS; another one makes a layer in the wrong CRS)."""
    from osgeo import ogr, osr

    src = ogr.Open(str(SAMPLE / "kaltim_sample.gpkg"))
    sl = src.GetLayerByName("villages")
    sl.SetAttributeFilter("kode_kab = '64.11'")
    feats = [f for f in sl][:n] if n is not None else [f for f in sl]
    defn = sl.GetLayerDefn()
    srs = sl.GetSpatialRef()
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    out = ds.CreateLayer("villages", srs, gtype or ogr.wkbMultiPolygon)
    for j in range(defn.GetFieldCount()):
        out.CreateField(defn.GetFieldDefn(j))
    for i, f in enumerate(feats):
        nf = ogr.Feature(out.GetLayerDefn())
        for j in range(defn.GetFieldCount()):
            nf.SetField(j, f.GetField(j))
        g = geometry(i, f.GetGeometryRef().Clone())
        if g is not None:
            nf.SetGeometry(g)
        out.CreateFeature(nf)
    ds = None
    return str(path)
