"""Map tool "Place site" (Tempatkan menara): click to add a planned site, press-drag-release to move one.

Everything goes through the layer's edit buffer with one undo command per action, so QGIS's own Undo/Redo,
Save and Discard edits work as usual and nothing is written to the file until the user saves.
"""
from __future__ import annotations

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayerUtils,
)
from qgis.gui import QgsMapTool
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QCursor

from ..compat import transform_bounding_box
from ..i18n import tr
from ..io.planned_sites import DEFAULT_TECH, default_attributes
from .messages import notify
from .widgets import cross_marker

PICK_TOLERANCE_PX = 8
DRAG_MIN_PX = 3


class PlaceSiteTool(QgsMapTool):
    """``layer_provider()`` returns the planned-sites layer; ``contains(point, crs)`` says whether a point is on
    the DEM (None: no check). ``open_form``: open the attribute form after adding (off in tests)."""

    siteAdded = pyqtSignal(int)      # fid (in the edit buffer)
    siteMoved = pyqtSignal(int)
    siteSelected = pyqtSignal(int)   # click on an existing site without moving it
    rejected = pyqtSignal(str)       # why nothing was added / moved

    def __init__(self, canvas, layer_provider, iface=None, contains=None, open_form=True, tech=DEFAULT_TECH):
        super().__init__(canvas)
        self.canvas_, self.layer_provider, self.iface = canvas, layer_provider, iface
        self.contains, self.open_form, self.tech = contains, open_form, tech
        self._drag_fid = self._press_px = self._marker = None  # the drag in progress
        self.setCursor(QCursor(Qt.CursorShape.CrossCursor))

    # helpers ------------------------------------------------------------------------------------------------
    def layer(self):
        return self.layer_provider() if callable(self.layer_provider) else self.layer_provider

    def _map_crs(self):
        return self.canvas_.mapSettings().destinationCrs()

    def _to_layer(self, layer, point: QgsPointXY) -> QgsPointXY:
        src, dst = self._map_crs(), layer.crs()
        if src.isValid() and dst.isValid() and src != dst:
            return QgsCoordinateTransform(src, dst, QgsProject.instance()).transform(point)
        return QgsPointXY(point)

    def _reject(self, text: str):
        notify(self.iface, text, Qgis.MessageLevel.Warning)
        self.rejected.emit(text)

    def _check(self, point: QgsPointXY) -> bool:
        layer = self.layer()
        if layer is None:
            self._reject(tr("Choose or create a planned-sites layer first."))
            return False
        if self.contains is not None and not self.contains(point, self._map_crs()):
            self._reject(tr("This point is outside the DEM: a site can only be placed on the terrain model. "
                            "Nothing was added."))
            return False
        return True

    def _ensure_editing(self, layer) -> bool:
        if layer.isEditable():
            return True
        if not layer.startEditing():
            self._reject(tr("The layer '{name}' cannot be edited (read-only?).").format(name=layer.name()))
            return False
        return True

    def site_at(self, point: QgsPointXY):
        """fid of the planned site nearest to ``point`` (map CRS) within the pick tolerance, or None."""
        layer = self.layer()
        if layer is None:
            return None
        tol = PICK_TOLERANCE_PX * self.canvas_.mapUnitsPerPixel()
        rect = QgsRectangle(point.x() - tol, point.y() - tol, point.x() + tol, point.y() + tol)
        src, dst = self._map_crs(), layer.crs()
        if src.isValid() and dst.isValid() and src != dst:
            rect = transform_bounding_box(QgsCoordinateTransform(src, dst, QgsProject.instance()), rect)
        target = QgsGeometry.fromPointXY(self._to_layer(layer, point))
        best, best_d = None, None
        for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(rect).setNoAttributes()):
            d = f.geometry().distance(target)
            if best_d is None or d < best_d:
                best, best_d = f.id(), d
        return best

    # actions ------------------------------------------------------------------------------------------------
    def place_site(self, point: QgsPointXY):
        """Add a planned site at ``point`` (map CRS). Returns the new fid, or None (nothing added)."""
        if not self._check(point):
            return None
        layer = self.layer()
        if not self._ensure_editing(layer):
            return None
        geom = QgsGeometry.fromPointXY(self._to_layer(layer, point))
        feature = QgsVectorLayerUtils.createFeature(layer, geom, default_attributes(layer, self.tech))
        layer.beginEditCommand(tr("Place site"))
        ok = layer.addFeature(feature)
        if not ok:
            layer.destroyEditCommand()
            self._reject(tr("The site could not be added to '{name}'.").format(name=layer.name()))
            return None
        layer.endEditCommand()
        fid = feature.id()
        self.siteAdded.emit(fid)
        if self.open_form and self.iface is not None:
            self.iface.openFeatureForm(layer, layer.getFeature(fid), False, True)
        return fid

    def move_site(self, fid: int, point: QgsPointXY) -> bool:
        """Move site ``fid`` to ``point`` (map CRS) in one undoable edit command."""
        if not self._check(point):
            return False
        layer = self.layer()
        if not self._ensure_editing(layer):
            return False
        layer.beginEditCommand(tr("Move site"))
        if not layer.changeGeometry(fid, QgsGeometry.fromPointXY(self._to_layer(layer, point))):
            layer.destroyEditCommand()
            self._reject(tr("The site could not be moved."))
            return False
        layer.endEditCommand()
        self.siteMoved.emit(fid)
        return True

    # mouse --------------------------------------------------------------------------------------------------
    def canvasPressEvent(self, e):  # noqa: N802
        if e.button() != Qt.MouseButton.LeftButton:
            return
        self._press_px = e.pos()
        self._drag_fid = self.site_at(e.mapPoint())

    def canvasMoveEvent(self, e):  # noqa: N802
        if self._drag_fid is None:
            return
        if self._marker is None:
            self._marker = cross_marker(self.canvas_, "#ff7f00", 14)
        self._marker.setCenter(e.mapPoint())

    def canvasReleaseEvent(self, e):  # noqa: N802
        if e.button() != Qt.MouseButton.LeftButton:
            return
        fid, press = self._drag_fid, self._press_px
        self._drag_fid, self._press_px = None, None
        self._clear_marker()
        if fid is not None and press is not None:
            moved = (e.pos() - press).manhattanLength() >= DRAG_MIN_PX
            if moved:
                self.move_site(fid, e.mapPoint())
            else:
                self.siteSelected.emit(fid)
            return
        self.place_site(e.mapPoint())

    def _clear_marker(self):
        if self._marker is not None:
            self.canvas_.scene().removeItem(self._marker)
            self._marker = None

    def deactivate(self):
        self._clear_marker()
        self._drag_fid = None
        super().deactivate()
