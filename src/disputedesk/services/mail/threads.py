"""Threads: threading every message of a workspace, the thread list and a thread's messages, the
chronology, linking a thread to a support request."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, text, true, update
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.text import T
from ...ingest.mail import ThreadInput, thread_messages
from ...ingest.mail.threading import thread_keys
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import EvidenceItem, Message, Organization, SupportRequest, Workspace
from ...store.models_mail import MailMessageMeta, MailThread, MailThreadKey
from ...store.search_sql import ThreadSummary, thread_list
from ..context import Context
from ..workspaces import get_workspace, one_in

# -- threads ---------------------------------------------------------------------------------------


def _thread_rows(s: Session | Any, ws_id: int, where: Any, limit: int | None = None) -> list[Any]:
    """What threading needs of each message (``where`` picks them), in message order."""
    return list(
        s.execute(
            select(
                Message.id,
                Message.message_id,
                Message.in_reply_to,
                Message.subject,
                Message.sent_at,
                Message.support_request_id,
                MailMessageMeta.references,
                MailMessageMeta.thread_id,
                MailMessageMeta.thread_parent_pk,
                MailMessageMeta.thread_depth,
                MailMessageMeta.thread_by_subject,
                MailMessageMeta.supplier_id,
                Message.channel,
                EvidenceItem.parent_id,
            )
            .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
            .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            .where(Message.workspace_id == ws_id, where)
            .order_by(Message.id)
            .limit(limit)
        ).all()
    )


def _input(r: Any) -> ThreadInput:
    """e-mail by References/In-Reply-To; a chat (no Message-IDs) is one conversation per export."""
    chat = _is_chat(r.channel)
    return ThreadInput(
        key=str(r.id),
        message_id=r.message_id if not chat else f"<chat:{r.parent_id}:{r.id}>",
        in_reply_to=r.in_reply_to,
        references=tuple(r.references or ()) if not chat else (f"<chat:{r.parent_id}>",),
        subject=r.subject or "",
        date=r.sent_at,
    )


def _key_rows(ws_id: int, r: Any) -> list[dict[str, Any]]:
    ids, subject = thread_keys(_input(r))
    rows = [{"workspace_id": ws_id, "key": k, "subject": False, "message_pk": r.id} for k in ids]
    if subject is not None:
        rows.append({"workspace_id": ws_id, "key": subject, "subject": True, "message_pk": r.id})
    return rows


def _write_keys(s: Session | Any, ws_id: int, rows: list[Any]) -> None:
    keys = [k for r in rows for k in _key_rows(ws_id, r)]
    for i in range(0, len(keys), 5000):
        s.execute(insert(MailThreadKey.__table__), keys[i : i + 5000])


def write_thread_keys(conn: Any, *, only_threaded: bool) -> None:
    """Keys of every message (``only_threaded``: of those in a thread already), page by page, on
    a connection in a transaction (the migration that adds the table)."""
    for ws_id in conn.execute(select(Workspace.id)).scalars().all():
        last = 0
        while True:
            where = Message.id > last
            if only_threaded:
                where = where & MailMessageMeta.thread_id.is_not(None)
            rows = _thread_rows(conn, ws_id, where, limit=2000)
            if not rows:
                break
            _write_keys(conn, ws_id, rows)
            last = rows[-1].id


def rebuild_threads(ctx: Context, workspace: str) -> int:
    """(Re)thread every message of the workspace; returns the number of threads.

    A thread keeps its row (and its link to a support request) as long as its root stays the
    same; when threads merge, the merged thread inherits the link. An import threads only its
    new messages (:func:`thread_new_messages`), with the same result.
    """
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        rows = _thread_rows(s, ws.id, true())
        _write_keys(s, ws.id, [r for r in rows if r.thread_id is None])
        old = list(s.execute(select(MailThread).where(MailThread.workspace_id == ws.id)).scalars())
        return _apply_threads(s, ws.id, rows, old)


def thread_new_messages(ctx: Context, workspace: str) -> int:
    """Thread the messages not in a thread yet (what an import just recorded); returns the
    number of threads written.

    The result is exactly that of :func:`rebuild_threads`, without reading the workspace: only
    the threads a new message can touch are read and threaded again. Two messages can land in
    one thread only by sharing a Message-ID key (one refers to the other, or both to a third)
    or, for the subject fallback, a normalised subject of a thread root or of a message linked
    by subject; so starting from the new messages, the threads holding a message with a shared
    key are added, then the threads meeting *their* keys, until nothing new turns up. Threading
    that closed set alone gives the same threads as threading everything (the rest of the
    workspace shares no key with it), and messages are taken in the same order (by id).
    """
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        new = _thread_rows(s, ws.id, MailMessageMeta.thread_id.is_(None))
        if not new:
            return 0
        _write_keys(s, ws.id, new)
        rows = {r.id: r for r in new}
        seen: set[int] = set()
        todo = _meeting_keys(new, candidate=lambda _r: True)  # a new message may become a root
        threads: set[int] = set()
        while todo:
            seen |= todo
            found: set[int] = set()
            keys = sorted(todo)
            for i in range(0, len(keys), 500):
                found.update(
                    s.execute(
                        select(MailMessageMeta.thread_id)
                        .join(MailThreadKey, MailThreadKey.message_pk == MailMessageMeta.message_pk)
                        .where(
                            MailThreadKey.workspace_id == ws.id,
                            MailThreadKey.key.in_(keys[i : i + 500]),
                            MailMessageMeta.thread_id.is_not(None),
                            # a subject only matters for a thread's root or a message linked by subject
                            ~MailThreadKey.subject
                            | MailMessageMeta.thread_parent_pk.is_(None)
                            | MailMessageMeta.thread_by_subject,
                        )
                        .distinct()
                    ).scalars()
                )
            added = sorted(found - threads)
            threads.update(added)
            members = []
            for i in range(0, len(added), 500):
                members += _thread_rows(s, ws.id, MailMessageMeta.thread_id.in_(added[i : i + 500]))
            for r in members:
                rows[r.id] = r
            todo = _meeting_keys(members, candidate=_subject_counts) - seen
        ordered = [rows[pk] for pk in sorted(rows)]
        old = []
        tids = sorted(threads)
        for i in range(0, len(tids), 500):
            old += list(s.execute(select(MailThread).where(MailThread.id.in_(tids[i : i + 500]))).scalars())
        return _apply_threads(s, ws.id, ordered, old)


def _subject_counts(r: Any) -> bool:
    """A threaded message whose subject the fallback looks at: a root, or linked by subject."""
    return r.thread_parent_pk is None or bool(r.thread_by_subject)


def _meeting_keys(rows: list[Any], *, candidate: Any) -> set[int]:
    out: set[int] = set()
    for r in rows:
        ids, subject = thread_keys(_input(r))
        out |= ids
        if subject is not None and candidate(r):
            out.add(subject)
    return out


def _apply_threads(s: Session, ws_id: int, rows: list[Any], old_rows: list[MailThread]) -> int:
    """Thread ``rows`` and write the result over ``old_rows`` (the threads they were in)."""
    info = {r.id: r for r in rows}
    threads = thread_messages([_input(r) for r in rows])
    old = {t.root_key: t for t in old_rows}
    old_by_id = {t.id: t for t in old.values()}
    keep: set[int] = set()
    meta_updates: list[dict[str, Any]] = []
    sr_updates: list[dict[str, Any]] = []
    placed: list[tuple[MailThread, list[Any]]] = []
    for th in threads:
        chat = th.root.missing and th.root.message_id.startswith("<chat:")
        if chat:
            th.notes = [n for n in th.notes if "referenced message(s) missing" not in n]
        root = th.root
        root_key = root.message_id[:1000]
        members = [((node, d), int(node.message.key)) for node, d in _walk_depth(root) if node.message is not None]
        pks = [pk for _n, pk in members]
        if not pks:
            continue
        dates = [info[pk].sent_at for pk in pks if info[pk].sent_at]
        first_pk = pks[0]
        subject = info[first_pk].subject
        if chat:
            parent_id = info[first_pk].parent_id
            subject = s.execute(select(EvidenceItem.original_name).where(EvidenceItem.id == parent_id)).scalar()
        suppliers = Counter(info[pk].supplier_id for pk in pks if info[pk].supplier_id)
        row = old.get(root_key)
        inherited = [
            old_by_id[info[pk].thread_id].support_request_id
            for pk in pks
            if info[pk].thread_id in old_by_id and old_by_id[info[pk].thread_id].support_request_id
        ]
        if row is None:
            row = MailThread(workspace_id=ws_id, root_key=root_key, notes=[])
            s.add(row)
        row.subject = subject
        row.first_at = min(dates) if dates else None
        row.last_at = max(dates) if dates else None
        row.message_count = len(pks)
        row.by_subject = th.by_subject
        row.missing = 0 if chat else len(th.missing_ids)
        row.notes = list(th.notes)
        row.supplier_id = suppliers.most_common(1)[0][0] if suppliers else None
        if row.support_request_id is None and inherited:
            row.support_request_id = inherited[0]
        placed.append((row, members))
    s.flush()  # new thread rows get their ids in one round
    for row, members in placed:
        keep.add(row.id)
        for (node, depth), pk in members:
            parent = node.parent
            while parent is not None and parent.message is None:
                parent = parent.parent
            parent_pk = int(parent.message.key) if parent is not None and parent.message else None
            r = info[pk]
            if (r.thread_id, r.thread_parent_pk, r.thread_depth, r.thread_by_subject) != (
                row.id,
                parent_pk,
                depth,
                node.by_subject,
            ):
                meta_updates.append({"pk": pk, "t": row.id, "p": parent_pk, "d": depth, "b": bool(node.by_subject)})
            if row.support_request_id and r.support_request_id is None:
                sr_updates.append({"pk": pk, "sr": row.support_request_id})
    if meta_updates:
        tbl = MailMessageMeta.__table__
        s.execute(
            update(tbl)
            .where(tbl.c.message_pk == bindparam("pk"))
            .values(
                thread_id=bindparam("t"),
                thread_parent_pk=bindparam("p"),
                thread_depth=bindparam("d"),
                thread_by_subject=bindparam("b"),
            ),
            meta_updates,
        )
    if sr_updates:
        mt = Message.__table__
        s.execute(update(mt).where(mt.c.id == bindparam("pk")).values(support_request_id=bindparam("sr")), sr_updates)
    for t in old.values():
        if t.id not in keep:
            s.delete(t)
    return len(keep)


def _is_chat(channel: str | None) -> bool:
    return (channel or "email") not in ("email", "msg")


def _walk_depth(root: Any) -> list[tuple[Any, int]]:
    out = []
    stack = [(root, 0)]
    while stack:
        node, d = stack.pop()
        out.append((node, d))
        stack.extend((c, d + 1) for c in reversed(node.children))
    return out


def list_threads(
    ctx: Context, workspace: str, *, supplier: str | None = None, request: str | None = None, limit: int = 500
) -> list[ThreadSummary]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)

        def execute(sql: str, params: dict[str, Any]) -> list[Any]:
            return list(s.execute(text(sql), params).all())

        return thread_list(execute, ws.id, supplier=supplier, request=request, limit=limit)


@dataclass
class MessageView:
    pk: int
    evidence: str
    subject: str
    sender: str | None
    recipients: list[str]
    sent_at: datetime | None
    direction: str
    channel: str
    text: str
    flags: dict[str, Any]
    depth: int = 0
    by_subject: bool = False
    auto_reply: bool = False
    has_attachments: bool = False
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (label, name)
    request: str | None = None
    supplier: str | None = None
    thread_id: int | None = None


def _views(s: Session, ws_id: int, where: Any, order: Any) -> list[MessageView]:
    rows = s.execute(
        select(Message, EvidenceItem.number, MailMessageMeta, SupportRequest.number, Organization.key)
        .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
        .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
        .outerjoin(SupportRequest, SupportRequest.id == Message.support_request_id)
        .outerjoin(Organization, Organization.id == MailMessageMeta.supplier_id)
        .where(Message.workspace_id == ws_id, where)
        .order_by(*order)
    ).all()
    ev_ids = [m.evidence_id for m, *_ in rows]
    children: dict[int, list[tuple[str, str]]] = {}
    for i in range(0, len(ev_ids), 500):
        for parent_id, number, name in s.execute(
            select(EvidenceItem.parent_id, EvidenceItem.number, EvidenceItem.original_name)
            .where(EvidenceItem.workspace_id == ws_id, EvidenceItem.parent_id.in_(ev_ids[i : i + 500]))
            .order_by(EvidenceItem.number)
        ).all():
            children.setdefault(parent_id, []).append((evidence_label(number), name))
    out = []
    for m, number, meta, sr, sup in rows:
        out.append(
            MessageView(
                pk=m.id,
                evidence=evidence_label(number),
                subject=m.subject or "",
                sender=m.sender,
                recipients=list(m.recipients or []),
                sent_at=m.sent_at,
                direction=m.direction,
                channel=m.channel,
                text=m.text or "",
                flags=dict(m.flags or {}),
                depth=meta.thread_depth,
                by_subject=meta.thread_by_subject,
                auto_reply=meta.auto_reply,
                has_attachments=meta.has_attachments,
                attachments=children.get(m.evidence_id, []),
                request=sr,
                supplier=sup,
                thread_id=meta.thread_id,
            )
        )
    return out


@dataclass
class ThreadDetail:
    thread: ThreadSummary
    messages: list[MessageView]


def thread_detail(ctx: Context, workspace: str, thread_id: int) -> ThreadDetail:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        row = s.execute(
            select(MailThread, Organization.key, SupportRequest.number)
            .outerjoin(Organization, Organization.id == MailThread.supplier_id)
            .outerjoin(SupportRequest, SupportRequest.id == MailThread.support_request_id)
            .where(MailThread.workspace_id == ws.id, MailThread.id == thread_id)
        ).first()
        if row is None:
            raise LookupError(T("thread %(thread)s does not exist", thread=thread_id))
        t, key, number = row
        views = _views(s, ws.id, MailMessageMeta.thread_id == t.id, [Message.id])
        # tree order: parents before children, siblings by date
        by_parent: dict[int | None, list[MessageView]] = {}
        parent_of = {
            pk: p
            for pk, p in s.execute(
                select(MailMessageMeta.message_pk, MailMessageMeta.thread_parent_pk).where(
                    MailMessageMeta.thread_id == t.id
                )
            ).all()
        }
        pks = {v.pk for v in views}
        for v in views:
            p = parent_of.get(v.pk)
            by_parent.setdefault(p if p in pks else None, []).append(v)
        ordered: list[MessageView] = []

        def visit(parent: int | None) -> None:
            for v in sorted(by_parent.get(parent, []), key=_date_key):
                ordered.append(v)
                visit(v.pk)

        visit(None)
        summary = ThreadSummary(
            t.id,
            t.subject or "",
            t.first_at,
            t.last_at,
            t.message_count,
            t.by_subject,
            t.missing,
            list(t.notes or []),
            key,
            number,
        )
        return ThreadDetail(summary, ordered)


def _date_key(v: MessageView) -> tuple[int, str, int]:
    return (0 if v.sent_at else 1, v.sent_at.isoformat() if v.sent_at else "", v.pk)


def link_thread(ctx: Context, workspace: str, thread_id: int, request: str, *, actor: str) -> int:
    """Attach a thread to a support request (its messages too); returns the messages linked."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        missing = T("thread %(thread)s does not exist", thread=thread_id)
        t = one_in(s, ws, MailThread, MailThread.id == thread_id, missing=missing)
        sr = s.execute(
            select(SupportRequest).where(SupportRequest.workspace_id == ws.id, SupportRequest.number == request)
        ).scalar_one_or_none()
        if sr is None:
            raise LookupError(f"request: support request {request!r} does not exist")
        t.support_request_id = sr.id
        pks = list(s.execute(select(MailMessageMeta.message_pk).where(MailMessageMeta.thread_id == t.id)).scalars())
        if pks:
            s.execute(
                update(Message).where(Message.id.in_(pks)).values(support_request_id=sr.id),
                execution_options={"synchronize_session": False},
            )
        labels = [
            evidence_label(n)
            for n in s.execute(
                select(EvidenceItem.number)
                .join(Message, Message.evidence_id == EvidenceItem.id)
                .where(Message.id.in_(pks))
                .order_by(EvidenceItem.number)
            ).scalars()
        ]
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="thread.linked",
            at=ctx.clock(),
            subject=f"thread:{t.root_key}"[:64],
            payload={"request": sr.number, "thread": t.root_key, "messages": labels},
        )
    writer.write_anchor(ctx.blobs)
    return len(pks)


# -- chronology -----------------------------------------------------------------------------------


def chronology(
    ctx: Context, workspace: str, *, supplier: str | None = None, request: str | None = None, limit: int = 2000
) -> list[MessageView]:
    """Messages in date order for one supplier or one support request (or all)."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        cond: Any = Message.id.is_not(None)
        if supplier:
            org = s.execute(
                select(Organization.id).where(Organization.workspace_id == ws.id, Organization.key == supplier)
            ).scalar_one_or_none()
            if org is None:
                raise LookupError(f"supplier: {supplier!r} does not exist")
            cond = MailMessageMeta.supplier_id == org
        if request:
            sr = s.execute(
                select(SupportRequest.id).where(SupportRequest.workspace_id == ws.id, SupportRequest.number == request)
            ).scalar_one_or_none()
            if sr is None:
                raise LookupError(f"request: support request {request!r} does not exist")
            cond = Message.support_request_id == sr
        return _views(s, ws.id, cond, [Message.sent_at.asc().nulls_last(), Message.id])[:limit]
