"""Background what-if preview of one planned site (QgsTask): engine call + preview GeoTIFF in a worker thread."""
from __future__ import annotations

import os
import re

from ..core.whatif import WhatIfCanceled, write_preview_tif
from ..i18n import tr
from .tasks import CallTask


def safe_name(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]+", "_", str(text))[:60] or "site"


class WhatIfTask(CallTask):
    """Computes ``engine.preview(site, tech, cost)`` and writes the preview raster.

    ``on_done(task, ok)`` runs in the GUI thread. The engine polls :meth:`isCanceled` (a newer move of the same
    site cancels this task); the owner also discards the result of a stale task by its ``generation``.
    """

    def __init__(self, engine, site, tech, cost, generation: int, out_dir: str, on_done, fid=None):
        super().__init__(tr("What-if preview of site {site_id}").format(site_id=site.site_id), self._preview,
                         on_done)
        self.engine, self.site, self.tech, self.cost = engine, site, tech, cost
        self.generation = generation
        self.out_dir = out_dir
        self.fid = fid
        self.path = ""
        self.canceled_in_engine = False

    def _preview(self, _task):  # worker thread: no widgets, no project access
        try:
            result = self.engine.preview(self.site, self.tech, self.cost, is_canceled=self.isCanceled)
        except WhatIfCanceled:
            self.canceled_in_engine = True
            return None
        if not self.isCanceled():
            self.path = os.path.join(self.out_dir, f"preview_{safe_name(self.site.site_id)}_{self.generation}.tif")
            write_preview_tif(result, self.path)
        return result
