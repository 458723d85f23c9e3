"""io.styles_export: the one builder of label settings (village numbers and name labels, issue 17)."""
from __future__ import annotations

from qgis.core import QgsVectorLayer

from kaltim_internet_plugin.io.styles_export import _label_settings, label_names, style_village_numbers


def test_label_settings_font_halo_and_colour():
    s = _label_settings("nama", 7.0, bold=True, halo_mm=0.7, color="#08306b")
    fmt = s.format()
    assert s.fieldName == "nama"
    assert fmt.font().family() == "DejaVu Sans" and fmt.font().bold()
    assert fmt.size() == 7.0
    assert fmt.color().name() == "#08306b"
    assert fmt.buffer().enabled() and fmt.buffer().size() == 0.7
    assert fmt.buffer().color().name() == "#ffffff"


def test_label_settings_defaults():
    s = _label_settings("nama", 6.0)
    assert not s.format().font().bold()
    assert s.format().buffer().size() == 0.8


def test_name_labels_and_village_numbers_use_it():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=nama:string&field=priority_rank:integer", "v", "memory")
    label_names(layer, "nama", 6.0)
    assert layer.labelsEnabled()
    assert layer.labeling().settings().fieldName == "nama"
    assert layer.labeling().settings().format().size() == 6.0
    style_village_numbers(layer, [3, 1])
    rule = layer.labeling().rootRule().children()[0]
    assert rule.settings().fieldName == "priority_rank"
    assert rule.settings().format().color().name() == "#08306b"
    assert rule.settings().format().buffer().size() == 0.7
    assert rule.filterExpression() == '"priority_rank" IN (1, 3)'
