"""What a letter is about (a case or a supplier), its formats and languages, and the sender's date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from ...domain.labels import evidence_label
from ...domain.text import T, field_error
from ...store.db import unit_of_work
from ...store.models import (
    Case,
    Organization,
)
from ..context import Context
from ..workspaces import get_workspace

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORMATS = ("pdf", "docx")
LANGS = ("en", "zh", "both")
LAYOUTS = ("side-by-side", "pair")

DEADLINE_ZH = {
    "first_response": "首次响应",
    "response": "答复",
    "update": "进展更新",
    "resolution": "解决故障",
    "workaround": "临时解决方案",
}


class LetterError(ValueError):
    """The letter cannot be made as asked; the message names the field."""


@dataclass
class Subject:
    """What the letter is about: a case, or (before cases exist) a supplier."""

    case_number: str | None
    supplier_key: str | None
    note: str | None = None


def resolve_subject(ctx: Context, workspace: str, ref: str | None) -> Subject:
    """A case number (CASE-2026-001), a supplier key, or nothing (the workspace's first case)."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        cases = list(
            s.execute(select(Case.number, Case.supplier_id).where(Case.workspace_id == ws.id).order_by(Case.number))
        )
        suppliers = dict(
            s.execute(
                select(Organization.key, Organization.id).where(
                    Organization.workspace_id == ws.id, Organization.role == "supplier"
                )
            ).all()
        )
        by_id = {v: k for k, v in suppliers.items()}
    if ref:
        for number, sup in cases:
            if number.lower() == ref.lower():
                return Subject(number, by_id.get(sup))
        if ref in suppliers:
            return Subject(
                None, ref, T("no case given: letter for supplier %(supplier)s without case facts", supplier=ref)
            )
        raise LookupError(
            field_error("case", "'%(value)s' is neither a case nor a supplier of this workspace", value=ref)
        )
    if cases:
        number, sup = cases[0]
        return Subject(
            number, by_id.get(sup), T("no case given: used the workspace's first case, %(case)s", case=number)
        )
    if suppliers:
        key = sorted(suppliers)[0]
        return Subject(
            None, key, T("the workspace has no case yet: used its first supplier, %(supplier)s", supplier=key)
        )
    raise LookupError(
        T("the workspace has neither a case nor a supplier to write to: open a case or add a supplier first")
    )


def _label(number: int | None) -> str:
    return evidence_label(number) if number else ""


def _hours(seconds: int, business: bool = True) -> tuple[str, str]:
    """How late, in hours: business hours of the supplier's calendar, or plain hours under a
    round-the-clock cover."""
    h = Decimal(seconds) / Decimal(3600)
    text = f"{h.quantize(Decimal('0.1')):,}".rstrip("0").rstrip(".")
    if not business:
        return f"{text} hour{'' if text == '1' else 's'}", f"{text}小时"
    # 1.3个工作小时: written as the promised time beside it (24个工作小时, domain/sla/wording.py)
    return f"{text} business hour{'' if text == '1' else 's'}", f"{text}个工作小时"


def sender_zone(ctx: Context, workspace: str, fallback_tz: str | None = None) -> str:
    """The zone a letter is written in: the buyer's recorded zone; without one, the zone of the
    person writing (``fallback_tz``, e.g. the browser's), else UTC."""
    from ..records.buyer import get_buyer

    buyer = get_buyer(ctx, workspace)
    for name in ((buyer.timezone if buyer else None), fallback_tz):
        if name:
            try:
                return ZoneInfo(name).key
            except (ValueError, KeyError, ZoneInfoNotFoundError):
                continue
    return "UTC"


def sender_today(ctx: Context, workspace: str, fallback_tz: str | None = None) -> date:
    """A letter's date: today where its sender is (:func:`sender_zone`). Never China's date for a
    sender elsewhere: at 23:00 in Berlin on 3 December it is already 4 December in Shanghai, and a
    letter dated tomorrow is wrong."""
    return ctx.clock().astimezone(ZoneInfo(sender_zone(ctx, workspace, fallback_tz))).date()
