"""A form's money as a person types it: the currency as its Chinese name or sign (欧元, 人民币, €, ¥ on a
Chinese page) read as its ISO code, an amount typed with its currency ("€36000", "5000元") split into
the two fields. What is not read this way is passed on as typed, for the command's checks to name the
field and say what is wrong (a ¥ on an English page: CNY or JPY?)."""

from __future__ import annotations

from typing import Any

from ..domain.currency_typed import amount_with_currency, currency_code

AMOUNTS = ("amount", "value", "amount_at_stake")


def read_money(form: dict[str, Any], lang: str) -> dict[str, Any]:
    """The form's fields with its currency and amounts as the commands take them (a new dict)."""
    zh = lang == "zh"
    out = dict(form)
    typed = out.get("currency")
    if isinstance(typed, str) and typed.strip():
        out["currency"] = currency_code(typed, zh=zh) or typed.strip()
    for name in AMOUNTS:
        split = amount_with_currency(out.get(name))
        if split is None:
            continue
        amount, sign = split
        code = currency_code(sign, zh=zh)
        given = out.get("currency")
        if not given:
            out[name], out["currency"] = amount, code or sign  # a ¥ on an English page: the currency's check says why
        elif code is not None and currency_code(given, zh=zh) == code:
            out[name] = amount  # "€36000" with EUR chosen: the same currency said twice
    return out
