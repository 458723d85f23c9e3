"""kaltiminternet:publishplan — copy a plan GeoPackage into a PostGIS schema (team mode), verified, in one go."""
from __future__ import annotations

from ..i18n import tr
from .base import PostgisPlanAlgorithm
from .params import add_bool, add_connection, add_copy_outputs, add_file, read_connection


class PublishPlanAlgorithm(PostgisPlanAlgorithm):
    ALG_ID = "publishplan"

    def initAlgorithm(self, config=None):
        add_file(self, "INPUT_GPKG", tr("Plan GeoPackage"), extension="gpkg")
        add_connection(self)
        add_bool(self, "OVERWRITE", tr("Replace an existing plan in the schema"))
        add_copy_outputs(self)

    def processAlgorithm(self, parameters, context, feedback):
        from ..store.postgis_store import publish_plan

        path = self.parameterAsFile(parameters, "INPUT_GPKG", context)
        name, schema = read_connection(self, parameters, context)
        overwrite = self.parameterAsBool(parameters, "OVERWRITE", context)
        result = self.run_store(publish_plan, path, name, schema, overwrite, feedback=feedback)
        feedback.pushInfo(tr("Published {tables} tables ({rows} rows) to schema '{schema}'; checksums match.")
                          .format(tables=len(result.tables), rows=result.rows, schema=schema))
        feedback.setProgress(100)
        return {"TABLES": ",".join(result.tables), "ROWS": result.rows, "CHECKSUMS_OK": result.checksums_ok}


ALGORITHM = PublishPlanAlgorithm
