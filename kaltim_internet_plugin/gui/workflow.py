"""The dock's one hand-on mechanism (issue 19 item 4): a page publishes its result, the later pages take it as their
input (and the user can still change it).

``dock.workflow`` is one :class:`Workflow`; pages never import each other. Keys published:

- ``coverage``: the coverage raster the Coverage page just computed (``QgsRasterLayer``),
- ``coverage_dem``: the DEM that raster was computed on,
- ``classified``: the villages classified against it (``QgsVectorLayer`` with ``status``),
- ``technology``: the villages with their technology and costs (Priority page, 'Choose technology'), the Plan
  page's plan layer,
- ``plan_gpkg`` and ``plan_villages``: the roadmap's GeoPackage and its villages layer (Plan page), the Monitoring
  page's plan and status layer.

Results of a run go into ONE layer group "Internet Desa Kaltim — <tool> <time>" (:meth:`Workflow.run_group`);
the earlier groups of the same tool are hidden, not deleted.
"""
from __future__ import annotations

import datetime

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..i18n import tr

RUN_TOOL_PROPERTY = "kaltim_internet/run_tool"


def alive(layer) -> bool:
    """False for None and for a layer whose C++ object is gone or that left the project."""
    if layer is None:
        return False
    try:
        return QgsProject.instance().mapLayer(layer.id()) is layer
    except RuntimeError:
        return False


class Workflow(QObject):
    """Results handed from page to page: ``published(key, value)`` after each :meth:`publish`."""

    published = pyqtSignal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values = {}

    def publish(self, key: str, value) -> None:
        self._values[key] = value
        self.published.emit(key, value)

    def latest(self, key: str):
        """The last value published under ``key``; None when it is a layer no longer in the project."""
        value = self._values.get(key)
        if value is not None and hasattr(value, "id") and not alive(value):
            return None
        return value

    @staticmethod
    def run_group(tool_key: str, tool_label: str):
        """A new layer group on top of the layer tree for one run of ``tool_key``; the earlier groups of the same
        tool are hidden (kept, so the user can compare)."""
        root = QgsProject.instance().layerTreeRoot()
        for group in root.findGroups():
            if group.customProperty(RUN_TOOL_PROPERTY) == tool_key:
                group.setItemVisibilityChecked(False)
                group.setExpanded(False)
        stamp = datetime.datetime.now().strftime("%H:%M:%S")
        name = tr("Internet Desa Kaltim — {tool} {time}").format(tool=tool_label, time=stamp)
        group = root.insertGroup(0, name)
        group.setCustomProperty(RUN_TOOL_PROPERTY, tool_key)
        return group

    @staticmethod
    def add_to_group(group, layer, on_top: bool = False) -> None:
        """Adds ``layer`` to the project under ``group``: at the group's end (the first added is drawn on top), or
        with ``on_top`` first."""
        QgsProject.instance().addMapLayer(layer, False)
        if on_top:
            group.insertLayer(0, layer)
        else:
            group.addLayer(layer)


def workflow_of(dock):
    """The dock's workflow; a private one when a page is built without the dock (it then hands nothing on)."""
    wf = getattr(dock, "workflow", None)
    return wf if isinstance(wf, Workflow) else Workflow()
