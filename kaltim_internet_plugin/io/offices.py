"""Village office points joined to villages by code: classify and site selection read them the same way."""
from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsProcessingFeatureSource

from ..core.numbers import plain
from ..core.villages import detect_fields, parse_code
from ..i18n import tr

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
