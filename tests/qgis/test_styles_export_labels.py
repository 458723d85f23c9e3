"""io.styles_export: the one builder of label settings (village numbers and name labels, issue 17); the planned-village
rule of the atlas tables and tech markers."""
from __future__ import annotations

from qgis.core import (
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsRenderContext,
    QgsVectorLayer,
)

from kaltim_internet_plugin.core.plan_summary import is_planned
from kaltim_internet_plugin.io.styles_export import (
    PLANNED_EXPRESSION,
    _label_settings,
    label_names,
    style_plan_tech,
    style_village_numbers,
)


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


def _plan_villages(with_programme_fields: bool = True) -> QgsVectorLayer:
    fields = "field=kode:string&field=tech:string&field=capex_idr:double&field=opex_idr_year:double"
    if with_programme_fields:
        fields += "&field=existing:string&field=fund_status:string"
    layer = QgsVectorLayer(f"Point?crs=EPSG:4326&{fields}", "v", "memory")
    rows = [("A", "fwa", 1_500_000, 3_600_000, None, "scheduled"),  # planned
            ("B", "village_package", 0, 6_000_000, "programme", "continuing"),  # connected, service continues
            ("C", "fibre_service", 0, 4_800_000, "programme", "unfunded"),  # connected, service not paid on
            ("D", "satellite", 15_000_000, 36_000_000, None, "unfunded"),  # planned, not funded
            ("E", None, 0, 0, None, None)]  # nothing planned
    feats = []
    for r in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(list(r) if with_programme_fields else list(r[:4]))
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(117.0, -0.5)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_planned_expression_leaves_out_the_connected_programme_villages():
    # the atlas tables, the tech markers and the map numbers filter with it; attribute(@feature, ...) was NULL on
    # QGIS 3.22 (no @feature variable) and every programme village passed as planned
    layer = _plan_villages()
    request = QgsFeatureRequest(QgsExpression(PLANNED_EXPRESSION))
    assert sorted(f["kode"] for f in layer.getFeatures(request)) == ["A", "D"]
    # the same rule as core.plan_summary.is_planned, row by row
    assert [f["kode"] for f in layer.getFeatures() if is_planned(dict(zip(layer.fields().names(), f.attributes())))] \
        == ["A", "D"]
    # a plan without the programme's fields: every village with a cost is planned
    bare = _plan_villages(with_programme_fields=False)
    assert sorted(f["kode"] for f in bare.getFeatures(request)) == ["A", "B", "C", "D"]


def test_tech_markers_only_for_planned_villages():
    layer = _plan_villages()
    style_plan_tech(layer)
    renderer = layer.renderer()
    context = QgsRenderContext()
    context.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    renderer.startRender(context, layer.fields())
    try:
        drawn = {}
        for f in layer.getFeatures():
            context.expressionContext().setFeature(f)
            drawn[f["kode"]] = [r.label() for r in renderer.rootRule().rulesForFeature(f, context)]
    finally:
        renderer.stopRender(context)
    # the programme's connected villages get no technology marker: they are hatched as connected (the atlas box
    # counts them, and a blank spot the programme already serves reads as served)
    connected = ["Sudah tersambung (program)"]
    assert drawn == {"A": ["Router 4G (FWA)"], "B": connected, "C": connected, "D": ["Satelit (VSAT/Starlink)"],
                     "E": []}
