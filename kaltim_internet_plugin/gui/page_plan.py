"""Plan page: funding table, multi-year roadmap (as a background task), charts and a year filter for the map.

The funding table is stored in the project (scope ``KaltimInternet``, key ``funding_sources``, JSON) on every edit
and, after a run, in the output GeoPackage as the non-spatial table ``funding_sources``.

Year filter: the slider sets the roadmap layer's *subset string* to ``"year" <= N`` (plus
``OR "fund_status" = 'unfunded'`` while "Show unfunded" is ticked), so the map, the attribute table and
exports all show the roadmap up to year N.
"""
from __future__ import annotations

import os
from pathlib import Path

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.gui import QgsCheckableComboBox, QgsFileWidget
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSlider,
    QStyle,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..compat import LayerFilter
from ..core import formatting as fmt
from ..core import numbers as nb
from ..core.funding import (
    ALL,
    COST_KINDS,
    RULES,
    TECH_KEYS,
    FundingSource,
    default_sources,
    format_idr,
    normalize_tech,
    source_from_cells,
    source_to_cells,
    validate_sources,
)
from ..core.plan_summary import opex_years_of, summarize
from ..core.roadmap import VILLAGE_FIELDS
from ..errors import describe
from ..i18n import tr, ui_lang, user_locale
from ..input_text import funding_read_error_text
from ..io import funding_store
from ..io.gpkg_tables import drop_tables, foreign_tables, table_destination, table_name_problem, tables_of
from ..io.scratch import scratch_folder
from ..io.styles_plan import color_for, style_plan_by_year
from ..labels import funding_color, label_list
from .capacity_editor import CapacityEditor
from .charts import BarChart
from .fit import scroll_body
from .messages import notify
from .tasks import TaskRunner, failure_text
from .widgets import (
    add_rows,
    button,
    button_row,
    choose_file,
    disconnect,
    layer_combo,
    note_label,
    popup_when_shown,
    spin_box,
)
from .workflow import alive, workflow_of

ALG_ID = "kaltiminternet:roadmap"
# output parameter -> table name in the output GeoPackage (the plan GeoPackage layout of DEVELOPING.md)
OUTPUT_TABLES = (("OUTPUT", "villages"), ("OUTPUT_TABLE", "roadmap_year_source"),
                 ("OUTPUT_TRAINING", "training_plan"), ("OUTPUT_OPERATORS", "operator_packages"),
                 ("OUTPUT_SHARING", "tower_sharing"), ("OUTPUT_MIGRATIONS", "migrations"))

COLUMNS = ("name", "label", "kinds", "techs", "capex_techs", "opex_techs", "yearly_cap_idr", "per_village_cap_idr",
           "rules", "recurring", "order", "note")
COL = {c: i for i, c in enumerate(COLUMNS)}
# the list columns (codes separated by ';' in the cell) -> the label table (labels.py) their codes are named in
LIST_COLUMNS = {"kinds": "funding_kind", "techs": "tech", "capex_techs": "tech", "opex_techs": "tech",
                "rules": "rule"}


def column_titles() -> dict:
    return {"name": tr("Name (key)"), "label": tr("Label"), "kinds": tr("Pays"),
            "techs": tr("Technologies"), "capex_techs": tr("CAPEX only for"), "opex_techs": tr("OPEX only for"),
            "yearly_cap_idr": tr("Yearly cap (Rp)"), "per_village_cap_idr": tr("Per-village cap (Rp/yr)"),
            "rules": tr("Rules"), "recurring": tr("Recurring"), "order": tr("Order"), "note": tr("Note")}


def column_tips() -> dict:
    return {
        "name": tr("Short key (letters, digits, _ . -), unique; used in the funding_capex/funding_opex fields."),
        "kinds": tr("What the source pays: tick Investment (CAPEX) and/or Operation (OPEX) in the drop-down "
                    "(double-click the cell). Pasted keys are read too: capex, opex or capex;opex."),
        "techs": tr("The technologies the source pays for: tick them in the drop-down (double-click the cell), or "
                    "'all' for every technology. Pasted keys separated by ';' are read too: all, {keys}.").format(
            keys=", ".join(TECH_KEYS)),
        "capex_techs": tr("Optional narrower list for CAPEX: tick the technologies in the drop-down (double-click "
                          "the cell); nothing ticked = same as Technologies. Pasted keys separated by ';' are read "
                          "too."),
        "opex_techs": tr("Optional narrower list for OPEX: tick the technologies in the drop-down (double-click "
                         "the cell); nothing ticked = same as Technologies. Pasted keys separated by ';' are read "
                         "too."),
        "yearly_cap_idr": tr("The most the source pays in one year, CAPEX and OPEX together (per kabupaten/kota "
                             "with the per_kab rule)."),
        "per_village_cap_idr": tr("Optional: the most it pays for one village in one year (empty = no limit)."),
        "rules": tr("Eligibility rules, ticked in the drop-down (double-click the cell): 3t (3T villages only), "
                    "plot (a 20×20 m plot is confirmed), desa (not kelurahan), per_kab (the yearly cap applies to "
                    "each kabupaten/kota), operator (operators' commercial money: sustainability is also shown "
                    "without it). Pasted keys separated by ';' are read too."),
        "recurring": tr("Money that continues after the programme; used for the sustainability figure."),
        "order": tr("Spending order: lower first. The roadmap spends the most specific money first."),
    }


class _CellDelegate(QStyledItemDelegate):
    """Shows a funding-table cell for people (labels instead of codes, grouped amounts) while the cell keeps the
    codes/digits it is edited and read with."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind

    def displayText(self, value, locale):  # noqa: N802
        text = "" if value is None else str(value)
        if not text.strip():
            return text
        if self.kind == "money":
            try:
                return fmt.integer(float(text.replace("_", "").replace(",", "").replace(" ", "")), ui_lang())
            except ValueError:
                return text
        return label_list(self.kind, text)


def list_choices(column: str) -> list:
    """The codes a list column's drop-down offers, in the core's order (core.funding: COST_KINDS, TECH_KEYS, RULES);
    Technologies also offers 'all', every technology."""
    if column == "kinds":
        return list(COST_KINDS)
    if column == "rules":
        return [key for key, _flag in RULES]
    return ([ALL] if column == "techs" else []) + list(TECH_KEYS)


def cell_codes(column: str, text: str) -> list:
    """The codes of a list cell as the page reads it (:func:`..core.funding.source_from_cells`): ``["all"]`` for
    'all', else the cell's codes in its order, lower-cased kinds and rules, a technology's alias as its key. A code
    the core does not know is kept as the core reads it (the validation names it)."""
    source, problems = source_from_cells({column: text}, 1)
    if column == "rules":
        codes = [key for key, flag in RULES if getattr(source, flag)]
        # the rules the core does not know, as its CellError lists them (a code never holds ',': it splits there)
        codes += [code for p in problems if p.code == "funding_unknown_rules" for code in p.params["rules"].split(", ")]
    else:
        value = getattr(source, column)
        if value is None:
            codes = []
        elif value == ALL:
            codes = [ALL]
        elif column == "kinds":
            codes = list(value)
        else:
            codes = [normalize_tech(t) if normalize_tech(t) in TECH_KEYS else t for t in value]
    return list(dict.fromkeys(codes))


class ListEditor(QgsCheckableComboBox):
    """The editor of a list cell: the column's choices by name in the UI language, the cell's codes ticked; a code
    the cell holds that is not a choice is listed too, ticked, so closing without a change keeps it. 'all' is
    exclusive: ticking it unticks the rest, ticking anything else unticks it. :meth:`cell_text` is the cell's text in
    codes, as typed before ("capex;opex", "fibre;fwa", "all", "")."""

    def __init__(self, column: str, parent=None):
        super().__init__(parent)
        self.column = column
        self.initial: list = []
        self._updating = False
        self.setObjectName("fundingListCombo")
        self.setAccessibleName(column_titles()[column])
        self.setSeparator("; ")  # as the cell shows the names (_CellDelegate)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # Enter in its (read-only) line adds no item
        self.setDefaultText(tr("same as Technologies") if column in ("capex_techs", "opex_techs") else tr("none"))
        self.model().itemChanged.connect(self._item_changed)

    def item_name(self, code: str) -> str:
        """A code's name as the cell shows it (label_list: 'all' as the UI's word); an unknown code marked."""
        if code == ALL or code in list_choices(self.column):
            return label_list(LIST_COLUMNS[self.column], code)
        return tr("{code} (unknown)").format(code=code)

    def set_codes(self, codes: list) -> None:
        self._updating = True
        try:
            self.clear()
            choices = list_choices(self.column)
            for code in choices + [c for c in codes if c not in choices]:
                state = Qt.CheckState.Checked if code in codes else Qt.CheckState.Unchecked
                self.addItemWithCheckState(self.item_name(code), state, code)
        finally:
            self._updating = False
        self.initial = self.codes()
        # the popup as wide as its longest name (the column may be narrower): the names are not cut
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth()
                             + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))

    def codes(self) -> list:
        """The ticked codes, in the drop-down's order."""
        return [str(code) for code in self.checkedItemsData()]

    def cell_text(self) -> str:
        return ";".join(self.codes())

    def _item_changed(self, item) -> None:
        if self._updating or item.checkState() != Qt.CheckState.Checked:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        self._updating = True
        try:
            for i in range(self.count()):
                other = self.itemData(i, Qt.ItemDataRole.UserRole)
                if other != code and ALL in (code, other):
                    self.setItemCheckState(i, Qt.CheckState.Unchecked)
        finally:
            self._updating = False


class _ListDelegate(_CellDelegate):
    """A list column: shown by names (:class:`_CellDelegate`), edited in a :class:`ListEditor` (double-click, F2)
    whose drop-down opens at once; the cell keeps the codes, which the page reads as before. A text typed or pasted
    into the cell is read as before, and is left as it was when the editor closes without a change."""

    def __init__(self, column: str, parent=None):
        super().__init__(LIST_COLUMNS[column], parent)
        self.column = column

    def createEditor(self, parent, option, index):  # noqa: N802
        return popup_when_shown(ListEditor(self.column, parent))

    def setEditorData(self, editor, index):  # noqa: N802
        editor.set_codes(cell_codes(self.column, str(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor, model, index):  # noqa: N802
        if editor.codes() != editor.initial:
            model.setData(index, editor.cell_text(), Qt.ItemDataRole.EditRole)


class PlanPage(QWidget):
    """Funding sources, roadmap run, charts and the year slider."""

    roadmapFinished = pyqtSignal(dict)
    fundingChanged = pyqtSignal()

    def __init__(self, iface, dock=None):
        super().__init__(dock)
        self.iface = iface
        self.dock = dock
        self.workflow = workflow_of(dock)
        self.layer_ids: dict = {}
        self.last_results: dict = {}
        self.table_rows: list = []
        self._loading = False
        self._years = []

        layout = scroll_body(self)

        # plan layer and parameters ----------------------------------------------------------------------------
        box = QGroupBox(tr("Roadmap"))
        form = QFormLayout(box)
        self.plan_combo = layer_combo("planLayerCombo", LayerFilter.PolygonLayer, LayerFilter.PointLayer, tip=tr(
            "Village plan layer from 'Choose technology' (fields tech, capex_idr, opex_idr_year, priority_rank)."))
        form.addRow(tr("Plan layer"), self.plan_combo)
        self.towers_combo = layer_combo("towersLayerCombo", LayerFilter.PointLayer, tip=tr(
            "Optional: existing towers with an operator field, for the tower sharing list (planned BTS near another "
            "operator's tower)."))
        self.towers_combo.setLayer(None)
        form.addRow(tr("Existing towers"), self.towers_combo)
        self.start_spin = spin_box("startYearSpin", 2000, 2100, 2026, tip=tr(
            "First budget year of the roadmap (START_YEAR)."))
        self.years_spin = spin_box("yearsSpin", 1, 30, 5, tip=tr(
            "Number of years in the roadmap (YEARS). Villages that cannot be funded within these years are marked "
            "unfunded."))
        self.cadre_spin = spin_box("cadreSpin", 0, 20, 2, tip=tr(
            "Trained digital cadres wanted per connected village (CADRE_TARGET)."))
        add_rows(form, (tr("Start year"), self.start_spin), (tr("Years"), self.years_spin),
                       (tr("Cadres/village"), self.cadre_spin))
        self.output_widget = QgsFileWidget()
        self.output_widget.setObjectName("outputGpkg")
        self.output_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.output_widget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.output_widget.setToolTip(tr("GeoPackage for the roadmap outputs (tables villages, roadmap_year_source, "
                                         "training_plan, operator_packages, tower_sharing, funding_sources). "
                                         "Empty: a temporary file."))
        form.addRow(tr("Save to"), self.output_widget)
        layout.addWidget(box)

        # funding table ---------------------------------------------------------------------------------------
        fbox = QGroupBox(tr("Funding sources (sumber dana)"))
        fl = QVBoxLayout(fbox)
        self.funding_table = QTableWidget(0, len(COLUMNS))
        self.funding_table.setObjectName("fundingTable")
        titles, tips = column_titles(), column_tips()
        self.funding_table.setHorizontalHeaderLabels([titles[c] for c in COLUMNS])
        for c in COLUMNS:
            if c in tips:
                self.funding_table.horizontalHeaderItem(COL[c]).setToolTip(tips[c])
        self.funding_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.funding_table.setMinimumHeight(170)
        self._delegates = []
        for col in COLUMNS:
            if col in LIST_COLUMNS:
                delegate = _ListDelegate(col, self.funding_table)
            elif col in ("yearly_cap_idr", "per_village_cap_idr"):
                delegate = _CellDelegate("money", self.funding_table)
            else:
                continue
            self._delegates.append(delegate)
            self.funding_table.setItemDelegateForColumn(COL[col], delegate)
        self.funding_table.cellChanged.connect(self._cell_changed)
        fl.addWidget(self.funding_table)
        self.add_row_button = QPushButton(tr("Add"))
        self.add_row_button.setToolTip(tr("Add a funding source"))
        self.add_row_button.clicked.connect(self.add_row)
        self.remove_row_button = QPushButton(tr("Remove"))
        self.remove_row_button.setToolTip(tr("Remove the selected funding sources"))
        self.remove_row_button.clicked.connect(self.remove_selected_rows)
        self.load_csv_button = QPushButton(tr("Load CSV…"))
        self.load_csv_button.clicked.connect(lambda: self.load_csv())
        self.save_csv_button = QPushButton(tr("Save CSV…"))
        self.save_csv_button.clicked.connect(lambda: self.save_csv())
        self.reset_button = QPushButton(tr("Reset to defaults"))
        self.reset_button.setToolTip(tr("Replace the table with the default planning assumptions (see the notes)."))
        self.reset_button.clicked.connect(self.reset_defaults)
        self.validate_button = QPushButton(tr("Validate"))
        self.validate_button.clicked.connect(self.validate)
        brow = button_row(self.add_row_button, self.remove_row_button, self.load_csv_button, self.save_csv_button,
                          self.reset_button, self.validate_button)
        fl.addLayout(brow)
        self.funding_messages = note_label("fundingMessages")
        fl.addWidget(self.funding_messages)
        layout.addWidget(fbox)

        # capacity and lead time --------------------------------------------------------------------------------
        self.capacity_editor = CapacityEditor(self)
        layout.addWidget(self.capacity_editor)

        # run -------------------------------------------------------------------------------------------------
        self.run_button = button("runRoadmapButton", tr("Run roadmap"), self.run_roadmap, tip=tr(
            "Runs the Processing algorithm 'Build multi-year roadmap' in the background and adds the results to the "
            "map."))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        # the dock's one task runner: progress, busy buttons, cancel, a failure in the message bar
        self.runner = TaskRunner(iface, progress=self.progress)
        self.cancel_button = self.runner.cancel_button("cancelRoadmapButton", self.run_button)
        # the buttons wrap and the progress bar has its own row, as on the coverage page: Batal stays in a narrow dock
        layout.addLayout(button_row(self.run_button, self.cancel_button))
        layout.addWidget(self.progress)
        self.summary_label = note_label("summaryLabel")
        layout.addWidget(self.summary_label)

        # year filter --------------------------------------------------------------------------------------------
        srow = QHBoxLayout()
        self.year_slider = QSlider(Qt.Orientation.Horizontal)
        self.year_slider.setObjectName("yearSlider")
        self.year_slider.setEnabled(False)
        self.year_slider.setToolTip(tr("Show the roadmap up to this year on the map (filters the roadmap layer)."))
        self.year_slider.valueChanged.connect(self.apply_year_filter)
        self.year_label = QLabel("")
        self.show_unfunded = QCheckBox(tr("Show unfunded"))
        self.show_unfunded.setChecked(True)
        self.show_unfunded.toggled.connect(lambda _c: self.apply_year_filter(self.year_slider.value()))
        srow.addWidget(QLabel(tr("Map up to year")))
        srow.addWidget(self.year_slider, 1)
        srow.addWidget(self.year_label)
        layout.addLayout(srow)
        layout.addWidget(self.show_unfunded)

        # charts -----------------------------------------------------------------------------------------------
        self.budget_chart = BarChart(tr("Budget by year and source (Rp)"), stacked=True)
        self.budget_chart.setObjectName("budgetChart")
        self.budget_chart.empty_text = tr("Run the roadmap to see the budget by year.")
        layout.addWidget(self.budget_chart)
        crow = QVBoxLayout()  # one under the other: side by side they are too narrow to read in a dock
        self.villages_chart = BarChart(tr("Villages connected by year"), stacked=True)
        self.villages_chart.setObjectName("villagesChart")
        self.villages_chart.show_legend = False
        self.people_chart = BarChart(tr("People connected by year"), stacked=True)
        self.people_chart.setObjectName("peopleChart")
        self.people_chart.show_legend = False
        crow.addWidget(self.villages_chart)
        crow.addWidget(self.people_chart)
        layout.addLayout(crow)

        # placeholder for "Export deployment plan" (added by another page owner)
        self.export_area = QVBoxLayout()
        self.export_area.setObjectName("exportArea")
        layout.addLayout(self.export_area)
        layout.addStretch(1)

        self.restore_from_project()
        QgsProject.instance().readProject.connect(self.restore_from_project)
        QgsProject.instance().cleared.connect(self._project_cleared)
        if self.plan_combo.currentLayer() is None and alive(self.workflow.latest("technology")):
            self._result_published("technology", self.workflow.latest("technology"))
        self.workflow.published.connect(self._result_published)

    # ---- language ---------------------------------------------------------------------------------------------
    @staticmethod
    def _lang() -> str:
        return "id" if user_locale() == "id" else "en"

    # ---- funding table <-> widgets ---------------------------------------------------------------------------
    def set_sources(self, sources) -> None:
        self._loading = True
        try:
            t = self.funding_table
            t.setRowCount(0)
            for s in sources:
                self._append_row(s)
        finally:
            self._loading = False

    def _append_row(self, s: FundingSource) -> None:
        t = self.funding_table
        r = t.rowCount()
        t.insertRow(r)
        values = source_to_cells(s)
        for c, v in values.items():
            if c == "recurring":
                continue
            item = QTableWidgetItem(str(v or ""))
            if c == "note":
                item.setToolTip(str(v or ""))
            if c in ("yearly_cap_idr", "per_village_cap_idr") and v:
                item.setToolTip(format_idr(float(v), self._lang()))
            t.setItem(r, COL[c], item)
        rec = QTableWidgetItem("")
        rec.setFlags((rec.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable)
        rec.setCheckState(Qt.CheckState.Checked if values["recurring"] else Qt.CheckState.Unchecked)
        t.setItem(r, COL["recurring"], rec)

    def _text(self, row: int, col: str) -> str:
        item = self.funding_table.item(row, COL[col])
        return item.text().strip() if item is not None else ""

    def read_table(self) -> tuple:
        """``(sources, problems)`` from the widget (core.funding reads the texts); problems are texts for cells
        that cannot be read."""
        sources, problems = [], []
        titles = column_titles()
        for r in range(self.funding_table.rowCount()):
            cells = {c: self._text(r, c) for c in COLUMNS if c != "recurring"}
            rec = self.funding_table.item(r, COL["recurring"])
            cells["recurring"] = rec is not None and rec.checkState() == Qt.CheckState.Checked
            source, cell_problems = source_from_cells(cells, r + 1)
            sources.append(source)
            for p in cell_problems:
                p.params["column"] = titles.get(p.params["column"], p.params["column"])
                problems.append(describe(p))
        return sources, problems

    def sources(self) -> list:
        return self.read_table()[0]

    def validate(self) -> list:
        """Show every problem of the table; returns the messages (empty = valid)."""
        sources, problems = self.read_table()
        lang = self._lang()
        messages = list(problems) + [i.message_id if lang == "id" else i.message_en
                                     for i in validate_sources(sources)]
        if not sources:
            messages.append(tr("The funding table is empty: add at least one source (or Reset to defaults)."))
        if messages:
            self.funding_messages.setText("\n".join(f"• {m}" for m in messages))
            self.funding_messages.setStyleSheet("color: #b2182b;")
        else:
            total = sum(float(s.yearly_cap_idr or 0) for s in sources if not s.cap_per_kab)
            self.funding_messages.setText(tr("Funding table OK: {n} sources, {total} per year (without "
                                             "per-kabupaten caps).").format(n=len(sources),
                                                                            total=format_idr(total, lang)))
            self.funding_messages.setStyleSheet("color: #1b7837;")
        return messages

    def _cell_changed(self, row, col):
        if self._loading:
            return
        if col in (COL["yearly_cap_idr"], COL["per_village_cap_idr"]):
            item = self.funding_table.item(row, col)
            if item is not None:
                try:
                    self._loading = True
                    item.setToolTip(format_idr(nb.parse_number(item.text(), nb.CAP), self._lang()))
                except (nb.NumberError, TypeError):
                    item.setToolTip("")
                finally:
                    self._loading = False
        self.save_to_project()

    def save_to_project(self) -> None:
        sources, _problems = self.read_table()
        funding_store.write_project(sources)
        self.validate()
        self.fundingChanged.emit()

    def restore_from_project(self) -> None:
        self.set_sources(funding_store.project_or_default())
        self.validate()

    def _project_cleared(self):
        self.layer_ids = {}
        self.set_sources(default_sources())
        self.validate()

    def add_row(self) -> None:
        n = self.funding_table.rowCount() + 1
        names = {self._text(r, "name") for r in range(self.funding_table.rowCount())}
        name = f"source_{n}"
        while name in names:
            n += 1
            name = f"source_{n}"
        self._loading = True
        try:
            self._append_row(FundingSource(name=name, label=tr("New source"), yearly_cap_idr=0))
        finally:
            self._loading = False
        self.save_to_project()

    def remove_selected_rows(self) -> None:
        rows = sorted({i.row() for i in self.funding_table.selectedIndexes()}, reverse=True)
        if not rows and self.funding_table.currentRow() >= 0:
            rows = [self.funding_table.currentRow()]
        self._loading = True
        try:
            for r in rows:
                self.funding_table.removeRow(r)
        finally:
            self._loading = False
        self.save_to_project()

    def reset_defaults(self) -> None:
        self.set_sources(default_sources())
        self.save_to_project()

    def load_csv(self, path: str = "") -> bool:
        path = path or choose_file(self, tr("Load funding table"), tr("Funding tables (*.csv *.json *.gpkg)"))
        if not path:
            return False
        try:
            sources = funding_store.read_file(path)
        except (OSError, ValueError) as e:  # (FundingTableError is a ValueError)
            notify(self.iface, funding_read_error_text(path, e), Qgis.MessageLevel.Critical)
            return False
        self.set_sources(sources)
        self.save_to_project()
        return True

    def save_csv(self, path: str = "") -> bool:
        path = path or choose_file(self, tr("Save funding table"), tr("CSV (*.csv);;JSON (*.json)"),
                                   default="funding_sources.csv", save=True)
        if not path:
            return False
        try:
            funding_store.write_file(path, self.sources())
        except OSError as e:
            notify(self.iface, tr("Cannot write {path}: {error}").format(path=path, error=str(e)),
                   Qgis.MessageLevel.Critical)
            return False
        notify(self.iface, tr("Funding table saved to {path}").format(path=path), Qgis.MessageLevel.Success)
        return True

    # ---- run ----------------------------------------------------------------------------------------------------
    def plan_layer(self):
        return self.plan_combo.currentLayer()

    def _output_path(self, plan) -> str:
        path = self.output_widget.filePath().strip()
        if not path:
            path = str(Path(scratch_folder("kaltim_roadmap_")) / "plan_roadmap.gpkg")
        elif not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return path

    @staticmethod
    def _our_tables() -> set:
        return {t for _, t in OUTPUT_TABLES} | {funding_store.TABLE_NAME}

    def _existing_tables(self, path: str) -> list:
        return [n for n in tables_of(path) if n in self._our_tables()]

    def _drop_previous(self, path: str, written=()) -> None:
        """After a successful run into ``path``: remove this page's previous roadmap layers from the project (and
        any layer of our tables in ``path``), and drop the tables of ours in ``path`` that this run did not write
        (``written``: its table names; a tower sharing list of an earlier run with towers, say). The run itself
        replaced the tables it wrote, all at once at its end (the algorithm's output guard), so a cancelled or
        failed run leaves the previous roadmap as it was: file, tables and layers (issue of session 37)."""
        project = QgsProject.instance()
        ids = list(self.layer_ids.values())
        norm = os.path.normcase(os.path.abspath(path))
        ours = self._our_tables()
        for layer in project.mapLayers().values():
            parts = layer.source().split("|")
            table = next((p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")), "")
            if os.path.normcase(os.path.abspath(parts[0])) == norm and table in ours:
                ids.append(layer.id())
        for lid in set(ids):
            if project.mapLayer(lid) is not None:
                project.removeMapLayer(lid)
        self.layer_ids = {}
        stale = [t for t in self._existing_tables(path) if t not in set(written) | {funding_store.TABLE_NAME}]
        if stale and os.path.exists(path):
            drop_tables(path, stale)

    @staticmethod
    def _claim_tables(path: str, tables: list) -> None:
        """Mark our tables of an earlier roadmap in ``path`` (the user agreed to replace them) as the roadmap's
        (``gpkg_contents.description``, as the tools mark the tables they write), so the run may replace them at its
        end: a roadmap written before the tools marked their tables has them unmarked, and the output guard
        replaces only a table its tool wrote. Only an empty description is set; nothing else of the file changes."""
        import sqlite3

        mark = f"Internet Desa Kaltim: {ALG_ID}"  # output_guard.table_mark of the roadmap algorithm
        outputs = [t for t in tables if t in dict(OUTPUT_TABLES).values()]
        if not outputs or not os.path.isfile(path):
            return
        try:
            con = sqlite3.connect(path, timeout=1.0)  # a locked file: the run's output guard says so
            try:
                with con:
                    for table in outputs:
                        con.execute("UPDATE gpkg_contents SET description = ? WHERE lower(table_name) = lower(?) "
                                    "AND (description IS NULL OR description = '')", (mark, table))
            finally:
                con.close()
        except sqlite3.Error:
            pass  # the run's output guard then says what is wrong, before any work

    def run_roadmap(self):
        plan = self.plan_layer()
        if not isinstance(plan, QgsVectorLayer):
            return self._refuse(tr("Choose the plan layer first (villages with a chosen technology)."))
        if self.runner.running:
            notify(self.iface, tr("The roadmap is already running."), Qgis.MessageLevel.Warning)
            return None
        messages = self.validate()
        sources, _ = self.read_table()
        if messages and validate_sources(sources):
            return self._refuse(tr("Fix the funding table first; see the messages under the table."))
        capacity_problem = self.capacity_editor.validate()
        if capacity_problem:
            return self._refuse(capacity_problem)
        out = self._output_path(plan)
        plan_file = os.path.normcase(os.path.abspath(plan.source().split("|")[0]))
        if os.path.normcase(os.path.abspath(out)) == plan_file:
            return self._refuse(tr("Save the roadmap to another GeoPackage than the plan layer's own file."))
        problem = table_name_problem(out) or self._foreign_villages(out)
        if problem:
            return self._refuse(problem)
        existing = self._existing_tables(out)
        if existing and out != getattr(self, "_out_path", None) and not self._confirm_replace(out, existing):
            return None
        # the previous roadmap in ``out`` stays as it is until this run has succeeded (see _finished)
        self._claim_tables(out, existing)
        funding_file = str(Path(scratch_folder("kaltim_funding_")) / "funding_sources.json")
        funding_store.write_file(funding_file, sources)
        params = {"PLAN": plan.id(), "START_YEAR": self.start_spin.value(), "YEARS": self.years_spin.value(),
                  "FUNDING": funding_file, "CADRE_TARGET": self.cadre_spin.value(),
                  "CAPACITY": self.capacity_editor.write_csv(),
                  "LEAD_TIME_MONTHS": self.capacity_editor.lead_spin.value()}
        for key, table in OUTPUT_TABLES:
            if key != "OUTPUT_SHARING" or self.towers_combo.currentLayer() is not None:
                params[key] = table_destination(out, table, geometry=key == "OUTPUT")
        towers = self.towers_combo.currentLayer()
        if towers is not None:
            params["TOWERS"] = towers.id()
            planned = self.workflow.latest("plan_sites")  # the tower sharing measured from each planned tower
            if isinstance(planned, QgsVectorLayer) and alive(planned):
                params["PLANNED_SITES"] = planned.id()
        self._run_out = out  # the page's roadmap file (_out_path) once the run has succeeded
        self._run_tables = [table for key, table in OUTPUT_TABLES if key in params]
        self._run_years = (self.start_spin.value(), self.years_spin.value())
        self.summary_label.setText(tr("Building the roadmap…"))
        return self.runner.run(ALG_ID, params, self._finished, tr("Building the roadmap"))

    def _refuse(self, text: str, level=Qgis.MessageLevel.Warning):
        """A run refused before it starts: said in the message bar and under the buttons (not the last run's
        text)."""
        self.summary_label.setText(text)
        notify(self.iface, text, level)
        return None

    @staticmethod
    def _foreign_villages(path: str) -> str:
        """Why the roadmap must not be saved to ``path``: it holds a 'villages' table that is not a roadmap's (the
        user's own villages, say), which the roadmap's village table would replace; "" when it does not."""
        table = dict(OUTPUT_TABLES)["OUTPUT"]
        # the roadmap's first fields (every version of the plugin wrote them): a roadmap of an older version is ours
        if not foreign_tables(path, {table: VILLAGE_FIELDS[:4]}):
            return ""
        return tr("{path} holds a table '{table}' that is not a roadmap's (it lacks the roadmap's fields, such as "
                  "fund_status and year): the roadmap saves its villages under that name and would replace it. "
                  "Save the roadmap to another GeoPackage; your table is left as it is.").format(
            path=path, table=table)

    def _confirm_replace(self, path: str, tables: list) -> bool:
        answer = QMessageBox.question(
            self, tr("Replace roadmap tables?"),
            tr("{path} already holds the tables {tables}. Replace them with the new roadmap?").format(
                path=path, tables=", ".join(tables)), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def cancel(self):
        self.runner.cancel()

    def _finished(self, ok, results, feedback):
        if not ok:  # a failure is in the message bar already (TaskRunner); a cancel is said here
            self.progress.setValue(0)
            log = feedback.textLog() if feedback is not None else ""
            canceled = feedback is not None and feedback.isCanceled()
            text = tr("The roadmap was cancelled.") if canceled else tr("The roadmap failed: {log}").format(
                log=failure_text(feedback))
            self.summary_label.setText(text)
            if canceled:
                notify(self.iface, text, Qgis.MessageLevel.Warning)
            self.roadmapFinished.emit({"ok": False, "canceled": canceled, "log": log})
            return
        self.progress.setValue(100)
        results = dict(results)
        self._out_path = self._run_out
        try:
            self._drop_previous(self._out_path, getattr(self, "_run_tables", ()))
        except OSError as e:
            notify(self.iface, tr("Cannot write {path}: {error}").format(path=self._out_path, error=str(e)),
                   Qgis.MessageLevel.Warning)
        try:
            funding_store.write_gpkg(self._out_path, self.sources())
        except OSError as e:
            notify(self.iface, tr("Cannot write {path}: {error}").format(path=self._out_path, error=str(e)),
                   Qgis.MessageLevel.Warning)
        self.add_layers(self._out_path, *self._run_years)
        self.update_charts()
        self.show_summary(results)
        self.last_results = results
        results["ok"] = True
        results["layers"] = dict(self.layer_ids)
        results["gpkg"] = self._out_path
        self.workflow.publish("plan_gpkg", self._out_path)  # the Monitoring page's plan GeoPackage
        villages = QgsProject.instance().mapLayer(self.layer_ids.get("villages", ""))
        if villages is not None:
            self.workflow.publish("plan_villages", villages)
        self.roadmapFinished.emit(results)

    def add_layers(self, path: str, start: int, years: int) -> dict:
        project = QgsProject.instance()
        end = start + years - 1
        from .workflow import Workflow

        # one group per run ("Internet Desa Kaltim — Roadmap 2026–2030 hh:mm:ss"), the earlier runs hidden
        group = Workflow.run_group("roadmap", tr("Roadmap {start}–{end}").format(start=start, end=end))
        names = {"villages": tr("Roadmap villages {start}–{end}").format(start=start, end=end),
                 "roadmap_year_source": tr("Budget by year and source"), "training_plan": tr("Training plan"),
                 "operator_packages": tr("Operator packages"), "tower_sharing": tr("Tower sharing candidates"),
                 "migrations": tr("Satellite to fibre migrations"), "funding_sources": tr("Funding sources")}
        from osgeo import ogr

        ds = ogr.Open(path, 0)
        present = {ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())} if ds is not None else set()
        ds = None
        self.layer_ids = {}
        for table, label in names.items():
            if table not in present:
                continue
            layer = QgsVectorLayer(f"{path}|layername={table}", label, "ogr")
            if not layer.isValid():
                continue
            if table == "villages":
                style_plan_by_year(layer, range(start, end + 1))
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            self.layer_ids[table] = layer.id()
        self._years = list(range(start, end + 1))
        self.year_slider.blockSignals(True)
        self.year_slider.setRange(start, end)
        self.year_slider.setValue(end)
        self.year_slider.blockSignals(False)
        self.year_slider.setEnabled("villages" in self.layer_ids)
        self.apply_year_filter(end)
        return dict(self.layer_ids)

    def roadmap_layer(self):
        return self._layer("villages")

    def year_filter_expression(self, year: int) -> str:
        expr = f'"year" <= {int(year)}'
        if self.show_unfunded.isChecked():
            expr = f"{expr} OR \"fund_status\" <> 'scheduled'"  # unfunded or over installation capacity
        operator_filter = getattr(self, "operator_filter", "")
        if operator_filter:
            expr = f"({expr}) AND ({operator_filter})"
        return expr

    def apply_year_filter(self, year: int) -> str:
        layer = self.roadmap_layer()
        self.year_label.setText(str(year) if self._years else "")
        if layer is None:
            return ""
        expr = self.year_filter_expression(year)
        layer.setSubsetString(expr)
        layer.triggerRepaint()
        return expr

    # ---- charts and summary -----------------------------------------------------------------------------------
    def update_charts(self) -> None:
        lid = self.layer_ids.get("roadmap_year_source")
        layer = QgsProject.instance().mapLayer(lid) if lid else None
        if layer is None:
            self.budget_chart.clear()
            self.villages_chart.clear()
            self.people_chart.clear()
            return
        years = list(self._years)
        by_source: dict = {}
        labels: dict = {}
        villages = {y: 0 for y in years}
        people = {y: 0 for y in years}
        for f in layer.getFeatures():
            y = int(f["year"])
            src = f["source"]
            labels[src] = f["label"] or src
            by_source.setdefault(src, {yy: 0.0 for yy in years})
            by_source[src][y] = by_source[src].get(y, 0.0) + float(f["total_idr"] or 0)
            villages[y] = villages.get(y, 0) + int(f["villages_connected"] or 0)
            people[y] = people.get(y, 0) + int(f["people_connected"] or 0)
        cats = [str(y) for y in years]
        self.budget_chart.set_data(cats, [(labels[s], [vals.get(y, 0) for y in years], funding_color(s))
                                          for s, vals in by_source.items()])  # the report's colours too
        colors = [color_for(y, years) for y in years]  # the same colours as the map
        self.villages_chart.set_data(cats, [(tr("Villages"), [villages[y] for y in years], None)], colors)
        self.people_chart.set_data(cats, [(tr("People"), [people[y] for y in years], None)], colors)

    def show_summary(self, r: dict) -> None:
        """The plan's figures from the one plan summary (core.plan_summary) of the roadmap layer, as the reports."""
        lang = self._lang()
        sus = r.get("SUSTAINABILITY")
        sus_txt = "–" if sus is None else f"{100 * float(sus):.0f}%"
        rows = self._all_rows(self.roadmap_layer())
        table = self._all_rows(self._layer("roadmap_year_source"))
        start, years = getattr(self, "_run_years", (self.start_spin.value(), self.years_spin.value()))
        # with the roadmap's year x source table, as the reports: its OPEX years, the migrations' money per year
        s = summarize(rows, start, start + years - 1, opex_years_of(table), roadmap_table=table or None)
        t = s.total
        self.plan_summary = s
        self.summary_label.setText(tr(
            "Planned: {planned} villages ({desa} desa, {kel} kelurahan): {new} new coverage, {office} office "
            "connections. Scheduled {s} ({p} people in connected villages, {pn} newly covered), {u} unfunded, {c} "
            "over installation capacity; connected today {ct}, of which service not funded {su}. CAPEX {capex} "
            "(villages {vcapex}, satellite-to-fibre migrations {mcapex}); OPEX in the roadmap {opex}; OPEX still "
            "running after {end}: {after} a year. OPEX after year 1 from recurring sources: {sus}. Training: {tn} "
            "cadres, {tc}.").format(
            planned=t.planned, desa=t.planned_desa, kel=t.planned_kelurahan, new=t.new_coverage,
            office=t.office_connection, s=t.scheduled, p=fmt.integer(t.people_connected, lang),
            pn=fmt.integer(t.people_newly_covered, lang), u=t.unfunded, c=t.over_capacity, ct=t.connected_today,
            su=t.service_unfunded, capex=format_idr(s.capex_total_idr, lang),
            vcapex=format_idr(t.capex_scheduled_idr, lang), mcapex=format_idr(s.migration_capex_total_idr, lang),
            opex=format_idr(s.opex_total_idr, lang), end=s.end_year,
            after=format_idr(s.opex_after_horizon_idr_year, lang), sus=sus_txt, tn=int(r.get("TRAINEES") or 0),
            tc=format_idr(r.get("TRAINING_COST") or 0, lang)))

    def _layer(self, table: str):
        lid = self.layer_ids.get(table)
        return QgsProject.instance().mapLayer(lid) if lid else None

    @staticmethod
    def _all_rows(layer) -> list:
        """Every feature of ``layer`` as a dict (its year filter lifted for the read), NULL as None."""
        if layer is None:
            return []
        subset = layer.subsetString()
        layer.setSubsetString("")
        names = layer.fields().names()
        rows = [dict(zip(names, [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
                                 for v in f.attributes()])) for f in layer.getFeatures()]
        layer.setSubsetString(subset)
        return rows

    def _result_published(self, key, layer) -> None:
        """The villages with their technology (Priority page, 'Choose technology') become the plan layer (still
        changeable)."""
        if key == "technology" and alive(layer):
            self.plan_combo.setLayer(layer)

    def cleanup(self):
        for sig, slot in ((QgsProject.instance().readProject, self.restore_from_project),
                          (QgsProject.instance().cleared, self._project_cleared),
                          (self.workflow.published, self._result_published)):
            disconnect(sig, slot)
        self.runner.cancel()
