"""kaltiminternet:exportplanfrompostgis — copy a PostGIS plan back to a GeoPackage, verified.

OUTPUT_GPKG is replaced whole, so an existing GeoPackage is refused before any work (before connecting) while it
holds a table this tool did not write (processing/output_guard: ``GPKG_FILE_OUTPUTS``); an earlier export (the
tables its plan_meta lists, store.gpkg_store.exported_tables) is replaced.
"""
from __future__ import annotations

from ..i18n import tr
from .base import PostgisPlanAlgorithm
from .output_guard import gpkg_file
from .params import add_connection, add_copy_outputs, add_file_output, read_connection


class ExportPlanFromPostgisAlgorithm(PostgisPlanAlgorithm):
    ALG_ID = "exportplanfrompostgis"
    GPKG_FILE_OUTPUTS = ("OUTPUT_GPKG",)  # replaced whole: refused while it holds tables this tool did not write

    @staticmethod
    def own_tables(path: str) -> list:
        """The tables of the existing GeoPackage ``path`` that an earlier export wrote (output_guard.foreign_tables):
        they keep the plan's own descriptions, so they are known by the list the export kept in plan_meta."""
        from ..store.gpkg_store import exported_tables

        return exported_tables(path)

    def initAlgorithm(self, config=None):
        add_connection(self)
        add_file_output(self, "OUTPUT_GPKG", tr("Plan GeoPackage"), tr("GeoPackage (*.gpkg)"))
        add_copy_outputs(self)

    def processAlgorithm(self, parameters, context, feedback):
        from ..store.postgis_store import export_plan

        name, schema = read_connection(self, parameters, context)
        out = gpkg_file(self.parameterAsFileOutput(parameters, "OUTPUT_GPKG", context))
        result = self.run_store(export_plan, name, schema, out, feedback=feedback)
        feedback.pushInfo(tr("Copied {tables} tables ({rows} rows) from schema '{schema}' to {path}; checksums "
                             "match.").format(tables=len(result.tables), rows=result.rows, schema=schema, path=out))
        feedback.setProgress(100)
        return {"OUTPUT_GPKG": out, "TABLES": ",".join(result.tables), "ROWS": result.rows,
                "CHECKSUMS_OK": result.checksums_ok}


ALGORITHM = ExportPlanFromPostgisAlgorithm
