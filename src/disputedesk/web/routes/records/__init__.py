"""Pages of the dispute's own records: the buyer (own company), contracts with their amendments,
orders with their delivery and machines, payments; and the first steps of an empty workspace on
the dashboard.

The forms build the same typed commands as the JSON API (``services/records/models.py``); bad
input is the form again with what was typed and the message in the page's language (422). An
edit form sends only the fields that differ from the record, so the history shows real changes.

Routes live under ``/records`` (``/contracts/E-…`` are the contract-clarity pages of evidence
items); a contract number may contain ``/`` (``RF/2025/118``), hence the ``:path`` parameters,
registered after the fixed ones.

One module per record (``buyer``, ``contracts``, ``orders``, ``payments``) and the list
(``listing``); ``forms`` has what their forms share. Their routers are joined here in that order.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ....services.accounts import Access
from ....services.context import Context
from ....services.records.steps import first_steps
from . import buyer, contracts, listing, orders, payments

router = APIRouter(include_in_schema=False)
for part in (buyer, listing, contracts, orders, payments):
    router.include_router(part.router)
NAV = [(50, "Records", "/records")]


def dashboard_panels(ctx: Context, access: Access) -> list[tuple[str, dict[str, Any]]]:
    """The first steps of a workspace, shown until each is done."""
    steps = first_steps(ctx, access.slug)
    if all(s.done for s in steps):
        return []
    return [("records_steps.html", {"steps": steps, "can_edit": access.can("edit")})]
