"""Search over the correspondence: the filters offered, the query, ranked hits with snippets and how many there are.

The SQL and the making of hits are ``store/search_sql.py``, shared with the CLI's read path
(``disputedesk/fastread.py``), which answers ``disputedesk search`` without SQLAlchemy.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text

from ...domain.mail_search import Hit, SearchFilter, SearchResult, parse_query
from ...store import search_sql
from ...store.db import unit_of_work
from ...store.models import Organization, SupportRequest
from ...store.search_sql import RANK_WINDOW
from ..context import Context
from ..workspaces import get_workspace

__all__ = ["RANK_WINDOW", "Hit", "SearchFilter", "SearchResult", "filter_choices", "search", "search_counted"]


def filter_choices(ctx: Context, workspace: str) -> dict[str, list[Any]]:
    """The suppliers (key, English and Chinese name, as the record forms' choices) and the requests
    (number, title) a search, thread list or chronology can be narrowed to."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        sups = s.execute(
            select(Organization.key, Organization.name_en, Organization.name_zh)
            .where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            .order_by(Organization.name_en)
        ).all()
        reqs = s.execute(
            select(SupportRequest.number, SupportRequest.title)
            .where(SupportRequest.workspace_id == ws.id)
            .order_by(SupportRequest.number)
        ).all()
        return {
            "suppliers": [{"key": k, "name": en, "name_zh": zh} for k, en, zh in sups],
            "requests": [(k, n) for k, n in reqs],
        }


# -- search ---------------------------------------------------------------------------------------


def search(ctx: Context, workspace: str, q: str, flt: SearchFilter | None = None, *, limit: int = 50) -> list[Hit]:
    """Ranked full-text hits over messages, attachments and documents (AND of all terms)."""
    return search_counted(ctx, workspace, q, flt, limit=limit).hits


def search_counted(
    ctx: Context, workspace: str, q: str, flt: SearchFilter | None = None, *, limit: int = 50
) -> SearchResult:
    """:func:`search`, with how many hits there are in all (up to RANK_WINDOW; "5,000+" beyond),
    so a page that shows ``limit`` of them can say so; beyond RANK_WINDOW the page is the most
    recently added hits, unranked (``store.search_sql.search`` says why)."""
    flt = flt or SearchFilter()
    flt.validate()
    query = parse_query(q)
    if query.empty:
        return SearchResult([], 0, False)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        supplier_id = None
        if flt.supplier:
            supplier_id = s.execute(
                select(Organization.id).where(Organization.workspace_id == ws.id, Organization.key == flt.supplier)
            ).scalar_one_or_none()
            if supplier_id is None:
                raise LookupError(f"supplier: {flt.supplier!r} does not exist")

        def execute(sql: str, params: dict[str, Any]) -> list[Any]:
            result = s.execute(text(sql), params)
            return list(result.all()) if result.returns_rows else []

        pg = s.get_bind().dialect.name == "postgresql"
        return search_sql.search(
            execute, query, ws.id, flt, supplier_id, limit=limit, window=RANK_WINDOW, postgresql=pg
        )
