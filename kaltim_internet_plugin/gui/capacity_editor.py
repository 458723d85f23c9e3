"""Installation capacity and BTS lead time on the Plan page: an editable table (year, technology, kab/kota,
provider, installations per year, source) over :mod:`..core.capacity`, with the defaults and their sources."""
from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.capacity import (
    COLUMNS,
    DEFAULT_BTS_LEAD_MONTHS,
    DEFAULT_ROWS,
    LEAD_SOURCE,
    CapacityError,
    CapacityTable,
    limit_text,
    parse_rows,
)
from ..core.funding import TECH_KEYS, normalize_tech
from ..errors import describe
from ..i18n import tr
from ..io.scratch import scratch_folder
from ..labels import label, labels
from .fit import FlowLayout
from .widgets import note_label, popup_when_shown

EDIT_COLUMNS = COLUMNS + ("source",)
TECH_COLUMN = EDIT_COLUMNS.index("tech")


def column_titles() -> list:
    return [tr("Year"), tr("Technology"), tr("Kab/kota"), tr("Provider"), tr("Per year"), tr("Source")]


def all_years() -> str:
    """The Year cell of a row for every year, in the UI's language ("semua"; parse_rows reads "all" and "semua")."""
    return tr("all")


def tech_names() -> dict:
    """Every technology's name in either language (case-folded) -> its key."""
    return {label("tech", key, lang).casefold(): key for lang in ("en", "id") for key in labels("tech")}


def tech_choices() -> list:
    """The Technology drop-down's items: every technology's name in the UI language, in the core's key order (the
    names the table shows). No "every technology" item: a capacity row is for one technology."""
    return [label("tech", key) for key in TECH_KEYS]


def cell_values(cells: dict, names: dict) -> dict:
    """A row of the editor as :func:`..core.capacity.parse_rows` reads it: a technology's name in either language (any
    case; ``names`` from :func:`tech_names`) becomes its key; keys, aliases and anything else pass as typed (an
    unknown one is named in the error)."""
    tech = cells.get("tech", "")
    return {**cells, "tech": names.get(tech.casefold(), tech)}


def in_editor_terms(exc: CapacityError) -> CapacityError:
    """A bad cell said as the editor shows it: its column's title (not the CSV column), the technologies by name,
    the UI's word for every year."""
    params = dict(exc.params)
    titles = dict(zip(EDIT_COLUMNS, column_titles()))
    if "column" in params:  # (a repeated limit names rows, no column)
        params["column"] = titles.get(params["column"], params["column"])
    if exc.code == "capacity_bad_tech":
        params["allowed"] = ", ".join(labels("tech").values())
    if exc.code == "capacity_bad_year":
        params["all"] = all_years()
    if exc.code == "capacity_duplicate_row" and "tech" in params:  # the technology by name, not its key
        params["what"] = limit_text(params["year"], label("tech", params["tech"]), params["kab"], params["provider"],
                                    all_years())
    return CapacityError(exc.code, **params)


def column_tips() -> list:
    return [tr("Year (or all)"),
            tr("Technology: choose it from the drop-down (double-click the cell). A pasted name or key is read "
               "too ({keys}).").format(keys=", ".join(TECH_KEYS)),
            tr("Kab/kota code (empty = all)"), tr("Provider (empty = all)"), tr("Installations per year"),
            tr("Source")]


class TechDelegate(QStyledItemDelegate):
    """The Technology column's editor: a drop-down of the technologies' names (:func:`tech_choices`), open as soon
    as the cell is edited. Choosing one writes its name into the cell; a cell typed or pasted before keeps being
    read by :func:`cell_values`."""

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.setObjectName("capacityTechCombo")
        combo.setEditable(False)
        combo.setAccessibleName(tr("Technology"))
        combo.addItems(tech_choices())
        combo.activated.connect(lambda _row, c=combo: self._commit(c))
        return popup_when_shown(combo)

    def _commit(self, combo) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index):  # noqa: N802
        """The cell's technology selected (its name in either language, a key or an alias); none for an unknown
        word, which stays in the cell until a technology is chosen."""
        text = str(index.data(Qt.ItemDataRole.EditRole) or "").strip()
        key = normalize_tech(cell_values({"tech": text}, tech_names())["tech"])  # as table() reads the cell
        editor.setCurrentIndex(TECH_KEYS.index(key) if key in TECH_KEYS else -1)

    def setModelData(self, editor, model, index):  # noqa: N802
        if editor.currentIndex() >= 0:
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class CapacityEditor(QGroupBox):
    """Editable capacity table and lead time. :meth:`table` returns the parsed table or raises CapacityError
    naming the row and column."""

    def __init__(self, parent=None):
        # a group title cannot wrap: a short one, the whole name in the tooltip (the dock may be 300 px wide)
        super().__init__(tr("Capacity and lead time"), parent)
        self.setObjectName("capacityEditor")
        self.setToolTip(tr("Installation capacity and BTS lead time"))
        layout = QVBoxLayout(self)
        self.grid = QTableWidget(0, len(EDIT_COLUMNS))
        self.grid.setObjectName("capacityTable")
        self.grid.setHorizontalHeaderLabels(column_titles())
        for c, tip in enumerate(column_tips()):
            self.grid.horizontalHeaderItem(c).setToolTip(tip)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setMinimumHeight(140)
        self.tech_delegate = TechDelegate(self.grid)
        self.grid.setItemDelegateForColumn(TECH_COLUMN, self.tech_delegate)
        self.grid.setToolTip(tr("How many installations crews can finish per year: one per village for fibre, FWA, "
                                "radio, satellite and co-location, one per tower for a new BTS. Villages that do "
                                "not fit move to the next year, with the reason."))
        layout.addWidget(self.grid)
        row = FlowLayout()
        self.add_button = QPushButton(tr("Add"))
        self.add_button.clicked.connect(lambda: self._append(("", "", "", "", "", "")))
        self.remove_button = QPushButton(tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.reset_button = QPushButton(tr("Reset to defaults"))
        self.reset_button.clicked.connect(self.reset_defaults)
        self.lead_spin = QSpinBox()
        self.lead_spin.setObjectName("leadTimeSpin")
        self.lead_spin.setRange(0, 60)
        self.lead_spin.setValue(DEFAULT_BTS_LEAD_MONTHS)
        self.lead_spin.setSuffix(tr(" months"))
        self.lead_spin.setToolTip(tr("Months from a new BTS's build year until it serves its villages "
                                     "(LEAD_TIME_MONTHS). Default: {source}").format(source=LEAD_SOURCE))
        for w in (self.add_button, self.remove_button, self.reset_button):
            row.addWidget(w)
        layout.addLayout(row)
        lead_row = QHBoxLayout()
        lead_row.addWidget(QLabel(tr("BTS lead time")))
        lead_row.addWidget(self.lead_spin)
        lead_row.addStretch(1)
        layout.addLayout(lead_row)
        self.message = note_label("capacityMessage")
        layout.addWidget(self.message)
        self.reset_defaults()

    def _append(self, values) -> None:
        r = self.grid.rowCount()
        self.grid.insertRow(r)
        for c, v in enumerate(values):
            self.grid.setItem(r, c, QTableWidgetItem("" if v is None else str(v)))

    def reset_defaults(self) -> None:
        self.grid.setRowCount(0)
        for r in DEFAULT_ROWS:
            self._append((all_years() if r.year is None else r.year, label("tech", r.tech), r.kab_code,
                          r.provider, "" if r.max_installations is None else r.max_installations, r.source))
        self.message.setText("")

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.grid.selectedIndexes()}, reverse=True):
            self.grid.removeRow(r)

    def table(self) -> CapacityTable:
        """The table of the grid's filled rows; a CapacityError naming every bad cell of every row and a repeated
        limit, by the rows and column titles the editor shows (was: the first bad cell; a repeated limit passed
        here and stopped the roadmap, named by the rows of a scratch CSV)."""
        rows = []
        names = tech_names()
        for r in range(self.grid.rowCount()):
            cells = {col: (self.grid.item(r, c).text().strip() if self.grid.item(r, c) else "")
                     for c, col in enumerate(EDIT_COLUMNS)}
            if any(cells[c] for c in COLUMNS):
                rows.append((r + 1, cell_values(cells, names)))
        try:
            return CapacityTable(parse_rows(rows))
        except CapacityError as exc:
            raise CapacityError.of_all([in_editor_terms(e) for e in (exc, *exc.also)]) from None

    def validate(self) -> str:
        """'' when the table is valid, else the message (row and column named), also shown under the table."""
        try:
            self.table()
        except CapacityError as exc:
            text = describe(exc)
            self.message.setText(text)
            return text
        self.message.setText("")
        return ""

    def write_csv(self) -> str:
        """The table as a CSV file for the roadmap algorithm (CAPACITY)."""
        path = Path(scratch_folder("kaltim_capacity_")) / "capacity.csv"
        path.write_text(self.table().to_csv(), encoding="utf-8")
        return str(path)
