"""The first steps of a workspace (the dashboard's guide for a new dispute): which are done, and
where each is done next. Read-only counts."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import func, select

from ...store.db import unit_of_work
from ...store.models import Contract, Message, Organization, SupportRequest
from ...store.models_sla import SlaTerms
from ..context import Context
from ..workspaces import get_workspace


@dataclass(frozen=True)
class Step:
    key: str  # buyer | supplier | contract | mail | requests | terms (the page words each)
    href: str
    done: bool


def first_steps(ctx: Context, workspace: str) -> list[Step]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)

        def count(q: object) -> int:
            return int(s.execute(q).scalar_one())  # type: ignore[call-overload]

        roles = dict(
            s.execute(
                select(Organization.role, func.count(Organization.id))
                .where(Organization.workspace_id == ws.id)
                .group_by(Organization.role)
            ).all()
        )
        first_contract = s.execute(
            select(Contract.number)
            .where(Contract.workspace_id == ws.id, Contract.kind == "contract")
            .order_by(Contract.id)
            .limit(1)
        ).scalar_one_or_none()
        messages = count(select(func.count(Message.id)).where(Message.workspace_id == ws.id))
        requests = count(select(func.count(SupportRequest.id)).where(SupportRequest.workspace_id == ws.id))
        terms = count(select(func.count(SlaTerms.id)).where(SlaTerms.workspace_id == ws.id))
    terms_href = f"/sla/terms/{quote(first_contract, safe='')}" if first_contract else "/records/contracts/new"
    return [
        Step("buyer", "/buyer/edit", bool(roles.get("buyer"))),
        Step("supplier", "/suppliers#add", bool(roles.get("supplier"))),
        Step("contract", "/records/contracts/new", first_contract is not None),
        Step("mail", "/evidence", messages > 0),
        Step("requests", "/requests/suggestions", requests > 0),
        Step("terms", terms_href, terms > 0),
    ]
