"""Qt6 / QGIS 4 readiness: the plugin passes the PyQt5 -> PyQt6 migration check (scripts/qt6_check.py, an equivalent
of QGIS's scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py run without rewriting), and metadata.txt declares Qt6 support
exactly when it does."""
from __future__ import annotations

import configparser
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import qt6_check  # noqa: E402

BAD = '''
from PyQt5.QtCore import Qt
import sip
from qgis.PyQt.QtCore import QVariant, QDateTime, QDate
from qgis.PyQt.QtWidgets import QMessageBox, QSizePolicy
from qgis.core import Qgis, QgsProcessing, QgsWkbTypes

a = Qt.AlignLeft
b = QMessageBox.Yes
c = Qgis.Critical
d = QgsProcessing.TypeVectorPoint
e = QgsWkbTypes.PointGeometry
f = QVariant.Int
g = QVariant()
h = QDateTime(QDate(2024, 1, 1))
box.exec_()
i = Qt.MidButton
'''

GOOD = '''
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMessageBox
from qgis.core import NULL, Qgis, QgsProcessing, QgsWkbTypes

a = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
b = QMessageBox.StandardButton.Yes
c = Qgis.MessageLevel.Critical
d = QgsProcessing.SourceType.TypeVectorPoint
e = QgsWkbTypes.GeometryType.PointGeometry
g = NULL
box.exec()
'''


def _check_source(tmp_path, source):
    path = tmp_path / "snippet.py"
    path.write_text(textwrap.dedent(source))
    return qt6_check.check([path])


def test_the_check_finds_what_the_migration_script_would_change(tmp_path):
    findings = "\n".join(_check_source(tmp_path, BAD))
    for expected in ("from PyQt5.QtCore", "import sip", "unscoped enum Qt.AlignLeft", "unscoped enum QMessageBox.Yes",
                     "unscoped enum Qgis.Critical", "unscoped enum QgsProcessing.TypeVectorPoint",
                     "unscoped enum QgsWkbTypes.PointGeometry", "QVariant.Int", "QVariant() as NULL",
                     "QDateTime(QDate(...))", "exec_()", "Qt.MidButton is removed"):
        assert expected in findings, f"{expected!r} not found in:\n{findings}"


def test_the_check_accepts_fully_scoped_code(tmp_path):
    assert _check_source(tmp_path, GOOD) == []


def test_plugin_code_passes_the_pyqt6_migration_check():
    findings = qt6_check.check()
    assert findings == [], "\n".join(findings)


def test_metadata_declares_qt6_support_only_when_the_check_is_clean():
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    declared = meta["general"].get("supportsQt6", "False").strip().lower() in ("true", "yes", "1")
    clean = qt6_check.check() == []
    assert declared == clean, f"supportsQt6={declared} but the migration check is {'clean' if clean else 'not clean'}"


def test_metadata_versions_are_the_tested_ones():
    """qgisMinimumVersion/qgisMaximumVersion = the oldest and newest QGIS of the test matrix (scripts/matrix/)."""
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    g = meta["general"]
    assert (g["qgisMinimumVersion"], g["qgisMaximumVersion"]) == ("3.22", "3.44")
    for version in ("3.22", "3.40", "3.44"):
        assert version in g["changelog"], f"the changelog must name the supported QGIS {version}"
    matrix = (ROOT / "scripts" / "matrix" / "roots.sh").read_text()
    assert all(suite in matrix for suite in ("bookworm", "trixie", "sid"))
