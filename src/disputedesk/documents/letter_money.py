"""A letter's money: the total claimed, what the parties settled, what the supplier already paid,
and the balance demanded, per currency. The balance comes from the one reckoning of a case's money
(``domain.claims.currency_positions``: the settlement where one was made in that currency, else the
claims, less what was received, never below zero), which the case page and its recovery table read
too; a total claimed set by hand on the letter (``--set claims_total=…``) is reckoned the same way.
Amounts in different currencies are listed, never added. Pure: no database, no clock."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..domain.claims.recovery import CurrencyPosition, currency_positions
from ..domain.money import Money, is_currency, minor_units
from ..domain.text import field_error

if TYPE_CHECKING:  # letter_facts calls rebalance: no import back at run time
    from .letter_facts import LetterFacts


def fmt_money(amount: Decimal | str | None, currency: str | None) -> str:
    """EUR 4,800.00 / JPY 150,000: in the currency's own minor units (CLDR, as ``domain.money`` and
    the case page keep them); two decimals where the currency is not known."""
    if amount is None:
        return ""
    digits = minor_units(currency) if currency and is_currency(currency) else 2
    q = Decimal(str(amount)).quantize(Decimal(1).scaleb(-digits))
    return f"{currency or ''} {q:,}".strip()


_AMOUNT = re.compile(r"([A-Za-z]{3})\s*([0-9][0-9,]*(?:\.[0-9]+)?)")


def joined(amounts: Mapping[str, Money]) -> str:
    """EUR 4,800.00 + USD 100.00: one amount a currency, in the order of the currencies' codes."""
    return " + ".join(fmt_money(m.amount, c) for c, m in sorted(amounts.items()))


def parse_amounts(text: str, name: str) -> dict[str, Money]:
    """``EUR 4,000.00 + USD 100.00`` (as the letter writes a total) as amounts per currency; anything
    else is refused naming the fact, since the balance is reckoned from it."""
    out: dict[str, Money] = {}
    for part in text.split("+"):
        found = _AMOUNT.fullmatch(part.strip())
        code = found.group(1).upper() if found else ""
        try:
            if not found or code in out:
                raise ValueError(text)
            out[code] = Money.rounded(Decimal(found.group(2).replace(",", "")), code)  # the code checked here
        except ValueError:
            raise ValueError(
                field_error(
                    name,
                    "'%(value)s' is not an amount per currency (for example EUR 4,000.00 + USD 100.00)",
                    value=text,
                )
            ) from None
    return out


def set_money(
    f: LetterFacts,
    claimed: Mapping[str, Money],
    positions: Iterable[CurrencyPosition],
    settlements: Iterable[Any] = (),
    receipts: Iterable[Any] = (),
) -> None:
    """Fill the letter's money from the case: ``claimed`` (the claim heads' totals), the case's
    ``positions`` (its recovery summary), each settlement and receipt (date, amount, evidence)."""
    if not claimed:
        return
    f.claims_total = joined(claimed)
    for kind, rows in (("settlement", settlements), ("receipt", receipts)):
        for r in rows:
            row = {"date": r.on.isoformat(), "amount": fmt_money(r.amount.amount, r.amount.currency)}
            row["evidence"] = ", ".join(r.evidence)
            (f.claims_settlements if kind == "settlement" else f.claims_received).append(row)
    if not f.claims_settlements and not f.claims_received:
        return  # nothing settled or paid: the total claimed is what is demanded
    f.claims_money = {
        p.currency: {"settled": "" if p.settled is None else str(p.settled.amount), "received": str(p.received.amount)}
        for p in positions
    }
    _balance(f, claimed)


def rebalance(f: LetterFacts) -> None:
    """The total claimed was set by hand: the balance is reckoned again from it (what was settled
    and received stays as the case records it)."""
    if f.claims_money and f.claims_total:
        _balance(f, parse_amounts(f.claims_total, "claims_total"))


def _balance(f: LetterFacts, claimed: Mapping[str, Money]) -> None:
    settled = {c: Money.of(m["settled"], c) for c, m in f.claims_money.items() if m.get("settled")}
    received = {c: Money.of(m["received"], c) for c, m in f.claims_money.items() if Decimal(m["received"] or 0)}
    positions = currency_positions(claimed, settled, received)
    f.claims_settled = joined(settled) or None
    f.claims_received_total = joined(received) or None
    due = {p.currency: p.outstanding for p in positions if p.claimed.amount or p.settled is not None}
    f.claims_balance = joined(due) or None
    f.claims_mixed = len({p.currency for p in positions}) > 1
