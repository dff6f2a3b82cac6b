"""What the record forms share: reading a form as the API's typed command (a new record, or only the
fields that differ from the record on an edit), the message in the page's language, the page
itself (with the choices the forms offer)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError

from ....services.accounts import Access
from ....services.context import Context
from ....services.evidence import EvidenceFilter, list_evidence
from ....services.records.errors import FieldError, from_validation
from ....services.records.requests import form_choices
from ...deps import get_lang
from ...i18n import ZONES, Formatter, translations  # noqa: F401  (ZONES: the records forms' zone list)
from ...pages import render
from ...typed_money import read_money

FormFields = dict[str, str]
METHODS = ("T/T", "L/C", "D/P", "card", "platform", "other")


async def _form(request: Request) -> FormFields:
    form = await request.form()
    typed = {k: v.strip() for k, v in form.items() if isinstance(v, str) and k not in ("csrf_token", "csrftoken")}
    return read_money(typed, get_lang(request))  # 欧元, ¥ (on a Chinese page), "€36000": as the commands take them


def _message(exc: ValueError, lang: str) -> str:
    """A refused form's message in the page's language, its days as the page writes them."""
    if not isinstance(exc, FieldError):
        return str(exc)
    return exc.localised(translations(lang).gettext, show_day=Formatter(lang).date, lang=lang)


def _labels(text: str) -> list[str]:
    """``E-0001, E-0002``, ``E-0001 E-0002`` or ``E-0001，E-0002`` / ``E-0001、E-0002`` as a list (the
    model checks each)."""
    return [p for p in re.split(r"[,;\s，；、]+", text) if p]  # a Chinese keyboard types ，、；


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


_CONTACT = re.compile(
    r"^(?P<name>[^<(]+?)\s*(?:<(?P<email>[^>]*)>)?\s*(?P<phone>\+?\d[\d\s()/.-]*\d)?\s*(?:\((?P<role>[^)]*)\))?$"
)


def _contacts(text: str) -> list[Any]:
    """``Anna Brandt <anna@brandt.de> +49 30 1234 (purchasing)``, one per line; a line that does
    not read this way is passed on whole as the name (the model then judges it)."""
    out: list[Any] = []
    for line in _lines(text):
        m_ = _CONTACT.match(line)
        parts = {k: v.strip() for k, v in m_.groupdict().items() if v and v.strip()} if m_ else {"name": line}
        out.append(parts)
    return out


def _contact_line(c: Any) -> str:
    text = str(c.name)
    if c.email:
        text += f" <{c.email}>"
    if c.phone:
        text += f" {c.phone}"
    if c.role:
        text += f" ({c.role})"
    return text


LISTS = {"evidence": _labels, "acceptance_evidence": _labels, "items": _lines, "contacts": _contacts}


def _value(name: str, text: str) -> Any:
    if name in LISTS:
        return LISTS[name](text)
    if name == "unilateral":
        return text in ("on", "1", "true", "yes")
    return text


def _build(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    try:
        return cls(**values)
    except ValidationError as exc:
        raise from_validation(exc) from None


def _new(cls: type[BaseModel], form: FormFields) -> Any:
    """A create command from the filled fields of a form (empty ones left out)."""
    return _build(cls, {k: _value(k, v) for k, v in form.items() if k in cls.model_fields and v})


def _changed(cls: type[BaseModel], form: FormFields, current: FormFields) -> Any:
    """An edit command with the fields whose text differs from the record's (emptied → null)."""
    values: dict[str, Any] = {}
    for k, text in form.items():
        if k not in cls.model_fields or text == current.get(k, ""):
            continue
        values[k] = _value(k, text) if (text or k in LISTS or k == "unilateral") else None
    return _build(cls, values)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, list):
        if value and hasattr(value[0], "serial"):
            return "\n".join(f"{i.model} {i.serial}" for i in value)
        if value and hasattr(value[0], "email"):
            return "\n".join(_contact_line(c) for c in value)
        return ", ".join(value)
    return str(value)


def _fields(rec: BaseModel, names: tuple[str, ...]) -> FormFields:
    return {n: _text(getattr(rec, n)) for n in names}


def documents(ctx: Context, workspace: str, *kinds: str) -> list[Any]:
    """Imported evidence items of these kinds (newest first), offered beside an evidence field."""
    out: list[Any] = []
    for kind in kinds:
        out += list_evidence(ctx, workspace, EvidenceFilter(kind=kind), limit=30).items
    return sorted(out, key=lambda v: v.label, reverse=True)[:30]


def path(number: str) -> str:
    return quote(number, safe="/")


def parse_time(value: str) -> datetime | None:
    """A ledger time (ISO 8601 text) for ``fmt.datetime`` (shown in the viewer's zone)."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _page(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    template: str,
    *,
    form: FormFields | None = None,
    error: str | None = None,
    **kw: Any,
) -> HTMLResponse:
    choices = form_choices(ctx, ws.slug)
    resp = render(
        request,
        template,
        lang,
        ws,
        ctx,
        choices=choices,
        form=form or {},
        error=error,
        rpath=path,
        parse_time=parse_time,
        **kw,
    )
    if error:
        resp.status_code = 422
    return resp
