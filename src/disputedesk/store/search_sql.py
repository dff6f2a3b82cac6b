"""The mail area's reads as SQL: the search (matching, ranking, counting, the making of hits) and
the thread list, shared by the services (``services/mail/query.py``, ``threads.py``; SQLAlchemy)
and the CLI's read path (``disputedesk/fastread.py``; the standard library's sqlite3), so both
answer the same. Imports nothing but the standard library and the domain.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.labels import evidence_label
from ..domain.mail_search import Hit, Query, SearchFilter, SearchResult, message_hit

Execute = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]  # (SQL, parameters) -> rows

RANK_WINDOW = 5000  # matches counted and ranked per query; beyond, the newest are shown (see search())

SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how a UTC time is stored on SQLite (SQLAlchemy's DATETIME)

JOINS = " JOIN messages m ON m.id = d.message_pk JOIN mail_message_meta mm ON mm.message_pk = d.message_pk"


def filter_sql(flt: SearchFilter, supplier_id: int | None, *, sqlite: bool) -> tuple[str, dict[str, Any]]:
    """The WHERE conditions of a ``SearchFilter`` (its supplier already looked up) and their values."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if flt.supplier:
        where.append("mm.supplier_id = :sup")
        params["sup"] = supplier_id
    if flt.direction:
        where.append("m.direction = :dir")
        params["dir"] = flt.direction
    for key, op, value in (("dfrom", ">=", flt.date_from), ("dto", "<", flt.date_to)):
        if value:
            where.append(f"m.sent_at {op} :{key}")
            utc = value.astimezone(UTC)
            # SQLite compares the stored text of a UTC time: bind the same shape
            params[key] = utc.replace(tzinfo=None).strftime(SQLITE_TIME) if sqlite else utc
    if flt.has_attachment is not None:
        where.append("mm.has_attachments = :hat")
        params["hat"] = bool(flt.has_attachment)
    if flt.thread:
        where.append("mm.thread_id = :thr")
        params["thr"] = int(flt.thread)
    return (" AND " + " AND ".join(where)) if where else "", params


def _expand(execute: Execute, prefix: str) -> list[str] | None:
    """The indexed words that begin with ``prefix`` (SQLite; the prefix itself is listed whether
    or not it occurs), or None when there are more than MAX_EXPANSION. One index seek per longer
    word (``fts5vocab`` of type 'instance' reads lazily), where FTS5's own prefix query merges the
    full lists of all those words — 66 ms for a common English word at 1,000,000 messages, for a
    list that the newest-first reading then cuts to 5,001."""
    execute(VOCAB, {})
    words = [prefix]
    while len(words) <= MAX_EXPANSION:
        # the next word after the last one (no word contains \x01)
        row = execute("SELECT term FROM temp.mail_search_vocab WHERE term >= :t LIMIT 1", {"t": words[-1] + "\x01"})
        if not row or not row[0][0].startswith(prefix):
            return words
        words.append(row[0][0])
    return None


VOCAB = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.mail_search_vocab USING fts5vocab(main, mail_search_fts, 'instance')"
MAX_EXPANSION = 32


def _fts5(execute: Execute, query: Query) -> tuple[str, str]:
    """(FTS5 expression to find and count matches, expression to rank them). A prefix term
    becomes its words: no longer word (the usual case) is the word itself in both (bm25 scores a
    prefix matching one word exactly as the word); several are OR-ed to find, and the prefix is
    kept to rank (bm25 scores one phrase otherwise than an OR of several)."""
    find: list[str] = []
    rank: list[str] = []
    for t in query.terms:
        exact = f'"{t.text}"'
        words = _expand(execute, t.text) if t.prefix else [t.text]
        if words is None:
            find.append(exact + "*")
            rank.append(exact + "*")
        elif len(words) == 1:
            find.append(f'"{words[0]}"')
            rank.append(f'"{words[0]}"')
        else:
            find.append("(" + " OR ".join(f'"{w}"' for w in words) + ")")
            rank.append(exact + "*")
    return " AND ".join(find), " AND ".join(rank)


def search(
    execute: Execute,
    query: Query,
    workspace_id: int,
    flt: SearchFilter,
    supplier_id: int | None,
    *,
    limit: int,
    window: int = RANK_WINDOW,
    postgresql: bool,
) -> SearchResult:
    """The page of hits and how many there are (at most ``window``, then "more than").

    First the matches are counted, newest first, up to ``window`` + 1 (no ranking: cheap at any
    size). Up to ``window`` matches, all are ranked (bm25 on SQLite, ``ts_rank`` on PostgreSQL)
    and the page is the best. More than ``window``: the page is the most recently added matches
    (as ``notmuch search`` and mail clients list a common word's hits), because ranking costs
    per match and per word (bm25 also reads every match of each word in the whole index to
    weigh it: 45 ms at 1,000,000 messages), and the best of some thousands of newest matches was
    no better an answer than the newest. The result says which (``ranked``)."""
    extra, params = filter_sql(flt, supplier_id, sqlite=not postgresql)
    params.update({"w": workspace_id, "lim": limit, "cap": window + 1})
    joins = JOINS if extra else ""
    if postgresql:
        params["q"] = query.tsquery()
        base = "FROM mail_search_docs d" + joins + ", CAST(:q AS tsquery) tq WHERE d.workspace_id = :w AND d.tsv @@ tq"
        newest, rank, rank_order = " ORDER BY d.id DESC", "ts_rank(d.tsv, tq)", "r DESC, id"
    else:
        params["q"], rank_q = _fts5(execute, query)
        base = "FROM mail_search_fts f JOIN mail_search_docs d ON d.id = f.rowid" + joins
        base += " WHERE mail_search_fts MATCH :q AND d.workspace_id = :w"
        newest, rank, rank_order = " ORDER BY f.rowid DESC", "f.rank", "r, id"
    base += extra
    n = int(execute(f"SELECT count(*) FROM (SELECT d.id {base}{newest} LIMIT :cap) x", params)[0][0])
    if n == 0:
        return SearchResult([], 0, False)
    if n > window:
        rows = execute(f"SELECT d.evidence_id, d.message_pk, d.kind {base}{newest} LIMIT :lim", params)
    else:
        if not postgresql:
            params["q"] = rank_q
        rows = execute(
            f"SELECT evidence_id, message_pk, kind FROM (SELECT d.id, d.evidence_id, d.message_pk, d.kind, {rank} AS r "
            f"{base}{newest} LIMIT :cap) x ORDER BY {rank_order} LIMIT :lim",
            params,
        )
    return SearchResult(page(execute, query, rows), min(n, window), n > window, ranked=n <= window)


def as_utc(value: datetime | str | None) -> datetime | None:
    """A stored time as a tz-aware UTC datetime (SQLite returns the stored text of a UTC time)."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _marks(prefix: str, ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    return ", ".join(f":{prefix}{i}" for i in range(len(ids))), {f"{prefix}{i}": v for i, v in enumerate(ids)}


def page(execute: Execute, query: Query, rows: Sequence[Sequence[Any]]) -> list[Hit]:
    """The hits of ranked matches (evidence id, message pk, kind): two queries, whatever the page size."""
    if not rows:
        return []
    marks, params = _marks("e", sorted({r[0] for r in rows}))
    items = {
        r[0]: r[1:]
        for r in execute(
            f"SELECT id, number, original_name, text, document_date FROM evidence_items WHERE id IN ({marks})", params
        )
    }
    pks = sorted({r[1] for r in rows if r[1]})
    msgs: dict[int, Sequence[Any]] = {}
    if pks:
        marks, params = _marks("m", pks)
        msgs = {
            r[0]: r[1:]
            for r in execute(
                "SELECT m.id, m.subject, m.text, m.sent_at, m.direction, e.number, mm.thread_id, mm.auto_reply "
                "FROM messages m JOIN evidence_items e ON e.id = m.evidence_id "
                f"JOIN mail_message_meta mm ON mm.message_pk = m.id WHERE m.id IN ({marks})",
                params,
            )
        }
    out = []
    for ev_id, pk, kind in rows:
        item = items.get(ev_id)
        if item is None:  # the evidence row is gone (`verify` reports it); the index is derived data
            continue
        number, name, text, document_date = item
        m = msgs.get(pk) if pk else None
        message = None
        if m is not None:
            subject, body, sent_at, direction, msg_number, thread_id, auto = m
            message = (subject, body, as_utc(sent_at), direction, evidence_label(msg_number), thread_id, bool(auto))
        out.append(message_hit(query, evidence_label(number), kind, name, text, as_utc(document_date), message))
    return out


# -- the thread list ----------------------------------------------------------------------------


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

    def as_json(self) -> dict[str, Any]:
        return {
            "thread": self.id,
            "subject": self.subject,
            "messages": self.message_count,
            "first_at": self.first_at.isoformat() if self.first_at else None,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "supplier": self.supplier,
            "request": self.request,
            "by_subject": self.by_subject,
            "missing": self.missing,
            "notes": self.notes,
        }


def thread_list(
    execute: Execute, workspace_id: int, *, supplier: str | None, request: str | None, limit: int
) -> list[ThreadSummary]:
    """Threads of a workspace, the latest message's first (threads without a date last)."""
    where, params = "", {"w": workspace_id, "lim": limit}
    if supplier:
        where += " AND o.key = :sup"
        params["sup"] = supplier
    if request:
        where += " AND r.number = :req"
        params["req"] = request
    rows = execute(
        "SELECT t.id, t.subject, t.first_at, t.last_at, t.message_count, t.by_subject, t.missing, t.notes, o.key, "
        "r.number FROM mail_threads t LEFT JOIN organizations o ON o.id = t.supplier_id "
        "LEFT JOIN support_requests r ON r.id = t.support_request_id WHERE t.workspace_id = :w"
        + where
        + " ORDER BY t.last_at IS NULL, t.last_at DESC, t.id DESC LIMIT :lim",
        params,
    )
    return [
        ThreadSummary(
            r[0],
            r[1] or "",
            as_utc(r[2]),
            as_utc(r[3]),
            r[4],
            bool(r[5]),
            r[6],
            list((json.loads(r[7]) if isinstance(r[7], str) else r[7]) or []),  # JSON: text on SQLite
            r[8],
            r[9],
        )
        for r in rows
    ]
