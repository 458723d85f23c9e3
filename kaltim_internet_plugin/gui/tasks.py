"""Running Processing algorithms from the dock as background tasks (the map stays usable)."""
from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)


def run_algorithm_task(alg_id: str, params: dict, on_done, description: str = "", on_progress=None):
    """Start ``alg_id`` as a QgsProcessingAlgRunnerTask. ``on_done(ok, results, feedback)`` runs in the GUI thread.

    Returns the task (cancel it with ``task.cancel()``).
    """
    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    if alg is None:
        raise RuntimeError(f"Processing algorithm {alg_id} is not registered")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    if on_progress is not None:
        feedback.progressChanged.connect(on_progress)
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
