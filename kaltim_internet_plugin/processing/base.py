"""Base class for the plugin's Processing algorithms: ids, groups, bilingual help, common helpers."""
from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from ..i18n import tr


class KaltimAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID``, ``GROUP_ID`` and implement displayName/group/shortHelpString/init/process."""

    ALG_ID = ""
    GROUP_ID = ""

    def name(self) -> str:
        return self.ALG_ID

    def groupId(self) -> str:
        return self.GROUP_ID

    def group(self) -> str:
        return GROUPS.get(self.GROUP_ID, lambda: self.GROUP_ID)()

    def createInstance(self):
        return type(self)()

    def tr(self, text: str) -> str:  # QGIS calls this in places; keep one context
        return tr(text)

    @staticmethod
    def fail(message: str):
        raise QgsProcessingException(message)


GROUPS = {
    "data": lambda: tr("1 · Village data"),
    "coverage": lambda: tr("2 · Coverage and blank spots"),
    "priority": lambda: tr("3 · Priorities and sites"),
    "plan": lambda: tr("4 · Funding and roadmap"),
    "monitoring": lambda: tr("5 · Monitoring and evaluation"),
}
