"""gui.tasks: thread-safe tools run as background tasks, no-threading tools on the main thread, both report back."""
from __future__ import annotations

import os
import shutil

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


def test_task_runner_shows_the_failure_with_its_fix_and_frees_the_page(provider, qtbot, qgis_iface):
    from qgis.core import Qgis
    from qgis.PyQt.QtWidgets import QLabel, QProgressBar

    from kaltim_internet_plugin.gui.tasks import TaskRunner

    progress, status, busy, done = QProgressBar(), QLabel(), [], []
    progress.setValue(40)
    runner = TaskRunner(qgis_iface, progress, status, busy.append)
    task = runner.run("kaltiminternet:checkvillages", {"INPUT": "/nonexistent/villages.gpkg"},
                      lambda ok, res, fb: done.append(ok), "Checking villages")
    assert task is runner.task and runner.running
    assert busy == [True] and progress.value() == 0 and status.text() == "Checking villages…"
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert done == [False] and busy == [True, False] and not runner.running
    shown = [m for m in qgis_iface.messageBar().get_messages(Qgis.Critical) if "Checking villages failed" in m]
    assert shown and "/nonexistent/villages.gpkg" in shown[-1]


def test_call_task_reports_result_and_error(qtbot):
    from kaltim_internet_plugin.gui.tasks import CallTask

    seen = []
    CallTask("ok", lambda task: 41 + 1, lambda task, ok: seen.append((ok, task.result, task.error))).start()
    CallTask("boom", lambda task: 1 / 0, lambda task, ok: seen.append((ok, task.result, type(task.error)))).start()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=30000)
    assert sorted(seen, key=str) == sorted([(True, 42, None), (False, None, ZeroDivisionError)], key=str)


def test_runner_cancel_button_follows_the_run_and_cancels_it(provider, qtbot, qgis_iface, tmp_path):
    """The runner's Cancel button: disabled at rest, enabled (and the run buttons disabled) while a run goes on; a
    click cancels the run with the status text given, and everything is freed again after it."""
    from qgis.PyQt.QtWidgets import QLabel, QPushButton

    from kaltim_internet_plugin.gui.tasks import TaskRunner
    from tests.conftest import SAMPLE

    status, run_a, run_b, done = QLabel(), QPushButton("a"), QPushButton("b"), []
    runner = TaskRunner(qgis_iface, status=status)
    cancel = runner.cancel_button("testCancel", run_a, run_b, text="Stopped.")
    assert cancel.objectName() == "testCancel" and cancel.text() and not cancel.isEnabled()
    runner.run("kaltiminternet:checkvillages", {"INPUT": f"{SAMPLE / 'kaltim_sample.gpkg'}|layername=villages",
                                                "OUTPUT_REPORT": str(tmp_path / "r.html")},
               lambda ok, res, fb: done.append((ok, fb.isCanceled())), "Checking")
    assert cancel.isEnabled() and not run_a.isEnabled() and not run_b.isEnabled()
    cancel.click()
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert status.text() == "Stopped." and done == [(False, True)]  # cancelled, not failed
    assert not cancel.isEnabled() and run_a.isEnabled() and run_b.isEnabled() and not runner.running


def test_a_background_run_reads_its_own_copy_of_project_layers(provider, qtbot, tmp_path, sample_copy):
    """Layers of the project given by id reach the task as their own source (a file layer) or as a copy with the
    unsaved edits (an edited, memory or CSV layer), and the task's context then has no project: QGIS would otherwise
    resolve those sources through the project's layers again and hand the task the layers the GUI thread owns.
    A layer that cannot be detached (here a virtual layer, as a database layer) keeps its id, and the context the
    project."""
    from qgis.core import QgsProject, QgsVectorLayer

    from kaltim_internet_plugin.gui.tasks import detach_layers, names_project_layer

    project = QgsProject.instance()
    source = f"{sample_copy / 'kaltim_sample.gpkg'}|layername=villages"  # edited below: a copy
    villages = QgsVectorLayer(source, "villages", "ogr")
    edited = QgsVectorLayer(source, "villages edited", "ogr")
    csv = tmp_path / "points.csv"
    csv.write_text("id;x;y\n1;117.1;-0.5\n", encoding="utf-8")
    text = QgsVectorLayer(f"file://{csv}?delimiter=;&xField=x&yField=y&crs=EPSG:4326", "points", "delimitedtext")
    virtual = QgsVectorLayer("?query=SELECT 1 AS x", "virtual", "virtual")
    table_csv = tmp_path / "laporan uptime.csv"  # a table without geometry, a space in its name
    table_csv.write_text("kode;uptime\n64.74.01.1001;99,5\n", encoding="utf-8")
    table = QgsVectorLayer(f"{table_csv.as_uri()}?delimiter=;", "uptime", "delimitedtext")
    assert villages.isValid() and edited.isValid() and text.isValid() and virtual.isValid() and table.isValid()
    project.addMapLayers([villages, edited, text, virtual, table])
    made = []
    try:
        edited.startEditing()
        fid = next(edited.getFeatures()).id()
        assert edited.deleteFeature(fid)
        out = detach_layers({"A": villages.id(), "B": [villages.id(), edited.id()], "C": text.id(), "N": 3,
                             "T": (edited.id(),), "V": virtual.id(), "U": table.id()}, made)
        assert out["A"] == villages.source() and out["B"][0] == villages.source() and out["N"] == 3
        assert len(made) == 3 and all(os.path.isdir(f) for f in made) and out["T"][0].startswith(made[2])
        copy = QgsVectorLayer(out["B"][1], "copy", "ogr")
        assert copy.isValid() and copy.featureCount() == villages.featureCount() - 1, "the unsaved deletion"
        points = QgsVectorLayer(out["C"], "csv copy", "ogr")
        assert out["C"].startswith(made[1]) and points.isValid() and points.featureCount() == 1
        assert points.crs().authid() == "EPSG:4326"
        assert out["U"] == str(table_csv), "a CSV table is read from its own file"
        assert out["V"] == virtual.id() and names_project_layer(out)
        assert not names_project_layer({k: v for k, v in out.items() if k != "V"})

        done = []
        task = run_algorithm_task("kaltiminternet:checkvillages", {"INPUT": edited.id()},
                                  lambda ok, res, fb: done.append((ok, res)))
        assert task._kaltim_refs[1].project() is None
        copies = task._kaltim_snapshots
        assert len(copies) == 1 and os.path.isfile(os.path.join(copies[0], "layer.gpkg"))
        from qgis.core import QgsProcessingUtils

        assert os.path.dirname(copies[0]) == QgsProcessingUtils.tempFolder()  # removed at exit even after a crash
        qtbot.waitUntil(lambda: bool(done), timeout=60000)
        assert done[0][0] is True and done[0][1]["FEATURE_COUNT"] == villages.featureCount() - 1
        assert not os.path.exists(copies[0]), "the task's copy is removed once the run is over"
        edited.rollBack()
        assert edited.featureCount() == villages.featureCount(), "the user's layer keeps its own state"
    finally:
        project.removeMapLayers([villages.id(), edited.id(), text.id(), virtual.id(), table.id()])
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)


def test_a_forward_only_runner_never_moves_the_bar_back(plugin):
    """Session 37: the export's bar went 50 -> 20 -> 60 (its steps each report from 0): the export panel's runner only
    moves it forward during a run, and a new run starts at 0 again."""
    from qgis.PyQt.QtWidgets import QProgressBar

    from kaltim_internet_plugin.gui.tasks import TaskRunner

    assert plugin.dock.export_panel.runner.forward_only is True
    bar = QProgressBar()
    runner = TaskRunner(None, progress=bar, forward_only=True)
    runner._begin("Exporting")
    runner.task = object()  # running
    seen = []
    for value in (50, 20, 60, 40.5, 100):
        runner.set_progress(value)
        seen.append(bar.value())
    assert seen == [50, 50, 60, 60, 100]
    runner._end()
    runner._begin("Exporting")
    assert bar.value() == 0
    plain = TaskRunner(None, progress=QProgressBar())  # the other pages' bars as before
    plain.task = object()
    plain.set_progress(50)
    plain.set_progress(20)
    assert plain.progress.value() == 20
