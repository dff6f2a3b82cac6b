"""Money: an exact decimal amount in an ISO 4217 currency. Never float.

* Currency codes are checked against the CLDR currency list shipped with babel (ISO 4217 codes,
  current and historic); ``XXX`` (no currency) and ``XTS`` (testing) are refused.
* Amounts are held at the currency's minor units (CLDR digits: 2 for CNY/USD/EUR, 0 for JPY,
  3 for KWD). Constructing Money with more decimals than that is an error (a typo such as
  ``12.345 USD`` must not be rounded away silently); computed amounts go through
  :meth:`Money.rounded`, which states the rounding.
* Adding or subtracting works only within one currency; totals are per currency; a conversion
  exists only with a recorded rate, date and source (:class:`ExchangeRate`).

Pure domain code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import get_currency_precision, list_currencies

from .text import Quoted, T, field_error

NOT_CURRENCIES = frozenset({"XXX", "XTS"})
DEFAULT_ROUNDING = ROUND_HALF_UP  # commercial rounding; stated wherever a result is rounded


@lru_cache(maxsize=1)
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies()) - NOT_CURRENCIES


def is_currency(code: object) -> bool:
    return isinstance(code, str) and len(code) == 3 and code.isupper() and code in known_currencies()


def check_currency(code: object, name: str = "currency") -> str:
    if not is_currency(code):
        raise ValueError(
            field_error(
                name, "%(value)s is not an ISO 4217 currency code (e.g. 'USD', 'CNY', 'EUR')", value=Quoted(code)
            )
        )
    assert isinstance(code, str)
    return code


def minor_units(currency: str) -> int:
    return int(get_currency_precision(check_currency(currency)))


def to_decimal(value: object, name: str = "amount") -> Decimal:
    """Decimal from a Decimal, int or decimal string; floats (and bools) are refused."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(f"{name}: {value!r} is a {type(value).__name__}; give a Decimal or a string such as '12.50'")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(field_error(name, "%(value)s is not a decimal number", value=Quoted(value))) from None
    else:
        raise ValueError(f"{name}: expected a Decimal, int or decimal string, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{name}: {value!r} is not a finite number")
    return result


def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


@dataclass(frozen=True, order=False)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        currency = check_currency(self.currency)
        amount = to_decimal(self.amount)
        quantum = _quantum(currency)
        try:
            exact = amount.quantize(quantum, rounding=DEFAULT_ROUNDING)
        except InvalidOperation:
            raise ValueError(f"amount: {amount} is too large") from None
        if exact != amount:
            raise ValueError(
                f"amount: {amount} has more decimals than {currency} allows ({minor_units(currency)}); "
                "round it explicitly with Money.rounded"
            )
        object.__setattr__(self, "amount", exact)
        object.__setattr__(self, "currency", currency)

    @classmethod
    def of(cls, amount: object, currency: str) -> Money:
        return cls(to_decimal(amount), currency)

    @classmethod
    def rounded(cls, amount: object, currency: str, rounding: str = DEFAULT_ROUNDING) -> Money:
        """Money from a computed amount, rounded to the currency's minor units."""
        value = to_decimal(amount)
        try:
            return cls(value.quantize(_quantum(check_currency(currency)), rounding=rounding), currency)
        except InvalidOperation:
            raise ValueError(f"amount: {value} is too large") from None

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _same(self, other: object, op: str) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot {op} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise ValueError(
                f"currency: cannot {op} {self.currency} and {other.currency}; convert with a recorded rate first"
            )
        return other

    def __add__(self, other: object) -> Money:
        o = self._same(other, "add")
        return Money(self.amount + o.amount, self.currency)

    def __sub__(self, other: object) -> Money:
        o = self._same(other, "subtract")
        return Money(self.amount - o.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: object) -> bool:
        return self.amount < self._same(other, "compare").amount

    def __le__(self, other: object) -> bool:
        return self.amount <= self._same(other, "compare").amount

    def __gt__(self, other: object) -> bool:
        return self.amount > self._same(other, "compare").amount

    def __ge__(self, other: object) -> bool:
        return self.amount >= self._same(other, "compare").amount

    def times(self, factor: object, rounding: str = DEFAULT_ROUNDING) -> Money:
        """Multiply by an exact factor (Decimal/int/str) and round to minor units."""
        return Money.rounded(self.amount * to_decimal(factor, "factor"), self.currency, rounding)

    @property
    def is_negative(self) -> bool:
        return self.amount < 0

    def format(self) -> str:
        return f"{self.amount:,} {self.currency}" if self.amount >= 0 else f"-{-self.amount:,} {self.currency}"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def to_json(self) -> dict[str, str]:
        return {"amount": str(self.amount), "currency": self.currency}


def money_from_json(obj: object, name: str = "amount", *, allow_negative: bool = False) -> Money:
    """``{"amount": "123.45", "currency": "USD"}`` → Money; errors name ``name``."""
    if not isinstance(obj, dict):
        raise ValueError(f"{name}: expected an object with 'amount' and 'currency'")
    extra = sorted(set(obj) - {"amount", "currency"})
    if extra:
        raise ValueError(f"{name}.{extra[0]}: unknown field")
    for key in ("amount", "currency"):
        if key not in obj:
            raise ValueError(f"{name}.{key}: missing")
    currency = check_currency(obj["currency"], f"{name}.currency")
    value = to_decimal(obj["amount"], f"{name}.amount")
    try:
        money = Money(value, currency)
    except ValueError as exc:
        raise ValueError(f"{name}.{exc}") from None
    if money.is_negative and not allow_negative:
        raise ValueError(f"{name}.amount: {value} is negative; amounts must be zero or more")
    return money


def require_non_negative(money: Money, name: str = "amount") -> Money:
    if not isinstance(money, Money):
        raise ValueError(f"{name}: expected Money, got {type(money).__name__}")
    if money.is_negative:
        raise ValueError(f"{name}: {money} is negative; amounts must be zero or more")
    return money


def totals(items: Iterable[Money]) -> dict[str, Money]:
    """Sum per currency, currencies in alphabetical order. No conversion happens here."""
    sums: dict[str, Money] = {}
    for m in items:
        if not isinstance(m, Money):
            raise TypeError(f"totals: expected Money, got {type(m).__name__}")
        sums[m.currency] = sums[m.currency] + m if m.currency in sums else m
    return {c: sums[c] for c in sorted(sums)}


@dataclass(frozen=True)
class ExchangeRate:
    """1 unit of ``base`` = ``rate`` units of ``quote``, as published by ``source`` for ``on``."""

    base: str
    quote: str
    rate: Decimal
    on: date
    source: str  # e.g. "PBOC central parity 2026-03-02" or "ECB reference rate"

    def __post_init__(self) -> None:
        check_currency(self.base, "base")
        check_currency(self.quote, "quote")
        if self.base == self.quote:
            raise ValueError("quote: same currency as base; no conversion needed")
        rate = to_decimal(self.rate, "rate")
        if rate <= 0:
            raise ValueError(f"rate: {rate} must be greater than zero")
        object.__setattr__(self, "rate", rate)
        if isinstance(self.on, datetime) or not isinstance(self.on, date):
            raise ValueError("on: expected the date of the rate (datetime.date)")
        if not isinstance(self.source, str) or not self.source.strip():
            raise ValueError("source: a conversion needs the rate's source (who published it)")


@dataclass(frozen=True)
class Conversion:
    original: Money
    result: Money
    rate: ExchangeRate
    rounding: str

    def explanation(self) -> str:
        r = self.rate
        how = self.rounding.lower().replace("round_", "").replace("_", " ")
        return T(
            "%(original)s × %(rate)s (%(base)s→%(quote)s, %(source)s, %(day)s) = %(result)s (rounded %(how)s)",
            original=self.original,
            rate=r.rate,
            base=r.base,
            quote=r.quote,
            source=r.source,
            day=r.on,
            result=self.result,
            how={"half up": T("half up"), "half even": T("half even")}.get(how, how),
        )


def convert(money: Money, rate: ExchangeRate, rounding: str = DEFAULT_ROUNDING) -> Conversion:
    """Convert with a recorded rate; the rate must be for the money's currency."""
    if rate.base != money.currency:
        raise ValueError(f"rate: is for {rate.base}→{rate.quote}, the amount is in {money.currency}")
    result = Money.rounded(money.amount * rate.rate, rate.quote, rounding)
    return Conversion(money, result, rate, rounding)
