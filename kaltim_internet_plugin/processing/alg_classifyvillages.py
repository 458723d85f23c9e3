"""kaltiminternet:classifyvillages — covered / partial / blank spot per village from a coverage raster.

The rules live in :mod:`..core.classify` (documented there); this module reads the layers, transforms the
village geometries and office points to the raster's CRS, joins offices by village code and writes the output.
"""
from __future__ import annotations

import json
import os

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsProcessingException

from ..compat import FieldType
from ..core import classify as cl
from ..core.coverage_settings import RANGES
from ..core.villages import detect_fields
from ..errors import describe
from ..i18n import tr
from ..input_text import parse_population
from ..io.classify_layers import read_village_inputs
from ..io.offices import OfficeError, check_office_positions, read_offices
from ..io.styles import status_labels, style_status
from .base import KaltimAlgorithm
from .checks import warn_village_defects
from .params import add_enum, add_fields, add_number, add_outputs, add_raster, add_sink, add_source, resolve_settings

KINDS = ("auto", "dbm", "los")
NEW_FIELDS = [("cov_share", FieldType.Double), ("office_dbm", FieldType.Double), ("best_dbm", FieldType.Double),
              ("status", FieldType.String), ("pop_covered", FieldType.Int), ("nodata_share", FieldType.Double),
              ("status_note", FieldType.String), ("n_cells", FieldType.Int)]
LOS_FIELDS = [("best_los", FieldType.Int), ("office_los", FieldType.Int)]
REPORTED_FIELDS = [("reported_sig", FieldType.String), ("agreement", FieldType.String)]


def reported_labels() -> dict:
    return {"4G": "4G", "3G": "3G", "2G": "2G", "signal": tr("signal (type unknown)"), "none": tr("no signal"),
            "unknown": tr("unknown"), "total": tr("total")}


class ClassifyVillagesAlgorithm(KaltimAlgorithm):
    ALG_ID = "classifyvillages"
    GROUP_ID = "coverage"

    def initAlgorithm(self, config=None):
        add_source(self, "VILLAGES", tr("Villages (polygons or points)"), ("polygon", "point"))
        add_raster(self, "COVERAGE", tr("Coverage raster (dBm or line of sight)"))
        add_number(self, "THRESHOLD_DBM", tr("Signal threshold, dBm (empty = the coverage raster's setting)"), None,
                   *RANGES["threshold_dbm"], optional=True)  # the core's range, as every tool's
        add_number(self, "COVERED_SHARE", tr("Share of the village for 'covered' (0-1)"), cl.COVERED_SHARE, 0.0, 1.0)
        add_number(self, "PARTIAL_SHARE", tr("Share of the village for 'partial' (0-1)"), cl.PARTIAL_SHARE, 0.0, 1.0)
        add_source(self, "OFFICES", tr("Village offices (points, optional)"), ("point",), optional=True)
        add_fields(self, "VILLAGES", [("CODE_FIELD", tr("Village code field (auto-detected if empty)"))])
        add_fields(self, "OFFICES", [("OFFICE_CODE_FIELD", tr("Office village code field (auto-detected if empty)"))])
        add_fields(self, "VILLAGES", [("POPULATION_FIELD", tr("Population field (auto-detected if empty)")),
                                      ("REPORTED_FIELD", tr("Reported signal field (e.g. Podes R705D, optional)"))])
        add_enum(self, "COVERAGE_KIND", tr("Coverage raster holds"),
                 [tr("Automatic (from the raster)"), tr("Signal in dBm"), tr("Number of sites in line of sight")],
                 optional=True, advanced=True)
        add_sink(self, "OUTPUT", tr("Classified villages"))
        add_outputs(self, "number", [
            ("COVERED", tr("Covered villages")), ("PARTIAL", tr("Partially covered villages")),
            ("BLANK_SPOT", tr("Blank-spot villages")), ("POP_COVERED", tr("Population covered (est.)"))])
        add_outputs(self, "string", [("CONFUSION", tr("Confusion table model x reported (JSON)")),
                                     ("AGREEMENT", tr("Agreement counts (JSON)")),
                                     ("COVERAGE_KIND", tr("Coverage raster kind used"))])

    # ------------------------------------------------------------------------------------------ run
    def processAlgorithm(self, parameters, context, feedback):
        source, raster = self._layers(parameters, context)
        threshold = resolve_settings(self, parameters, context, feedback, raster.source()).threshold_dbm
        covered_share, partial_share, kind_choice = self._shares(parameters, context)
        mapping, reported_field = self._fields(parameters, context, feedback, source)
        offices = self._offices(parameters, context, raster.crs(), mapping, feedback)
        read = read_village_inputs(source, raster.crs(), context.transformContext(), mapping.code, mapping.scheme,
                                   mapping.population, reported_field, offices, feedback)
        if read.canceled:
            return {}
        self._check_read(read, offices, raster, mapping, feedback)
        try:
            results, stats = cl.classify_villages(
                raster.source(), read.inputs, threshold_dbm=threshold, covered_share=covered_share,
                partial_share=partial_share, kind=None if kind_choice == "auto" else kind_choice,
                progress=lambda p: feedback.setProgress(10 + 0.8 * p), is_canceled=feedback.isCanceled)
        except cl.ClassifyCanceled:
            return {}
        except cl.ClassifyError as exc:
            raise QgsProcessingException(tr("Village classification failed: {error}").format(
                error=describe(exc))) from None
        los = stats.kind == "los"
        if los:
            feedback.pushInfo(tr("The coverage raster holds line-of-sight counts: a cell is covered when at least "
                                 "one site is visible; THRESHOLD_DBM is not used."))
        else:
            feedback.pushInfo(tr("The coverage raster holds signal in dBm; threshold {t} dBm.").format(t=threshold))
        dest = self._write(parameters, context, feedback, source, read.features, results, los, bool(reported_field))
        if dest is None:
            return {}
        summary = cl.result_summary(results)
        self._warn_unmeasured(feedback, read, mapping.code, results, stats, raster.name())
        confusion, agreement = self._report(feedback, results, stats, summary, bool(offices), bool(reported_field))
        feedback.setProgress(100)
        self.style_on_completion(dest, style_status)
        counts = stats.counts
        return {"OUTPUT": dest, "COVERED": counts["covered"], "PARTIAL": counts["partial"],
                "BLANK_SPOT": counts["blank_spot"], "POP_COVERED": summary["pop_covered"], "CONFUSION": confusion,
                "AGREEMENT": agreement, "COVERAGE_KIND": stats.kind}

    # ------------------------------------------------------------------------------------------ steps
    def _layers(self, parameters, context):
        source = self.parameterAsSource(parameters, "VILLAGES", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "VILLAGES"))
        raster = self.parameterAsRasterLayer(parameters, "COVERAGE", context)
        if raster is None or not raster.isValid():
            raise QgsProcessingException(tr("Cannot read the coverage raster: {src}.").format(
                src=parameters.get("COVERAGE")))
        if raster.providerType() != "gdal":
            raise QgsProcessingException(tr("The coverage raster must be a file (GeoTIFF) read by GDAL."))
        if not raster.crs().isValid():
            raise QgsProcessingException(tr("The coverage raster has no CRS: set it in its layer properties."))
        if not source.sourceCrs().isValid():
            raise QgsProcessingException(tr("The village layer has no CRS: set it in its layer properties."))
        return source, raster

    def _shares(self, parameters, context):
        covered_share = self.parameterAsDouble(parameters, "COVERED_SHARE", context)
        partial_share = self.parameterAsDouble(parameters, "PARTIAL_SHARE", context)
        if partial_share > covered_share:
            raise QgsProcessingException(
                tr("PARTIAL_SHARE ({p}) must not be larger than COVERED_SHARE ({c}).").format(
                    p=partial_share, c=covered_share))
        return covered_share, partial_share, KINDS[self.parameterAsEnum(parameters, "COVERAGE_KIND", context)]

    def _fields(self, parameters, context, feedback, source):
        names = source.fields().names()
        mapping = detect_fields(names, {"code": self.parameterAsString(parameters, "CODE_FIELD", context),
                                        "population": self.parameterAsString(parameters, "POPULATION_FIELD",
                                                                             context)})
        reported_field = self.parameterAsString(parameters, "REPORTED_FIELD", context)
        feedback.pushInfo(tr("Village fields: code={code}, population={pop}, reported={rep}").format(
            code=mapping.code or "-", pop=mapping.population or "-", rep=reported_field or "-"))
        if parameters.get("OFFICES") and not mapping.code:
            raise QgsProcessingException(
                tr("Offices are joined by village code, but no code field was found in the village layer "
                   "(fields: {fields}). Set CODE_FIELD.").format(fields=", ".join(names)))
        return mapping, reported_field

    def _offices(self, parameters, context, raster_crs, mapping, feedback) -> dict:
        offices = self.parameterAsSource(parameters, "OFFICES", context) if parameters.get("OFFICES") else None
        if offices is None:
            return {}
        try:
            return read_offices(offices, self.parameterAsString(parameters, "OFFICE_CODE_FIELD", context),
                                raster_crs, mapping.scheme, context, feedback)
        except OfficeError as exc:
            raise QgsProcessingException(str(exc)) from None

    def _check_read(self, read, offices, raster, mapping, feedback):
        if not read.inputs:
            raise QgsProcessingException(tr("The village layer holds no features."))
        parse_population(read.inputs, [f.id() for f in read.features], mapping.population, feedback)
        if offices and read.no_office:
            feedback.pushWarning(tr("{n} villages have no office point with their code; they are classified by "
                                    "their share alone.").format(n=read.no_office))
        if not any(v.wkb for v in read.inputs):
            raise QgsProcessingException(tr("The villages have no usable geometry."))
        if offices:
            self._check_offices(read, raster, mapping, feedback)
        warn_village_defects(read.invalid, read.duplicates(), feedback,
                             tr("its share of covered cells may be wrong"))
        if not read.extent.intersects(raster.extent()):
            raise QgsProcessingException(
                tr("The villages do not overlap the coverage raster {name}: villages {v} vs raster {r} (in "
                   "{crs}). Check both layers' CRS, or use the coverage raster computed for these villages.")
                .format(name=raster.name(), v=read.extent.toString(1), r=raster.extent().toString(1),
                        crs=raster.crs().authid()))

    def _check_offices(self, read, raster, mapping, feedback):
        def label(i):
            value = read.features[i][mapping.code] if mapping.code else None
            return f"{read.features[i].id()} ({'' if value is None else value})"

        check_office_positions(read.inputs, raster.crs(), label, feedback)

    def _write(self, parameters, context, feedback, source, feats, results, los, with_reported):
        """The output layer: every input field plus classify's; None when canceled."""
        new_fields = list(NEW_FIELDS) + (LOS_FIELDS if los else []) + (REPORTED_FIELDS if with_reported else [])
        fields = QgsFields(source.fields())
        for name, vtype in new_fields:
            if fields.lookupField(name) < 0:
                fields.append(QgsField(name, vtype))
        index = {name: fields.lookupField(name) for name, _ in new_fields}
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(),
                                          source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        for feat, res in zip(feats, results):
            if feedback.isCanceled():
                return None
            attrs = list(feat.attributes()) + [None] * (fields.count() - len(feat.attributes()))
            for name, value in cl.output_values(res, los, with_reported).items():
                attrs[index[name]] = value
            out = QgsFeature(fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(attrs)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        return dest

    @staticmethod
    def _named(read, code_field, ids, most: int = 10) -> str:
        """'feature 12 (64.74.01.1001), …' for the first ``most`` villages of ``ids`` (VillageInput ids = their order
        in ``read``), with '…' when there are more."""
        i_code = read.features[0].fields().lookupField(code_field) if code_field and read.features else -1
        names = []
        for i in ids[:most]:
            feat = read.features[i]
            code = feat.attributes()[i_code] if i_code >= 0 else None
            names.append(tr("feature {fid} ({code})").format(fid=feat.id(), code=code if code not in (None, "")
                                                             else "-"))
        return ", ".join(names) + (" …" if len(ids) > most else "")

    def _warn_unmeasured(self, feedback, read, code_field, results, stats, raster_name):
        """Villages without geometry, and villages whose signal is mostly not measured (DEM holes), named."""
        if stats.no_geometry:
            feedback.pushWarning(tr("{n} villages have no geometry, so they are counted as blank spot: {names}. "
                                    "Digitise them or delete the stray rows ('Check village layer' lists them), "
                                    "then classify again.").format(
                n=len(stats.no_geometry), names=self._named(read, code_field, stats.no_geometry)))
        dark = [r.id for r in cl.unmeasured(results)]
        if stats.dem_path:
            beyond = sum(1 for r in results if r.nodata_share > cl.NODATA_SHARE_WARN and r.dem_nodata_share is not None
                         and r.dem_nodata_share <= cl.NODATA_SHARE_WARN)
            if beyond:
                feedback.pushInfo(tr("{n} villages are more than half nodata in the coverage raster where the DEM "
                                     "has elevations: they are beyond the range of every site (no signal).").format(
                    n=beyond))
        if not dark:
            return
        names = self._named(read, code_field, dark)
        if stats.dem_path:
            labels = status_labels()
            statuses = sorted({r.status for r in results if r.id in set(dark)})
            feedback.pushWarning(tr(
                "{n} villages lie mostly on DEM nodata (holes or outside the DEM {dem} the coverage was computed "
                "on): their signal is not measured, so their status ({statuses}) is not measured either: {names}. "
                "Compute coverage with a DEM that covers them (fill the holes: Raster > Analysis > Fill nodata), "
                "then classify again; until then do not plan them from this status.").format(
                n=len(dark), dem=os.path.basename(stats.dem_path), names=names,
                statuses=", ".join(labels.get(s, s) for s in statuses)))
        else:
            feedback.pushWarning(tr(
                "{n} villages are more than half nodata in the coverage raster {raster}: {names}. Nodata is either "
                "beyond the range of every site (no signal) or a hole in the DEM (signal not measured); the raster "
                "does not say which DEM it was computed on, so their status is uncertain (see nodata_share). If the "
                "DEM has holes there, compute coverage with a DEM that covers them, then classify again.").format(
                n=len(dark), raster=raster_name, names=names))

    def _report(self, feedback, results, stats, summary, with_offices, with_reported):
        """The run's summary in the log; (confusion JSON, agreement JSON) with a reported field, else ("", "")."""
        counts = stats.counts
        feedback.pushInfo(tr("{cov} covered, {par} partial, {blank} blank spot ({n} villages); population "
                             "covered (est.) {pop}.").format(cov=counts["covered"], par=counts["partial"],
                                                            blank=counts["blank_spot"], n=len(results),
                                                            pop=summary["pop_covered"]))
        if stats.outside:
            feedback.pushWarning(tr("{n} villages lie entirely outside the coverage raster (counted as not "
                                    "covered).").format(n=len(stats.outside)))
        if with_offices:
            feedback.pushInfo(tr("Office rule: {a} villages not covered because the office has no signal; {b} "
                                 "villages partial instead of blank spot because the office has signal.").format(
                a=summary["office_no_signal"], b=summary["office_signal"]))
        if not with_reported:
            return "", ""
        table = cl.confusion_table(results)
        agree = cl.agreement_counts(results)
        feedback.pushInfo(tr("Confusion table (rows: model status, columns: reported signal):"))
        feedback.pushInfo(cl.format_confusion(table, row_labels=status_labels(), col_labels=reported_labels()))
        feedback.pushInfo(tr("Agreement: {a} agree, {m} model more optimistic, {less} model less optimistic.")
                          .format(a=agree["agree"], m=agree["model_more"], less=agree["model_less"]))
        return json.dumps(table), json.dumps(agree)


ALGORITHM = ClassifyVillagesAlgorithm
