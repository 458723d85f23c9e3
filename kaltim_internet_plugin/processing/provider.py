"""Processing provider ``kaltiminternet``: discovers every ``alg_*.py`` module's ``ALGORITHM`` class."""
from __future__ import annotations

import importlib
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import resource, version

PROVIDER_ID = "kaltiminternet"


def algorithm_classes() -> list:
    from . import __path__ as pkg_path

    classes = []
    for info in sorted(pkgutil.iter_modules(pkg_path), key=lambda i: i.name):
        if info.name.startswith("alg_"):
            module = importlib.import_module(f"{__package__}.{info.name}")
            classes.append(module.ALGORITHM)
    return classes


class KaltimInternetProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return tr("Internet Desa Kaltim")

    def longName(self) -> str:
        return tr("Internet Desa Kaltim {version}").format(version=version())

    def icon(self) -> QIcon:
        return QIcon(str(resource("icons", "icon.svg")))

    def versionInfo(self) -> str:
        return version()

    def loadAlgorithms(self) -> None:
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
