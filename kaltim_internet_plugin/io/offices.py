"""Village office points joined to villages by code: classify and site selection read them the same way."""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSource,
)

from ..core.numbers import plain
from ..core.villages import detect_fields, parse_code
from ..i18n import tr
from ..input_text import first_listed

SKIP_CHECKS = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks


class OfficeError(ValueError):
    pass


def code_key(value, scheme: str) -> str:
    """Village code for joining: normalised Kemendagri/BPS form when parseable, else the trimmed text."""
    value = plain(value)
    if value is None:
        return ""
    parsed = parse_code(value, scheme or "kemendagri")
    return parsed.normalized if parsed.ok else str(value).strip()


def read_offices(offices, code_override: str, target_crs, scheme: str, context, feedback) -> dict:
    """{village code key: (x, y) in ``target_crs``} from an office point source. Raises :class:`OfficeError` with
    the translated fix when the layer has no code field or no CRS."""
    names = offices.fields().names()
    mapping = detect_fields(names, {"code": code_override or ""})
    if not mapping.code:
        raise OfficeError(tr("No village code field found in the offices layer (fields: {fields}). Set "
                             "OFFICE_CODE_FIELD.").format(fields=", ".join(names)))
    if not offices.sourceCrs().isValid():
        raise OfficeError(tr("The offices layer has no CRS: set it in its layer properties."))
    transform = QgsCoordinateTransform(offices.sourceCrs(), target_crs, context.transformContext())
    idx = offices.fields().lookupField(mapping.code)
    result, dupes = {}, 0
    features = offices.getFeatures(QgsFeatureRequest(), SKIP_CHECKS) if isinstance(
        offices, QgsProcessingFeatureSource) else offices.getFeatures()
    for feat in features:
        geom = feat.geometry()
        if geom is None or geom.isNull() or geom.isEmpty():
            continue
        key = code_key(feat.attributes()[idx], scheme)
        if not key:
            continue
        if key in result:
            dupes += 1
            continue
        g = geom.centroid() if geom.isMultipart() else geom
        try:
            pt = transform.transform(g.asPoint())
        except Exception:  # noqa: BLE001 - an office that cannot be transformed is skipped
            continue
        result[key] = (pt.x(), pt.y())
    feedback.pushInfo(tr("Offices: {n} read (code field {field}).").format(n=len(result), field=mapping.code))
    if dupes:
        feedback.pushWarning(tr("{n} offices repeat a village code; the first one is used.").format(n=dupes))
    return result


def offices_outside(pairs, geographic: bool) -> list:
    """The villages whose office point lies well outside the village: ``pairs`` of (id, village WKB, office (x, y))
    in one CRS; an office counts as outside when it is beyond the village's bounding box grown by a quarter of its
    size and 200 m (0.002 degrees in a geographic CRS), so an office drawn just past a boundary is not named, one
    in the wrong CRS is. Returns the ids."""
    pad = 0.002 if geographic else 200.0
    out = []
    for vid, wkb, office in pairs:
        if not wkb or office is None:
            continue
        g = QgsGeometry()
        g.fromWkb(wkb)
        box = g.boundingBox()
        box.grow(0.25 * max(box.width(), box.height()) + pad)
        if not box.contains(QgsPointXY(*office)):
            out.append(vid)
    return out


def check_office_positions(inputs, crs, label, feedback) -> None:
    """Offices in the wrong CRS (or with wrong coordinates) would test the signal somewhere else and turn their
    villages from covered to partial: refused (QgsProcessingException) when no office lies at its village, named in
    the log when some do not. ``inputs``: core.classify.VillageInput (WKB and office in ``crs``); ``label(id)``:
    how the log names a village (feature id and code)."""
    joined = [v for v in inputs if v.office is not None and v.wkb]
    outside = set(offices_outside(((v.id, v.wkb, v.office) for v in joined), crs.isGeographic()))
    if not outside:
        return
    if len(outside) == len(joined):
        first = joined[0]
        g = QgsGeometry()
        g.fromWkb(first.wkb)
        centre = g.boundingBox().center()
        raise QgsProcessingException(tr(
            "None of the {n} office points lies at its village (the office of {code} is at {x:.1f}, {y:.1f} in "
            "{crs}, its village around {vx:.1f}, {vy:.1f}): the offices layer's CRS is probably wrong (e.g. "
            "degrees declared as metres). Set its CRS in the layer properties, or leave OFFICES empty.").format(
            n=len(joined), code=label(first.id), x=first.office[0], y=first.office[1], crs=crs.authid(),
            vx=centre.x(), vy=centre.y()))
    feedback.pushWarning(tr(
        "{n} of {total} office points lie far outside their village (feature id and code: {list}): the office "
        "rule tests the signal there. Check those offices' coordinates.").format(
        n=len(outside), total=len(joined), list=first_listed(label(i) for i in sorted(outside))))
