"""Team editing: rows with a row version (optimistic locking), conflicts, reloading, and the plan's layers."""
from __future__ import annotations

import re

from ...i18n import tr
from ..errors import (
    ConflictError,
    StoreError,
)
from ..model import (
    TEAM_COLUMNS,
)
from .schema import (
    _columns,
    _select_expr,
    _Session,
    check_plan,
    conflict_message,
    explain_error,
    pg_table_infos,
    qi,
    qt,
)


def fetch_row(connection, schema: str, table: str, fid: int) -> dict:
    """The row as stored now (geometry as WKT), e.g. to reload a feature after a conflict. {} if deleted."""
    with _Session(connection) as conn:
        with conn.cursor() as cur:
            cols = _columns(cur, schema, table)
            exprs = [f"ST_AsText({qi(c)})" if v[1] == "geometry" else _select_expr(c, v[0], v[1])
                     for c, v in cols.items()]
            cur.execute(f"SELECT {', '.join(exprs)} FROM {qt(schema, table)} WHERE fid = %s", (fid,))
            row = cur.fetchone()
        if isinstance(connection, str):
            conn.rollback()
    return dict(zip(cols, row)) if row else {}


def save_row(connection, schema: str, table: str, fid: int, changes: dict, row_version: int) -> int:
    """Save ``changes`` ({column: value}) of one feature read at ``row_version``; returns the new version.

    Raises ConflictError (with ``current`` = the row as it is now) if someone saved it in between,
    PermissionDeniedError if the role may not, StoreError if the feature no longer exists."""
    import psycopg2

    cols = [c for c in changes if c not in TEAM_COLUMNS]
    sets = ", ".join(f"{qi(c)} = %s" for c in cols)
    sets = (sets + ", " if sets else "") + "row_version = %s"
    params = [changes[c] for c in cols] + [int(row_version), fid]
    with _Session(connection) as conn:
        try:
            with conn.cursor() as cur:
                cur.execute(f"UPDATE {qt(schema, table)} SET {sets} WHERE fid = %s RETURNING row_version", params)
                row = cur.fetchone()
            if row is None:
                conn.rollback()
                raise StoreError(tr("{table} feature {fid} no longer exists (someone deleted it, or you may not see "
                                    "it). Reload the layer.").format(table=table, fid=fid))
            conn.commit()
            return int(row[0])
        except psycopg2.Error as exc:
            conn.rollback()
            error = explain_error(exc, table, fid)
    if isinstance(error, ConflictError):
        error.current = fetch_row(connection, schema, table, fid)
    raise error


def reload_row(connection, schema: str, table: str, fid: int) -> dict:
    """Alias of fetch_row for the GUI's 'Reload' button after a conflict."""
    return fetch_row(connection, schema, table, fid)


def commit_layer(layer) -> tuple:
    """Save a QGIS layer's edits. Returns (True, '') or (False, translated message); a conflict keeps the edits
    in the buffer until the user reloads (reload_layer)."""
    if layer.commitChanges():
        return True, ""
    errors = "\n".join(layer.commitErrors())
    if "conflict:" in errors:
        m = re.search(r"conflict: [^\n]*?; reload", errors)
        return False, conflict_message(m.group(0) if m else errors)
    if "permission denied" in errors or "row-level security" in errors:
        m = re.search(r"(permission denied[^\n]*|new row violates[^\n]*)", errors)
        return False, tr("The database refused the change: {reason}. Your database role may not change this "
                         "(viewers may only read; a kab/kota office may only edit its own villages). Ask the plan's "
                         "administrator.").format(reason=m.group(0) if m else errors)
    return False, tr("Saving failed: {errors}").format(errors=errors)


def conflicting_features(layer) -> list:
    """Feature ids whose unsaved change was made on a version that is no longer the one in the database."""
    buffer = layer.editBuffer()
    idx = layer.fields().indexOf("row_version")
    if buffer is None or idx < 0:
        return []
    from qgis.core import QgsFeatureRequest

    pending = {}
    for fid, attrs in buffer.changedAttributeValues().items():
        if idx in attrs and attrs[idx] is not None:
            pending[fid] = abs(int(attrs[idx]))
    if not pending:
        return []
    request = QgsFeatureRequest().setFilterFids(list(pending)).setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([idx])
    current = {f.id(): f[idx] for f in layer.dataProvider().getFeatures(request)}
    return sorted(fid for fid, version in pending.items() if current.get(fid) != version)


def reload_layer(layer, keep_other_edits: bool = False) -> list:
    """The 'Reload' action after a conflict: re-read the layer from the database.

    ``keep_other_edits=False`` discards every unsaved edit. ``True`` discards only the edits of the features that
    someone else changed meanwhile (returned as a list of feature ids) and keeps the others (and added/deleted
    features) in the edit buffer, ready to be saved again."""
    conflicts = conflicting_features(layer) if layer.isEditable() else []
    keep = None
    if keep_other_edits and layer.isEditable() and layer.editBuffer() is not None:
        buffer = layer.editBuffer()
        keep = ({fid: dict(attrs) for fid, attrs in buffer.changedAttributeValues().items() if fid not in conflicts},
                {fid: geom for fid, geom in buffer.changedGeometries().items() if fid not in conflicts},
                [layer.getFeature(fid) for fid in buffer.addedFeatures()],
                [fid for fid in buffer.deletedFeatureIds()])
    if layer.isEditable():
        layer.rollBack()
    layer.dataProvider().reloadData()
    layer.reload()
    if keep is not None and any(keep):
        attrs, geoms, added, deleted = keep
        layer.startEditing()
        for fid, values in attrs.items():
            for field, value in values.items():
                layer.changeAttributeValue(fid, field, value, None, True)
        for fid, geom in geoms.items():
            layer.changeGeometry(fid, geom, True)
        if added:
            layer.addFeatures(added)
        if deleted:
            layer.deleteFeatures(deleted)
    layer.triggerRepaint()
    return conflicts


def plan_layers(connection_name: str, schema: str = "kaltim_plan") -> list:
    """QgsVectorLayers for every table of a published plan, through the saved connection (authcfg, no password)."""
    from qgis.core import QgsVectorLayer

    with _Session(connection_name) as conn:
        with conn.cursor() as cur:
            check_plan(cur, schema)
            infos = pg_table_infos(cur, schema)
        conn.rollback()
    from ..connections import layer_uri

    layers = []
    for info in infos:
        uri = layer_uri(connection_name, schema, info.name, info.geometry_column, info.fid_column)
        layer = QgsVectorLayer(uri.uri(False), info.name, "postgres")
        if layer.isValid():
            layers.append(layer)
    return layers


def add_plan_layers_to_project(connection_name: str, schema: str = "kaltim_plan", project=None) -> list:
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    layers = plan_layers(connection_name, schema)
    project.addMapLayers(layers)
    return layers
