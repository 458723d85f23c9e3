"""The monthly M&E report: indicator and flag texts, the CSV files and the PDF filled from the print layout
template ``resources/layouts/monitoring_report.qpt`` (made by scripts/make_templates.py; items found by id: title,
subtitle, date, map, legend, indicators, scorecard, flags, footer; north_arrow, scalebar, scale_text and map_note
follow the map).

The report is printed in one language, :data:`REPORT_LANG` (Indonesian, as the plan's other printed reports:
docs/guide/export.md), whatever QGIS's language: its title, texts, numbers (``98,98 %``), dates (``07-12-2026``)
and months (``Oktober 2026``). The dock shows the same indicator table in the user's language (``lang=None``)."""
from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path
from typing import Optional, Sequence

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsLayoutExporter,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProcessingException,
    QgsProject,
    QgsRuleBasedLabeling,
    QgsTableCell,
)
from qgis.PyQt.QtXml import QDomDocument

from ..compat import transform_bounding_box
from ..core import formatting as fmt
from ..core import monitoring as mon
from ..i18n import tr, ui_lang
from ..io.styles_export import label_names
from ..labels import _translated
from ..paths import resource
from . import layouts as lo
from . import pdf

MAX_PDF_FLAGS = 5
MAP_CRS = "EPSG:32750"  # the analysis CRS: the report's map when the villages come in degrees
RIGHT_MARGIN = 15.0  # mm
#: the printed report's language: Indonesian by design, as the plan's PDFs (the title was Indonesian and the content
#: English with QGIS in English, found 7 December)
REPORT_LANG = "id"
#: every village name on the map only up to this scale (1 : 500 000, a kecamatan or a small kab/kota); on a smaller
#: scale (the province at 1 : 5.5 million printed 1,038 names on top of each other) only the villages with a problem
NAMES_ALL_MAX_SCALE = 500_000
#: statuses that put a village's name on the map whatever the scale (besides the villages with a flag)
PROBLEM_STATUSES = ("disrupted",)
MAX_SOURCE_FILES = 3  # the footer names this many imported files, then "and n more"
_C = "KaltimInternet"


def translate(_context: str, text: str, lang: Optional[str] = REPORT_LANG) -> str:
    """``text`` in ``lang`` (``None``: the user's language, as tr()). scripts/i18n.py extracts ``translate(context,
    "literal")``; the Indonesian comes from the plugin's .qm whatever translator QGIS has installed."""
    return tr(text) if lang is None else _translated(text, lang)


def _lang(lang: Optional[str]) -> str:
    return fmt.lang_code(ui_lang() if lang is None else lang)


def month_text(month: str, lang: Optional[str] = REPORT_LANG, short: bool = False) -> str:
    """``"2026-10"`` -> ``"Oktober 2026"`` (``"Okt 2026"`` short; English ``"October 2026"``); other text unchanged."""
    try:
        year, number = int(str(month)[:4]), int(str(month)[5:7])
    except ValueError:
        return str(month or "")
    if len(str(month)) != 7 or not 1 <= number <= 12:
        return str(month)
    name = fmt.MONTHS[_lang(lang)][number - 1]
    return f"{name[:3] if short else name} {year}"


def months_text(months: str, lang: Optional[str] = REPORT_LANG) -> str:
    """``"2025-02, 2025-03"`` (a flag's months) -> ``"Feb 2025, Mar 2025"``."""
    return ", ".join(month_text(m.strip(), lang, short=True) for m in str(months).split(",") if m.strip())


def template_path() -> Path:
    return resource("layouts", "monitoring_report.qpt")


def indicator_table(ind: dict, lang: Optional[str] = None) -> list:
    """(indicator, value) rows in ``lang`` (None: the user's language, as the dock shows them; the printed report
    passes :data:`REPORT_LANG`), numbers written for that language."""
    code = _lang(lang)

    def n(value) -> str:
        return fmt.integer(value, code)

    rows = []
    counts = ind["status_counts"]
    if sum(counts.values()) or ind["no_status"]:
        for status in mon.STATUSES:
            if counts[status]:
                rows.append((translate(_C, "Villages {status}", lang).format(
                    status=mon.status_label(status, "id" if code == "id" else "en")), n(counts[status])))
        rows.append((translate(_C, "Villages without status", lang), n(ind["no_status"])))
    if ind.get("connected_before_roadmap"):
        rows.append((translate(_C, "Villages already connected at the start (the programme)", lang),
                     n(ind["connected_before_roadmap"])))
    for y in ind["connected_by_year"]:
        # per year, as the roadmap report's table by year: the villages whose service the roadmap starts that year
        rows.append((translate(_C, "Villages starting service in {year} (roadmap): active / planned", lang).format(
            year=y["year"]), f"{n(y['connected'])} / {n(y['target'])}"))
    rows.append((translate(_C, "Site-months evaluated", lang), n(ind["site_months"])))
    if ind["mean_availability_pct"] is not None:
        rows.append((translate(_C, "Mean availability", lang), fmt.decimal(ind["mean_availability_pct"], code, 2)
                     + " %"))
    rows.append((translate(_C, "Site-months below target ({target} %)", lang).format(
        target=fmt.decimal(ind["target_pct"], code, 2, strip=True)), n(ind["restitution_site_months"])))
    um = ind["users_month"]
    if um:
        rows.append((translate(_C, "Active users ({month})", lang).format(month=month_text(um["month"], lang)),
                     n(um["total_users"])))
        rows.append((translate(_C, "Villages with zero usage ({month})", lang).format(
            month=month_text(um["month"], lang)), n(um["zero_usage"])))
    tp = ind["throughput"]
    if tp["sites_evaluated"]:
        rows.append((translate(_C, "Sites with at least 25/3 Mbps", lang), "{m} / {n} ({pct} %)".format(
            m=n(tp["sites_meeting"]), n=n(tp["sites_evaluated"]), pct=fmt.decimal(100 * tp["share"], code, 0))))
    if ind["cadres"]:
        total = ind["cadres"][-1]
        rows.append((translate(_C, "Digital cadres trained / planned", lang),
                     f"{n(total['trained'])} / {n(total['planned'])}"))
    return rows


def sources_text(sources: Sequence[dict], lang: Optional[str] = REPORT_LANG, named: int = MAX_SOURCE_FILES) -> str:
    """The footer's sources line: the imported files the report's provider figures come from, with their months
    (``sources``: ``{file, months}`` of :func:`core.monitoring.report_sources`), the first ``named`` by name."""
    if not sources:
        return translate(_C, "Source: no provider report imported yet", lang)
    parts = []
    for s in sources[:named]:
        ends = [month_text(m, lang, short=True) for m in dict.fromkeys((min(s["months"]), max(s["months"])))] \
            if s["months"] else []
        parts.append(f"{s['file']} ({'–'.join(ends)})" if ends else str(s["file"]))
    text = "; ".join(parts)
    if len(sources) > named:
        text += "; " + translate(_C, "and {n} more file(s)", lang).format(n=len(sources) - named)
    return translate(_C, "Source: provider service reports imported into the plan: {files}", lang).format(
        files=text)


def write_pdf(pdf_path: str, template: Path, month: str, indicators: list, scorecard: list, flags: list,
              villages_layer=None, status_field: str = "status", sources: Sequence[dict] = (),
              lang: str = REPORT_LANG) -> str:
    """Fill the layout template in ``lang`` and export it to ``pdf_path``. Raises QgsProcessingException with a clear
    message when the template is missing or broken or QGIS's export fails; raises :class:`.pdf.IncompletePdfError` when
    the PDF read back is not whole (:func:`pdf.is_complete`). ``sources``: the imported files the figures come from
    (:func:`sources_text`)."""
    if not template.is_file():
        raise QgsProcessingException(tr("The M&E report template is missing: {path}. Reinstall the plugin or "
                                        "restore resources/layouts/monitoring_report.qpt.").format(path=template))
    doc = QDomDocument()
    ok = doc.setContent(template.read_text(encoding="utf-8"))
    ok = ok[0] if isinstance(ok, tuple) else ok
    if not ok:
        raise QgsProcessingException(tr("The M&E report template {path} is not a valid print layout (.qpt).")
                                     .format(path=template))
    project = QgsProject()
    project.setEllipsoid("EPSG:7030")  # the scale bar measures kilometres on WGS 84 whatever the map's CRS
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    _items, loaded = layout.loadFromTemplate(doc, lo.template_context(str(template.parent)))
    if not loaded:
        raise QgsProcessingException(tr("The M&E report template {path} could not be loaded.").format(path=template))

    def item(item_id):
        found = layout.itemById(item_id)
        if found is None:
            raise QgsProcessingException(tr("The M&E report template {path} has no item with id '{id}'.")
                                         .format(path=template, id=item_id))
        return found

    code = fmt.lang_code(lang)
    today = fmt.date(dt.date.today(), code)
    item("title").setText(translate(_C, "Monitoring and Evaluation Report", lang))
    item("subtitle").setText(translate(_C, "Internet Desa Kaltim · reporting month {month}", lang).format(
        month=month_text(month, lang) if month else "-"))
    # the PDF's Title and Author (from the project's metadata), as the plan's PDFs: the office, not the OS user
    pdf.set_office_author(project)
    metadata = project.metadata()
    metadata.setTitle(f"{item('title').text()} · {item('subtitle').text()}")
    project.setMetadata(metadata)
    item("date").setText(translate(_C, "Report date: {date}", lang).format(date=today))
    map_item = item("map")
    legend = layout.itemById("legend")
    note = layout.itemById("map_note")
    if note is not None:
        note.setText("")
    if has_map(villages_layer):
        from ..io.styles_monitoring import style_by_status

        villages_layer.setName(translate(_C, "Villages", lang))
        if villages_layer.fields().indexOf(status_field) >= 0:
            renderer = style_by_status(villages_layer, status_field)
            for i, category in enumerate(renderer.categories()):
                status = mon.normalise_status(category.value()) if category.value() not in (None, "") else None
                if status is None:  # the dock's style says it in the user's language
                    renderer.updateCategoryLabel(i, translate(_C, "No status yet", lang))
                else:  # the dock's 'Aktif (active)' names the code too: printed, the report's language only
                    renderer.updateCategoryLabel(i, mon.status_label(status, code).capitalize())
        crs = villages_layer.crs()
        extent = villages_layer.extent()
        if crs.isGeographic():  # a metric map, so the scale bar and the numeric scale mean something
            metric = QgsCoordinateReferenceSystem(MAP_CRS)
            extent = transform_bounding_box(QgsCoordinateTransform(crs, metric, project.transformContext()), extent)
            crs = metric
        map_item.setCrs(crs)
        map_item.setLayers([villages_layer])
        map_item.setKeepLayerSet(True)
        map_item.setExtent(_fit_extent(extent, map_item.rect().width(), map_item.rect().height()))
        shown = _label_villages(villages_layer, status_field, flags, map_item.scale())
        if shown is not None and note is not None:
            note.setText(translate(_C, "Village names: only the {n} villages disrupted or flagged (other names are "
                                       "not readable at this scale)", lang).format(n=fmt.integer(shown, code)))
            lo.fit_label(layout, "map_note")
        lo._fix_north_arrow(layout, map_item)
        lo._link_scalebar(layout, map_item)
        if legend is not None:
            legend.setAutoUpdateModel(False)
            root = legend.model().rootGroup()
            root.clear()
            node = root.addLayer(villages_layer)
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
            legend.setTitle(translate(_C, "Villages by status", lang))
    else:
        map_item.setVisibility(False)
        for item_id in ("legend", "north_arrow", "scalebar", "scale_text", "map_note"):
            if layout.itemById(item_id) is not None:
                layout.itemById(item_id).setVisibility(False)
    _fill_table(item("indicators"), [translate(_C, "Indicator", lang), translate(_C, "Value", lang)], indicators)
    # the scorecard covers every month up to the reporting one (core.monitoring.evaluate), the indicators that month
    _fill_table(item("scorecard"), [translate(_C, "Provider", lang), translate(_C, "Sites", lang),
                                    translate(_C, "Mean % up to {month}", lang).format(
                                        month=month_text(month, lang, short=True)),
                                    translate(_C, "Months below", lang)],
                [(s["provider"] or "-", fmt.integer(s["sites"], code), fmt.decimal(100 * s["mean_availability"], code,
                                                                                   2),
                  fmt.integer(s["months_below_target"], code)) for s in scorecard])
    _fit_tables(layout)
    # the flags and the footer's sources name fewer of them when the whole text does not fit its box even in smaller
    # letters (three long file names pushed the footer's page line out of its box: printed without it)
    lo.fit_first(layout, item("flags"), [flags_text(flags, n, lang) for n in range(MAX_PDF_FLAGS, -1, -1)])
    footer = item("footer")
    page_line = translate(_C, "Internet Desa Kaltim - Diskominfo Kaltim · printed {date} · page {page} of {pages}",
                          lang).format(date=today, page="[% @layout_page %]", pages="[% @layout_numpages %]")
    lo.fit_first(layout, footer, [sources_text(sources, lang, n).replace("[%", "[ %") + "\n" + page_line
                               for n in range(MAX_SOURCE_FILES, 0, -1)])
    _repeat_on_every_page(layout, footer)
    pdf.prepare_for_export(layout)
    exporter = QgsLayoutExporter(layout)
    # the settings of every report of the plugin (text as text: 3.40+ defaults to outlines; georeferenced, 150 dpi)
    result = exporter.exportToPdf(pdf_path, pdf.pdf_settings())
    if result != QgsLayoutExporter.ExportResult.Success:
        raise QgsProcessingException(tr("Could not write the PDF {path} (error {code}: {error}). Check that the "
                                        "folder is writable.").format(path=pdf_path, code=int(result),
                                                                      error=pdf.error_text(exporter)))
    if not pdf.is_complete(pdf_path):  # QGIS says Success when the disk filled during the export
        raise pdf.IncompletePdfError(pdf_path)
    return pdf_path


def flags_text(flags: Sequence[dict], shown: int = MAX_PDF_FLAGS, lang: Optional[str] = REPORT_LANG) -> str:
    """The report's flags box: how many of each kind, the first ``shown`` flags, how many more (see flags.csv)."""
    n_provider = sum(1 for f in flags if f["flag"] == "consider_another_provider")
    n_silent = sum(1 for f in flags if f["flag"] == "no_report")
    n_log = sum(1 for f in flags if f["flag"] == "log_below_reported")
    lines = [translate(_C, "{a} site(s): consider another provider; {b} zero-usage month(s).", lang).format(
        a=n_provider, b=len(flags) - n_provider - n_silent - n_log)] if flags else []
    if n_silent:  # (they were counted as zero-usage months)
        lines.append(translate(_C, "{n} site(s) without a report for the month.", lang).format(n=n_silent))
    if n_log:
        lines.append(translate(_C, "{n} site-month(s) whose outage log gives more than the provider reports.",
                               lang).format(n=n_log))
    lines += [flag_message(f, lang) for f in flags[:shown]]
    if len(flags) > shown:
        lines.append(translate(_C, "… and {n} more (see flags.csv)", lang).format(n=len(flags) - shown))
    return translate(_C, "Flags:", lang) + "\n" + ("\n".join(lines) if lines else translate(_C, "none", lang))


def _label_villages(layer, status_field: str, flags: Sequence[dict], scale: float) -> Optional[int]:
    """Village names on the map: every name up to :data:`NAMES_ALL_MAX_SCALE` (returns None), else only the villages
    with a problem (a status of :data:`PROBLEM_STATUSES` or a flag): returns how many villages that is (0: no
    names)."""
    names = layer.fields().names()
    name_field = next((f for f in ("nama", "name", "village_name") if f in names), "")
    if not name_field:
        return None
    label_names(layer, name_field, 5.5)  # as many names as fit, clear of each other and the arrow
    if 0 < scale <= NAMES_ALL_MAX_SCALE:
        return None
    code_field = next((f for f in ("kode", "kode_desa", "village_code", "code") if f in names), "")
    tests = []
    if status_field in names:
        values = [v for s in PROBLEM_STATUSES for v in (s, mon.status_label(s, "id"))]
        tests.append("lower({f}) IN ({v})".format(f=QgsExpression.quotedColumnRef(status_field),
                                                  v=", ".join(QgsExpression.quotedString(v) for v in values)))
    flagged = sorted({str(f["code"]) for f in flags if f.get("code")})
    if code_field and flagged:
        tests.append("{f} IN ({v})".format(f=QgsExpression.quotedColumnRef(code_field),
                                           v=", ".join(QgsExpression.quotedString(c) for c in flagged)))
    expression = " OR ".join(f"({t})" for t in tests) or "FALSE"
    shown = sum(1 for _ in layer.getFeatures(expression)) if tests else 0
    if not shown:
        layer.setLabelsEnabled(False)
        return 0
    root = QgsRuleBasedLabeling.Rule(None)
    rule = QgsRuleBasedLabeling.Rule(layer.labeling().settings(), 0, 0, expression)
    root.appendChild(rule)
    layer.setLabeling(QgsRuleBasedLabeling(root))
    layer.setLabelsEnabled(True)
    return shown


def _repeat_on_every_page(layout, label) -> None:
    """A copy of ``label`` at its place on every further page (the tables go on to more pages): the footer's page
    number and sources on each page (copied as the roadmap report copies its page furniture, layouts._copy_to_page)."""
    for page in range(1, layout.pageCollection().pageCount()):
        lo._copy_to_page(layout, label, page)


#: the smallest extent the report's map shows, in metres (its CRS is projected): a single village stays readable
MIN_MAP_EXTENT_M = 2000.0


def has_map(villages_layer) -> bool:
    """Whether the report can draw ``villages_layer`` on its map: a layer with geometry and at least one feature
    that has it (a table without geometry still feeds the indicators; the map, its legend and scale are left out)."""
    if villages_layer is None or not villages_layer.isSpatial() or villages_layer.featureCount() <= 0:
        return False
    extent = villages_layer.extent()
    return not extent.isNull() and all(math.isfinite(v) for v in (extent.xMinimum(), extent.xMaximum(),
                                                                  extent.yMinimum(), extent.yMaximum()))


def _fit_extent(extent, width: float, height: float):
    """``extent`` grown by 5 % and to the item's aspect ratio (so setExtent does not resize the map item)."""
    from qgis.core import QgsRectangle

    ratio = width / height if height > 0 else 1.0
    cx, cy = extent.center().x(), extent.center().y()
    # at least MIN_MAP_EXTENT_M across (one village, or villages as points on one spot: a scale, not "1 : 0")
    w = max(extent.width(), MIN_MAP_EXTENT_M) * 1.05
    h = max(extent.height(), MIN_MAP_EXTENT_M) * 1.05
    if w / h > ratio:
        h = w / ratio
    else:
        w = h * ratio
    return QgsRectangle(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _fit_tables(layout) -> None:
    """The provider table up to the page's right margin (15 mm), the indicator table up to the provider table."""
    score, indicators = layout.itemById("scorecard"), layout.itemById("indicators")
    if score is not None:
        lo.fit_columns(score.multiFrame(), lo.room_of(layout, "scorecard", RIGHT_MARGIN))
    if indicators is not None:
        room = lo.room_of(layout, "indicators", RIGHT_MARGIN)
        if score is not None and score.page() == indicators.page() and score.pagePos().x() > indicators.pagePos().x():
            room = score.pagePos().x() - indicators.pagePos().x() - 4.0
        lo.fit_columns(indicators.multiFrame(), room)


def _fill_table(frame, headers: list, rows: list) -> None:
    table = frame.multiFrame()
    table.setHeaders([QgsLayoutTableColumn(h) for h in headers])
    table.setTableContents([[QgsTableCell(c) for c in row] for row in rows] or
                           [[QgsTableCell("-") for _ in headers]])


def flag_message(flag: dict, lang: Optional[str] = None) -> str:
    """A flag in ``lang`` (None: the user's language, as the log and the flags layer; the report's own language
    when printed), its months written for that language in the report."""
    months = flag["months"] if lang is None else months_text(flag["months"], lang)
    if flag["flag"] == "consider_another_provider":
        return translate(_C, "{code}: {provider} below target {n} months in a row ({months}) - consider another "
                             "provider", lang).format(code=flag["code"], provider=flag["provider"] or "-",
                                                      n=flag["run_length"], months=months)
    if flag["flag"] == "log_below_reported":
        code = _lang(lang)
        return translate(_C, "{code}: {provider} reports {reported} % for {months}, its outage log gives {log} %: the "
                             "SLA uses the log - check that the log holds every outage", lang).format(
            code=flag["code"], provider=flag["provider"] or "-", months=months,
            reported=fmt.decimal(flag["reported_pct"], code, 2), log=fmt.decimal(flag["log_pct"], code, 2))
    if flag["flag"] == "no_report":
        return translate(_C, "{code}: no report from {provider} for {months} (reported before): this site is not in "
                             "the month's SLA - ask the provider for the report", lang).format(
            code=flag["code"], provider=flag["provider"] or "-", months=months)
    return translate(_C, "{code}: zero usage in {months} ({provider})", lang).format(
        code=flag["code"], months=months, provider=flag["provider"] or "-")


def write_report(folder: str, evaluation, template: Path, villages_layer=None, status_field: str = "status",
                 on_progress=None, sources: Sequence[dict] = (), lang: str = REPORT_LANG) -> str:
    """The monthly M&E report of ``evaluation`` (:func:`core.monitoring.evaluate`) into ``folder``: the SLA,
    scorecard, flags and indicators as CSV files and the PDF, in ``lang`` (the indicator and flag texts of the CSV
    files as the PDF prints them). ``sources``: :func:`core.monitoring.report_sources`. Returns the PDF's path."""
    if not template.is_file():
        raise QgsProcessingException(tr("The M&E report template is missing: {path}. Reinstall the plugin "
                                        "or restore resources/layouts/monitoring_report.qpt.")
                                     .format(path=template))
    sla, scorecard, flags, month = evaluation.sla, evaluation.scorecard, evaluation.flags, evaluation.month
    table = indicator_table(evaluation.indicators, lang)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    names = csv_files(month)
    _csv(out / names["sla"], CSV_HEADERS["sla"],
         [[r["code"], r["provider"], r["month"], f"{100 * r['availability']:.6f}",
           f"{r['downtime_s']:.0f}", r["basis"], int(r["restitution"])] for r in sla])
    _csv(out / names["scorecard"], CSV_HEADERS["scorecard"],
         [[s["provider"], s["sites"], s["months"], f"{100 * s['mean_availability']:.4f}",
           f"{100 * s['min_availability']:.4f}", s["months_below_target"], s["restitution_months"]]
          for s in scorecard])
    _csv(out / names["flags"], CSV_HEADERS["flags"],
         [[f["flag"], f["code"], f["provider"], f["months"], f["run_length"], flag_message(f, lang)]
          for f in flags])
    _csv(out / names["indicators"], _indicator_header(lang), [list(r) for r in table])
    if on_progress is not None:
        on_progress(70)
    pdf_path = str(out / f"laporan_monev_{month or 'all'}.pdf")
    write_pdf(pdf_path, template, month, table, scorecard, flags, villages_layer, status_field, sources, lang)
    return pdf_path


#: the first row of each CSV file of the report (the indicators' is in the report's language)
CSV_HEADERS = {
    "sla": ["code", "provider", "month", "availability_pct", "counted_downtime_s", "basis", "restitution"],
    "scorecard": ["provider", "sites", "months", "mean_availability_pct", "min_availability_pct",
                  "months_below_target", "restitution_months"],
    "flags": ["flag", "code", "provider", "months", "run_length", "message"],
}


def _indicator_header(lang: Optional[str]) -> list:
    return [translate(_C, "Indicator", lang), translate(_C, "Value", lang)]


def csv_files(month: str) -> dict:
    """{kind: file name} of the report's CSV files for ``month`` (empty: 'all')."""
    return {kind: f"{kind}_{month or 'all'}.csv" for kind in (*CSV_HEADERS, "indicators")}


def foreign_files(folder: str, month: str, lang: Optional[str] = REPORT_LANG) -> list:
    """The files of ``folder`` that the report of ``month`` would replace though it did not write them: a CSV file
    of an output's name whose first row is not the report's (e.g. the provider's own sla_2025-04.csv)."""
    found = []
    for kind, name in csv_files(month).items():
        path = Path(folder) / name
        if not path.exists():
            continue
        header = CSV_HEADERS.get(kind) or _indicator_header(lang)
        try:
            with open(path, newline="", encoding="utf-8") as fh:
                first = next(csv.reader(fh), None)
        except (OSError, UnicodeDecodeError, csv.Error):
            first = None
        if first != header:
            found.append(name)
    return found


def _csv(path: Path, header: list, rows: list) -> None:
    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as exc:
        if exc.filename:
            raise
        # a write that failed (a full disk) names no file: the message names it (output_guard.write_failure)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
