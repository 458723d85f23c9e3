"""Charts of the printed reports as PNG pictures (QPainter on a QImage, so they can be drawn in any thread)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, List

from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter, QPen

from ..core import formatting as fmt

FONT_FAMILY = "Arial"

#: the most bars a chart of money per year draws (the report's chart is a third of an A4 page wide): a longer horizon
#: is drawn by periods of equal length (YEARS = 30 drew 30 bars, their totals unreadable when printed)
MAX_YEAR_BARS = 10


def year_periods(years: List, series: List[tuple], max_bars: int = MAX_YEAR_BARS) -> tuple:
    """(categories, series, span) of a chart of money per year: one bar per year when ``years`` are at most
    ``max_bars``, else one per period of ``span`` consecutive years ('2026–2028'; the last one may be shorter),
    each bar's values the sum of its years' (the same money). ``series``: (name, values per year)."""
    span = max(1, -(-len(years) // max(1, max_bars)))
    groups = [list(range(i, min(i + span, len(years)))) for i in range(0, len(years), span)]
    categories = [fmt.year_span(years[g[0]], years[g[-1]]) for g in groups]
    return categories, [(name, [sum(values[i] for i in g) for g in groups]) for name, values in series], span


def bar_chart_png(path: str, title: str, categories: List[str], series: List[tuple], value_label: str,
                  formatter: Callable[[float], str], width_px: int = 1900, height_px: int = 780,
                  horizontal: bool = False, scale: float = 1.0, color_keys: List[str] = None) -> str:
    """Stacked bar chart as PNG (QPainter on a QImage: works in any thread). ``series``: (name, values).
    ``formatter`` writes the bar totals; the axis has round ticks (core.formatting) of ``value / scale``.
    ``color_keys``: what each series' colour is looked up by (a funding source's code: its colour stays when its
    printed name is the funding configuration's own), else its name."""
    from ..labels import funding_color

    keys = list(color_keys) if color_keys else []
    keys += [name for name, _ in series[len(keys):]]
    img = QImage(width_px, height_px, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    fs = height_px / 40.0
    p.setFont(_font_px(fs * 1.3, True))
    p.drawText(QRectF(0, 0, width_px, fs * 2.4), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, title)
    legend_h = fs * 2.2
    totals = [sum(s[1][i] for s in series) for i in range(len(categories))]
    p.setFont(_font_px(fs))
    metrics = p.fontMetrics()
    widest_total = max([metrics.horizontalAdvance(formatter(t)) for t in totals] or [0])
    # margins made for the labels, so none is cut at the image's edge: the bar totals above (vertical) or right of
    # (horizontal) the longest bar, the category names left of the bars (at most 40 % of the width, wrapped)
    left, right, top, bottom = fs * 9, fs * 2, fs * 4.4, fs * 3.5 + legend_h
    if horizontal:
        widest = max([metrics.horizontalAdvance(str(c)) for c in categories] or [0])
        left = min(max(fs * 8, widest + fs * 1.2), width_px * 0.4)
        right = max(fs * 2, widest_total + fs * 1.2)
    cat_h = fs * 1.5
    if not horizontal:
        right = max(fs * 2, widest_total / 2 + fs * 0.5)
        band_w = (width_px - left - right) / max(1, len(categories))
        wrap = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        cat_h = max([metrics.boundingRect(QRect(0, 0, int(band_w), height_px), wrap, str(c)).height()
                     for c in categories] + [cat_h])
        cat_h = min(cat_h, height_px * 0.25)  # the category names wrap onto as many lines as they need
        bottom += cat_h - fs * 1.2
    plot = QRectF(left, top, width_px - left - right, height_px - top - bottom)
    ticks = fmt.nice_ticks(0.0, max(totals) if totals and max(totals) > 0 else 1.0, 4)  # round ticks
    vmax = ticks[-1]
    tick_text = fmt.tick_labels([t / scale for t in ticks], "id")
    p.setFont(_font_px(fs))
    pen = QPen(QColor("#cccccc"))
    pen.setWidthF(1)
    for k, tick in enumerate(ticks):
        frac = tick / vmax
        p.setPen(pen)
        if horizontal:
            x = plot.left() + frac * plot.width()
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x - fs * 6, plot.bottom() + fs * 0.3, fs * 12, fs * 1.5), Qt.AlignmentFlag.AlignHCenter,
                       tick_text[k])
        else:
            y = plot.bottom() - frac * plot.height()
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(0, y - fs, left - fs * 0.5, fs * 2),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       tick_text[k])
    n = max(1, len(categories))
    band = (plot.height() if horizontal else plot.width()) / n
    bar = band * 0.6
    for i, cat in enumerate(categories):
        acc = 0.0
        for j, (_, values) in enumerate(series):
            v = values[i]
            if v <= 0:
                continue
            color = QColor(funding_color(keys[j]))  # one colour per funding source, as the dock chart
            if horizontal:
                x0 = plot.left() + acc / vmax * plot.width()
                w = v / vmax * plot.width()
                rect = QRectF(x0, plot.top() + i * band + (band - bar) / 2, w, bar)
            else:
                h = v / vmax * plot.height()
                y0 = plot.bottom() - acc / vmax * plot.height() - h
                rect = QRectF(plot.left() + i * band + (band - bar) / 2, y0, bar, h)
            p.fillRect(rect, color)
            acc += v
        p.setPen(QColor("#333333"))
        if horizontal:
            p.drawText(QRectF(fs * 0.3, plot.top() + i * band, left - fs * 0.8, band),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                       str(cat))
            p.drawText(QRectF(plot.left() + acc / vmax * plot.width() + fs * 0.4, plot.top() + i * band,
                              widest_total + fs * 0.5, band),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, formatter(acc))
        else:
            p.drawText(QRectF(plot.left() + i * band, plot.bottom() + fs * 0.3, band, cat_h + fs * 0.2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                       str(cat))
            h = acc / vmax * plot.height()
            text_w = max(band, widest_total + fs)
            p.drawText(QRectF(plot.left() + i * band + band / 2 - text_w / 2, plot.bottom() - h - fs * 1.6, text_w,
                              fs * 1.5), Qt.AlignmentFlag.AlignHCenter, formatter(acc))
    p.setPen(QPen(QColor("#333333")))
    p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
    # legend
    x = left
    y = height_px - legend_h + fs * 0.3
    p.setFont(_font_px(fs))
    if len(series) > 1 or series and series[0][0]:
        for j, (name, _) in enumerate(series):
            p.fillRect(QRectF(x, y + fs * 0.25, fs, fs), QColor(funding_color(keys[j])))
            label = str(name)
            w = p.fontMetrics().horizontalAdvance(label) + fs * 2.5
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x + fs * 1.4, y, w, fs * 1.6),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            x += w
    p.setFont(_font_px(fs * 0.9))
    axis_x = plot.left() if horizontal else fs * 0.3  # the unit of the value axis, inside the image
    p.drawText(QRectF(axis_x, top - fs * 1.4, fs * 20, fs * 1.2), Qt.AlignmentFlag.AlignLeft, value_label)
    p.end()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # encoded in memory, written by Python: a disk that fills up is an OSError naming the file (no space left),
    # not a libpng write error inside Qt (which left the process to crash at exit on QGIS 3.40)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError(f"cannot encode the chart {path}")
    buf.close()
    with open(path, "wb") as fh:
        fh.write(bytes(data))
    return path


def _font_px(px: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(6, int(px)))
    f.setBold(bold)
    return f
