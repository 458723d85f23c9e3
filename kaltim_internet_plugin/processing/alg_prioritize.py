"""kaltiminternet:prioritize — multi-criteria priority score and rank per village (core.priority)."""
from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..compat import FieldType
from ..core.priority import CRITERIA, PRESETS, WeightsError, compute_priority, format_weights, parse_weights
from ..core.villages import detect_fields
from ..i18n import tr
from ..io.priority_layers import (
    FIELD_PARAMS,
    FeatureTable,
    detect_criterion_fields,
    find_field,
    merged_attributes,
    nearest,
    output_fields,
    read_table,
)
from ..io.styles_priority import attach_style
from .base import KaltimAlgorithm

PRESET_KEYS = tuple(PRESETS)  # pemerataan, efektif_biaya, layanan_publik


def preset_labels() -> list:
    return [tr("Pemerataan (equity first)"), tr("Efektif biaya (people per rupiah)"),
            tr("Layanan publik (schools and health posts first)")]


def criterion_labels() -> dict:
    return {"population": tr("Population"), "blank_spot": tr("Blank spot"), "idm": tr("IDM (village development)"),
            "facilities": tr("Public facilities"), "remoteness": tr("Remoteness"),
            "readiness": tr("Readiness (electricity, cadres)")}


def score_fields():
    return [("priority_score", FieldType.Double), ("priority_rank", FieldType.Int)] + \
        [("c_" + k, FieldType.Double) for k in CRITERIA]


def gather_criteria(table: FeatureTable, fields_used: dict, population_field: str, capitals_xy=None,
                    status_field: str = ""):
    """Build the ``data`` mapping of :func:`core.priority.compute_priority` from a feature table.

    ``fields_used``: criterion data key -> field name ('' = absent). Remoteness: distance (m) to the nearest
    capital when ``capitals_xy`` (metric, same CRS as ``table.xy``) is given, else to the nearest village whose
    status is ``covered``. Returns (data, remoteness_source) with remoteness_source 'capitals', 'covered' or ''.
    """
    data = {"population": table.column(population_field) if population_field else None}
    for key, name in fields_used.items():
        data[key] = table.column(name) if name else None
    remote_src = ""
    dist = None
    if capitals_xy is not None and len(capitals_xy):
        dist, _ = nearest(table.xy, capitals_xy)
        remote_src = "capitals"
    elif status_field:
        status = [str(v).strip().lower() if v is not None else "" for v in table.column(status_field)]
        covered = np.array([s in ("covered", "tercakup", "terlayani") for s in status])
        if covered.any():
            dist, _ = nearest(table.xy, table.xy[covered])
            remote_src = "covered"
    if dist is not None:
        data["remoteness"] = [float(d) if np.isfinite(d) else None for d in dist]
    return data, remote_src


class PrioritizeAlgorithm(KaltimAlgorithm):
    ALG_ID = "prioritize"
    GROUP_ID = "priority"

    def displayName(self) -> str:
        return tr("Prioritise villages")

    def shortHelpString(self) -> str:
        return tr(
            "Scores every village 0–100 from weighted criteria and ranks them (rank 1 = first). Criteria: "
            "population, blank_spot (status covered / partial / blank_spot from 'Classify villages'), idm (IDM "
            "score or class; more deprived = higher), facilities (schools + health posts), remoteness (distance to "
            "the nearest kab/kota capital when a capital layer is given, else to the nearest covered village) and "
            "readiness (electricity, trained cadres). Give WEIGHTS as 'population=0.3,blank_spot=0.3,idm=0.2,"
            "facilities=0.1,remoteness=0.1' or choose a PRESET (WEIGHTS wins when given). A criterion whose field "
            "is missing is skipped with a warning and the other weights are rescaled. The output keeps every input "
            "field and adds priority_score, priority_rank and one c_<criterion> field per criterion (the "
            "contributions add up to the score). Distances are computed in a metric CRS (the layer's when it is "
            "projected, else EPSG:32750).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "VILLAGES", tr("Villages (points or polygons)"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]))
        self.addParameter(QgsProcessingParameterString(
            "WEIGHTS", tr("Weights (criterion=weight, …; empty = preset)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum("PRESET", tr("Weight preset"), preset_labels(),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterField(
            "POPULATION_FIELD", tr("Population field (empty = detect)"), parentLayerParameterName="VILLAGES",
            optional=True))
        for key, label in (("STATUS_FIELD", tr("Coverage status field (default: status)")),
                           ("IDM_FIELD", tr("IDM field (score or class)")),
                           ("SCHOOLS_FIELD", tr("Number of schools field")),
                           ("HEALTH_FIELD", tr("Number of health posts field")),
                           ("ELECTRICITY_FIELD", tr("Electricity field (yes/no)")),
                           ("CADRES_FIELD", tr("Digital cadres field (number or yes/no)"))):
            self.addParameter(QgsProcessingParameterField(key, label, parentLayerParameterName="VILLAGES",
                                                          optional=True))
        self.addParameter(QgsProcessingParameterField(
            "CODE_FIELD", tr("Village code field (tie-break; empty = detect)"), parentLayerParameterName="VILLAGES",
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CAPITALS", tr("Kab/kota capitals (points) for remoteness"), [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Prioritised villages"), QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addOutput(QgsProcessingOutputString("WEIGHTS_USED", tr("Weights used")))
        self.addOutput(QgsProcessingOutputString("CRITERIA_SKIPPED", tr("Criteria skipped")))
        self.addOutput(QgsProcessingOutputNumber("WARNING_COUNT", tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber("FEATURE_COUNT", tr("Features")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "VILLAGES", context)
        if source is None:
            raise QgsProcessingException(tr("Cannot read the village layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("VILLAGES")))
        weights_text = self.parameterAsString(parameters, "WEIGHTS", context).strip()
        if weights_text:
            try:
                weights = parse_weights(weights_text)
            except WeightsError as e:
                raise QgsProcessingException(tr("Invalid WEIGHTS: {error}").format(error=str(e))) from None
            feedback.pushInfo(tr("Weights from WEIGHTS: {w}").format(w=format_weights(weights)))
        else:
            preset = PRESET_KEYS[self.parameterAsEnum(parameters, "PRESET", context)]
            weights = dict(PRESETS[preset])
            feedback.pushInfo(tr("Weights from preset {p}: {w}").format(p=preset, w=format_weights(weights)))

        table = read_table(source, context=context, feedback=feedback)
        if len(table) == 0:
            raise QgsProcessingException(tr("The village layer has no features. Choose a layer with villages."))
        names = table.names()
        warnings = []

        def warn(text):
            warnings.append(text)
            feedback.pushWarning(text)

        pop_param = self.parameterAsString(parameters, "POPULATION_FIELD", context)
        pop_field = find_field(names, pop_param) or detect_fields(names).population
        if pop_param and pop_field != pop_param and not find_field(names, pop_param):
            warn(tr("The population field '{f}' does not exist; using '{g}'.").format(f=pop_param,
                                                                                      g=pop_field or "-"))
        overrides = {}
        for param, key in FIELD_PARAMS:
            given = self.parameterAsString(parameters, param, context)
            if given:
                if not find_field(names, given):
                    warn(tr("The field '{f}' ({p}) does not exist in the village layer; the criterion that uses it "
                            "is skipped.").format(f=given, p=param))
                    overrides[key] = "\x00missing"
                else:
                    overrides[key] = given
        fields_used = detect_criterion_fields(names, overrides)
        for key, given in overrides.items():
            if given == "\x00missing":
                fields_used[key] = ""
        code_field = find_field(names, self.parameterAsString(parameters, "CODE_FIELD", context)) or \
            detect_fields(names).code

        capitals_xy = None
        cap_source = self.parameterAsSource(parameters, "CAPITALS", context)
        if cap_source is not None:
            caps = read_table(cap_source, crs=table.crs, context=context)
            capitals_xy = caps.xy[np.all(np.isfinite(caps.xy), axis=1)]
            if len(capitals_xy) == 0:
                warn(tr("The capitals layer has no usable points; remoteness falls back to the distance to the "
                        "nearest covered village."))
                capitals_xy = None
        data, remote_src = gather_criteria(table, fields_used, pop_field, capitals_xy,
                                           fields_used.get("coverage_status", ""))
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
        labels = criterion_labels()
        missing_field_msg = {
            "population": tr("Population is skipped: no population field (POPULATION_FIELD)."),
            "blank_spot": tr("Blank spot is skipped: no coverage status field (STATUS_FIELD); run 'Classify "
                             "villages' first."),
            "idm": tr("IDM is skipped: no IDM field (IDM_FIELD)."),
            "facilities": tr("Facilities are skipped: no schools or health posts field (SCHOOLS_FIELD, "
                             "HEALTH_FIELD)."),
            "readiness": tr("Readiness is skipped: no electricity or cadres field (ELECTRICITY_FIELD, "
                            "CADRES_FIELD)."),
        }
        has_field = {
            "population": bool(pop_field), "blank_spot": bool(fields_used["coverage_status"]),
            "idm": bool(fields_used["idm"]),
            "facilities": bool(fields_used["schools"] or fields_used["health_posts"]),
            "readiness": bool(fields_used["electricity"] or fields_used["cadres"]),
        }
        for key, ok in has_field.items():
            if not ok and weights.get(key, 0) > 0:
                warn(missing_field_msg[key])
        used = {"population": pop_field, "status": fields_used["coverage_status"], "idm": fields_used["idm"],
                "schools": fields_used["schools"], "health": fields_used["health_posts"],
                "electricity": fields_used["electricity"], "cadres": fields_used["cadres"]}
        feedback.pushInfo(tr("Fields used: {fields}").format(
            fields=", ".join(f"{k}={v or '-'}" for k, v in used.items())))

        try:
            result = compute_priority(data, weights, keys=table.column(code_field) if code_field else None,
                                      n=len(table))
        except (WeightsError, ValueError) as e:
            raise QgsProcessingException(tr("Cannot compute the priority: {error}").format(error=str(e))) from None
        reported = {k for k, ok in has_field.items() if not ok} | (set() if remote_src else {"remoteness"})
        for w in result.warnings:
            if "no data; criterion skipped" in w and w.split(":")[0] in reported:
                continue  # already reported with the field name
            warn(tr("Priority: {warning}").format(warning=w))
        skipped = [k for k in CRITERIA if weights.get(k, 0) > 0 and result.weights_used.get(k, 0) == 0]
        feedback.pushInfo(tr("Weights applied (after skipping criteria without data): {w}").format(
            w=", ".join(f"{labels[k]} {result.weights_used[k]:.2f}" for k in CRITERIA
                        if result.weights_used[k] > 0) or "-"))

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
        attach_style(context, dest_id, "priority")
        feedback.setProgress(100)
        return {"OUTPUT": dest_id, "WEIGHTS_USED": format_weights(result.weights_used),
                "CRITERIA_SKIPPED": ",".join(skipped), "WARNING_COUNT": len(warnings), "FEATURE_COUNT": n}


ALGORITHM = PrioritizeAlgorithm
