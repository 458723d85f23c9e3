"""Runtime dependencies a Windows (OSGeo4W) install may lack: found at load, explained with how to install them, and
only the tools that need them are left out of the Processing provider."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

from kaltim_internet_plugin import dependencies
from kaltim_internet_plugin.processing.provider import algorithm_classes

ROOT = Path(__file__).resolve().parents[2]


def importer(missing=(), versions=None):
    versions = versions or {}

    def imp(name):
        if name in missing:
            raise ImportError(f"No module named '{name}'", name=name)
        if name in versions:
            return types.SimpleNamespace(__version__=versions[name])
        return __import__(name, fromlist=["_"])
    return imp


def test_everything_needed_is_installed_here():
    assert dependencies.check() == []


def test_missing_scipy_is_reported_with_osgeo4w_instructions():
    problems = dependencies.check(importer=importer(missing=("scipy",)))
    assert [p.module for p in problems] == ["scipy"]
    text = dependencies.explain(problems)
    assert "scipy >= 1.9" in text and "not installed" in text
    assert "OSGeo4W" in text and "python3-scipy" in text and 'pip install --upgrade "scipy>=1.9"' in text


def test_too_old_scipy_is_reported_with_its_version():
    problems = dependencies.check(importer=importer(versions={"scipy": "1.7.3"}))
    assert [(p.module, p.found) for p in problems] == [("scipy", "1.7.3")]
    assert "version 1.7.3 is installed" in dependencies.explain(problems)
    assert dependencies.check(importer=importer(versions={"scipy": "1.9.0"})) == []
    assert dependencies.check(importer=importer(versions={"scipy": "1.10.0rc1"})) == []


def test_optional_module_is_listed_after_required_ones():
    problems = dependencies.check(importer=importer(missing=("psycopg2", "scipy")))
    assert [p.module for p in problems] == ["scipy", "psycopg2"]
    assert "optional" in dependencies.explain(problems[1:])


def test_provider_leaves_out_only_the_tools_that_need_a_missing_module():
    everything = {cls.__module__.rsplit(".", 1)[-1] for cls in algorithm_classes()}
    problems = dependencies.check(importer=importer(missing=("scipy",)))
    errors = []
    loaded = {cls.__module__.rsplit(".", 1)[-1] for cls in algorithm_classes(errors, problems)}
    skipped = set(dependencies.TOOL_NEEDS)
    assert loaded == everything - skipped
    assert {name for name, _ in errors} == skipped
    assert all("scipy >= 1.9" in message and "OSGeo4W" in message for _, message in errors)


SCRIPT = r'''
import json, sys
sys.modules["scipy"] = None          # as on a QGIS install without scipy: "import scipy" raises ImportError
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
messages = []
QgsApplication.messageLog().messageReceived.connect(lambda m, tag, level: messages.append(m))
import kaltim_internet_plugin
plugin = kaltim_internet_plugin.classFactory(None)
plugin.initProcessing()
provider = QgsApplication.processingRegistry().providerById("kaltiminternet")
print(json.dumps({"algs": sorted(a.name() for a in provider.algorithms()), "messages": messages}))
plugin.unload()
'''


def test_plugin_loads_without_scipy_and_says_what_to_install(tmp_path):
    from qgis_headless import plugin_parent  # scripts/, on sys.path through tests/conftest.py

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(plugin_parent())], capture_output=True, text=True,
                          env=env, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(out["algs"]) >= 10, out["algs"]
    assert "optimizesites" not in out["algs"]
    # the full-plan model needs the tools that need scipy: not offered, and the log says why
    assert "fullplan" not in out["algs"]
    log = "\n".join(out["messages"])
    assert "scipy >= 1.9" in log and "OSGeo4W" in log
    assert "The full-plan model is not offered: it needs the tool(s) candidates, choosetech, optimizesites," in log
    assert "Traceback" not in log
