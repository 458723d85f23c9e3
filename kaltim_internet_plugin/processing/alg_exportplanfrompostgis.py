"""kaltiminternet:exportplanfrompostgis — copy a PostGIS plan back to a GeoPackage, verified."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..i18n import tr
from .base import KaltimAlgorithm


class ExportPlanFromPostgisAlgorithm(KaltimAlgorithm):
    ALG_ID = "exportplanfrompostgis"
    GROUP_ID = "plan"

    def displayName(self) -> str:
        return tr("Copy plan from PostGIS to GeoPackage")

    def shortHelpString(self) -> str:
        return tr(
            "Copies a plan published in PostGIS (all layers, tables, styles, status history and audit log) into a "
            "GeoPackage, from one consistent snapshot of the database. The new file is compared with the database "
            "(row counts and checksums of every table) and only then written over OUTPUT_GPKG. The team-editing "
            "columns (row_version, modified_at, modified_by) stay in the database; the audit log keeps who changed "
            "what.")

    def flags(self):
        # the connection's password may have to be unlocked from QGIS's authentication database (master password
        # prompt), which must happen on the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString("CONNECTION", tr("Saved PostgreSQL connection (name)")))
        self.addParameter(QgsProcessingParameterString("SCHEMA", tr("Schema"), defaultValue="kaltim_plan"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_GPKG", tr("Plan GeoPackage"),
                                                                tr("GeoPackage (*.gpkg)")))
        self.addOutput(QgsProcessingOutputString("TABLES", tr("Tables copied")))
        self.addOutput(QgsProcessingOutputNumber("ROWS", tr("Rows copied")))
        self.addOutput(QgsProcessingOutputBoolean("CHECKSUMS_OK", tr("Checksums match")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..store import StoreError
        from ..store.postgis_store import export_plan

        name = self.parameterAsString(parameters, "CONNECTION", context).strip()
        schema = self.parameterAsString(parameters, "SCHEMA", context).strip() or "kaltim_plan"
        out = self.parameterAsFileOutput(parameters, "OUTPUT_GPKG", context)
        if not name:
            raise QgsProcessingException(tr("Give the name of a saved PostgreSQL connection (Browser > PostgreSQL)."))
        if not out.lower().endswith(".gpkg"):
            out += ".gpkg"
        try:
            result = export_plan(name, schema, out, feedback=feedback)
        except StoreError as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.pushInfo(tr("Copied {tables} tables ({rows} rows) from schema '{schema}' to {path}; checksums "
                             "match.").format(tables=len(result.tables), rows=result.rows, schema=schema, path=out))
        feedback.setProgress(100)
        return {"OUTPUT_GPKG": out, "TABLES": ",".join(result.tables), "ROWS": result.rows,
                "CHECKSUMS_OK": result.checksums_ok}


ALGORITHM = ExportPlanFromPostgisAlgorithm
