"""What-if page: the planned-sites panel (gui/whatif_panel.py) on a page of its own, so the Coverage page stays
short enough for a laptop screen. The dock mounts the panel into ``whatif_area``."""
from __future__ import annotations

from qgis.PyQt.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..i18n import tr
from .fit import scroll_body


class WhatIfPage(QWidget):
    def __init__(self, iface, dock=None):
        super().__init__(None)
        self.iface = iface
        self.dock = dock
        layout = scroll_body(self)
        intro = QLabel(tr("Place a planned site on the map and see, before building it, which villages it would "
                          "cover. Needs the coverage of the existing sites and the classified villages from the "
                          "Coverage page."))
        intro.setObjectName("whatifIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.whatif_area = QVBoxLayout()
        self.whatif_area.setObjectName("whatifArea")
        layout.addLayout(self.whatif_area)
        layout.addStretch(1)
