"""Letters made so far, and marking one sent (which records the ladder step of its case)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from ...documents import letters as L
from ...domain.dates import is_future
from ...domain.text import T, field_error
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import (
    EvidenceItem,
)
from ...store.models_documents import GeneratedLetter
from ..context import Context
from ..evidence import parse_label
from ..workspaces import get_workspace, one_in
from .subject import LetterError, _label


@dataclass
class LetterView:
    id: int
    kind: str
    title: str
    lang: str
    layout: str
    format: str
    case_ref: str | None
    reference: str
    evidence: str
    file_name: str
    missing: list[str]
    created_at: datetime
    created_by: str
    sent_on: date | None
    sent_channel: str | None
    sent_to: str | None
    sent_proof: str | None
    sent_note: str | None
    ladder_step: int | None
    version: int = 1  # among the drafts of the same letter (case, kind, language, layout, format, date)
    newer_version: int | None = None  # not sent, and a later draft of the same letter exists

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["created_at"] = self.created_at.isoformat()
        d["sent_on"] = self.sent_on.isoformat() if self.sent_on else None
        return d


def _base(reference: str) -> str:
    """A letter's reference without its version: CASE-2026-001/L4/20261203-2 → …/20261203. A letter
    kept before the kinds had codes (…/demand/20261203) keeps its reference; here it reads as its code,
    so the next draft of the same letter counts on from it."""
    base = re.sub(r"(/\d{8})-\d+$", r"\1", reference or "")
    return re.sub(r"/([a-z-]+)(/\d{8})$", lambda m: f"/{L.KINDS[m[1]].code}{m[2]}" if m[1] in L.KINDS else m[0], base)


def _draft_key(r: GeneratedLetter) -> tuple[Any, ...]:
    return (r.case_ref, r.kind, r.lang, r.layout, r.format, _base(r.reference))


def drafts_before(
    ctx: Context, workspace: str, case_ref: str | None, kind: str, lang: str, layout: str, fmt: str, reference: str
) -> int:
    """How many drafts of this letter were kept already (the next one is version n + 1)."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(GeneratedLetter).where(
                GeneratedLetter.workspace_id == ws.id,
                GeneratedLetter.kind == kind,
                GeneratedLetter.lang == lang,
                GeneratedLetter.layout == layout,
                GeneratedLetter.format == fmt,
            )
        ).scalars()
        key = (case_ref, kind, lang, layout, fmt, _base(reference))
        return sum(1 for r in rows if _draft_key(r) == key)


def _versions(s, ws_id: int) -> tuple[dict[int, int], dict[tuple[Any, ...], int]]:  # type: ignore[no-untyped-def]
    """Each letter's version among the drafts of the same letter (in the order they were made),
    and the latest version of each letter."""
    version: dict[int, int] = {}
    latest: dict[tuple[Any, ...], int] = defaultdict(int)
    for r in s.execute(
        select(GeneratedLetter).where(GeneratedLetter.workspace_id == ws_id).order_by(GeneratedLetter.id)
    ).scalars():
        key = _draft_key(r)
        latest[key] += 1
        version[r.id] = latest[key]
    return version, latest


def list_letters(ctx: Context, workspace: str, limit: int = 100) -> list[LetterView]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(GeneratedLetter, EvidenceItem)
            .join(EvidenceItem, EvidenceItem.id == GeneratedLetter.evidence_id)
            .where(GeneratedLetter.workspace_id == ws.id)
            .order_by(GeneratedLetter.id.desc())
            .limit(limit)
        ).all()
        proofs = dict(
            s.execute(
                select(EvidenceItem.id, EvidenceItem.number).where(
                    EvidenceItem.id.in_([r.sent_proof_id for r, _ in rows if r.sent_proof_id] or [-1])
                )
            ).all()
        )
        version, latest = _versions(s, ws.id)
        return [
            LetterView(
                r.id,
                r.kind,
                L.KINDS[r.kind].title_en if r.kind in L.KINDS else r.kind,
                r.lang,
                r.layout,
                r.format,
                r.case_ref,
                r.reference,
                e.label,
                e.original_name,
                list(r.missing or []),
                r.created_at,
                r.created_by,
                r.sent_on,
                r.sent_channel,
                r.sent_to,
                _label(proofs.get(r.sent_proof_id)) if r.sent_proof_id else None,
                r.sent_note,
                r.ladder_step,
                version[r.id],
                latest[_draft_key(r)] if r.sent_on is None and latest[_draft_key(r)] > version[r.id] else None,
            )
            for r, e in rows
        ]


def get_letter(ctx: Context, workspace: str, letter_id: int) -> LetterView:
    for v in list_letters(ctx, workspace, limit=100000):
        if v.id == letter_id:
            return v
    raise LookupError(T("letter %(letter)s does not exist in this workspace", letter=letter_id))


# How long each typed part of "marked sent" may be: channel and recipient as a ladder step keeps
# them (String(100), String(300)), the note as any other typed note (services.cases.inputs).
SENT_LIMITS = {"channel": 100, "recipient": 300, "note": 2000}


def mark_sent(
    ctx: Context,
    workspace: str,
    letter_id: int,
    *,
    sent_on: date,
    channel: str,
    recipient: str | None = None,
    proof: str | None = None,
    note: str | None = None,
    actor: str,
) -> tuple[LetterView, list[str]]:
    """Record that a letter went out (date, channel, proof): a ledger entry on the letter's item,
    and — with a case — the matching step of its escalation ladder (for a demand or formal
    complaint that step restarts the limitation period, PRC Civil Code Art. 195)."""
    channel = (channel or "").strip()
    if not channel:
        raise LetterError(field_error("channel", "say how the letter was sent (e-mail, courier, registered post …)"))
    # the columns' and the ladder step's sizes, for the page, the API and the command line alike:
    # longer is refused, never cut (SQLite kept any length, PostgreSQL refused the row)
    for name, value in (("channel", channel), ("recipient", recipient), ("note", note)):
        if value is not None and len(value.strip()) > SENT_LIMITS[name]:
            raise LetterError(field_error(name, "longer than %(limit)s characters", limit=SENT_LIMITS[name]))
    # the sender may sit in a zone ahead of China's and the server's: the shared tolerance
    if is_future(sent_on, ctx.clock()):
        raise LetterError(field_error("sent_on", "%(day)s is in the future", day=sent_on))
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        row = one_in(
            s,
            ws,
            GeneratedLetter,
            GeneratedLetter.id == letter_id,
            missing=T("letter %(letter)s does not exist in this workspace", letter=letter_id),
        )
        if row.sent_on is not None:
            raise LetterError(T("letter %(letter)s: already marked sent on %(day)s", letter=letter_id, day=row.sent_on))
        proof_id = None
        if proof:
            proof_id = s.execute(
                select(EvidenceItem.id).where(
                    EvidenceItem.workspace_id == ws.id, EvidenceItem.number == parse_label(proof)
                )
            ).scalar_one_or_none()
            if proof_id is None:
                raise LetterError(field_error("proof", "%(item)s does not exist in this workspace", item=proof))
        item = s.get(EvidenceItem, row.evidence_id)
        assert item is not None
        row.sent_on = sent_on
        row.sent_channel = channel
        row.sent_to = (recipient or "").strip() or None
        row.sent_proof_id = proof_id
        row.sent_note = (note or "").strip() or None
        row.sent_recorded_at = ctx.clock()
        row.sent_by = actor
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="letter.sent",
            at=ctx.clock(),
            subject=item.sha256,
            payload={
                "letter": item.label,
                "kind": row.kind,
                "sent_on": sent_on.isoformat(),
                "channel": row.sent_channel,
                "to": row.sent_to,
                "proof": proof,
                "case": row.case_ref,
            },
        )
        case_ref = row.case_ref
        kind = row.kind
        letter_label = item.label
        facts = dict(row.facts or {})
    writer.write_anchor(ctx.blobs)
    warnings: list[str] = []
    step = L.KINDS[kind].ladder_step if kind in L.KINDS else None
    if step and case_ref and facts.get("case_number"):
        position, warning = _record_step(
            ctx, workspace, case_ref, step, sent_on, channel, recipient, proof or letter_label, facts, actor
        )
        if warning:
            warnings.append(warning)
        if position is not None:
            with unit_of_work(ctx.engine) as s:
                r = s.get(GeneratedLetter, letter_id)
                if r is not None:
                    r.ladder_step = position
    elif step is None and kind in L.KINDS:
        warnings.append(
            f"a {L.KINDS[kind].title_en.lower()} is not a step of the escalation ladder: recorded on the letter only"
        )
    return get_letter(ctx, workspace, letter_id), warnings


def _record_step(
    ctx: Context,
    workspace: str,
    case_ref: str,
    step: str,
    sent_on: date,
    channel: str,
    recipient: str | None,
    proof: str,
    facts: dict[str, Any],
    actor: str,
) -> tuple[int | None, str | None]:
    try:
        from .. import cases as case_service
    except ImportError:  # pragma: no cover
        return None, "cases are not available: no ladder step recorded"
    data: dict[str, Any] = {
        "step": step,
        "sent_on": sent_on.isoformat(),
        "channel": channel,
        "recipient": recipient or facts.get("supplier_name_en") or "supplier",
        "proof": proof,
    }
    if step == "formal_complaint" and facts.get("cure_deadline"):
        data["cure_deadline"] = facts["cure_deadline"]
    try:
        return case_service.add_step(ctx, workspace, case_ref, data, actor=actor), None
    except (ValueError, LookupError) as exc:
        # The letter is recorded as sent either way; the ladder refuses steps out of order.
        return None, f"recorded as sent, but the case's ladder did not take the step: {exc}"
