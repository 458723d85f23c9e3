"""Outputs never destroy inputs, and a failed run leaves nothing new behind (issue 16, items 1 and 2).

Before an algorithm runs, :func:`check_outputs` compares every file output with every input:

* an output file that is an input file is refused — unless the output names a table of a GeoPackage that is
  none of the inputs' tables (writing a new table beside them is what the user asked for);
* a folder output that would receive a file of the same name as an input (``OUTPUT_FILES`` of the algorithm)
  is refused;
* an output in a folder that does not exist or cannot be written, or an output path that is a folder, is
  refused before any work.

:func:`cleanup` removes, after a failure, every output file (or GeoPackage table) that did not exist before the
run. Messages name both parameters and both paths, and say what to do.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from qgis.core import (
    QgsMapLayer,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFolderDestination,
)

from ..i18n import tr

_OGR_URI = re.compile(r"""^ogr:dbname=['"]?(?P<path>[^'"]+)['"]?\s+table=["']?(?P<table>[^"'\s]+)["']?""")
_SIDE_SUFFIXES = (".aux.xml", "-wal", "-shm", "-journal", ".ovr")
_SHAPEFILE_SIDES = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd")
_NOT_FILES = ("TEMPORARY_OUTPUT", "memory:", "")


class OutputConflictError(Exception):
    pass


@dataclass
class Target:
    param: str
    path: str  # absolute, real
    table: Optional[str]
    existed: bool
    table_existed: bool = False
    folder: bool = False


def _static(value):
    for cls, attr in ((QgsProcessingFeatureSourceDefinition, "source"), (QgsProcessingOutputLayerDefinition, "sink")):
        if isinstance(value, cls):
            value = getattr(value, attr)
            value = value.staticValue() if hasattr(value, "staticValue") else value
    if isinstance(value, QgsMapLayer):
        value = value.source()
    return value


def split_uri(value: str) -> Tuple[str, Optional[str]]:
    """(file path, table or None) of a path / 'path|layername=x' / "ogr:dbname='path' table=x" string."""
    text = str(value).strip()
    m = _OGR_URI.match(text)
    if m:
        return m.group("path"), m.group("table")
    parts = text.split("|")
    table = None
    for p in parts[1:]:
        if p.startswith("layername="):
            table = p.split("=", 1)[1]
    return parts[0], table


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(os.path.expanduser(path)))


def inputs_of(alg, parameters, context) -> Dict[str, List[Tuple[str, Optional[str]]]]:
    """{real file path: [(parameter, table)]} of every input that is a file."""
    out: Dict[str, List[Tuple[str, Optional[str]]]] = {}
    project = context.project() if context is not None else None
    for p in alg.parameterDefinitions():
        if p.isDestination():
            continue
        values = parameters.get(p.name())
        values = values if isinstance(values, (list, tuple)) else [values]
        for value in values:
            value = _static(value)
            if not isinstance(value, str) or not value.strip():
                continue
            if project is not None:
                layer = project.mapLayer(value)
                if layer is not None:
                    value = layer.source()
            path, table = split_uri(value)
            if path and os.path.isfile(path):
                out.setdefault(_real(path), []).append((p.name(), table))
    return out


def _table_exists(path: str, table: str) -> bool:
    from osgeo import ogr

    ds = ogr.Open(path)
    return ds is not None and ds.GetLayerByName(table) is not None


def targets_of(alg, parameters, context) -> List[Target]:
    out = []
    for p in alg.destinationParameterDefinitions():
        value = _static(parameters.get(p.name()))
        if not isinstance(value, str) or value.strip() in _NOT_FILES or value.startswith("memory:"):
            continue
        path, table = split_uri(value)
        if not path or path.startswith(("postgres:", "postgis:", "spatialite:")):
            continue
        real = _real(path)
        folder = isinstance(p, QgsProcessingParameterFolderDestination)
        existed = os.path.exists(real)
        t = Target(p.name(), real, table, existed, folder=folder)
        if table and existed and not folder:
            t.table_existed = _table_exists(real, table)
        out.append(t)
    return out


def check_outputs(alg, parameters, context) -> List[Target]:
    """The output targets after the checks; raises :class:`OutputConflictError` with the message."""
    inputs = inputs_of(alg, parameters, context)
    targets = targets_of(alg, parameters, context)
    names = getattr(alg, "OUTPUT_FILES", ())
    for t in targets:
        if t.folder:
            if t.existed and not os.path.isdir(t.path):
                raise OutputConflictError(tr("{param} = {path} is a file, not a folder. Choose a folder for the "
                                        "outputs.").format(param=t.param, path=t.path))
            parent = t.path if t.existed else os.path.dirname(t.path)
            if os.path.isdir(parent) and not os.access(parent, os.W_OK):
                raise OutputConflictError(tr("The folder {folder} ({param}) cannot be written. Choose a folder you may "
                                        "write to.").format(folder=parent, param=t.param))
            for name in names:
                hit = inputs.get(_real(os.path.join(t.path, name)))
                if hit:
                    raise OutputConflictError(tr(
                        "{param} = {folder} would overwrite {name}, which is the input {input}. Choose another "
                        "output folder; inputs are never changed.").format(
                        param=t.param, folder=t.path, name=name, input=hit[0][0]))
            continue
        if os.path.isdir(t.path):
            raise OutputConflictError(tr("{param} = {path} is a folder. Give a file name inside it, e.g. {example}.")
                                 .format(param=t.param, path=t.path,
                                         example=os.path.join(t.path, t.param.lower() + ".gpkg")))
        folder = os.path.dirname(t.path)
        if not os.path.isdir(folder):
            raise OutputConflictError(tr("The folder {folder} of {param} does not exist. Create it or choose another "
                                    "folder.").format(folder=folder, param=t.param))
        if not os.access(folder, os.W_OK) or (t.existed and not os.access(t.path, os.W_OK)):
            raise OutputConflictError(tr("{path} ({param}) cannot be written: the folder or the file is read-only. "
                                    "Choose a folder you may write to.").format(path=t.path, param=t.param))
        for param, table in inputs.get(t.path, []):
            if t.table is None or table is None or t.table == table:
                raise OutputConflictError(tr(
                    "{out} = {path} would overwrite the input {inp} ({what}). Choose another file name (or, in "
                    "a GeoPackage, a new table name); inputs are never changed.").format(
                    out=t.param, path=t.path + (f"|layername={t.table}" if t.table else ""), inp=param,
                    what=t.path + (f"|layername={table}" if table else "")))
    for param, path in _gpkgs_written(alg, parameters, context, targets):
        message = lock_message(param, path)
        if message:
            raise OutputConflictError(message)
    return targets


# --- a GeoPackage locked by another program (issue 16) -------------------------------------------------------------
# SQLite waits for a lock as long as its busy timeout; GDAL's is long, so a locked file made a tool wait ~30 s and
# then say "database is locked". Every GeoPackage an algorithm writes to is probed first with a short timeout.
LOCK_TIMEOUT_S = 1.0


def _gpkgs_written(alg, parameters, context, targets) -> List[Tuple[str, str]]:
    """(parameter, path) of the existing GeoPackages the algorithm writes to: its file outputs and the inputs it
    names in ``WRITES_INPUTS`` (e.g. importmonitoring's PLAN_DB)."""
    out = [(t.param, t.path) for t in targets if not t.folder and t.existed and t.path.lower().endswith(".gpkg")]
    for name in getattr(alg, "WRITES_INPUTS", ()):
        value = _static(parameters.get(name))
        if isinstance(value, str) and value.strip():
            path = split_uri(value)[0]
            if path.lower().endswith(".gpkg") and os.path.isfile(path):
                out.append((name, _real(path)))
    return out


def lock_message(param: str, path: str, timeout: float = LOCK_TIMEOUT_S) -> str:
    """A message when another connection holds a write lock on the GeoPackage ``path``, else ''."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=timeout, isolation_level=None)
    except sqlite3.Error:
        return ""  # not a database we can open: the algorithm's own checks say what is wrong
    try:
        con.execute("BEGIN IMMEDIATE")  # takes the write lock (and gives it back at once) or fails when busy
        con.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return tr("{param} = {path} is locked by another program (or by a layer being edited in QGIS), so it "
                      "cannot be written now. Close it in the other program or end the QGIS editing session (save "
                      "or discard the edits), or choose another file.").format(param=param, path=path)
    except sqlite3.Error:
        pass
    finally:
        con.close()
    return ""


def _remove(path: str) -> None:
    for p in [path] + [path + s for s in _SIDE_SUFFIXES] + (
            [os.path.splitext(path)[0] + s for s in _SHAPEFILE_SIDES] if path.lower().endswith(".shp") else []):
        try:
            if os.path.isfile(p):
                os.remove(p)
        except OSError:
            pass


def cleanup(targets: List[Target]) -> Set[str]:
    """After a failure: remove what the run created (files, or tables it added to an existing GeoPackage)."""
    removed = set()
    for t in targets:
        if t.folder:
            continue
        if not t.existed and os.path.exists(t.path):
            _remove(t.path)
            removed.add(t.path)
        elif t.table and not t.table_existed and os.path.exists(t.path):
            try:
                from osgeo import ogr

                ds = ogr.Open(t.path, 1)
                if ds is not None:
                    for i in range(ds.GetLayerCount()):
                        if ds.GetLayerByIndex(i).GetName() == t.table:
                            ds.DeleteLayer(i)
                            removed.add(f"{t.path}|layername={t.table}")
                            break
                ds = None
            except RuntimeError:
                pass
    return removed


# --- all-or-nothing outputs (issue 16, item 2) ---------------------------------------------------------------------
# A file output of one of these kinds, and every folder output, is written under a temporary name in its own
# destination folder and renamed at the end of a successful run: a failed or cancelled run leaves nothing new and
# never a half-written file, and a file the user already had stays untouched until the new one is complete.
# GeoPackage / Shapefile outputs written by QGIS sinks (and tables added to an existing GeoPackage) are not renamed
# (a sink may append to a file the user already has); for them :func:`cleanup` removes what a failed run created.
# GeoTIFF outputs are finished the same way by core/coverage.py (a work file translated to a temporary name and
# renamed); Processing styles a raster output by its path after the run, so it is not renamed here.
# A file an algorithm updates in place inside its output folder (``FOLDER_UPDATES``, e.g. exportplan's plan.gpkg,
# which keeps its other tables) is copied into the temporary folder first and renamed back at the end.
STAGED_KINDS = (".pdf", ".xlsx", ".csv", ".html", ".htm", ".json", ".txt", ".png")
PARTIAL_TAG = ".kaltim-partial-"


@dataclass
class Staged:
    param: str
    final: str
    temp: str
    folder: bool


def _temp_name(final: str) -> str:
    import uuid

    folder, name = os.path.split(final)
    stem, ext = os.path.splitext(name)
    return os.path.join(folder, f".{stem}{PARTIAL_TAG}{uuid.uuid4().hex[:8]}{'' if ext == '' else ext}")


def _redirect(value, temp: str):
    """The parameter value with its path replaced by ``temp`` (a layer definition keeps its other settings)."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        from qgis.core import QgsProperty

        copy = QgsProcessingOutputLayerDefinition(value)
        copy.sink = QgsProperty.fromValue(temp)
        return copy
    return temp


def stage(parameters: dict, targets: List[Target], updates=()) -> Tuple[dict, List[Staged]]:
    """(the parameters with the staged outputs pointing at their temporary names, the staged outputs).
    ``updates``: names of files in an output folder that the algorithm updates in place (copied first)."""
    import shutil

    staged: List[Staged] = []
    params = dict(parameters)
    for t in targets:
        if t.folder:
            parent = os.path.dirname(t.path)
            if not os.path.isdir(parent) or (t.existed and not os.path.isdir(t.path)):
                continue
            temp = _temp_name(t.path)
            os.mkdir(temp)
            for name in updates:
                if os.path.isfile(os.path.join(t.path, name)):
                    shutil.copy2(os.path.join(t.path, name), os.path.join(temp, name))
        else:
            if t.table is not None or not t.path.lower().endswith(STAGED_KINDS) or not os.path.isdir(
                    os.path.dirname(t.path)):
                continue
            temp = _temp_name(t.path)
        staged.append(Staged(t.param, t.path, temp, t.folder))
        params[t.param] = _redirect(parameters.get(t.param), temp)
    return params, staged


def _sides(path: str) -> List[str]:
    return [path] + [path + s for s in _SIDE_SUFFIXES]


def discard(staged: List[Staged]) -> None:
    """After a failure or a cancel: remove every temporary output; the destination is as it was."""
    import shutil

    for s in staged:
        if s.folder:
            shutil.rmtree(s.temp, ignore_errors=True)
        else:
            for p in _sides(s.temp):
                if os.path.isfile(p):
                    try:
                        os.remove(p)
                    except OSError:
                        pass


def _swap(text: str, staged: List[Staged]) -> str:
    for s in staged:
        text = text.replace(s.temp, s.final)
    return text


def _repoint_projects(s: Staged) -> None:
    """A QGIS project written into the temporary folder names it in a few absolute paths (e.g. the layouts'
    attribute tables): they name the final folder before the project is moved there."""
    import zipfile

    for root, _dirs, files in os.walk(s.temp):
        for name in files:
            path = os.path.join(root, name)
            if name.lower().endswith(".qgs"):
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
                if s.temp in text:
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(text.replace(s.temp, s.final))
            elif name.lower().endswith(".qgz"):
                with zipfile.ZipFile(path) as zin:
                    entries = [(info, zin.read(info)) for info in zin.infolist()]
                if not any(s.temp.encode("utf-8") in data for _info, data in entries):
                    continue
                fresh = path + ".repointed"
                with zipfile.ZipFile(fresh, "w", zipfile.ZIP_DEFLATED) as zout:
                    for info, data in entries:
                        if info.filename.lower().endswith(".qgs"):
                            data = data.replace(s.temp.encode("utf-8"), s.final.encode("utf-8"))
                        zout.writestr(info, data)
                os.replace(fresh, path)


def commit(staged: List[Staged], results, context=None):
    """Rename the temporary outputs to their names; the results (and the layers QGIS loads) name the final paths."""
    import shutil

    for s in staged:
        if s.folder:
            _repoint_projects(s)
            os.makedirs(s.final, exist_ok=True)
            for root, _dirs, files in os.walk(s.temp):
                dest = os.path.join(s.final, os.path.relpath(root, s.temp))
                os.makedirs(dest, exist_ok=True)
                for name in files:
                    os.replace(os.path.join(root, name), os.path.join(dest, name))
            shutil.rmtree(s.temp, ignore_errors=True)
        elif os.path.exists(s.temp):
            for src, dst in zip(_sides(s.temp), _sides(s.final)):
                if os.path.isfile(src):
                    os.replace(src, dst)
    if not staged:
        return results
    if context is not None:
        loads = context.layersToLoadOnCompletion()
        if any(any(s.temp in key for s in staged) for key in loads):
            context.setLayersToLoadOnCompletion({_swap(key, staged): details for key, details in loads.items()})
    if isinstance(results, dict):
        return {key: _swap(v, staged) if isinstance(v, str) else (
            [_swap(x, staged) if isinstance(x, str) else x for x in v] if isinstance(v, list) else v)
            for key, v in results.items()}
    return results


def forget(staged: List[Staged], results):
    """The results of a cancelled run: a path to a discarded temporary output becomes empty."""
    if not isinstance(results, dict):
        return results
    return {key: "" if isinstance(v, str) and any(s.temp in v for s in staged) else v for key, v in results.items()}
