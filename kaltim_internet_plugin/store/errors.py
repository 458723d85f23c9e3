"""Errors of the planning store. Every message is already translated and says what to do."""
from __future__ import annotations


class StoreError(Exception):
    """A store operation failed; ``str(error)`` is a user-facing, translated message."""


class SchemaTooNewError(StoreError):
    """The plan was written by a newer plugin (its schema version is higher than this plugin supports)."""

    def __init__(self, message: str, found: int, supported: int):
        super().__init__(message)
        self.found = found
        self.supported = supported


class ConflictError(StoreError):
    """Someone else saved the same feature since it was loaded (optimistic locking on ``row_version``).

    ``current`` holds the row as it is now in the database (reload it, then redo the change)."""

    def __init__(self, message: str, table: str = "", fid=None, current: dict | None = None):
        super().__init__(message)
        self.table = table
        self.fid = fid
        self.current = current or {}


class PermissionDeniedError(StoreError):
    """The database role may not make this change (viewer role, or another kab/kota's villages)."""


class ConnectionFailedError(StoreError):
    """The saved connection is unknown, incomplete, or the server cannot be reached."""
