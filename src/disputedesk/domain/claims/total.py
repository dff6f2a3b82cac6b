"""A case's claim total: per currency, never converted."""

from __future__ import annotations

from collections.abc import Iterable

from ..money import Money, totals
from .heads import ClaimHead


def claim_totals(heads: Iterable[ClaimHead]) -> dict[str, Money]:
    """Total claimed per currency (no conversion)."""
    return totals(h.amount for h in heads)
