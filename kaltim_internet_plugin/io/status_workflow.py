"""Status workflow in QGIS: edit forms for the deployment status and an append-only history of every
committed status change (issue 7).

* :func:`add_monitoring_fields` - explicit operation that adds the monitoring fields (``status``, the four
  dates, ``status_note``) to a layer of a GeoPackage when they are missing. Nothing else ever changes the
  structure of a user's layer.
* :func:`setup_status_editing` - configures the edit form of a village or site layer that already has a
  status field (ValueMap with Indonesian labels, calendar date widgets, hard constraints that explain
  themselves) and starts a :class:`StatusHistoryRecorder` that appends one ``status_history`` row per
  committed status change made by ordinary editing (attribute table, form, field calculator) + save.

The recorder works at commit time only: just before the edit buffer is written it reads, for every feature
whose status is in the buffer, the value stored by the data provider (the "old" status); when QGIS reports
which attribute changes were committed it takes the committed value (the "new" status). Whatever happened in
the edit session in between (several edits, undo, redo) does not matter, and a rolled-back session writes
nothing. Rows are written through :func:`core.monitoring_store.append_status_change` (the table's triggers
forbid UPDATE/DELETE).
"""
from __future__ import annotations

import getpass
import os
import re
import sqlite3
from pathlib import Path
from typing import Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsEditorWidgetSetup,
    QgsFeatureRequest,
    QgsField,
    QgsFieldConstraints,
    QgsMessageLog,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerEditPassthrough,
)
from qgis.PyQt.QtCore import QObject, QVariant

from ..compat import FieldType
from ..core import monitoring as mon
from ..core import monitoring_store as store
from ..i18n import tr
from .gpkg_tables import what_it_is

STATUS_FIELD = "status"
ALT_STATUS_FIELD = "deploy_status"  # when "status" already holds something else (e.g. the coverage class)
NOTE_FIELD = "status_note"
DATE_FIELDS = ("survey_date", "contract_date", "install_date", "active_date")
CODE_FIELD_CANDIDATES = ("kode", "site_id", "kode_desa", "village_code", "site_code", "code", "id")
PROPERTY_DB = "kaltim/status_history_db"
PROPERTY_FIELD = "kaltim/status_field"
LOG_TAG = "Internet Desa Kaltim"

_RECORDERS: dict = {}


def status_value_labels() -> dict:
    """code -> label shown in the form, the attribute table and the legend (Indonesian, as stored in core)."""
    return {code: mon.status_label(code, "id").capitalize() for code in mon.STATUSES}


def field_aliases() -> dict:
    return {
        STATUS_FIELD: tr("Status (status)"),
        "survey_date": tr("Survey date (tanggal survei)"),
        "contract_date": tr("Contract date (tanggal kontrak)"),
        "install_date": tr("Installation date (tanggal pasang)"),
        "active_date": tr("Activation date (tanggal aktif)"),
        NOTE_FIELD: tr("Status note (catatan status)"),
    }


def translate_transition_error(text: str) -> str:
    """The core's English transition message in the user's language."""
    m = re.match(r"^status cannot change from (?P<old>\S+) to (?P<new>\S+) \(allowed: (?P<allowed>.*)\)$", text)
    if m:
        allowed = m.group("allowed")
        allowed = tr("none (final status)") if allowed == "none (final status)" else ", ".join(
            mon.status_label(a.strip()) for a in allowed.split(","))
        return tr("status cannot change from {old} to {new} (allowed: {allowed})").format(
            old=mon.status_label(m.group("old")), new=mon.status_label(m.group("new")), allowed=allowed)
    return text


def current_user() -> str:
    name = ""
    try:
        name = QgsApplication.userFullName() or ""
    except Exception:  # noqa: BLE001
        name = ""
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001
            name = ""
    return name


# --------------------------------------------------------------------------------------------- the plan file
#: how long a check waits for another program's lock on the plan GeoPackage (SQLite's own wait is 30 s)
LOCK_TIMEOUT_S = 1.0


def plan_db_problem(path: str, subject: str, write: bool = True, timeout: float = LOCK_TIMEOUT_S) -> str:
    """Why the existing file ``path`` cannot keep (``write``) or give the monitoring records ('' when it can, or does
    not exist: the callers say that their own way), as a message that starts with ``subject`` (``"PLAN_DB = <path>"``,
    or the dock's words) and says what to do: not an SQLite file (a text file named .gpkg), a damaged one, locked by
    another program, read-only. An empty file is fine (the first import makes it a GeoPackage); a plain SQLite file
    too (the monitoring tables need no GeoPackage). Nothing is written: the file is opened read-only, and a write
    lock taken only to be given back at once."""
    if not path or not os.path.exists(path):
        return ""
    head = b""
    if os.path.isfile(path):
        try:
            with open(path, "rb") as fh:
                head = fh.read(16)
        except OSError:
            pass
    if os.path.isdir(path) or (head and not head.startswith(b"SQLite format 3\x00")) or (
            not head and not os.access(path, os.R_OK)):
        return tr("{subject} is not a GeoPackage: it seems to be {what}. Nothing was written to it. Choose the plan "
                  "GeoPackage (.gpkg) that keeps the monitoring records, or a new .gpkg file name (it is created)."
                  ).format(subject=subject, what=what_it_is(path))
    if not head:
        return ""
    try:
        con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode={'rw' if write else 'ro'}", uri=True,
                              timeout=timeout, isolation_level=None)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if write:
                con.execute("BEGIN IMMEDIATE")  # the write lock, given back at once
                con.execute("ROLLBACK")
        finally:
            con.close()
    except sqlite3.Error as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            if write:
                return tr("{subject} is locked by another program (or by a layer being edited in QGIS), so it cannot "
                          "be written now. Close it in the other program or end the QGIS editing session (save or "
                          "discard the edits), and run again.").format(subject=subject)
            return tr("{subject} is locked by another program (or by a layer being edited in QGIS), so it cannot be "
                      "read now. Close it in the other program or end the QGIS editing session (save or discard the "
                      "edits), and run again.").format(subject=subject)
        if write and ("readonly" in text or "read-only" in text or "unable to open" in text):
            return _read_only(subject, exc)
        return tr("{subject} cannot be read as a GeoPackage ({error}): the file is damaged or not a GeoPackage. "
                  "Choose another plan GeoPackage, or restore a copy of this one.").format(subject=subject, error=exc)
    folder = os.path.dirname(os.path.abspath(path))
    if write and not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return _read_only(subject, tr("the file or its folder is read-only"))
    return ""


def _read_only(subject: str, error) -> str:
    return tr("{subject} cannot be written ({error}). Copy the plan GeoPackage to a folder you may write to and "
              "choose the copy, or ask for write permission on the file and its folder.").format(
        subject=subject, error=error)


def refuse_plan_db(path: str, write: bool = True) -> None:
    """Raise ValueError (the dock shows it) when the plan GeoPackage ``path`` cannot keep the monitoring records
    (:func:`plan_db_problem`)."""
    problem = plan_db_problem(path, tr("The plan GeoPackage {path}").format(path=path), write)
    if problem:
        raise ValueError(problem)


# --------------------------------------------------------------------------------------------- fields
def add_monitoring_fields(gpkg_path: str, layer_name: str, status_field: str = STATUS_FIELD) -> list:
    """Add the missing monitoring fields to ``layer_name`` in ``gpkg_path`` and create the monitoring tables.

    Explicit operation (the user asked for it): ``status`` (text), ``survey_date``, ``contract_date``,
    ``install_date``, ``active_date`` (dates), ``status_note`` (text). Existing fields are left as they
    are. Returns the names of the fields added. Raises ValueError when the layer cannot be opened.
    """
    refuse_plan_db(gpkg_path)
    layer = QgsVectorLayer(f"{gpkg_path}|layername={layer_name}", layer_name, "ogr")
    if not layer.isValid():
        raise ValueError(tr("Cannot open layer '{layer}' in {path}. Check the GeoPackage and the layer name.")
                         .format(layer=layer_name, path=gpkg_path))
    wanted = [QgsField(status_field, FieldType.String, "String", 20)]
    wanted += [QgsField(name, FieldType.Date, "Date") for name in DATE_FIELDS]
    wanted.append(QgsField(NOTE_FIELD, FieldType.String, "String", 255))
    names = set(layer.fields().names())
    missing = [f for f in wanted if f.name() not in names]
    if missing:
        if not layer.dataProvider().addAttributes(missing):
            raise ValueError(tr("Could not add the monitoring fields to '{layer}': {error}")
                             .format(layer=layer_name, error="; ".join(layer.dataProvider().errors())))
    del layer
    store.ensure_schema(gpkg_path)
    return [f.name() for f in missing]


def foreign_status_values(layer: QgsVectorLayer, status_field: str) -> list:
    """Values of ``status_field`` that are not workflow statuses (codes or Indonesian labels)."""
    idx = layer.fields().indexOf(status_field)
    if idx < 0:
        return []
    values = {_text(v) for v in layer.uniqueValues(idx)}
    return sorted(v for v in values if v and mon.normalise_status(v) is None)


def status_field_for(layer: QgsVectorLayer) -> str:
    """The field holding the deployment status: ``deploy_status`` when present, else ``status``."""
    names = layer.fields().names() if layer is not None else []
    return ALT_STATUS_FIELD if ALT_STATUS_FIELD in names else STATUS_FIELD


def find_code_field(layer: QgsVectorLayer) -> str:
    names = layer.fields().names()
    lower = {n.lower(): n for n in names}
    for cand in CODE_FIELD_CANDIDATES:
        if cand in lower:
            return lower[cand]
    return ""


# --------------------------------------------------------------------------------------------- form
def constraint_expressions(status_field: str, present: set) -> dict:
    """field -> (expression, description) for the fields of the layer (``present``)."""
    installed = ", ".join(f"'{s}'" for s in sorted(mon.INSTALLED_STATUSES))
    codes = ", ".join(f"'{s}'" for s in mon.STATUSES)
    out = {}
    status_parts = [f'"{status_field}" IS NULL OR "{status_field}" IN ({codes})']
    description = tr("The status must be one of the workflow statuses.")
    if "install_date" in present:
        status_parts = [f'"{status_field}" IS NULL OR ("{status_field}" IN ({codes}) AND '
                        f'("{status_field}" NOT IN ({installed}) OR "install_date" IS NOT NULL))']
        description = tr("Installed, active or disrupted needs an installation date: the equipment must be on "
                         "site before the service can run. Fill in the installation date first.")
    out[status_field] = (status_parts[0], description)
    order = [f for f in DATE_FIELDS if f in present]
    for i, name in enumerate(order):
        expr = f'"{name}" IS NULL OR (to_date("{name}") <= to_date(now())'
        earlier = order[:i]
        for prev in earlier:
            expr += f' AND ("{prev}" IS NULL OR to_date("{name}") >= to_date("{prev}"))'
        expr += ")"
        if earlier:
            desc = tr("The date cannot lie in the future (a status records what has happened) and cannot be "
                      "before {earlier}.").format(earlier=", ".join(earlier))
        else:
            desc = tr("The date cannot lie in the future: a status records what has happened.")
        out[name] = (expr, desc)
    return out


def configure_form(layer: QgsVectorLayer, status_field: str = STATUS_FIELD) -> None:
    """Widgets, aliases and hard constraints for the status workflow fields present in ``layer``."""
    fields = layer.fields()
    present = set(fields.names())
    aliases = field_aliases()
    idx = fields.indexOf(status_field)
    value_map = [{label: code} for code, label in status_value_labels().items()]
    layer.setEditorWidgetSetup(idx, QgsEditorWidgetSetup("ValueMap", {"map": value_map}))
    layer.setFieldAlias(idx, aliases.get(STATUS_FIELD, status_field) if status_field == STATUS_FIELD
                        else tr("Status ({field})").format(field=status_field))
    for name in DATE_FIELDS:
        i = fields.indexOf(name)
        if i < 0:
            continue
        config = {"field_format": "yyyy-MM-dd", "display_format": "yyyy-MM-dd", "calendar_popup": True,
                  "allow_null": True, "field_iso_format": False}
        layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup("DateTime", config))
        layer.setFieldAlias(i, aliases[name])
    i = fields.indexOf(NOTE_FIELD)
    if i >= 0:
        layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True}))
        layer.setFieldAlias(i, aliases[NOTE_FIELD])
    for name, (expr, desc) in constraint_expressions(status_field, present).items():
        i = fields.indexOf(name)
        layer.setConstraintExpression(i, expr, desc)
        layer.setFieldConstraint(i, QgsFieldConstraints.Constraint.ConstraintExpression,
                                 QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)


# --------------------------------------------------------------------------------------------- history
class StatusHistoryRecorder(QObject):
    """Appends committed status changes of one layer to ``status_history`` in ``db_path``."""

    def __init__(self, layer: QgsVectorLayer, db_path: str, status_field: str = STATUS_FIELD,
                 code_field: str = "", layer_name: str = ""):
        super().__init__(layer)
        self.layer = layer
        self.db_path = db_path
        self.status_field = status_field
        self.code_field = code_field or find_code_field(layer)
        self.layer_name = layer_name or layer.name()
        self._old: dict = {}  # fid -> status stored by the provider before the commit
        self._pending: list = []  # (fid, old, new) committed, not yet written
        self._snapshot: Optional[dict] = None  # transaction mode: fid -> status when editing started
        self._touched: set = set()
        self._info: dict = {}  # fid -> (code, note) captured at commit time
        self.written: list = []  # ids of the history rows written (for the page / tests)
        self.errors: list = []
        if layer.isEditable():
            self._editing_started()
        layer.editingStarted.connect(self._editing_started)
        layer.attributeValueChanged.connect(self._value_changed)
        layer.featureAdded.connect(self._feature_added)
        layer.beforeCommitChanges.connect(self._before_commit)
        layer.committedAttributeValuesChanges.connect(self._attributes_committed)
        layer.committedFeaturesAdded.connect(self._features_added)
        layer.afterCommitChanges.connect(self._after_commit)
        layer.afterRollBack.connect(self._after_rollback)
        layer.editingStopped.connect(self.flush)

    def disconnect_layer(self) -> None:
        for signal, slot in ((self.layer.editingStarted, self._editing_started),
                             (self.layer.attributeValueChanged, self._value_changed),
                             (self.layer.featureAdded, self._feature_added),
                             (self.layer.beforeCommitChanges, self._before_commit),
                             (self.layer.committedAttributeValuesChanges, self._attributes_committed),
                             (self.layer.committedFeaturesAdded, self._features_added),
                             (self.layer.afterCommitChanges, self._after_commit),
                             (self.layer.afterRollBack, self._after_rollback),
                             (self.layer.editingStopped, self.flush)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass

    def _status_index(self) -> int:
        return self.layer.fields().indexOf(self.status_field)

    # Transaction mode (project "automatic transaction groups"): edits go straight to the database inside a
    # transaction, so the provider holds no "before" value at commit time. Take a snapshot when editing starts
    # and compare it with the committed values.
    def _passthrough(self) -> bool:
        return isinstance(self.layer.editBuffer(), QgsVectorLayerEditPassthrough)

    def _editing_started(self) -> None:
        self._touched = set()
        self._snapshot = None
        if self._passthrough():
            self._snapshot = self._provider_statuses()

    def _value_changed(self, fid, idx, _value) -> None:
        if self._snapshot is not None and idx == self._status_index():
            self._touched.add(int(fid))

    def _feature_added(self, fid) -> None:
        if self._snapshot is not None:
            self._touched.add(int(fid))

    def _provider_statuses(self, fids=None) -> dict:
        idx = self._status_index()
        if idx < 0:
            return {}
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        if fids is not None:
            request.setFilterFids(list(fids))
        request.setSubsetOfAttributes([idx])
        return {f.id(): _text(f.attribute(idx)) for f in self.layer.dataProvider().getFeatures(request)}

    def _before_commit(self, *_args) -> None:
        buffer = self.layer.editBuffer()
        idx = self._status_index()
        if buffer is None or idx < 0 or self._snapshot is not None:
            return
        fids = [fid for fid, attrs in buffer.changedAttributeValues().items() if idx in attrs and fid >= 0]
        self._old = {}
        if not fids:
            return
        request = QgsFeatureRequest().setFilterFids(fids).setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes([idx])
        for feature in self.layer.dataProvider().getFeatures(request):
            self._old[feature.id()] = _text(feature.attribute(idx))
        # code and note as they will be committed: stored values + buffered changes (the feature may also be
        # deleted in this commit, then the layer no longer returns it)
        changes = buffer.changedAttributeValues()
        for feature in self.layer.dataProvider().getFeatures(
                QgsFeatureRequest().setFilterFids(fids).setFlags(QgsFeatureRequest.Flag.NoGeometry)):
            for i, value in changes.get(feature.id(), {}).items():
                feature.setAttribute(i, value)
            self._info[feature.id()] = self._feature_info(feature)

    def _attributes_committed(self, _layer_id, changes) -> None:
        if self._snapshot is not None:  # transaction mode: emitted per edit, handled at commit
            return
        idx = self._status_index()
        for fid, attrs in dict(changes).items():
            if idx in attrs:
                self._pending.append((int(fid), self._old.get(fid), _text(attrs[idx])))

    def _features_added(self, _layer_id, features) -> None:
        if self._snapshot is not None:
            return
        idx = self._status_index()
        for feature in features:
            new = _text(feature.attribute(idx)) if idx >= 0 else None
            if new:
                self._pending.append((int(feature.id()), None, new))
                self._info[int(feature.id())] = self._feature_info(feature)

    def _after_commit(self) -> None:
        if self._snapshot is not None:
            now = self._provider_statuses(self._touched) if self._touched else {}
            for fid in sorted(self._touched):
                if fid in now:
                    self._pending.append((fid, self._snapshot.get(fid), now[fid]))
            self._touched = set()
            # editing may go on after a save without stopping: the saved values are the new reference
            self._snapshot = self._provider_statuses() if self.layer.isEditable() else None
        self.flush()

    def _after_rollback(self) -> None:
        if self._snapshot is not None:  # the database transaction was rolled back: nothing happened
            self._touched = set()
            self._snapshot = self._provider_statuses() if self.layer.isEditable() else None
        self.flush()

    def flush(self, *_args) -> list:
        """Write the committed, not yet written changes. Returns the history ids written."""
        pending, self._pending = self._pending, []
        self._old = {}
        ids = []
        try:
            ids = self._write(pending)
        finally:
            self._info = {}
        self.written.extend(ids)
        return ids

    def _write(self, pending: list) -> list:
        ids = []
        for fid, old, new in pending:
            if (old or "") == (new or "") or (mon.normalise_status(old) is not None
                                               and mon.normalise_status(old) == mon.normalise_status(new)):
                continue
            if not new:
                self._report(tr("Feature {fid}: the status was cleared; status history records only "
                                "statuses, nothing written.").format(fid=fid))
                continue
            code, note = self._code_and_note(fid)
            transition_problem = mon.transition_error(old, new) if mon.normalise_status(new) else None
            if transition_problem:
                transition_problem = translate_transition_error(transition_problem)
            if transition_problem:
                note = (note + " | " if note else "") + tr("outside the workflow: {problem}").format(
                    problem=transition_problem)
                self._report(tr("Status of {code} changed outside the workflow ({problem}); recorded with a "
                                "note.").format(code=code or fid, problem=transition_problem))
            try:
                ids.append(store.append_status_change(
                    self.db_path, self.layer_name, fid, code, old, new, changed_by=current_user(), note=note,
                    check_transition=False))
            except ValueError as exc:
                self._report(tr("Status history not written for {code}: {error}").format(code=code or fid,
                                                                                        error=exc))
            except (sqlite3.Error, OSError) as exc:  # e.g. the GeoPackage is locked: keep it for the next save
                self._pending.append((fid, old, new))
                self._report(tr("Status history for {code} could not be written yet ({error}); it is kept and "
                                "written at the next save.").format(code=code or fid, error=exc))
        return ids

    def _feature_info(self, feature) -> tuple:
        """(code, note) of a feature; empty strings when unknown."""
        if feature is None or not feature.isValid():
            return "", ""
        names = feature.fields().names()
        code = _text(feature[self.code_field]) if self.code_field and self.code_field in names else None
        note = _text(feature[NOTE_FIELD]) if NOTE_FIELD in names else None
        return code or "", note or ""

    def _code_and_note(self, fid: int) -> tuple:
        if fid in self._info:
            return self._info.pop(fid)
        feature = next(self.layer.dataProvider().getFeatures(QgsFeatureRequest(fid)), None)
        return self._feature_info(feature if feature is not None else self.layer.getFeature(fid))

    def _report(self, text: str) -> None:
        self.errors.append(text)
        QgsMessageLog.logMessage(text, LOG_TAG, Qgis.MessageLevel.Warning)


def _text(value) -> Optional[str]:
    if value is None:
        return None
    try:
        if isinstance(value, QVariant) and value.isNull():
            return None
    except TypeError:
        pass
    text = str(value).strip()
    return None if not text or text == "NULL" else text


def setup_status_editing(layer: QgsVectorLayer, history_db_path: str, status_field: str = STATUS_FIELD,
                         code_field: str = "", layer_name: str = "") -> StatusHistoryRecorder:
    """Configure the status form of ``layer`` and record committed status changes in ``history_db_path``.

    The layer must already have ``status_field`` (use :func:`add_monitoring_fields` on a plan layer first);
    its structure is never changed here. Calling it again for the same layer replaces the previous recorder.
    Returns the recorder.
    """
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        raise ValueError(tr("Choose a valid village or site layer."))
    if layer.fields().indexOf(status_field) < 0:
        raise ValueError(tr("Layer '{layer}' has no '{field}' field. Use 'Add monitoring fields' on the plan "
                            "GeoPackage first; your input layer is never changed silently.")
                         .format(layer=layer.name(), field=status_field))
    if not history_db_path:
        raise ValueError(tr("Choose the plan GeoPackage that keeps the status history."))
    refuse_plan_db(history_db_path)  # (a text file named .gpkg gave SQLite's "file is not a database")
    foreign = foreign_status_values(layer, status_field)
    if foreign:
        raise ValueError(tr("Field '{field}' of '{layer}' holds values that are not deployment statuses ({values}), "
                            "for example the coverage class from 'Classify villages'. Correct them, or add a "
                            "separate field '{alt}' with 'Add monitoring fields'.").format(
            field=status_field, layer=layer.name(), values=", ".join(foreign[:5]), alt=ALT_STATUS_FIELD))
    store.ensure_schema(history_db_path)
    configure_form(layer, status_field)
    old = _RECORDERS.pop(layer.id(), None)
    if old is not None:
        old.disconnect_layer()
    recorder = StatusHistoryRecorder(layer, history_db_path, status_field, code_field, layer_name)
    _RECORDERS[layer.id()] = recorder
    layer.setCustomProperty(PROPERTY_DB, history_db_path)
    layer.setCustomProperty(PROPERTY_FIELD, status_field)
    layer.willBeDeleted.connect(lambda lid=layer.id(): _RECORDERS.pop(lid, None))
    return recorder


def recorder_for(layer) -> Optional[StatusHistoryRecorder]:
    return _RECORDERS.get(layer.id()) if layer is not None else None


def stop_status_editing(layer) -> None:
    recorder = _RECORDERS.pop(layer.id(), None)
    if recorder is not None:
        recorder.disconnect_layer()


def restore_status_editing(project: Optional[QgsProject] = None) -> int:
    """Re-start the recorders of layers set up in an earlier session (saved as layer custom properties)."""
    project = project or QgsProject.instance()
    count = 0
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or layer.id() in _RECORDERS:
            continue
        db = layer.customProperty(PROPERTY_DB, "")
        if db:
            try:
                setup_status_editing(layer, db, layer.customProperty(PROPERTY_FIELD, STATUS_FIELD) or STATUS_FIELD)
                count += 1
            except (ValueError, OSError) as exc:
                QgsMessageLog.logMessage(str(exc), LOG_TAG, Qgis.MessageLevel.Warning)
    return count
