"""Property tests for the number and money parsing behind extracted values."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from disputedesk.domain.contract_clarity.text import zh_to_int
from disputedesk.domain.contract_clarity.values import durations, money

_D = "零一二三四五六七八九"


def to_zh(n: int) -> str:
    """Chinese numeral for 1..999 as written in contracts (十五, 二十四, 一百二十)."""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = ""
    if h:
        out += _D[h] + "百"
        if t == 0 and u:
            out += "零"
    if t:
        out += ("" if (t == 1 and not h) else _D[t]) + "十"
    if u:
        out += _D[u]
    return out


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert zh_to_int(to_zh(n)) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["business", "working", "calendar"]))
def test_english_durations_keep_value_and_meaning(n: int, word: str) -> None:
    (d,) = durations(f"The Seller shall respond within {n} {word} hours of the request.")
    assert d["value"] == str(n) and d["unit"] == "hour"
    assert d["basis"] == ("calendar" if word == "calendar" else "business")


@given(st.integers(min_value=1, max_value=999))
def test_chinese_durations_with_numerals(n: int) -> None:
    (d,) = durations(f"乙方应在{to_zh(n)}个工作日内修复。")
    assert (d["value"], d["unit"], d["basis"]) == (str(n), "day", "business")


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2))
def test_money_amounts_are_exact_decimals(amount: Decimal) -> None:
    text = f"{amount:,.2f}"
    (m,) = money(f"The total price is USD {text} CIF Hamburg.")
    assert Decimal(m["amount"]) == amount and m["currency"] == "USD"
    (z,) = money(f"合同总价为人民币{amount}元。")
    assert Decimal(z["amount"]) == amount and z["currency"] == "CNY"
