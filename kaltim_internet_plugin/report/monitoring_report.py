"""The monthly M&E report: indicator and flag texts, the CSV files and the PDF filled from the print layout
template ``resources/layouts/monitoring_report.qpt`` (made by scripts/make_templates.py; items found by id: title,
subtitle, date, map, legend, indicators, scorecard, flags, footer; north_arrow, scalebar and scale_text follow the
map)."""
from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutExporter,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProcessingException,
    QgsProject,
    QgsTableCell,
)
from qgis.PyQt.QtXml import QDomDocument

from ..compat import transform_bounding_box
from ..core import monitoring as mon
from ..i18n import tr
from ..io.styles_export import label_names
from ..paths import resource
from . import layouts as lo
from . import pdf

MAX_PDF_FLAGS = 5
MAP_CRS = "EPSG:32750"  # the analysis CRS: the report's map when the villages come in degrees
RIGHT_MARGIN = 15.0  # mm


def template_path() -> Path:
    return resource("layouts", "monitoring_report.qpt")


def indicator_table(ind: dict) -> list:
    """(indicator, value) rows in the user's language."""
    rows = []
    counts = ind["status_counts"]
    if sum(counts.values()) or ind["no_status"]:
        for code in mon.STATUSES:
            if counts[code]:
                rows.append((tr("Villages {status}").format(status=mon.status_label(code)), str(counts[code])))
        rows.append((tr("Villages without status"), str(ind["no_status"])))
    if ind["connected_by_year"]:
        for y in ind["connected_by_year"]:
            rows.append((tr("Connected / roadmap target {year}").format(year=y["year"]),
                         f"{y['connected']} / {y['target']}"))
    rows.append((tr("Site-months evaluated"), str(ind["site_months"])))
    if ind["mean_availability_pct"] is not None:
        rows.append((tr("Mean availability"), f"{ind['mean_availability_pct']:.3f} %"))
    rows.append((tr("Site-months below target ({target:g} %)").format(target=ind["target_pct"]),
                 str(ind["restitution_site_months"])))
    um = ind["users_month"]
    if um:
        rows.append((tr("Active users ({month})").format(month=um["month"]), f"{um['total_users']:.0f}"))
        rows.append((tr("Villages with zero usage ({month})").format(month=um["month"]), str(um["zero_usage"])))
    tp = ind["throughput"]
    if tp["sites_evaluated"]:
        rows.append((tr("Sites with at least 25/3 Mbps"), "{m} / {n} ({pct:.0f} %)".format(
            m=tp["sites_meeting"], n=tp["sites_evaluated"], pct=100 * tp["share"])))
    if ind["cadres"]:
        total = ind["cadres"][-1]
        rows.append((tr("Digital cadres trained / planned"), f"{total['trained']:.0f} / {total['planned']:.0f}"))
    return rows


def write_pdf(pdf_path: str, template: Path, month: str, indicators: list, scorecard: list, flags: list,
              villages_layer=None, status_field: str = "status") -> str:
    """Fill the layout template and export it to ``pdf_path``. Raises QgsProcessingException with a clear
    message when the template is missing or broken or QGIS's export fails; raises :class:`.pdf.IncompletePdfError` when
    the PDF read back is not whole (:func:`pdf.is_complete`)."""
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

    item("subtitle").setText(tr("Internet Desa Kaltim · reporting month {month}").format(month=month or "-"))
    item("date").setText(tr("Report date: {date}").format(date=dt.date.today().isoformat()))
    map_item = item("map")
    legend = layout.itemById("legend")
    if has_map(villages_layer):
        from ..io.styles_monitoring import style_by_status

        villages_layer.setName(tr("Villages"))
        if villages_layer.fields().indexOf(status_field) >= 0:
            style_by_status(villages_layer, status_field)
        name_field = next((f for f in ("nama", "name", "village_name") if villages_layer.fields().indexOf(f) >= 0),
                          "")
        if name_field:
            label_names(villages_layer, name_field, 5.5)  # as many names as fit, clear of each other and the arrow
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
        lo._fix_north_arrow(layout, map_item)
        lo._link_scalebar(layout, map_item)
        if legend is not None:
            legend.setAutoUpdateModel(False)
            root = legend.model().rootGroup()
            root.clear()
            node = root.addLayer(villages_layer)
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
            legend.setTitle(tr("Villages by status"))
    else:
        map_item.setVisibility(False)
        for item_id in ("legend", "north_arrow", "scalebar", "scale_text"):
            if layout.itemById(item_id) is not None:
                layout.itemById(item_id).setVisibility(False)
    _fill_table(item("indicators"), [tr("Indicator"), tr("Value")], indicators)
    # the scorecard covers every month up to the reporting one (core.monitoring.evaluate), the indicators that month
    _fill_table(item("scorecard"), [tr("Provider"), tr("Sites"), tr("Mean % up to {month}").format(month=month),
                                    tr("Months below")],
                [(s["provider"] or "-", str(s["sites"]), f"{100 * s['mean_availability']:.2f}",
                  str(s["months_below_target"])) for s in scorecard])
    _fit_tables(layout)
    n_provider = sum(1 for f in flags if f["flag"] == "consider_another_provider")
    lines = [tr("{a} site(s): consider another provider; {b} zero-usage month(s).").format(
        a=n_provider, b=len(flags) - n_provider)] if flags else []
    lines += [flag_message(f) for f in flags[:MAX_PDF_FLAGS]]
    if len(flags) > MAX_PDF_FLAGS:
        lines.append(tr("… and {n} more (see flags.csv)").format(n=len(flags) - MAX_PDF_FLAGS))
    flag_label = item("flags")
    flag_label.setText(tr("Flags:") + "\n" + ("\n".join(lines) if lines else tr("none")))
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


def flag_message(flag: dict) -> str:
    if flag["flag"] == "consider_another_provider":
        return tr("{code}: {provider} below target {n} months in a row ({months}) - consider another provider")\
            .format(code=flag["code"], provider=flag["provider"] or "-", n=flag["run_length"],
                    months=flag["months"])
    return tr("{code}: zero usage in {months} ({provider})").format(code=flag["code"], months=flag["months"],
                                                                  provider=flag["provider"] or "-")


def write_report(folder: str, evaluation, template: Path, villages_layer=None, status_field: str = "status",
                 on_progress=None) -> str:
    """The monthly M&E report of ``evaluation`` (:func:`core.monitoring.evaluate`) into ``folder``: the SLA,
    scorecard, flags and indicators as CSV files and the PDF. Returns the PDF's path."""
    if not template.is_file():
        raise QgsProcessingException(tr("The M&E report template is missing: {path}. Reinstall the plugin "
                                        "or restore resources/layouts/monitoring_report.qpt.")
                                     .format(path=template))
    sla, scorecard, flags, month = evaluation.sla, evaluation.scorecard, evaluation.flags, evaluation.month
    table = indicator_table(evaluation.indicators)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    tag = month or "all"
    _csv(out / f"sla_{tag}.csv", ["code", "provider", "month", "availability_pct",
                                  "counted_downtime_s", "basis", "restitution"],
         [[r["code"], r["provider"], r["month"], f"{100 * r['availability']:.6f}",
           f"{r['downtime_s']:.0f}", r["basis"], int(r["restitution"])] for r in sla])
    _csv(out / f"scorecard_{tag}.csv", ["provider", "sites", "months", "mean_availability_pct",
                                        "min_availability_pct", "months_below_target",
                                        "restitution_months"],
         [[s["provider"], s["sites"], s["months"], f"{100 * s['mean_availability']:.4f}",
           f"{100 * s['min_availability']:.4f}", s["months_below_target"], s["restitution_months"]]
          for s in scorecard])
    _csv(out / f"flags_{tag}.csv", ["flag", "code", "provider", "months", "run_length", "message"],
         [[f["flag"], f["code"], f["provider"], f["months"], f["run_length"], flag_message(f)]
          for f in flags])
    _csv(out / f"indicators_{tag}.csv", [tr("Indicator"), tr("Value")], [list(r) for r in table])
    if on_progress is not None:
        on_progress(70)
    pdf_path = str(out / f"laporan_monev_{tag}.pdf")
    write_pdf(pdf_path, template, month, table, scorecard, flags, villages_layer, status_field)
    return pdf_path


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
