"""A currency as people type it: the ISO 4217 code (EUR), its Chinese name (欧元, 人民币, 美元) or its
sign (€, $, ¥), alone or before or after an amount (€36000, 5000元, 36000 EUR).

The sign ¥ (and the full-width ￥ a Chinese keyboard types) stands for both the Chinese yuan (CNY) and
the Japanese yen (JPY): it is read as CNY only where the reader said so, i.e. on a Chinese page (whose
form hint says it); elsewhere it is refused with a message asking for CNY or JPY. ``$`` is read as
USD (HK$, S$, A$, C$, NT$ as their dollars). Pure domain code, no I/O.
"""

from __future__ import annotations

import re

from .money import is_currency

# Chinese names (and the usual ASCII shorthands with a sign) of the currencies a buyer meets.
NAMES = {
    "人民币": "CNY", "元": "CNY", "人民币元": "CNY",
    "欧元": "EUR", "美元": "USD", "美金": "USD", "英镑": "GBP", "日元": "JPY", "港币": "HKD", "港元": "HKD",
    "瑞士法郎": "CHF", "澳元": "AUD", "加元": "CAD", "加拿大元": "CAD", "新加坡元": "SGD", "新台币": "TWD",
    "韩元": "KRW", "卢布": "RUB", "卢比": "INR", "瑞典克朗": "SEK", "丹麦克朗": "DKK", "挪威克朗": "NOK",
    "兹罗提": "PLN", "里拉": "TRY",
    "€": "EUR", "$": "USD", "＄": "USD", "US$": "USD", "£": "GBP", "￡": "GBP", "HK$": "HKD", "S$": "SGD",
    "A$": "AUD", "C$": "CAD", "NT$": "TWD", "₩": "KRW", "₹": "INR", "₽": "RUB", "₺": "TRY", "zł": "PLN",
}  # fmt: skip
YEN_SIGNS = ("¥", "￥")
_WORDS = "|".join(re.escape(w) for w in sorted([*NAMES, *YEN_SIGNS], key=len, reverse=True))
# an amount with its currency before or after it: "€36000.00", "¥ 5000", "5000元", "36000 EUR", "USD 500"
_AMOUNT_WITH = re.compile(
    rf"^\s*(?:(?P<before>{_WORDS}|[A-Za-z]{{3}})\s*(?P<a1>-?\d+(?:\.\d+)?)|(?P<a2>-?\d+(?:\.\d+)?)\s*(?P<after>{_WORDS}|[A-Za-z]{{3}}))\s*$"
)


def is_yen_sign(text: object) -> bool:
    return isinstance(text, str) and text.strip() in YEN_SIGNS


def currency_code(text: object, *, zh: bool = False) -> str | None:
    """The ISO code for a currency typed as a code (any case), a Chinese name or a sign; ¥/￥ only on
    a Chinese page (``zh``); None for anything else (the caller names the field and says why)."""
    if not isinstance(text, str):
        return None
    t = text.strip()
    if t in YEN_SIGNS:
        return "CNY" if zh else None
    code = NAMES.get(t) or NAMES.get(t.upper()) or t.upper()
    return code if re.fullmatch(r"[A-Z]{3}", code) and is_currency(code) else None


def amount_with_currency(text: object) -> tuple[str, str] | None:
    """An amount typed with its currency ("€36000", "5000元", "36000 EUR"): (the amount, the currency
    as typed), or None when the text is not one (a bare number among them)."""
    if not isinstance(text, str):
        return None
    m = _AMOUNT_WITH.match(text)
    if not m:
        return None
    return (m.group("a1") or m.group("a2")), (m.group("before") or m.group("after"))
