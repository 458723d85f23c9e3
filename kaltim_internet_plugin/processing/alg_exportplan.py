"""kaltiminternet:exportplan — the deployment plan as files: plan.gpkg (styles + metadata), plan.qgz with its
print layouts, roadmap.xlsx (+ CSV), and PDFs (kab/kota atlas, province overview, roadmap report, and the
combined deployment_plan.pdf = overview + one page per kab/kota)."""
from __future__ import annotations

import os
import shutil
import time

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterMultipleLayers,
)

from ..core import plan_summary as ps
from ..core import training as trn
from ..i18n import tr
from ..report import export_plan as ep
from ..report import tables as tb
from ..report.layouts import TemplateBrokenError, TemplateMissingError, default_template_folder
from ..report.pdf import IncompletePdfError
from .alg_comparescenarios import other_run_text
from .base import KaltimAlgorithm
from .output_guard import write_error
from .params import add_fields, add_file, add_folder_output, add_outputs, add_source, add_string
from .sinks import cut_off_pdf, reason_of

#: the free space an export needs before it starts: the demo's export of the whole province writes about 30 MB
#: (PDFs 17 MB, plan.gpkg 5 MB, workbook, charts, project; measured 2026-12-06), twice that. A disk that fills while
#: GDAL writes plan.gpkg made QGIS 3.40 crash at exit (inside GDAL, after the run had failed cleanly), so a disk
#: without that room is refused before anything is written.
MIN_FREE_BYTES = 64 << 20


def _refuse_a_full_disk(out_dir: str) -> None:
    folder = out_dir
    while folder and not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    try:
        free = shutil.disk_usage(folder or ".").free
    except OSError:
        return
    if free < MIN_FREE_BYTES:
        raise QgsProcessingException(tr(
            "OUTPUT_FOLDER = {path}: only {free} MB free on that disk, and an export of the plan writes up to about "
            "{need} MB. Free space on that disk or choose another folder.").format(
            path=out_dir, free=f"{free / 1e6:.1f}", need=MIN_FREE_BYTES >> 20))


#: the fields of a roadmap's village output that every page of the plan reads
PLAN_FIELDS = ("tech", "fund_status", "year", "capex_idr")
TABLE_PARAMS = ("ROADMAP_TABLE", "TRAINING_TABLE", "OPERATORS_TABLE", "SHARING_TABLE", "BUDGET_CURVE")
DEFAULT_TITLE = "Rencana Internet Desa Kalimantan Timur"


def _refuse_tables_of_another_run(villages, roadmap, training) -> None:
    """A roadmap table or a training plan of another run than VILLAGES' (each was printed as this plan's: found 7
    December), or a training plan whose rows were edited so that they cannot be read (an int() error stopped the
    export after plan.gpkg was written): refused before any work."""
    rows = tb.layer_rows(villages) if roadmap is not None or training is not None else []
    if roadmap is not None:
        differs = ps.table_from_other_run(rows, tb.layer_rows(roadmap))
        if differs:
            raise QgsProcessingException(other_run_text("ROADMAP_TABLE", "VILLAGES", differs))
    if training is not None:
        batches = tb.layer_rows(training)
        bad = trn.unreadable_batch(batches)
        if bad:
            raise QgsProcessingException(training_unreadable_text(bad))
        off = trn.batch_off_the_plan(rows, batches)
        if off:
            raise QgsProcessingException(training_other_run_text(off))


def training_other_run_text(off: dict) -> str:
    """The refusal of a training table that trains a village the plan does not schedule, or in another year
    (core.training.batch_off_the_plan)."""
    why = {"missing": tr("which VILLAGES does not have"),
           "not_scheduled": tr("which VILLAGES does not schedule (fund_status {status})"),
           "year": tr("whose service starts in {service} in VILLAGES (a village is trained in that year or the year "
                      "before)")}[off["why"]].format(status=off.get("status") or "NULL",
                                                      service=off.get("service_year"))
    return tr("TRAINING_TABLE: batch {batch} of kecamatan {kec} in {year} trains village {code}, {why}: the training "
              "table is not from the roadmap run of VILLAGES. Give that run's OUTPUT_TRAINING (the table written "
              "with these villages), or leave TRAINING_TABLE empty.").format(
        batch=off["batch_no"], kec=off["kec_code"] or "''", year=off["year"], code=off["code"], why=why)


def training_unreadable_text(bad: dict) -> str:
    """The refusal of a training table row whose village counts cannot be read or do not add up to its trainees
    (core.training.unreadable_batch)."""
    if bad["why"] == "sum":
        what = tr("has {trainees} trainees, but its village_trainees '{value}' counts {counted}").format(
            trainees=bad["trainees"], value=bad["value"], counted=bad["counted"])
    else:
        what = tr("has village_trainees '{value}', which is not the roadmap's 'code:n' (or 'code:n/m') per "
                  "village").format(value=bad["value"])
    return tr("TRAINING_TABLE: batch {batch} of kecamatan {kec} in {year} {what}. Give the roadmap's "
              "OUTPUT_TRAINING as it was written, or correct the row so that its village_trainees (e.g. "
              "64.01.01.2001:2;64.01.01.2002:1/2) add up to its trainees.").format(
        batch=bad["batch_no"], kec=bad["kec_code"] or "''", year=bad["year"], what=what)


class ExportPlanAlgorithm(KaltimAlgorithm):
    ALG_ID = "exportplan"
    # files written into OUTPUT_FOLDER: an input with one of these names there would be overwritten, so it is refused
    # before any work (plan.gpkg is not listed: it is updated, FOLDER_UPDATES, and an input that is a table of it is
    # refused the same way). The CSV copies are roadmap_<sheet slug>.csv (report/tables.py build_sheets,
    # write_csvs), the charts charts/chart_<name>.png (report/export_plan.py make_charts); the run's end checks what
    # was really written as well (output_guard.commit), and a test compares this list with a real export.
    OUTPUT_FILES = ("plan.qgz", "roadmap.xlsx", "deployment_plan.pdf", "atlas_kabkota.pdf", "overview.pdf",
                    "roadmap_report.pdf") + tuple(
        f"roadmap_{slug}.csv" for slug in ("ringkasan", "per_tahun", "per_sumber_dana", "per_operator",
                                           "per_kab_kota", "pelatihan", "tahun_x_sumber", "berbagi_menara",
                                           "desa_rencana")) + tuple(
        os.path.join("charts", f"chart_{name}.png") for name in ("year", "source", "curve"))
    GROUP_ID = "plan"
    # updated in place inside OUTPUT_FOLDER: copied into the run's temporary folder, renamed back when it succeeds
    # (it keeps its other tables). An input held in it (the villages of an earlier export, given to a re-export into
    # the same folder) is refused before any work: the file is replaced while the input is open in it, and a filtered
    # input left its table shorter (session 39); the fix is another folder, or a copy of the layer elsewhere
    FOLDER_UPDATES = ("plan.gpkg",)
    # ... when it is a plan this tool wrote (an earlier export): its villages with the plan's fields; another
    # plan.gpkg there (the user's own villages, say) is refused before any work (output_guard)
    FOLDER_UPDATE_TABLES = {"villages": PLAN_FIELDS}

    def initAlgorithm(self, config=None):
        add_source(self, "VILLAGES", tr("Plan villages layer"), layer=True)
        add_source(self, "SITES", tr("Existing sites"), ("point",), optional=True, layer=True)
        add_source(self, "PLANNED_SITES", tr("Planned sites"), ("point",), optional=True, layer=True)
        add_source(self, "KABKOTA", tr("Kab/kota polygons (atlas pages; default: villages dissolved by kab/kota)"),
                   ("polygon",), optional=True, layer=True)
        for key, label in (("ROADMAP_TABLE", tr("Roadmap table (year x source)")),
                           ("TRAINING_TABLE", tr("Training plan table")),
                           ("OPERATORS_TABLE", tr("Operator packages table")),
                           ("SHARING_TABLE", tr("Tower sharing table")),
                           ("BUDGET_CURVE", tr("Budget curve of the new sites (optimizesites OUTPUT_CURVE): a chart "
                                               "and table page of the roadmap report"))):
            add_source(self, key, label, ("table",), optional=True, layer=True)
        data = QgsProcessingParameterMultipleLayers(
            "DATA_INPUTS",
            tr("Other input data of the plan (DEM, land cover, fibre points, programme table, population table): what "
               "of it is synthetic, illustrative or estimated, and its date, is printed in the sources line"),
            QgsProcessing.SourceType.TypeFile, optional=True)
        data.setFlags(data.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(data)
        add_file(self, "TEMPLATE_FOLDER", tr("Layout template folder (default: the plugin's templates)"), folder=True,
                 optional=True)
        add_string(self, "TITLE", tr("Title"), default=DEFAULT_TITLE)
        add_fields(self, "VILLAGES", [("KAB_FIELD", tr("Kab/kota field of the villages (default: kode_kab or "
                                                       "nama_kab)"))])
        add_folder_output(self, "OUTPUT_FOLDER", tr("Output folder"))
        add_outputs(self, "file", [("DEPLOYMENT_PDF", tr("Deployment plan PDF (overview + atlas)")),
                                   ("ATLAS_PDF", tr("Kab/kota atlas PDF")),
                                   ("OVERVIEW_PDF", tr("Province overview PDF")),
                                   ("REPORT_PDF", tr("Roadmap report PDF")),
                                   ("XLSX", tr("Roadmap workbook (XLSX)"))])
        add_outputs(self, "string", [("CSV_FILES", tr("CSV copies"))])
        add_outputs(self, "file", [("GPKG", tr("Plan GeoPackage")), ("QGZ", tr("Plan QGIS project"))])
        add_outputs(self, "number", [("PAGES", tr("Atlas pages")), ("DEPLOYMENT_PAGES", tr("Deployment plan pages"))])
        add_outputs(self, "folder", [("OUTPUT_FOLDER", tr("Output folder"))])

    def processAlgorithm(self, parameters, context, feedback):
        started = time.time()
        villages = self.parameterAsVectorLayer(parameters, "VILLAGES", context)
        if villages is None or not villages.isValid():
            raise QgsProcessingException(tr("Cannot read the plan villages layer: {src}. Check the path and format.")
                                         .format(src=parameters.get("VILLAGES")))
        if villages.featureCount() == 0:
            raise QgsProcessingException(tr(
                "The plan villages layer '{name}' has no features. Run the roadmap first, or remove the layer's "
                "filter.").format(name=villages.name()))
        folder = self._template_folder(parameters, context)
        kab_field = self.parameterAsString(parameters, "KAB_FIELD", context) or ep.detect_kab_field(villages)
        if not kab_field or villages.fields().lookupField(kab_field) < 0:
            raise QgsProcessingException(tr(
                "No kab/kota field found in '{name}' (looked for kode_kab, nama_kab). Choose it in KAB_FIELD.")
                .format(name=villages.name()))
        missing = [f for f in PLAN_FIELDS if villages.fields().lookupField(f) < 0]
        if missing:  # a layer of villages that is not a plan printed an all-zero plan as a success (found 2026-12-06)
            raise QgsProcessingException(tr(
                "'{name}' is not a roadmap's village output: it has no field {fields}. Give the OUTPUT of 'Build "
                "multi-year roadmap' as VILLAGES.").format(name=villages.name(), fields=", ".join(missing)))
        curve = self.parameterAsVectorLayer(parameters, "BUDGET_CURVE", context)
        if curve is not None and ep.curve_missing_fields(curve):
            raise QgsProcessingException(tr(
                "BUDGET_CURVE '{name}' has no field(s) {fields}, so no budget curve page could be printed. Give the "
                "budget curve table written by 'Optimise sites' (OUTPUT_CURVE), or leave BUDGET_CURVE empty.")
                .format(name=curve.name(), fields=", ".join(ep.curve_missing_fields(curve))))
        roadmap = self.parameterAsVectorLayer(parameters, "ROADMAP_TABLE", context)
        training = self.parameterAsVectorLayer(parameters, "TRAINING_TABLE", context)
        _refuse_tables_of_another_run(villages, roadmap, training)
        out_dir = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        _refuse_a_full_disk(out_dir)
        os.makedirs(out_dir, exist_ok=True)
        inputs = ep.ExportInputs(
            villages=villages, kab_field=kab_field, out_dir=out_dir, template_folder=folder,
            title=self.parameterAsString(parameters, "TITLE", context) or DEFAULT_TITLE,
            sites=self.parameterAsVectorLayer(parameters, "SITES", context),
            planned_sites=self.parameterAsVectorLayer(parameters, "PLANNED_SITES", context),
            kabkota=self.parameterAsVectorLayer(parameters, "KABKOTA", context),
            roadmap=roadmap,
            training=training,
            operators=self.parameterAsVectorLayer(parameters, "OPERATORS_TABLE", context),
            sharing=self.parameterAsVectorLayer(parameters, "SHARING_TABLE", context),
            budget_curve=curve,
            data_inputs=[str(p) for p in self.parameterAsFileList(parameters, "DATA_INPUTS", context) or []],
        )
        steps = ep.STEPS
        result = ep.ExportResult()
        job = ep.PlanExport(inputs, result, feedback)
        try:
            self._run_steps(job, steps, feedback)
        finally:
            job.close()
        feedback.pushInfo(tr("Deployment plan written to {folder} in {seconds:.1f} s ({pages} atlas pages).").format(
            folder=out_dir, seconds=time.time() - started, pages=result.pages))
        return result.as_dict(out_dir)

    def _template_folder(self, parameters, context) -> str:
        """TEMPLATE_FOLDER (the plugin's templates when empty), checked: a folder holding every template."""
        folder = self.parameterAsString(parameters, "TEMPLATE_FOLDER", context) or default_template_folder()
        if not os.path.isdir(folder):  # (was: "atlas_kabkota.qpt is missing from …", or "the file … does not exist")
            raise QgsProcessingException(tr(
                "TEMPLATE_FOLDER = {folder} is not a folder: give the folder that holds the layout templates (a copy "
                "of the plugin's resources/layouts), or leave it empty to use the plugin's templates.").format(
                folder=folder))
        try:
            ep.check_template_folder(folder)
        except TemplateMissingError as exc:
            raise QgsProcessingException(tr(
                "The layout template {name} is missing from {folder}. Copy it from the plugin's resources/layouts "
                "folder, or leave TEMPLATE_FOLDER empty to use the plugin's templates.").format(
                name=exc.name, folder=exc.folder)) from exc
        return folder

    @staticmethod
    def _run_steps(job, steps, feedback) -> None:
        for n, (step, label) in enumerate(steps):
            if feedback.isCanceled():
                feedback.pushInfo(tr("Export cancelled."))
                break
            feedback.setProgressText(ep.step_label(label))
            t0 = time.time()
            try:
                getattr(job, step)()
            except TemplateMissingError as exc:
                raise QgsProcessingException(tr(
                    "The layout template {name} is missing from {folder}. Copy it from the plugin's "
                    "resources/layouts folder, or leave TEMPLATE_FOLDER empty to use the plugin's templates.")
                    .format(name=exc.name, folder=exc.folder)) from exc
            except TemplateBrokenError as exc:
                raise QgsProcessingException(tr(
                    "The layout template {name} in {folder} cannot be used: {detail}. Restore it from the plugin's "
                    "resources/layouts folder.").format(name=exc.name, folder=exc.folder, detail=exc.detail)) from exc
            except IncompletePdfError as exc:  # a disk that filled while QGIS wrote a PDF (it says Success)
                raise QgsProcessingException(cut_off_pdf(exc, "OUTPUT_FOLDER")) from exc
            except (RuntimeError, OSError) as exc:
                # a full disk or a folder that refuses writes says so ("Unable to perform zip" did not)
                reason = reason_of(str(exc), os.path.join(job.i.out_dir, "plan.gpkg"))
                if reason.errno is not None:
                    raise QgsProcessingException(write_error("OUTPUT_FOLDER", job.i.out_dir, reason)) from exc
                raise QgsProcessingException(tr("Export step '{step}' failed: {error}").format(
                    step=ep.step_label(label), error=exc)) from exc
            feedback.pushInfo(tr("{step}: {seconds:.1f} s").format(step=ep.step_label(label), seconds=time.time() - t0))
            feedback.setProgress(100.0 * (n + 1) / len(steps))


ALGORITHM = ExportPlanAlgorithm
