"""A small dispute (a supplier, a contract, support requests, evidence, cases) for the race tests."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from disputedesk.services import cases
from disputedesk.services.context import Context
from disputedesk.services.imports import Candidate, import_candidates
from disputedesk.services.workspaces import get_workspace
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import Contract, Organization, SupportRequest

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def open_case(ctx: Context, n: int) -> int:
    return cases.open_case(
        ctx,
        "default",
        {
            "title": f"Acme: machine {n} down",
            "supplier": "acme",
            "contract": "C-1",
            "issues": ["no_or_slow_support"],
            "opened_on": "2025-06-03",
            "support_requests": ["SR-0001"],
            "evidence": ["E-0001"],
        },
        actor="test",
    )


@pytest.fixture
def dispute(ctx: Context) -> Context:
    """A workspace with a supplier, a contract, a support request, 3 evidence items and 3 cases."""
    ctx.clock = lambda: NOW
    import_candidates(
        ctx,
        "default",
        [Candidate(f"doc{i}.txt", f"test:doc{i}", (lambda i=i: io.BytesIO(f"letter {i}".encode()))) for i in (1, 2, 3)],
        actor="test",
    )
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, "default")
        sup = Organization(workspace_id=ws.id, key="acme", role="supplier", name_en="Acme Laser Co., Ltd.")
        s.add(Organization(workspace_id=ws.id, key="buyer", role="buyer", name_en="Buyer GmbH"))
        s.add(sup)
        s.flush()
        s.add(
            Contract(
                workspace_id=ws.id,
                kind="contract",
                supplier_id=sup.id,
                number="C-1",
                signed_on=date(2025, 1, 10),
                currency="EUR",
                total=Decimal("100000.00"),
            )
        )
        s.add(
            SupportRequest(
                workspace_id=ws.id,
                number="SR-0001",
                supplier_id=sup.id,
                title="machine down",
                opened_at=datetime(2025, 6, 3, 8, 0, tzinfo=UTC),
            )
        )
    for n in (1, 2, 3):
        open_case(ctx, n)
    return ctx


def together(n: int, fn: Callable[[int], Any]) -> list[Any]:
    """Run ``fn(0) … fn(n-1)`` on n threads at once; return their results, raising the first error."""
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            results[i] = fn(i)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    if errors:
        raise errors[0]
    return results
