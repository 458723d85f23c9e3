"""A small reusable bar chart widget drawn with QPainter (no QtCharts dependency).

``BarChart`` draws grouped categories (x axis) with one or more series, either stacked or side by side::

    chart = BarChart(title="Budget by year", stacked=True, value_format=lambda v: f"{v / 1e9:.1f} bn")
    chart.set_data(["2026", "2027"], [("APBD", [1e9, 2e9], QColor("#1b7837")), ("Dana Desa", [5e8, 0], None)])

Series without a colour get one from a fixed palette. A legend is drawn at the top; values can be labelled on
top of each bar (``show_totals``); ``show_legend`` and per-category ``bar_colors`` serve single-series charts.
``series()`` / ``categories()`` / ``totals()`` expose the data for tests.
"""
from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple

from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFontMetrics, QPainter, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..core import formatting as fmt
from ..i18n import ui_lang

PALETTE = ("#1b7837", "#2166ac", "#e08214", "#762a83", "#b2182b", "#5aae61", "#67a9cf", "#fdb863", "#c2a5cf",
           "#878787")


def compact_number(v: float) -> str:
    """``92,5 M`` / ``4 jt`` / ``123,2 rb`` in Indonesian, ``92.5bn`` / ``4M`` / ``123.2k`` in English."""
    return fmt.compact(v, ui_lang())


class PaintedChart(QWidget):
    """A chart drawn with QPainter (every chart of the dock): ``_paint(painter)`` draws it, antialiased; it takes
    the dock's width, at least ``MIN_HEIGHT`` pixels high, and prefers ``SIZE``."""

    SIZE = (320, 200)
    MIN_HEIGHT = 160

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(self.MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(*self.SIZE)

    def paintEvent(self, event):  # noqa: N802
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        raise NotImplementedError


class BarChart(PaintedChart):
    """Bar / stacked-bar chart. ``set_data(categories, [(name, values, colour-or-None), …])``."""

    def __init__(self, title: str = "", stacked: bool = True, value_format: Optional[Callable] = None,
                 show_totals: bool = True, parent=None):
        super().__init__(parent)
        self.title = title
        self.stacked = stacked
        self.value_format = value_format or compact_number
        self.show_totals = show_totals
        self._categories: List[str] = []
        self._series: List[Tuple[str, List[float], QColor]] = []
        self._bar_colors: List[QColor] = []
        self.empty_text = ""
        self.show_legend = True

    # ---- data ---------------------------------------------------------------------------------------------------
    def set_data(self, categories: Sequence[str], series: Sequence[tuple],
                 bar_colors: Optional[Sequence] = None) -> None:
        """``bar_colors``: one colour per category, used instead of the series colour (single-series charts)."""
        self._bar_colors = [QColor(c) for c in bar_colors] if bar_colors else []
        self._categories = [str(c) for c in categories]
        out = []
        for i, item in enumerate(series):
            name, values = item[0], item[1]
            color = item[2] if len(item) > 2 and item[2] is not None else PALETTE[i % len(PALETTE)]
            vals = [float(v or 0) for v in values][:len(self._categories)]
            vals += [0.0] * (len(self._categories) - len(vals))
            out.append((str(name), vals, QColor(color)))
        self._series = out
        self.update()

    def clear(self) -> None:
        self.set_data([], [])

    def categories(self) -> List[str]:
        return list(self._categories)

    def series(self) -> List[Tuple[str, List[float]]]:
        return [(n, list(v)) for n, v, _ in self._series]

    def colors(self) -> List[str]:
        """The drawn colour (``#rrggbb``) of each series."""
        return [c.name() for _n, _v, c in self._series]

    def totals(self) -> List[float]:
        return [sum(s[1][i] for s in self._series) for i in range(len(self._categories))]

    # ---- drawing ------------------------------------------------------------------------------------------------
    def _paint(self, p: QPainter) -> None:
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        fm = QFontMetrics(self.font())
        lh = fm.height()
        pal = self.palette()
        text_pen = QPen(pal.windowText().color())
        p.setPen(text_pen)
        top = rect.top()
        if self.title:
            p.drawText(QRectF(rect.left(), top, rect.width(), lh),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
            top += lh + 2
        # legend (wraps)
        x = rect.left()
        for name, _, color in (self._series if self.show_legend else []):
            w = 12 + 4 + fm.horizontalAdvance(name) + 10
            if x + w > rect.right() and x > rect.left():
                x = rect.left()
                top += lh + 2
            p.fillRect(QRectF(x, top + (lh - 10) / 2, 10, 10), color)
            p.drawText(QRectF(x + 14, top, w, lh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            x += w
        if self._series and self.show_legend:
            top += lh + 4
        n = len(self._categories)
        totals = self.totals() if self.stacked else [max([s[1][i] for s in self._series] or [0]) for i in range(n)]
        vmax = max(totals + [0])
        plot = QRectF(rect.left() + 2, top + (lh if self.show_totals else 0), rect.width() - 4,
                      rect.bottom() - top - lh - 4 - (lh if self.show_totals else 0))
        if n == 0 or vmax <= 0 or plot.height() <= 4:
            if self.empty_text:
                p.drawText(QRectF(rect.left(), top, rect.width(), max(lh, rect.bottom() - top)),
                           Qt.AlignmentFlag.AlignCenter,
                           self.empty_text)
            return
        axis_pen = QPen(pal.mid().color())
        p.setPen(axis_pen)
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        slot = plot.width() / n
        bar_w = slot * 0.7
        k = max(1, len(self._series))
        for i, cat in enumerate(self._categories):
            x0 = plot.left() + i * slot + (slot - bar_w) / 2
            y = plot.bottom()
            for j, (_, vals, color) in enumerate(self._series):
                if self._bar_colors and i < len(self._bar_colors):
                    color = self._bar_colors[i]
                v = max(0.0, vals[i])
                h = plot.height() * v / vmax
                if self.stacked:
                    r = QRectF(x0, y - h, bar_w, h)
                    y -= h
                else:
                    r = QRectF(x0 + j * bar_w / k, plot.bottom() - h, bar_w / k, h)
                if h > 0:
                    p.fillRect(r, color)
            p.setPen(text_pen)
            p.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, lh),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       cat)
            if self.show_totals and totals[i] > 0:
                ytop = plot.bottom() - plot.height() * totals[i] / vmax
                p.drawText(QRectF(plot.left() + i * slot - 10, ytop - lh, slot + 20, lh),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self.value_format(totals[i]))
