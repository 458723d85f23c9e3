"""Scratch folders for the files a run reads once (the dock's funding, capacity and cost tables, copies of edited
layers, a DEM reprojected to metres, the validation report): inside QGIS's Processing temporary folder, which QGIS
removes when the session ends, so nothing piles up in the system's temporary folder over the days."""
from __future__ import annotations

import tempfile


def scratch_folder(prefix: str) -> str:
    """A new folder for this session's scratch files (removed with QGIS's Processing temporary folder at exit; the
    system's temporary folder when that cannot be had)."""
    try:
        from qgis.core import QgsProcessingUtils

        parent = QgsProcessingUtils.tempFolder()
    except Exception:  # noqa: BLE001 - no QGIS Processing here: the system's temporary folder
        parent = None
    return tempfile.mkdtemp(prefix=prefix, dir=parent or None)
