"""Correspondence use cases: threads, search, chronology, directions, links to support requests.

Messages enter through the import pipeline (:mod:`services.imports`, which calls
:mod:`services.imports.mail`); this module works on what is recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import getaddresses, parseaddr
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.orm import Session

from ..domain.mail_search import Query, parse_query, snippet
from ..ingest.mail import Address, ParsedMessage, ThreadInput, classify, thread_messages
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import EvidenceItem, Message, Organization, SupportRequest
from ..store.models_mail import MailMessageMeta, MailThread
from .context import Context
from .imports import mail as mail_import
from .workspaces import get_workspace

DIRECTIONS = ("buyer->supplier", "supplier->buyer", "internal", "other")
RANK_WINDOW = 5000  # matches ranked per query (the newest, when a word is very common)


# -- threads ---------------------------------------------------------------------------------------


def rebuild_threads(ctx: Context, workspace: str) -> int:
    """(Re)thread every message of the workspace; returns the number of threads.

    A thread keeps its row (and its link to a support request) as long as its root stays the
    same; when threads merge, the merged thread inherits the link.
    """
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        rows = s.execute(
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
            .where(Message.workspace_id == ws.id)
            .order_by(Message.id)
        ).all()
        info = {r.id: r for r in rows}
        # e-mail by References/In-Reply-To; a chat (no Message-IDs) is one conversation per export
        inputs = [
            ThreadInput(
                key=str(r.id),
                message_id=r.message_id if not _is_chat(r.channel) else f"<chat:{r.parent_id}:{r.id}>",
                in_reply_to=r.in_reply_to,
                references=tuple(r.references or ()) if not _is_chat(r.channel) else (f"<chat:{r.parent_id}>",),
                subject=r.subject or "",
                date=r.sent_at,
            )
            for r in rows
        ]
        threads = thread_messages(inputs)
        old = {t.root_key: t for t in s.execute(select(MailThread).where(MailThread.workspace_id == ws.id)).scalars()}
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
                row = MailThread(workspace_id=ws.id, root_key=root_key, notes=[])
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
            s.execute(
                update(mt).where(mt.c.id == bindparam("pk")).values(support_request_id=bindparam("sr")), sr_updates
            )
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


@dataclass
class ThreadSummary:
    id: int
    subject: str
    first_at: datetime | None
    last_at: datetime | None
    message_count: int
    by_subject: bool
    missing: int
    notes: list[str]
    supplier: str | None
    request: str | None


def list_threads(
    ctx: Context, workspace: str, *, supplier: str | None = None, request: str | None = None, limit: int = 500
) -> list[ThreadSummary]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        q = (
            select(MailThread, Organization.key, SupportRequest.number)
            .outerjoin(Organization, Organization.id == MailThread.supplier_id)
            .outerjoin(SupportRequest, SupportRequest.id == MailThread.support_request_id)
            .where(MailThread.workspace_id == ws.id)
        )
        if supplier:
            q = q.where(Organization.key == supplier)
        if request:
            q = q.where(SupportRequest.number == request)
        q = q.order_by(MailThread.last_at.desc().nulls_last(), MailThread.id.desc()).limit(limit)
        return [
            ThreadSummary(
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
            for t, key, number in s.execute(q).all()
        ]


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
            children.setdefault(parent_id, []).append((f"E-{number:04d}", name))
    out = []
    for m, number, meta, sr, sup in rows:
        out.append(
            MessageView(
                pk=m.id,
                evidence=f"E-{number:04d}",
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
            raise LookupError(f"thread {thread_id} does not exist")
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
        t = s.execute(
            select(MailThread).where(MailThread.workspace_id == ws.id, MailThread.id == thread_id)
        ).scalar_one_or_none()
        if t is None:
            raise LookupError(f"thread {thread_id} does not exist")
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
            f"E-{n:04d}"
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


def filter_choices(ctx: Context, workspace: str) -> dict[str, list[tuple[str, str]]]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        sups = s.execute(
            select(Organization.key, Organization.name_en)
            .where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            .order_by(Organization.name_en)
        ).all()
        reqs = s.execute(
            select(SupportRequest.number, SupportRequest.title)
            .where(SupportRequest.workspace_id == ws.id)
            .order_by(SupportRequest.number)
        ).all()
        return {"suppliers": [(k, n) for k, n in sups], "requests": [(k, n) for k, n in reqs]}


# -- search ---------------------------------------------------------------------------------------


@dataclass
class SearchFilter:
    supplier: str | None = None
    direction: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    has_attachment: bool | None = None
    thread: int | None = None

    def validate(self) -> None:
        if self.direction and self.direction not in DIRECTIONS:
            raise ValueError(f"direction: {self.direction!r} is not one of {', '.join(DIRECTIONS)}")
        for name in ("date_from", "date_to"):
            v = getattr(self, name)
            if v is not None and v.tzinfo is None:
                raise ValueError(f"{name}: needs a time zone")

    @property
    def active(self) -> bool:
        return any(
            v is not None and v != ""
            for v in (self.supplier, self.direction, self.date_from, self.date_to, self.has_attachment, self.thread)
        )


@dataclass
class Hit:
    evidence: str
    kind: str  # message | attachment | document
    subject: str
    name: str
    sent_at: datetime | None
    direction: str | None
    snippet: str
    snippet_html: str
    thread_id: int | None
    message_evidence: str | None
    auto_reply: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "evidence": self.evidence,
            "kind": self.kind,
            "subject": self.subject,
            "name": self.name,
            "sent_at": self.sent_at.astimezone(UTC).isoformat() if self.sent_at else None,
            "direction": self.direction,
            "snippet": self.snippet,
            "thread": self.thread_id,
            "message": self.message_evidence,
            "auto_reply": self.auto_reply,
        }


@dataclass
class SearchResult:
    """A page of hits and how many there are: exact up to RANK_WINDOW, else "more than"."""

    hits: list[Hit]
    total: int  # all hits, at most RANK_WINDOW
    capped: bool  # more than RANK_WINDOW hits (``total`` is then RANK_WINDOW)

    @property
    def total_label(self) -> str:
        """The count as people read it: "1,234", or "5,000+" when there are more."""
        return f"{self.total:,}+" if self.capped else f"{self.total:,}"

    @property
    def more(self) -> bool:
        """More hits than the page shows."""
        return self.capped or self.total > len(self.hits)


def search(ctx: Context, workspace: str, q: str, flt: SearchFilter | None = None, *, limit: int = 50) -> list[Hit]:
    """Ranked full-text hits over messages, attachments and documents (AND of all terms)."""
    return search_counted(ctx, workspace, q, flt, limit=limit).hits


def search_counted(
    ctx: Context, workspace: str, q: str, flt: SearchFilter | None = None, *, limit: int = 50
) -> SearchResult:
    """:func:`search`, with how many hits there are in all (counted in the same query, up to
    RANK_WINDOW; "5,000+" beyond), so a page that shows ``limit`` of them can say so."""
    flt = flt or SearchFilter()
    flt.validate()
    query = parse_query(q)
    if query.empty:
        return SearchResult([], 0, False)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows, total = _match(s, ws.id, query, flt, limit)
        return SearchResult(_hits(s, query, rows), min(total, RANK_WINDOW), total > RANK_WINDOW)


def _filters(s: Session, ws_id: int, flt: SearchFilter) -> tuple[str, dict[str, Any]]:
    where, params = [], {}
    if flt.supplier:
        org = s.execute(
            select(Organization.id).where(Organization.workspace_id == ws_id, Organization.key == flt.supplier)
        ).scalar_one_or_none()
        if org is None:
            raise LookupError(f"supplier: {flt.supplier!r} does not exist")
        where.append("mm.supplier_id = :sup")
        params["sup"] = org
    if flt.direction:
        where.append("m.direction = :dir")
        params["dir"] = flt.direction
    if flt.date_from:
        where.append("m.sent_at >= :dfrom")
        params["dfrom"] = flt.date_from.astimezone(UTC)
    if flt.date_to:
        where.append("m.sent_at < :dto")
        params["dto"] = flt.date_to.astimezone(UTC)
    if flt.has_attachment is not None:
        where.append("mm.has_attachments = :hat")
        params["hat"] = bool(flt.has_attachment)
    if flt.thread:
        where.append("mm.thread_id = :thr")
        params["thr"] = int(flt.thread)
    return (" AND " + " AND ".join(where)) if where else "", params


def _match(
    s: Session, ws_id: int, query: Query, flt: SearchFilter, limit: int
) -> tuple[list[tuple[int, int | None, str]], int]:
    """The page of ranked matches and how many matches there are (at most RANK_WINDOW + 1)."""
    pg = s.get_bind().dialect.name == "postgresql"
    extra, params = _filters(s, ws_id, flt)
    params.update({"w": ws_id, "lim": limit})
    joins = (
        " JOIN messages m ON m.id = d.message_pk JOIN mail_message_meta mm ON mm.message_pk = d.message_pk"
        if extra
        else ""
    )
    if extra and s.get_bind().dialect.name == "sqlite":
        # SQLite compares the stored text of a UTC time: bind the same shape
        for k in ("dfrom", "dto"):
            if k in params:
                params[k] = params[k].replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    # Ranking every match of a very common word costs more than the answer is worth: the newest
    # RANK_WINDOW matches (by index order, i.e. import order) are ranked; all matches when fewer.
    # One more is read, so that "more than RANK_WINDOW" is known; the window counts them (n).
    params["cap"] = RANK_WINDOW + 1
    if pg:
        params["q"] = query.tsquery()
        sql = (
            "SELECT evidence_id, message_pk, kind, count(*) OVER () AS n FROM (SELECT d.id, d.evidence_id, "
            "d.message_pk, d.kind, ts_rank(d.tsv, tq) AS r FROM mail_search_docs d"
            + joins
            + ", CAST(:q AS tsquery) tq "
            "WHERE d.workspace_id = :w AND d.tsv @@ tq" + extra + " ORDER BY d.id DESC LIMIT :cap) x "
            "ORDER BY r DESC, id LIMIT :lim"
        )
    else:
        params["q"] = query.fts5()
        sql = (
            "SELECT evidence_id, message_pk, kind, count(*) OVER () AS n FROM (SELECT d.id, d.evidence_id, "
            "d.message_pk, d.kind, f.rank AS r FROM mail_search_fts f JOIN mail_search_docs d ON d.id = f.rowid"
            + joins
            + " WHERE mail_search_fts MATCH :q AND d.workspace_id = :w"
            + extra
            + " ORDER BY f.rowid DESC LIMIT :cap) ORDER BY r, id LIMIT :lim"
        )
    rows = s.execute(text(sql), params).all()
    return [(r[0], r[1], r[2]) for r in rows], (int(rows[0][3]) if rows else 0)


def _hits(s: Session, query: Query, rows: list[tuple[int, int | None, str]]) -> list[Hit]:
    if not rows:
        return []
    ev_ids = {r[0] for r in rows}
    msg_pks = {r[1] for r in rows if r[1]}
    items = {e.id: e for e in s.execute(select(EvidenceItem).where(EvidenceItem.id.in_(ev_ids))).scalars()}
    msgs: dict[int, tuple[Message, int, MailMessageMeta]] = (
        {
            m.id: (m, n, mm)
            for m, n, mm in s.execute(
                select(Message, EvidenceItem.number, MailMessageMeta)
                .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
                .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
                .where(Message.id.in_(msg_pks))
            ).all()
        }
        if msg_pks
        else {}
    )
    out = []
    for ev_id, pk, kind in rows:
        item = items.get(ev_id)
        if item is None:
            continue
        m = msgs.get(pk) if pk else None
        if kind == "message" and m:
            body = f"{m[0].subject or ''} — {m[0].text or ''}"
        else:
            body = item.text or item.original_name
        plain, rich = snippet(body, query)
        out.append(
            Hit(
                evidence=item.label,
                kind=kind,
                subject=(m[0].subject or "") if m else item.original_name,
                name=item.original_name,
                sent_at=m[0].sent_at if m else item.document_date,
                direction=m[0].direction if m else None,
                snippet=plain,
                snippet_html=rich,
                thread_id=m[2].thread_id if m else None,
                message_evidence=f"E-{m[1]:04d}" if m else None,
                auto_reply=bool(m[2].auto_reply) if m else False,
            )
        )
    return out


# -- directions -----------------------------------------------------------------------------------


def _address(text_value: str | None) -> Address | None:
    if not text_value:
        return None
    name, addr = parseaddr(text_value)
    if not addr and not name:
        return Address(text_value, "")
    if "@" not in addr:
        return Address(name or text_value, "")
    return Address(name, addr.lower())


def refresh_directions(ctx: Context, workspace: str) -> int:
    """Recompute every message's direction and supplier from the current parties; returns changes."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        parties = mail_import.load_parties(s, ws.id)
        changed = 0
        rows = s.execute(
            select(Message, MailMessageMeta)
            .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
            .where(Message.workspace_id == ws.id)
        ).all()
        for m, meta in rows:
            flags = dict(m.flags or {})
            f = flags.get("from") or {}
            sender = Address(f.get("name", ""), f.get("addr", "")) if f else _address(m.sender)
            recips = [Address(n, a.lower()) for n, a in getaddresses(list(m.recipients or [])) if a or n]
            pm = ParsedMessage(channel=m.channel, from_=sender, to=recips, direction_hint=flags.get("direction_hint"))
            d = classify(pm, parties.all)
            sup = parties.supplier_of(pm)
            if d.value != m.direction or sup != meta.supplier_id or flags.get("direction_reason") != d.reason:
                m.direction = d.value
                flags["direction_reason"] = d.reason
                m.flags = flags
                meta.supplier_id = sup
                changed += 1
            if flags.get("date_source") == "export-local-time" and "local_time_zone" not in flags and m.sent_at:
                if parties.timezone is not None:
                    local = m.sent_at.astimezone(UTC).replace(tzinfo=parties.timezone)
                    m.sent_at = local.astimezone(UTC)
                    flags["local_time_zone"] = str(parties.timezone)
                    m.flags = flags
                    changed += 1
        return changed


def link_request_messages(ctx: Context, workspace: str, links: dict[str, list[str]], *, actor: str) -> int:
    """Link messages (by evidence label) to support requests (by number); one ledger entry per request."""
    total = 0
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        writer = LedgerWriter(s, ws)
        for number, labels in links.items():
            sr = s.execute(
                select(SupportRequest).where(SupportRequest.workspace_id == ws.id, SupportRequest.number == number)
            ).scalar_one_or_none()
            if sr is None:
                raise LookupError(f"support request {number!r} does not exist")
            nums = [int(lab.removeprefix("E-")) for lab in labels]
            msgs = list(
                s.execute(
                    select(Message)
                    .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
                    .where(Message.workspace_id == ws.id, EvidenceItem.number.in_(nums))
                ).scalars()
            )
            todo = [m for m in msgs if m.support_request_id != sr.id]
            for m in todo:
                m.support_request_id = sr.id
            total += len(todo)
            if todo:
                writer.append(
                    actor=actor,
                    action="messages.linked",
                    at=ctx.clock(),
                    subject=f"request:{sr.number}",
                    payload={"request": sr.number, "messages": sorted(labels)},
                )
            # the threads these messages are in follow the request unless linked elsewhere
            thread_ids = set(
                s.execute(
                    select(MailMessageMeta.thread_id).where(MailMessageMeta.message_pk.in_([m.id for m in msgs]))
                ).scalars()
            )
            for t in s.execute(select(MailThread).where(MailThread.id.in_([t for t in thread_ids if t]))).scalars():
                if t.support_request_id is None:
                    t.support_request_id = sr.id
    writer.write_anchor(ctx.blobs)
    return total


def zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"tz: unknown time zone {name!r}") from exc
