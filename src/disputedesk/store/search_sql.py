"""The search: its SQL and the making of hits, shared by the search service (``services/mail/query.py``, SQLAlchemy)
and the CLI's read path (``disputedesk/fastread.py``, the standard library's sqlite3), so both
match, rank and count the same way. Imports nothing but the standard library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    """Every indexed word that begins with ``prefix`` (SQLite), or None when there are more than
    MAX_EXPANSION. One index seek per word (``fts5vocab`` of type 'instance' reads lazily), where
    FTS5's own prefix query merges the full lists of all those words — 66 ms for a common English
    word at 1,000,000 messages, for a list that the newest-first reading then cuts to 5,001."""
    execute(VOCAB, {})
    words: list[str] = []
    seek = prefix
    while len(words) <= MAX_EXPANSION:
        row = execute("SELECT term FROM temp.mail_search_vocab WHERE term >= :t LIMIT 1", {"t": seek})
        if not row or not row[0][0].startswith(prefix):
            return words
        words.append(row[0][0])
        seek = row[0][0] + "\x01"  # the next word after this one (no word contains \x01)
    return None


VOCAB = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.mail_search_vocab USING fts5vocab(main, mail_search_fts, 'instance')"
MAX_EXPANSION = 32


def _fts5(execute: Execute, query: Query) -> tuple[str, str] | None:
    """(FTS5 expression to find and count matches, expression to rank them), None when a word
    matches nothing. A prefix term becomes its words: one word (the usual case) is that word in
    both (bm25 scores a prefix matching one word exactly as the word); several are OR-ed to find,
    and the prefix is kept to rank (bm25 scores one phrase otherwise than an OR of several)."""
    find: list[str] = []
    rank: list[str] = []
    for t in query.terms:
        exact = f'"{t.text}"'
        words = _expand(execute, t.text) if t.prefix else [t.text]
        if words == []:
            return None
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
        found = _fts5(execute, query)
        if found is None:
            return SearchResult([], 0, False)
        params["q"], rank_q = found
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
