"""Shared test set-up: the plugin under test, its Processing provider, and small data builders.

The plugin is imported from QGIS_PLUGINPATH when `make test` set it (the built plugin, as users get it),
else from the source tree. pytest-qgis starts one offscreen QgsApplication for the session.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from qgis_headless import plugin_parent  # noqa: E402

sys.path.insert(0, str(plugin_parent()))
import kaltim_internet_plugin  # noqa: E402,F401  (import once, from the chosen location)

SAMPLE = Path(kaltim_internet_plugin.__file__).resolve().parent
SAMPLE = (SAMPLE / "resources" / "sample") if (SAMPLE / "resources").exists() else ROOT / "resources" / "sample"


@pytest.fixture(scope="session", autouse=True)
def _iface_layer_tree_view(qgis_app, qgis_iface):
    """QGIS 3.40+'s Processing post-processing (processing.runAndLoadResults) calls iface.layerTreeView(), which
    pytest-qgis' iface stub lacks (3.22's does not call it): give the stub a real view on the project's tree."""
    if hasattr(qgis_iface, "layerTreeView"):
        yield
        return
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot())
    view.setModel(model)
    qgis_iface.layerTreeView = lambda: view
    yield
    del qgis_iface.layerTreeView
    view.deleteLater()


@pytest.fixture(autouse=True)
def _processing_outputs_in_tmp(tmp_path_factory, monkeypatch):
    """Processing's output folder (where the dock's repair writes without a saved project) is the test's own: QGIS
    3.44's default is ~/processing, and the tests once left a copy of the villages there per run (found when the
    second run in the same sid root got villages_repaired_3.gpkg)."""
    try:
        from processing.core.ProcessingConfig import ProcessingConfig
    except ImportError:  # Processing not importable: nothing writes there
        yield None
        return
    folder = tmp_path_factory.mktemp("processing_outputs")
    real = ProcessingConfig.getSetting

    def get_setting(name, *args, **kwargs):
        return str(folder) if name == ProcessingConfig.OUTPUT_FOLDER else real(name, *args, **kwargs)

    monkeypatch.setattr(ProcessingConfig, "getSetting", staticmethod(get_setting))
    yield folder


@pytest.fixture(scope="session")
def provider(qgis_processing):
    """The plugin's provider, registered the way qgis_process does it (classFactory(None).initProcessing())."""
    from qgis.core import QgsApplication

    plugin = kaltim_internet_plugin.classFactory(None)
    plugin.initProcessing()
    yield QgsApplication.processingRegistry().providerById("kaltiminternet")
    plugin.unload()


@pytest.fixture()
def sample_copy(tmp_path) -> Path:
    """A private copy of the sample folder (tests may modify it)."""
    dest = tmp_path / "sample"
    shutil.copytree(SAMPLE, dest)
    return dest


def capture_feedback():
    """A Processing feedback that records what an algorithm says: ``entries`` are (kind, text) with kind 'info',
    'warning', 'error' or 'progress' (progress text); ``lines`` are the info, warning and error texts;
    ``of(*kinds)`` joins the texts of those kinds. Everything still reaches QGIS's own log too."""
    from qgis.core import QgsProcessingFeedback

    class CaptureFeedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.entries = []

        @property
        def lines(self):
            return [t for k, t in self.entries if k != "progress"]

        def of(self, *kinds) -> str:
            return "\n".join(t for k, t in self.entries if k in kinds)

        def text(self) -> str:
            """Everything the algorithm said (info, warnings, errors), one line each."""
            return "\n".join(self.lines)

        infos = property(lambda self: [t for k, t in self.entries if k == "info"])
        warnings = property(lambda self: [t for k, t in self.entries if k == "warning"])
        errors = property(lambda self: [t for k, t in self.entries if k == "error"])

        def pushInfo(self, info):  # noqa: N802
            self.entries.append(("info", info))
            super().pushInfo(info)

        def pushWarning(self, warning):  # noqa: N802
            self.entries.append(("warning", warning))
            super().pushWarning(warning)

        def reportError(self, error, fatalError=False):  # noqa: N802,N803
            self.entries.append(("error", error))
            super().reportError(error, fatalError)

        def setProgressText(self, text):  # noqa: N802
            self.entries.append(("progress", text))
            super().setProgressText(text)

    return CaptureFeedback()


def run_alg(alg_id: str, params: dict):
    """Run a Processing algorithm; returns (results, its info, warning and error messages, as the user reads them)."""
    import processing

    fb = capture_feedback()
    res = processing.run(alg_id, params, feedback=fb)
    return res, fb.of("info", "warning", "error")


def _settle():
    """Finish background tasks, drop project layers and run deferred deletes while QGIS/GDAL are alive."""
    import gc
    import time

    from qgis.core import QgsApplication, QgsProject

    gc.collect()  # layers held only by reference cycles are freed while GDAL is still alive
    deadline = time.time() + 60
    while QgsApplication.taskManager().countActiveTasks() and time.time() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    QgsProject.instance().clear()
    QgsApplication.processEvents()
    QgsApplication.sendPostedEvents(None, 0)


@pytest.fixture(autouse=True)
def _clean_qgis_state(qgis_app, request):
    """Each test starts from an empty project and leaves no running task behind.

    The test's fixture values are let go here, once the test's own fixtures are torn down: pytest drops them only
    after the whole teardown, and after the last test that includes the session's (QGIS's exitQgis), so a layer
    that a fixture of the last test made would be deleted after QGIS has shut down its data providers (a
    segmentation fault at exit, e.g. when one test file runs alone)."""
    yield
    funcargs = getattr(request.node, "funcargs", None)
    if funcargs:
        funcargs.clear()
    _settle()


@pytest.fixture(scope="session", autouse=True)
def _settle_before_exit(qgis_app):
    yield
    _settle()
    import gc

    gc.collect()
    from qgis.core import QgsApplication

    QgsApplication.processEvents()
