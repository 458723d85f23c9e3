"""Styles for the exported plan (plan.gpkg / plan.qgz / the PDF layouts).

Labels are Indonesian by design: the exported maps and the plan project are documents for the province's
officers. The styles are saved as the default style of every layer in plan.gpkg (``layer_styles``).
"""
from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCentroidFillSymbolLayer,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor, QFont

from ..core import formatting as fmt
from ..core.plan_summary import NOT_CONNECTED_WORDS

STATUS_COLORS = {"covered": "#1a9641", "partial": "#fdae61", "blank_spot": "#d7191c"}
STATUS_LABELS_ID = {"covered": "Tercakup sinyal", "partial": "Tercakup sebagian", "blank_spot": "Blank spot"}

TECH_COLORS = {
    "fibre": "#6a3d9a", "fwa": "#1f78b4", "radio": "#33a02c", "bts": "#e31a1c", "colo": "#ff7f00",
    "satellite": "#b15928", "village_package": "#e7298a", "fibre_service": "#9e9ac8",
}
TECH_SHAPES = {
    "fibre": "square", "fwa": "circle", "radio": "diamond", "bts": "triangle", "colo": "pentagon",
    "satellite": "star", "village_package": "hexagon", "fibre_service": "square",
}
TECH_LABELS_ID = {
    "fibre": "Serat optik", "fwa": "Router 4G (FWA)", "radio": "Radio link", "bts": "BTS 4G baru",
    "colo": "Kolokasi menara", "satellite": "Satelit (VSAT/Starlink)", "village_package": "Paket desa 2025",
    "fibre_service": "Langganan serat optik",
}
# a village counts as "planned" when the plan gives it a cost and it is not a connected village whose service
# continues: one rule with core.plan_summary.is_planned. attribute('name') (the current feature's field, NULL when
# the layer has no such field) and not attribute(@feature, 'name'): QGIS 3.22 has no @feature variable, so that
# test was NULL, always passed, and the atlas tables and tech markers showed the continuing programme villages.
#: ``existing`` says the village was connected before the roadmap: core.plan_summary.existing_connected as an
#: expression ('programme', a yes word or other text; not empty, NULL or a "not yet" word)
EXISTING_CONNECTED = "lower(trim(coalesce(to_string(attribute('existing')), ''))) NOT IN ({})".format(
    ", ".join(f"'{w}'" for w in ("",) + NOT_CONNECTED_WORDS))
PLANNED_EXPRESSION = ("(coalesce(\"capex_idr\", 0) > 0 OR coalesce(\"opex_idr_year\", 0) > 0) "
                      f"AND NOT ({EXISTING_CONNECTED}) "
                      "AND coalesce(attribute('fund_status'), '') <> 'continuing'")


# viridis, dark (first year) to light (last year)
YEAR_RAMP = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")


def year_color(i: int, n: int) -> QColor:
    """Colour of the ``i``-th of ``n`` roadmap years on the ramp."""
    if n <= 1:
        return QColor(YEAR_RAMP[1])
    t = i / (n - 1) * (len(YEAR_RAMP) - 1)
    k = min(int(t), len(YEAR_RAMP) - 2)
    a, b, f = QColor(YEAR_RAMP[k]), QColor(YEAR_RAMP[k + 1]), t - k
    return QColor(round(a.red() + (b.red() - a.red()) * f), round(a.green() + (b.green() - a.green()) * f),
                  round(a.blue() + (b.blue() - a.blue()) * f))


def year_label(year: int, villages: int) -> str:
    return f"{year}: {fmt.integer(villages, 'id')} desa/kel."


def style_plan_year(layer, villages_per_year: dict) -> None:
    """Villages coloured by the roadmap year their service starts: one rule per year that has villages (labelled
    with the year and how many villages start then), every other village light grey."""
    point = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry

    def symbol(color: QColor, other: bool = False):
        if point:
            return QgsMarkerSymbol.createSimple({"name": "circle", "color": color.name(), "size": "1.2" if other
                                                 else "1.8", "outline_color": "80,80,80", "outline_width": "0.1"})
        return QgsFillSymbol.createSimple({"color": f"{color.red()},{color.green()},{color.blue()},"
                                                    f"{120 if other else 230}",
                                           "outline_color": "150,150,150" if other else "90,90,90",
                                           "outline_width": "0.06"})

    root = QgsRuleBasedRenderer.Rule(None)
    years = sorted(y for y, n in villages_per_year.items() if y is not None and n) if _has(layer, "year") else []
    # scheduled as core.plan_summary.is_scheduled: fund_status 'scheduled' (or none) and a year
    scheduled = "coalesce(\"fund_status\", '') IN ('scheduled', '') AND " if _has(layer, "fund_status") else ""
    for i, y in enumerate(years):
        expr = f"{scheduled}to_int(\"year\") = {int(y)}"
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol(year_color(i, len(years))), 0, 0, expr,
                                                   year_label(y, villages_per_year[y])))
    root.appendChild(QgsRuleBasedRenderer.Rule(symbol(QColor("#d9d9d9"), True), 0, 0, "", "Tidak terjadwal", "",
                                               True))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    layer.setLabelsEnabled(False)


def style_village_numbers(layer, ranks, page_filter: str = "") -> None:
    """The atlas map's village numbers: no symbol, the village's ``priority_rank`` as a label, only for the
    villages ``ranks`` (those the atlas pages' tables list, so a number on the map is a row of the page's table)
    that pass ``page_filter`` (the atlas page's own kab/kota).
    Labels avoid each other (and the map's north arrow and scale bar), but are drawn even where they cannot."""
    from qgis.core import QgsNullSymbolRenderer, QgsRuleBasedLabeling

    from ..compat import label_always_shown

    layer.setRenderer(QgsNullSymbolRenderer())
    settings = _label_settings("priority_rank", 6.5, bold=True, halo_mm=0.7, color="#08306b")
    settings.placement = QgsPalLayerSettings.Placement.AroundPoint  # eight places around the village's centre
    settings.dist = 0.3
    settings.centroidInside = True
    settings.priority = 10  # before the kab/kota names
    label_always_shown(settings)
    root = QgsRuleBasedLabeling.Rule(None)
    wanted = sorted({int(r) for r in ranks if r is not None})
    rule = QgsRuleBasedLabeling.Rule(settings)
    expr = f"\"priority_rank\" IN ({', '.join(map(str, wanted))})" if wanted else "FALSE"
    rule.setFilterExpression(f"({expr}) AND ({page_filter})" if page_filter and wanted else expr)
    root.appendChild(rule)
    layer.setLabeling(QgsRuleBasedLabeling(root))
    layer.setLabelsEnabled(True)


def _has(layer, field: str) -> bool:
    return layer.fields().lookupField(field) >= 0


def style_plan_status(layer) -> None:
    """Village polygons (or points) categorized by coverage status, Indonesian labels."""
    cats = []
    point = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
    for value, color in STATUS_COLORS.items():
        if point:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": color, "size": "1.6",
                                                "outline_color": "80,80,80", "outline_width": "0.1"})
        else:
            c = QColor(color)
            sym = QgsFillSymbol.createSimple({"color": f"{c.red()},{c.green()},{c.blue()},150",
                                              "outline_color": "110,110,110", "outline_width": "0.08"})
        cats.append(QgsRendererCategory(value, sym, STATUS_LABELS_ID[value]))
    def other():
        # a new symbol each time: a category and a renderer each take ownership of the symbol they get
        if point:
            return QgsMarkerSymbol.createSimple({"name": "circle", "color": "200,200,200", "size": "1.2"})
        return QgsFillSymbol.createSimple({"color": "235,235,235,120", "outline_color": "150,150,150",
                                           "outline_width": "0.08"})
    if not _has(layer, "status"):
        layer.setRenderer(QgsSingleSymbolRenderer(other()))
        return
    cats.append(QgsRendererCategory("", other(), "Belum dinilai"))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", cats))


def _tech_marker(tech: str, size: float = 2.2) -> QgsMarkerSymbol:
    """The technology's marker; a star larger with a thin halo (at 2.2 mm its arms vanished under the 0.25 mm white
    outline: the satellite villages printed as white stars, their legend entry brown)."""
    star = TECH_SHAPES.get(tech, "circle") == "star"
    return QgsMarkerSymbol.createSimple({"name": TECH_SHAPES.get(tech, "circle"),
                                         "color": TECH_COLORS.get(tech, "#444444"),
                                         "size": str(size * 1.3 if star else size), "outline_color": "255,255,255",
                                         "outline_width": "0.1" if star else "0.25"})


#: the villages the province's programme connects today (their service continues, or cannot be paid on; the
#: expression form of core.plan_summary.is_programme_connected): drawn
#: hatched over their signal status, so a map's blank spots that the programme already serves read as served
CONNECTED_EXPRESSION = f"{EXISTING_CONNECTED} OR coalesce(attribute('fund_status'), '') = 'continuing'"
CONNECTED_LABEL_ID = "Sudah tersambung (program)"
CONNECTED_COLOR = "#2158a8"
#: the hatch's line spacing and width (mm), in a mid blue: sparse and thin, so that on the overview, where the
#: programme connects 802 of 1,038 villages, the status colours under it still read (1.1 mm / 0.18 mm in dark navy
#: darkened the map)
CONNECTED_HATCH_MM = (1.8, 0.15)


def _connected_symbol(point: bool):
    if point:
        return QgsMarkerSymbol.createSimple({"name": "circle", "color": "0,0,0,0", "size": "2.6",
                                             "outline_color": CONNECTED_COLOR, "outline_width": "0.45"})
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45)
    hatch.setDistance(CONNECTED_HATCH_MM[0])
    hatch.setLineWidth(CONNECTED_HATCH_MM[1])
    color = QColor(CONNECTED_COLOR)
    hatch.setColor(color)
    hatch.subSymbol().setColor(color)
    hatch.subSymbol().setWidth(CONNECTED_HATCH_MM[1])
    symbol.appendSymbolLayer(hatch)
    return symbol


def style_plan_tech(layer) -> None:
    """Planned technology as a marker in each planned village (rule-based; polygons get a centroid marker); the
    villages the programme connects today hatched (:data:`CONNECTED_EXPRESSION`)."""
    root = QgsRuleBasedRenderer.Rule(None)
    point = layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
    if _has(layer, "existing") or _has(layer, "fund_status"):
        root.appendChild(QgsRuleBasedRenderer.Rule(_connected_symbol(point), 0, 0, CONNECTED_EXPRESSION,
                                                   CONNECTED_LABEL_ID))
    for tech, label in TECH_LABELS_ID.items():
        marker = _tech_marker(tech)
        if point:
            symbol = marker
        else:
            symbol = QgsFillSymbol()
            symbol.deleteSymbolLayer(0)
            centroid = QgsCentroidFillSymbolLayer()
            centroid.setPointOnSurface(True)
            centroid.setSubSymbol(marker)
            symbol.appendSymbolLayer(centroid)
        expr = f"{PLANNED_EXPRESSION} AND \"tech\" = '{tech}'"
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expr, label))
    layer.setRenderer(QgsRuleBasedRenderer(root))


def style_existing_sites(layer) -> None:
    sym = QgsMarkerSymbol.createSimple({"name": "triangle", "color": "90,90,90", "size": "1.6",
                                        "outline_color": "255,255,255", "outline_width": "0.15"})
    layer.setRenderer(QgsSingleSymbolRenderer(sym))


def style_planned_sites(layer) -> None:
    """Planned sites: a large star, coloured by the technology when the layer has a ``tech`` field."""
    if _has(layer, "tech"):
        cats = []
        for tech, label in TECH_LABELS_ID.items():
            sym = QgsMarkerSymbol.createSimple({"name": "star", "color": TECH_COLORS[tech], "size": "3.2",
                                                "outline_color": "0,0,0", "outline_width": "0.2"})
            cats.append(QgsRendererCategory(tech, sym, "Lokasi baru: " + label))
        sym = QgsMarkerSymbol.createSimple({"name": "star", "color": "255,255,0", "size": "3.2",
                                            "outline_color": "0,0,0", "outline_width": "0.2"})
        cats.append(QgsRendererCategory("", sym, "Lokasi baru"))
        layer.setRenderer(QgsCategorizedSymbolRenderer("tech", cats))
        return
    sym = QgsMarkerSymbol.createSimple({"name": "star", "color": "255,255,0", "size": "3.2",
                                        "outline_color": "0,0,0", "outline_width": "0.2"})
    layer.setRenderer(QgsSingleSymbolRenderer(sym))


def _label_settings(field: str, size: float, bold: bool = False, halo_mm: float = 0.8,
                    color: Optional[str] = None) -> QgsPalLayerSettings:
    """Label settings for ``field``: DejaVu Sans of ``size`` points (``color`` or the default), a white halo of
    ``halo_mm`` millimetres."""
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    text_format = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(bold)
    text_format.setFont(font)
    text_format.setSize(size)
    if color is not None:
        text_format.setColor(QColor(color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(halo_mm)
    buffer.setColor(QColor("white"))
    text_format.setBuffer(buffer)
    settings.setFormat(text_format)
    return settings


def _label(layer, field: str, size: float, bold: bool = False) -> None:
    layer.setLabeling(QgsVectorLayerSimpleLabeling(_label_settings(field, size, bold)))
    layer.setLabelsEnabled(True)


def label_names(layer, field: str, size: float = 6.0) -> None:
    """Names (``field``) as labels with a white halo; the engine places as many as fit without overlapping."""
    _label(layer, field, size)


#: where a kab/kota's name goes: on an atlas page only the neighbours, on their own part outside the page's kab/kota
#: (a neighbour's name was printed across the page's villages, and the page's own name is its subtitle); outside
#: an atlas (the overview) every kab/kota
KABKOTA_LABEL_GEOMETRY = ("CASE WHEN @atlas_featureid IS NULL THEN $geometry "
                          "WHEN @atlas_featureid = $id THEN NULL "
                          "ELSE difference($geometry, buffer(@atlas_geometry, 0)) END")


#: a kab/kota inside the atlas page's kab/kota (within its convex hull): an enclave
KABKOTA_ENCLAVE = "coalesce(within($geometry, convex_hull(@atlas_geometry)), false)"


def kabkota_label_settings(name_field: str = "nama", size: float = 7.5) -> QgsPalLayerSettings:
    """The kab/kota names: inside their polygon's visible part (:data:`KABKOTA_LABEL_GEOMETRY`), wrapped over two
    lines, only where they fit, after the village numbers."""
    settings = _label_settings(name_field, size, bold=True)
    settings.geometryGenerator = KABKOTA_LABEL_GEOMETRY
    settings.geometryGeneratorEnabled = True
    settings.geometryGeneratorType = QgsWkbTypes.GeometryType.PolygonGeometry
    settings.placement = QgsPalLayerSettings.Placement.Horizontal
    settings.fitInPolygonOnly = True
    settings.autoWrapLength = 14
    settings.priority = 3
    return settings


def style_kabkota(layer, name_field: str = "nama", labels: bool = True) -> None:
    """Kab/kota outlines; the current atlas feature gets a darker, thicker outline (thin enough not to fill a
    kab/kota of many small islands and river mouths with black)."""
    root = QgsRuleBasedRenderer.Rule(None)
    current = QgsFillSymbol.createSimple({"style": "no", "outline_color": "0,0,0", "outline_width": "0.5"})
    other = QgsFillSymbol.createSimple({"style": "no", "outline_color": "60,60,60", "outline_width": "0.3"})
    root.appendChild(QgsRuleBasedRenderer.Rule(current, 0, 0, "@atlas_featureid = $id", "Kab/kota halaman ini"))
    root.appendChild(QgsRuleBasedRenderer.Rule(other, 0, 0, "", "Batas kab/kota", "", True))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    if labels and _has(layer, name_field):
        from qgis.core import QgsRuleBasedLabeling

        root = QgsRuleBasedLabeling.Rule(None)
        # the overview (no atlas): every kab/kota named, where the engine finds room, as before the atlas rules
        overview = QgsRuleBasedLabeling.Rule(_label_settings(name_field, 8, bold=True))
        overview.setFilterExpression("@atlas_featureid IS NULL")
        root.appendChild(overview)
        # an atlas page: the neighbours where their name fits on their part outside the page's kab/kota; an enclave
        # (Samarinda on the Kutai Kartanegara page) smaller, where its name overruns it too, placed before the
        # neighbours (priority 9; the village numbers 10: at 3 it found no room among them)
        enclave = f"@atlas_featureid <> $id AND {KABKOTA_ENCLAVE}"
        fitting = QgsRuleBasedLabeling.Rule(kabkota_label_settings(name_field))
        fitting.setFilterExpression(f"@atlas_featureid IS NOT NULL AND NOT ({enclave})")
        root.appendChild(fitting)
        settings = kabkota_label_settings(name_field, 6.5)
        settings.fitInPolygonOnly = False
        settings.priority = 9
        inside = QgsRuleBasedLabeling.Rule(settings)
        inside.setFilterExpression(f"@atlas_featureid IS NOT NULL AND {enclave}")
        root.appendChild(inside)
        layer.setLabeling(QgsRuleBasedLabeling(root))
        layer.setLabelsEnabled(True)


def style_neighbour_mask(layer) -> None:
    """Atlas pages: the other kab/kota washed white (70 % opaque) so only the page's own villages show their status.
    Outside an atlas (no @atlas_featureid) nothing is drawn."""
    root = QgsRuleBasedRenderer.Rule(None)
    wash = QgsFillSymbol.createSimple({"color": "255,255,255,180", "outline_style": "no"})
    root.appendChild(QgsRuleBasedRenderer.Rule(wash, 0, 0, "@atlas_featureid IS NOT NULL AND @atlas_featureid <> $id",
                                               "Kab/kota lain (disamarkan)"))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    layer.setLabelsEnabled(False)


def style_locator(layer) -> None:
    """The inset locator: the whole province in grey, the current atlas kab/kota in red."""
    root = QgsRuleBasedRenderer.Rule(None)
    current = QgsFillSymbol.createSimple({"color": "215,25,28,230", "outline_color": "120,0,0", "outline_width": "0.3"})
    other = QgsFillSymbol.createSimple({"color": "220,220,220", "outline_color": "120,120,120",
                                        "outline_width": "0.15"})
    root.appendChild(QgsRuleBasedRenderer.Rule(current, 0, 0, "@atlas_featureid = $id", "Kab/kota halaman ini"))
    root.appendChild(QgsRuleBasedRenderer.Rule(other, 0, 0, "", "Kab/kota lain", "", True))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    layer.setLabelsEnabled(False)
