"""Operator packages on the Plan page: show one operator's villages on the map, export a CSV per operator."""
from __future__ import annotations

import csv
from pathlib import Path

from qgis.core import Qgis, QgsExpression, QgsFeatureRequest, QgsVectorLayer
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog, QFormLayout, QGroupBox, QPushButton

from ..core.numbers import plain
from ..core.operator_names import display_name, operator_key
from ..core.operators import operators_filter_expression
from ..i18n import tr
from .export_panel import unfiltered_source
from .messages import notify


def text_of(value) -> str:
    """A field value as text; NULL becomes ""."""
    value = plain(value)
    return "" if value is None else str(value)


def safe_name(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text.strip())
    return cleaned or "tanpa_operator"


class OperatorPanel(QGroupBox):
    def __init__(self, iface, plan_page, parent=None):
        super().__init__(tr("Operator packages"), parent)
        self.setObjectName("operatorPanel")
        self.iface, self.plan_page = iface, plan_page
        form = QFormLayout(self)
        self.combo = QComboBox()
        self.combo.setObjectName("operatorCombo")
        self.combo.setToolTip(tr("Show on the map only the villages in one operator's package (together with the "
                                 "year filter)."))
        self.combo.currentIndexChanged.connect(self.apply)
        form.addRow(tr("Operator"), self.combo)
        self.export_button = QPushButton(tr("Export a CSV per operator…"))
        self.export_button.setObjectName("operatorCsvButton")
        self.export_button.setToolTip(tr("One CSV file per operator with its villages, technology, year and costs, "
                                         "to send to the operators."))
        self.export_button.clicked.connect(self.choose_folder_and_export)
        form.addRow(self.export_button)
        plan_page.roadmapFinished.connect(self.refresh)
        self.refresh()

    def operators(self) -> list:
        """The operators of the roadmap layer, each once however the layer writes it ('Telkomsel', 'TELKOMSEL ',
        'PT Telkomsel' are one: core.operator_names, as the roadmap's packages); "" for the villages without."""
        return list(self.spellings())

    def spellings(self) -> dict:
        """``{operator: [its values as the layer holds them]}``, sorted by name, the villages without operator last
        (each spelling was an operator of its own: its own entry and CSV file, found 7 December)."""
        layer = self.plan_page.roadmap_layer()
        if layer is None or layer.fields().lookupField("operator") < 0:
            return {}
        source = QgsVectorLayer(unfiltered_source(layer), "plan", "ogr")
        by_key: dict = {}
        for v in source.uniqueValues(source.fields().lookupField("operator")):
            by_key.setdefault(operator_key(text_of(v)), set()).add(text_of(v))
        named = {display_name(values): sorted(values) for key, values in by_key.items() if key}
        out = {name: named[name] for name in sorted(named, key=str.lower)}
        if "" in by_key:
            out[""] = sorted(by_key[""])
        return out

    def refresh(self, *_args) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(tr("All operators"), None)
        self._spellings = self.spellings()  # (read once: apply filters by them at every choice)
        for op in self._spellings:
            self.combo.addItem(op or tr("(no operator yet)"), op)
        self.combo.blockSignals(False)
        enabled = self.combo.count() > 1
        self.combo.setEnabled(enabled)
        self.export_button.setEnabled(enabled)
        self.plan_page.operator_filter = ""

    def apply(self, *_args) -> str:
        op = self.combo.currentData()
        self.plan_page.operator_filter = "" if self.combo.currentIndex() <= 0 else operators_filter_expression(
            self._spellings.get(op, [op]))
        if self.plan_page.roadmap_layer() is not None:
            return self.plan_page.apply_year_filter(self.plan_page.year_slider.value())
        return ""

    def choose_folder_and_export(self):
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the operator CSV files"))
        return self.export_csv(folder) if folder else []

    def export_csv(self, folder: str) -> list:
        """Write <folder>/paket_<operator>.csv for every operator; returns the paths."""
        layer = self.plan_page.roadmap_layer()
        if layer is None:
            notify(self.iface, tr("Run the roadmap first."), Qgis.MessageLevel.Warning)
            return []
        source = QgsVectorLayer(unfiltered_source(layer), "plan", "ogr")
        names = [f.name() for f in source.fields()]
        paths = []
        Path(folder).mkdir(parents=True, exist_ok=True)
        used: set = set()
        for op, spellings in self.spellings().items():
            # one file per operator: 'XL/Axis' and 'XL Axis' (or 'Tri' and 'tri' on Windows) wrote one file name, the
            # second overwrote the first and its villages were in no file
            stem, n = f"paket_{safe_name(op)}", 1
            while (stem if n == 1 else f"{stem}_{n}").casefold() in used:
                n += 1
            stem = stem if n == 1 else f"{stem}_{n}"
            used.add(stem.casefold())
            path = Path(folder) / f"{stem}.csv"
            request = QgsFeatureRequest(QgsExpression(operators_filter_expression(spellings)))
            request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
            with open(path, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(names)
                for feat in source.getFeatures(request):
                    writer.writerow([text_of(v) for v in feat.attributes()])
            paths.append(str(path))
        notify(self.iface, tr("{n} operator CSV files written to {folder}.").format(n=len(paths), folder=folder),
               Qgis.MessageLevel.Success)
        return paths
