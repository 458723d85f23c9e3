"""kaltiminternet:exportplanfrompostgis — copy a PostGIS plan back to a GeoPackage, verified."""
from __future__ import annotations

from ..i18n import tr
from .base import PostgisPlanAlgorithm
from .params import add_connection, add_copy_outputs, add_file_output, read_connection


class ExportPlanFromPostgisAlgorithm(PostgisPlanAlgorithm):
    ALG_ID = "exportplanfrompostgis"

    def initAlgorithm(self, config=None):
        add_connection(self)
        add_file_output(self, "OUTPUT_GPKG", tr("Plan GeoPackage"), tr("GeoPackage (*.gpkg)"))
        add_copy_outputs(self)

    def processAlgorithm(self, parameters, context, feedback):
        from ..store.postgis_store import export_plan

        name, schema = read_connection(self, parameters, context)
        out = self.parameterAsFileOutput(parameters, "OUTPUT_GPKG", context)
        if not out.lower().endswith(".gpkg"):
            out += ".gpkg"
        result = self.run_store(export_plan, name, schema, out, feedback=feedback)
        feedback.pushInfo(tr("Copied {tables} tables ({rows} rows) from schema '{schema}' to {path}; checksums "
                             "match.").format(tables=len(result.tables), rows=result.rows, schema=schema, path=out))
        feedback.setProgress(100)
        return {"OUTPUT_GPKG": out, "TABLES": ",".join(result.tables), "ROWS": result.rows,
                "CHECKSUMS_OK": result.checksums_ok}


ALGORITHM = ExportPlanFromPostgisAlgorithm
