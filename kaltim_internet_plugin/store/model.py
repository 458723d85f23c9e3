"""Back-end neutral description of a plan table (fields typed with OGR's names)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

# Columns the PostGIS store adds to team-edited layers (not part of the plan's data, not exported/compared)
TEAM_COLUMNS = ("row_version", "modified_at", "modified_by")
# Layers edited by several people at once: row_version/modified_* + conflict trigger + status history
TEAM_LAYERS = ("villages", "sites", "planned_sites")
# Tables with a fixed schema in every plan (created by the migrations)
CORE_TABLES = ("status_history", "audit_log")
# Never copied as data (each store keeps its own), handled separately, or internal
SPECIAL_TABLES = ("plan_meta", "plan_layers", "layer_styles")
# plan_meta keys that describe one copy (not compared between copies)
VOLATILE_META = ("schema_version", "published_at", "published_by", "published_from", "exported_at", "exported_from",
                 "exported_tables", "created_at", "created_by", "migrated_at")
TEAM_STYLE_NAME = "kaltim_team_editing"
# The fields of a planned site (used when a plan has no planned_sites layer yet)
PLANNED_SITE_FIELDS = (("site_id", "String"), ("operator", "String"), ("tech", "String"), ("height_m", "Real"),
                       ("freq_mhz", "Real"), ("eirp_dbm", "Real"), ("status", "String"), ("cost_idr", "Real"),
                       ("land_status", "String"), ("note", "String"))


@dataclass
class FieldInfo:
    name: str
    type: str = "String"  # OGR field type name: String Integer Integer64 Real Date Time DateTime Binary
    subtype: str = "None"  # None Boolean Int16 Float32 JSON
    width: int = 0
    precision: int = 0

    @property
    def kind(self) -> str:
        return "json" if self.subtype == "JSON" else ""

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "subtype": self.subtype, "width": self.width,
                "precision": self.precision}


@dataclass
class TableInfo:
    name: str
    kind: str = "attributes"  # 'features' | 'attributes'
    fid_column: str = "fid"
    geometry_column: Optional[str] = None
    geometry_type: int = 0  # OGR wkbGeometryType (0 = none / unknown)
    srid: int = 0
    description: str = ""
    fields: list = field(default_factory=list)

    @property
    def columns(self) -> list:
        """fid, the data fields, then the geometry (the canonical column order for checksums and copies)."""
        cols = [self.fid_column] + [f.name for f in self.fields]
        return cols + ([self.geometry_column] if self.geometry_column else [])

    @property
    def kinds(self) -> list:
        kinds = [""] + [f.kind for f in self.fields]
        return kinds + (["geometry"] if self.geometry_column else [])
