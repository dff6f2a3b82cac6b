"""The CLI's read path: ``disputedesk search``, ``threads`` and ``evidence list`` answered with the
standard library alone.

Why it exists: a search run from a shell or a script is one process per query. Loading Typer,
pydantic, SQLAlchemy and the ORM's tables takes about 600 ms of CPU before the first query,
while the query itself takes about 10 ms (``benchmarks/cli_startup.py``; ``notmuch search``
answers in about 40 ms). This module runs the same query over the embedded SQLite database with
``sqlite3``: the SQL, the terms, the ranking, the hit count and the making of hits and snippets
are the search service's own (``store/search_sql.py``, ``domain/mail_search.py``), and the
output is printed by :func:`show_hits`, which the Typer command uses too. The thread list
likewise (``search_sql.thread_list``, :func:`show_threads`), and the evidence list
(:func:`show_evidence`; its one query is written here, the test compares it with the service).

It answers only when it can answer exactly as the full command would; otherwise :func:`run`
returns None and the full command runs (and reports any error in its own words):

* an invocation it does not read: ``--help``, an option it does not know, a value that is not a
  number or a date, more or fewer than one query (none for ``threads`` and ``evidence list``);
* PostgreSQL or any database URL other than a plain ``sqlite:///`` path; a database file that
  does not exist yet (the full command creates it);
* a schema other than the newest (the full command migrates it first) or a mail area other than
  the mail revisions this module was written against (``MAIL_REVISIONS``); a SQL error of any kind;
* a workspace that does not exist; for a search, a supplier that does not exist or a direction
  that is not one of the four.

``DISPUTEDESK_FAST_CLI=0`` turns it off (the full command then answers every call).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from datetime import UTC, datetime
from typing import Any

from .domain.evidence_view import EvidenceView
from .domain.labels import evidence_label
from .domain.mail_search import Hit, SearchFilter, SearchResult, parse_query
from .store import search_sql
from .store.revisions import migration_heads
from .store.search_sql import ThreadSummary

# The mail revisions whose search tables this module reads as they are (mail_0001 made them;
# mail_0002 only added mail_thread_keys). A new mail migration makes the read path fall back to
# the full command until it is added here; test_cli_search_read_path fails then.
MAIL_REVISIONS = frozenset({"mail_0001", "mail_0002"})


class _Fallback(Exception):
    """The full command must answer."""


def run(argv: list[str]) -> int | None:
    """Answer ``disputedesk ARGV`` here and return the exit code, or None when the full command must."""
    if argv[:2] == ["evidence", "list"]:
        argv = ["evidence list", *argv[2:]]
    if os.environ.get("DISPUTEDESK_FAST_CLI", "1") == "0" or not argv or argv[0] not in COMMANDS:
        return None
    answer, show = COMMANDS[argv[0]]
    try:
        args = _parse(argv[0], argv[1:])
        conn = _connect()
        try:
            conn.execute("BEGIN")  # one snapshot for all the command reads
            result = answer(conn, args)
            conn.execute("COMMIT")
        finally:
            conn.close()
    except (_Fallback, sqlite3.Error, ValueError):
        return None
    show(result, as_json=args["as_json"])
    return 0


# -- the command line, as Typer reads it ----------------------------------------------------------

_VALUED = {
    "--workspace": "workspace",
    "-w": "workspace",
    "--supplier": "supplier",
    "--direction": "direction",
    "--from": "date_from",
    "--to": "date_to",
    "--thread": "thread",
    "--limit": "limit",
}
_FLAGS = {
    "--json": ("as_json", True),
    "--attachments": ("attachments", True),
    "--no-attachments": ("attachments", False),
}


_THREAD_OPTIONS = {"--workspace": "workspace", "-w": "workspace", "--supplier": "supplier", "--request": "request"}
_EVIDENCE_OPTIONS = {"--workspace": "workspace", "-w": "workspace", "--kind": "kind"}


def _parse(command: str, tokens: list[str]) -> dict[str, Any]:
    """The options of ``search`` / ``threads`` (``commands/mail.py``), ``evidence list``
    (``commands/core.py``); _Fallback for anything else."""
    valued, flags = {
        "search": (_VALUED, _FLAGS),
        "threads": (_THREAD_OPTIONS, {"--json": _FLAGS["--json"]}),
        "evidence list": (_EVIDENCE_OPTIONS, {"--json": _FLAGS["--json"]}),
    }[command]
    args: dict[str, Any] = {"as_json": False, "attachments": None, "limit": "50"}
    positional: list[str] = []
    it = iter(tokens)
    for tok in it:
        if tok == "--":
            positional.extend(it)
            break
        if tok in flags:
            key, value = flags[tok]
            args[key] = value
        elif tok.startswith("--") and "=" in tok and tok.split("=", 1)[0] in valued:
            name, value = tok.split("=", 1)
            args[valued[name]] = value
        elif tok in valued:
            value = next(it, None)
            if value is None or (value.startswith("-") and len(value) > 1):
                raise _Fallback
            args[valued[tok]] = value
        elif tok.startswith("-") and tok != "-":
            raise _Fallback  # --help, an unknown option, -wSLUG: the full command reads those
        else:
            positional.append(tok)
    if len(positional) != (1 if command == "search" else 0):
        raise _Fallback
    if command == "search":
        args["query"] = positional[0]
        args["limit"] = int(args["limit"])  # as click's INT does; ValueError: the full command explains
        if args.get("thread") is not None:
            args["thread"] = int(args["thread"])
        for name in ("date_from", "date_to"):
            args[name] = _when(args.get(name))
    return args


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


# -- the database, as Settings and Context.open find it ---------------------------------------------


def _setting(name: str, default: str) -> str:
    """A ``DISPUTEDESK_*`` variable as pydantic-settings reads it (the name in any case)."""
    wanted = f"disputedesk_{name}"
    found = default
    for key, value in os.environ.items():
        if key.lower() == wanted:
            found = value
    return found


def _connect() -> sqlite3.Connection:
    url = _setting("database_url", "")
    if url:
        if not url.startswith("sqlite:///") or "?" in url:
            raise _Fallback
        path = url[len("sqlite:///") :]
        if path in ("", ":memory:"):
            raise _Fallback
    else:
        path = os.path.join(os.path.abspath(_setting("data_dir", "./data")), "disputedesk.sqlite3")
    if not os.path.isfile(path):
        raise _Fallback
    conn = sqlite3.connect(path, timeout=float(_setting("db_lock_timeout", "15")), isolation_level=None)
    try:
        revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        if not (MAIL_REVISIONS & revisions) or revisions != migration_heads():
            raise _Fallback
    except BaseException:
        conn.close()
        raise
    return conn


# -- the search ---------------------------------------------------------------------------------


def _search(conn: sqlite3.Connection, args: dict[str, Any]) -> SearchResult:
    """``services.mail.search_counted`` over sqlite3 (same checks in the same order, same SQL)."""
    flt = SearchFilter(
        supplier=args.get("supplier"),
        direction=args.get("direction"),
        date_from=args["date_from"],
        date_to=args["date_to"],
        has_attachment=args["attachments"],
        thread=args.get("thread"),
    )
    flt.validate()
    query = parse_query(args["query"])
    if query.empty:
        return SearchResult([], 0, False)

    def execute(sql: str, params: dict[str, Any]) -> list[Any]:
        return conn.execute(sql, params).fetchall()

    ws = _workspace(conn, args)
    supplier_id = None
    if flt.supplier:
        row = conn.execute(
            "SELECT id FROM organizations WHERE workspace_id = ? AND key = ?", (ws, flt.supplier)
        ).fetchone()
        if row is None:
            raise _Fallback
        supplier_id = row[0]
    return search_sql.search(
        execute, query, ws, flt, supplier_id, limit=args["limit"], window=search_sql.RANK_WINDOW, postgresql=False
    )


def _workspace(conn: sqlite3.Connection, args: dict[str, Any]) -> int:
    slug = args.get("workspace") or _setting("default_workspace", "default")
    row = conn.execute("SELECT id FROM workspaces WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        raise _Fallback
    return int(row[0])


def _threads(conn: sqlite3.Connection, args: dict[str, Any]) -> list[ThreadSummary]:
    """``services.mail.list_threads`` over sqlite3."""

    def execute(sql: str, params: dict[str, Any]) -> list[Any]:
        return conn.execute(sql, params).fetchall()

    ws = _workspace(conn, args)
    return search_sql.thread_list(execute, ws, supplier=args.get("supplier"), request=args.get("request"), limit=500)


def show_threads(threads: list[ThreadSummary], *, as_json: bool) -> None:
    """What ``disputedesk threads`` prints (both paths)."""
    if as_json:
        print(json.dumps([t.as_json() for t in threads], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.text import Text

    out = Console(soft_wrap=True)
    for t in threads:
        last = t.last_at.strftime("%Y-%m-%d") if t.last_at else "—"
        extra = " ".join(x for x in (t.request or "", t.supplier or "", "(by subject)" if t.by_subject else "") if x)
        out.print(Text(f"#{t.id:<5} {last} {t.message_count:>3} msg  {t.subject}  {extra}"), highlight=False)


def show_hits(found: SearchResult, *, as_json: bool) -> None:
    """What ``disputedesk search`` prints (both paths): the hits, and how many there are when the
    page does not show them all (on stderr with --json, so the JSON on stdout stays the list)."""
    hits: list[Hit] = found.hits
    more = f"{len(hits)} of {found.total_label} hits shown (--limit to see more)" if found.more else None
    if as_json:
        print(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2))
        if more:
            print(more, file=sys.stderr)
        return
    from rich.console import Console
    from rich.text import Text

    out = Console(soft_wrap=True)
    if not hits:
        out.print("no hits")
        return
    for h in hits:
        when = h.sent_at.strftime("%Y-%m-%d %H:%M UTC") if h.sent_at else "—"
        # Text, not markup: a subject such as "[URGENT]" or "[/x]" is shown as written
        out.print(Text.assemble((h.evidence, "bold"), f" {when} {h.direction or h.kind}  {h.subject}"), highlight=False)
        out.print(Text(f"    {h.snippet}"), highlight=False)
    out.print(more or f"{len(hits)} hit{'s' if len(hits) != 1 else ''}", highlight=False)


def _evidence(conn: sqlite3.Connection, args: dict[str, Any]) -> list[EvidenceView]:
    """``services.evidence.list_evidence`` over sqlite3, as ``evidence list`` calls it (a kind, no
    text search, the first 100,000); whether an item has text is asked, the text is not read."""
    ws = _workspace(conn, args)
    where, params = "", {"w": ws}
    if args.get("kind"):
        where, params["kind"] = " AND kind = :kind", args["kind"]
    rows = conn.execute(
        "SELECT number, original_name, media_type, size, sha256, source, imported_by, imported_at, kind, "
        "description, document_date, ledger_seq, text IS NOT NULL AND text != '' FROM evidence_items "
        "WHERE workspace_id = :w" + where + " ORDER BY number LIMIT 100000",
        params,
    ).fetchall()
    return [
        EvidenceView(
            label=evidence_label(r[0]),
            number=r[0],
            original_name=r[1],
            media_type=r[2],
            size=r[3],
            sha256=r[4],
            source=r[5],
            imported_by=r[6],
            imported_at=search_sql.as_utc(r[7]),  # type: ignore[arg-type]
            kind=r[8],
            description=r[9],
            document_date=search_sql.as_utc(r[10]),
            parent=None,
            ledger_seq=r[11],
            has_text=bool(r[12]),
        )
        for r in rows
    ]


def show_evidence(items: list[EvidenceView], *, as_json: bool) -> None:
    """What ``disputedesk evidence list`` prints (both paths)."""
    if as_json:
        print(json.dumps([i.as_dict() for i in items], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("No.", "Kind", "Name", "Size", "SHA-256")
    for i in items:  # Text, not markup: a file named "[draft].pdf" is shown as named
        table.add_row(i.label, Text(i.kind), Text(i.original_name), f"{i.size:,}", i.sha256[:16] + "…")
    Console(soft_wrap=True).print(table)


COMMANDS: dict[str, tuple[Any, Any]] = {
    "search": (_search, show_hits),
    "threads": (_threads, show_threads),
    "evidence list": (_evidence, show_evidence),
}
