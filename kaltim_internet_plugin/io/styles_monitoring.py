"""Map style for the deployment status (issue 7): categorized renderer with Indonesian labels."""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsWkbTypes,
)

from ..core import monitoring as mon
from ..i18n import tr

STATUS_COLORS = {
    "planned": "#bdbdbd",
    "surveyed": "#9ecae1",
    "contracted": "#6baed6",
    "installed": "#fdae61",
    "active": "#1a9641",
    "disrupted": "#d7191c",
    "migrated": "#756bb1",
}
NO_STATUS_COLOR = "#f7f7f7"


def status_legend_labels() -> dict:
    """code -> legend label: the Indonesian status label (as in the form), then the code."""
    return {code: f"{mon.status_label(code, 'id').capitalize()} ({code})" for code in mon.STATUSES}


def _symbol(layer, color: str):
    geom = layer.geometryType()
    if geom == QgsWkbTypes.GeometryType.PointGeometry:
        return QgsMarkerSymbol.createSimple({"name": "circle", "color": color, "size": "2.4",
                                             "outline_color": "60,60,60", "outline_width": "0.2"})
    if geom == QgsWkbTypes.GeometryType.LineGeometry:
        return QgsLineSymbol.createSimple({"color": color, "width": "0.8"})
    return QgsFillSymbol.createSimple({"color": color, "outline_color": "90,90,90", "outline_width": "0.1"})


def style_by_status(layer, field: str = "status") -> QgsCategorizedSymbolRenderer:
    """Categorized renderer on ``field``: one class per workflow status (Indonesian labels) + 'no status'.

    Values stored as Indonesian labels (``aktif``) are drawn too: each status gets a category for its code and,
    when such values occur in the layer, one for its label.
    """
    if layer.fields().indexOf(field) < 0:
        raise ValueError(tr("Layer '{layer}' has no '{field}' field to style by.").format(layer=layer.name(),
                                                                                        field=field))
    labels = status_legend_labels()
    present = {str(v) for v in layer.uniqueValues(layer.fields().indexOf(field)) if v is not None}
    cats = []
    for code in mon.STATUSES:
        cats.append(QgsRendererCategory(code, _symbol(layer, STATUS_COLORS[code]), labels[code]))
        label_id = mon.status_label(code, "id")
        for value in sorted(present):
            if value != code and mon.normalise_status(value) == code and value.lower() == label_id:
                cats.append(QgsRendererCategory(value, _symbol(layer, STATUS_COLORS[code]), labels[code]))
    cats.append(QgsRendererCategory(None, _symbol(layer, NO_STATUS_COLOR), tr("No status yet")))
    renderer = QgsCategorizedSymbolRenderer(field, cats)
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return renderer
