"""The one place that knows which QGIS/Qt version runs the plugin (tested: QGIS 3.22, 3.40 LTR, 3.44; Qt5; ready
for QGIS 4 / Qt6).

The rest of the plugin calls the version-appropriate API through these names, and so logs no deprecation warning on
new QGIS while still running on 3.22:

* :data:`LayerFilter` / :func:`layer_filters` for ``QgsMapLayerComboBox.setFilters`` (``Qgis.LayerFilter(s)`` from
  3.34, the proxy model's ``Filter`` before; the old overload is deprecated);
* :data:`FieldType` for ``QgsField(name, FieldType.String)`` (``QMetaType.Type`` from 3.38, ``QVariant.Type`` before:
  the ``QVariant`` constructor is deprecated from 3.38 and gone with Qt6);
* :func:`label_always_shown` (``Qgis.LabelOverlapHandling`` from 3.26, ``displayAll`` before),
* :func:`set_rect_null` (``QgsRectangle.setMinimal`` is deprecated from 3.40), :func:`save_style_to_database`
  (``saveStyleToDatabaseV2`` from 3.44), :func:`transform_bounding_box` (3.40/3.44 can fail a bounding-box transform
  in a background task: falls back to edge points).

Enums elsewhere are written fully scoped (``QgsProcessing.SourceType.TypeVectorPoint``, ``Qt.AlignmentFlag.AlignLeft``):
that form works on 3.22, on 3.40/3.44 (where QGIS maps moved enums to ``Qgis.*`` without a warning) and with PyQt6.
When QGIS 3.22 support is dropped, each name here becomes a plain ``Qgis``/``QMetaType`` alias.
"""
from __future__ import annotations

from types import SimpleNamespace

from qgis.core import Qgis
from qgis.PyQt.QtCore import QT_VERSION_STR, QMetaType, QVariant

QGIS_VERSION_INT = Qgis.versionInt()
QT_MAJOR = int(QT_VERSION_STR.split(".")[0])


def _legacy_filter_enum():
    from qgis.core import QgsMapLayerProxyModel

    return QgsMapLayerProxyModel.Filter


# --- layer filters (QgsMapLayerComboBox.setFilters) -----------------------------------------------------------------
#: ``Qgis.LayerFilter`` (3.34+) or ``QgsMapLayerProxyModel.Filter``; same member names (PointLayer, RasterLayer, ...)
LayerFilter = getattr(Qgis, "LayerFilter", None) or _legacy_filter_enum()


def layer_filters(*filters):
    """The flags value ``setFilters`` wants for these :data:`LayerFilter` members. On 3.34+ the ``|`` of two
    ``Qgis.LayerFilter`` members is a plain int, which selects the deprecated ``setFilters`` overload: wrap it in
    ``Qgis.LayerFilters``."""
    combined = filters[0]
    for f in filters[1:]:
        combined = combined | f
    flags = getattr(Qgis, "LayerFilters", None)
    return flags(combined) if flags is not None else combined


# --- fields ---------------------------------------------------------------------------------------------------------
USE_QMETATYPE_FIELDS = QGIS_VERSION_INT >= 33800 or QT_MAJOR >= 6
if USE_QMETATYPE_FIELDS:
    FieldType = SimpleNamespace(
        String=QMetaType.Type.QString, Int=QMetaType.Type.Int, LongLong=QMetaType.Type.LongLong,
        Double=QMetaType.Type.Double, Bool=QMetaType.Type.Bool, Date=QMetaType.Type.QDate,
        Time=QMetaType.Type.QTime, DateTime=QMetaType.Type.QDateTime)
else:  # QGIS < 3.38 (Qt5 only): QgsField takes QVariant.Type
    FieldType = SimpleNamespace(
        String=QVariant.String, Int=QVariant.Int, LongLong=QVariant.LongLong, Double=QVariant.Double,
        Bool=QVariant.Bool, Date=QVariant.Date, Time=QVariant.Time, DateTime=QVariant.DateTime)



# --- methods deprecated on newer QGIS -------------------------------------------------------------------------------
def set_rect_null(rect):
    """``QgsRectangle.setNull()`` (3.34+; ``setMinimal()`` is deprecated from 3.40), else ``setMinimal()``: a rectangle
    that any ``combineExtentWith`` replaces."""
    if hasattr(rect, "setNull"):
        rect.setNull()
    else:
        rect.setMinimal()
    return rect


def save_style_to_database(layer, name: str, description: str, use_as_default: bool, ui_file_content: str = "") -> str:
    """Save ``layer``'s style into its data source's style table; returns an error message ('' when saved).
    ``saveStyleToDatabaseV2`` (3.44+, returns a result and a message) or ``saveStyleToDatabase`` (deprecated from
    3.44)."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        result, message = layer.saveStyleToDatabaseV2(name, description, use_as_default, ui_file_content)
        # failure bits: QmlGenerationFailed 1, SldGenerationFailed 2, DatabaseWriteFailed 4. The SLD part may fail
        # for renderers SLD cannot express (the old call did not report that); the QML style is what QGIS loads.
        failed = as_int(result) & ~2
        return "" if not failed else (message or f"saving the style failed ({as_int(result)})")
    return layer.saveStyleToDatabase(name, description, use_as_default, ui_file_content) or ""


def as_int(value) -> int:
    """An enum value as int: a PyQt5 / sip enum is one, a Python enum (QGIS 3.36+, Qt6) gives its ``value``."""
    try:
        return int(value)
    except TypeError:
        return int(value.value)


def label_always_shown(settings) -> None:
    """Labels of ``settings`` (QgsPalLayerSettings) avoid other labels but are drawn even where they cannot:
    ``AllowOverlapIfRequired`` from QGIS 3.26, ``displayAll`` (show colliding labels too) on 3.22."""
    handling = getattr(Qgis, "LabelOverlapHandling", None)
    if handling is not None and hasattr(settings, "placementSettings"):
        settings.placementSettings().setOverlapHandling(handling.AllowOverlapIfRequired)
        settings.placementSettings().setAllowDegradedPlacement(True)
    else:
        settings.displayAll = True


def transform_bounding_box(xform, rect, points_per_edge: int = 21):
    """``xform.transformBoundingBox(rect)``; if that raises (QGIS 3.40/3.44 in a background task, after many earlier
    transforms in the process, fail with PROJ's 'Invalid value for an argument' although the rectangle and CRSs are
    valid; 3.22 does not), the box of ``points_per_edge`` points along each edge transformed one by one."""
    from qgis.core import QgsCsException, QgsPointXY, QgsRectangle

    try:
        return xform.transformBoundingBox(rect)
    except QgsCsException:
        pass
    xs, ys = [], []
    n = max(2, points_per_edge)
    for i in range(n):
        t = i / (n - 1)
        x = rect.xMinimum() + t * rect.width()
        y = rect.yMinimum() + t * rect.height()
        for px, py in ((x, rect.yMinimum()), (x, rect.yMaximum()), (rect.xMinimum(), y), (rect.xMaximum(), y)):
            p = xform.transform(QgsPointXY(px, py))
            xs.append(p.x())
            ys.append(p.y())
    return QgsRectangle(min(xs), min(ys), max(xs), max(ys))
