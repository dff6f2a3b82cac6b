"""Sentences the code writes, in a form any interface language can render.

A :class:`Text` is a ``str`` (its English form, so the API, the CLI, the ledger and every test
that reads English keep working) that also carries its message id and its parameters. The edge
(``web/i18n.py`` :func:`~disputedesk.web.i18n.say`) looks the message id up in the reader's
catalogue and renders each parameter in the reader's language: a date in the locale's date
style, a :class:`Cite` through the Chinese citation table, a nested :class:`Text` recursively, a
:class:`Seq` with the language's list separator. Plain ``str`` parameters are data (names,
numbers the user typed) and stay as they are.

Message ids are English with ``%(name)s`` placeholders; they are written with :func:`T` so
``scripts/i18n_check.py`` finds them in the source and requires their Chinese form.

Pure domain code: no catalogue, no locale here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any


class Cite(str):
    """A legal citation ("PRC Civil Code Art. 203"), rendered in the reader's legal language."""

    __slots__ = ()


class Seq(tuple):  # type: ignore[type-arg]
    """Parameters shown as a list: "; "-joined in English (", " with ``sep=", "``)."""

    sep: str

    def __new__(cls, items: Iterable[object], sep: str = "; ") -> Seq:
        obj = super().__new__(cls, tuple(items))
        obj.sep = sep
        return obj


class Quoted(str):
    """A name or value a sentence quotes (a beneficiary's name, a mail domain): in the quotation
    marks of the reader's language, 'HSJG Ltd' in English and “HSJG Ltd” in Chinese."""

    __slots__ = ()

    def shown(self, lang: str) -> str:
        return f"“{self}”" if lang == "zh" else repr(str(self))


class Country(str):
    """An ISO 3166 country code a sentence names ("DE"): as it is in English text (the API, the
    CLI), the country's name in the reader's language on a page ("Germany", "德国")."""

    __slots__ = ()


class Named(str):
    """A stored code ("lawyer_demand") a sentence names: the API and the CLI write the code as it is,
    a page its name in the reader's language (``words``, e.g. the step's title)."""

    words: object

    def __new__(cls, code: str, words: object) -> Named:
        obj = super().__new__(cls, code)
        obj.words = words
        return obj


class Text(str):
    """A sentence written by the code: English text plus its message id and parameters."""

    msgid: str
    params: Mapping[str, Any]

    def __new__(cls, msgid: str, params: Mapping[str, Any] | None = None) -> Text:
        params = dict(params or {})
        obj = super().__new__(cls, render(msgid, params, english, lambda m: m))
        obj.msgid = msgid
        obj.params = params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:  # pickling keeps the message id
        return (Text, (self.msgid, dict(self.params)))


def T(msgid: str, /, **params: Any) -> Text:  # noqa: N802 - the usual gettext-style marker
    """A translatable sentence: ``T("ends %(day)s", day=date(2026, 3, 5))``."""
    return Text(msgid, params)


class Field(str):
    """A form field's name ("name_zh"): as it is in English (the API names fields so), its label
    ("name zh" in the catalogue) in another language."""

    __slots__ = ()


def field_error(field: str, message: str, /, **params: Any) -> Text:
    """``field: message`` for a bad input: the field's name and the sentence both translatable."""
    sentence = message if isinstance(message, Text) else Text(message, params)
    return T("%(field)s: %(message)s", field=Field(field), message=sentence)


def zh_date(day: date) -> str:
    """A day as Chinese text writes it: 2026年10月1日 (for the Chinese halves of bilingual sentences)."""
    return f"{day.year}年{day.month}月{day.day}日"


def english(value: object) -> str:
    """A parameter in English: dates in ISO form, lists joined, everything else as ``str``."""
    if isinstance(value, Text):
        return str.__str__(value)
    if isinstance(value, Quoted):
        return value.shown("en")
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Seq):
        return value.sep.join(english(v) for v in value)
    return str(value)


def render(msgid: str, params: Mapping[str, Any], show: Any, translate: Any) -> str:
    """``translate(msgid) % {name: show(value)}``; a catalogue entry that does not fit the
    parameters falls back to the English sentence rather than failing the page."""
    pattern = translate(msgid)
    if not params:
        return pattern
    shown = {k: show(v) for k, v in params.items()}
    try:
        return pattern % shown
    except (KeyError, ValueError, TypeError):
        return msgid % shown


def to_json(value: object) -> object:
    """A sentence as stored data (``{"msgid": …, "params": …}``) so a page can still render it in
    the reader's language later; plain strings stay strings."""
    if isinstance(value, Text):
        return {"msgid": value.msgid, "params": {k: _param_json(v) for k, v in value.params.items()}}
    return value


def from_json(value: object) -> str:
    """The inverse of :func:`to_json`; a stored plain string (older rows) comes back as it is."""
    if isinstance(value, dict) and "msgid" in value:
        return Text(str(value["msgid"]), {k: _param_value(v) for k, v in (value.get("params") or {}).items()})
    return "" if value is None else str(value)


def _param_json(v: object) -> object:
    if isinstance(v, Text):
        return {"text": to_json(v)}
    if isinstance(v, Cite):
        return {"cite": str(v)}
    if isinstance(v, Field):
        return {"field": str(v)}
    if isinstance(v, Quoted):
        return {"quoted": str(v)}
    if isinstance(v, Seq):
        return {"seq": [_param_json(x) for x in v], "sep": v.sep}
    if isinstance(v, datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, date):
        return {"date": v.isoformat()}
    if hasattr(v, "amount") and hasattr(v, "currency"):  # domain.money.Money
        return {"money": [str(v.amount), str(v.currency)]}
    if isinstance(v, bool | int | float | str) or v is None:
        return v
    return str(v)


def _param_value(v: object) -> object:
    if not isinstance(v, dict):
        return v
    if "text" in v:
        return from_json(v["text"])
    if "cite" in v:
        return Cite(v["cite"])
    if "field" in v:
        return Field(v["field"])
    if "quoted" in v:
        return Quoted(v["quoted"])
    if "seq" in v:
        return Seq((_param_value(x) for x in v["seq"]), v.get("sep", "; "))
    if "datetime" in v:
        return datetime.fromisoformat(v["datetime"])
    if "date" in v:
        return date.fromisoformat(v["date"])
    if "money" in v:
        amount, currency = v["money"]
        return Amount(Decimal(amount), currency)
    return str(v)


@dataclass(frozen=True)
class Amount:
    """A stored amount read back as a parameter (shown like ``domain.money.Money``)."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


def dumps(value: object) -> str:
    """A sentence for a text column: JSON with its message id, or the plain string as it is."""
    import json

    return json.dumps(to_json(value), ensure_ascii=False) if isinstance(value, Text) else str(value)


def loads(stored: str | None) -> str:
    """The inverse of :func:`dumps`; older rows (plain English) come back as they are."""
    import json

    if stored and stored.startswith('{"msgid"'):
        try:
            return from_json(json.loads(stored))
        except (ValueError, TypeError):
            return stored
    return stored or ""
