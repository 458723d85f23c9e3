"""Running Processing algorithms from the dock without freezing the map.

Thread-safe algorithms run as a QgsProcessingAlgRunnerTask in the background. Algorithms flagged
FlagNoThreading (print layouts, the authentication database) must run on the main thread, as QGIS's own
Processing dialog does: they run there from the event loop, processing events as they report progress, and can
be cancelled through the returned handle.
"""
from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QTimer


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

    ``use_project=False``: the context has no project, so a background run never looks through the project's
    layers (owned by the GUI thread) to resolve a parameter; every layer parameter must then be a source
    (path or URI), which the algorithm opens in its own thread.
    """
    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    if alg is None:
        raise RuntimeError(f"Processing algorithm {alg_id} is not registered")
    context = QgsProcessingContext()
    if use_project:
        context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    if on_progress is not None:
        feedback.progressChanged.connect(on_progress)
    if alg.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading:
        return _run_on_main_thread(alg, params, context, feedback, on_done)
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    if description:
        task.setDescription(description)
    # keep the Python objects alive as long as the task runs
    task._kaltim_refs = (alg, context, feedback)

    def _executed(ok, results):
        on_done(ok, results, feedback)

    task.executed.connect(_executed)
    QgsApplication.taskManager().addTask(task)
    return task


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
