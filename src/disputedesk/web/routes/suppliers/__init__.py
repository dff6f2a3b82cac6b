"""Supplier pages and API: profile, evidence per fact, due diligence, escalation matrix,
payment warnings, periodic reviews, scorecard and ranking (with server-rendered SVG charts).

Pages are forms that POST and redirect (no script needed, except the CSV upload which goes
through htmx like the evidence upload); every route depends on ``current_workspace`` or
``need(...)`` and passes ``access.slug`` to the service.

One module per use case: ``pages`` (the list, a supplier's page, creating and importing
suppliers, payment-warning review), ``forms`` (the forms on a supplier's page), ``api`` (the JSON
API), ``flagged`` (payment warnings by message, the dashboard panel), ``charts`` (the SVG charts).
Their routers are joined here: the pages, their forms, then the API.
"""

from __future__ import annotations

from fastapi import APIRouter

from . import api, forms, pages
from .charts import bar_chart, chart_env, line_chart
from .flagged import FlaggedMessage, dashboard_panels, flagged_messages

router = APIRouter()
for part in (pages.router, forms.router, api.api):
    router.include_router(part)

__all__ = ["FlaggedMessage", "bar_chart", "chart_env", "dashboard_panels", "flagged_messages", "line_chart", "router"]
