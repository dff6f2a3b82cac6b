"""Incremental SLA evaluation (SQLite and PostgreSQL): a re-run evaluates exactly the requests
whose inputs changed - a message, an event, the request row, their supplier's terms or calendar -
or whose next deadline passed, and what it keeps is what a full evaluation would store."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, update

from disputedesk.services import sla
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import Contract, Message, Organization, SupportRequest, Workspace
from disputedesk.store.models_sla import SlaResult

from sla_fixtures import TERMS, seed, t

AS_OF = t("2026-05-01T00:00:00+00:00")


@pytest.fixture
def seeded(ctx):  # type: ignore[no-untyped-def]
    """acme (SR-0001, SR-0002 from the fixtures, SR-0003 pending) and a second supplier, beta
    (SR-0004), each with its own contract and terms."""
    ids = seed(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = s.query(Workspace).filter_by(slug="default").one()
        beta = Organization(workspace_id=ws.id, key="beta", role="supplier", name_en="Beta Ltd.", details={})
        s.add(beta)
        s.flush()
        s.add(Contract(workspace_id=ws.id, kind="contract", supplier_id=beta.id, number="SC-2"))
        # Thursday 30 April, 10:00 Shanghai, critical: first response due 15:00 the same day.
        r3 = SupportRequest(
            workspace_id=ws.id,
            number="SR-0003",
            supplier_id=ids["supplier"],
            title="Chiller alarm",
            severity="critical",
            opened_at=t("2026-04-30T10:00:00+08:00"),
        )
        r4 = SupportRequest(
            workspace_id=ws.id,
            number="SR-0004",
            supplier_id=beta.id,
            title="Manual missing",
            severity="normal",
            opened_at=t("2026-04-20T09:00:00+08:00"),
        )
        s.add_all([r3, r4])
        s.flush()
        for req, at, direction, text in (
            (r3, "2026-04-30T10:00:00+08:00", "buyer->supplier", "Chiller alarm 12, machine stopped."),
            (r4, "2026-04-20T09:00:00+08:00", "buyer->supplier", "Please send the manual."),
            (r4, "2026-04-20T11:00:00+08:00", "supplier->buyer", "The manual is attached."),
        ):
            s.add(Message(workspace_id=ws.id, support_request_id=req.id, direction=direction, sent_at=t(at), text=text))
        ids.update(r3=r3.id, r4=r4.id, beta=beta.id)
    start = t("2026-01-01T00:00+08:00")
    sla.set_terms(ctx, "default", TERMS, contract_number="SC-1", valid_from=start, actor="t")
    sla.set_terms(ctx, "default", TERMS, contract_number="SC-2", valid_from=start, actor="t")
    return ctx, ids


def stored(ctx: Any) -> dict[str, tuple[Any, ...]]:
    """Every stored result as (status, fingerprint, deadlines), by request number."""
    with unit_of_work(ctx.engine) as s:
        rows = s.execute(
            select(SupportRequest.number, SlaResult.status, SlaResult.fingerprint, SlaResult.data).join(
                SlaResult, SlaResult.support_request_id == SupportRequest.id
            )
        ).all()
    return {n: (st, fp, data["deadlines"]) for n, st, fp, data in rows}


def run(ctx: Any, as_of: Any = AS_OF, **kw: Any) -> sla.RunReport:
    return sla.evaluate_all(ctx, "default", as_of=as_of, actor="t", **kw)


def evaluated(rep: sla.RunReport) -> int:
    return rep.requests - rep.reused


def test_a_rerun_with_nothing_changed_evaluates_nothing(seeded) -> None:
    ctx, _ = seeded
    first = run(ctx)
    assert (first.requests, first.new, evaluated(first)) == (4, 4, 4)
    before = stored(ctx)
    again = run(ctx)
    assert (again.requests, again.reused, again.unchanged, again.new, again.changed) == (4, 4, 4, 0, 0)
    assert again.by_status == first.by_status and again.to_dict()["evaluated"] == 0
    assert stored(ctx) == before
    # a little later, before any pending deadline: still nothing to do
    assert evaluated(run(ctx, t("2026-05-01T00:30:00+00:00"))) == 0


def test_a_changed_message_re_evaluates_exactly_its_request(seeded) -> None:
    ctx, ids = seeded
    run(ctx)
    # SR-0004's answer now comes two days later (edited in place, as a correction would)
    with unit_of_work(ctx.engine) as s:
        s.execute(
            update(Message)
            .where(Message.support_request_id == ids["r4"], Message.direction == "supplier->buyer")
            .values(sent_at=t("2026-04-22T11:00:00+08:00"))
        )
    rep = run(ctx)
    assert evaluated(rep) == 1 and rep.changed == 1 and [c["request"] for c in rep.changes] == ["SR-0004"]
    assert stored(ctx)["SR-0004"][0] == "breached"
    # a new message (the ORM) and a message moved to another request (Core): those requests only
    with unit_of_work(ctx.engine) as s:
        ws_id = s.query(Workspace).filter_by(slug="default").one().id
        s.add(
            Message(
                workspace_id=ws_id,
                support_request_id=ids["r3"],
                direction="supplier->buyer",
                sent_at=t("2026-04-30T11:00:00+08:00"),
                text="Please reset the chiller with the key switch, then restart.",
            )
        )
    assert evaluated(rep := run(ctx)) == 1 and rep.changes[0]["request"] == "SR-0003"
    with unit_of_work(ctx.engine) as s:
        s.execute(
            update(Message)
            .where(Message.support_request_id == ids["r3"], Message.direction == "supplier->buyer")
            .values(support_request_id=ids["r4"])
        )
    assert evaluated(run(ctx)) == 2
    # a change the SLA does not read (the thread, the language) re-evaluates nothing
    with unit_of_work(ctx.engine) as s:
        s.execute(update(Message).values(language="en"))
    assert evaluated(run(ctx)) == 0


def test_an_event_or_a_request_edit_re_evaluates_exactly_that_request(seeded) -> None:
    ctx, ids = seeded
    run(ctx)
    sla.add_event(ctx, "default", "SR-0001", "resolved", t("2026-04-02T10:00+08:00"), actor="t")
    rep = run(ctx)
    assert evaluated(rep) == 1 and [c["request"] for c in rep.changes] == ["SR-0001"]
    with unit_of_work(ctx.engine) as s:
        s.execute(update(SupportRequest).where(SupportRequest.id == ids["r4"]).values(severity="critical"))
    rep = run(ctx)
    assert evaluated(rep) == 1 and [c["request"] for c in rep.changes] == ["SR-0004"]


def test_a_new_terms_version_or_calendar_re_evaluates_only_that_suppliers_requests(seeded) -> None:
    ctx, _ = seeded
    run(ctx)
    faster = {**TERMS, "severities": {**TERMS["severities"], "normal": {"first_response": "1h"}}}
    sla.set_terms(ctx, "default", faster, contract_number="SC-2", valid_from=t("2026-01-01T00:00+08:00"), actor="t")
    rep = run(ctx)
    assert evaluated(rep) == 1  # beta's SR-0004 (answered after 2 h: now late), none of acme's
    assert [c["request"] for c in rep.changes] == ["SR-0004"]
    # a draft is not used: nothing to do
    sla.create_draft_terms(ctx, "default", "SC-1", {"severities": {"critical": {"first_response": "1h"}}}, "x")
    assert evaluated(run(ctx)) == 0
    sla.add_closure(ctx, "default", "acme", date(2026, 3, 30), date(2026, 3, 30), "factory closed", actor="t")
    rep = run(ctx)
    assert evaluated(rep) == 3  # SR-0001..3: acme's calendar
    assert [c["request"] for c in rep.changes] == ["SR-0001"]


def test_a_passed_deadline_turns_into_a_breach_on_the_next_run(seeded) -> None:
    ctx, _ = seeded
    morning = t("2026-04-30T11:00:00+08:00")
    first = run(ctx, morning)
    assert stored(ctx)["SR-0003"][0] == "pending"
    # 14:59: the first response (4 business hours, lunch 12-13: due 15:00) has not passed
    assert evaluated(run(ctx, t("2026-04-30T14:59:00+08:00"))) == 0
    rep = run(ctx, t("2026-04-30T15:00:01+08:00"))
    assert evaluated(rep) == 1 and [c["request"] for c in rep.changes] == ["SR-0003"]
    assert stored(ctx)["SR-0003"][0] == "breached"
    assert rep.by_status["breached"] == first.by_status.get("breached", 0) + 1
    # going back in time judges again what was judged for a later time (the deadline is pending
    # once more); the others were last judged for the morning and stay ...
    back = run(ctx, morning)
    assert evaluated(back) == 1 and stored(ctx)["SR-0003"][0] == "pending"
    # ... and only once: the results are now for the earlier time
    assert evaluated(run(ctx, morning)) == 0


def test_what_is_kept_is_what_a_full_evaluation_stores(seeded) -> None:
    ctx, ids = seeded
    run(ctx, t("2026-04-30T11:00:00+08:00"), chunk=1)
    sla.add_event(ctx, "default", "SR-0004", "waiting_for_buyer_start", t("2026-04-20T10:00+08:00"), actor="t")
    with unit_of_work(ctx.engine) as s:
        s.execute(update(Message).where(Message.support_request_id == ids["r1"]).values(direction="buyer->supplier"))
    # several parts (chunk=1), some with ids left out: the listed-ids path; then a full run
    part = run(ctx, AS_OF, chunk=1, workers=2)
    assert evaluated(part) == 3  # SR-0001 and SR-0004 changed; SR-0003's deadline passed
    kept = stored(ctx)
    full = run(ctx, AS_OF, full=True)
    assert (evaluated(full), full.changed, full.new) == (4, 0, 0)
    assert stored(ctx) == kept
