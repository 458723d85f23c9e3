"""Base class for the plugin's Processing algorithms: ids, groups, bilingual help, common helpers.

The name and help of every algorithm are declared once, in English, in processing/help.py (marked with
:func:`tr_noop`); :class:`KaltimAlgorithm` translates them each time QGIS asks (displayName(), shortHelpString()),
so they follow the language installed at that moment.
"""
from __future__ import annotations

import functools
import math
import traceback

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..i18n import tr
from .output_guard import (
    OutputConflictError,
    check_outputs,
    cleanup,
    commit,
    discard,
    forget,
    inputs_of,
    mark_tables,
    outputs_refusal,
    stage,
    write_error,
    write_failure,
)
from .params import with_decimals
from .sinks import CheckedSink, output_file, reason_of


class _FinalNamesFeedback(QgsProcessingMultiStepFeedback):
    """The run's feedback (progress and cancel pass through, one step) whose messages name the files the user chose,
    not their temporary names (``output_guard.stage``)."""

    def __init__(self, feedback, staged):
        super().__init__(1, feedback)
        self._staged = staged
        if feedback.isCanceled():  # cancelled before the run: the proxy only hears later cancels
            self.cancel()

    def _final(self, text):
        for s in self._staged:
            text = text.replace(s.temp, s.final)
        return text

    def pushInfo(self, info):  # noqa: N802 - QGIS API
        super().pushInfo(self._final(info))

    def pushWarning(self, warning):  # noqa: N802
        super().pushWarning(self._final(warning))

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        super().reportError(self._final(error), fatalError)

    def setProgressText(self, text):  # noqa: N802
        super().setProgressText(self._final(text))

    def pushCommandInfo(self, info):  # noqa: N802
        super().pushCommandInfo(self._final(info))

    def pushDebugInfo(self, info):  # noqa: N802
        super().pushDebugInfo(self._final(info))

    def pushConsoleInfo(self, info):  # noqa: N802
        super().pushConsoleInfo(self._final(info))


def _clean_errors(process):
    """Wrap processAlgorithm: re-raise errors as a fresh QgsProcessingException that carries no traceback.

    A traceback keeps the algorithm's frames (and the layers in them) alive after the exception has crossed into
    C++, until the interpreter exits, when GDAL is already gone. Unexpected errors are also logged with their
    traceback (for bug reports) and given a plain message.
    """
    @functools.wraps(process)
    def wrapper(self, parameters, context, feedback):
        message = None
        targets, staged = [], []
        self._kaltim_sinks = []
        try:
            targets = check_outputs(self, parameters, context)
            inputs = inputs_of(self, parameters, context)
            updates = getattr(self, "FOLDER_UPDATES", ())
            # file outputs and output folders under a temporary name until the run succeeds
            parameters, staged = stage(parameters, targets, updates)
            run_feedback = _FinalNamesFeedback(feedback, staged) if staged and feedback is not None else feedback
            result = process(self, parameters, context, run_feedback)
            if feedback is not None and feedback.isCanceled():  # a cancelled run keeps nothing new either
                _drop_sinks(self)
                discard(staged)
                cleanup(targets)
                return forget(staged, result)
            for sink in self._kaltim_sinks:  # every vector output complete and read back before it is kept
                sink.close()
            self._kaltim_staged = staged
            result = commit(staged, result, context, inputs)
            mark_tables(targets, self)
            return result
        except OutputConflictError as exc:
            message = str(exc)
        except QgsProcessingException as exc:
            # a step that reported an OSError in its own words: the output, the reason and the fix instead
            cause = exc.__cause__
            message = (cause is not None and write_failure(cause, targets, staged)) or str(exc)
        except Exception as exc:  # noqa: BLE001 - turned into a message the user can act on
            # an output that cannot be written (disk full, no permission, ...) is the user's to fix, not a bug
            message = write_failure(exc, targets, staged)
            if message is None:
                if feedback is not None:
                    feedback.reportError(traceback.format_exc(), False)
                message = tr("Unexpected error in {alg}: {error}. Please report it with the log above.").format(
                    alg=self.displayName(), error=exc)
        _drop_sinks(self)
        discard(staged)
        for s in staged:  # a message names the file the user chose, not its temporary name
            message = message.replace(s.temp, s.final)
        removed = cleanup(targets)
        if removed and feedback is not None:
            feedback.pushInfo(tr("Nothing was kept from the failed run: removed {paths}.").format(
                paths=", ".join(sorted(removed))))
        raise QgsProcessingException(message)
    wrapper._kaltim_wrapped = True
    return wrapper


def _drop_sinks(alg) -> None:
    """Close the run's writers without checking them (the run failed): its files can then be removed."""
    for sink in getattr(alg, "_kaltim_sinks", ()):
        sink.abandon()
    alg._kaltim_sinks = []


_INPUT_TYPES = ("source", "vector", "raster", "file", "layer")


def _missing_input(alg, parameters, context, skip=()) -> str:
    """A message when an input names a file that does not exist or that GDAL/OGR cannot read."""
    import os

    from .output_guard import split_uri

    project = context.project() if context is not None else None
    for p in alg.parameterDefinitions():
        if p.isDestination() or p.type() not in _INPUT_TYPES or p.name() in skip:
            continue
        value = parameters.get(p.name())
        if not isinstance(value, str) or not value.strip():
            continue
        if project is not None and project.mapLayer(value) is not None:
            continue
        path, _table = split_uri(value)
        if "://" in path or path.startswith(("memory:", "postgres", "dbname=", "ogr:")) or "=" in path.split("/")[0]:
            continue
        if not os.path.exists(path):
            if p.type() == "file" and p.behavior() == QgsProcessingParameterFile.Behavior.Folder:
                return tr("{name} ({desc}): the folder {path} does not exist. Choose an existing folder.").format(
                    name=p.name(), desc=p.description(), path=path)
            return tr("{name} ({desc}): the file {path} does not exist. Choose an existing file.").format(
                name=p.name(), desc=p.description(), path=path)
        if p.type() == "file" or os.path.isdir(path):
            continue
        from osgeo import gdal

        kinds = gdal.OF_RASTER if p.type() == "raster" else (
            gdal.OF_VECTOR if p.type() in ("source", "vector") else gdal.OF_RASTER | gdal.OF_VECTOR)
        try:
            ok = gdal.OpenEx(path, kinds) is not None
        except RuntimeError:
            ok = False
        if not ok:
            what = tr("a raster (e.g. a GeoTIFF)") if p.type() == "raster" else tr("a vector layer (e.g. a "
                                                                                  "GeoPackage or Shapefile)")
            return tr("{name} ({desc}): {path} cannot be read as {what}. Choose a file of that kind.").format(
                name=p.name(), desc=p.description(), path=path, what=what)
    return ""


def tr_noop(text: str) -> str:
    """``text`` unchanged: marks an English text declared at import time for extraction (scripts/i18n.py); it is
    translated with :func:`~..i18n.tr` when shown (see :meth:`KaltimAlgorithm.displayName`)."""
    return text


def _translated(texts) -> str:
    """``texts`` (one text or a tuple of paragraphs, each marked with tr_noop) in the user's language, the
    paragraphs joined with a space."""
    return " ".join(tr(text) for text in ((texts,) if isinstance(texts, str) else texts))


def _bound(value: float) -> str:
    if abs(value) >= 1e300:
        return tr("no limit")
    return f"{value:g}"


class KaltimAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID`` and ``GROUP_ID`` and implement initAlgorithm and processAlgorithm; their name and
    help are the entry ``ALG_ID`` of processing/help.py."""

    ALG_ID = ""
    GROUP_ID = ""
    # True: runs on the main thread (a PostgreSQL connection's password may have to be unlocked from QGIS's
    # authentication database, whose master password prompt must happen on the main thread)
    MAIN_THREAD = False
    # False for a tool that can work on a layer without CRS: the village check (it reports the missing CRS as a
    # finding) and the geometry repair (its output keeps the input's coordinates as they are)
    NEEDS_CRS = True
    _output_styles: tuple = ()  # ((destination id, style(layer)), ...) of this run, see style_on_completion

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        process = cls.__dict__.get("processAlgorithm")
        if process is not None and not getattr(process, "_kaltim_wrapped", False):
            cls.processAlgorithm = _clean_errors(process)

    def addParameter(self, param, createOutput=True):  # noqa: N802, N803 - QGIS API
        """QGIS's, with the decimals of a number's box set by its unit (params.with_decimals)."""
        return super().addParameter(with_decimals(param), createOutput)

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        """The plugin's checks first (numbers with their range, inputs that are not there, outputs that would
        overwrite an input or cannot be written), each message saying where and what to do; then QGIS's own."""
        ok, message = self.kaltim_checks(parameters, context)
        if not ok:
            return ok, message
        return super().checkParameterValues(parameters, context)

    def kaltim_checks(self, parameters, context, skip=()) -> tuple:
        """Before a run: numbers (NaN, text, range), inputs that do not exist, layers without a CRS (unless
        ``NEEDS_CRS`` is False), lines or polygons where points are expected, then the outputs
        (:mod:`.output_guard`)."""
        from .checks import missing_crs, not_a_number, not_points

        message = not_a_number(self, parameters)
        if message:
            return False, message
        for p in self.parameterDefinitions():
            if not isinstance(p, QgsProcessingParameterNumber) or p.name() not in parameters:
                continue
            value = parameters.get(p.name())
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                return False, tr("{name} ({desc}) = '{value}' is not a number. Enter a number between {lo} and "
                                 "{hi}.").format(name=p.name(), desc=p.description(), value=value,
                                                 lo=_bound(p.minimum()), hi=_bound(p.maximum()))
            if not math.isfinite(number) or number < p.minimum() or number > p.maximum():
                return False, tr("{name} ({desc}) = {value} is outside its valid range {lo} to {hi}. Enter a value "
                                 "in that range.").format(name=p.name(), desc=p.description(), value=value,
                                                          lo=_bound(p.minimum()), hi=_bound(p.maximum()))
        message = _missing_input(self, parameters, context, skip) or (
            missing_crs(self, parameters, context) if self.NEEDS_CRS else "") or not_points(
            self, parameters, context) or outputs_refusal(self, parameters, context)
        return not message, message

    def parameterAsSink(self, parameters, name, context, fields, *args, **kwargs):  # noqa: N802 - QGIS API
        """(QGIS's sink as a :class:`~.sinks.CheckedSink`, its destination): a write that fails raises a message
        naming the output, and the file is read back when the run ends. Refused when the output is a Shapefile
        whose format would cut the field names."""
        from .output_guard import _static, split_uri

        value = _static(parameters.get(name))
        if isinstance(value, str) and split_uri(value)[0].lower().endswith(".shp"):
            long_names = [f.name() for f in fields if len(f.name()) > 10]
            if long_names:
                raise QgsProcessingException(tr(
                    "{param}: a Shapefile keeps only 10 characters of a field name, so {fields} would be cut and "
                    "could no longer be read by the next step. Write a GeoPackage (.gpkg) instead.").format(
                    param=name, fields=", ".join(long_names[:8])))
        try:
            sink, dest = super().parameterAsSink(parameters, name, context, fields, *args, **kwargs)
        except QgsProcessingException as exc:  # QGIS's "Could not create layer …": which output, why, what to do
            path = output_file(value)
            if not path:
                raise
            raise QgsProcessingException(write_error(name, path, reason_of(str(exc), path))) from None
        if sink is None:
            return sink, dest
        checked = CheckedSink(sink, name, dest)
        if getattr(self, "_kaltim_sinks", None) is None:
            self._kaltim_sinks = []
        self._kaltim_sinks.append(checked)
        return checked, dest

    def flags(self):
        flags = super().flags()
        return flags | QgsProcessingAlgorithm.Flag.FlagNoThreading if self.MAIN_THREAD else flags

    def write_table(self, parameters, context, key: str, spec, rows, optional: bool = False):
        """The table output ``key`` (no geometry, fields ``spec`` = [(name, FieldType)]) holding ``rows`` (sequences
        of attribute values): its destination, or None when ``optional`` and the output was not asked for."""
        fields = QgsFields()
        for name, vtype in spec:
            fields.append(QgsField(name, vtype))
        sink, dest = self.parameterAsSink(parameters, key, context, fields, QgsWkbTypes.Type.NoGeometry,
                                          QgsCoordinateReferenceSystem())
        if sink is None:
            if optional:
                return None
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        for row in rows:
            feature = QgsFeature(fields)
            feature.setAttributes(list(row))
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        sink.close()  # complete (and checked) before the destination is read
        return dest

    def style_on_completion(self, dest: str, style) -> None:
        """After the run (postProcessAlgorithm), style the vector output ``dest`` with ``style(layer)`` (an io.styles
        function): the layer the context holds (memory outputs) and the layer QGIS loads on completion."""
        self._output_styles = self._output_styles + ((dest, style),)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API
        from ..io.sites_layer import style_output

        staged = getattr(self, "_kaltim_staged", ())
        for dest, style in self._output_styles:
            for s in staged:  # an output written under a temporary name has its own name now
                dest = dest.replace(s.temp, s.final)
            style_output(dest, context, style)
        return {}

    def name(self) -> str:
        return self.ALG_ID

    def english_texts(self) -> tuple:
        """``(name, help)`` in English (the help: one text or a tuple of paragraphs), from processing/help.py."""
        from .help import TEXTS

        return TEXTS[self.ALG_ID]

    def displayName(self) -> str:
        return _translated(self.english_texts()[0])

    def shortHelpString(self) -> str:
        return _translated(self.english_texts()[1])

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


class PostgisPlanAlgorithm(KaltimAlgorithm):
    """An algorithm on a plan in PostGIS (team mode): in the plan group, run on the main thread (see
    ``MAIN_THREAD``), its store call's :class:`~..store.StoreError` reported as the algorithm's error."""

    GROUP_ID = "plan"
    MAIN_THREAD = True

    @staticmethod
    def run_store(call, *args, **kwargs):
        """``call(*args, **kwargs)``; a StoreError (its text says what failed and what to do) becomes a
        QgsProcessingException with that text."""
        from ..store import StoreError

        try:
            return call(*args, **kwargs)
        except StoreError as exc:
            raise QgsProcessingException(str(exc)) from None
