"""Checks the supplier modules share: tz-aware datetimes and evidence numbers (E-0042)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..labels import is_written_label


def _require_aware(value: datetime, name: str) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (got naive {value.isoformat()})")


def _check_evidence(ids: Iterable[str], where: str) -> tuple[str, ...]:
    out = tuple(ids)
    for e in out:
        if not is_written_label(e):
            raise ValueError(f"{where}: evidence number {e!r} must look like E-0042")
    return out
