"""io.styles_export: the one builder of label settings (village numbers and name labels, issue 17); the planned-village
rule of the atlas tables and tech markers."""
from __future__ import annotations

from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsRenderContext,
    QgsVectorLayer,
)

from kaltim_internet_plugin.core.plan_summary import is_planned, is_programme_connected
from kaltim_internet_plugin.io.styles_export import (
    CONNECTED_EXPRESSION,
    CONNECTED_HATCH_MM,
    PLANNED_EXPRESSION,
    _label_settings,
    label_names,
    style_kabkota,
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


def _existing_villages(kind: str, values: list) -> tuple:
    """A plan layer whose ``existing`` field (of type ``kind``) holds ``values``, one village each (code = its
    index), every one with a cost and unfunded; with its rows as dicts."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=kode:string&field=capex_idr:double&field=opex_idr_year:double"
                           f"&field=existing:{kind}&field=fund_status:string", "v", "memory")
    feats = []
    for i, value in enumerate(values):
        f = QgsFeature(layer.fields())
        f.setAttributes([str(i), 1_000_000, 0, value, "unfunded"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer, [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]


def _codes(layer, expression: str) -> list:
    return sorted(f["kode"] for f in layer.getFeatures(QgsFeatureRequest(QgsExpression(expression))))


def test_the_maps_read_existing_as_the_roadmap_and_the_summary_do():
    """The printed maps' hatch (connected before the roadmap) and planned-village filter read ``existing`` by
    core.plan_summary's one rule: 'ya' is connected, 'tidak' / 'belum' / empty are not (was: only 'programme')."""
    layer, rows = _existing_villages("string", ["programme", "ya", "Sudah", "tidak", "Belum ", "", None])
    assert _codes(layer, CONNECTED_EXPRESSION) == ["0", "1", "2"] == [r["kode"] for r in rows
                                                                       if is_programme_connected(r)]
    assert _codes(layer, PLANNED_EXPRESSION) == ["3", "4", "5", "6"] == [r["kode"] for r in rows if is_planned(r)]


def test_the_maps_read_a_numeric_existing_as_the_summary_does():
    """A real-typed ``existing`` field: 0.0 is not connected, 1.0 is, in the maps' expressions as in
    core.plan_summary (0.0 was the text '0.0' there: connected)."""
    layer, rows = _existing_villages("double", [0.0, 1.0, None, 2.0])
    assert _codes(layer, CONNECTED_EXPRESSION) == ["1", "3"] == [r["kode"] for r in rows
                                                                 if is_programme_connected(r)]


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


def _kabkota() -> QgsVectorLayer:
    """Kutai Kartanegara with a hole, Samarinda in it (an enclave), Kutai Timur beside it."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=nama:string", "k", "memory")
    feats = []
    for name, wkt in (("Kabupaten Kutai Kartanegara", "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))"),
                      ("Kota Samarinda", "POLYGON((1 1, 2 1, 2 2, 1 2, 1 1))"),
                      ("Kabupaten Kutai Timur", "POLYGON((4 0, 8 0, 8 4, 4 4, 4 0))")):
        f = QgsFeature(layer.fields())
        f.setAttributes([name])
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _label_rules_for(layer, atlas_feature=None) -> dict:
    """Per kab/kota, the label rules whose filter it passes: on the overview (no atlas scope) or on the atlas page
    of ``atlas_feature``."""
    rules = layer.labeling().rootRule().children()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    if atlas_feature is not None:
        scope = QgsExpressionContextScope("atlas")
        scope.setVariable("atlas_featureid", atlas_feature.id())
        scope.setVariable("atlas_geometry", atlas_feature.geometry())
        context.appendScope(scope)
    out = {}
    for f in layer.getFeatures():
        context.setFeature(f)
        out[f["nama"]] = [i for i, r in enumerate(rules) if QgsExpression(r.filterExpression()).evaluate(context)]
    return out, rules


def test_kabkota_names_every_one_on_the_overview_and_the_enclave_on_its_atlas_page():
    layer = _kabkota()
    style_kabkota(layer, "nama")
    # the overview: every kab/kota by one rule, placed as before the atlas rules (no "must fit", no generator: the
    # overview had lost Penajam Paser Utara, Balikpapan, Samarinda and Bontang)
    matched, rules = _label_rules_for(layer)
    assert len({tuple(m) for m in matched.values()}) == 1 and len(next(iter(matched.values()))) == 1
    overview = rules[matched["Kota Samarinda"][0]].settings()
    assert not overview.fitInPolygonOnly and not overview.geometryGeneratorEnabled
    assert overview.format().size() == 8 and overview.format().font().bold()
    # the Kutai Kartanegara page: the neighbour where it fits, the enclave always, before the neighbours
    kukar = next(f for f in layer.getFeatures() if f["nama"] == "Kabupaten Kutai Kartanegara")
    matched, rules = _label_rules_for(layer, kukar)
    neighbour, enclave = (rules[matched[n][0]].settings() for n in ("Kabupaten Kutai Timur", "Kota Samarinda"))
    assert len(matched["Kabupaten Kutai Timur"]) == len(matched["Kota Samarinda"]) == 1
    assert neighbour.fitInPolygonOnly and neighbour.geometryGeneratorEnabled
    assert not enclave.fitInPolygonOnly and enclave.priority > neighbour.priority
    assert matched["Kota Samarinda"] != matched["Kabupaten Kutai Timur"]


def test_connected_hatch_is_sparse_and_thin():
    # 802 of the overview's 1,038 villages are hatched: 1.1 mm apart and 0.18 mm wide darkened the map
    from kaltim_internet_plugin.io.styles_export import _connected_symbol

    symbol = _connected_symbol(point=False)
    hatch = symbol.symbolLayer(0)
    assert (hatch.distance(), hatch.lineWidth()) == CONNECTED_HATCH_MM
    assert hatch.distance() >= 1.5 and hatch.lineWidth() <= 0.15
    assert hatch.lineWidth() / hatch.distance() < 0.1  # under a tenth of the village's colour covered


def test_satellite_star_keeps_its_colour_under_its_halo():
    # at 2.2 mm with a 0.25 mm white outline the star's arms printed white: the map's satellite villages did not
    # look like their (brown) legend entry
    from kaltim_internet_plugin.io.styles_export import TECH_COLORS, _tech_marker

    star, circle = _tech_marker("satellite"), _tech_marker("fwa")
    layer, other = star.symbolLayer(0), circle.symbolLayer(0)
    assert layer.shape() == layer.Star and layer.color().name() == TECH_COLORS["satellite"]
    assert layer.strokeWidth() <= 0.1 < other.strokeWidth()
    assert star.size() > circle.size()
