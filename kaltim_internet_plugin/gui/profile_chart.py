"""Terrain profile chart (QPainter): terrain with the earth bulge, the line of sight and the first Fresnel zone;
below it, when the profile carries them, the received power along the path of both models (P.526 and the
Longley-Rice ITM second opinion) with the coverage threshold.

``ProfileChart.set_profile(profile, title, threshold)`` takes the dict of :func:`..core.profile.terrain_profile`
(``distances``, ``terrain``, ``los``, ``fresnel_upper``/``fresnel_lower``, ``k_factor``, ``tx_amsl``, …,
``dbm_along`` / ``itm_dbm_along``).  ``has_data()`` / ``has_signal()`` / ``profile()`` / ``signal_series()``
expose it for tests.
"""
from __future__ import annotations

import math
from typing import Optional

from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF

from ..i18n import tr
from .charts import PaintedChart

TERRAIN = QColor("#a6761d")
LOS = QColor("#2166ac")
FRESNEL = QColor("#1b9e77")
P526 = QColor("#7b3294")
ITM = QColor("#e66101")
THRESHOLD = QColor("#4d4d4d")
SIGNAL_SHARE = 0.42  # of the plot height for the signal panel


def nice_ticks(lo: float, hi: float, n: int = 5) -> list:
    """About ``n`` round tick values covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    ticks, v = [], first
    while v <= hi + 1e-9 * step:
        ticks.append(round(v, 10))
        v += step
    return ticks


class ProfileChart(PaintedChart):
    """Site -> point terrain profile with line of sight and first Fresnel zone, axes in km / m and a legend."""

    SIZE = (360, 240)
    MIN_HEIGHT = 220

    def __init__(self, parent=None):
        super().__init__(parent)
        self._profile: Optional[dict] = None
        self.title = ""
        self.threshold: Optional[float] = None
        self.empty_text = tr("Click the map with 'Signal at point' to see the terrain profile.")

    def set_profile(self, profile: Optional[dict], title: str = "", threshold: Optional[float] = None) -> None:
        self._profile = profile
        self.title = title
        self.threshold = threshold
        self.update()

    def clear(self) -> None:
        self.set_profile(None)

    def profile(self) -> Optional[dict]:
        return self._profile

    def has_data(self) -> bool:
        p = self._profile
        return bool(p) and len(p.get("distances", ())) >= 2

    def has_signal(self) -> bool:
        """The profile carries both models' received power along the path."""
        p = self._profile
        return self.has_data() and "dbm_along" in p and "itm_dbm_along" in p

    def signal_series(self) -> dict:
        """{'p526': dBm per sample, 'itm': dBm per sample (NaN where not computed)}, empty without signal."""
        if not self.has_signal():
            return {}
        return {"p526": list(self._profile["dbm_along"]), "itm": list(self._profile["itm_dbm_along"])}

    def legend_labels(self) -> list:
        k = (self._profile or {}).get("k_factor", 4.0 / 3.0)
        labels = [tr("Terrain with earth bulge (k = {k:.2f})").format(k=k), tr("Line of sight"),
                  tr("First Fresnel zone")]
        if self.has_signal():
            labels += [tr("Signal, P.526"), tr("Signal, Longley-Rice ITM")]
            if self.threshold is not None:
                labels.append(tr("Threshold"))
        return labels

    def _paint(self, p: QPainter) -> None:
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        fm = QFontMetrics(self.font())
        lh = fm.height()
        text_pen = QPen(self.palette().windowText().color())
        p.setPen(text_pen)
        top = rect.top()
        if self.title:
            p.drawText(QRectF(rect.left(), top, rect.width(), lh),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(self.title, Qt.TextElideMode.ElideRight, int(rect.width())))
            top += lh + 2
        if not self.has_data():
            p.drawText(QRectF(rect.left(), top, rect.width(), rect.bottom() - top),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.empty_text)
            return
        # legend
        x = rect.left()
        for label, color, kind in zip(self.legend_labels(), (TERRAIN, LOS, FRESNEL, P526, ITM, THRESHOLD),
                                      ("fill", "line", "dash", "line", "dash", "dot")):
            w = 18 + 4 + fm.horizontalAdvance(label) + 12
            if x + w > rect.right() and x > rect.left():
                x = rect.left()
                top += lh + 2
            y = top + lh / 2
            if kind == "fill":
                p.fillRect(QRectF(x, y - 5, 18, 10), color)
            else:
                style = {"line": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine}.get(kind, Qt.PenStyle.DotLine)
                p.setPen(QPen(color, 2, style))
                p.drawLine(QPointF(x, y), QPointF(x + 18, y))
            p.setPen(text_pen)
            p.drawText(QRectF(x + 22, top, w, lh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            x += w
        top += lh + 6

        prof = self._profile
        d = [float(v) / 1000.0 for v in prof["distances"]]
        terrain = [float(v) for v in prof["terrain"]]
        los = [float(v) for v in prof["los"]]
        upper = [float(v) for v in prof.get("fresnel_upper", los)]
        lower = [float(v) for v in prof.get("fresnel_lower", los)]
        ymin = min(min(terrain), min(lower))
        ymax = max(max(terrain), max(upper), max(los))
        pad = max((ymax - ymin) * 0.08, 5.0)
        ymin, ymax = ymin - pad, ymax + pad
        xmax = max(d[-1], 1e-6)
        yticks = nice_ticks(ymin, ymax, 5)
        ylab_w = max(fm.horizontalAdvance(f"{t:.0f}") for t in yticks) + 6
        signal = self._signal_range() if self.has_signal() else None
        if signal is not None:
            sticks = nice_ticks(signal[0], signal[1], 4)
            ylab_w = max(ylab_w, max(fm.horizontalAdvance(f"{t:.0f}") for t in sticks) + 6)
        plot = QRectF(rect.left() + ylab_w + lh + 2, top, rect.width() - ylab_w - lh - 10,
                      rect.bottom() - top - 2 * lh - 6)
        if plot.width() < 20 or plot.height() < 20:
            return
        if signal is not None:
            splot = QRectF(plot.left(), plot.bottom() - plot.height() * SIGNAL_SHARE, plot.width(),
                           plot.height() * SIGNAL_SHARE)
            plot = QRectF(plot.left(), plot.top(), plot.width(), plot.height() * (1.0 - SIGNAL_SHARE) - lh - 4)
            if plot.height() < 20 or splot.height() < 20:
                return

        def px(xv):
            return plot.left() + plot.width() * xv / xmax

        def py(yv):
            return plot.bottom() - plot.height() * (yv - ymin) / (ymax - ymin)

        # grid and tick labels
        grid_pen = QPen(self.palette().mid().color(), 0.5, Qt.PenStyle.DotLine)
        self._y_axis(p, plot, py, yticks, ylab_w, lh, grid_pen, text_pen)
        xaxis = plot if signal is None else splot
        for t in nice_ticks(0.0, xmax, 6):
            p.setPen(grid_pen)
            p.drawLine(QPointF(px(t), plot.top()), QPointF(px(t), plot.bottom()))
            if signal is not None:
                p.drawLine(QPointF(px(t), splot.top()), QPointF(px(t), splot.bottom()))
            p.setPen(text_pen)
            label = f"{t:g}"
            p.drawText(QRectF(px(t) - 30, xaxis.bottom() + 2, 60, lh),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        p.drawText(QRectF(xaxis.left(), xaxis.bottom() + lh + 2, xaxis.width(), lh),
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                   tr("Distance from the site (km)"))
        if signal is not None:
            self._paint_signal(p, splot, px, signal, sticks, ylab_w, lh, grid_pen, text_pen)
        p.save()
        p.translate(rect.left() + lh * 0.5, plot.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-plot.height() / 2, -lh / 2, plot.height(), lh), Qt.AlignmentFlag.AlignCenter,
                   tr("Elevation (m)"))
        p.restore()

        p.setClipRect(plot)
        # Fresnel zone (ellipse between the antennas)
        zone = QPolygonF([QPointF(px(a), py(b)) for a, b in zip(d, upper)] +
                         [QPointF(px(a), py(b)) for a, b in reversed(list(zip(d, lower)))])
        fill = QColor(FRESNEL)
        fill.setAlpha(45)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(fill))
        p.drawPolygon(zone)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(FRESNEL, 1.2, Qt.PenStyle.DashLine))
        for series in (upper, lower):
            path = QPainterPath(QPointF(px(d[0]), py(series[0])))
            for a, b in zip(d[1:], series[1:]):
                path.lineTo(px(a), py(b))
            p.drawPath(path)
        # terrain (+ earth bulge), filled down to the axis
        ground = QPolygonF([QPointF(px(d[0]), plot.bottom())] + [QPointF(px(a), py(b)) for a, b in zip(d, terrain)]
                           + [QPointF(px(d[-1]), plot.bottom())])
        tcol = QColor(TERRAIN)
        tcol.setAlpha(170)
        p.setPen(QPen(TERRAIN.darker(130), 1))
        p.setBrush(QBrush(tcol))
        p.drawPolygon(ground)
        p.setBrush(Qt.BrushStyle.NoBrush)
        # antennas and the line of sight
        p.setPen(QPen(LOS.darker(120), 2))
        p.drawLine(QPointF(px(d[0]), py(terrain[0])), QPointF(px(d[0]), py(los[0])))
        p.drawLine(QPointF(px(d[-1]), py(terrain[-1])), QPointF(px(d[-1]), py(los[-1])))
        p.setPen(QPen(LOS, 2))
        p.drawLine(QPointF(px(d[0]), py(los[0])), QPointF(px(d[-1]), py(los[-1])))
        p.setClipping(False)
        p.setPen(QPen(self.palette().windowText().color(), 1))
        p.drawRect(plot)

    def _signal_range(self) -> Optional[tuple]:
        """(min, max) dBm of both curves (and the threshold), padded; None when nothing is finite."""
        prof = self._profile
        values = [float(v) for key in ("dbm_along", "itm_dbm_along") for v in prof[key] if math.isfinite(float(v))]
        if self.threshold is not None:
            values.append(float(self.threshold))
        if not values:
            return None
        lo, hi = min(values), max(values)
        pad = max((hi - lo) * 0.08, 3.0)
        return lo - pad, hi + pad

    @staticmethod
    def _y_axis(p: QPainter, plot: QRectF, py, ticks, ylab_w, lh, grid_pen, text_pen) -> None:
        """Horizontal grid lines at ``ticks`` and their whole-number labels left of ``plot``."""
        for t in ticks:
            p.setPen(grid_pen)
            p.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)))
            p.setPen(text_pen)
            p.drawText(QRectF(plot.left() - ylab_w - 2, py(t) - lh / 2, ylab_w - 2, lh),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{t:.0f}")

    def _paint_signal(self, p: QPainter, plot: QRectF, px, signal, ticks, ylab_w, lh, grid_pen, text_pen) -> None:
        """The lower panel: received power along the path, P.526 (solid) and ITM (dashed), and the threshold."""
        lo, hi = signal

        def py(yv):
            return plot.bottom() - plot.height() * (yv - lo) / (hi - lo)

        self._y_axis(p, plot, py, ticks, ylab_w, lh, grid_pen, text_pen)
        p.save()
        p.translate(plot.left() - ylab_w - lh * 0.5 - 2, plot.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-plot.height() / 2, -lh / 2, plot.height(), lh), Qt.AlignmentFlag.AlignCenter, "dBm")
        p.restore()
        p.setClipRect(plot)
        if self.threshold is not None:
            p.setPen(QPen(THRESHOLD, 1.2, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(plot.left(), py(self.threshold)), QPointF(plot.right(), py(self.threshold)))
        d = [float(v) / 1000.0 for v in self._profile["distances"]]
        for key, color, style in (("dbm_along", P526, Qt.PenStyle.SolidLine), ("itm_dbm_along", ITM,
                                                                               Qt.PenStyle.DashLine)):
            pts = [QPointF(px(a), py(float(b))) for a, b in zip(d, self._profile[key]) if math.isfinite(float(b))]
            if len(pts) < 2:
                continue
            path = QPainterPath(pts[0])
            for q in pts[1:]:
                path.lineTo(q)
            p.setPen(QPen(color, 1.8, style))
            p.drawPath(path)
        p.setClipping(False)
        p.setPen(QPen(self.palette().windowText().color(), 1))
        p.drawRect(plot)
