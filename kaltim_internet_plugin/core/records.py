"""Helpers for the plan's records: sums over a record's items, and the shipped default tables."""
from __future__ import annotations

import os


def resource_path(name: str) -> str:
    """A file of ``resources/``: in the built plugin (next to ``core/``) or in the repository (one level up)."""
    here = os.path.dirname(os.path.abspath(__file__))
    for root in (os.path.join(here, "..", "resources"), os.path.join(here, "..", "..", "resources")):
        p = os.path.normpath(os.path.join(root, name))
        if os.path.exists(p):
            return p
    return os.path.normpath(os.path.join(here, "..", "..", "resources", name))


def total(collection: str, attr: str, doc: str = "") -> property:
    """A read-only property: the sum of ``attr`` over the records of ``self.<collection>``."""
    return property(lambda self: sum(getattr(r, attr) for r in getattr(self, collection)),
                    doc=doc or f"Sum of {attr} over {collection}.")
