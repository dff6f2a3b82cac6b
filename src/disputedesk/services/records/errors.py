"""Bad input to a record: the field and what is wrong with it, in the user's language.

A ``FieldError`` is a ``ValueError`` (so the CLI's and the forms' existing handling shows it as
one line / a message on the form), and the web app answers it with a 422 whose JSON names the
field, like FastAPI's own validation errors (``{"error": "supplier: …", "field": "supplier"}``).

The message may be a template with named values (``FieldError("contract", "{number} is not a
contract with {supplier}", number=…, supplier=…)``): ``str()`` gives the English sentence (API,
CLI), :meth:`FieldError.localised` the sentence in the page's language, the template being the
catalogue's msgid (``web/locales/…/records_errors.po``) and the values left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from ...domain.text import Quoted


def _shown(
    values: dict[str, Any],
    show_time: Callable[[datetime], str] | None,
    show_day: Callable[[date], str] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The values as the sentence shows them: a moment by ``show_time``, a day by ``show_day``, else
    in ISO 8601; what the user typed (:class:`Quoted`) in the quotation marks of ``lang``."""

    def one(v: Any) -> Any:
        if isinstance(v, datetime):
            return show_time(v) if show_time else v.isoformat()
        if isinstance(v, date):
            return show_day(v) if show_day else v.isoformat()
        if isinstance(v, Quoted):
            return v.shown(lang)
        return v

    return {k: one(v) for k, v in values.items()}


class FieldError(ValueError):
    def __init__(self, field: str, message: str, **values: Any) -> None:
        self.field = field
        self.template = message
        self.values = values
        self.message = message.format(**_shown(values, None)) if values else message
        super().__init__(f"{field}: {self.message}")

    def localised(
        self,
        gettext: Callable[[str], str],
        show_time: Callable[[datetime], str] | None = None,
        show_day: Callable[[date], str] | None = None,
        lang: str = "en",
    ) -> str:
        """``field: message`` with the field's name and the sentence translated by ``gettext``; a
        moment among the values is shown by ``show_time`` (the page: in the zone the user typed in,
        named), else as ISO 8601 with its offset (the API, the CLI); a day by ``show_day`` (the
        page's date style), else as ISO 8601."""
        try:
            values = _shown(self.values, show_time, show_day, lang)
            text = gettext(self.template).format(**values) if self.values else gettext(self.template)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            text = self.message
        # "field: message" is itself a catalogue sentence: a Chinese page joins with "：" (天：不是整数)
        joined = gettext("%(field)s: %(message)s")
        shown = {"field": field_in_words(self.field, gettext), "message": text}
        try:
            return joined % shown
        except (KeyError, ValueError, TypeError):
            return f"{shown['field']}: {text}"


# An item of a list as Pydantic names it: "messages.0", "channels.0.address" (counted from 0).
_ITEM_PATH = re.compile(r"^(\w+)\.(\d+)(?:\.(\w+))?$")


def field_in_words(path: str, gettext: Callable[[str], str]) -> str:
    """A field's path as a page names it, items counted from 1 as people count them:
    ``messages.0`` → "messages no. 1" / "第 1 个邮件", ``channels.0.address`` → "address of
    channels no. 1" / "第 1 个联系方式的地址" (the sentences ``web/i18n.say`` uses for
    ``channels[1].address``). The API and the CLI keep the path as it is."""

    def name(part: str) -> str:
        return gettext(part.replace("_", " "))

    item = _ITEM_PATH.match(path)
    if item:
        listed, index, part = item.groups()
        n = str(int(index) + 1)
        if part:
            return gettext("%(field)s of %(list)s no. %(n)s") % {"field": name(part), "list": name(listed), "n": n}
        return gettext("%(list)s no. %(n)s") % {"list": name(listed), "n": n}
    first = path.split(".")[0].split("[")[0]
    return f"{name(first)}{path[len(first) :]}"


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Pydantic's checks, as sentences with a msgid: the error type → (template, values from its context).
_PYDANTIC: dict[str, tuple[str, tuple[str, ...]]] = {
    "missing": ("required", ()),
    "extra_forbidden": ("unknown field", ()),
    "string_too_short": ("must not be empty", ()),
    "string_too_long": ("at most {max_length} characters", ("max_length",)),
    "literal_error": ("must be one of {expected}", ("expected",)),
    "datetime_parsing": ("not a time: write it like 2026-03-30T10:15+08:00", ()),
    "datetime_from_date_parsing": ("not a time: write it like 2026-03-30T10:15+08:00", ()),
    "datetime_type": ("not a time: write it like 2026-03-30T10:15+08:00", ()),
    "int_parsing": ("not a whole number", ()),
    "int_from_float": ("not a whole number", ()),
    "int_type": ("not a whole number", ()),
    "greater_than": ("must be more than {gt}", ("gt",)),
    "less_than": ("must be less than {lt}", ("lt",)),
    "greater_than_equal": ("must be at least {ge}", ("ge",)),
    "less_than_equal": ("must be at most {le}", ("le",)),
    "date_parsing": ("not a date: write it like 2027-01-20", ()),
    "date_from_datetime_parsing": ("not a date: write it like 2027-01-20", ()),
    "date_from_datetime_inexact": ("not a date: write it like 2027-01-20", ()),
    "date_type": ("not a date: write it like 2027-01-20", ()),
    "bool_parsing": ("not yes or no", ()),
    "bool_type": ("not yes or no", ()),
    "dict_type": ("expected an object with named fields", ()),
    "list_type": ("expected a list", ()),
    "string_type": ("expected text", ()),
    "too_long": ("at most {max_length} items", ("max_length",)),
    "decimal_parsing": ("not a decimal number", ()),
    "decimal_type": ("not a decimal number", ()),
    "decimal_max_places": ("at most {decimal_places} decimal places", ("decimal_places",)),
    "decimal_max_digits": ("at most {max_digits} digits", ("max_digits",)),
    "decimal_whole_digits": ("at most {whole_digits} digits before the decimal point", ("whole_digits",)),
}


def from_validation(exc: ValidationError) -> FieldError:
    """The first problem of a Pydantic validation error as a FieldError (for the CLI and forms)."""
    first = exc.errors()[0] if exc.errors() else {}
    inner = (first.get("ctx") or {}).get("error")
    if isinstance(inner, FieldError):  # raised by a model's own check across fields
        return inner
    loc = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path"))
    ctx = first.get("ctx") or {}
    typed = first.get("input")
    if str(first.get("type")).startswith("date") and isinstance(typed, str) and _ISO_DAY.match(typed.strip()):
        # written as asked (2026-02-30) but no such day: say that, not "write it like 2027-01-20"
        return FieldError(loc or "request", "{value} is not a real calendar date", value=Quoted(typed.strip()))
    known = _PYDANTIC.get(str(first.get("type")))
    if known and all(k in ctx for k in known[1]):
        template, keys = known
        return FieldError(loc or "request", template, **{k: ctx[k] for k in keys})
    if ctx and first.get("type") in _OWN:  # our own PydanticCustomError: its template and values
        return FieldError(loc or "request", _OWN[str(first["type"])], **ctx)
    return FieldError(loc or "request", str(first.get("msg", "invalid")))


#: The Pydantic checks that have a sentence of their own (in every interface language).
PYDANTIC_CHECKS = frozenset(_PYDANTIC)

#: The templates of the custom checks in the command models (their PydanticCustomError types).
_OWN: dict[str, str] = {}


def custom_check(kind: str, template: str) -> Callable[..., Exception]:
    """A custom validation error whose template is also the catalogue msgid: ``raise NAIVE(value=…)``."""
    from pydantic_core import PydanticCustomError

    _OWN[kind] = template

    def make(**values: Any) -> Exception:
        return PydanticCustomError(kind, template, values or None)

    return make
