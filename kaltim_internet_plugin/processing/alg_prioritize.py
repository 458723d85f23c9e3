"""kaltiminternet:prioritize — multi-criteria priority score and rank per village (core.priority)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from qgis.core import QgsFeature, QgsFeatureSink, QgsProcessingException

from ..core.priority import CRITERIA, PRESETS, WeightsError, compute_priority, format_weights, parse_weights
from ..core.villages import detect_fields
from ..errors import describe
from ..i18n import tr
from ..input_text import first_listed, report_issues
from ..io.priority_inputs import criterion_fields, fields_used_text, gather_criteria, missing_criteria, score_fields
from ..io.priority_layers import FIELD_PARAMS, find_field, merged_attributes, output_fields, read_table
from ..io.styles_priority import attach_style
from ..labels import criterion_labels, preset_labels
from .base import KaltimAlgorithm
from .checks import table_defects, warn_village_defects
from .params import add_enum, add_fields, add_outputs, add_sink, add_source, add_string

PRESET_KEYS = tuple(PRESETS)  # pemerataan, efektif_biaya, layanan_publik


#: how far outside the villages' extent a kab/kota capital may lie (the seat of a kab/kota at its edge)
CAPITAL_MARGIN_M = 50_000.0


class PrioritizeAlgorithm(KaltimAlgorithm):
    ALG_ID = "prioritize"
    GROUP_ID = "priority"

    def initAlgorithm(self, config=None):
        add_source(self, "VILLAGES", tr("Villages (points or polygons)"))
        add_string(self, "WEIGHTS", tr("Weights (criterion=weight, …; empty = preset)"), optional=True)
        add_enum(self, "PRESET", tr("Weight preset"), preset_labels())
        add_fields(self, "VILLAGES", [
            ("POPULATION_FIELD", tr("Population field (empty = detect)")),
            ("STATUS_FIELD", tr("Coverage status field (default: status)")),
            ("IDM_FIELD", tr("IDM field (score or class)")),
            ("SCHOOLS_FIELD", tr("Number of schools field")),
            ("HEALTH_FIELD", tr("Number of health posts field")),
            ("ELECTRICITY_FIELD", tr("Electricity field (yes/no)")),
            ("CADRES_FIELD", tr("Digital cadres field (number or yes/no)")),
            ("CODE_FIELD", tr("Village code field (tie-break; empty = detect)"))])
        add_source(self, "CAPITALS", tr("Kab/kota capitals (points) for remoteness"), ("point",), optional=True)
        add_sink(self, "OUTPUT", tr("Prioritised villages"))
        add_outputs(self, "string", [("WEIGHTS_USED", tr("Weights used")),
                                     ("CRITERIA_SKIPPED", tr("Criteria skipped"))])
        add_outputs(self, "number", [("WARNING_COUNT", tr("Warnings")), ("FEATURE_COUNT", tr("Features"))])

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "VILLAGES", context)
        if source is None:
            raise QgsProcessingException(tr("Cannot read the village layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("VILLAGES")))
        weights = self._weights(parameters, context, feedback)
        table = read_table(source, context=context, feedback=feedback)
        if len(table) == 0:
            raise QgsProcessingException(tr("The village layer has no features. Choose a layer with villages."))
        names = table.names()
        warnings = []

        def warn(text):
            warnings.append(text)
            feedback.pushWarning(text)

        pop_field, fields_used, field_warnings = criterion_fields(
            names, self.parameterAsString(parameters, "POPULATION_FIELD", context),
            {param: self.parameterAsString(parameters, param, context) for param, _key in FIELD_PARAMS})
        for text in field_warnings:
            warn(text)
        code_field = find_field(names, self.parameterAsString(parameters, "CODE_FIELD", context)) or \
            detect_fields(names).code
        warn_village_defects(*table_defects(table, code_field), feedback,
                             tr("its remoteness is measured from a point that may be wrong"))
        data, remote_src = gather_criteria(table, fields_used, pop_field, self._capitals(
            parameters, context, table, warn), fields_used.get("coverage_status", ""))
        self._report_remoteness(remote_src, table, weights, feedback, warn)
        missing, missing_warnings = missing_criteria(weights, pop_field, fields_used)
        for text in missing_warnings:
            warn(text)
        feedback.pushInfo(tr("Fields used: {fields}").format(fields=fields_used_text(pop_field, fields_used)))
        try:
            result = compute_priority(data, weights, keys=table.column(code_field) if code_field else None,
                                      n=len(table), rows=table.fids)
        except (WeightsError, ValueError) as e:
            raise QgsProcessingException(tr("Cannot compute the priority: {error}").format(error=describe(e))) from None
        self._report_numbers(feedback, result, pop_field, fields_used, warnings)
        reported = missing | (set() if remote_src else {"remoteness"})
        for w in result.warnings:
            if "no data; criterion skipped" in w and w.split(":")[0] in reported:
                continue  # already reported with the field name
            warn(tr("Priority: {warning}").format(warning=w))
        skipped = [k for k in CRITERIA if weights.get(k, 0) > 0 and result.weights_used.get(k, 0) == 0]
        labels = criterion_labels()
        feedback.pushInfo(tr("Weights applied (after skipping criteria without data): {w}").format(
            w=", ".join(f"{labels[k]} {result.weights_used[k]:.2f}" for k in CRITERIA
                        if result.weights_used[k] > 0) or "-"))
        dest_id = self._write(parameters, context, feedback, source, table, result)
        attach_style(context, dest_id, "priority")
        feedback.setProgress(100)
        return {"OUTPUT": dest_id, "WEIGHTS_USED": format_weights(result.weights_used),
                "CRITERIA_SKIPPED": ",".join(skipped), "WARNING_COUNT": len(warnings), "FEATURE_COUNT": len(table)}

    @staticmethod
    def _report_numbers(feedback, result, pop_field, fields_used, warnings) -> None:
        """Problems of the numeric fields ('1.234', '12,5', '-50', 99999999999), named by feature id and field.
        The issues already number rows by feature id (compute_priority(rows=table.fids), as parse_column does for
        the other tools); here only the data key becomes the layer's field name."""
        field_of = {"population": pop_field, "idm": fields_used.get("idm"), "schools": fields_used.get("schools"),
                    "health_posts": fields_used.get("health_posts"), "cadres": fields_used.get("cadres"),
                    "remoteness": "remoteness"}
        issues = [replace(i, field=field_of.get(i.field) or i.field) for i in getattr(result, "issues", [])]
        warnings.extend(report_issues(feedback, issues, tr("feature")))

    def _weights(self, parameters, context, feedback) -> dict:
        weights_text = self.parameterAsString(parameters, "WEIGHTS", context).strip()
        if weights_text:
            try:
                weights = parse_weights(weights_text)
            except WeightsError as e:
                raise QgsProcessingException(tr("Invalid WEIGHTS: {error}").format(error=describe(e))) from None
            feedback.pushInfo(tr("Weights from WEIGHTS: {w}").format(w=format_weights(weights)))
            return weights
        preset = PRESET_KEYS[self.parameterAsEnum(parameters, "PRESET", context)]
        weights = dict(PRESETS[preset])
        feedback.pushInfo(tr("Weights from preset {p}: {w}").format(p=preset, w=format_weights(weights)))
        return weights

    def _capitals(self, parameters, context, table, warn):
        """The capitals' points in the table's CRS (None: no usable capital layer)."""
        cap_source = self.parameterAsSource(parameters, "CAPITALS", context)
        if cap_source is None:
            return None
        caps = read_table(cap_source, crs=table.crs, context=context)
        ok = np.all(np.isfinite(caps.xy), axis=1)
        capitals_xy = caps.xy[ok]
        if len(capitals_xy) == 0:
            warn(tr("The capitals layer has no usable points; remoteness falls back to the distance to the "
                    "nearest covered village."))
            return None
        # the capitals of the villages' kab/kota lie among them: a layer in the wrong CRS lies thousands of km away
        # and would make every village equally remote (found by trying to break it, 2026-12-06)
        vxy = table.xy[np.all(np.isfinite(table.xy), axis=1)]
        if len(vxy):
            vmin, vmax = vxy.min(axis=0), vxy.max(axis=0)
            near = np.all((capitals_xy >= vmin - CAPITAL_MARGIN_M) & (capitals_xy <= vmax + CAPITAL_MARGIN_M), axis=1)
            fids = [f for f, good in zip(caps.fids, ok) if good]
            if not near.any():
                raise QgsProcessingException(tr(
                    "None of the {n} capitals lies within {km} km of the villages (the first is at {x:.0f}, {y:.0f} "
                    "in {crs}; the villages span {x0:.0f}–{x1:.0f}, {y0:.0f}–{y1:.0f}): the CAPITALS layer's CRS is "
                    "probably wrong. Set its CRS in the layer properties, or leave CAPITALS empty.").format(
                    n=len(capitals_xy), km=int(CAPITAL_MARGIN_M / 1000), x=capitals_xy[0][0], y=capitals_xy[0][1],
                    crs=table.crs.authid(), x0=vmin[0], x1=vmax[0], y0=vmin[1], y1=vmax[1]))
            if not near.all():
                far = [str(f) for f, n in zip(fids, near) if not n]
                warn(tr("{n} of {total} capitals lie more than {km} km outside the villages (feature id {ids}): they "
                        "are used, but check their coordinates.").format(
                    n=len(far), total=len(fids), km=int(CAPITAL_MARGIN_M / 1000), ids=first_listed(far)))
        return capitals_xy

    @staticmethod
    def _report_remoteness(remote_src, table, weights, feedback, warn) -> None:
        crs_name = table.crs.authid() or table.crs.description()
        if remote_src == "capitals":
            feedback.pushInfo(tr("Remoteness: distance to the nearest kab/kota capital, computed in {crs}.")
                              .format(crs=crs_name))
        elif remote_src == "covered":
            feedback.pushInfo(tr("Remoteness: distance to the nearest covered village, computed in {crs}.")
                              .format(crs=crs_name))
        elif weights.get("remoteness", 0) > 0:
            warn(tr("Remoteness is skipped: give a kab/kota capital layer (CAPITALS) or a status field with "
                    "covered villages."))

    def _write(self, parameters, context, feedback, source, table, result) -> str:
        out_fields = output_fields(table.fields, score_fields())
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, out_fields, source.wkbType(),
                                             source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        fl = result.fields()
        n = len(table)
        for i in range(n):
            if feedback.isCanceled():
                break
            values = {name: (int(arr[i]) if name == "priority_rank" else round(float(arr[i]), 6))
                      for name, arr in fl.items()}
            f = QgsFeature(out_fields)
            f.setGeometry(table.geometries[i])
            f.setAttributes(merged_attributes(table, i, out_fields, values))
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            if i % 200 == 0:
                feedback.setProgress(50 + 50 * i / n)
        return dest_id


ALGORITHM = PrioritizeAlgorithm
