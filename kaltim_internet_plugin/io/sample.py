"""The bundled Kaltim sample: paths, and loading it into a project as a styled layer group."""
from __future__ import annotations

from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

from ..i18n import tr
from ..paths import sample_dir
from . import styles

GPKG_NAME = "kaltim_sample.gpkg"
DEM_NAME = "kaltim_dem_synthetic_250m.tif"
FIBRE_POPS_NAME = "kaltim_fibre_pops_synthetic.gpkg"
LANDCOVER_NAME = "kaltim_landcover_synthetic.tif"
PROGRAMME_STATUS_NAME = "programme_status_ILLUSTRATIVE.csv"
ANALYSIS_CRS = "EPSG:32750"


def gpkg_path() -> str:
    return str(sample_dir() / GPKG_NAME)


def dem_path() -> str:
    return str(sample_dir() / DEM_NAME)


def landcover_path() -> str:
    """SYNTHETIC land cover in ESA WorldCover classes (scripts/make_sample.py), for the coverage's LAND_COVER."""
    return str(sample_dir() / LANDCOVER_NAME)


def fibre_pops_uri() -> str:
    """SYNTHETIC fibre points of presence (scripts/make_programme_sample.py)."""
    return f"{sample_dir() / FIBRE_POPS_NAME}|layername=fibre_pops"


def programme_status_path() -> str:
    """ILLUSTRATIVE programme-status table built from the public counts (scripts/make_programme_sample.py)."""
    return str(sample_dir() / PROGRAMME_STATUS_NAME)


def layer_uri(name: str) -> str:
    return f"{gpkg_path()}|layername={name}"


def open_layer(name: str, display: str = "") -> QgsVectorLayer:
    return QgsVectorLayer(layer_uri(name), display or name, "ogr")


def sample_layers() -> list:
    """(key, layer) pairs in drawing order, top first, each valid and styled."""
    villages = open_layer("villages", tr("Villages (population estimated)"))
    styles.style_villages(villages)
    offices = open_layer("offices", tr("Village offices"))
    styles.style_offices(offices)
    towers = open_layer("towers", tr("Existing towers (SYNTHETIC)"))
    styles.style_towers(towers)
    kec = open_layer("kecamatan", tr("Kecamatan"))
    styles.style_boundary(kec, 0.3, "110,110,110")
    kab = open_layer("kabkota", tr("Kab/Kota"))
    styles.style_boundary(kab, 0.8, "40,40,40")
    styles.label_layer(kab, "nama", 9)
    dem = QgsRasterLayer(dem_path(), tr("Elevation (SYNTHETIC DEM)"))
    styles.style_dem(dem)
    landcover = QgsRasterLayer(landcover_path(), tr("Land cover (SYNTHETIC, ESA WorldCover classes)"))
    styles.style_landcover(landcover)
    return [("towers", towers), ("offices", offices), ("kabkota", kab), ("kecamatan", kec),
            ("villages", villages), ("landcover", landcover), ("dem", dem)]


def load_sample(project: QgsProject = None) -> dict:
    """Add the sample to ``project`` in a group; returns key -> layer. Raises RuntimeError if a file is missing."""
    project = project or QgsProject.instance()
    layers = sample_layers()
    broken = [key for key, layer in layers if not layer.isValid()]
    if broken:
        raise RuntimeError(tr("The bundled sample is incomplete (cannot open: {names}) in {folder}. "
                              "Reinstall the plugin or run 'make sample'.").format(
            names=", ".join(broken), folder=sample_dir()))
    root = project.layerTreeRoot()
    group = root.insertGroup(0, tr("Kaltim sample (Internet Desa Kaltim)"))
    for key, layer in layers:
        project.addMapLayer(layer, False)
        node = group.addLayer(layer)
        if key == "landcover":  # an input of the coverage (its clutter), not a map to read over the relief
            node.setItemVisibilityChecked(False)
    return dict(layers)
