"""Errors the CLI turns into one-line messages; each says what to do next."""

from __future__ import annotations


class WarehouseError(Exception):
    """Base class for warehouse problems a user can act on."""


class WarehouseBusy(WarehouseError):
    """Another process holds the DuckDB file and did not let go within the timeout."""


class WarehouseMissing(WarehouseError):
    """A reader was pointed at a warehouse file that does not exist yet."""


class WarehouseLocked(WarehouseError):
    """Another run holds the run lock of this warehouse."""


class SchemaTooNew(WarehouseError):
    """The file was migrated by a newer newsetl; writing to it could corrupt it."""


class ReadOnlyQueryError(WarehouseError):
    """`newsetl sql` was given a statement that would write."""
