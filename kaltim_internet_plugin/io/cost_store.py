"""The cost table saved with the QGIS project (scope KaltimInternet, key cost_table, JSON).

Tools read it as a file: :func:`project_table_file` writes the project's table to a temporary JSON that the
``COST_TABLE`` parameter of choosetech / candidates accepts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsProject

from ..core.costs import CostTable, default_cost_table
from .scratch import scratch_folder

SCOPE, KEY = "KaltimInternet", "cost_table"


def read_project(project: Optional[QgsProject] = None) -> Optional[CostTable]:
    """The project's table, or None when the project has none (the tools then use the sourced defaults)."""
    text, ok = (project or QgsProject.instance()).readEntry(SCOPE, KEY, "")
    if not ok or not text:
        return None
    return CostTable.from_json(text=text)


def write_project(table: CostTable, project: Optional[QgsProject] = None) -> None:
    (project or QgsProject.instance()).writeEntry(SCOPE, KEY, table.to_json())


def clear_project(project: Optional[QgsProject] = None) -> None:
    (project or QgsProject.instance()).removeEntry(SCOPE, KEY)


def current_table(project: Optional[QgsProject] = None) -> CostTable:
    return read_project(project) or default_cost_table()


def project_table_file(project: Optional[QgsProject] = None) -> str:
    """Path of a JSON copy of the project's table, or "" when the project uses the defaults."""
    table = read_project(project)
    if table is None:
        return ""
    path = Path(scratch_folder("kaltim_costs_")) / "cost_table.json"
    table.to_json(str(path))
    return str(path)
