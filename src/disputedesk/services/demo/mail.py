"""The demo dispute's messages: directions, threads, and the messages each support request lists
(moved here from services/mail as it was)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ...store.db import unit_of_work
from ...store.models import EvidenceItem, Message
from ...store.models_mail import MailMessageMeta, MailThread
from ..context import Context
from ..mail import rebuild_threads, refresh_directions
from ..workspaces import get_workspace


def after_demo_load(
    ctx: Context, workspace: str, spec: dict[str, Any], by_path: dict[str, str | None], *, actor: str
) -> None:
    """Called by the demo loader once parties and support requests exist: directions, chat
    times in the buyer's zone, threads, and the messages each support request lists.

    The messages are linked as a user links them (``request link SR-… --message E-…``), then
    the threads they are in (``request link SR-… --thread N``), so later mail in those threads
    follows the request. Idempotent: what is linked already is left as it is."""
    from ..records import requests as request_svc
    from ..records.request_models import MailLink

    refresh_directions(ctx, workspace)
    rebuild_threads(ctx, workspace)
    for n, sr in enumerate(spec.get("support_requests", []), 1):
        labels = [lab for lab in (by_path.get(p) for p in sr.get("messages", [])) if lab]
        if not labels:
            continue
        number = f"SR-{n:04d}"
        linked = set(request_svc.get_request(ctx, workspace, number).messages)
        todo = [lab for lab in labels if lab not in linked]
        if todo:
            request_svc.link_mail(ctx, workspace, number, MailLink(messages=todo), actor=actor)
        for thread in _unlinked_threads(ctx, workspace, labels):
            request_svc.link_mail(ctx, workspace, number, MailLink(thread=thread), actor=actor)


def _unlinked_threads(ctx: Context, workspace: str, labels: list[str]) -> list[int]:
    """The threads these messages are in that no request has yet."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        return list(
            s.execute(
                select(MailThread.id)
                .join(MailMessageMeta, MailMessageMeta.thread_id == MailThread.id)
                .join(Message, Message.id == MailMessageMeta.message_pk)
                .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
                .where(
                    MailThread.workspace_id == ws.id,
                    MailThread.support_request_id.is_(None),
                    EvidenceItem.number.in_([int(lab[2:]) for lab in labels]),
                )
                .distinct()
                .order_by(MailThread.id)
            ).scalars()
        )
