"""Case list rows are cached per case and day (``case_summary_cache``, filled by
``services/cases/listing.py``); this flush hook drops a case's row on any change to its records, and
a workspace's rows on a change to its exchange rates or parties, so a cached row is never stale.

:func:`register` is called by :func:`store.db.make_engine`, so every session of every engine has the
hook whatever modules the program imported (it used to be registered as a side effect of importing
the cases service).
"""

from __future__ import annotations

from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from .models import Case, Organization
from .models_cases import (
    CaseAcknowledgement,
    CaseClaim,
    CaseFacts,
    CaseLink,
    CaseMoney,
    CaseStep,
    CaseSummaryCache,
    ExchangeRateRecord,
)

_CASE_TABLES = (CaseFacts, CaseLink, CaseStep, CaseAcknowledgement, CaseClaim, CaseMoney)


def drop_stale_case_summaries(session: Session, _ctx: object, _instances: object) -> None:
    case_ids: set[int] = set()
    workspaces: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Case) and obj.id is not None:
            case_ids.add(obj.id)
        elif isinstance(obj, _CASE_TABLES) and getattr(obj, "case_id", None) is not None:
            case_ids.add(obj.case_id)
        elif isinstance(obj, ExchangeRateRecord | Organization):
            workspaces.add(obj.workspace_id)
    if case_ids:
        session.execute(delete(CaseSummaryCache).where(CaseSummaryCache.case_id.in_(case_ids)))
    if workspaces:
        session.execute(delete(CaseSummaryCache).where(CaseSummaryCache.workspace_id.in_(workspaces)))


def register() -> None:
    """Install the hook on every Session (once; calling again does nothing)."""
    if not event.contains(Session, "before_flush", drop_stale_case_summaries):
        event.listen(Session, "before_flush", drop_stale_case_summaries)
