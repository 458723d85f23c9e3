"""The dock's small widgets built in one call each: a push button, a row of buttons, a layer combo, a number box,
a note label, a cross on the map, a file chosen in a dialog, a table cell's drop-down that opens at once; and the quiet
disconnect of a signal when a page is cleaned up.

Every page made them the same way (object name for tests and styling, tool tip, click slot, layer filters);
building them here keeps each page's layout code about the layout.
"""
from __future__ import annotations

from qgis.gui import QgsMapLayerComboBox, QgsVertexMarker
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QEvent, QObject, QTimer
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDoubleSpinBox, QFileDialog, QLabel, QPushButton, QSpinBox

from ..compat import layer_filters
from ..i18n import tr
from ..paths import inside_plugin, source_file
from .fit import FlowLayout
from .messages import notify


def button(name: str, text: str, slot=None, tip: str = "", enabled: bool = True) -> QPushButton:
    """A push button named ``name`` (objectName) showing ``text``, calling ``slot`` when clicked."""
    widget = QPushButton(text)
    widget.setObjectName(name)
    if tip:
        widget.setToolTip(tip)
    if not enabled:
        widget.setEnabled(False)
    if slot is not None:
        widget.clicked.connect(slot)
    return widget


def button_row(*buttons) -> FlowLayout:
    """The buttons left to right, wrapped onto the next row when the dock is narrow."""
    row = FlowLayout()
    for b in buttons:
        row.addWidget(b)
    return row


def add_rows(form, *rows) -> None:
    """``form.addRow(label, widget)`` for each (label, widget) pair, top to bottom."""
    for label, widget in rows:
        form.addRow(label, widget)


def layer_combo(name: str, *filters, tip: str = "") -> QgsMapLayerComboBox:
    """A layer combo named ``name`` listing the layers of ``filters`` (compat.LayerFilter values), empty allowed."""
    widget = QgsMapLayerComboBox()
    widget.setObjectName(name)
    widget.setFilters(layer_filters(*filters))
    widget.setAllowEmptyLayer(True)
    if tip:
        widget.setToolTip(tip)
    return widget


def spin_box(name: str, low, high, value, decimals=None, suffix: str = "", tip: str = "", step=None):
    """A number box named ``name`` from ``low`` to ``high`` showing ``value``: whole numbers (QSpinBox), or with
    ``decimals`` places (QDoubleSpinBox); ``step`` for the arrows."""
    widget = QSpinBox() if decimals is None else QDoubleSpinBox()
    widget.setObjectName(name)
    widget.setRange(low, high)
    if decimals is not None:
        widget.setDecimals(decimals)
    if step is not None:
        widget.setSingleStep(step)
    widget.setValue(value)
    if suffix:
        widget.setSuffix(suffix)
    if tip:
        widget.setToolTip(tip)
    return widget


def note_label(name: str) -> QLabel:
    """An empty word-wrapping label named ``name``, for a status or result line filled in later."""
    widget = QLabel("")
    widget.setObjectName(name)
    widget.setWordWrap(True)
    return widget


def cross_marker(canvas, color: str, size: int) -> QgsVertexMarker:
    """A cross on the map ``canvas`` (pen width 2), e.g. the point being probed or the site being dragged."""
    marker = QgsVertexMarker(canvas)
    marker.setIconType(QgsVertexMarker.IconType.ICON_CROSS)
    marker.setColor(QColor(color))
    marker.setIconSize(size)
    marker.setPenWidth(2)
    return marker


def choose_file(parent, title: str, filters: str, default: str = "", save: bool = False, options=None) -> str:
    """The file the user picks in an open dialog (``save``: a save dialog) titled ``title``, starting at ``default``
    and listing ``filters``; "" when the dialog is cancelled."""
    ask = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
    extra = {} if options is None else {"options": options}
    path, _ = ask(parent, title, default, filters, **extra)
    return path or ""


def refuse_plugin_file(iface, target, status=None) -> bool:
    """True, after saying so in the message bar (and in the ``status`` label if given), when ``target`` (a layer, a
    file path or a layer source) is one of the plugin's own files, the bundled sample: the dock never writes there
    (no monitoring fields, status history, planned sites or repaired copies). False for the user's own files."""
    from qgis.core import Qgis

    layer = target if hasattr(target, "source") else None
    path = source_file(layer.source() if layer is not None else str(target or ""))
    if not inside_plugin(path):
        return False
    if layer is not None:
        text = tr("'{layer}' is part of the plugin's bundled sample, which is never changed. Save a copy in a "
                  "GeoPackage of your own (right-click the layer, Export, Save Features As…) and use the copy, or "
                  "build the roadmap on the Plan page: its GeoPackage is the plan to monitor.").format(
            layer=layer.name())
    else:
        text = tr("{path} is part of the plugin's bundled sample, which is never changed. Choose a file of your "
                  "own.").format(path=path)
    if status is not None:
        status.setText(text)
    notify(iface, text, Qgis.MessageLevel.Warning, duration=15)
    return True


def disconnect(signal, slot, slot_of_name=None) -> None:
    """``signal.disconnect(slot)``; nothing when it was not connected or its object is already gone.
    ``disconnect(obj, "name", slot)`` disconnects ``obj.name``: use it when ``obj`` (a layer, a widget) may be
    deleted already, since reading the signal of a deleted object raises too."""
    try:
        if slot_of_name is None:
            signal.disconnect(slot)
        else:
            getattr(signal, slot).disconnect(slot_of_name)
    except (TypeError, RuntimeError, AttributeError):
        pass


class _PopupWhenShown(QObject):
    """The event filter of :func:`popup_when_shown`: at the combo's first Show, its drop-down is opened once the view
    has placed it (the next turn of the event loop), then the filter leaves."""

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda combo=watched: None if sip.isdeleted(combo) else combo.showPopup())
        return False


def popup_when_shown(combo):
    """``combo`` (a table cell's editor) opens its drop-down as soon as it is shown: a double-click on the cell shows
    the choices at once, not a closed box that needs a second click. Returns the combo."""
    combo.installEventFilter(_PopupWhenShown(combo))  # a child of the combo: gone with it
    return combo
