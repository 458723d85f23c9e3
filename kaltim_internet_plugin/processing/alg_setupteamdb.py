"""kaltiminternet:setupteamdb — roles, triggers, grants and row-level security for team editing (idempotent)."""
from __future__ import annotations

from ..i18n import tr
from .base import PostgisPlanAlgorithm
from .params import add_connection, add_outputs, read_connection


class SetupTeamDbAlgorithm(PostgisPlanAlgorithm):
    ALG_ID = "setupteamdb"

    def initAlgorithm(self, config=None):
        add_connection(self)
        add_outputs(self, "string", [("KAB_ROLES", tr("Kab/kota roles")),
                                     ("RLS_TABLES", tr("Tables with row-level security"))])
        add_outputs(self, "number", [("SCHEMA_VERSION", tr("Schema version"))])

    def processAlgorithm(self, parameters, context, feedback):
        from ..store.postgis_store import setup_team_db

        name, schema = read_connection(self, parameters, context)
        result = self.run_store(setup_team_db, name, schema, feedback=feedback)
        feedback.pushInfo(tr("Schema '{schema}' is at version {version}; kab/kota roles: {roles}").format(
            schema=schema, version=result["schema_version"], roles=", ".join(result["kab_roles"]) or "-"))
        feedback.setProgress(100)
        return {"KAB_ROLES": ",".join(result["kab_roles"]), "RLS_TABLES": ",".join(result["rls_tables"]),
                "SCHEMA_VERSION": result["schema_version"]}


ALGORITHM = SetupTeamDbAlgorithm
