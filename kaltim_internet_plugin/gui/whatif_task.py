"""Background what-if preview of one planned site (QgsTask): engine call + preview GeoTIFF in a worker thread."""
from __future__ import annotations

import os
import re

from qgis.core import QgsTask

from ..core.whatif import WhatIfCanceled, WhatIfError, write_preview_tif
from ..i18n import tr


def safe_name(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]+", "_", str(text))[:60] or "site"


class WhatIfTask(QgsTask):
    """Computes ``engine.preview(site, tech, cost)`` and writes the preview raster.

    ``on_done(task, ok)`` runs in the GUI thread. The engine polls :meth:`isCanceled` (a newer move of the same
    site cancels this task); the owner also discards the result of a stale task by its ``generation``.
    """

    def __init__(self, engine, site, tech, cost, generation: int, out_dir: str, on_done, fid=None):
        super().__init__(tr("What-if preview of site {site_id}").format(site_id=site.site_id), QgsTask.Flag.CanCancel)
        self.engine, self.site, self.tech, self.cost = engine, site, tech, cost
        self.generation = generation
        self.out_dir = out_dir
        self.on_done = on_done
        self.fid = fid
        self.result = None
        self.path = ""
        self.error = None
        self.canceled_in_engine = False

    def run(self):  # worker thread: no widgets, no project access
        try:
            self.result = self.engine.preview(self.site, self.tech, self.cost, is_canceled=self.isCanceled)
            if self.isCanceled():
                return False
            self.path = os.path.join(self.out_dir, f"preview_{safe_name(self.site.site_id)}_{self.generation}.tif")
            write_preview_tif(self.result, self.path)
            return True
        except WhatIfCanceled:
            self.canceled_in_engine = True
            return False
        except WhatIfError as exc:
            self.error = exc
            return False
        except Exception as exc:  # noqa: BLE001 - reported to the user, never raised in the worker thread
            self.error = exc
            return False

    def finished(self, ok):  # GUI thread
        if self.on_done is not None:
            self.on_done(self, bool(ok))
