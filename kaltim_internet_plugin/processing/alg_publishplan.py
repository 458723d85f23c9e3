"""kaltiminternet:publishplan — copy a plan GeoPackage into a PostGIS schema (team mode), verified, in one go."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..i18n import tr
from .base import KaltimAlgorithm


class PublishPlanAlgorithm(KaltimAlgorithm):
    ALG_ID = "publishplan"
    GROUP_ID = "plan"

    def displayName(self) -> str:
        return tr("Publish plan to PostGIS")

    def shortHelpString(self) -> str:
        return tr(
            "Copies every layer and table of a plan GeoPackage (villages, sites, planned sites, funding, roadmap, "
            "status history, monitoring, styles) into a schema of a PostgreSQL/PostGIS database, so that a team can "
            "edit it at the same time. CONNECTION is the name of a PostgreSQL connection saved in QGIS (Browser > "
            "PostgreSQL); its password stays in the QGIS authentication database. The copy is one transaction and "
            "is compared with the source (row counts and checksums of every table) before it is committed: if the "
            "server stops or anything differs, nothing is saved. OVERWRITE replaces an existing plan in the schema.")

    def flags(self):
        # the connection's password may have to be unlocked from QGIS's authentication database (master password
        # prompt), which must happen on the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT_GPKG", tr("Plan GeoPackage"),
                                                     extension="gpkg"))
        self.addParameter(QgsProcessingParameterString("CONNECTION", tr("Saved PostgreSQL connection (name)")))
        self.addParameter(QgsProcessingParameterString("SCHEMA", tr("Schema"), defaultValue="kaltim_plan"))
        self.addParameter(QgsProcessingParameterBoolean("OVERWRITE", tr("Replace an existing plan in the schema"),
                                                        defaultValue=False))
        self.addOutput(QgsProcessingOutputString("TABLES", tr("Tables copied")))
        self.addOutput(QgsProcessingOutputNumber("ROWS", tr("Rows copied")))
        self.addOutput(QgsProcessingOutputBoolean("CHECKSUMS_OK", tr("Checksums match")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..store import StoreError
        from ..store.postgis_store import publish_plan

        path = self.parameterAsFile(parameters, "INPUT_GPKG", context)
        name = self.parameterAsString(parameters, "CONNECTION", context).strip()
        schema = self.parameterAsString(parameters, "SCHEMA", context).strip() or "kaltim_plan"
        overwrite = self.parameterAsBool(parameters, "OVERWRITE", context)
        if not name:
            raise QgsProcessingException(tr("Give the name of a saved PostgreSQL connection (Browser > PostgreSQL)."))
        try:
            result = publish_plan(path, name, schema, overwrite, feedback=feedback)
        except StoreError as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.pushInfo(tr("Published {tables} tables ({rows} rows) to schema '{schema}'; checksums match.")
                          .format(tables=len(result.tables), rows=result.rows, schema=schema))
        feedback.setProgress(100)
        return {"TABLES": ",".join(result.tables), "ROWS": result.rows, "CHECKSUMS_OK": result.checksums_ok}


ALGORITHM = PublishPlanAlgorithm
