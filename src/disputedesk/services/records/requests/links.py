"""Linking mail to a support request and unlinking it: a whole thread, or single messages."""

from __future__ import annotations

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session, aliased

from ....store.ledger import LedgerWriter
from ....store.models import EvidenceItem, Message, SupportRequest, Workspace
from ....store.models_mail import MailMessageMeta, MailThread
from ...context import Context
from ..errors import FieldError
from ..request_models import (
    LinkResult,
    MailLink,
)
from .base import _link_thread, _log, _number, _request, _thread, _thread_messages, _write


def link_mail(ctx: Context, workspace: str, number: str, cmd: MailLink, *, actor: str) -> LinkResult:
    """Link a whole thread, or single messages, to the request."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> LinkResult:
        row = _request(s, ws, number)
        if cmd.thread is not None:
            t = _thread(s, ws, cmd.thread)
            if t.support_request_id not in (None, row.id):
                other = _number(s, t.support_request_id)
                raise FieldError(
                    "thread",
                    "thread {thread} is linked to {request}; unlink it there first",
                    thread=t.id,
                    request=other,
                )
            msgs = _thread_messages(s, t)
            skipped = [f"{lab}: linked to {sr}" for _pk, lab, *_r, sr in msgs if sr not in (None, row.number)]
            labels = _link_thread(s, t, row)
            result = LinkResult(request=row.number, thread=t.id, linked=labels, skipped=skipped)
            payload = {"request": row.number, "thread": t.id, "root": t.root_key[:300], "messages": labels}
        else:
            found = _messages_by_label(s, ws, cmd.messages)
            for label, (_m, sr) in found.items():
                if sr not in (None, row.number):
                    raise FieldError(
                        "messages", "{label} is linked to {request}; unlink it there first", label=label, request=sr
                    )
            todo = [m for label, (m, sr) in found.items() if sr is None]
            for m in todo:
                m.support_request_id = row.id
            linked = [label for label, (_m, sr) in found.items() if sr is None]
            result = LinkResult(
                request=row.number,
                thread=None,
                linked=linked,
                skipped=[f"{label}: already linked" for label, (_m, sr) in found.items() if sr == row.number],
            )
            payload = {"request": row.number, "messages": linked}
        if result.linked or cmd.thread is not None:
            _log(writer, ctx, actor, "request.linked", row.number, payload)
        return result

    return _write(ctx, workspace, do)


def unlink_mail(ctx: Context, workspace: str, number: str, cmd: MailLink, *, actor: str) -> LinkResult:
    """Unlink a thread (and its messages linked to this request) or single messages."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> LinkResult:
        row = _request(s, ws, number)
        if cmd.thread is not None:
            t = _thread(s, ws, cmd.thread)
            if t.support_request_id != row.id:
                raise FieldError(
                    "thread", "thread {thread} is not linked to {request}", thread=t.id, request=row.number
                )
            t.support_request_id = None
            msgs = [(pk, lab) for pk, lab, *_r, sr in _thread_messages(s, t) if sr == row.number]
            if msgs:
                s.execute(
                    update(Message).where(Message.id.in_([pk for pk, _ in msgs])).values(support_request_id=None),
                    execution_options={"synchronize_session": False},
                )
            labels = [lab or f"message {pk}" for pk, lab in msgs]
            result = LinkResult(request=row.number, thread=t.id, linked=labels)
            payload = {"request": row.number, "thread": t.id, "root": t.root_key[:300], "messages": labels}
        else:
            found = _messages_by_label(s, ws, cmd.messages)
            for label, (m, sr) in found.items():
                if sr != row.number:
                    raise FieldError("messages", "{label} is not linked to {request}", label=label, request=row.number)
                tid = s.execute(
                    select(MailMessageMeta.thread_id).where(MailMessageMeta.message_pk == m.id)
                ).scalar_one_or_none()
                if tid is not None and s.get(MailThread, tid).support_request_id == row.id:  # type: ignore[union-attr]
                    raise FieldError(
                        "messages",
                        "{label} belongs to thread {thread}, which is linked as a whole: unlink the thread, "
                        "then link the messages you want",
                        label=label,
                        thread=tid,
                    )
            for m, _sr in found.values():
                m.support_request_id = None
            result = LinkResult(request=row.number, thread=None, linked=list(found))
            payload = {"request": row.number, "messages": list(found)}
        _log(writer, ctx, actor, "request.unlinked", row.number, payload)
        return result

    return _write(ctx, workspace, do)


def _messages_by_label(s: Session, ws: Workspace, labels: list[str]) -> dict[str, tuple[Message, str | None]]:
    """Each label's message and the request it is linked to; FieldError for a label that is no message."""
    nums = {int(lab[2:]): lab for lab in labels}
    linked = aliased(SupportRequest)
    rows = s.execute(
        select(EvidenceItem.number, Message, linked.number)
        .join(Message, and_(Message.evidence_id == EvidenceItem.id, Message.workspace_id == ws.id))
        .outerjoin(linked, linked.id == Message.support_request_id)
        .where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number.in_(list(nums)))
    ).all()
    found = {nums[n]: (m, sr) for n, m, sr in rows}
    for n, lab in nums.items():
        if lab not in found:
            kind = s.execute(
                select(EvidenceItem.media_type).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == n)
            ).scalar_one_or_none()
            if kind:
                raise FieldError("messages", "{label} is not a message ({kind})", label=lab, kind=kind)
            raise FieldError("messages", "{label} does not exist in this workspace", label=lab)
    return {lab: found[lab] for lab in labels if lab in found}
