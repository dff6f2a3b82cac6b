"""Search over the correspondence: the filters offered, the query, ranked hits with snippets and how many there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.mail_search import Query, parse_query, snippet
from ...store.db import unit_of_work
from ...store.models import EvidenceItem, Message, Organization, SupportRequest
from ...store.models_mail import MailMessageMeta
from ..context import Context
from ..workspaces import get_workspace
from .threads import DIRECTIONS

RANK_WINDOW = 5000  # matches ranked per query (the newest, when a word is very common)


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
                message_evidence=evidence_label(m[1]) if m else None,
                auto_reply=bool(m[2].auto_reply) if m else False,
            )
        )
    return out
