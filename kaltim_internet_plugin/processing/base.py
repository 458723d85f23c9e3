"""Base class for the plugin's Processing algorithms: ids, groups, bilingual help, common helpers."""
from __future__ import annotations

import functools
import traceback

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from ..i18n import tr
from .output_guard import OutputConflictError, check_outputs, cleanup


def _clean_errors(process):
    """Wrap processAlgorithm: re-raise errors as a fresh QgsProcessingException that carries no traceback.

    A traceback keeps the algorithm's frames (and the layers in them) alive after the exception has crossed into
    C++, until the interpreter exits, when GDAL is already gone. Unexpected errors are also logged with their
    traceback (for bug reports) and given a plain message.
    """
    @functools.wraps(process)
    def wrapper(self, parameters, context, feedback):
        message = None
        targets = []
        try:
            targets = check_outputs(self, parameters, context)
            result = process(self, parameters, context, feedback)
            if feedback is not None and feedback.isCanceled():
                cleanup(targets)
            return result
        except OutputConflictError as exc:
            message = str(exc)
        except QgsProcessingException as exc:
            message = str(exc)
        except Exception as exc:  # noqa: BLE001 - turned into a message the user can act on
            if feedback is not None:
                feedback.reportError(traceback.format_exc(), False)
            message = tr("Unexpected error in {alg}: {error}. Please report it with the log above.").format(
                alg=self.displayName(), error=exc)
        removed = cleanup(targets)
        if removed and feedback is not None:
            feedback.pushInfo(tr("Nothing was kept from the failed run: removed {paths}.").format(
                paths=", ".join(sorted(removed))))
        raise QgsProcessingException(message)
    wrapper._kaltim_wrapped = True
    return wrapper


class KaltimAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID``, ``GROUP_ID`` and implement displayName/group/shortHelpString/init/process."""

    ALG_ID = ""
    GROUP_ID = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        process = cls.__dict__.get("processAlgorithm")
        if process is not None and not getattr(process, "_kaltim_wrapped", False):
            cls.processAlgorithm = _clean_errors(process)

    def name(self) -> str:
        return self.ALG_ID

    def groupId(self) -> str:
        return self.GROUP_ID

    def group(self) -> str:
        return GROUPS.get(self.GROUP_ID, lambda: self.GROUP_ID)()

    def createInstance(self):
        return type(self)()

    def tr(self, text: str) -> str:  # QGIS calls this in places; keep one context
        return tr(text)

    @staticmethod
    def fail(message: str):
        raise QgsProcessingException(message)


GROUPS = {
    "data": lambda: tr("1 · Village data"),
    "coverage": lambda: tr("2 · Coverage and blank spots"),
    "priority": lambda: tr("3 · Priorities and sites"),
    "plan": lambda: tr("4 · Funding and roadmap"),
    "monitoring": lambda: tr("5 · Monitoring and evaluation"),
}
