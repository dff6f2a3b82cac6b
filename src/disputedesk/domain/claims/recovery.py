"""What has been recovered: offers, settlements, receipts, and per currency what is still outstanding
or was overpaid."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..money import Money, require_non_negative, totals
from ..text import field_error
from .heads import ClaimHead, _check_date, _check_evidence
from .total import claim_totals


class OfferStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LAPSED = "lapsed"


@dataclass(frozen=True)
class Offer:
    on: date
    by: str  # "supplier" or "buyer"
    amount: Money
    evidence: tuple[str, ...] = ()
    status: OfferStatus = OfferStatus.OPEN
    terms: str = ""

    def __post_init__(self) -> None:
        _check_date(self.on, "offer.on")
        if self.by not in ("supplier", "buyer"):
            raise ValueError(f"offer.by: {self.by!r} is not 'supplier' or 'buyer'")
        require_non_negative(self.amount, "offer.amount")
        object.__setattr__(self, "evidence", _check_evidence(self.evidence, "offer.evidence"))
        object.__setattr__(self, "status", OfferStatus(self.status))


@dataclass(frozen=True)
class Settlement:
    on: date
    amount: Money
    evidence: tuple[str, ...]
    terms: str = ""

    def __post_init__(self) -> None:
        _check_date(self.on, "settlement.on")
        require_non_negative(self.amount, "settlement.amount")
        object.__setattr__(self, "evidence", _check_evidence(self.evidence, "settlement.evidence"))


@dataclass(frozen=True)
class Receipt:
    """Money actually received from the supplier (or a platform/insurer) on a date, with proof."""

    on: date
    amount: Money
    evidence: tuple[str, ...]
    note: str = ""

    def __post_init__(self) -> None:
        _check_date(self.on, "received.on")
        require_non_negative(self.amount, "received.amount")
        ev = _check_evidence(self.evidence, "received.evidence")
        if not ev:
            raise ValueError(
                field_error("received.evidence", "an amount received needs proof (bank statement, receipt)")
            )
        object.__setattr__(self, "evidence", ev)


@dataclass(frozen=True)
class CurrencyPosition:
    currency: str
    claimed: Money
    settled: Money | None  # the settlement amount when the dispute is settled in this currency
    received: Money
    outstanding: Money  # (settled or claimed) − received; never below zero
    overpaid: Money  # received beyond what is due

    def to_json(self) -> dict[str, object]:
        return {
            "currency": self.currency,
            "claimed": str(self.claimed.amount),
            "settled": None if self.settled is None else str(self.settled.amount),
            "received": str(self.received.amount),
            "outstanding": str(self.outstanding.amount),
            "overpaid": str(self.overpaid.amount),
        }


@dataclass(frozen=True)
class RecoverySummary:
    positions: tuple[CurrencyPosition, ...]
    best_open_offer: tuple[Offer, ...] = field(default=())
    receipts: tuple[Receipt, ...] = field(default=())

    def position(self, currency: str) -> CurrencyPosition:
        for p in self.positions:
            if p.currency == currency:
                return p
        raise KeyError(currency)


def currency_positions(
    claimed: Mapping[str, Money], settled: Mapping[str, Money], received: Mapping[str, Money]
) -> tuple[CurrencyPosition, ...]:
    """Per currency: what is due (the settlement where one was made in that currency, else the
    claims), what was received, what is outstanding (never below zero) or overpaid. The one
    reckoning of a case's money: the case page, its recovery table and the letters all read it."""
    positions: list[CurrencyPosition] = []
    for c in sorted(set(claimed) | set(settled) | set(received)):
        zero = Money.zero(c)
        due = settled.get(c, claimed.get(c, zero))
        got = received.get(c, zero)
        diff = due - got
        positions.append(
            CurrencyPosition(
                currency=c,
                claimed=claimed.get(c, zero),
                settled=settled.get(c),
                received=got,
                outstanding=diff if not diff.is_negative else zero,
                overpaid=-diff if diff.is_negative else zero,
            )
        )
    return tuple(positions)


def recovery_summary(
    heads: Iterable[ClaimHead],
    *,
    offers: Iterable[Offer] = (),
    settlements: Iterable[Settlement] = (),
    receipts: Iterable[Receipt] = (),
) -> RecoverySummary:
    """Per currency: claimed, settled, received, outstanding. No conversion between currencies."""
    rec_list = tuple(sorted(receipts, key=lambda r: r.on))
    positions = currency_positions(
        claim_totals(heads), totals(s.amount for s in settlements), totals(r.amount for r in rec_list)
    )
    open_offers = [o for o in offers if o.by == "supplier" and o.status is OfferStatus.OPEN]
    best: dict[str, Offer] = {}
    for o in open_offers:
        cur = o.amount.currency
        if cur not in best or o.amount > best[cur].amount:
            best[cur] = o
    return RecoverySummary(positions, tuple(best[c] for c in sorted(best)), rec_list)
