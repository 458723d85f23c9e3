"""Scratch folders for the files a run reads once (the dock's funding, capacity and cost tables, copies of edited
layers, a DEM reprojected to metres, the validation report): inside QGIS's Processing temporary folder, which QGIS
removes when the session ends, so nothing piles up in the system's temporary folder over the days."""
from __future__ import annotations

import os
import tempfile
import uuid


def scratch_parent() -> str:
    """QGIS's Processing temporary folder (removed at exit); the system's temporary folder when it cannot be had."""
    try:
        from qgis.core import QgsProcessingUtils

        return QgsProcessingUtils.tempFolder() or tempfile.gettempdir()
    except Exception:  # noqa: BLE001 - no QGIS Processing here: the system's temporary folder
        return tempfile.gettempdir()


def scratch_folder(prefix: str) -> str:
    """A new folder for this session's scratch files (in :func:`scratch_parent`)."""
    return tempfile.mkdtemp(prefix=prefix, dir=scratch_parent())


def scratch_path(prefix: str) -> str:
    """A new, not yet created folder path in :func:`scratch_parent`, for a writer that makes its folder only when it
    has something to write there."""
    return os.path.join(scratch_parent(), f"{prefix}{uuid.uuid4().hex[:8]}")
