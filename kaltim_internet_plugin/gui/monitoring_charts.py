"""Small bar charts drawn with QPainter for the monitoring page (no extra dependency)."""
from __future__ import annotations

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter, QPen

from ..core import formatting as fmt
from ..i18n import tr, ui_lang
from .charts import PaintedChart

PALETTE = ("#2b8cbe", "#1a9641", "#fdae61", "#d7191c", "#756bb1")


class BarChart(PaintedChart):
    """Grouped vertical bar chart: ``set_data(categories, [(series_name, values, color), ...], title)``."""

    SIZE = (320, 190)
    MIN_HEIGHT = 170

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = ""
        self.categories: list = []
        self.series: list = []
        self.value_suffix = ""

    def set_data(self, categories, series, title: str = "", value_suffix: str = "") -> None:
        self.categories = [str(c) for c in categories]
        self.series = [(name, [float(v or 0) for v in values], color or PALETTE[i % len(PALETTE)])
                       for i, (name, values, color) in enumerate(series)]
        self.title = title
        self.value_suffix = value_suffix
        self.update()

    def has_data(self) -> bool:
        return bool(self.categories) and any(any(v for v in vals) for _n, vals, _c in self.series)

    def max_value(self) -> float:
        return max([v for _n, vals, _c in self.series for v in vals] or [0.0])

    def _paint(self, painter: QPainter) -> None:
        self.draw(painter, QRectF(self.rect()))

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, QColor("white"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        painter.setFont(font)
        fm = painter.fontMetrics()
        line = fm.height()
        top = rect.top() + 4
        if self.title:
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            title = painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight, int(rect.width() - 8))
            painter.drawText(QRectF(rect.left() + 4, top, rect.width() - 8, line), Qt.AlignmentFlag.AlignLeft, title)
            painter.setFont(font)
            top += line + 2
        if not self.has_data():
            painter.setPen(QColor("#777777"))
            painter.drawText(QRectF(rect.left(), top, rect.width(), rect.bottom() - top), Qt.AlignmentFlag.AlignCenter,
                             tr("No data yet"))
            return
        legend_h = line + 4 if len(self.series) > 1 else 0
        left = rect.left() + fm.horizontalAdvance("00000") + 8
        bottom = rect.bottom() - line - 6 - legend_h
        right = rect.right() - 6
        plot_h = max(bottom - top - line, 10)
        ticks = fmt.nice_ticks(0.0, self.max_value() or 1.0, 4)  # round ticks: 0, 25, 50, 75, 100
        vmax = ticks[-1]
        for tick, text in zip(ticks, fmt.tick_labels(ticks, ui_lang())):
            y = bottom - plot_h * tick / vmax
            painter.setPen(QPen(QColor("#e4e4e4" if tick else "#999999"), 1))
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(QColor("#333333"))
            painter.drawText(QRectF(rect.left(), y - line / 2, left - rect.left() - 4, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setPen(QPen(QColor("#999999"), 1))
        painter.drawLine(int(left), int(top + line), int(left), int(bottom))
        n_cat = len(self.categories)
        n_ser = max(len(self.series), 1)
        slot = (right - left) / max(n_cat, 1)
        bar_w = max(slot * 0.8 / n_ser, 1.0)
        for ci, cat in enumerate(self.categories):
            x0 = left + ci * slot + slot * 0.1
            for si, (_name, values, color) in enumerate(self.series):
                v = values[ci] if ci < len(values) else 0.0
                h = plot_h * v / vmax
                bar = QRectF(x0 + si * bar_w, bottom - h, bar_w - 1, h)
                painter.fillRect(bar, QColor(color))
                if v and bar_w > fm.horizontalAdvance(_fmt(v)) * 0.6:
                    painter.setPen(QColor("#333333"))
                    painter.drawText(QRectF(bar.left() - 10, bar.top() - line, bar.width() + 20, line),
                                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, _fmt(v))
            painter.setPen(QColor("#333333"))
            painter.drawText(QRectF(left + ci * slot, bottom + 2, slot, line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             fm.elidedText(cat, Qt.TextElideMode.ElideRight, int(slot)))
        if legend_h:
            x = left
            y = rect.bottom() - legend_h
            for name, _values, color in self.series:
                painter.fillRect(QRectF(x, y + 3, 10, line - 6), QColor(color))
                painter.setPen(QColor("#333333"))
                painter.drawText(QRectF(x + 13, y, fm.horizontalAdvance(name) + 4, line), Qt.AlignmentFlag.AlignLeft,
                                 name)
                x += fm.horizontalAdvance(name) + 28

    def to_image(self, width: int = 400, height: int = 220) -> QImage:
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self.draw(painter, QRectF(0, 0, width, height))
        finally:
            painter.end()
        return image


def _fmt(v: float) -> str:
    return fmt.compact(v, ui_lang(), 0 if abs(v) >= 10 else 1)
