"""Money: exact decimals, ISO 4217 currencies, no float anywhere, per-currency totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.domain.money import ExchangeRate, Money, convert, money_from_json, totals

cents = st.integers(min_value=-(10**12), max_value=10**12)
currencies = st.sampled_from(["USD", "CNY", "EUR", "JPY", "KWD"])
EXP = {"USD": 2, "CNY": 2, "EUR": 2, "JPY": 0, "KWD": 3}


def m(units: int, cur: str) -> Money:
    return Money(Decimal(units).scaleb(-EXP[cur]), cur)


@settings(max_examples=300)
@given(st.lists(st.tuples(cents, currencies), max_size=30))
def test_totals_are_exact_per_currency(items):
    moneys = [m(u, c) for u, c in items]
    result = totals(moneys)
    for cur, total in result.items():
        expected = sum(u for u, c in items if c == cur)
        assert total.amount == Decimal(expected).scaleb(-EXP[cur])
        assert total.currency == cur
    assert sorted(result) == list(result)


@given(a=cents, b=cents, c=cents, cur=currencies)
def test_addition_is_associative_and_subtraction_undoes_it(a, b, c, cur):
    x, y, z = m(a, cur), m(b, cur), m(c, cur)
    assert (x + y) + z == x + (y + z)
    assert (x + y) - y == x


@given(a=cents, cur=currencies)
def test_amount_is_held_at_minor_units(a, cur):
    money = m(a, cur)
    assert -money.amount.as_tuple().exponent == EXP[cur]


def test_float_is_refused_everywhere():
    with pytest.raises(ValueError, match="float"):
        Money(1.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="float"):
        Money.of("1", "USD").times(1.5)
    with pytest.raises(ValueError, match="float"):
        money_from_json({"amount": 12.5, "currency": "USD"}, "price")


def test_unknown_currency_and_excess_precision_are_refused():
    with pytest.raises(ValueError, match="currency: 'ABC'"):
        Money.of("1", "ABC")
    with pytest.raises(ValueError, match="currency"):
        Money.of("1", "usd")
    with pytest.raises(ValueError, match="currency"):
        Money.of("1", "XXX")
    with pytest.raises(ValueError, match="more decimals"):
        Money.of("12.345", "USD")
    with pytest.raises(ValueError, match="more decimals"):
        Money.of("100.5", "JPY")
    assert Money.rounded("12.345", "USD").amount == Decimal("12.35")  # half up, stated
    assert Money.of("12.5", "USD").amount == Decimal("12.50")


def test_mixing_currencies_is_refused():
    with pytest.raises(ValueError, match="convert"):
        Money.of("1", "USD") + Money.of("1", "CNY")


def test_json_errors_name_the_field():
    with pytest.raises(ValueError, match=r"^heads\[2\]\.amount\.amount: -5 is negative"):
        money_from_json({"amount": "-5", "currency": "USD"}, "heads[2].amount")
    with pytest.raises(ValueError, match=r"^price\.currency"):
        money_from_json({"amount": "5", "currency": "RMB"}, "price")
    assert money_from_json({"amount": "5", "currency": "CNY"}, "price") == Money.of("5.00", "CNY")


def test_conversion_needs_a_recorded_rate_date_and_source():
    rate = ExchangeRate("USD", "CNY", Decimal("7.1234"), date(2026, 3, 2), "PBOC central parity")
    c = convert(Money.of("1000.00", "USD"), rate)
    assert c.result == Money.of("7123.40", "CNY")
    assert "PBOC" in c.explanation() and "2026-03-02" in c.explanation()
    with pytest.raises(ValueError, match="source"):
        ExchangeRate("USD", "CNY", Decimal("7.1"), date(2026, 3, 2), " ")
    with pytest.raises(ValueError, match="rate"):
        ExchangeRate("USD", "CNY", Decimal("0"), date(2026, 3, 2), "x")
    with pytest.raises(ValueError, match="rate"):
        convert(Money.of("1", "EUR"), rate)
