"""Reading what suppliers write: registered capital, bank account numbers, domain names."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ..money import Money

# --------------------------------------------------------------------------- money


_CURRENCY_WORDS = {
    "人民币": "CNY",
    "元": "CNY",
    "rmb": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "英镑": "GBP",
}
_CAPITAL = re.compile(
    r"^\s*(?P<cur1>[A-Za-z]{3}|人民币|美元|欧元|港元|港币|日元|英镑)?\s*(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>万|亿|million|m)?\s*"
    r"(?P<cur2>[A-Za-z]{3}|人民币|元人民币|万元人民币|元|美元|万美元|欧元|港元|港币|日元|英镑)?\s*$",
    re.IGNORECASE,
)


def parse_money(text: str, default_currency: str = "CNY") -> Money:
    """Read registered capital as written on licences and in spreadsheets.

    ``"1000万元人民币"`` → CNY 10,000,000; ``"500万美元"`` → USD 5,000,000;
    ``"CNY 10,000,000"``; ``"12.5 million USD"``; a bare number uses ``default_currency``.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if re.search(r"[\u4e00-\u9fff]", s):
        s = re.sub(r"\s+", "", s)  # "1000 万元 人民币" as typed
    s = s.replace("万元人民币", "万 人民币").replace("元人民币", " 人民币").replace("万美元", "万 美元")
    m = _CAPITAL.match(s)
    if not m:
        raise ValueError(f"cannot read an amount from {text!r} (e.g. '1000万元人民币' or 'CNY 10000000')")
    try:
        amount = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - regex guarantees digits
        raise ValueError(f"cannot read an amount from {text!r}") from exc
    if amount < 0:
        raise ValueError(f"registered capital cannot be negative: {text!r}")
    unit = (m.group("unit") or "").lower()
    if unit == "万":
        amount *= 10_000
    elif unit == "亿":
        amount *= 100_000_000
    elif unit in ("million", "m"):
        amount *= 1_000_000
    cur_text = m.group("cur1") or m.group("cur2") or ""
    currency = _CURRENCY_WORDS.get(cur_text.lower(), cur_text.upper()) if cur_text else default_currency
    return Money(amount, currency)


def normalise_account_number(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", unicodedata.normalize("NFKC", text).upper())


DOMAIN_NAME = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")
