"""Outputs never destroy inputs, and a failed run leaves nothing new behind (issue 16, items 1 and 2).

Before an algorithm runs, :func:`check_outputs` compares every file output with every input:

* an output file that is an input file is refused — unless the output names a table of a GeoPackage that is
  none of the inputs' tables (writing a new table beside them is what the user asked for); an existing table of
  such a GeoPackage is replaced only when this tool wrote it (a rerun): every GeoPackage table the tools write is
  marked in ``gpkg_contents.description`` (:func:`mark_tables`), so a user's other tables beside the input (their
  villages beside the towers given as input) are never replaced;
* an existing GeoPackage that is none of the inputs is guarded the same way (:func:`_check_not_ours`): a table of it
  is replaced only when this tool wrote it, and an output that replaces the whole file (a sink given the plain
  file name) is refused while the file holds a table this tool did not write (:func:`foreign_tables`): the
  user's other tables would be lost. A Shapefile, GeoTIFF or other single-layer file is replaced as QGIS does;
* a file output that the algorithm replaces whole with a GeoPackage of its own (``GPKG_FILE_OUTPUTS``, e.g.
  exportplanfrompostgis' OUTPUT_GPKG; '.gpkg' is added to a name without it, :func:`gpkg_file`) is refused the same
  way while the existing file holds a table this tool did not write: one not marked as its own, nor named by the
  algorithm's ``own_tables(path)`` (the tables of its earlier output, which keep descriptions of their own);
* a folder output that would receive a file of the same name as an input (``OUTPUT_FILES`` of the algorithm)
  is refused, and so is one whose file the algorithm updates (``FOLDER_UPDATES``, exportplan's plan.gpkg) when an
  input is a table of that file: the file is replaced whole at the end, while the input is open in it;
* a file or folder output given as a table of a GeoPackage ('x.gpkg|layername=foo') is refused: the algorithm
  writes that file itself and would take the whole text for its name (:func:`_table_of_a_file`);
* a file the algorithm keeps whatever the run (its ``kept_files_refusal(parameters, context, targets)``, e.g. a
  provider's service report imported into the plan GeoPackage: the evidence of the SLA) is refused as an output;
* two outputs of one run that name the same file (or the same table of a GeoPackage) are refused;
* an output in a folder that does not exist or cannot be written (a probe file is created and removed: ``os.access``
  ignores Windows ACLs and everything for root), whose "folder" is a file, or an output path that is a folder, is
  refused before any work.

Files are compared by their real path, case-folded where the system folds it (``os.path.normcase``) and by
``os.path.samefile`` (hard links, case-insensitive disks); GeoPackage tables ignore letter case as SQLite does.

:func:`cleanup` removes, after a failure, every output file (or GeoPackage table) that did not exist before the
run; a GeoPackage table that did exist is written under a name of its own and swapped in only when the run
succeeds (:func:`stage`, :func:`commit`). Messages name both parameters and both paths, and say what to do.
"""
from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from qgis.core import (
    QgsMapLayer,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterVectorDestination,
)

from ..compat import as_int
from ..errors import write_error, write_fix  # noqa: F401 - the processing layer's names for them
from ..i18n import tr
from ..io.gpkg_tables import (
    foreign_in,
    reserved_table_problem,
    table_destination,
    table_fields,
    table_name_problem,
)

# "ogr:dbname='path' table="name" (geom)": a quoted path or table may hold spaces (QGIS reads it so)
_OGR_URI = re.compile(r"""^ogr:dbname=(?:'(?P<p1>[^']+)'|"(?P<p2>[^"]+)"|(?P<p3>\S+))\s+"""
                      r"""table=(?:"(?P<t1>[^"]+)"|'(?P<t2>[^']+)'|(?P<t3>[^\s"']+))""")


def _ogr_uri(text: str):
    """(path, table, (start, end) of the table name in ``text``) of an "ogr:dbname=... table=..." string, or None."""
    m = _OGR_URI.match(text)
    if not m:
        return None
    group = next(g for g in ("t1", "t2", "t3") if m.group(g) is not None)
    return m.group("p1") or m.group("p2") or m.group("p3"), m.group(group), m.span(group)


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
    replaced: bool = False  # a QGIS sink that replaces the whole file (not one appending to it, nor a file output)
    geometry: bool = True  # a sink of features with geometry (False: a table without geometry)
    whole: bool = False  # a file output the algorithm replaces whole with a GeoPackage (``GPKG_FILE_OUTPUTS``)
    file_only: bool = False  # a file or folder the algorithm writes itself: no table of a GeoPackage can be named
    given: str = ""  # the value as the user gave it


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
    ogr_uri = _ogr_uri(text)
    if ogr_uri:
        return ogr_uri[0], ogr_uri[1]
    parts = text.split("|")
    table = None
    for p in parts[1:]:
        if p.startswith("layername="):
            table = p.split("=", 1)[1]
    return parts[0], table


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(os.path.expanduser(path)))


def _key(path: str) -> str:
    """The real path as the file system compares it (case-folded on Windows)."""
    return os.path.normcase(_real(path))


def same_table(a: Optional[str], b: Optional[str]) -> bool:
    """Two table names of one file name the same table: either is the whole file, or the names are equal ignoring
    letter case (SQLite / GeoPackage table names ignore case)."""
    return a is None or b is None or a.lower() == b.lower()


def _same_file(a: str, b: str) -> bool:
    if _key(a) == _key(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def _hits(inputs: Dict[str, List[Tuple[str, Optional[str]]]], path: str) -> List[Tuple[str, Optional[str]]]:
    """The inputs (parameter, table) held in the file ``path``."""
    hits = list(inputs.get(_key(path), []))
    if not hits and os.path.exists(path):
        for key, found in inputs.items():
            if _same_file(key, path):
                hits.extend(found)
    return hits


def inputs_of(alg, parameters, context) -> Dict[str, List[Tuple[str, Optional[str]]]]:
    """{real file path (:func:`_key`): [(parameter, table)]} of every input that is a file."""
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
                out.setdefault(_key(path), []).append((p.name(), table))
    return out


def _table_exists(path: str, table: str) -> bool:
    from osgeo import ogr

    ds = ogr.Open(path)
    return ds is not None and table.lower() in _table_names(ds)


def _table_names(ds) -> List[str]:
    """The tables of the open dataset ``ds`` in index order, lower case (GeoPackage table names ignore case)."""
    return [ds.GetLayerByIndex(i).GetName().lower() for i in range(ds.GetLayerCount())]


def _is_table_sink(p) -> bool:
    """A feature sink of a table without geometry (QgsProcessing.SourceType.TypeVector)."""
    from qgis.core import QgsProcessing

    return isinstance(p, QgsProcessingParameterFeatureSink) and \
        as_int(p.dataType()) == as_int(QgsProcessing.SourceType.TypeVector)


def sink_file(path: str) -> str:
    """The file a QGIS sink given the plain path ``path`` writes: QGIS adds '.gpkg' when the text after the last dot
    names no vector format ('my_data' and 'my.data' become 'my_data.gpkg' and 'my.data.gpkg'; QgsProcessingUtils'
    parseDestinationString, QGIS 3.22 to 3.44)."""
    from qgis.core import QgsVectorFileWriter

    m = re.match(r"^(.*)\.(.*?)$", path, re.S)
    return path if m and QgsVectorFileWriter.driverForExtension(m.group(2)) else path + ".gpkg"


def gpkg_file(path: str) -> str:
    """The GeoPackage an algorithm writes for the file output ``path`` (``GPKG_FILE_OUTPUTS``): ``path`` itself when
    it ends with '.gpkg' (any letter case), else ``path`` + '.gpkg'."""
    return path if path.lower().endswith(".gpkg") else path + ".gpkg"


def targets_of(alg, parameters, context) -> List[Target]:
    out = []
    whole_files = getattr(alg, "GPKG_FILE_OUTPUTS", ())
    for p in alg.destinationParameterDefinitions():
        value = _static(parameters.get(p.name()))
        if not isinstance(value, str) or value.strip() in _NOT_FILES or value.startswith("memory:"):
            continue
        path, table = split_uri(value)
        if not path or path.startswith(("postgres:", "postgis:", "spatialite:")):
            continue
        sink = isinstance(p, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination))
        whole = p.name() in whole_files and table is None
        if sink and table is None and not os.path.isdir(path):  # (a folder is refused below, by its name)
            path = sink_file(path)
        elif whole and not os.path.isdir(path):
            path = gpkg_file(path)
        real = _real(path)
        folder = isinstance(p, QgsProcessingParameterFolderDestination)
        existed = os.path.exists(real)
        raw = parameters.get(p.name())
        appends = isinstance(raw, QgsProcessingOutputLayerDefinition) and raw.useRemapping()
        replaced = sink and not appends
        t = Target(p.name(), real, table, existed, folder=folder, replaced=replaced, geometry=not _is_table_sink(p),
                   whole=whole, file_only=not sink, given=value.strip())
        if table and existed and not folder:
            t.table_existed = _table_exists(real, table)
        out.append(t)
    return out


def _file_ancestor(path: str) -> Optional[str]:
    """The first parent of ``path`` that exists as a file (not a folder), or None."""
    folder = os.path.dirname(path)
    while folder and not os.path.exists(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder if folder and os.path.exists(folder) and not os.path.isdir(folder) else None


def _existing_parent(path: str) -> str:
    folder = os.path.dirname(path)
    while folder and not os.path.exists(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    return folder


# errors that only a write meets (a read never fills a disk), and the words GDAL / SQLite put in their messages
_WRITE_ONLY = {getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EROFS", "EFBIG") if hasattr(errno, n)}
_WRITE_WORDS = (("No space left on device", "ENOSPC"), ("database or disk is full", "ENOSPC"),
                ("Disk quota exceeded", "EDQUOT"), ("Read-only file system", "EROFS"),
                ("Permission denied", "EACCES"))


def _under(path: str, folder: str) -> bool:
    return _key(path).startswith(_key(folder).rstrip(os.sep) + os.sep)


def _output_of(filename: str, targets: List[Target], staged: List[Staged]) -> Optional[Tuple[str, str]]:
    """(parameter, final path) of the output that ``filename`` (a path met in an error) belongs to: the output
    itself or one of its side files, its temporary name, a file inside an output folder, or a hidden work file
    (``.name``) the run made beside an output."""
    for s in staged:
        if s.gpkg:  # a table: the target names its file
            continue
        if _key(filename).startswith(_key(s.temp)):
            return s.param, s.final + _real(filename)[len(_real(s.temp)):] if s.folder else s.final
    for t in targets:
        if _key(filename).startswith(_key(t.path)) or (t.folder and _under(filename, t.path)):
            return t.param, (_real(filename) if t.folder else t.path)
    for t in targets:
        folder = t.path if t.folder else os.path.dirname(t.path)
        if _under(filename, folder):
            rel = os.path.relpath(_real(filename), _real(folder))
            if rel.startswith("."):
                return t.param, t.path
    return None


def write_failure(exc: BaseException, targets: List[Target], staged: List[Staged]) -> Optional[str]:
    """A message (which output, the reason, what to do) when ``exc`` is an OSError or a GDAL/SQLite error met while
    writing an output of the run, else None (an unexpected error)."""
    if isinstance(exc, OSError):
        code, reason = exc.errno, exc.strerror or str(exc)
        names = [n for n in (exc.filename, getattr(exc, "filename2", None)) if isinstance(n, str) and n]
    elif isinstance(exc, RuntimeError):
        text = str(exc)
        for s in staged:
            text = text.replace(s.temp, s.final)
        found = [(words, name) for words, name in _WRITE_WORDS if words.lower() in text.lower()]
        if not found:
            return None
        code, reason = getattr(errno, found[0][1]), found[0][0]
        names = [t.path for t in targets if t.path in text]
        if not names and code == errno.EACCES:
            return None  # perhaps an input that cannot be read
    else:
        return None
    for name in names:
        hit = _output_of(name, targets, staged)
        if hit:
            return write_error(hit[0], hit[1], _Reason(code, reason))
    if code not in _WRITE_ONLY:
        return None
    if not names and len(targets) == 1:  # e.g. GDAL's "No space left on device", which names no file
        return write_error(targets[0].param, targets[0].path, _Reason(code, reason))
    if names:
        return tr("{path} cannot be written: {reason}. {fix}").format(path=names[0], reason=reason,
                                                                       fix=write_fix(code))
    outputs = ", ".join(f"{t.param} = {t.path}" for t in targets) or tr("the outputs")
    return tr("The outputs ({outputs}) cannot be written: {reason}. {fix}").format(
        outputs=outputs, reason=reason, fix=write_fix(code))


@dataclass
class _Reason:
    errno: Optional[int]
    strerror: str


def _probe(folder: str) -> None:
    """Create and remove a small file in ``folder``; raises the OSError when that is not possible."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix=".kaltim-probe-", dir=folder)
    try:
        os.write(fd, b"x")
    finally:
        os.close(fd)
        os.remove(name)


def _check_folder_writable(t: Target, folder: str) -> None:
    try:
        _probe(folder)
    except OSError as exc:
        raise OutputConflictError(write_error(t.param, t.path, exc)) from None


def outputs_refusal(alg, parameters, context) -> str:
    """Why :func:`check_outputs` refuses the run's outputs, "" when it does not (a ``checkParameterValues`` answer:
    the tools' and the full-plan model's)."""
    try:
        check_outputs(alg, parameters, context)
    except OutputConflictError as exc:
        return str(exc)
    return ""


def check_outputs(alg, parameters, context) -> List[Target]:
    """The output targets after the checks; raises :class:`OutputConflictError` with the message."""
    inputs = inputs_of(alg, parameters, context)
    targets = targets_of(alg, parameters, context)
    names = getattr(alg, "OUTPUT_FILES", ())
    for t in targets:
        if t.file_only and t.table is not None:
            raise OutputConflictError(_table_of_a_file(alg, t))
        blocker = _file_ancestor(t.path)
        if blocker:
            raise OutputConflictError(tr("{param} = {path}: {blocker} is a file, not a folder, so nothing can be "
                                         "written inside it. Choose another folder.").format(
                param=t.param, path=t.path, blocker=blocker))
        if t.folder:
            if t.existed and not os.path.isdir(t.path):
                raise OutputConflictError(tr("{param} = {path} is a file, not a folder. Choose a folder for the "
                                        "outputs.").format(param=t.param, path=t.path))
            _check_folder_writable(t, t.path if t.existed else _existing_parent(t.path))
            for name in names:
                hit = _hits(inputs, os.path.join(t.path, name))
                if hit:
                    raise _folder_overwrites(t.param, t.path, name, hit[0][0])
            for name in getattr(alg, "FOLDER_UPDATES", ()):
                message = _not_ours(t, name, getattr(alg, "FOLDER_UPDATE_TABLES", {}))
                if message:
                    raise OutputConflictError(message)
                # the algorithm's own file is updated as a copy and renamed over it at the end, while an input is open
                # in it: a filtered input of it (a subset, the selected villages) left its table shorter (session 39)
                hit = _hits(inputs, os.path.join(t.path, name))
                if hit:
                    raise _folder_overwrites(t.param, t.path, name, *hit[0])
            continue
        problem = table_name_problem(t.path) or reserved_table_problem(t.table) \
            if t.table is not None and t.path.lower().endswith(".gpkg") else ""
        if problem:
            raise OutputConflictError(f"{t.param} = {t.path}: {problem}")
        if os.path.isdir(t.path):
            raise OutputConflictError(tr("{param} = {path} is a folder. Give a file name inside it, e.g. {example}.")
                                 .format(param=t.param, path=t.path,
                                         example=os.path.join(t.path, t.param.lower() + ".gpkg")))
        folder = os.path.dirname(t.path)
        if not os.path.isdir(folder):
            raise OutputConflictError(tr("The folder {folder} of {param} does not exist. Create it or choose another "
                                    "folder.").format(folder=folder, param=t.param))
        if t.existed and not os.access(t.path, os.W_OK):
            raise OutputConflictError(write_error(t.param, t.path, _Reason(errno.EACCES, tr("the file is read-only"))))
        _check_folder_writable(t, folder)
        hits = _hits(inputs, t.path)
        for param, table in hits:
            if same_table(t.table, table):
                raise overwrites_input(t.param, t.path + (f"|layername={t.table}" if t.table else ""), param,
                                       t.path + (f"|layername={table}" if table else ""))
        _check_not_ours(alg, t, hits)
    kept = getattr(alg, "kept_files_refusal", None)
    message = kept(parameters, context, targets) if kept is not None else ""
    if message:
        raise OutputConflictError(message)
    files = [t for t in targets if not t.folder]
    for i, a in enumerate(files):
        for b in files[i + 1:]:
            if _same_file(a.path, b.path) and same_table(a.table, b.table):
                raise OutputConflictError(tr(
                    "{first} and {second} both name {path}, so one would replace the other. Give each output its "
                    "own file (or, in a GeoPackage, its own table name).").format(
                    first=a.param, second=b.param, path=a.path + (f"|layername={a.table}" if a.table else "")))
    for param, path in _gpkgs_written(alg, parameters, context, targets):
        message = lock_message(param, path)
        if message:
            raise OutputConflictError(message)
    return targets


def _table_of_a_file(alg, t: Target) -> str:
    """The refusal of a file or folder output given as a table of a GeoPackage ('x.gpkg|layername=foo', or
    "ogr:dbname='x.gpkg' table=foo"): the algorithm writes the file itself, so that whole text would be taken as a
    file name (a file called 'x.html|layername=foo' was written, found 2026-12). ``TABLE_NAME_PARAMS`` of the
    algorithm names the parameter that takes the table's name, when it has one (createplannedsites' LAYER_NAME)."""
    text = tr("{param} = {value} names a table ({table}), but this output is a whole file, not a table of a "
              "GeoPackage. Give the file name only, e.g. {path}.").format(
        param=t.param, value=t.given, table=t.table, path=t.path)
    name_param = getattr(alg, "TABLE_NAME_PARAMS", {}).get(t.param)
    if name_param:
        text += " " + tr("Give the layer's name in {name_param} ({table}).").format(name_param=name_param,
                                                                                    table=t.table)
    return text


def _check_not_ours(alg, t: Target, hits) -> None:
    """Raise :class:`OutputConflictError` when the GeoPackage output ``t`` would replace what this tool did not write
    (it may be the user's data): a table of that name (of an input's GeoPackage, or of any existing GeoPackage when
    the output replaces its table), or, for an output that replaces the whole file, any table of the file."""
    if not t.path.lower().endswith(".gpkg") or not t.existed or not os.path.isfile(t.path):
        return
    if t.table:
        if not t.table_existed or not (hits or t.replaced) or table_description(t.path, t.table) == table_mark(alg):
            return
        # one rule for a table of an input's GeoPackage and of any other: replaced only when this tool wrote it
        where = tr("{path} (the GeoPackage of the input {inp})").format(path=t.path, inp=hits[0][0]) if hits \
            else t.path
        raise OutputConflictError(tr(
            "{out} = {path}|layername={table} would replace the table '{table}' of {where}, and this tool did not "
            "write that table (it may be your data). Choose a new table name, e.g. {path}|layername={new}, or "
            "another file; an existing table of a GeoPackage is replaced only when this tool wrote it. Nothing was "
            "changed.").format(out=t.param, path=t.path, table=t.table, where=where, new=_free_table(t.path, alg)))
    if not (t.replaced or t.whole):  # a file the algorithm updates, or a sink appending to it: its other tables stay
        return
    foreign = foreign_tables(t.path, alg)
    if not foreign:
        return
    shown = ", ".join(foreign[:_SHOWN_TABLES])
    if len(foreign) > _SHOWN_TABLES:
        shown = tr("{names} and {count} more").format(names=shown, count=len(foreign) - _SHOWN_TABLES)
    # one rule and one wording for a sink given the plain file name and a file output that is the tool's GeoPackage;
    # only the sink may name a table instead
    if t.whole:
        choice = tr("another file name, e.g. {new}").format(new=_free_file(t.path))
    else:
        choice = tr("another file name, e.g. {new}, or a new table name in that GeoPackage, e.g. "
                    "{path}|layername={table}").format(new=_free_file(t.path), path=t.path,
                                                      table=_free_table(t.path, alg))
    raise OutputConflictError(tr(
        "{out} = {path} is an existing GeoPackage holding tables this tool did not write ({tables}; they may be "
        "your data). This output replaces the whole file, so those tables would be lost. Choose {choice}, or move "
        "{path} away first; a GeoPackage is replaced whole only when it holds nothing but tables this tool wrote. "
        "Nothing was changed.").format(out=t.param, path=t.path, tables=shown, choice=choice))


_SHOWN_TABLES = 8  # a refusal names this many of the tables that would be lost, then "and N more"


def _contents(path: str) -> List[Tuple[str, Optional[str]]]:
    """(table, description) of every table registered in ``gpkg_contents`` of the GeoPackage ``path``; [] when it
    cannot be read as one (it is then replaced as QGIS does)."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=LOCK_TIMEOUT_S)
        try:
            rows = con.execute("SELECT table_name, description FROM gpkg_contents ORDER BY rowid").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return []
    return [(str(name), desc) for name, desc in rows if name]


def foreign_tables(path: str, alg) -> List[str]:
    """The tables of the GeoPackage ``path`` that ``alg`` did not write (not marked :func:`table_mark`, nor named by
    the algorithm's ``own_tables(path)`` when it has one), QGIS's ``layer_styles`` and the plugin's half-written
    tables (:data:`TABLE_TAG`) aside."""
    mark = table_mark(alg)
    own_tables = getattr(alg, "own_tables", None)
    own = {name.lower() for name in own_tables(path)} if own_tables is not None else set()
    return [name for name, desc in _contents(path) if desc != mark and name.lower() not in own and
            name.lower() != "layer_styles" and TABLE_TAG not in name.lower()]


def _free_file(path: str) -> str:
    """A file name beside ``path`` that does not exist yet: <name>_2.gpkg, <name>_3.gpkg, ..."""
    stem, ext = os.path.splitext(path)
    n = 2
    while os.path.exists(f"{stem}_{n}{ext}"):
        n += 1
    return f"{stem}_{n}{ext}"


def _free_table(path: str, alg) -> str:
    """A table name the GeoPackage ``path`` does not have yet: the tool's name, else with _2, _3, ..."""
    taken = {name.lower() for name, _desc in _contents(path)}
    name, n = alg.name(), 2
    while name.lower() in taken:
        name, n = f"{alg.name()}_{n}", n + 1
    return name


# --- the tables the tools wrote --------------------------------------------------------------------------------------
def table_mark(alg) -> str:
    """What ``gpkg_contents.description`` says of a table ``alg`` wrote ('Internet Desa Kaltim:
    kaltiminternet:<name>')."""
    return f"Internet Desa Kaltim: kaltiminternet:{alg.name()}"


def table_description(path: str, table: str) -> Optional[str]:
    """``gpkg_contents.description`` of ``table`` (letter case ignored) in the GeoPackage ``path``; None when it cannot
    be read."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=LOCK_TIMEOUT_S)
        try:
            row = con.execute("SELECT description FROM gpkg_contents WHERE lower(table_name) = lower(?)",
                              (table,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def mark_tables(targets: List[Target], alg) -> None:
    """Mark the GeoPackage tables of a successful run as written by ``alg`` (:func:`table_mark`), so a rerun may
    replace them: the output's table, or every table of a GeoPackage the output replaced whole (QGIS's
    ``layer_styles`` aside). A file that cannot be written now (locked) keeps its table unmarked: a rerun into it
    then asks for a new name or file, nothing is lost."""
    import sqlite3

    for t in targets:
        if t.folder or not (t.table or t.replaced) or not t.path.lower().endswith(".gpkg") or \
                not os.path.isfile(t.path):
            continue
        try:
            con = sqlite3.connect(t.path, timeout=LOCK_TIMEOUT_S)
            try:
                with con:
                    if t.table:
                        con.execute("UPDATE gpkg_contents SET description = ? WHERE lower(table_name) = lower(?)",
                                    (table_mark(alg), t.table))
                    else:
                        con.execute("UPDATE gpkg_contents SET description = ? WHERE lower(table_name) <> "
                                    "'layer_styles'", (table_mark(alg),))
            finally:
                con.close()
        except sqlite3.Error:
            pass


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
        elif t.table and not t.table_existed and os.path.exists(t.path) and _drop_table(t.path, t.table):
            removed.add(f"{t.path}|layername={t.table}")
    return removed


def _drop_table(path: str, table: str) -> bool:
    """Drop ``table`` of the GeoPackage ``path``; True when it was dropped. On a full disk SQLite has no room for
    its rollback journal and refuses; the drop is then done with the journal in memory (it only frees pages)."""
    from osgeo import gdal, ogr

    for journal in (None, "MEMORY"):
        previous = gdal.GetThreadLocalConfigOption("OGR_SQLITE_JOURNAL", None)
        if journal:
            gdal.SetThreadLocalConfigOption("OGR_SQLITE_JOURNAL", journal)
        ds = None
        try:
            ds = ogr.Open(path, 1)
            names = _table_names(ds) if ds else []
            if table.lower() not in names:
                return False
            if ds.DeleteLayer(names.index(table.lower())) == 0:
                return True
        except RuntimeError:  # GDAL in exception mode
            pass
        finally:
            ds = None
            gdal.SetThreadLocalConfigOption("OGR_SQLITE_JOURNAL", previous)
    return False


# --- all-or-nothing outputs (issue 16, item 2) ---------------------------------------------------------------------
# A file output of one of these kinds, and every folder output, is written under a temporary name in its own
# destination folder and renamed at the end of a successful run: a failed or cancelled run leaves nothing new and
# never a half-written file, and a file the user already had stays untouched until the new one is complete.
# A GeoPackage / Shapefile output written by a QGIS sink that replaces a file the user already has is written into a
# temporary folder beside it, under its own name (so the GeoPackage's table keeps its name), and moved in place at
# the end (audit D2: a full disk had left a GeoPackage without its table where the user's previous one was). Only a
# sink output is (a file output such as createplannedsites' PLAN_GPKG updates the file, and a sink that appends to a
# layer, QGIS's "remapping", keeps it). A new file is not staged: :func:`cleanup` removes it after a failure. A
# table added to an existing GeoPackage: after a failure :func:`cleanup` drops that table, and only that table. A
# table that REPLACES one the GeoPackage has is written as <table>__kaltim_partial_<hex> beside it; commit() drops the
# old table and renames the new one (one transaction a file, every table the run replaces in it), discard() drops
# the new one (before, a failed or cancelled run had already lost the user's table). A GeoPackage table named as
# 'path|layername=x' is handed to QGIS as "ogr:dbname='path' table="x"": QGIS's sinks (3.22 to 3.44) read the first
# form as a file of that whole name.
# GeoTIFF outputs are finished the same way by core/coverage.py (a work file translated to a temporary name and
# renamed); Processing styles a raster output by its path after the run, so it is not renamed here.
# A file an algorithm updates in place inside its output folder (``FOLDER_UPDATES``, e.g. exportplan's plan.gpkg,
# which keeps its other tables) is copied into the temporary folder first and renamed back at the end; an input
# of the run held in that file is refused before (check_outputs).
STAGED_KINDS = (".pdf", ".xlsx", ".csv", ".html", ".htm", ".json", ".txt", ".png")
REPLACED_KINDS = (".gpkg", ".shp")  # staged in a temporary folder when they replace an existing file
PARTIAL_TAG = ".kaltim-partial-"
TABLE_TAG = "__kaltim_partial_"  # a replaced GeoPackage table is written as <table>__kaltim_partial_<8 hex>


@dataclass
class Staged:
    param: str
    final: str
    temp: str
    folder: bool
    holder: Optional[str] = None  # the temporary folder holding ``temp`` (a replaced GeoPackage / Shapefile)
    gpkg: Optional[str] = None  # a replaced table of this GeoPackage: ``final`` and ``temp`` are table names
    made: Optional[str] = None  # the topmost missing folder above an output folder, created by the run


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
        made = None
        if t.folder:
            parent = os.path.dirname(t.path)
            if t.existed and not os.path.isdir(t.path):
                continue
            if not os.path.isdir(parent):  # the folders above it are made now, and removed again by a failure
                made = parent
                while not os.path.isdir(os.path.dirname(made)):
                    made = os.path.dirname(made)
                try:
                    os.makedirs(parent)
                except OSError as exc:
                    discard(staged)
                    raise OutputConflictError(write_error(t.param, t.path, exc)) from None
            temp = _temp_name(t.path)
            try:
                os.mkdir(temp)
                for name in updates:
                    if os.path.isfile(os.path.join(t.path, name)):
                        shutil.copy2(os.path.join(t.path, name), os.path.join(temp, name))
            except OSError as exc:
                shutil.rmtree(temp, ignore_errors=True)
                _remove_made(made, parent)
                discard(staged)
                raise OutputConflictError(write_error(t.param, t.path, exc)) from None
            holder = None
        elif t.replaced and t.table is None and t.existed and t.path.lower().endswith(REPLACED_KINDS) and \
                os.path.isfile(t.path):
            holder = os.path.splitext(_temp_name(t.path))[0]
            try:
                os.mkdir(holder)
            except OSError as exc:
                discard(staged)
                raise OutputConflictError(write_error(t.param, t.path, exc)) from None
            temp = os.path.join(holder, os.path.basename(t.path))
        elif t.replaced and t.table is not None and t.path.lower().endswith(".gpkg"):
            # a table of a GeoPackage, in the form QGIS's sinks read (they take 'path|layername=x' for a file of that
            # name); a table the file already has is written under a name of its own and swapped in by commit()
            table = t.table
            if t.table_existed and os.path.isfile(t.path):
                import uuid

                table = f"{t.table}{TABLE_TAG}{uuid.uuid4().hex[:8]}"
                staged.append(Staged(t.param, t.table, table, False, gpkg=t.path))
            value = parameters.get(t.param)
            params[t.param] = _redirect(value, _table_destination(str(_static(value)), t.path, table, t.geometry))
            continue
        else:
            if t.table is not None or not t.path.lower().endswith(STAGED_KINDS) or not os.path.isdir(
                    os.path.dirname(t.path)):
                continue
            temp, holder = _temp_name(t.path), None
        staged.append(Staged(t.param, t.path, temp, t.folder, holder, made=made))
        params[t.param] = _redirect(parameters.get(t.param), temp)
    return params, staged


def _table_destination(value: str, path: str, table: str, geometry: bool) -> str:
    """The sink destination naming ``table`` of the GeoPackage ``path``: the user's "ogr:dbname=... table=..." with
    its table name replaced, or that form built from 'path|layername=x' (geometry column ``geom``)."""
    text = value.strip()
    ogr_uri = _ogr_uri(text)
    if ogr_uri:
        start, end = ogr_uri[2]
        return text[:start] + table + text[end:]
    return table_destination(path, table, geometry)


def _swap_tables(gpkg: str, items: List[Staged]) -> None:
    """Replace the tables ``s.final`` of the GeoPackage ``gpkg`` by the run's tables ``s.temp`` (every ``s`` of
    ``items``), in one transaction: the old tables are dropped and the new ones renamed, or nothing changes
    (:class:`OutputConflictError` says why; the caller's discard() then drops the run's tables)."""
    from osgeo import gdal, ogr

    class _Failed(Exception):  # noqa: N818 - local: the reason of a failed swap
        pass

    ds = None
    current = items[0]
    try:
        ds = ogr.Open(gpkg, 1)
        if ds is None or ds.StartTransaction() != 0:
            raise _Failed(gdal.GetLastErrorMsg())
        try:
            for current in items:
                lower = _table_names(ds)
                if current.temp.lower() not in lower:
                    raise _Failed(gdal.GetLastErrorMsg())
                if current.final.lower() in lower and ds.DeleteLayer(lower.index(current.final.lower())) != 0:
                    raise _Failed(gdal.GetLastErrorMsg())
                layer = ds.GetLayerByName(current.temp)
                if hasattr(layer, "Rename"):  # GDAL >= 3.5 (the GeoPackage's index, triggers and metadata follow)
                    if layer.Rename(current.final) != 0:
                        raise _Failed(gdal.GetLastErrorMsg())
                else:
                    ds.ExecuteSQL(f'ALTER TABLE "{current.temp}" RENAME TO "{current.final}"')
                    if ds.GetLayerByName(current.final) is None:
                        raise _Failed(gdal.GetLastErrorMsg())
            if ds.CommitTransaction() != 0:
                raise _Failed(gdal.GetLastErrorMsg())
        except BaseException:
            ds.RollbackTransaction()
            raise
    except (_Failed, RuntimeError) as exc:  # (RuntimeError: GDAL in exception mode)
        reason = str(exc).strip() or tr("GDAL gave no reason")
        raise OutputConflictError(tr(
            "{param} = {path}: the new table could not replace the table {table} ({reason}); that table is kept as it "
            "was. Close other programs that use the file (or choose another table name) and run the tool again."
        ).format(param=current.param, path=gpkg, table=current.final, reason=reason)) from None
    finally:
        ds = None


def _sides(path: str) -> List[str]:
    return [path] + [path + s for s in _SIDE_SUFFIXES]


def discard(staged: List[Staged]) -> None:
    """After a failure or a cancel: remove every temporary output; the destination is as it was."""
    import shutil

    for s in staged:
        if s.gpkg:
            _drop_table(s.gpkg, s.temp)
        elif s.folder or s.holder:
            shutil.rmtree(s.holder or s.temp, ignore_errors=True)
            _remove_made(s.made, os.path.dirname(s.final))
        else:
            for p in _sides(s.temp):
                if os.path.isfile(p):
                    try:
                        os.remove(p)
                    except OSError:
                        pass


def _remove_made(made: Optional[str], folder: str) -> None:
    """Remove ``folder`` and the folders above it up to ``made`` (the topmost one a run created), when empty."""
    if not made:
        return
    while folder and os.path.commonpath([made, folder]) == made:
        try:
            os.rmdir(folder)
        except OSError:
            return
        if folder == made:
            return
        folder = os.path.dirname(folder)


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


def _not_ours(t: Target, name: str, signature: dict) -> str:
    """Why the GeoPackage ``name`` that the algorithm updates in place inside the output folder ``t.path`` must not
    be updated: it holds tables but is not one the algorithm wrote, i.e. lacks a table of ``signature`` (table ->
    fields it always has); "" when it may be (absent, empty, or the algorithm's own). Its tables of the algorithm's
    names would be replaced, e.g. a user's own villages in plan.gpkg, given to the chain's first step (the export
    never sees that input)."""
    if not signature:
        return ""
    fields = table_fields(os.path.join(t.path, name))  # (opened once)
    if not [n for n in fields if n != "layer_styles"]:
        return ""
    lacking = [n for n in signature if n not in fields] or foreign_in(fields, signature)
    if not lacking:
        return ""
    table = lacking[0]
    return tr("{param} = {folder} holds a {name} that this tool did not write (its table '{table}' is missing or has "
              "no field {fields}): this tool writes its tables into {name} and would replace those of the same "
              "name. Choose another output folder, or move {name} away; it is left as it is.").format(
        param=t.param, folder=t.path, name=name, table=table, fields=", ".join(signature[table]))


def overwrites_input(param: str, path: str, input_param: str, input_path: str,
                     folder: bool = False) -> OutputConflictError:
    """The refusal of the output ``param`` = ``path`` that would overwrite the input ``input_param`` (its file or
    table ``input_path``): a file or table output naming an input, or an output folder that would receive a file of
    an input's name (``folder``). One rule and one wording for both (they had a text each)."""
    fix = tr("Choose another output folder") if folder else tr(
        "Choose another file name (or, in a GeoPackage, a new table name)")
    return OutputConflictError(tr("{out} = {path} would overwrite the input {inp} ({what}). {fix}; inputs are never "
                                  "changed.").format(out=param, path=path, inp=input_param, what=input_path, fix=fix))


def _folder_overwrites(param: str, folder: str, name: str, input_param: str,
                       table: Optional[str] = None) -> OutputConflictError:
    """The refusal of an output folder whose file ``name`` (its ``table``) is an input of the run (before the run,
    from the algorithm's ``OUTPUT_FILES`` and ``FOLDER_UPDATES``, and after it, from what it really wrote)."""
    return overwrites_input(param, folder, input_param, os.path.join(folder, name) + (
        f"|layername={table}" if table else ""), folder=True)


def _overwritten_inputs(staged: List[Staged], inputs) -> None:
    """Raise :class:`OutputConflictError` when a file written into a temporary output folder would replace an
    input of the run. What the run really wrote is checked, so a file missing from the algorithm's ``OUTPUT_FILES``
    is caught too (an input held in a file it updates, ``FOLDER_UPDATES``, is refused before the run)."""
    for s in staged:
        if not s.folder:
            continue
        for root, _dirs, files in os.walk(s.temp):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), s.temp)
                hit = _hits(inputs, os.path.join(s.final, rel))
                if hit:
                    raise _folder_overwrites(s.param, s.final, rel, hit[0][0])


def _replace_from(s: Staged) -> None:
    """Move the files of a replaced GeoPackage / Shapefile from its temporary folder onto the user's file; a side
    file of the old one that the new one has not (a GeoPackage's -wal, a Shapefile's .qix) goes first."""
    import shutil

    folder = os.path.dirname(s.final)
    new = set(os.listdir(s.holder))
    stem = os.path.splitext(s.final)[0]
    old = _sides(s.final) + ([stem + x for x in _SHAPEFILE_SIDES] if s.final.lower().endswith(".shp") else [])
    for path in old:
        if os.path.basename(path) not in new and os.path.isfile(path):
            os.remove(path)
    main = os.path.basename(s.final)
    for name in sorted(new, key=lambda n: n == main):  # the main file last: it is complete once it is there
        os.replace(os.path.join(s.holder, name), os.path.join(folder, name))
    shutil.rmtree(s.holder, ignore_errors=True)


def commit(staged: List[Staged], results, context=None, inputs=None):
    """Rename the temporary outputs to their names; the results (and the layers QGIS loads) name the final paths.
    ``inputs`` (:func:`inputs_of`): nothing is renamed when a file of an output folder would replace one of them."""
    import shutil

    if inputs:
        _overwritten_inputs(staged, inputs)
    # the replaced GeoPackage tables first, one transaction a file: when one cannot be swapped in, nothing has moved
    tables: Dict[str, List[Staged]] = {}
    for s in staged:
        if s.gpkg:
            tables.setdefault(s.gpkg, []).append(s)
    for gpkg, items in tables.items():
        _swap_tables(gpkg, items)
    for s in staged:
        if s.gpkg:
            continue
        if s.folder:
            _repoint_projects(s)
            os.makedirs(s.final, exist_ok=True)
            for root, _dirs, files in os.walk(s.temp):
                dest = os.path.join(s.final, os.path.relpath(root, s.temp))
                os.makedirs(dest, exist_ok=True)
                for name in files:
                    os.replace(os.path.join(root, name), os.path.join(dest, name))
            shutil.rmtree(s.temp, ignore_errors=True)
        elif s.holder:
            _replace_from(s)
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
