"""The one task runner of the dock: every page, map tool and the export run their work through it.

:class:`TaskRunner` is a run's lifecycle (start, progress bar, busy buttons, cancel, status text, and a failure
shown in the message bar with the error's own text, which says how to fix it). It runs Processing algorithms
(:func:`run_algorithm_task`) and plain functions (:class:`CallTask`, for the map tools' previews).

Thread-safe algorithms run as a QgsProcessingAlgRunnerTask in the background. Algorithms flagged
FlagNoThreading (print layouts, the authentication database) must run on the main thread, as QGIS's own
Processing dialog does: they run there from the event loop, processing events as they report progress, and can
be cancelled through the returned handle.
"""
from __future__ import annotations

import os
import traceback

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QTimer

from ..i18n import tr
from .messages import notify


class Feedback(QgsProcessingFeedback):
    """Processing feedback that keeps the errors reported, so a failure can be shown with its own message."""

    def __init__(self):
        super().__init__()
        self.errors: list = []

    def reportError(self, error, fatalError=False):  # noqa: N802,N803 (Qt API)
        self.errors.append(str(error))
        super().reportError(error, fatalError)


def failure_text(feedback) -> str:
    """The error that stopped a run (the algorithm's message, which names the fix), else the log's end."""
    errors = [e.strip() for e in getattr(feedback, "errors", []) if e.strip()]
    if errors:
        return errors[-1]
    return (feedback.textLog() if feedback is not None else "").strip()[-600:]


class TaskRunner:
    """One run at a time for a page or panel: progress, busy buttons, cancel, status text, failure message.

    ``progress`` (QProgressBar) and ``status`` (QLabel) are optional; ``on_busy(bool)`` enables or disables the
    owner's buttons. ``on_done(ok, results, feedback)`` of :meth:`run` is called after the runner has cleaned up;
    a failure (not a cancel) is also pushed to the message bar as "<description> failed: <error>".
    """

    def __init__(self, iface, progress=None, status=None, on_busy=None, forward_only=False):
        self.iface, self.progress, self.status, self.on_busy = iface, progress, status, on_busy
        self.task = None
        #: the bar never goes back during a run (an algorithm whose steps report their own 0-100, the export's)
        self.forward_only = forward_only

    @property
    def running(self) -> bool:
        return self.task is not None

    def run(self, alg_id: str, params: dict, on_done, description: str, use_project: bool = True):
        """Start ``alg_id``; returns the task handle (with cancel())."""
        self._begin(description)

        def done(ok, results, feedback):
            self._end()
            if not ok and not feedback.isCanceled():
                notify(self.iface, tr("{what} failed: {error}").format(what=description,
                                                                       error=failure_text(feedback)),
                       Qgis.MessageLevel.Critical, duration=15)
            on_done(ok, results, feedback)

        self.task = run_algorithm_task(alg_id, params, done, description, self.set_progress, use_project)
        return self.task

    def cancel_button(self, name: str, *run_buttons, text: str = ""):
        """A "Cancel" button named ``name`` that cancels the run (status ``text``); it is enabled and
        ``run_buttons`` are disabled while a run is going on. Returns the button, for the owner's layout."""
        from .widgets import button

        cancel = button(name, tr("Cancel"), lambda: self.cancel(text), enabled=False)

        def busy(flag: bool) -> None:
            for b in run_buttons:
                b.setEnabled(not flag)
            cancel.setEnabled(flag)
        self.on_busy = busy
        return cancel

    def set_progress(self, value) -> None:
        if self.progress is not None:
            if self.forward_only and self.task is not None and int(value) < self.progress.value():
                return
            self.progress.setValue(int(value))

    def cancel(self, text: str = "") -> None:
        if self.task is not None:
            if self.status is not None:
                # before cancel(): a queued task finishes inside it
                self.status.setText(text or tr("Canceling…"))
            self.task.cancel()

    def _begin(self, description: str) -> None:
        self.set_progress(0)
        if self.status is not None:
            self.status.setText(description + "…")
        if self.on_busy is not None:
            self.on_busy(True)

    def _end(self) -> None:
        self.task = None
        if self.on_busy is not None:
            self.on_busy(False)


class CallTask(QgsTask):
    """Runs ``work(task)`` off the GUI thread (no widgets, no project there; ``task.isCanceled`` can be polled);
    ``on_done(task, ok)`` runs in the GUI thread with ``task.result`` or ``task.error`` set."""

    def __init__(self, description: str, work, on_done):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.work, self.on_done = work, on_done
        self.result = None
        self.error = None
        self.error_trace = ""

    def run(self):  # worker thread
        try:
            self.result = self.work(self)
            return not self.isCanceled()
        except Exception as exc:  # noqa: BLE001 - reported to the user, never raised in the worker thread
            self.error = exc
            self.error_trace = traceback.format_exc()
            return False

    _running: set = set()  # the Python side of a started task lives until it has finished

    def finished(self, ok):  # GUI thread
        CallTask._running.discard(self)
        if self.on_done is not None:
            self.on_done(self, bool(ok))

    def start(self):
        CallTask._running.add(self)
        QgsApplication.taskManager().addTask(self)
        return self


class MainThreadRun:
    """Handle of an algorithm run on the main thread (same cancel() as a task)."""

    def __init__(self, feedback):
        self.feedback = feedback

    def cancel(self):
        self.feedback.cancel()

    def isCanceled(self):  # noqa: N802 (QgsTask-like)
        return self.feedback.isCanceled()


def run_algorithm_task(alg_id: str, params: dict, on_done, description: str = "", on_progress=None,
                       use_project: bool = True):
    """Start ``alg_id``; ``on_done(ok, results, feedback)`` runs in the GUI thread. Returns a handle with cancel().

    A background run gets the project's transform context and ellipsoid, but not the project itself when
    every layer parameter could be detached (:func:`detach_layers`): given a project, QGIS resolves a path, a
    name or a CRS text through the project's layers first, and the task would then read a layer the GUI thread
    owns (and draws, and edits) after all. Only a layer that cannot be detached (a database layer, say) keeps the
    project in the context. ``use_project=False``: never the project (every layer parameter must be a source).
    Algorithms that run on the main thread (FlagNoThreading) get the project.
    """
    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    if alg is None:
        raise RuntimeError(f"Processing algorithm {alg_id} is not registered")
    project = QgsProject.instance()
    context = QgsProcessingContext()
    context.setTransformContext(project.transformContext())
    context.setEllipsoid(project.ellipsoid())
    feedback = Feedback()
    if on_progress is not None:
        feedback.progressChanged.connect(on_progress)
    if alg.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading:
        if use_project:
            context.setProject(project)
        return _run_on_main_thread(alg, params, context, feedback, on_done)
    snapshots = []
    params = detach_layers(params, snapshots)
    if use_project and names_project_layer(params):
        context.setProject(project)
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    if description:
        task.setDescription(description)
    # keep the Python objects alive as long as the task runs
    task._kaltim_refs = (alg, context, feedback)
    task._kaltim_snapshots = tuple(snapshots)

    def _executed(ok, results):
        try:
            on_done(ok, results, feedback)
        finally:  # the copies of edited / memory layers the task read are not needed any more
            _remove_folders(snapshots)

    task.executed.connect(_executed)
    QgsApplication.taskManager().addTask(task)
    return task


#: vector layers a task reads as a copy (made in the GUI thread): in memory, or read by a provider that a task would
#: reach only through the project's own layer object (a CSV / delimited-text layer of points: QGIS cannot open its
#: URI as a Processing input string; a CSV table is given as its file). A database layer keeps its id (and the task
#: the project): it may be large.
SNAPSHOT_PROVIDERS = ("memory", "delimitedtext")


def detach_layers(params: dict, snapshots=None) -> dict:
    """For a background run, no parameter may name a layer the GUI thread owns (a task reading it while the map
    draws or edits it can crash QGIS): a file layer read by GDAL/OGR without unsaved edits becomes its own source
    (path or URI, subset included), and so does a CSV table (its file); a memory layer, a CSV layer of points or a
    vector layer with unsaved edits is copied, in this (the GUI) thread, to a temporary GeoPackage that the task
    reads instead. Items of a list (or tuple) parameter likewise; any other layer (a database layer) stays named by
    its id. ``snapshots``: a list that receives the temporary folder of each copy (the caller removes them when the
    run is over)."""
    made = [] if snapshots is None else snapshots
    return {key: [_detached(v, made) for v in value] if isinstance(value, (list, tuple)) else _detached(value, made)
            for key, value in params.items()}


def _detached(value, snapshots):
    if not isinstance(value, str) or not value:
        return value
    layer = QgsProject.instance().mapLayer(value)
    if layer is None:
        return value
    edited = hasattr(layer, "isModified") and (layer.isEditable() or layer.isModified())
    if layer.providerType() in ("ogr", "gdal") and not edited:
        return layer.source()
    if layer.providerType() == "delimitedtext" and not edited and not layer.isSpatial():
        path = _csv_file(layer)  # a table: its file, read as the tools read CSV files (row numbers, encoding)
        if path:
            return path
    if isinstance(layer, QgsVectorLayer) and (layer.providerType() in SNAPSHOT_PROVIDERS or edited):
        copy = _snapshot(layer)
        if copy:
            snapshots.append(os.path.dirname(copy.split("|")[0]))
        return copy or value
    return value


def _csv_file(layer) -> str:
    """The file of a delimited-text layer ('' when it is not a file on this disk)."""
    from qgis.PyQt.QtCore import QUrl

    url = QUrl(layer.source())  # file:///C:/... on Windows too
    path = url.toLocalFile() if url.isLocalFile() else layer.source().split("?", 1)[0]
    return path if os.path.isfile(path) else ""


def _remove_folders(folders) -> None:
    import shutil

    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def names_project_layer(params: dict) -> bool:
    """Whether a parameter (or an item of a list parameter) is the id of a layer of the project."""
    project = QgsProject.instance()
    for value in params.values():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str) and item and project.mapLayer(item) is not None:
                return True
    return False


def _snapshot(layer) -> str:
    """A copy of ``layer`` (with its unsaved edits and subset) in a temporary GeoPackage; '' if it cannot be written."""
    from ..io.layers import write_gpkg_table
    from ..io.scratch import scratch_folder

    folder = scratch_folder("kaltim_snapshot_")
    path = os.path.join(folder, "layer.gpkg")
    if write_gpkg_table(layer, path, "snapshot"):
        _remove_folders([folder])
        return ""
    return f"{path}|layername=snapshot"


def _run_on_main_thread(alg, params, context, feedback, on_done):
    handle = MainThreadRun(feedback)
    feedback.progressChanged.connect(lambda _v: QgsApplication.processEvents())

    def _run():
        results, ok = {}, False
        try:
            results, ok = alg.run(params, context, feedback)
        except Exception as exc:  # noqa: BLE001 - reported through the feedback like a task would
            feedback.reportError(str(exc), True)
        on_done(bool(ok) and not feedback.isCanceled(), results or {}, feedback)

    handle._refs = (alg, context, _run)
    QTimer.singleShot(0, _run)
    return handle
