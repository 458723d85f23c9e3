"""plan.gpkg: copy the plan layers and tables, save each one's default style (``layer_styles``) and its metadata
(``gpkg_metadata``), carrying the "estimated"/"synthetic" flags into the title, abstract and keywords.

Works on QGIS 3.22 and later: ``QgsMapLayer.saveDefaultMetadata()`` on an OGR GeoPackage layer writes the QGIS
metadata into ``gpkg_metadata`` / ``gpkg_metadata_reference`` (the provider's ``saveLayerMetadata``).
``saveStyleToDatabase`` on 3.22 hangs when a style with the same name already exists for the table, so the
old rows of the tables we write are deleted (sqlite3) first, with no layer of the file open.
"""
from __future__ import annotations

import datetime
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsFeatureRequest,
    QgsLayerMetadata,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from ..compat import FieldType, save_style_to_database
from ..i18n import tr
from ..io.gpkg_tables import drop_tables as drop_gpkg_tables
from .tables import money_one_decimal

FLAG_FIELDS = ("pop_flag", "source", "flag", "data_flag", "population_flag")
FLAG_VALUES = ("estimated", "synthetic")


@dataclass
class PackageEntry:
    """One layer or table of plan.gpkg."""

    name: str  # layer name in the GeoPackage
    layer: QgsVectorLayer  # source (any provider)
    title: str  # Indonesian title
    description: str  # what it is (Indonesian)
    style: Optional[Callable] = None  # function(layer) that sets the export style
    flags: List[str] = field(default_factory=list)
    written: Optional[QgsVectorLayer] = None


def detect_flags(layer) -> List[str]:
    """'estimated' / 'synthetic' when a flag field (pop_flag, source, ...) carries that value."""
    found = []
    if layer is None:
        return found
    names = [f.name() for f in layer.fields()]
    candidates = [n for n in names if n.lower() in FLAG_FIELDS or n.lower().endswith("_flag")]
    for name in candidates:
        idx = layer.fields().lookupField(name)
        try:
            values = {str(v).strip().lower() for v in layer.uniqueValues(idx, 50) if v is not None}
        except Exception:  # noqa: BLE001 - provider without uniqueValues support
            values = set()
        for flag in FLAG_VALUES:
            if flag in values and flag not in found:
                found.append(flag)
    return found


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def source_path_and_layer(layer) -> tuple:
    """(file path, layer name) of an OGR layer, else ('', '')."""
    if layer is None or layer.providerType() != "ogr":
        return "", ""
    parts = layer.source().split("|")
    path, lname = parts[0], ""
    for p in parts[1:]:
        if p.startswith("layername="):
            lname = p.split("=", 1)[1]
    return path, lname


def write_entry(entry: PackageEntry, gpkg: str) -> None:
    """Copy ``entry.layer`` into ``gpkg`` as ``entry.name`` (other layers of the file are kept). A layer that is
    already that table of that file is left as it is."""
    path, lname = source_path_and_layer(entry.layer)
    if path and _same_file(path, gpkg) and lname == entry.name:
        return
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = entry.name
    opts.fileEncoding = "UTF-8"
    opts.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer if os.path.exists(gpkg)
                                 else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
    writer = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None)
    if writer is not None:
        res = writer(entry.layer, gpkg, QgsCoordinateTransformContext(), opts)
    else:  # QGIS 3.22
        res = QgsVectorFileWriter.writeAsVectorFormatV2(entry.layer, gpkg, QgsCoordinateTransformContext(), opts)
    if res[0] != QgsVectorFileWriter.WriterError.NoError:
        raise RuntimeError(tr("Cannot write {name} into {path}: {error}").format(
            name=entry.name, path=gpkg, error=res[-1] if len(res) > 1 else res[0]))


def metadata_for(entry: PackageEntry, plan_title: str, today: Optional[str] = None) -> QgsLayerMetadata:
    today = today or datetime.date.today().isoformat()
    md = QgsLayerMetadata()
    md.setIdentifier(entry.name)
    md.setTitle(f"{entry.title} — {plan_title}")
    md.setType("dataset")
    md.setLanguage("ind")
    flags_text = []
    if "estimated" in entry.flags:
        flags_text.append("Penduduk desa PERKIRAAN (estimated): dibagi dari total kab/kota, bukan sensus per desa.")
    if "synthetic" in entry.flags:
        flags_text.append("Data SINTETIS (synthetic): menara/DEM contoh, bukan lokasi nyata.")
    src = entry.layer.source() if entry.layer is not None else ""
    if entry.layer is not None and entry.layer.providerType() == "memory":
        src = "memory"
    abstract = "\n".join([
        entry.description,
        f"Sumber: {src}",
        "Sumber batas wilayah: Kemendagri (cahyadsn/wilayah_boundaries, MIT).",
        f"Tanggal ekspor: {today}.",
        "Metode: plugin QGIS Internet Desa Kaltim — klasifikasi cakupan sinyal, prioritas, pilihan teknologi, "
        "peta jalan pendanaan (kaltiminternet:exportplan).",
        *flags_text,
    ])
    md.setAbstract(abstract)
    keywords = ["Kalimantan Timur", "internet desa", "blank spot", "rencana"]
    md.setKeywords({"gmd:topicCategory": ["utilitiesCommunication"], "kaltim": keywords + list(entry.flags)})
    if entry.flags:
        md.setKeywords({**md.keywords(), "flags": list(entry.flags)})
    md.setRights(["Batas wilayah: MIT (cahyadsn/wilayah_boundaries)"])
    md.setHistory([f"{today}: diekspor oleh kaltiminternet:exportplan dari {src}"])
    return md


def _delete_old_styles(gpkg: str, names: List[str]) -> None:
    con = sqlite3.connect(gpkg, timeout=30)
    try:
        has = con.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='layer_styles'").fetchone()[0]
        if has:
            con.executemany("DELETE FROM layer_styles WHERE f_table_name = ?", [(n,) for n in names])
            con.commit()
    finally:
        con.close()


def save_styles_and_metadata(entries: List[PackageEntry], gpkg: str, plan_title: str) -> None:
    """Reopen every written table from ``gpkg``, style it, save its default style and metadata."""
    _delete_old_styles(gpkg, [e.name for e in entries])
    for entry in entries:
        layer = QgsVectorLayer(f"{gpkg}|layername={entry.name}", entry.title, "ogr")
        if not layer.isValid():
            raise RuntimeError(tr("Cannot reopen {name} from {path}.").format(name=entry.name, path=gpkg))
        if entry.style is not None:
            entry.style(layer)
        layer.setMetadata(metadata_for(entry, plan_title))
        msg, ok = layer.saveDefaultMetadata()
        if not ok:
            raise RuntimeError(tr("Cannot save the metadata of {name}: {error}").format(name=entry.name, error=msg))
        err = save_style_to_database(layer, entry.name, entry.description, True, "")
        if err:
            raise RuntimeError(tr("Cannot save the style of {name}: {error}").format(name=entry.name, error=err))
        del layer


#: the tables an export writes into plan.gpkg besides villages and kabkota (always written), each only when it is given
EXPORT_TABLES = ("sites", "planned_sites", "roadmap_year_source", "training_plan", "operator_packages", "tower_sharing")
#: the method line of every table's description (gpkg_contents), as :func:`metadata_for` writes it: how a table an
#: earlier export wrote is told from a table another tool wrote into the same file
EXPORT_MARK = "(kaltiminternet:exportplan)"


def previous_export_tables(gpkg: str, written: List[str]) -> tuple:
    """(the tables an earlier export wrote into ``gpkg`` that this one, writing ``written``, does not: they describe
    another plan, the tables of another tool named like an export's table: kept). plan.gpkg keeps the other tools'
    tables (a monitoring import, a team's notes), so only an export's own names are looked at."""
    if not os.path.isfile(gpkg):
        return [], []
    names = [n for n in EXPORT_TABLES if n not in set(written)]
    con = sqlite3.connect(gpkg, timeout=30)
    try:
        found = dict(con.execute("SELECT table_name, coalesce(description, '') FROM gpkg_contents WHERE table_name IN "
                                 f"({', '.join('?' * len(names))})", names).fetchall()) if names else {}
    except sqlite3.DatabaseError:
        return [], []
    finally:
        con.close()
    ours = [n for n in names if n in found and EXPORT_MARK in found[n]]
    return ours, [n for n in names if n in found and n not in ours]


def drop_tables(gpkg: str, names: List[str]) -> None:
    """Drop ``names`` from the GeoPackage ``gpkg`` (io.gpkg_tables.drop_tables) and their saved styles."""
    if not names:
        return
    failed = drop_gpkg_tables(gpkg, names)
    if failed:
        raise RuntimeError(tr("Cannot remove {name} from {path}.").format(name=failed[0], path=gpkg))
    _delete_old_styles(gpkg, names)


def write_package(entries: List[PackageEntry], gpkg: str, plan_title: str, feedback=None) -> List[str]:
    """Write every entry into ``gpkg`` with style and metadata. Returns the layer names written."""
    Path(gpkg).parent.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        if feedback is not None and feedback.isCanceled():
            return []
        entry.flags = entry.flags or detect_flags(entry.layer)
        write_entry(entry, gpkg)
    save_styles_and_metadata(entries, gpkg, plan_title)
    return [e.name for e in entries]


# ---- atlas coverage: one polygon per kab/kota -----------------------------------------------------------------------
KAB_FIELD_CANDIDATES = ("kode_kab", "nama_kab", "kab_code", "kab_kota", "kabkota", "kabupaten", "wadmkk", "kab")
KAB_NAME_CANDIDATES = ("nama", "nama_kab", "name", "namobj", "wadmkk", "kabkota", "kab_kota")
KAB_CODE_CANDIDATES = ("kode", "kode_kab", "code", "kdpkab", "kab_code")
COVERAGE_STATS = ("villages", "covered", "partial", "blank_spot", "planned", "scheduled", "unfunded", "population",
                  "population_blank_spot", "capex_idr", "capex_scheduled_idr", "opex_idr_year", "planned_sites",
                  "service_unfunded", "over_capacity", "connected_today", "migrations", "migration_capex_idr")
# money the atlas page prints, written as the report's summaries write it (tables.money_one_decimal: Indonesian, one
# decimal at most): a QGIS expression cannot say "Rp 21 juta" the plugin's way, and format_number(x / 1e9, 1)
# printed "Rp 0,0 miliar"
COVERAGE_TEXTS = (("capex_scheduled_text", "capex_scheduled_idr"), ("migration_capex_text", "migration_capex_idr"))


def count_points_inside(coverage, points, field: str) -> None:
    """Write into ``field`` of every ``coverage`` polygon how many features of ``points`` lie inside it (e.g. the
    planned sites per kab/kota, which the atlas page's note reads)."""
    from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsProject

    idx = coverage.fields().lookupField(field)
    if idx < 0 or points is None or not points.isValid():
        return
    xform = QgsCoordinateTransform(points.crs(), coverage.crs(), QgsProject.instance().transformContext())
    geoms = []
    for f in points.getFeatures():
        g = QgsGeometry(f.geometry())
        if g.isNull() or g.isEmpty():
            continue
        g.transform(xform)
        geoms.append(g)
    counts = {f.id(): sum(1 for g in geoms if f.geometry().intersects(g)) for f in coverage.getFeatures()}
    coverage.dataProvider().changeAttributeValues({fid: {idx: n} for fid, n in counts.items()})


def detect_field(layer, candidates) -> str:
    lower = {f.name().lower(): f.name() for f in layer.fields()}
    for c in candidates:
        if c in lower:
            return lower[c]
    return ""


#: the atlas pages: the kab/kota that hold villages of the plan (a kab/kota whose villages are all connected
#: already still has its page); a KABKOTA polygon without any (a plan for part of the province) has none
ATLAS_FILTER = '"villages" > 0'


def kab_pages(coverage) -> int:
    """How many atlas pages ``coverage`` (:func:`kabkota_coverage`) gives: its features that :data:`ATLAS_FILTER`,
    the atlas's own filter, keeps (its kab/kota with villages)."""
    request = QgsFeatureRequest(QgsExpression(ATLAS_FILTER))
    request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    return sum(1 for _f in coverage.getFeatures(request))


def kabkota_coverage(villages, kab_field: str, kab_layer=None, stats: dict = None, names: dict = None,
                     feedback=None):
    """A memory polygon layer (villages' CRS) with ``kab`` (the villages' KAB_FIELD value), ``nama`` and the
    per kab/kota statistics. From ``kab_layer`` when given (each polygon gets the key most of the villages inside
    it carry), else by dissolving the villages by ``kab_field``. Returns (layer, names: key -> name)."""
    from collections import Counter, defaultdict

    from qgis.core import (
        QgsCoordinateTransform,
        QgsFeature,
        QgsField,
        QgsGeometry,
        QgsProject,
        QgsSpatialIndex,
        QgsWkbTypes,
    )

    stats = stats or {}
    names = dict(names or {})
    crs = villages.crs()
    out = QgsVectorLayer(f"MultiPolygon?crs={crs.authid() or 'EPSG:4326'}", "kabkota", "memory")
    if not crs.authid():
        out.setCrs(crs)
    fields = [QgsField("kab", FieldType.String), QgsField("nama", FieldType.String)]
    fields += [QgsField(s, FieldType.LongLong) for s in COVERAGE_STATS]
    fields += [QgsField(text, FieldType.String) for text, _ in COVERAGE_TEXTS]
    out.dataProvider().addAttributes(fields)
    out.updateFields()
    name_idx = villages.fields().lookupField("nama_kab")
    key_idx = villages.fields().lookupField(kab_field)
    geoms = defaultdict(list)
    points = []
    for f in villages.getFeatures():
        key = f.attributes()[key_idx]
        key = "" if key is None or str(key) == "NULL" else str(key)
        if name_idx >= 0 and not names.get(key):
            nm = f.attributes()[name_idx]
            if nm is not None and str(nm) != "NULL":
                names[key] = str(nm)
        g = f.geometry()
        if g is None or g.isEmpty():
            continue
        if kab_layer is None:
            if not g.isGeosValid():
                g = g.makeValid()
            geoms[key].append(g)
        else:
            points.append((key, g.pointOnSurface()))
    feats = []
    if kab_layer is None:
        for key in sorted(geoms):
            if feedback is not None and feedback.isCanceled():
                break
            union = QgsGeometry.unaryUnion(geoms[key])
            if union.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
                # office points: the hull of the kab/kota's points, widened a little so single points show
                pad = max(villages.extent().width(), villages.extent().height()) * 0.01 or 0.01
                union = union.convexHull().buffer(pad, 8)
            union.convertToMultiType()
            feats.append((key, union))
    else:
        xform = QgsCoordinateTransform(crs, kab_layer.crs(), QgsProject.instance().transformContext())
        back = QgsCoordinateTransform(kab_layer.crs(), crs, QgsProject.instance().transformContext())
        kab_feats = {f.id(): f for f in kab_layer.getFeatures()}
        index = QgsSpatialIndex()
        for f in kab_feats.values():
            index.addFeature(f)
        votes = defaultdict(Counter)
        for key, pt in points:
            p = QgsGeometry(pt)
            p.transform(xform)
            for fid in index.intersects(p.boundingBox()):
                if kab_feats[fid].geometry().contains(p):
                    votes[fid][key] += 1
                    break
        kname = detect_field(kab_layer, KAB_NAME_CANDIDATES)
        kcode = detect_field(kab_layer, KAB_CODE_CANDIDATES)
        for fid, f in kab_feats.items():
            if votes[fid]:
                key = votes[fid].most_common(1)[0][0]
            else:  # a polygon without villages: kept for the locator, the overview and plan.gpkg (the province
                # around the plan's kab/kota), keyed by its own code/name; no atlas page (ATLAS_FILTER)
                key = str(f[kcode] if kcode else f[kname] if kname else fid)
            if kname and not names.get(key) and f[kname] not in (None, ""):
                names[key] = str(f[kname])
            g = QgsGeometry(f.geometry())
            g.transform(back)
            g.convertToMultiType()
            feats.append((key, g))
    out_feats = []
    for key, g in sorted(feats, key=lambda kv: kv[0]):
        feat = QgsFeature(out.fields())
        feat.setGeometry(g)
        row = stats.get(key, {})
        feat.setAttributes([key, names.get(key, key)] + [int(row.get(s, 0) or 0) for s in COVERAGE_STATS]
                           + [money_one_decimal(int(row.get(s, 0) or 0)) for _, s in COVERAGE_TEXTS])
        out_feats.append(feat)
    out.dataProvider().addFeatures(out_feats)
    out.updateExtents()
    return out, names


# ---- provenance of the plan's input data (the printed sources line) -------------------------------------------------
#: the printed word of each flag: the sources line says what of the plan's inputs is not real data
FLAG_WORDS_ID = {"estimated": "PERKIRAAN", "synthetic": "SINTETIS", "illustrative": "ILUSTRATIF"}
#: a provenance file beside the data: {file name: {"what": Indonesian name of the data, "flag": a FLAG_WORDS_ID key
#: or "", "as_of": its date or basis, printed in brackets}} (resources/sample/provenance.json for the sample)
PROVENANCE_FILE = "provenance.json"


@dataclass
class Provenance:
    what: str  # Indonesian: "DEM", "tutupan lahan", "status program", ...
    flag: str = ""  # a FLAG_WORDS_ID key, or '' (real data)
    as_of: str = ""  # its date or basis, e.g. "per Januari 2026"

    def text(self) -> str:
        out = self.what + (f" {FLAG_WORDS_ID[self.flag]}" if self.flag in FLAG_WORDS_ID else "")
        return out + (f" ({self.as_of})" if self.as_of else "")


def _provenance_entry(path: str) -> dict:
    """The entry of ``path``'s file in the provenance file beside it ({} without one)."""
    import json

    sidecar = os.path.join(os.path.dirname(path), PROVENANCE_FILE)
    try:
        with open(sidecar, encoding="utf-8") as fh:
            entries = json.load(fh)
    except (OSError, ValueError):
        return {}
    entry = entries.get(os.path.basename(path)) if isinstance(entries, dict) else None
    return entry if isinstance(entry, dict) else {}


def _file_flag(uri: str) -> str:
    """The flag the data itself carries: a raster's SOURCE metadata, a vector layer's flag fields (:func:
    :`detect_flags`; the layer the uri names, ``x.gpkg|layername=...``, else the file's first), or a table file
    named so (``..._ILLUSTRATIVE.csv``, ``..._synthetic.xlsx``)."""
    path = str(uri).split("|", 1)[0]
    name = os.path.basename(path).lower()
    if name.endswith((".tif", ".tiff", ".vrt", ".asc", ".img")):
        from osgeo import gdal

        ds = gdal.Open(path)
        source = (ds.GetMetadataItem("SOURCE") or "").strip().lower() if ds is not None else ""
        return source if source in FLAG_WORDS_ID else ""
    if name.endswith((".gpkg", ".shp", ".geojson", ".fgb")):
        layer = QgsVectorLayer(str(uri), "provenance", "ogr")
        flags = detect_flags(layer) if layer.isValid() else []
        return flags[0] if flags else ""
    for flag, words in (("illustrative", ("illustrative", "ilustratif")), ("synthetic", ("synthetic", "sintetis")),
                        ("estimated", ("estimated", "perkiraan"))):
        if any(w in name for w in words):
            return flag
    return ""


def input_provenance(uri: str) -> Optional[Provenance]:
    """What an input of the plan is and whether it is real: its flag read from the data (:func:`_file_flag`), its
    name and date from the provenance file beside it; None for an input that is real and has no such entry."""
    path = str(uri).split("|", 1)[0]
    if not path or not os.path.exists(path):
        return None
    entry = _provenance_entry(path)
    flag = _file_flag(uri) or str(entry.get("flag") or "")
    what = str(entry.get("what") or "")
    as_of = str(entry.get("as_of") or "")
    if not what and not flag:
        return None
    return Provenance(what or os.path.basename(path), flag if flag in FLAG_WORDS_ID else "", as_of)
