"""A small dispute (a supplier, a contract, support requests, evidence, cases) for the race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from disputedesk.services import cases
from disputedesk.services.context import Context

from records_fixtures import seed_acme

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
    seed_acme(ctx, evidence=3)
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
