"""The village layer as :class:`..core.classify.VillageInput` (kaltiminternet:classifyvillages): geometries in the
coverage raster's CRS as WKB, the office joined by village code, population and the reported signal as read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsGeometry, QgsProcessingFeatureSource, QgsRectangle

from ..compat import set_rect_null
from ..core import classify as cl
from ..core.numbers import plain
from .layers import geometry_problem
from .offices import code_key

# invalid polygons rasterise (GDAL), so they are read as they are; the algorithm names them (and duplicate codes) as
# warnings with the fix, checkvillages reports them in full and repairvillages fixes them
SKIP_CHECKS = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks


@dataclass
class VillageRead:
    features: list = field(default_factory=list)
    inputs: List[cl.VillageInput] = field(default_factory=list)
    extent: Optional[QgsRectangle] = None  # of the transformed geometries, in the raster's CRS
    no_office: int = 0  # villages without an office point of their code (when offices are given)
    canceled: bool = False
    invalid: list = field(default_factory=list)  # (feature id, code, GEOS error) of invalid geometries
    codes: dict = field(default_factory=dict)  # code -> [feature ids] (to name duplicate codes)

    def duplicates(self) -> dict:
        """Codes used by more than one feature -> their feature ids (the roadmap refuses them later)."""
        return {c: fids for c, fids in self.codes.items() if len(fids) > 1}


def read_village_inputs(source, raster_crs, transform_context, code_field: str, scheme: str, population_field: str,
                        reported_field: str, offices: dict, feedback=None) -> VillageRead:
    """Every feature of ``source`` as a VillageInput (id = its order); the population stays raw (parse it as one
    column afterwards). A geometry that cannot be transformed counts as empty."""
    transform = QgsCoordinateTransform(source.sourceCrs(), raster_crs, transform_context)
    fields = source.fields()
    i_code = fields.lookupField(code_field) if code_field else -1
    i_pop = fields.lookupField(population_field) if population_field else -1
    i_rep = fields.lookupField(reported_field) if reported_field else -1
    out = VillageRead(extent=QgsRectangle())
    set_rect_null(out.extent)
    total = max(1, source.featureCount())
    for n, feat in enumerate(source.getFeatures(QgsFeatureRequest(), SKIP_CHECKS)):
        if feedback is not None and feedback.isCanceled():
            out.canceled = True
            return out
        geom = feat.geometry()
        wkb = b""
        attrs = feat.attributes()
        code = str(plain(attrs[i_code]) or "").strip() if i_code >= 0 else ""
        if code:
            out.codes.setdefault(code, []).append(feat.id())
        if geom is not None and not geom.isNull() and not geom.isEmpty():
            _empty, error = geometry_problem(geom)
            if error:  # rasterised as it is, but said (fixed by repairvillages)
                out.invalid.append((feat.id(), code, error))
            g = QgsGeometry(geom)
            try:
                g.transform(transform)
                wkb = bytes(g.asWkb())
                out.extent.combineExtentWith(g.boundingBox())
            except Exception:  # noqa: BLE001 - a geometry that cannot be transformed is treated as empty
                wkb = b""
        office = None
        if offices:
            office = offices.get(code_key(attrs[i_code], scheme))
            if office is None:
                out.no_office += 1
        out.inputs.append(cl.VillageInput(id=n, wkb=wkb, office=office,
                                          population=plain(attrs[i_pop]) if i_pop >= 0 else None,
                                          reported=plain(attrs[i_rep]) if i_rep >= 0 else None,
                                          has_reported=i_rep >= 0))
        out.features.append(feat)
        if feedback is not None and n % 200 == 0:
            feedback.setProgress(10.0 * n / total)
    return out
