"""Processing provider ``kaltiminternet``: discovers every ``alg_*.py`` module's ``ALGORITHM`` class."""
from __future__ import annotations

import importlib
import pkgutil
import traceback

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .. import dependencies
from ..i18n import tr
from ..paths import resource, version

PROVIDER_ID = "kaltiminternet"


def algorithm_classes(errors: list = None, problems: list = None) -> list:
    """Every ``alg_*.py`` module's ``ALGORITHM``. A module that fails to import is reported in ``errors``
    (module name, message) and skipped, so one broken tool never takes the whole provider down. A tool whose
    Python modules are missing or too old (``dependencies.TOOL_NEEDS``, or an ImportError of one of
    ``dependencies.REQUIREMENTS``) is skipped with a message that says what to install, not a traceback.
    ``problems``: the result of ``dependencies.check()`` (computed here when None)."""
    from . import __path__ as pkg_path

    if problems is None:
        problems = dependencies.check()
    classes = []
    for info in sorted(pkgutil.iter_modules(pkg_path), key=lambda i: i.name):
        if info.name.startswith("alg_"):
            missing = dependencies.missing_for_tool(info.name, problems)
            if missing:
                if errors is not None:
                    errors.append((info.name, dependencies.explain(missing)))
                continue
            try:
                module = importlib.import_module(f"{__package__}.{info.name}")
                classes.append(module.ALGORITHM)
            except Exception as exc:  # noqa: BLE001 - reported to the user below
                problem = dependencies.problem_for_import_error(exc) if isinstance(exc, ImportError) else None
                if errors is not None:
                    errors.append((info.name, dependencies.explain([problem]) if problem else traceback.format_exc()))
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
        self.load_errors = []
        for cls in algorithm_classes(self.load_errors):
            self.addAlgorithm(cls())
        self._add_plan_model()
        for name, trace in self.load_errors:
            QgsMessageLog.logMessage(tr("Tool {name} could not be loaded:\n{trace}").format(name=name, trace=trace),
                                     "Internet Desa Kaltim", Qgis.MessageLevel.Critical)

    def _add_plan_model(self) -> None:
        """The chain as one model (``kaltiminternet:fullplan``, processing/model_plan.py), when every tool of it
        loaded; a tool that did not is already reported, and named again here as the reason."""
        try:
            from .model_plan import PlanModel, missing_steps

            tools = {a.name(): a for a in self.algorithms()}
            missing = missing_steps(tools)
            if missing:
                QgsMessageLog.logMessage(tr("The full-plan model is not offered: it needs the tool(s) {names}, which "
                                            "could not be loaded (see above).").format(names=", ".join(missing)),
                                         "Internet Desa Kaltim", Qgis.MessageLevel.Warning)
                return
            self.addAlgorithm(PlanModel.of(tools, self.id()))
        except Exception:  # noqa: BLE001 - reported; the tools themselves stay available
            self.load_errors.append(("model_plan", traceback.format_exc()))
