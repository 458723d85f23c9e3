"""gui.tasks: thread-safe tools run as background tasks, no-threading tools on the main thread, both report back."""
from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsTask

from kaltim_internet_plugin.gui.tasks import MainThreadRun, run_algorithm_task


def test_no_threading_tool_runs_on_the_main_thread_and_reports_failure(provider, qtbot):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("kaltiminternet:publishplan")
    assert alg.flags() & QgsProcessingAlgorithm.FlagNoThreading
    done = []
    handle = run_algorithm_task("kaltiminternet:publishplan",
                                {"INPUT_GPKG": "/nonexistent/plan.gpkg", "CONNECTION": "none"},
                                lambda ok, res, fb: done.append((ok, fb.textLog())))
    assert isinstance(handle, MainThreadRun)
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    ok, log = done[0]
    assert ok is False and log.strip()


def test_thread_safe_tool_runs_as_a_task(provider, qtbot, tmp_path):
    from tests.conftest import SAMPLE

    done = []
    handle = run_algorithm_task("kaltiminternet:checkvillages",
                                {"INPUT": f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=offices"},
                                lambda ok, res, fb: done.append((ok, res)))
    assert isinstance(handle, QgsTask)
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert done[0][0] is True and done[0][1]["FEATURE_COUNT"] == 1038
