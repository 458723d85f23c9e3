"""The layering and the thin fronts, checked on the source (no QGIS needed).

Layers (an arrow = "may import"): core <- io/store <- report <- processing, and core <- io/store <- report <- gui.
core imports nothing of the plugin's UI (no i18n, errors, labels, Qt); gui never imports processing; report never
imports gui or processing; processing never imports gui. The shared helpers (i18n, errors, labels, paths) are for
every layer above core. processAlgorithm bodies are adapters of at most MAX_PROCESS_LINES lines.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[2] / "kaltim_internet_plugin"
SHARED = {"i18n", "errors", "labels", "paths"}
ALLOWED = {
    "core": {"core"},
    "io": {"core", "io"} | SHARED,
    "store": {"core", "store"} | SHARED,
    "report": {"core", "io", "store", "report"} | SHARED,
    "processing": {"core", "io", "store", "report", "processing"} | SHARED,
    "gui": {"core", "io", "store", "report", "gui"} | SHARED,
}
MAX_PROCESS_LINES = 60
# every processAlgorithm is an adapter now; a new long one must be thinned, not listed here
LONG_PROCESS_ALGORITHMS: set = set()


def plugin_imports(path: Path, root: Path = PLUGIN):
    """(line, top-level plugin package) of every import of the plugin in ``path``, also inside functions."""
    rel = path.relative_to(root).parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(rel[:-1])[: len(rel) - node.level]
            target = base + (node.module.split(".") if node.module else [])
            names = target[:1] or [a.name for a in node.names]
            yield node.lineno, names[0]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                parts = module.split(".")
                if parts[0] == "kaltim_internet_plugin" and len(parts) > 1:
                    yield node.lineno, parts[1]
                elif parts[0] == "qgis" and rel[0] == "core":
                    yield node.lineno, "qgis"


def layer_violations(root: Path = PLUGIN) -> list:
    out = []
    for path in sorted(root.rglob("*.py")):
        layer = path.relative_to(root).parts[0]
        if layer not in ALLOWED:
            continue
        for line, target in plugin_imports(path, root):
            if target not in ALLOWED[layer] and (target in ALLOWED or target in SHARED or target == "qgis"):
                out.append(f"{path.relative_to(root)}:{line} imports {target}")
    return out


def long_process_algorithms(root: Path = PLUGIN) -> dict:
    out = {}
    for path in sorted((root / "processing").glob("alg_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "processAlgorithm":
                length = node.end_lineno - node.lineno + 1
                if length > MAX_PROCESS_LINES:
                    out[path.stem] = length
    return out


def test_the_layers_import_only_downwards():
    assert layer_violations() == []


def test_process_algorithms_are_adapters():
    long = long_process_algorithms()
    assert set(long) <= LONG_PROCESS_ALGORITHMS, {k: v for k, v in long.items() if k not in LONG_PROCESS_ALGORITHMS}
    # the known exceptions are listed only while they are long, so the list can only shrink
    assert set(long) == LONG_PROCESS_ALGORITHMS, f"no longer over {MAX_PROCESS_LINES} lines: " \
        f"{sorted(LONG_PROCESS_ALGORITHMS - set(long))}; take them off LONG_PROCESS_ALGORITHMS"


@pytest.mark.parametrize("layer, source, bad", [
    ("gui", "from ..processing.alg_x import y\n", "gui/x.py:1 imports processing"),
    ("report", "def f():\n    from ..gui.tasks import run\n", "report/x.py:2 imports gui"),
    ("core", "from ..i18n import tr\n", "core/x.py:1 imports i18n"),
    ("core", "from qgis.PyQt.QtCore import QVariant\n", "core/x.py:1 imports qgis"),
    ("io", "from kaltim_internet_plugin.report import tables\n", "io/x.py:1 imports report"),
])
def test_the_rule_catches_an_upward_import(tmp_path, layer, source, bad):
    (tmp_path / layer).mkdir()
    (tmp_path / layer / "x.py").write_text(source)
    assert layer_violations(tmp_path) == [bad]


def test_the_length_check_measures_process_algorithm(tmp_path):
    (tmp_path / "processing").mkdir()
    body = "".join(f"        x{i} = {i}\n" for i in range(MAX_PROCESS_LINES))
    (tmp_path / "processing" / "alg_long.py").write_text(
        f"class A:\n    def processAlgorithm(self, p, c, f):\n{body}")
    assert long_process_algorithms(tmp_path) == {"alg_long": MAX_PROCESS_LINES + 1}
