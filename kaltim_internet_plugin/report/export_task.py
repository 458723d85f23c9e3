"""Plan-page helpers: run kaltiminternet:exportplan as a background task, then offer to open the result."""
from __future__ import annotations

import os

from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QMessageBox

from ..i18n import tr

ALG_ID = "kaltiminternet:exportplan"


def export_plan_task(params: dict, on_done, on_progress=None):
    """Start the export in the background. ``on_done(ok, results, feedback)`` runs in the GUI thread.
    Returns the QgsTask (``task.cancel()`` stops it between steps)."""
    from ..gui.tasks import run_algorithm_task

    # every layer parameter is a source (see ExportPanel.parameters): nothing to look up in the project
    return run_algorithm_task(ALG_ID, dict(params), on_done, tr("Exporting the deployment plan"), on_progress,
                              use_project=False)


def open_path(path: str) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.abspath(path)))


def offer_open(iface, pdf: str, folder: str) -> str:
    """Ask whether to open the PDF or the output folder. Returns 'pdf', 'folder' or '' (closed)."""
    parent = iface.mainWindow() if iface is not None else None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(tr("Deployment plan exported"))
    box.setText(tr("The deployment plan was written to {folder}.").format(folder=folder))
    box.setInformativeText(tr("Open the PDF or the folder now?"))
    open_pdf = box.addButton(tr("Open PDF"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    if not pdf or not os.path.exists(pdf):
        open_pdf.setEnabled(False)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_pdf:
        open_path(pdf)
        return "pdf"
    if clicked is open_folder:
        open_path(folder)
        return "folder"
    return ""
