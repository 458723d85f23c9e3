#!/usr/bin/env python3
"""PyQt5 -> PyQt6 (QGIS 4) readiness check of the plugin's Python code.

An equivalent of the checks that QGIS's own migration script (scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py in the QGIS
repository) would rewrite or warn about, run without modifying anything. Findings:

* a direct ``PyQt5``/``PyQt6``/``sip`` import (use ``qgis.PyQt``), ``qgis.PyQt.Qt`` imports, ``qApp``;
* an enum value reached unscoped, ``Class.Value`` where Qt6 needs ``Class.Enum.Value`` (found by introspecting the
  installed PyQt/QGIS classes, as the script's enum table is built), and the Qt enums that Qt6 removed
  (``Qt.MidButton``, ``QPainter.HighQualityAntialiasing``, ...);
* ``QVariant.Int``-style type constants (Qt6: ``QMetaType.Type``), ``QVariant()`` as NULL;
* ``exec_`` calls or definitions; ``QDateTime(y, m, d, h, M, s, ms, ts)`` and ``QDateTime(QDate(...))``;
* the script's warnings: ``QRegExp``, ``resources_rc``, ``QDesktopWidget`` (``desktop()``), ``activated[str]``,
  ``QFontMetrics.width``, ``addAction`` with 4+ arguments.

    python3 scripts/qt6_check.py [PATH ...]     # default: the plugin package; exit 1 when there are findings
"""
from __future__ import annotations

import ast
import enum
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_DIR = ROOT / "kaltim_internet_plugin"

MODULES = ["qgis.PyQt.QtCore", "qgis.PyQt.QtGui", "qgis.PyQt.QtWidgets", "qgis.PyQt.QtXml", "qgis.PyQt.QtNetwork",
           "qgis.PyQt.QtPrintSupport", "qgis.PyQt.QtSvg", "qgis.PyQt.QtSql", "qgis.PyQt.QtTest", "qgis.core",
           "qgis.gui", "qgis.analysis"]

REMOVED_ENUMS = {("Qt", "MidButton"), ("Qt", "TextColorRole"), ("Qt", "BackgroundColorRole"),
                 ("QPainter", "HighQualityAntialiasing")}
DIRECT_MODULES = ("PyQt5", "PyQt6", "sip")
# The compatibility module alone may name QVariant type constants: its QGIS < 3.38 (Qt5-only) branch needs them.
QVARIANT_TYPES_ALLOWED = ("compat.py",)


def namespace() -> dict:
    """Every public name of the Qt and QGIS modules a plugin imports through qgis.PyQt / qgis.*."""
    names = {}
    for mod in MODULES:
        try:
            module = importlib.import_module(mod)
        except Exception:  # noqa: BLE001 - an optional module (QtSql, QtTest, ...) that is not installed
            continue
        for key, value in vars(module).items():
            if not key.startswith("_") and isinstance(value, type):
                names.setdefault(key, value)
    return names


def is_enum_type(value) -> bool:
    if not isinstance(value, type):
        return False
    if issubclass(value, enum.Enum):
        return True
    return type(value).__name__ in ("enumtype", "EnumType", "sip.enumtype")  # PyQt5's sip enums


def is_enum_value(value) -> bool:
    return not isinstance(value, type) and (isinstance(value, enum.Enum) or is_enum_type(type(value)))


def unscoped(cls, attr: str):
    """The enum type ``cls.attr`` belongs to when it is an enum value reached without its enum's name, else None."""
    try:
        value = getattr(cls, attr)
    except Exception:  # noqa: BLE001
        return None
    if not is_enum_value(value):
        return None
    etype = type(value)
    # QFlags values (Qt.AlignLeft | ...) in PyQt5 are not enum values; an enum type reached as cls.attr is scoped
    return etype.__name__


class Checker(ast.NodeVisitor):
    def __init__(self, filename: str, ns: dict):
        self.filename = filename
        self.ns = ns
        self.findings: list[str] = []
        self.parents: dict = {}

    def add(self, node, message):
        self.findings.append(f"{self.filename}:{node.lineno}:{node.col_offset}: {message}")

    def visit_Import(self, node):  # noqa: N802
        for alias in node.names:
            if alias.name.split(".")[0] in DIRECT_MODULES:
                self.add(node, f"import {alias.name}: import through qgis.PyQt")
        self.generic_visit(node)

    def visit_ImportFrom(self, node):  # noqa: N802
        module = node.module or ""
        if module.split(".")[0] in DIRECT_MODULES:
            self.add(node, f"from {module} import ...: import through qgis.PyQt")
        if module == "qgis.PyQt.Qt":
            self.add(node, "from qgis.PyQt.Qt import ...: use qgis.PyQt.QtCore")
        for alias in node.names:
            if alias.name == "QRegExp":
                self.add(node, "QRegExp is removed in Qt6: use QRegularExpression")
            if alias.name == "resources_rc":
                self.add(node, "compiled resources are removed in Qt6: load files by path")
            if alias.name == "qApp":
                self.add(node, "qApp is removed in Qt6: use QApplication.instance()")
        self.generic_visit(node)

    def visit_FunctionDef(self, node):  # noqa: N802
        if node.name == "exec_":
            self.add(node, "def exec_: Qt6 names it exec")
        self.generic_visit(node)

    def visit_Subscript(self, node):  # noqa: N802
        if (isinstance(node.value, ast.Attribute) and node.value.attr == "activated"
                and isinstance(node.slice, ast.Name) and node.slice.id == "str"):
            self.add(node, "activated[str] is removed in Qt6: use textActivated")
        self.generic_visit(node)

    def visit_Call(self, node):  # noqa: N802
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr == "exec_":
                self.add(node, "exec_(): Qt6 names it exec()")
            if func.attr == "desktop" and not node.args:
                self.add(node, "QApplication.desktop() (QDesktopWidget) is removed in Qt6")
            if func.attr == "addAction" and len(node.args) >= 4:
                self.add(node, "fragile addAction(...) with 4+ arguments: create the QAction, then addAction(it)")
            if func.attr == "width" and isinstance(func.value, ast.Call) and (
                    (isinstance(func.value.func, ast.Attribute) and func.value.func.attr == "fontMetrics")
                    or (isinstance(func.value.func, ast.Name) and func.value.func.id in ("QFontMetrics",
                                                                                        "QFontMetricsF"))):
                self.add(node, "QFontMetrics.width() is removed in Qt6: use horizontalAdvance()")
        if isinstance(func, ast.Name) and func.id == "QVariant":
            if not node.args:
                self.add(node, "QVariant() as NULL: use qgis.core.NULL")
            elif (len(node.args) == 1 and isinstance(node.args[0], ast.Attribute)
                  and isinstance(node.args[0].value, ast.Name) and node.args[0].value.id == "QVariant"):
                self.add(node, "QVariant(QVariant.Type) as NULL: use qgis.core.NULL")
        if isinstance(func, ast.Name) and func.id == "QDateTime":
            if len(node.args) == 8:
                self.add(node, "QDateTime(y, m, d, h, M, s, ms, ts): use QDateTime(QDate(...), QTime(...), ts)")
            elif (len(node.args) == 1 and isinstance(node.args[0], ast.Call)
                  and isinstance(node.args[0].func, ast.Name) and node.args[0].func.id == "QDate"):
                self.add(node, "QDateTime(QDate(...)): use QDateTime(QDate(...), QTime(0, 0, 0))")
        self.generic_visit(node)

    def visit_Attribute(self, node):  # noqa: N802
        if isinstance(node.value, ast.Name):
            owner, attr = node.value.id, node.attr
            if owner == "qApp":
                self.add(node, "qApp is removed in Qt6: use QApplication.instance()")
            elif owner == "QVariant" and attr != "Type":
                if not self.filename.endswith(QVARIANT_TYPES_ALLOWED):
                    self.add(node, f"QVariant.{attr}: Qt6 uses QMetaType.Type (see compat.FieldType)")
            elif (owner, attr) in REMOVED_ENUMS:
                self.add(node, f"{owner}.{attr} is removed in Qt6")
            elif owner in self.ns:
                etype = unscoped(self.ns[owner], attr)
                if etype is not None and etype != attr:
                    self.add(node, f"unscoped enum {owner}.{attr}: write {owner}.{etype}.{attr}")
        self.generic_visit(node)


def check_file(path: Path, ns: dict) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    checker = Checker(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path), ns)
    checker.visit(tree)
    return checker.findings


def check(paths=None) -> list[str]:
    ns = namespace()
    files = []
    for p in paths or [PLUGIN_DIR]:
        p = Path(p)
        files += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    findings = []
    for f in files:
        findings += check_file(f, ns)
    return findings


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    findings = check(argv or None)
    for line in findings:
        print(line)
    print(f"{len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
