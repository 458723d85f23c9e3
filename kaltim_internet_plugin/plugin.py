"""Plugin entry: menu, toolbar, dock and the Processing provider."""
from __future__ import annotations

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from . import dependencies
from .i18n import install_translator, remove_translator, tr
from .paths import resource

MENU = "Internet Desa Kaltim"


class KaltimInternetPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.dock = None
        self.toolbar = None
        self.actions = []
        self.dependency_problems = None
        install_translator()

    # Runtime dependencies ----------------------------------------------------------------------------------
    def check_dependencies(self) -> list:
        """Missing or outdated Python modules (scipy for the MILP, ...), found once per session and reported in
        the message log (tag 'Internet Desa Kaltim') with how to install them; the plugin loads regardless."""
        if self.dependency_problems is None:
            self.dependency_problems = dependencies.check()
            if self.dependency_problems:
                required = any(p.requirement.required for p in self.dependency_problems)
                QgsMessageLog.logMessage(dependencies.explain(self.dependency_problems), MENU,
                                         Qgis.MessageLevel.Critical if required else Qgis.MessageLevel.Info)
        return self.dependency_problems

    def _tell_missing_dependencies(self):
        problems = [p for p in self.check_dependencies() if p.requirement.required]
        if problems and self.iface is not None:
            names = ", ".join(sorted({p.module for p in problems}))
            self.iface.messageBar().pushMessage(
                MENU, tr("Python modules are missing or too old: {names}. Some tools are unavailable; the message "
                         "log (Internet Desa Kaltim) says how to install them with the OSGeo4W installer.")
                .format(names=names), Qgis.MessageLevel.Warning, 0)

    # Processing ------------------------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 (QGIS API)
        from .processing.provider import KaltimInternetProvider

        self.check_dependencies()
        if self.provider is None:
            provider = KaltimInternetProvider()
            # addProvider refuses (and deletes) a second provider with the same id, e.g. another copy of the plugin
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    # GUI ---------------------------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802 (QGIS API)
        self.initProcessing()
        icon = QIcon(str(resource("icons", "icon.svg")))
        self.toolbar = self.iface.addToolBar(MENU)
        self.toolbar.setObjectName("KaltimInternetToolbar")
        self.toolbar.setToolTip(tr("Internet Desa Kaltim"))
        show = QAction(icon, tr("Internet Desa Kaltim panel"), self.iface.mainWindow())
        show.setObjectName("KaltimInternetShowDock")
        show.setCheckable(True)
        show.setToolTip(tr("Show or hide the Internet Desa Kaltim panel"))
        show.triggered.connect(self.toggle_dock)
        sample = QAction(QIcon(str(resource("icons", "sample.svg"))), tr("Load Kaltim sample"),
                         self.iface.mainWindow())
        sample.setObjectName("KaltimInternetLoadSample")
        sample.triggered.connect(self.load_sample)
        toolbox = QAction(QIcon(str(resource("icons", "processing.svg"))), tr("Processing tools…"),
                          self.iface.mainWindow())
        toolbox.setObjectName("KaltimInternetToolbox")
        toolbox.triggered.connect(self.show_toolbox)
        for action in (show, sample, toolbox):
            self.iface.addPluginToMenu(MENU, action)
            self.actions.append(action)
        self.toolbar.addAction(show)
        self.toolbar.addAction(sample)
        self.show_action = show
        self._tell_missing_dependencies()
        try:
            self.create_dock()
        except ImportError as exc:  # a missing module the panel needs (numpy, ...): the menu and Processing stay
            problem = dependencies.problem_for_import_error(exc)
            QgsMessageLog.logMessage(dependencies.explain([problem]) if problem else repr(exc), MENU,
                                     Qgis.MessageLevel.Critical)

    def create_dock(self):
        from .gui.dock import KaltimDock

        self.dock = KaltimDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.visibilityChanged.connect(self.show_action.setChecked)
        self.dock.show()

    def toggle_dock(self, checked=None):
        if self.dock is None:
            self.create_dock()
        self.dock.setVisible(not self.dock.isVisible() if checked is None else bool(checked))

    def load_sample(self):
        if self.dock is None:
            self.create_dock()
        self.dock.setVisible(True)
        self.dock.data_page.load_sample()

    def show_toolbox(self):
        """Open QGIS's Processing toolbox, where every tool of this plugin is listed under its provider."""
        action = self.iface.mainWindow().findChild(QAction, "mActionShowProcessingToolbox")
        if action is not None and not action.isChecked():
            action.trigger()

    def unload(self):
        for action in self.actions:
            self.iface.removePluginMenu(MENU, action)
        self.actions = []
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.dock is not None:
            self.dock.cleanup()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
