"""Plan page's operator panel tried as a GIS officer would (s39): one operator written in several ways is one entry
and one CSV file, and no operator's file overwrites another's."""
from __future__ import annotations

import csv

from osgeo import ogr
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QObject, pyqtSignal

from kaltim_internet_plugin.gui.operator_panel import OperatorPanel

WRITTEN = ("Telkomsel", "TELKOMSEL ", "PT Telkomsel", "Tsel", "XL/Axis", "XL Axis", "Lintas+Arta", "Lintas Arta",
           None, "")


class Slider:
    def value(self):
        return 2030


class PlanPage(QObject):
    roadmapFinished = pyqtSignal(dict)

    def __init__(self, layer):
        super().__init__()
        self.layer, self.year_slider, self.filters = layer, Slider(), []

    def roadmap_layer(self):
        return self.layer

    def apply_year_filter(self, _year):
        self.layer.setSubsetString(self.operator_filter)
        return self.operator_filter


def roadmap_layer(path) -> QgsVectorLayer:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("villages", None, ogr.wkbNone)
    lyr.CreateField(ogr.FieldDefn("kode", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("operator", ogr.OFTString))
    for i, op in enumerate(WRITTEN):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("kode", f"64.01.01.{2001 + i}")
        if op is not None:
            f.SetField("operator", op)
        lyr.CreateFeature(f)
    ds = None
    layer = QgsVectorLayer(f"{path}|layername=villages", "roadmap", "ogr")
    assert layer.isValid()
    return layer


def test_one_operator_is_one_entry_and_one_file_and_no_file_overwrites_another(qgis_iface, tmp_path):
    """'Telkomsel', 'TELKOMSEL ', 'PT Telkomsel', 'Tsel' were four entries and four files; 'Lintas+Arta' and
    'Lintas Arta' are two operators written to one file name (paket_Lintas_Arta.csv): the second file overwrote the
    first and its villages were in no file ('Lintas/Arta' was such a pair until a slash became a separator, 8
    December: 'XL/Axis' and 'XL Axis' are now one operator, XL)."""
    layer = roadmap_layer(tmp_path / "roadmap.gpkg")
    panel = OperatorPanel(qgis_iface, PlanPage(layer))
    entries = [panel.combo.itemData(i) for i in range(1, panel.combo.count())]
    assert entries == ["Lintas Arta", "Lintas+Arta", "Telkomsel", "XL", ""]
    panel.combo.setCurrentIndex(entries.index("Telkomsel") + 1)
    assert sorted(f["kode"] for f in layer.getFeatures()) == ["64.01.01.2001", "64.01.01.2002", "64.01.01.2003",
                                                               "64.01.01.2004"]
    panel.combo.setCurrentIndex(entries.index("") + 1)
    assert sorted(f["kode"] for f in layer.getFeatures()) == ["64.01.01.2009", "64.01.01.2010"]
    layer.setSubsetString("")
    paths = panel.export_csv(str(tmp_path / "operators"))
    assert len(paths) == len(set(p.lower() for p in paths)) == len(entries)
    codes = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            codes += [r["kode"] for r in csv.DictReader(fh)]
    assert sorted(codes) == sorted(f"64.01.01.{2001 + i}" for i in range(len(WRITTEN)))  # each village in one file
