"""Reading the evidence vault: lists with filters, one item with its ledger entries, the bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, BinaryIO

from sqlalchemy import func, or_, select

from ..domain.evidence_view import EvidenceView
from ..domain.labels import evidence_label, evidence_number
from ..domain.text import T
from ..store.db import unit_of_work
from ..store.ledger import entries_for_subject
from ..store.models import EvidenceItem, LedgerEntry, Message
from .context import Context
from .mail.chat_times import reading
from .workspaces import get_workspace, one_in


class EvidenceNotFound(LookupError):
    pass


def parse_label(label: str) -> int:
    number = evidence_number(label)
    if number is None:
        raise EvidenceNotFound(f"{label!r} is not an evidence number (expected E-0001 …)")
    return number


def _view(item: EvidenceItem, parent_number: int | None = None, with_text: bool = False) -> EvidenceView:
    return EvidenceView(
        label=item.label,
        number=item.number,
        original_name=item.original_name,
        media_type=item.media_type,
        size=item.size,
        sha256=item.sha256,
        source=item.source,
        imported_by=item.imported_by,
        imported_at=item.imported_at,
        kind=item.kind,
        description=item.description,
        document_date=item.document_date,
        parent=evidence_label(parent_number) if parent_number else None,
        ledger_seq=item.ledger_seq,
        has_text=bool(item.text),
        text=item.text if with_text else None,
    )


@dataclass
class EvidenceFilter:
    kind: str | None = None
    q: str | None = None  # matches name, description and extracted text
    media: str | None = None  # prefix such as "image/"


@dataclass
class EvidencePage:
    items: list[EvidenceView]
    total: int
    kinds: dict[str, int]


def list_evidence(
    ctx: Context, workspace: str, flt: EvidenceFilter | None = None, *, limit: int = 200, offset: int = 0
) -> EvidencePage:
    flt = flt or EvidenceFilter()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        conds = [EvidenceItem.workspace_id == ws.id]
        if flt.kind:
            conds.append(EvidenceItem.kind == flt.kind)
        if flt.media:
            conds.append(EvidenceItem.media_type.startswith(flt.media))
        if flt.q:
            like = f"%{flt.q}%"
            conds.append(
                or_(
                    EvidenceItem.original_name.ilike(like),
                    EvidenceItem.description.ilike(like),
                    EvidenceItem.text.ilike(like),
                )
            )
        total = s.execute(select(func.count(EvidenceItem.id)).where(*conds)).scalar_one()
        rows = s.execute(
            select(EvidenceItem).where(*conds).order_by(EvidenceItem.number).limit(limit).offset(offset)
        ).scalars()
        items = [_view(r) for r in rows]
        kinds = dict(
            s.execute(
                select(EvidenceItem.kind, func.count(EvidenceItem.id))
                .where(EvidenceItem.workspace_id == ws.id)
                .group_by(EvidenceItem.kind)
            ).all()
        )
    return EvidencePage(items, int(total), kinds)


def get_evidence(ctx: Context, workspace: str, label: str) -> EvidenceView:
    number = parse_label(label)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        item = one_in(
            s,
            ws,
            EvidenceItem,
            EvidenceItem.number == number,
            missing=EvidenceNotFound(
                T("%(label)s does not exist in workspace '%(workspace)s'", label=label, workspace=workspace)
            ),
        )
        parent_no = None
        if item.parent_id:
            parent_no = s.execute(select(EvidenceItem.number).where(EvidenceItem.id == item.parent_id)).scalar_one()
        view = _view(item, parent_no, with_text=True)
        view.ledger = [_ledger_dict(e) for e in entries_for_subject(s, ws, item.sha256)]
        if item.kind == "correspondence":
            row = s.execute(
                select(Message.flags, Message.channel).where(Message.evidence_id == item.id).limit(1)
            ).first()
            view.time_reading = reading(row.flags if row else None)
            view.message_notes = [str(n) for n in ((row.flags or {}) if row else {}).get("notes") or []]
            if row is not None and (row.channel or "email") not in ("email", "msg"):
                view.chat_app = row.channel
        elif item.kind == "other":  # a chat export: the app of its messages
            channel = s.execute(
                select(Message.channel)
                .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
                .where(EvidenceItem.parent_id == item.id)
                .limit(1)
            ).scalar()
            if (channel or "email") not in ("email", "msg"):
                view.chat_app = channel
        view.children = [
            (evidence_label(n), name)
            for n, name in s.execute(
                select(EvidenceItem.number, EvidenceItem.original_name)
                .where(EvidenceItem.workspace_id == ws.id, EvidenceItem.parent_id == item.id)
                .order_by(EvidenceItem.number)
            ).all()
        ]
    return view


def _ledger_dict(e: LedgerEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at,
        "actor": e.actor,
        "action": e.action,
        "subject": e.subject,
        "payload": json.loads(e.payload),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def open_original(ctx: Context, workspace: str, label: str) -> tuple[EvidenceView, BinaryIO]:
    view = get_evidence(ctx, workspace, label)
    return view, ctx.blobs.open(view.sha256)


def recent_ledger(ctx: Context, workspace: str, limit: int = 20) -> list[dict[str, Any]]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(LedgerEntry).where(LedgerEntry.workspace_id == ws.id).order_by(LedgerEntry.seq.desc()).limit(limit)
        ).scalars()
        return [_ledger_dict(e) for e in rows]
