"""Amounts in a letter are written with their currency's own minor units, as the case page writes
them (CLDR: 2 for EUR and CNY, 0 for JPY and KRW): a claim of JPY 150,000 is "JPY 150,000", never
"JPY 150,000.00"; and a total claimed set by hand is read back the same way."""

from __future__ import annotations

from decimal import Decimal

from disputedesk.documents import letters as L
from disputedesk.documents.letter_money import parse_amounts
from disputedesk.domain.money import Money


def test_yen_have_no_cents_and_euros_keep_theirs() -> None:
    assert L.fmt_money(Decimal("150000"), "JPY") == "JPY 150,000"
    assert L.fmt_money(Decimal("4800"), "EUR") == "EUR 4,800.00"
    assert L.fmt_money("2350.5", "CNY") == "CNY 2,350.50"
    assert L.fmt_money(Decimal("12.345"), "BHD") == "BHD 12.345"  # three minor units


def test_a_total_in_two_currencies_reads_back_as_written() -> None:
    got = parse_amounts("JPY 150,000 + EUR 4,800.00", "claims_total")
    assert got == {"JPY": Money(Decimal("150000"), "JPY"), "EUR": Money(Decimal("4800.00"), "EUR")}
    assert " + ".join(L.fmt_money(m.amount, c) for c, m in got.items()) == "JPY 150,000 + EUR 4,800.00"
