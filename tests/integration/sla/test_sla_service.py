"""SLA engine wired end to end (SQLite and PostgreSQL): terms versions, evaluation from stored
messages, stored results, a calendar change reported, the per-supplier report, the demo loader."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from disputedesk.services import sla
from disputedesk.services.demo import load_demo_sla
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry
from disputedesk.store.models_sla import SlaResult

from sla_fixtures import TERMS, seed, t

AS_OF = t("2026-05-01T00:00:00+00:00")


@pytest.fixture
def seeded(ctx):  # type: ignore[no-untyped-def]
    ids = seed(ctx)
    sla.set_terms(ctx, "default", TERMS, contract_number="SC-1", valid_from=t("2026-01-01T00:00+08:00"), actor="t")
    return ctx, ids


def test_terms_are_versioned_and_drafts_wait_for_confirmation(seeded) -> None:
    ctx, _ = seeded
    changed = {**TERMS, "severities": {**TERMS["severities"], "critical": {"first_response": "2h"}}}
    v2 = sla.set_terms(
        ctx, "default", changed, contract_number="SC-1", valid_from=t("2026-04-15T00:00+08:00"), actor="t"
    )
    draft = sla.create_draft_terms(
        ctx, "default", "SC-1", {"severities": {"critical": {"first_response": "1h"}}}, "clause 6"
    )
    hist = sla.terms_history(ctx, "default", contract_number="SC-1")
    assert [(v.version, v.status) for v in hist] == [(3, "draft"), (2, "confirmed"), (1, "confirmed")]
    # the old version is kept with its valid-from, unchanged
    assert hist[2].valid_from == t("2026-01-01T00:00+08:00")
    assert hist[2].terms["severities"]["critical"]["first_response"] == {
        "amount": 14400,
        "unit": "s",
        "days_mode": "hours",
    }
    assert v2.terms["severities"]["critical"]["first_response"]["amount"] == 7200
    assert draft.status == "draft" and draft.source == "clause 6"
    # a request opened before v2 is judged under v1 (4 h): the draft (1 h) is not used
    sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t")
    d = sla.request_detail(ctx, "default", "SR-0001")
    fr = next(x for x in d.evaluation.deadlines if x.kind == "first_response")
    assert str(fr.target) == "4h" and fr.deadline.isoformat() == "2026-03-30T14:00:00+08:00"
    confirmed = sla.confirm_terms(ctx, "default", contract_number="SC-1", actor="t")
    assert confirmed.version == 3 and confirmed.status == "confirmed"
    with pytest.raises(ValueError, match="already confirmed"):
        sla.confirm_terms(ctx, "default", contract_number="SC-1", version=3, actor="t")
    with pytest.raises(ValueError, match="severities"):
        sla.set_terms(ctx, "default", {"severities": {}}, contract_number="SC-1", actor="t")
    with pytest.raises(LookupError, match="NOPE"):
        sla.set_terms(ctx, "default", TERMS, contract_number="NOPE", actor="t")
    with unit_of_work(ctx.engine) as s:
        actions = [e.action for e in s.execute(select(LedgerEntry).order_by(LedgerEntry.seq)).scalars()]
    assert actions.count("sla.terms.set") == 3 and "sla.terms.confirmed" in actions


def test_evaluation_from_stored_messages(seeded) -> None:
    ctx, _ = seeded
    rep = sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t")
    assert rep.requests == 2 and rep.new == 2 and rep.by_status == {"breached": 1, "met": 1}
    rows = {r.number: r for r in sla.list_requests(ctx, "default")}
    assert rows["SR-0001"].sla_status == "breached" and rows["SR-0002"].sla_status == "met"
    d = sla.request_detail(ctx, "default", "SR-0001")
    fr = next(x for x in d.evaluation.deadlines if x.kind == "first_response")
    # Friday 23:40 Shanghai: clock starts Monday 09:00; 4 business hours -> Monday 14:00.
    # The auto-reply (at once) and the bare acknowledgement (Monday 10:15) do not stop it.
    assert fr.deadline.isoformat() == "2026-03-30T14:00:00+08:00"
    assert fr.status.value == "breached"
    assert fr.satisfied_at == t("2026-04-01T17:20:00+08:00")
    assert fr.late_business_seconds == 19 * 3600 + 20 * 60
    flags = {tl.what[:4]: tl.flags for tl in d.timeline}
    assert flags["自动回复"] == ["automatic reply: never counts"]
    assert flags["收到，我"] == ["bare acknowledgement (rule)"]
    text = fr.explanation.render()
    assert "2026-03-28 Sat  skipped  weekend" in text and "buyer: 2026-03-30 03:00:00-06:00:00 CEST" in text
    # stored, with the calendar version
    with unit_of_work(ctx.engine) as s:
        res = {r.support_request_id: r for r in s.execute(select(SlaResult)).scalars()}
    stored = [r for r in res.values() if r.status == "breached"][0]
    assert stored.calendar_version.startswith("cn/") and stored.breaches == 3
    assert stored.first_response_seconds == fr.late_business_seconds + 4 * 3600


def test_rerun_is_deterministic_and_a_calendar_change_is_reported(seeded) -> None:
    ctx, _ = seeded
    first = sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t")
    again = sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t")
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
    before = sla.get_calendar(ctx, "default", "acme").calendar_version
    # the factory was closed on Monday 30 March (a closure linked to evidence would name E-…)
    sla.add_closure(ctx, "default", "acme", date(2026, 3, 30), date(2026, 3, 30), "factory closed", actor="t")
    after = sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t")
    assert after.changed == 1 and first.run_id < after.run_id
    change = after.changes[0]
    assert change["request"] == "SR-0001"
    assert change["calendar"]["before"] == before and change["calendar"]["after"] != before
    fr = next(c for c in change["deadlines"] if c["deadline"] == "first_response #1")
    assert fr["before"]["deadline"] == "2026-03-30T06:00:00+00:00"
    assert fr["after"]["deadline"] == "2026-03-31T06:00:00+00:00"
    d = sla.request_detail(ctx, "default", "SR-0001")
    assert "supplier closure: factory closed" in d.evaluation.deadlines[0].explanation.render()
    with pytest.raises(LookupError, match="E-0999"):
        sla.add_closure(ctx, "default", "acme", date(2026, 5, 1), date(2026, 5, 2), "x", "E-0999", actor="t")


def test_supplier_report_and_pause_event(seeded) -> None:
    ctx, _ = seeded
    sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t")
    [rep] = sla.supplier_report(ctx, "default", "acme")
    o = rep.overall
    assert o["requests"] == 2 and o["breached"] == 3 and o["met"] == 1
    assert o["breaches_by_severity"] == {"critical": 3}
    assert o["median_first_response_seconds"] == 5220  # SR-0002: 1 h 27 min
    # first response 2 days 3 h 20 min late in calendar time: 3 started days x EUR 100
    assert o["damages_owed"] == {"EUR": {"amount": "300.00", "currency": "EUR"}}
    assert [p.label for p in rep.points] == ["first response", "first response"]
    # waiting for the buyer from Monday 09:00 to Tuesday 09:00 moves the first-response deadline
    sla.add_event(ctx, "default", "SR-0001", "waiting_for_buyer_start", t("2026-03-30T09:00+08:00"), actor="t")
    sla.add_event(ctx, "default", "SR-0001", "waiting_for_buyer_end", t("2026-03-31T09:00+08:00"), actor="t")
    rep2 = sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t")
    assert rep2.changed == 1
    fr = sla.request_detail(ctx, "default", "SR-0001").evaluation.deadlines[0]
    assert fr.deadline.isoformat() == "2026-03-31T14:00:00+08:00"
    with pytest.raises(ValueError, match="kind"):
        sla.add_event(ctx, "default", "SR-0001", "lunch", t("2026-03-31T09:00+08:00"), actor="t")


def test_demo_loader_is_tolerant_and_uses_the_contract_terms(ctx) -> None:
    seed(ctx)
    spec = {
        "suppliers": [{"key": "acme", "timezone": "Asia/Shanghai", "calendar": "cn"}],
        "contracts": [
            {
                "key": "c",
                "supplier": "acme",
                "number": "SC-1",
                "signed_on": "2025-10-14",
                "support_terms": {
                    "source": "Art. 6.5",
                    "first_response": {"value": 24, "unit": "hours", "basis": "unspecified"},
                },
            }
        ],
        "support_requests": [{"key": "a", "messages": ["mail/none.eml"]}, {"key": "b", "resolved_at": None}],
    }
    lines = load_demo_sla(ctx, "default", spec)
    assert "SLA terms and calendars loaded" in lines
    [v] = sla.terms_history(ctx, "default", contract_number="SC-1")
    assert v.terms["respond_to_every_buyer_message"] is True and "24 h read as business hours" in v.terms["label"]
    rows = {r.number: r for r in sla.list_requests(ctx, "default")}
    # 24 business hours from Monday 09:00: the Wednesday 17:20 answer is in time
    assert rows["SR-0001"].sla_status == "met" and rows["SR-0002"].sla_status == "met"
    again = load_demo_sla(ctx, "default", spec)  # loading twice adds nothing
    assert "SLA terms and calendars loaded" not in again
    assert len(sla.terms_history(ctx, "default", contract_number="SC-1")) == 1


def test_availability_and_service_credits_from_outage_events(ctx) -> None:
    """The worked example of docs/sla.md section 5: June 2026, fee EUR 12,000, target 99.5 %,
    2 h announced maintenance, outages of 6 h and 2 h overlapping -> 99.095 %, credit EUR 600."""
    seed(ctx)
    terms = {
        **TERMS,
        "availability": {"target_percent": "99.5", "window": "month"},
        "service_credits": {
            "tiers": [
                {"below_percent": "99.5", "credit_percent": "5"},
                {"below_percent": "99.0", "credit_percent": "10"},
            ],
            "cap_percent": "20",
        },
        "fee": {"amount": "12000.00", "currency": "EUR"},
    }
    sla.set_terms(ctx, "default", terms, contract_number="SC-1", valid_from=t("2026-01-01T00:00+08:00"), actor="t")
    ev = [
        ("SR-0001", "maintenance_start", "2026-06-10T01:00+08:00"),
        ("SR-0001", "maintenance_end", "2026-06-10T03:00+08:00"),
        ("SR-0001", "outage_start", "2026-06-10T02:00+08:00"),
        ("SR-0001", "outage_end", "2026-06-10T08:00+08:00"),
        ("SR-0002", "outage_start", "2026-06-10T07:30+08:00"),
        ("SR-0002", "outage_end", "2026-06-10T09:30+08:00"),
    ]
    for number, kind, at in ev:
        sla.add_event(ctx, "default", number, kind, t(at), actor="t")
    sla.evaluate_all(ctx, "default", as_of=t("2026-07-15T00:00+00:00"), actor="t")
    [rep] = sla.supplier_report(ctx, "default", "acme")
    [june] = rep.availability
    assert june["percent"] == "99.095" and june["met"] is False
    assert rep.credits[0]["amount"] == {"amount": "600.00", "currency": "EUR"}
    assert rep.overall["credits_owed"] == {"EUR": {"amount": "600.00", "currency": "EUR"}}


def test_parallel_workers_store_the_same_results(seeded) -> None:
    ctx, _ = seeded
    one = sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t", workers=2, chunk=1)
    assert (one.requests, one.new, one.by_status) == (2, 2, {"breached": 1, "met": 1})
    with unit_of_work(ctx.engine) as s:
        fps = sorted(r.fingerprint for r in s.execute(select(SlaResult)).scalars())
    again = sla.evaluate_all(ctx, "default", as_of=AS_OF, actor="t", workers=1)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
    with unit_of_work(ctx.engine) as s:
        assert sorted(r.fingerprint for r in s.execute(select(SlaResult)).scalars()) == fps
