"""Checking what the user entered for a case (dates, amounts, evidence labels, issues) before anything is written.

A bad field raises ``ValueError("<field>: …")``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.currency_typed import currency_code, is_yen_sign
from ...domain.dates import parse_day
from ...domain.labels import evidence_label, evidence_number
from ...domain.ladder import (
    ISSUE_TYPES,
)
from ...domain.money import Money, check_currency, minor_units, to_decimal
from ...domain.text import Named, Quoted, Seq, T, field_error
from ...store.models import EvidenceItem, Workspace

# Other spellings of the issue types (e.g. in demo/data/dispute.json) → domain ids.
ISSUE_ALIASES = {
    "missing_or_untranslated_manual": "missing_manual",
    "unilateral_change_of_terms": "unilateral_term_change",
    "refusal_of_warranty_service": "warranty_refused",
    "non_conformity": "product_defect",
}


# Amounts are stored as NUMERIC(20, 6) on PostgreSQL: 14 digits before the point at most.
MAX_AMOUNT = Decimal(10) ** 12  # the dashboard shows deadlines this many days ahead


_CASE_NO = re.compile(r"^CASE-\d{4}-\d{3,}$")


# ----------------------------------------------------------------------------- input parsing
# The parse_* checks stay after the typed commands (issue 14): a bad date, number or amount is the
# service's 400 naming the field (tests/integration/cases/test_cases_web.py pins them); as types, 422s.


def _check_keys(data: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise ValueError(field_error(where, "expected an object with named fields"))
    extra = sorted(set(data) - set(allowed), key=str)
    if extra:
        raise ValueError(
            field_error(str(extra[0]), "unknown field (allowed: %(allowed)s)", allowed=", ".join(sorted(allowed)))
        )
    for key, value in data.items():
        _no_nul(value, str(key))


def _no_nul(value: Any, name: str) -> None:
    """Text with NUL characters cannot be stored (PostgreSQL refuses it): name the field."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(field_error(name, "contains a NUL character"))
    if isinstance(value, Mapping):
        for k, v in value.items():
            _no_nul(v, f"{name}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _no_nul(v, f"{name}[{i}]")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: Any, name: str, *, required: bool = True) -> date | None:
    """A calendar date from a ``date`` or ``YYYY-MM-DD``; impossible dates name the field (the
    one rule: domain/dates.py)."""
    return parse_day(value, name, required=required)


def parse_int(value: Any, name: str, *, minimum: int = 1, maximum: int = 3650) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(field_error(name, "expected a whole number, got %(value)s", value=repr(value)))
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValueError(field_error(name, "%(value)s is not a whole number", value=Quoted(value))) from None
    if n < minimum:
        raise ValueError(field_error(name, "must be at least %(minimum)s", minimum=minimum))
    if n > maximum:
        raise ValueError(field_error(name, "%(n)s is more than %(maximum)s", n=n, maximum=maximum))
    return n


def parse_bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if _blank(value):
        return False
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(field_error(name, "%(value)s is not true or false", value=Quoted(value)))


def parse_text(value: Any, name: str, *, required: bool = False, limit: int = 2000) -> str:
    if _blank(value):
        if required:
            raise ValueError(field_error(name, "required"))
        return ""
    if not isinstance(value, str):
        raise ValueError(field_error(name, "expected text"))
    text = value.strip()
    if len(text) > limit:
        raise ValueError(field_error(name, "longer than %(limit)s characters", limit=limit))
    return text


def parse_money(amount: Any, currency: Any, name: str = "amount", *, currency_name: str = "currency") -> Money:
    """Money from an amount (Decimal, int or decimal string; never float) and an ISO 4217 code."""
    if _blank(amount):
        raise ValueError(field_error(name, "required"))
    if is_yen_sign(currency):  # ¥ alone: the yuan or the yen? (a Chinese page's form reads it as CNY before)
        said = "%(value)s stands for both the Chinese yuan (CNY) and the Japanese yen (JPY): write CNY or JPY"
        raise ValueError(field_error(currency_name, said, value=Quoted(currency.strip())))
    # a code in any case, or a Chinese name or sign (欧元, 人民币, €): its ISO code
    typed = currency.strip().upper() if isinstance(currency, str) else currency
    cur = check_currency(currency_code(currency) or typed, currency_name)
    value = to_decimal(amount, name)
    if value < 0:
        raise ValueError(field_error(name, "%(value)s is negative; amounts must be zero or more", value=str(value)))
    if value >= MAX_AMOUNT:
        raise ValueError(
            field_error(name, "%(value)s is too large (at most %(most)s)", value=str(value), most=str(MAX_AMOUNT - 1))
        )
    places = minor_units(cur)
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(
            field_error(
                name,
                "%(value)s has more decimals than %(currency)s allows (%(places)s)",
                value=str(value),
                currency=cur,
                places=str(places),
            )
        )
    try:
        return Money(value, cur)
    except ValueError as exc:
        raise ValueError(f"{name}: {str(exc).split(': ', 1)[-1]}") from None


def parse_list(value: Any, name: str) -> list[str]:
    """A list from a JSON list or a comma/space separated string."""
    if _blank(value):
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s;]+", value.strip()) if v]
    if isinstance(value, (list, tuple)):
        out = []
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                item = f"{name}[{i}]"
                raise ValueError(field_error(item, "expected text"))
            out.append(v.strip())
        return out
    raise ValueError(field_error(name, "expected a list"))


def _evidence_numbers(labels: Sequence[str], name: str) -> list[tuple[str, int]]:
    out = []
    for i, raw in enumerate(labels):
        n = evidence_number(raw)
        if n is None:
            item = f"{name}[{i}]"
            raise ValueError(field_error(item, "%(value)s is not an evidence number like E-0042", value=Quoted(raw)))
        out.append((evidence_label(n), n))
    return out


def _resolve_evidence(s: Session, ws: Workspace, labels: Sequence[str], name: str) -> dict[str, int]:
    """Evidence labels → item ids; a label that is not in this workspace names the field."""
    pairs = _evidence_numbers(labels, name)
    if not pairs:
        return {}
    rows = dict(
        s.execute(
            select(EvidenceItem.number, EvidenceItem.id).where(
                EvidenceItem.workspace_id == ws.id, EvidenceItem.number.in_([n for _, n in pairs])
            )
        ).all()
    )
    out: dict[str, int] = {}
    for i, (label, n) in enumerate(pairs):
        if n not in rows:
            item = f"{name}[{i}]"
            raise ValueError(field_error(item, "%(label)s does not exist in this workspace", label=label))
        out[label] = rows[n]
    return out


def _one_evidence(s: Session, ws: Workspace, label: Any, name: str) -> tuple[str, int] | None:
    if _blank(label):
        return None
    if not isinstance(label, str):
        raise ValueError(field_error(name, "expected an evidence number like E-0042"))
    n = evidence_number(label)
    if n is None:
        raise ValueError(field_error(name, "%(value)s is not an evidence number like E-0042", value=Quoted(label)))
    item_id = s.execute(
        select(EvidenceItem.id).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == n)
    ).scalar_one_or_none()
    if item_id is None:
        raise ValueError(field_error(name, "%(label)s does not exist in this workspace", label=evidence_label(n)))
    return evidence_label(n), item_id


def issue_types() -> Seq:
    """The issue types a refusal lists: by their names as the case form shows them."""
    return Seq((Named(t, T(t.replace("_", " "))) for t in ISSUE_TYPES), ", ")


def normalise_issue(issue: str, name: str = "issues") -> str:
    key = ISSUE_ALIASES.get(issue.strip(), issue.strip())
    if key not in ISSUE_TYPES:
        raise ValueError(
            field_error(
                name,
                "%(value)s is not an issue type (%(types)s)",
                value=Quoted(issue),
                types=issue_types(),
            )
        )
    return key


def _required(name: str) -> Any:
    raise ValueError(field_error(name, "required"))
