"""One channel for user messages: the QGIS message bar when there is a GUI, the message log always."""
from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog

TAG = "Internet Desa Kaltim"


def notify(iface, text: str, level=Qgis.MessageLevel.Info, duration: int = 6, title: str = "") -> None:
    QgsMessageLog.logMessage(text, TAG, level)
    if iface is not None and iface.messageBar() is not None:
        iface.messageBar().pushMessage(title or TAG, text, level, duration)
