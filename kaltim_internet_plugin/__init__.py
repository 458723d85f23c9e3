"""Internet Desa Kaltim — QGIS plugin for planning internet for every village of East Kalimantan."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """Called by QGIS (and by qgis_process with iface=None). Imports stay lazy: no work at import time."""
    from .plugin import KaltimInternetPlugin

    return KaltimInternetPlugin(iface)
