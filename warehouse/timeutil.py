"""TIMESTAMP columns hold naive UTC; aware datetimes are converted on the way in."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_naive(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def utc_naive_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else utc_naive(value)
