"""Vector outputs whose write failures are errors, not log lines (an audit of 2026-12-06, finding D2).

QGIS's feature sinks report a feature that cannot be written only as a log line ("Feature could not be written to
…") and go on, and a GeoPackage writes its features in one transaction committed when the sink is deleted: a full
disk there is not reported at all, the run "succeeds" and leaves a GeoPackage without its table. Every sink an
algorithm makes (:meth:`~.base.KaltimAlgorithm.parameterAsSink`) is a :class:`CheckedSink`:

* a failed ``addFeature``/``addFeatures``/``flushBuffer`` raises a QgsProcessingException naming the parameter,
  the file, the reason and the fix (``output_guard.write_error``);
* :meth:`CheckedSink.close` (called for every sink when ``processAlgorithm`` returns, or by the algorithm when it
  reads its output back) flushes and closes the writer, then opens the file written and checks that its table is
  there with every feature added.

A failed run then removes what it made and leaves a file the user already had as it was (``output_guard.stage``
writes such a file under a temporary name, renamed at the end of a successful run).
"""
from __future__ import annotations

import errno
import os
import shutil
from typing import Optional, Tuple

from qgis.core import QgsProcessingException

from ..i18n import tr
from .output_guard import _WRITE_WORDS, _Reason, split_uri, write_error

# below this much free space on the output's disk, a write that failed without a reason failed for want of space
FULL_DISK_BYTES = 1 << 20


def _free_bytes(folder: str) -> Optional[int]:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def reason_of(text: str, path: str) -> _Reason:
    """The reason of a failed write: the error text (QGIS's, GDAL's or SQLite's) in plain words when it names one
    the user can act on, else "no space left" when the output's disk is full, else the text itself."""
    low = (text or "").lower()
    for words, name in _WRITE_WORDS:
        if words.lower() in low:
            code = getattr(errno, name)
            return _Reason(code, os.strerror(code))
    free = _free_bytes(os.path.dirname(path) or ".") if path else None
    if free is not None and free < FULL_DISK_BYTES:
        return _Reason(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return _Reason(None, text.strip() if text and text.strip() else tr("the file written cannot be read back"))


def output_file(value) -> str:
    """The file an output value (a path, 'path|layername=x', "ogr:dbname='path' table=x") names, or '' for a
    temporary layer, a database or anything that is not a path in an existing folder."""
    if not isinstance(value, str) or value.strip() in ("", "TEMPORARY_OUTPUT") or value.startswith(
            ("memory:", "postgres:", "postgis:", "spatialite:")):
        return ""
    path = split_uri(value)[0]
    return path if path and os.path.isdir(os.path.dirname(os.path.abspath(path))) else ""


def _last_gdal_error() -> str:
    from osgeo import gdal

    return gdal.GetLastErrorMsg() or ""


def _reset_gdal_error() -> None:
    from osgeo import gdal

    gdal.ErrorReset()


def _stored(path: str, table: Optional[str]) -> Tuple[bool, int]:
    """(the table can be opened, its feature count or -1) of the file just written."""
    from osgeo import gdal

    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR)
        if ds is None:
            return False, -1
        layer = ds.GetLayerByName(table) if table else (ds.GetLayer(0) if ds.GetLayerCount() == 1 else None)
        if layer is None and not table and ds.GetLayerCount() > 1:  # a file holding other tables: not ours to say
            return True, -1
        if layer is None:
            return False, -1
        return True, layer.GetFeatureCount()
    except RuntimeError:  # GDAL in exception mode
        return False, -1


class CheckedSink:
    """The sink of output ``param``: QGIS's sink whose failures raise (see the module's doc). It has the methods of
    a QgsFeatureSink that the algorithms use (``addFeature``, ``addFeatures``, ``flushBuffer``, ``lastError``)."""

    def __init__(self, sink, param: str, dest: str):
        self._sink = sink
        self.param = param
        self.dest = dest
        self.written = 0

    # --- QgsFeatureSink ----------------------------------------------------------------------------------------------
    def addFeature(self, feature, *flags) -> bool:  # noqa: N802 - QGIS API
        if not self._live().addFeature(feature, *flags):
            self._fail(self._sink.lastError())
        self.written += 1
        return True

    def addFeatures(self, features, *flags) -> bool:  # noqa: N802 - QGIS API
        features = list(features)
        if not self._live().addFeatures(features, *flags):
            self._fail(self._sink.lastError())
        self.written += len(features)
        return True

    def flushBuffer(self) -> bool:  # noqa: N802 - QGIS API
        if not self._live().flushBuffer():
            self._fail(self._sink.lastError())
        return True

    def lastError(self) -> str:  # noqa: N802 - QGIS API
        return self._sink.lastError() if self._sink is not None else ""

    # --- the end of the output ----------------------------------------------------------------------------------------
    def close(self) -> None:
        """Flush and close the writer (the file is complete afterwards), then check the file: raises a
        QgsProcessingException when the writer failed or the file does not hold every feature added."""
        sink, self._sink = self._sink, None
        if sink is None:
            return
        _reset_gdal_error()
        ok = sink.flushBuffer()
        error = sink.lastError() if not ok else ""
        # the writer is deleted here (a GeoPackage commits its transaction now). Not QGIS >= 3.42's finalize(): that
        # hands the writer to the context, which closes it only after the run, too late to read the file back
        del sink
        gdal_error = _last_gdal_error()
        if not ok:
            self._fail(error or gdal_error)
        path, table = split_uri(self.dest)
        if not os.path.isfile(path):  # a memory layer or a database table: nothing written to a file
            return
        readable, count = _stored(path, table)
        if not readable or 0 <= count < self.written:
            self._fail(gdal_error)

    def abandon(self) -> None:
        """Close the writer without checking (the run failed or was cancelled; its outputs are removed)."""
        self._sink = None

    def _live(self):
        if self._sink is None:
            raise QgsProcessingException(tr("{param}: the output was already closed; nothing more can be written to "
                                            "it.").format(param=self.param))
        return self._sink

    def _fail(self, text: str):
        path = split_uri(self.dest)[0]
        sink, self._sink = self._sink, None  # the writer goes before the run's outputs are removed
        del sink
        raise QgsProcessingException(write_error(self.param, path, reason_of(text, path)))


def cut_off_pdf(exc, param: str) -> str:
    """The message for a PDF the export cut off (:class:`..report.pdf.IncompletePdfError`): the output ``param``, the
    file, why (no space left when its disk is full, read before the cut-off file is removed) and the fix."""
    reason = reason_of(exc.strerror, exc.filename)
    try:
        os.remove(exc.filename)
    except OSError:
        pass
    return write_error(param, exc.filename, reason)
