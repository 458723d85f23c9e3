"""Styles of the prioritisation / site-selection outputs (issue #4), and the Processing post-processor that
applies them when an algorithm's output is loaded into the project."""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsMarkerSymbol,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSymbol,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..i18n import tr

# High contrast, low (light yellow) to first (deep blue-violet): matplotlib's "plasma" map sampled at 1, .75, .5,
# .25, 0 (perceptually uniform, colour-blind safe; matplotlib 3.x, CC0 colormap data, van der Walt & Smith 2015);
# away from the status red/orange/green so a priority map is not read as coverage (issue 19).
PRIORITY_COLORS = ("#f0f921", "#f89540", "#cc4778", "#7e03a8", "#0d0887")
TECH_COLORS = {"fibre": "#6a3d9a", "fwa": "#1f78b4", "radio": "#33a02c", "bts": "#e31a1c", "colo": "#ff7f00",
               "satellite": "#b15928", "village_package": "#a6cee3"}
KIND_COLORS = {"office": "#1f78b4", "hilltop": "#8c510a", "colo": "#ff7f00"}
COVERED_BY_COLORS = {"existing": "#1a9641", "new": "#2c7bb6", "none": "#d7191c"}


def tech_labels() -> dict:
    return {"fibre": tr("Fibre optic"), "fwa": tr("4G FWA (router)"), "radio": tr("Radio link"),
            "bts": tr("New 4G BTS"), "colo": tr("Co-location on an existing tower"), "satellite": tr("Satellite"),
            "village_package": tr("Province village package")}


def kind_labels() -> dict:
    return {"office": tr("Village office"), "hilltop": tr("Hilltop"), "colo": tr("Existing tower (co-location)")}


def covered_by_labels() -> dict:
    return {"existing": tr("Covered by an existing site"), "new": tr("Covered by a new site"),
            "none": tr("Not covered")}


def _symbol(layer, color: str, size: float = 2.2, shape: str = "circle") -> QgsSymbol:
    if layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry:
        return QgsMarkerSymbol.createSimple({"name": shape, "color": color, "size": str(size),
                                             "outline_color": "60,60,60", "outline_width": "0.15"})
    return QgsFillSymbol.createSimple({"color": color, "outline_color": "110,110,110", "outline_width": "0.1"})


def style_priority(layer, field: str = "priority_score") -> None:
    """Graduated on the 0–100 score, five equal classes, yellow (low) to deep blue-violet (first)."""
    ranges = []
    bounds = (0, 20, 40, 60, 80, 100)
    for k in range(5):
        lo, hi = bounds[k], bounds[k + 1]
        ranges.append(QgsRendererRange(lo, hi + (1e-9 if k == 4 else 0), _symbol(layer, PRIORITY_COLORS[k]),
                                       f"{lo}–{hi}"))
    renderer = QgsGraduatedSymbolRenderer(field, ranges)
    layer.setRenderer(renderer)
    layer.triggerRepaint()


def _categorized(layer, field: str, colors: dict, labels: dict, size: float = 2.2, shape: str = "circle"):
    cats = [QgsRendererCategory(value, _symbol(layer, color, size, shape), labels.get(value, value))
            for value, color in colors.items()]
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))
    layer.triggerRepaint()


def style_tech(layer, field: str = "tech") -> None:
    _categorized(layer, field, TECH_COLORS, tech_labels())


def style_candidates(layer, field: str = "kind") -> None:
    _categorized(layer, field, KIND_COLORS, kind_labels(), 2.4, "triangle")


def style_selected_sites(layer) -> None:
    _categorized(layer, "kind", KIND_COLORS, kind_labels(), 4.0, "star")


def style_covered_by(layer, field: str = "covered_by") -> None:
    _categorized(layer, field, COVERED_BY_COLORS, covered_by_labels())


STYLERS = {"priority": style_priority, "tech": style_tech, "candidates": style_candidates,
           "selected": style_selected_sites, "covered_by": style_covered_by}


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies one of :data:`STYLERS` when Processing loads the output layer."""

    def __init__(self, kind: str, name: str = ""):
        super().__init__()
        self.kind = kind
        self.name = name

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is None:
            return
        if self.name:
            layer.setName(self.name)
        STYLERS[self.kind](layer)


_KEEP = []  # QGIS does not take ownership of Python post-processors: keep them alive


def attach_style(context, dest_id: str, kind: str, name: str = "") -> None:
    """Style ``dest_id`` when Processing loads it on completion (no-op when it is not loaded)."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    post = StylePostProcessor(kind, name)
    _KEEP.append(post)
    del _KEEP[:-50]
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(post)


def color(value: str) -> QColor:
    return QColor(value)
