"""What every SLA use case shares: finding the supplier, contract and request; reading a time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.text import T
from ...store.models import Contract, Organization, Workspace
from ...store.models import SupportRequest as RequestRow

# --------------------------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------------------------


def _supplier(s: Session, ws: Workspace, key: str) -> Organization:
    org = s.execute(
        select(Organization).where(
            Organization.workspace_id == ws.id, Organization.key == key, Organization.role == "supplier"
        )
    ).scalar_one_or_none()
    if org is None:
        # a sentence, so that a page says it in its language (the API's 404 body in English)
        raise LookupError(T("supplier '%(key)s' does not exist in this workspace", key=key))
    return org


def _contract(s: Session, ws: Workspace, number: str) -> Contract:
    c = s.execute(
        select(Contract).where(Contract.workspace_id == ws.id, Contract.number == number).order_by(Contract.id).limit(1)
    ).scalar_one_or_none()
    if c is None:
        raise LookupError(T("contract '%(number)s' does not exist in this workspace", number=number))
    return c


def _request(s: Session, ws: Workspace, number: str) -> RequestRow:
    r = s.execute(
        select(RequestRow).where(RequestRow.workspace_id == ws.id, RequestRow.number == number)
    ).scalar_one_or_none()
    if r is None:
        raise LookupError(T("support request '%(number)s' does not exist in this workspace", number=number))
    return r


def _aware(dt: datetime | None, what: str) -> datetime | None:
    if dt is None:
        return None
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what}: {dt.isoformat()} has no UTC offset")
    return dt


# Kept (issue 14): a bad ``as_of`` (POST /api/sla/evaluate, ``sla evaluate --as-of``) is a 400, not a 422.
def parse_time(value: str | datetime | None, what: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value, what)
    try:
        dt = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{what}: {value!r} is not an ISO 8601 time such as 2026-03-27T16:40+01:00") from None
    return _aware(dt, what)
