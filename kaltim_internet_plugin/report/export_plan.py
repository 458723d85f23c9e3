"""The steps of kaltiminternet:exportplan (the algorithm only reads parameters and runs these in order, with
progress and cancel between steps)."""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpressionContextUtils,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from ..compat import transform_bounding_box
from ..core import formatting as fmt
from ..core import training as trn
from ..i18n import tr
from ..io import styles_export as st
from ..labels import counts_text, label
from . import charts, pdf
from . import layouts as lo
from . import plan_package as pp
from . import tables as tb

ANALYSIS_CRS = "EPSG:32750"
BASE_SOURCE = "Sumber: batas wilayah Kemendagri (cahyadsn/wilayah_boundaries, MIT)"

STEPS = (
    ("coverage", "coverage"),
    ("package", "package"),
    ("workbook", "workbook"),
    ("make_charts", "charts"),
    ("build_project", "project"),
    ("overview_pdf", "overview_pdf"),
    ("atlas_pdf", "atlas_pdf"),
    ("report_pdf", "report_pdf"),
    ("combined_pdf", "combined_pdf"),
    ("save_project", "save_project"),
)


def step_label(key: str) -> str:
    return {
        "coverage": tr("Kab/kota pages"),
        "package": tr("plan.gpkg with styles and metadata"),
        "workbook": tr("roadmap.xlsx and CSV"),
        "charts": tr("Charts"),
        "project": tr("Project and layouts"),
        "overview_pdf": tr("Overview PDF"),
        "atlas_pdf": tr("Atlas PDF"),
        "report_pdf": tr("Roadmap report PDF"),
        "combined_pdf": tr("Combined deployment plan PDF"),
        "save_project": tr("plan.qgz"),
    }.get(key, key)


def check_template_folder(folder: str) -> None:
    lo.check_templates(folder)


def detect_kab_field(layer) -> str:
    return pp.detect_field(layer, pp.KAB_FIELD_CANDIDATES)


@dataclass
class ExportInputs:
    villages: QgsVectorLayer
    kab_field: str
    out_dir: str
    template_folder: str
    title: str
    sites: Optional[QgsVectorLayer] = None
    planned_sites: Optional[QgsVectorLayer] = None
    kabkota: Optional[QgsVectorLayer] = None
    roadmap: Optional[QgsVectorLayer] = None
    training: Optional[QgsVectorLayer] = None
    operators: Optional[QgsVectorLayer] = None
    sharing: Optional[QgsVectorLayer] = None
    budget_curve: Optional[QgsVectorLayer] = None  # optimizesites OUTPUT_CURVE: a chart + table page of the report
    # the plan's other input data (DEM, land cover, fibre points, programme table, population table): paths whose
    # provenance (plan_package.input_provenance) the printed sources line states
    data_inputs: List[str] = field(default_factory=list)


@dataclass
class ExportResult:
    gpkg: str = ""
    qgz: str = ""
    xlsx: str = ""
    csvs: List[str] = field(default_factory=list)
    overview_pdf: str = ""
    atlas_pdf: str = ""
    report_pdf: str = ""
    deployment_pdf: str = ""
    pages: int = 0
    deployment_pages: int = 0
    merged_with: str = ""

    def as_dict(self, out_dir: str) -> dict:
        return {"OUTPUT_FOLDER": out_dir, "GPKG": self.gpkg, "QGZ": self.qgz, "XLSX": self.xlsx,
                "CSV_FILES": ";".join(self.csvs), "OVERVIEW_PDF": self.overview_pdf, "ATLAS_PDF": self.atlas_pdf,
                "REPORT_PDF": self.report_pdf, "DEPLOYMENT_PDF": self.deployment_pdf, "PAGES": self.pages,
                "DEPLOYMENT_PAGES": self.deployment_pages}


def _valid(layer) -> bool:
    return layer is not None and layer.isValid()


class PlanExport:
    def __init__(self, inputs: ExportInputs, result: ExportResult, feedback=None):
        self.i = inputs
        self.r = result
        self.feedback = feedback
        self.rows = tb.layer_rows(inputs.villages)
        self.flags = pp.detect_flags(inputs.villages)
        self.site_flags = pp.detect_flags(inputs.sites) + pp.detect_flags(inputs.planned_sites)
        self.coverage_layer = None
        self.kab_names = {}
        self.sheets = []
        self.charts = {}
        self.project = None
        self.layers = {}
        self.layouts = {}
        self.dpi = 150.0
        self.curve = curve_points(tb.layer_rows(inputs.budget_curve)) if _valid(inputs.budget_curve) else []

    def info(self, text: str) -> None:
        if self.feedback is not None:
            self.feedback.pushInfo(text)

    def warn(self, text: str) -> None:
        if self.feedback is not None:
            self.feedback.pushWarning(text)

    # -- 1 --------------------------------------------------------------------------------------------------------
    def coverage(self) -> None:
        self.summary = tb.summary_of(self.rows, self.i.kab_field,
                                     tb.layer_rows(self.i.roadmap) if _valid(self.i.roadmap) else None)
        kab_sheet = tb.by_kabkota(self.summary)
        stats = {r["kab"]: r for r in kab_sheet.as_dicts()}
        names = {r["kab"]: r["name"] for r in kab_sheet.as_dicts()}
        kab = self.i.kabkota if _valid(self.i.kabkota) else None
        self.coverage_layer, self.kab_names = pp.kabkota_coverage(self.i.villages, self.i.kab_field, kab, stats,
                                                                  names, self.feedback)
        if self.coverage_layer.featureCount() == 0:
            raise RuntimeError(tr("No kab/kota polygon could be made from the villages (field {field}).").format(
                field=self.i.kab_field))
        if _valid(self.i.planned_sites):
            pp.count_points_inside(self.coverage_layer, self.i.planned_sites, "planned_sites")
        self.kab_pages = pp.kab_pages(self.coverage_layer)
        self.info(tr("{n} kab/kota pages.").format(n=self.kab_pages))
        others = self.coverage_layer.featureCount() - self.kab_pages
        if others:  # the KABKOTA layer's other kab/kota: on the locator and the overview, without a page
            self.info(tr("{n} kab/kota of the KABKOTA layer hold no village of the plan: they show on the maps, "
                         "without an atlas page.").format(n=others))

    # -- 2 --------------------------------------------------------------------------------------------------------
    def _entries(self) -> List[pp.PackageEntry]:
        i = self.i
        derived = list(self.flags)
        entries = [pp.PackageEntry("villages", i.villages, "Desa rencana",
                                   "Rencana desa: status sinyal, prioritas, teknologi, biaya, tahun dan pendanaan.",
                                   st.style_plan_status, list(self.flags))]
        for layer, name, title, desc, style in (
                (i.sites, "sites", "Menara eksisting", "Lokasi menara/BTS yang sudah ada.", st.style_existing_sites),
                (i.planned_sites, lo.SITES_LAYER, lo.SITES_TITLE, "Lokasi menara/BTS baru yang direncanakan.",
                 st.style_planned_sites)):
            if _valid(layer):
                entries.append(pp.PackageEntry(name, layer, title, desc, style))
        entries.append(pp.PackageEntry("kabkota", self.coverage_layer, "Kab/kota (halaman atlas)",
                                       "Batas kabupaten/kota dengan ringkasan rencana per kab/kota.",
                                       lambda lyr: st.style_kabkota(lyr, "nama"), derived))
        for layer, name, title, desc in (
                (i.roadmap, "roadmap_year_source", "Anggaran per tahun dan sumber dana",
                 "Tabel peta jalan: tahun x sumber dana (capex, opex, desa dan penduduk terhubung)."),
                (i.training, "training_plan", "Rencana pelatihan",
                 "Angkatan pelatihan kader digital per kecamatan; village_trainees: peserta tiap desa di angkatan itu "
                 "(kode:n, kode:n/m bila m peserta desa terbagi ke dua angkatan)."),
                (i.operators, "operator_packages", "Paket operator", "Paket pekerjaan per operator/penyedia."),
                (i.sharing, "tower_sharing", "Kandidat berbagi menara", "Lokasi baru di dekat menara operator lain.")):
            if _valid(layer):
                entries.append(pp.PackageEntry(name, layer, title, desc, None, pp.detect_flags(layer) or derived))
        return entries

    def package(self) -> None:
        self.r.gpkg = os.path.join(self.i.out_dir, "plan.gpkg")
        names = pp.write_package(self._entries(), self.r.gpkg, self.i.title, self.feedback)
        if not names:  # cancelled
            return
        self.info(tr("plan.gpkg: {names}").format(names=", ".join(names)))
        # a table of the previous export into this folder that this one was not given described the previous plan:
        # the maps drew its planned sites and the consistency check read its money as this plan's (found 8 December)
        stale, kept = pp.previous_export_tables(self.r.gpkg, names)
        pp.drop_tables(self.r.gpkg, stale)
        if stale:
            self.info(tr("plan.gpkg: removed {names}, written by the previous export into this folder and not given "
                         "to this one (they described the previous plan).").format(names=", ".join(stale)))
        if kept:
            self.warn(tr("plan.gpkg holds {names}, written by another tool, not by an export: the maps and the "
                         "consistency check read it as this plan's. Give it to the export (copied into another file), "
                         "or remove it from plan.gpkg.").format(names=", ".join(kept)))

    # -- 3 --------------------------------------------------------------------------------------------------------
    def workbook(self) -> None:
        i = self.i
        self.sheets = tb.build_sheets(
            self.rows, i.kab_field,
            roadmap_rows=tb.layer_rows(i.roadmap) if _valid(i.roadmap) else None,
            training_rows=tb.layer_rows(i.training) if _valid(i.training) else None,
            operator_rows=tb.layer_rows(i.operators) if _valid(i.operators) else None,
            sharing_rows=tb.layer_rows(i.sharing) if _valid(i.sharing) else None,
            kab_names=self.kab_names)
        self.r.xlsx = tb.write_xlsx(os.path.join(i.out_dir, "roadmap.xlsx"), self.sheets)
        self.r.csvs = tb.write_csvs(i.out_dir, self.sheets)

    def sheet(self, slug: str) -> Optional[tb.Sheet]:
        for s in self.sheets:
            if s.slug == slug:
                return s
        return None

    # -- 4 --------------------------------------------------------------------------------------------------------
    def make_charts(self) -> None:
        chart_dir = os.path.join(self.i.out_dir, "charts")
        ys = self.sheet("tahun_x_sumber")
        year_sheet = self.sheet("per_tahun")
        src = self.sheet("per_sumber_dana")
        payers = tb.payer_names(src)  # the payers as the report's tables name them (was: labels.py's own names)
        if ys is not None and ys.rows:
            years = sorted({r[0] for r in ys.rows if r[0] is not None})
            sources = sorted({r[1] for r in ys.rows})
            series, keys = [], []
            total = ys.columns.index("total_idr")
            for s in sources:
                vals = [sum(r[total] for r in ys.rows if r[0] == y and r[1] == s) for y in years]
                if any(vals):
                    series.append((payers.get(s) or label("funding_source", s, "id"), vals))
                    keys.append(s)  # the source's colour, whatever its printed name
            title = "Anggaran per tahun dan sumber dana (capex + opex, termasuk migrasi)"
        else:
            years = year_sheet.column("year") if year_sheet else []
            series = [(label("funding_kind", "capex", "id"),
                       [float(v) for v in year_sheet.column("capex_idr")] if year_sheet else []),
                      (label("funding_kind", "opex", "id"),
                       [float(r["opex_idr"] + r["migration_opex_idr"]) for r in year_sheet.as_dicts()]
                       if year_sheet else [])]
            title = "Biaya desa terjadwal per tahun (capex dan opex)"
            keys = []
        categories, series, span = charts.year_periods(list(years), series)
        if span > 1:  # a long horizon: a bar per period of years, each the money of its years
            title = title.replace("per tahun", f"per {span} tahun", 1)
        self.charts["chart_year"] = charts.bar_chart_png(
            os.path.join(chart_dir, "chart_year.png"), title, categories, series, "miliar Rp",
            lambda v: fmt.decimal(v / 1e9, "id", 1), scale=1e9, color_keys=keys)
        d = src.as_dicts() if src else []
        labels = [payers.get(r["source"]) or r["source"] for r in d]
        self.charts["chart_source"] = charts.bar_chart_png(
            os.path.join(chart_dir, "chart_source.png"), "Total per sumber dana (seluruh periode, termasuk migrasi)",
            labels,
            [(label("funding_kind", "capex", "id"), [float(r["capex_idr"] + r["migration_capex_idr"]) for r in d]),
             (label("funding_kind", "opex", "id"), [float(r["opex_idr"] + r["migration_opex_idr"]) for r in d])],
            "miliar Rp",
            lambda v: fmt.decimal(v / 1e9, "id", 1), horizontal=True, scale=1e9)
        if self.curve:
            self.charts["chart_curve"] = charts.bar_chart_png(
                os.path.join(chart_dir, "chart_curve.png"), "Penduduk tercakup baru menurut anggaran BTS baru",
                [fmt.money(p["budget_idr"], "id") for p in self.curve],
                [("Penduduk tercakup baru", [p["people"] for p in self.curve])], "jiwa",
                lambda v: fmt.integer(v, "id"))

    # -- 5 --------------------------------------------------------------------------------------------------------
    def _open(self, name: str, title: str, style) -> Optional[QgsVectorLayer]:
        layer = QgsVectorLayer(f"{self.r.gpkg}|layername={name}", title, "ogr")
        if not layer.isValid():
            return None
        if style is not None:
            style(layer)
        self.project.addMapLayer(layer, False)  # the layer tree is built in build_project, in order
        return layer

    def summary_text(self) -> str:
        """The plan's headline figures, from the one plan summary (the same as summary.txt and the XLSX)."""
        self.summary = tb.summary_of(self.rows, self.i.kab_field,
                                     tb.layer_rows(self.i.roadmap) if _valid(self.i.roadmap) else None,
                                     getattr(self, "kab_names", None))
        return summary_lines_id(self.summary, "estimated" in self.flags, getattr(self, "kab_pages", 0))

    def sources_text(self) -> str:
        """The printed sources line: the boundaries, then what of the plan's inputs is estimated, synthetic or
        illustrative and their dates, each read from the input itself (the villages' and sites' flag fields, the
        data inputs' provenance): a run on real data prints no flag it does not carry."""
        parts = [BASE_SOURCE]
        if "estimated" in self.flags:
            parts.append("penduduk desa PERKIRAAN")
        if "synthetic" in self.site_flags:
            parts.append("menara SINTETIS")
        seen = set()
        for uri in self.i.data_inputs:
            prov = pp.input_provenance(uri)
            if prov is not None and prov.text() not in seen:
                seen.add(prov.text())
                parts.append(prov.text())
        return "; ".join(parts)

    def build_project(self) -> None:
        i = self.i
        self.project = project = QgsProject()
        self.r.qgz = os.path.join(i.out_dir, "plan.qgz")
        project.setFileName(self.r.qgz)
        project.setTitle(i.title)
        pdf.set_office_author(project)  # the PDFs' Author (was the OS user: 'root')
        project.setCrs(QgsCoordinateReferenceSystem(ANALYSIS_CRS))
        today = datetime.date.today()
        for key, value in (("kaltim_title", i.title), ("kaltim_date", today.strftime("%d-%m-%Y")),
                           ("kaltim_sources", self.sources_text()), ("kaltim_summary", self.summary_text())):
            QgsExpressionContextUtils.setProjectVariable(project, key, value)
        # the year map's note: the new BTS's lead as this plan scheduled it (the roadmap's LEAD_TIME_MONTHS)
        lead = self.summary.bts_lead_text("id")
        QgsExpressionContextUtils.setProjectVariable(project, "kaltim_bts_lead", f" ({lead})" if lead else "")
        synthetic_sites = "synthetic" in self.site_flags
        L = self.layers
        L["villages"] = self._open("villages", "Desa — status sinyal", st.style_plan_status)
        L["tech"] = self._open("villages", "Desa — teknologi rencana", st.style_plan_tech)
        L["kabkota"] = self._open("kabkota", "Kab/kota", lambda lyr: st.style_kabkota(lyr, "nama"))
        L["locator"] = self._open("kabkota", "Kab/kota (lokator)", st.style_locator)
        L["mask"] = self._open("kabkota", "Kab/kota lain (disamarkan di atlas)", st.style_neighbour_mask)
        per_year = dict(self.summary.villages_per_year)
        L["numbers"] = self._open("villages", "Desa rencana — nomor di peta atlas", None)
        L["year"] = self._open("villages", "Desa — tahun mulai layanan (peta per tahun)",
                               lambda lyr: st.style_plan_year(lyr, per_year))
        L["sites"] = self._open("sites", "Menara eksisting" + (" (SINTETIS)" if synthetic_sites else ""),
                                st.style_existing_sites)
        L["planned_sites"] = self._open(lo.SITES_LAYER, lo.SITES_TITLE, st.style_planned_sites)
        for name, title in (("roadmap_year_source", "Anggaran per tahun dan sumber"),
                            ("training_plan", "Rencana pelatihan"), ("operator_packages", "Paket operator"),
                            ("tower_sharing", "Kandidat berbagi menara")):
            L[name] = self._open(name, title, None)
        if L["villages"] is None or L["kabkota"] is None:
            raise RuntimeError(tr("Cannot reopen the plan layers from {path}.").format(path=self.r.gpkg))
        # the layer tree, top to bottom, built once: no node is moved or deleted (reordering by clone and remove
        # left Python wrappers of deleted nodes that a new node at the same address could inherit)
        root = project.layerTreeRoot()
        for key in ("planned_sites", "sites", "tech", "kabkota", "villages", "locator", "mask", "numbers", "year",
                    "roadmap_year_source", "training_plan", "operator_packages", "tower_sharing"):
            if L.get(key) is not None:
                node = root.addLayer(L[key])
                if key in ("locator", "mask", "numbers", "year"):
                    node.setItemVisibilityChecked(False)
        map_layers = [L[k] for k in ("planned_sites", "sites", "tech", "kabkota", "villages") if L.get(k)]
        # atlas pages: the neighbouring kab/kota washed out above their villages, under the boundaries
        atlas_layers = [L[k] for k in ("numbers", "planned_sites", "sites", "mask", "tech", "kabkota", "villages")
                        if L.get(k)]
        legend_layers = [L[k] for k in ("villages", "tech", "planned_sites", "sites", "kabkota") if L.get(k)]
        extent = self._extent(L["kabkota"])
        folder = i.template_folder
        overview = lo.load_template(project, folder, lo.OVERVIEW_TEMPLATE, "Ikhtisar provinsi")
        unfit = lo.configure_overview(overview, map_layers, legend_layers, extent, folder=folder)
        atlas = lo.load_template(project, folder, lo.ATLAS_TEMPLATE, "Atlas kab/kota")
        lo.configure_atlas(atlas, L["kabkota"], atlas_layers, legend_layers, [L["locator"]], L["villages"],
                           i.kab_field, st.PLANNED_EXPRESSION, L.get("planned_sites"), extent, folder=folder)
        if L.get("numbers") is not None:  # the atlas tables' villages numbered on the map
            ranks = lo.atlas_numbers(atlas, L["villages"], i.kab_field, st.PLANNED_EXPRESSION, L["kabkota"])
            st.style_village_numbers(L["numbers"], ranks, lo.atlas_page_filter(i.kab_field))
        report = lo.load_template(project, folder, lo.REPORT_TEMPLATE, "Laporan peta jalan")
        year_map = None
        if L.get("year") is not None and per_year:
            year_map = ([L["kabkota"], L["year"]], [L["year"], L["kabkota"]], extent, [L["year"]])
        shortened = []
        unfit += lo.configure_report(report, self.charts, self._report_tables(), L.get("training_plan"),
                                     L.get("tower_sharing"), folder=folder, year_map=year_map,
                                     curve=bool(self.curve), shortened=shortened)
        if "table_year" in shortened:  # too many technologies a year for their names: the years and totals first
            self.warn(tr("The roadmap report's table by year names the technologies of a year in short, or only "
                         "counts them, so that every year and the total fit its box; roadmap.xlsx, sheet "
                         "'Per tahun', has them in full."))
        for name, layout in (("overview", overview), ("atlas", atlas), ("report", report)):
            if not lo.fit_label(layout, "title"):  # a long TITLE was cut at the box's edge, silently
                unfit.append(f"title ({name})")
            unfit += [f"{item_id} ({name})" for item_id in lo.fit_footers(layout)]
        for item_id in unfit:  # shrunk to the smallest text and still too long: said, not printed cut silently
            self.warn(tr("The printed item '{item}' does not fit its box even at {pt} pt: its last lines are cut in "
                         "the PDF. The tables and the spreadsheet hold every figure.").format(
                item=item_id, pt=lo.MIN_TEXT_PT))
        self.layouts = {"overview": overview, "atlas": atlas, "report": report}
        for layout in (overview, atlas, report):
            project.layoutManager().addLayout(layout)

    def _extent(self, layer) -> QgsRectangle:
        extent = QgsRectangle(layer.extent())
        xform = QgsCoordinateTransform(layer.crs(), self.project.crs(), self.project.transformContext())
        extent = transform_bounding_box(xform, extent)  # 3.40/3.44 in a background task: edge points
        extent.scale(1.03)
        return extent

    def _report_tables(self) -> dict:
        out = report_tables(self.sheet, self.curve, forms=True)
        if _valid(self.i.training):
            out["table_training"] = training_table(tb.layer_rows(self.i.training), self.rows, self.i.kab_field,
                                                   getattr(self, "kab_names", None))
        return out

    # -- 6..9 -----------------------------------------------------------------------------------------------------
    def overview_pdf(self) -> None:
        self.r.overview_pdf = os.path.join(self.i.out_dir, "overview.pdf")
        pdf.export_pdf(self.layouts["overview"], self.r.overview_pdf, self.dpi)

    def atlas_pdf(self) -> None:
        self.r.atlas_pdf = os.path.join(self.i.out_dir, "atlas_kabkota.pdf")
        self.r.pages = pdf.export_atlas_pdf(self.layouts["atlas"], self.r.atlas_pdf, self.dpi, self.feedback)
        pdf.set_pdf_info(self.r.atlas_pdf, self.i.title)  # QGIS 3.22's atlas PDF has an empty Title

    def report_pdf(self) -> None:
        self.r.report_pdf = os.path.join(self.i.out_dir, "roadmap_report.pdf")
        pdf.export_pdf(self.layouts["report"], self.r.report_pdf, self.dpi)

    def combined_pdf(self, allow_tools: bool = True) -> None:
        out = os.path.join(self.i.out_dir, "deployment_plan.pdf")
        if os.path.exists(out):
            os.remove(out)
        overview_pages = self.layouts["overview"].pageCollection().pageCount()
        if allow_tools and pdf.merge_pdfs([self.r.overview_pdf, self.r.atlas_pdf], out):
            self.r.merged_with = "pdfunite/qpdf"
            self.r.deployment_pages = overview_pages + self.r.pages
        else:
            self.r.merged_with = "qt"
            self.r.deployment_pages = pdf.render_combined_pdf(
                out, [(self.layouts["overview"], False), (self.layouts["atlas"], True)], self.dpi, self.feedback)
        pdf.set_pdf_info(out, self.i.title)  # pdfunite writes no Title
        self.r.deployment_pdf = out

    def close(self) -> None:
        """Release the layouts, layers and project in a safe order (the project owns the layouts)."""
        self.layouts = {}
        self.layers = {}
        if self.project is not None:
            self.project.clear()
            self.project = None
        self.coverage_layer = None

    def save_project(self) -> None:
        if not self.project.write(self.r.qgz):
            raise RuntimeError(tr("Cannot write the project {path}: {error}").format(
                path=self.r.qgz, error=self.project.error()))


#: the technologies' short names in the report's table by year when their full names do not fit (printed output is
#: Indonesian by design)
TECH_SHORT = {"fwa": "FWA", "bts": "BTS baru", "colo": "Kolokasi", "satellite": "Satelit",
              "village_package": "Paket desa", "fibre_service": "Langganan fiber", "fibre": "Fiber", "radio": "Radio"}


def _kinds_text(techs) -> str:
    """'3 jenis' of a "fwa=196;satellite=32" text (or a {code: count} dict, merged years): how many technologies,
    when even their short names do not fit."""
    if isinstance(techs, dict):
        n = len(techs)
    else:
        n = sum(1 for part in str(techs).replace(";", ",").split(",") if "=" in part or ":" in part)
    return f"{n} jenis" if n else ""


def _with_total(rows: List[list], columns: dict, first: list, money: Optional[tuple] = None,
                same_money: Optional[dict] = None) -> List[list]:
    """``rows`` with a total row, every figure printed by the one rounding rule (:func:`tables.round_tables`): less
    than 1 unit from its exact value, the columns adding up to their printed totals. ``columns``: column index ->
    (values, unit), a column of its own (a column of one value per row: largest remainder, its total rounded half
    away from zero, or as ``same_money`` — exact rupiah -> printed units — prints the same money elsewhere).
    ``money``: (the money columns' indexes, the row total's index, their :class:`tables.Rounded`): rows that add
    up to their total too. ``first``: the total row's other cells."""
    total = list(first)
    for i, (values, unit) in columns.items():
        exact = sum(tb.num(v) for v in values)
        shown, sum_shown = tb.in_units(values, unit, (same_money or {}).get((round(exact), unit)))
        for row, v in zip(rows, shown):
            row[i] = tb.int_id(v)
        total[i] = tb.int_id(sum_shown)
    if money is not None:
        indexes, total_index, rounded = money
        for row, cells, row_total in zip(rows, rounded.cells, rounded.rows):
            for i, v in zip(indexes, cells):
                row[i] = tb.int_id(v)
            row[total_index] = tb.int_id(row_total)
        for i, v in zip(indexes, rounded.columns):
            total[i] = tb.int_id(v)
        total[total_index] = tb.int_id(rounded.grand)
    return rows + [total] if rows else rows


def _money_matrix(d: list) -> List[list]:
    """Columns 3-5 of the per-year and per-source tables, the same money in both: the villages' CAPEX, the
    satellite -> fibre migrations' CAPEX, every OPEX booked (the migrated villages' fibre OPEX included)."""
    return [[tb.num(r["capex_idr"]), tb.num(r["migration_capex_idr"]),
             tb.num(r["opex_idr"]) + tb.num(r["migration_opex_idr"])] for r in d]


def _money_rounded(year_rows: Optional[list], source_rows: Optional[list], unit: float) -> tuple:
    """The per-year and per-source money as printed (:func:`tables.round_tables`): rounded together when they
    split the same money (each column's total to the rupiah), so both print the same column totals and total."""
    tables = [_money_matrix(d) for d in (year_rows, source_rows) if d is not None]
    if len(tables) == 2:
        sums = [[round(sum(r[j] for r in t)) for j in range(3)] for t in tables]
        if sums[0] == sums[1] and tables[0] and tables[1]:
            both = tb.round_tables(tables, unit)
            return both[0], both[1]
    done = [tb.round_tables([t], unit)[0] for t in tables]
    if year_rows is None:
        return None, done[0] if done else None
    return done[0], done[1] if len(done) > 1 else None


def _printed_money(rounded: Optional[tb.Rounded], d: list, unit: float) -> dict:
    """(exact rupiah, unit) -> printed units of a money table's column totals and grand total (the same money
    printed by another table prints the same)."""
    if rounded is None:
        return {}
    m = _money_matrix(d)
    out = {(round(sum(r[j] for r in m)), unit): rounded.columns[j] for j in range(3)}
    out[(round(sum(map(sum, m))), unit)] = rounded.grand
    return out


#: the per-year table's rows that fit its box on the report page (with its total row); a longer horizon prints its
#: first years one by one and the rest as one row "2034–2055" (YEARS = 30 printed 2026-2035 and no total, its
#: later years cut: found 2026-12-07); the workbook and the CSV hold every year
YEAR_ROWS_PRINTED = 9


def _years_that_fit(d: list) -> list:
    """The per-year rows as printed: at most :data:`YEAR_ROWS_PRINTED`, the years past the first ones summed into
    one row (its villages, people and money; its technologies counted together)."""
    if len(d) <= YEAR_ROWS_PRINTED:
        return d
    head, rest = d[:YEAR_ROWS_PRINTED - 1], d[YEAR_ROWS_PRINTED - 1:]
    merged = {"year": fmt.year_span(rest[0]["year"], rest[-1]["year"])}
    for key in ("villages", "population", "capex_idr", "migration_capex_idr", "opex_idr", "migration_opex_idr",
                "total_idr"):
        merged[key] = sum(tb.num(r.get(key)) for r in rest)
    techs: dict = {}  # {tech: villages}, as labels.counts_text takes it
    for r in rest:
        for part in str(r.get("techs") or "").split(";"):
            if ":" in part:
                tech, n = part.split(":", 1)
                techs[tech] = techs.get(tech, 0) + int(tb.num(n))
    merged["techs"] = techs
    return head + [merged]


def report_tables(sheet, curve=None, forms: bool = False) -> dict:
    """The roadmap report's tables from the workbook's sheets (``sheet(slug)``): money in juta Rp (``forms``: the
    per-year table as a list of its forms for :func:`layouts.configure_report`, the fullest first: the technologies
    named in full, in short, then only counted; else its first form). Every printed
    figure follows one rounding rule (:func:`tables.round_tables`): it is less than 1 unit from its exact value,
    each column adds up to its printed total and a row's *Total* is the sum of what the row prints; the same money
    prints the same in every table (the per-year and per-source tables' column totals and total; the CAPEX total
    of the kab/kota and operator tables; a payer's busiest year that is all it pays). The per-year and per-source
    tables show the same money columns: the villages' CAPEX, the satellite -> fibre migrations' CAPEX, every OPEX
    booked (the migrated villages' fibre OPEX included) and the total (plan.gpkg ``roadmap_year_source.total_idr``)."""
    juta = 1e6
    out = {}
    ys, src = sheet("per_tahun"), sheet("per_sumber_dana")
    year_rows = _years_that_fit(ys.as_dicts()) if ys is not None else None
    source_rows = src.as_dicts() if src is not None else None
    year_money, source_money = _money_rounded(year_rows, source_rows, juta)
    same = {**_printed_money(source_money, source_rows or [], juta), **_printed_money(year_money, year_rows or [],
                                                                                     juta)}
    if ys is not None:
        d = year_rows
        # the fullest form first; then the technologies in short, then only how many: a year of many technologies
        # made its row so tall that the table lost its later years and its total (found 7 December)
        printed = _with_total([[r["year"], "", "", "", "", "", "", ""] for r in d],
                              {1: ([r["villages"] for r in d], 1), 2: ([r["population"] for r in d], 1)},
                              [tb.TOTAL_LABEL, "", "", "", "", "", "", ""], ((3, 4, 5), 6, year_money))
        headers = ["Tahun", "Desa/kel. mulai layanan", "Penduduk", "Capex desa (juta Rp)",
                   "Capex migrasi fiber (juta Rp)", "Opex, termasuk fiber migrasi (juta Rp)", "Total (juta Rp)",
                   "Teknologi"]
        right = [False, True, True, True, True, True, True, False]
        year_forms = [(headers, [row[:7] + [tech_text(r["techs"] or "")] for row, r in zip(printed, d)]
                       + printed[len(d):], right)
                      for tech_text in (lambda t: counts_text(t, "tech", "id"),
                                        lambda t: counts_text(t, "tech", "id", TECH_SHORT), _kinds_text)]
        out["table_year"] = year_forms if forms else year_forms[0]
    if src is not None:
        d = source_rows
        rows = []
        for r, row_total in zip(d, source_money.rows):
            total = tb.num(r["total_idr"])
            cap = (tb.NO_FIGURE if r["cap_idr"] is None
                   else tb.int_id(tb.figure_beside(r["cap_idr"], total, row_total, juta)))
            peak = "–" if r["peak_year"] is None else tb.int_id(tb.figure_beside(r["peak_year_idr"], total,
                                                                                  row_total, juta))
            if r["cap_per_kab"]:
                cap += tb.PER_KAB
                peak += f" ({r['peak_year']}, semua kab/kota)" if r["peak_year"] is not None else ""
            elif r["peak_year"] is not None:
                peak += f" ({r['peak_year']})"
            rows.append([r["label"] or r["source"], cap, peak, "", "", "", "",
                         fmt.year_span(r["first_year"], r["last_year"]) if r["first_year"] else "–"])
        out["table_source"] = (
            ["Sumber dana (juta Rp)", "Pagu/tahun", "Tahun tertinggi", "Capex desa", "Capex migrasi fiber",
             "Opex, termasuk fiber migrasi", "Total", "Tahun"],
            _with_total(rows, {}, [tb.TOTAL_LABEL, "", "", "", "", "", "", ""], ((3, 4, 5), 6, source_money)),
            [False, True, True, True, True, True, True, False])
    ops = sheet("per_operator")
    if ops is not None:
        d = ops.as_dicts()
        rows = [[r.get("operator") or tb.UNASSIGNED_OPERATOR, "", "", "", "", "",
                 counts_text(r.get("techs") or "", "tech", "id")] for r in d]
        out["table_operators"] = (
            ["Operator", "Desa", "Terjadwal", "Penduduk", "Capex (juta Rp)", "Opex/tahun (juta Rp)", "Teknologi"],
            _with_total(rows, {1: ([r.get("villages") for r in d], 1), 2: ([r.get("villages_scheduled") for r in d], 1),
                               3: ([r.get("population") for r in d], 1), 4: ([r.get("capex_idr") for r in d], juta),
                               5: ([r.get("opex_idr_year") for r in d], juta)},
                        [tb.TOTAL_LABEL, "", "", "", "", "", ""], same_money=same),
            [False, True, True, True, True, True, False])
    if curve:
        out["table_curve"] = curve_table(curve)
    kab = sheet("per_kab_kota")
    if kab is not None:
        d = kab.as_dicts()
        rows = [[r["name"], "", "", "", "", "", "", ""] for r in d]
        out["table_kabkota"] = (
            ["Kab/kota", "Desa/kel.", "Blank spot", "Layanan berlanjut", "Layanan tidak terdanai", "Direncanakan",
             "Terjadwal", "Capex terjadwal (juta Rp)"],
            _with_total(rows, {1: ([r["villages"] for r in d], 1), 2: ([r["blank_spot"] for r in d], 1),
                               3: ([r["continuing"] for r in d], 1), 4: ([r["service_unfunded"] for r in d], 1),
                               5: ([r["planned"] for r in d], 1), 6: ([r["scheduled"] for r in d], 1),
                               7: ([r["capex_scheduled_idr"] for r in d], juta)},
                        [tb.TOTAL_LABEL, "", "", "", "", "", "", ""], same_money=same),
            [False, True, True, True, True, True, True, True])
    return out


def training_table(rows: List[dict], villages: List[dict], kab_field: str = "", kab_names: Optional[dict] = None
                   ) -> tuple:
    """The report's training plan (plan.gpkg ``training_plan``) as printed: in the order of roadmap.xlsx's sheet
    'Pelatihan' and its CSV (year, kecamatan code, batch), each batch's kab/kota and its villages by code and name
    with their trainees ("64.72.03.1001 Sidodadi (2); ..."), the cost in juta Rp like the report's other tables
    (to 0,1 juta, the column adding up to its total) and a *Jumlah* row of trainees and cost."""
    names, kabs = {}, {}
    for v in villages:
        code = str(v.get("kode") or "")
        names[code] = str(v.get("nama") or "").strip()
        key = tb.kab_key_of(v, kab_field) if kab_field else ""
        kab = str((kab_names or {}).get(key) or v.get("nama_kab") or key or "").strip()
        kabs[code] = re.sub(r"^Kabupaten\s+", "Kab. ", kab)  # the villages' column gets the room
    rows = sorted(rows, key=lambda r: (tb.year_of(r.get("year")) or 0, str(r.get("kec_code") or ""),
                                       tb.whole(r.get("batch_no"))))
    counts = any(r.get("village_trainees") for r in rows)

    def village(code: str) -> str:
        return f"{code}{_NBSP}{names[code]}".replace(" ", _NBSP) if names.get(code) else code

    def kab_of(r: dict) -> str:
        for code in str(r.get("villages") or "").split(";"):
            if kabs.get(code.strip()):
                return kabs[code.strip()]
        return ""

    tenths, tenths_total = tb.in_units([r.get("cost_idr") for r in rows], 1e5)  # 0,1 juta: 1,5 juta a trainee
    printed = []
    for r, cost in zip(rows, tenths):
        if counts:
            cell = "; ".join(f"{village(code)}{_NBSP}({n}" + (f"{_NBSP}dari{_NBSP}{m})" if m != n else ")")
                             for code, n, m in trn.parse_village_trainees(str(r.get("village_trainees") or "")))
        else:
            cell = "; ".join(village(c.strip()) for c in str(r.get("villages") or "").split(";") if c.strip())
        printed.append([str(tb.year_of(r.get("year")) or ""), str(r.get("kec_code") or ""), kab_of(r),
                        str(r.get("kec_name") or ""), str(tb.whole(r.get("batch_no"))), tb.int_id(r.get("trainees")),
                        cell, _juta_tenths(cost)])
    if printed:
        printed.append([tb.TOTAL_LABEL, "", "", "", "", tb.int_id(sum(tb.num(r.get("trainees")) for r in rows)), "",
                        _juta_tenths(tenths_total)])
    headers = ["Tahun", "Kode kec.", "Kab/kota", "Kecamatan", "Angkatan", "Peserta",
               lo.TRAINEES_HEADING if counts else "Desa", "Biaya (juta Rp)"]
    return headers, printed, [False, False, False, False, True, True, False, True]


_NBSP = "\u00a0"  # inside a village's entry: a long cell wraps between villages, never inside one


def _juta_tenths(tenths: int) -> str:
    """Tenths of a juta as printed: "708", "10,5"."""
    return tb.int_id(tenths // 10) if tenths % 10 == 0 else fmt.decimal(tenths / 10, "id", 1)


# what a budget curve table must hold (optimizesites OUTPUT_CURVE)
CURVE_FIELDS = ("budget_idr", "people_newly_covered")


def curve_missing_fields(layer) -> List[str]:
    """The fields of :data:`CURVE_FIELDS` that the budget curve ``layer`` lacks (none for the optimiser's table)."""
    names = set(layer.fields().names())
    return [f for f in CURVE_FIELDS if f not in names]


def curve_points(rows: List[dict]) -> List[dict]:
    """The optimiser's budget curve rows (budget_idr, sites, cost_idr, people_newly_covered,
    villages_newly_covered), by budget, as plain numbers."""
    points = []
    for r in rows:
        if r.get("budget_idr") is None:
            continue
        points.append({"budget_idr": tb.num(r.get("budget_idr")), "sites": tb.whole(r.get("sites")),
                       "cost_idr": tb.num(r.get("cost_idr")), "people": tb.num(r.get("people_newly_covered")),
                       "villages": tb.whole(r.get("villages_newly_covered"))})
    return sorted(points, key=lambda p: p["budget_idr"])


def curve_table(points: List[dict]) -> tuple:
    """The budget curve page's table: Indonesian money and people (\"Rp 25 miliar\", \"12.878 jiwa\")."""
    rows, previous = [], None
    for p in points:
        extra = "–"
        if previous is not None and p["budget_idr"] > previous["budget_idr"]:
            per_bn = (p["people"] - previous["people"]) / ((p["budget_idr"] - previous["budget_idr"]) / 1e9)
            extra = fmt.integer(per_bn, "id") + " jiwa"
        rows.append([fmt.money(p["budget_idr"], "id"), tb.int_id(p["sites"]), fmt.money(p["cost_idr"], "id"),
                     tb.int_id(p["people"]) + " jiwa", tb.int_id(p["villages"]), extra])
        previous = p
    return (["Anggaran BTS baru", "Lokasi BTS baru", "Biaya lokasi terpilih", "Penduduk tercakup baru",
             "Desa/kel. tercakup baru", "Tambahan per Rp 1 miliar"], rows, [False, True, True, True, True, True])


def summary_lines_id(summary, estimated: bool = False, kab_pages: int = 0) -> str:
    """The plan summary in Indonesian, as the overview and the roadmap report print it (``kab_pages``: the kab/kota
    that hold villages of the plan, one atlas page each)."""
    t = summary.total
    years = sorted(summary.villages_per_year)
    # one decimal throughout ("Rp 7,8 miliar"); the consistency check (report/consistency.py) reads the scheduled
    # CAPEX back as a number (tables.printed_money)
    money = tb.money_one_decimal
    mig_capex, mig_opex = summary.migration_capex_total_idr, summary.migration_opex_total_idr
    capex = f"Capex terjadwal: {money(t.capex_scheduled_idr)}"
    if mig_capex:
        capex += (f" + migrasi fiber {money(mig_capex)} = {money(summary.capex_total_idr)}")
    opex = f"opex dalam periode: {money(summary.opex_total_idr)}"
    if mig_opex:
        opex += f" (termasuk opex fiber desa migrasi {money(mig_opex)})"
    funded = ""
    if summary.opex_years == 0:  # (was: 'opex didanai hanya 0 tahun …: opex tahunan turun', of an opex never paid)
        funded = "Opex tidak didanai dalam peta jalan (0 tahun): biaya berjalan desa tersambung tidak dianggarkan; "
    elif summary.opex_years_short:
        funded = (f"Opex didanai hanya {summary.opex_years} tahun sejak tersambung (periode {summary.horizon_years} "
                  f"tahun): opex tahunan turun tanpa ada desa yang terputus; ")
    lines = [
        f"Desa/kelurahan: {tb.int_id(t.villages)} ({tb.int_id(t.desa)} desa, {tb.int_id(t.kelurahan)} kelurahan) — "
        f"tercakup {tb.int_id(t.covered)}, sebagian {tb.int_id(t.partial)}, blank spot {tb.int_id(t.blank_spot)}",
        f"Sudah tersambung (program): {tb.int_id(t.connected_today)}, layanan berlanjut {tb.int_id(t.continuing)}"
        + (f", LAYANAN TIDAK TERDANAI {tb.int_id(t.service_unfunded)} "
           f"({tb.int_id(t.people_service_unfunded)} jiwa)" if t.service_unfunded else "")
        + f"; migrasi satelit ke fiber: {tb.int_id(t.migrations)} ({money(t.migration_capex_idr)}, "
        f"{'hemat' if t.migration_saving_idr_year >= 0 else 'tambahan'} opex "
        f"{money(abs(t.migration_saving_idr_year))} per tahun)",
        f"Direncanakan: {tb.int_id(t.planned)} desa/kelurahan ({tb.int_id(t.planned_desa)} desa, "
        f"{tb.int_id(t.planned_kelurahan)} kelurahan): cakupan baru {tb.int_id(t.new_coverage)}, sambungan kantor "
        f"{tb.int_id(t.office_connection)}",
        f"Terjadwal: {tb.int_id(t.scheduled)}" + (f" ({fmt.year_span(years[0], years[-1])})" if years else "")
        + f"; belum terdanai {tb.int_id(t.unfunded)}"
        + (f" (dengan layanan tidak terdanai: {tb.int_id(t.villages_unfunded)} desa/kel. tanpa dana)"
           if t.service_unfunded else "")
        + (f"; melebihi kapasitas pemasangan {tb.int_id(t.over_capacity)}" if t.over_capacity else ""),
        f"{capex}; {opex}",
        (f"{funded}opex berjalan" if funded else "Opex berjalan")
        + f" setelah {summary.end_year}: {money(summary.opex_after_horizon_idr_year)} per tahun",
        f"Penduduk tercakup baru: {tb.int_id(t.people_newly_covered)}; penduduk desa/kelurahan tersambung: "
        f"{tb.int_id(t.people_connected)}" + (" (PERKIRAAN)" if estimated else ""),
        f"Kab/kota: {kab_pages}",
    ]
    return "\n".join(lines)
