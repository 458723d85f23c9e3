"""The plugin's dock: one page per working point of the programme."""
from __future__ import annotations

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ..i18n import tr


def placeholder_page(title: str, what: str) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel(tr("<b>{title}</b><br><br>Not built yet. Coming in a later version: {what}").format(
        title=title, what=what))
    label.setWordWrap(True)
    label.setObjectName("placeholderLabel")
    layout.addWidget(label)
    layout.addStretch(1)
    return page


class KaltimDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Internet Desa Kaltim"), parent)
        self.setObjectName("KaltimInternetDock")
        self.iface = iface
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pages")
        from .fit import fit_widget, tighten_tabs
        from .page_data import DataPage
        from .workflow import Workflow

        self.workflow = Workflow(self)  # results handed from page to page (issue 19): created before the pages
        self.data_page = DataPage(iface, self)
        self.tabs.addTab(self.data_page, tr("Data"))
        self.tabs.setTabToolTip(0, tr("Villages, sites and terrain: load, map the fields, validate."))
        self.pages = {"data": self.data_page}
        for key, title, factory, what in self.page_factories():
            page = factory()
            self.pages[key] = page
            index = self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(index, what[:1].upper() + what[1:])
        self.mount_panels()
        for page in self.pages.values():
            fit_widget(page)  # fits a ~450 px dock (1366×768 laptop) and QGIS's own ~300 px, in both languages
        self.setWidget(self.tabs)
        self.tab_style = tighten_tabs(self.tabs.tabBar(), self)  # created after the tabs: deleted after them

    def mount_panels(self):
        """Panels that live on another page: plan export on the Plan page, what-if on its own page."""
        plan = self.pages.get("plan")
        if hasattr(plan, "export_area"):
            from .export_panel import ExportPanel
            from .operator_panel import OperatorPanel

            self.operator_panel = OperatorPanel(self.iface, plan)
            plan.export_area.addWidget(self.operator_panel)
            self.export_panel = ExportPanel(self.iface, self, plan)
            plan.export_area.addWidget(self.export_panel)
        whatif = self.pages.get("whatif")
        if hasattr(whatif, "whatif_area"):
            try:
                from .whatif_panel import WhatIfPanel
            except ImportError:
                return
            self.whatif_panel = WhatIfPanel(self.iface, self)
            whatif.whatif_area.addWidget(self.whatif_panel)

    def page_factories(self) -> list:
        """(key, tab title, factory, what) for the pages after Data. Titles are one short word, so six tabs fit a
        450 px dock without scroll arrows; ``what`` is the tab's tooltip. A page module not built yet shows a note."""
        pages = []
        for key, title, module, cls, what in (
            ("coverage", tr("Coverage"), "page_coverage", "CoveragePage",
             tr("signal coverage of every site over the terrain and each village's blank-spot status.")),
            ("priority", tr("Priority"), "page_priority", "PriorityPage",
             tr("village ranking, technology choice and site selection under a budget.")),
            ("whatif", tr("What-if"), "page_whatif", "WhatIfPage",
             tr("what a planned site would change: place it on the map, see the villages it would cover.")),
            ("plan", tr("Plan"), "page_plan", "PlanPage",
             tr("funding sources, the multi-year roadmap, operator packages, training and plan export.")),
            ("monitoring", tr("Monitoring"), "page_monitoring", "MonitoringPage",
             tr("deployment status, operators' service reports, SLA and progress indicators.")),
        ):
            factory = self._factory(module, cls, title, what)
            pages.append((key, title, factory, what))
        return pages

    def _factory(self, module: str, cls: str, title: str, what: str):
        import importlib

        def make():
            try:
                mod = importlib.import_module(f"{__package__}.{module}")
            except ModuleNotFoundError:
                return placeholder_page(title, what)
            return getattr(mod, cls)(self.iface, self)
        return make

    def cleanup(self):
        for panel in (getattr(self, "whatif_panel", None), getattr(self, "export_panel", None)):
            if panel is not None and hasattr(panel, "cleanup"):
                panel.cleanup()
        for page in self.pages.values():
            if hasattr(page, "cleanup"):
                page.cleanup()
