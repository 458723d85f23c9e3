"""Horizontal bar chart (QPainter) of one village's per-criterion contributions to its priority score."""
from __future__ import annotations

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFontMetrics, QPainter, QPen

from ..i18n import tr
from .charts import PaintedChart

COLORS = {"population": "#2166ac", "blank_spot": "#b2182b", "idm": "#e08214", "facilities": "#1b7837",
          "remoteness": "#762a83", "readiness": "#5aae61"}


class PriorityChart(PaintedChart):
    """``set_contributions(title, [(key, label, value), …])``; ``contributions()`` returns {key: value}."""

    SIZE = (320, 170)
    MIN_HEIGHT = 150

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("priorityChart")
        self._title = ""
        self._rows = []

    def set_contributions(self, title: str, rows) -> None:
        self._title = str(title)
        self._rows = [(str(k), str(label), float(v or 0.0)) for k, label, v in rows]
        self.update()

    def clear(self) -> None:
        self.set_contributions("", [])

    def title(self) -> str:
        return self._title

    def contributions(self) -> dict:
        return {k: v for k, _label, v in self._rows}

    def total(self) -> float:
        return sum(v for _k, _l, v in self._rows)

    def _paint(self, p: QPainter) -> None:
        rect = self.rect().adjusted(6, 4, -6, -4)
        fm = QFontMetrics(self.font())
        lh = fm.height()
        p.setPen(QPen(self.palette().windowText().color()))
        if not self._rows:
            p.drawText(QRectF(rect), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       tr("Select a village on the map to see its score by criterion."))
            return
        title = tr("{name}: score {score:.1f} of 100").format(name=self._title, score=self.total())
        p.drawText(QRectF(rect.left(), rect.top(), rect.width(), lh),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        top = rect.top() + lh + 4
        label_w = min(max(fm.horizontalAdvance(label) for _k, label, _v in self._rows) + 8, rect.width() // 2)
        value_w = fm.horizontalAdvance("100.0") + 6
        bar_w = max(10, rect.width() - label_w - value_w)
        row_h = max(lh, (rect.bottom() - top) / max(1, len(self._rows)))
        for n, (key, label, value) in enumerate(self._rows):
            y = top + n * row_h
            p.setPen(QPen(self.palette().windowText().color()))
            p.drawText(QRectF(rect.left(), y, label_w - 4, row_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 4))
            w = bar_w * max(0.0, min(value, 100.0)) / 100.0
            p.fillRect(QRectF(rect.left() + label_w, y + row_h * 0.15, w, row_h * 0.7),
                       QColor(COLORS.get(key, "#878787")))
            p.drawText(QRectF(rect.left() + label_w + w + 3, y, value_w, row_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       f"{value:.1f}")
