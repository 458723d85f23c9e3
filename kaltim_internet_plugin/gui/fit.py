"""Make dock pages fit a narrow dock (about 450 px wide on a 1366×768 laptop, down to QGIS's own ~300 px for a new
dock) in both languages.

* :func:`scroll_body` puts a page's content in a vertical scroll area and returns the content's layout.
* :class:`FlowLayout` lays buttons out left to right and wraps them onto the next row when the dock is narrow, so
  "Batal" / "Buang" stay visible instead of being pushed out.
* :func:`fit_widget` (applied by the dock to every page) makes forms wrap long rows under their label, lets combo
  boxes shrink to a dozen characters (their lists still show the whole text) and wraps long labels.
* :func:`clipped_controls` / :func:`overflow` tell a test (or a developer) what does not fit.
"""
from __future__ import annotations

from qgis.PyQt.QtCore import QPoint, QRect, QSize, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QProxyStyle,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

DOCK_WIDTH = 450  # a dock on the right of a 1366×768 screen
NARROW_DOCK_WIDTH = 300  # QGIS's own width for a new dock on the right: every page fits it too
COMBO_CHARS = 12


def scroll_body(page: QWidget) -> QVBoxLayout:
    """Give ``page`` a scroll area (vertical as needed, horizontal only as a last resort) and return the layout of
    the scrolled content."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setObjectName("pageScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget()
    body.setObjectName("pageBody")
    scroll.setWidget(body)
    outer.addWidget(scroll)
    return QVBoxLayout(body)


class FlowLayout(QLayout):
    """Left-to-right rows that wrap: a row of buttons that becomes two rows in a narrow dock."""

    def __init__(self, parent=None, spacing: int = -1):
        super().__init__(parent)
        self._items = []
        if spacing >= 0:
            self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item):
        self._items.append(item)

    def addWidget(self, widget, stretch: int = 0):  # same call as QHBoxLayout.addWidget; no stretch
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self):
        return len(self._items)

    def itemAt(self, index):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientations(Qt.Orientation(0))

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self._do_layout(QRect(0, 0, width, 0), True)

    def setGeometry(self, rect):
        super().setGeometry(rect)
        self._do_layout(rect, False)

    def sizeHint(self):
        """One row: what it would take to show every button side by side."""
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in self._visible()) + self._hspace() * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self):
        """The widest single button: everything else may wrap."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self):
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _hspace(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style is not None else 6

    def _do_layout(self, rect, test_only: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        space = max(0, self._hspace())
        for item in self._visible():
            hint = item.sizeHint()
            width = min(hint.width(), area.width()) if area.width() > 0 else hint.width()
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + space, 0
            if not test_only:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + space
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


def fit_widget(root: QWidget, width: int = NARROW_DOCK_WIDTH) -> None:
    """Forms wrap long rows, combos shrink, long labels wrap (see the module text)."""
    for form in root.findChildren(QFormLayout):
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    for combo in root.findChildren(QComboBox):
        if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if combo.minimumContentsLength() == 0:
            combo.setMinimumContentsLength(COMBO_CHARS)
        policy = combo.sizePolicy()
        if policy.horizontalPolicy() == QSizePolicy.Policy.Fixed:
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, policy.verticalPolicy())
    for label in root.findChildren(QLabel):
        if not label.wordWrap() and label.sizeHint().width() > width * 0.6:
            label.setWordWrap(True)


class TightTabStyle(QProxyStyle):
    """The user's style with 60 % of the usual space around tab titles: six tabs fit a 450 px dock in
    Indonesian (Data, Cakupan, Prioritas, Skenario, Rencana, Monev) without scroll arrows."""

    def pixelMetric(self, metric, option=None, widget=None):
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return max(8, value * 3 // 5)
        return value


def tighten_tabs(tab_bar, owner) -> QProxyStyle:
    """Give ``tab_bar`` a :class:`TightTabStyle` built on the application's style. ``owner`` keeps the style alive
    (make it an object that outlives the tab bar, e.g. the dock holding the tab widget)."""
    app_style = QApplication.style()
    base = app_style.baseStyle() if isinstance(app_style, QProxyStyle) else app_style
    style = TightTabStyle(base.objectName() or "fusion")
    style.setParent(owner)
    tab_bar.setStyle(style)
    return style


# ---- what does not fit --------------------------------------------------------------------------------------
def clipped_controls(root: QWidget) -> list:
    """Visible buttons and combos narrower than they need, or reaching outside the visible part of their scroll
    area / page: ``[(name, why), …]``."""
    out = []
    root_rect = QRect(root.mapToGlobal(QPoint(0, 0)), root.size())
    for w in root.findChildren((QAbstractButton, QComboBox)):
        if not w.isVisible() or w.window() is not root.window() or _is_internal(w):
            continue
        name = w.objectName() or (w.text() if isinstance(w, QAbstractButton) else "") or type(w).__name__
        need = w.minimumSizeHint().width()
        if w.width() + 1 < need:
            out.append((name, f"{w.width()} px wide, needs {need}"))
            continue
        view = _visible_rect(w, root_rect)
        left = w.mapToGlobal(QPoint(0, 0)).x()
        if left < view.left() - 1 or left + w.width() > view.right() + 2:
            out.append((name, f"reaches x {left - view.left()}..{left - view.left() + w.width()} "
                              f"of a {view.width()} px view"))
    return out


def _is_internal(w: QWidget) -> bool:
    """Parts of Qt's and QGIS's own widgets, sized by them: tab scroll arrows, a file widget's "…" button."""
    parent = w.parentWidget()
    return (w.objectName().startswith("qt_") or w.objectName().startswith("Scroll")
            or (parent is not None and type(parent).__name__ in ("QgsFileWidget", "QgsFilterLineEdit")))


def _visible_rect(w: QWidget, root_rect: QRect) -> QRect:
    parent = w.parentWidget()
    rect = QRect(root_rect)
    while parent is not None:
        if isinstance(parent, QScrollArea):
            vp = parent.viewport()
            rect = rect.intersected(QRect(vp.mapToGlobal(QPoint(0, 0)), vp.size()))
        parent = parent.parentWidget()
    return rect


def overflow(page: QWidget) -> int:
    """How many pixels the page's content needs beyond the width it has (0 = fits)."""
    worst = page.minimumSizeHint().width() - page.width()
    for scroll in page.findChildren(QScrollArea):
        body = scroll.widget()
        if body is None or not scroll.isVisible():
            continue
        worst = max(worst, body.minimumSizeHint().width() - scroll.viewport().width())
    return max(0, worst)
