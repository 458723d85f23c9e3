"""Editor of the cost table (CAPEX, OPEX per year, unit and source of every item), saved in the project."""
from __future__ import annotations

from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.costs import CostItem, CostTable, default_cost_table
from ..errors import describe
from ..i18n import tr
from ..io import cost_store
from .widgets import choose_file

COLUMNS = ("key", "label_id", "capex_idr", "opex_idr_year", "unit", "source")


def column_titles() -> list:
    return [tr("Key"), tr("Item"), tr("CAPEX (Rp)"), tr("OPEX per year (Rp)"), tr("Unit"), tr("Source / note")]


class CostTableDialog(QDialog):
    def __init__(self, parent=None, table: CostTable = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Cost table (Internet Desa Kaltim)"))
        self.setObjectName("costTableDialog")
        self.resize(980, 420)
        layout = QVBoxLayout(self)
        note = QLabel(tr("Amounts in rupiah. The defaults are published figures or stated assumptions (see the "
                         "source of each row). The table is saved in the QGIS project and used by 'Choose "
                         "technology' and 'Candidate sites'."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("costTable")
        self.table.setHorizontalHeaderLabels(column_titles())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.reset_button = QPushButton(tr("Reset to defaults"))
        self.reset_button.clicked.connect(lambda: self.set_table(default_cost_table()))
        self.import_button = QPushButton(tr("Import CSV…"))
        self.import_button.clicked.connect(self.import_csv)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        for b in (self.reset_button, self.import_button, self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.set_table(table or cost_store.current_table())

    def set_table(self, table: CostTable) -> None:
        rows = list(table)
        self.table.setRowCount(len(rows))
        for r, item in enumerate(rows):
            for c, name in enumerate(COLUMNS):
                value = getattr(item, name)
                text = _amount_text(value) if isinstance(value, float) else str(value)
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def cost_table(self) -> CostTable:
        """The edited table. Raises ValueError naming the row and column of a bad value."""
        base = default_cost_table()
        items = []
        for r in range(self.table.rowCount()):
            values = {name: (self.table.item(r, c).text() if self.table.item(r, c) else "")
                      for c, name in enumerate(COLUMNS)}
            label_en = base.get(values["key"]).label_en if base.get(values["key"]) else values["label_id"]
            try:
                items.append(CostItem(values["key"], values["label_id"], label_en, values["capex_idr"].replace(" ", ""),
                                      values["opex_idr_year"].replace(" ", ""), values["unit"], values["source"]))
            except ValueError as exc:
                if getattr(exc, "code", ""):
                    exc.params["row"] = r + 1
                    raise ValueError(describe(exc)) from None
                raise ValueError(tr("Row {row}: {error}").format(row=r + 1, error=exc)) from None
        return CostTable(items)

    def accept(self):
        try:
            table = self.cost_table()
        except ValueError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        cost_store.write_project(table)
        super().accept()

    def import_csv(self):
        path = choose_file(self, tr("Import cost table"), tr("CSV files (*.csv)"))
        if path:
            try:
                self.set_table(CostTable.from_csv(path))
            except (OSError, ValueError) as exc:
                QMessageBox.warning(self, self.windowTitle(), describe(exc))

    def export_csv(self):
        path = choose_file(self, tr("Export cost table"), tr("CSV files (*.csv)"), default="cost_table.csv", save=True)
        if path:
            try:
                self.cost_table().to_csv(path)
            except (OSError, ValueError) as exc:
                QMessageBox.warning(self, self.windowTitle(), str(exc))


def _amount_text(value: float) -> str:
    """An amount as the table shows it: thousands apart by spaces, decimals only when it has them (a cost of 12.5
    read from a CSV showed as 12 and was saved as 12 on OK)."""
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:,.6f}".rstrip("0").replace(",", " ")
