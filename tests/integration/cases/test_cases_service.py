"""Dispute cases end to end through the services (SQLite and PostgreSQL): open a case, walk the
ladder, restart limitation by a demand letter, claims that add up exactly, bad input that
leaves nothing behind, recovery, and the demo dispute as a case."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from disputedesk.services import cases
from disputedesk.services.demo import load_demo_case
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import Case, LedgerEntry
from disputedesk.store.models_cases import CaseAcknowledgement, CaseClaim, CaseLink, CaseMoney, CaseStep

from records_fixtures import seed_acme

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
FACTS = {
    "governing_law": "CN",
    "contract_type": "international_sale",
    "cisg_applies": True,
    "received_on": "2025-03-10",
    "inspection_period_days": 30,
    "warranty_months": 12,
    "warranty_starts_on": None,
    "knowledge_on": "2025-06-02",
    "award_performance_deadline": None,
}


@pytest.fixture
def world(ctx):  # type: ignore[no-untyped-def]
    """A workspace with a supplier, a contract of 10 Jan 2025, a support request and 6 evidence items."""
    ctx.clock = lambda: NOW
    seed_acme(ctx, evidence=6)
    return ctx


def open_basic(ctx, **extra):  # type: ignore[no-untyped-def]
    data = {
        "title": "Acme: machine down",
        "supplier": "acme",
        "contract": "C-1",
        "issues": ["no_or_slow_support", "product_defect"],
        "opened_on": "2025-06-03",
        "amount_at_stake": "5000.00",
        "currency": "EUR",
        "support_requests": ["SR-0001"],
        "evidence": ["E-0001"],
        "breaches": ["SR-0001 first response 26 h late"],
        "facts": FACTS,
        **extra,
    }
    return cases.open_case(ctx, "default", data, actor="test")


def step(ctx, case_id, **kw):  # type: ignore[no-untyped-def]
    data = {"channel": "email", "recipient": "service@acme.example", **kw}
    return cases.add_step(ctx, "default", case_id, data, actor="test")


def limitation(view) -> date:  # type: ignore[no-untyped-def]
    return next(d.deadline.due for d in view.deadlines if d.deadline.kind == "limitation")


def counts(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        return {
            m.__name__: s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Case, CaseStep, CaseClaim, CaseMoney, CaseLink, CaseAcknowledgement, LedgerEntry)
        }


def test_open_case_walk_the_ladder_and_see_overdue_silence(world) -> None:
    ctx = world
    case_id = open_basic(ctx)
    v = cases.get_case(ctx, "default", case_id)
    assert v.number == "CASE-2025-001"
    assert [i.id for i in v.issues] == ["no_or_slow_support", "product_defect"]
    assert v.support_requests[0]["number"] == "SR-0001" and v.evidence[0]["label"] == "E-0001"
    assert v.breaches == ["SR-0001 first response 26 h late"]
    assert v.suggestion.step is not None and v.suggestion.step.value == "support_request"

    assert step(ctx, case_id, step="support_request", sent_on="2025-06-03", proof="E-0001") == 1
    v = cases.get_case(ctx, "default", "CASE-2025-001")
    s1 = v.steps[0]
    # 5-day default window: 3 June excluded, ends Sunday 8 June → next working day Monday 9 June (Art. 203)
    assert s1.response_due is not None and s1.response_due.due == date(2025, 6, 9)
    assert s1.outcome == "silence" and s1.overdue is not None
    assert v.suggestion.step is not None and v.suggestion.step.value == "formal_complaint"
    assert "no reply" in v.suggestion.reason

    # skipping straight to the lawyer's letter is refused, naming the field; with a reason it is accepted
    with pytest.raises(ValueError, match=r"^step: lawyer_demand skips formal_complaint, senior_management"):
        step(ctx, case_id, step="lawyer_demand", sent_on="2025-07-01", proof="E-0002")
    pos = step(
        ctx, case_id, step="lawyer_demand", sent_on="2025-07-01", proof="E-0002", override_reason="clause 14 escalation"
    )
    cases.record_reply(ctx, "default", case_id, pos, {"reply_on": "2025-07-05", "reply_evidence": "E-0003"}, actor="t")
    v = cases.get_case(ctx, "default", case_id)
    assert v.steps[1].outcome == "replied" and v.steps[1].reply_evidence == "E-0003"
    assert v.steps[1].override_reason == "clause 14 escalation"

    dash = cases.dashboard_data(ctx, "default")
    assert [(o["case"], o["step"]) for o in dash["overdue"]] == [("CASE-2025-001", "support_request")]
    with unit_of_work(ctx.engine) as s:
        actions = [a for (a,) in s.execute(select(LedgerEntry.action).where(LedgerEntry.subject == v.number))]
    assert actions == ["case.opened", "case.step_added", "case.step_added", "case.reply_recorded"]


def test_a_demand_letter_with_proof_of_delivery_restarts_limitation(world) -> None:
    ctx = world
    case_id = open_basic(ctx)
    step(ctx, case_id, step="support_request", sent_on="2025-06-03", proof="E-0001")
    before = limitation(cases.get_case(ctx, "default", case_id))
    # 4 years (Art. 594) from 2 June 2025 end on Saturday 2 June 2029 → Monday 4 June (Art. 203)
    assert before == date(2029, 6, 4)

    # a formal complaint without proof of delivery restarts nothing
    step(ctx, case_id, step="formal_complaint", sent_on="2025-07-01", cure_deadline="2025-07-31")
    v = cases.get_case(ctx, "default", case_id)
    assert limitation(v) == before and not v.steps[-1].restarts_limitation

    # the escalation letter delivered with proof restarts it, counted from the next day (Arts. 195, 201)
    step(ctx, case_id, step="senior_management", sent_on="2026-01-15", proof="E-0002")
    v = cases.get_case(ctx, "default", case_id)
    lim = next(d.deadline for d in v.deadlines if d.deadline.kind == "limitation")
    assert lim.due == date(2030, 1, 15)
    assert lim.inputs["demands"] == ["2026-01-15"]
    assert "Art. 594" in lim.rule and "Art. 195" in lim.rule
    assert lim.provisional  # 2030 holidays are not published yet
    assert any("restarts" in e for e in lim.explanation)
    assert v.steps[-1].restarts_limitation

    # an acknowledgement by the supplier restarts it again
    cases.add_acknowledgement(
        ctx, "default", case_id, {"on": "2026-03-02", "evidence": "E-0003", "summary": "promised repair"}, actor="t"
    )
    assert limitation(cases.get_case(ctx, "default", case_id)) == date(2030, 3, 4)  # 2 Mar 2030 is a Saturday


def test_claims_add_up_exactly_per_currency_and_convert_only_with_a_recorded_rate(world) -> None:
    ctx = world
    case_id = open_basic(ctx)
    for amount in ("0.10", "0.20", "2350.00", "22550.00", "64.50"):
        cases.add_claim(
            ctx,
            "default",
            case_id,
            {"kind": "repair", "amount": amount, "currency": "EUR", "evidence": ["E-0004"]},
            actor="t",
        )
    assert (
        cases.add_claim(
            ctx,
            "default",
            case_id,
            {"kind": "damages", "amount": "1000.01", "currency": "USD", "evidence": "E-0005", "lost_profit": "99.99"},
            actor="t",
        )
        == "H-6"
    )
    v = cases.get_case(ctx, "default", case_id)
    assert v.totals["EUR"].amount == Decimal("24964.80")  # 0.1 + 0.2 is exactly 0.30 here
    assert v.totals["USD"].amount == Decimal("1100.00")
    assert v.unconverted == ["USD"] and v.converted_total is None
    usd_head = v.heads[-1].head
    assert any("foreseeability" in w for w in usd_head.warnings)  # lost profit without foreseeability evidence

    cases.record_rate(
        ctx,
        "default",
        {"base": "USD", "quote": "EUR", "rate": "0.923456", "on": "2026-11-20", "source": "ECB"},
        actor="t",
    )
    v = cases.get_case(ctx, "default", case_id)
    # 1100.00 × 0.923456 = 1015.8016 → 1015.80 (half up), stated in the explanation
    assert v.converted_total is not None and v.converted_total.amount == Decimal("25980.60")
    assert "ECB" in v.conversions[0]["explanation"] and "0.923456" in v.conversions[0]["explanation"]
    with unit_of_work(ctx.engine) as s:
        stored = list(s.execute(select(CaseClaim.amount)).scalars())
    assert all(type(a) is Decimal for a in stored)
    assert json.loads(json.dumps(v.to_json()))["totals"] == {"EUR": "24964.80", "USD": "1100.00"}


BAD = [
    ("open", {"currency": "EUX", "amount_at_stake": "10"}, "currency"),
    ("open", {"amount_at_stake": "-5.00"}, "amount_at_stake"),
    ("open", {"amount_at_stake": 5.5}, "amount_at_stake"),
    ("open", {"opened_on": "2025-02-30"}, "opened_on"),
    ("open", {"issues": ["cheese"]}, "issues[0]"),
    ("open", {"support_requests": ["SR-0099"]}, "support_requests[0]"),
    ("open", {"facts": {**FACTS, "received_on": "2025-07-01"}}, "knowledge_on"),  # delivery after knowledge
    ("open", {"facts": {**FACTS, "colour": "red"}}, "colour"),
    ("open", {"nonsense": 1}, "nonsense"),
    ("step", {"step": "formal_complaint", "sent_on": "2024-12-01", "proof": "E-0002"}, "sent_on"),  # before contract
    ("step", {"step": "formal_complaint", "sent_on": "2025-13-01"}, "sent_on"),
    ("step", {"step": "formal_complaint", "sent_on": "2025-05-01", "proof": "E-0002"}, "sent_on"),  # before knowledge
    ("step", {"step": "support_request", "sent_on": "2025-06-03", "proof": "E-0999"}, "proof"),
    ("step", {"step": "support_request", "sent_on": "2027-01-01"}, "sent_on"),  # the future
    ("step", {"step": "mediation", "sent_on": "2025-06-03"}, "step"),  # skips rungs
    ("claim", {"kind": "repair", "amount": "-1.00", "currency": "EUR"}, "amount"),
    ("claim", {"kind": "repair", "amount": "1.00", "currency": "XYZ"}, "currency"),
    ("claim", {"kind": "repair", "amount": "1.001", "currency": "EUR"}, "amount"),
    ("claim", {"kind": "repair", "amount": "1.00", "currency": "EUR", "evidence": ["E-0999"]}, "evidence[0]"),
    ("claim", {"kind": "liquidated_damages", "amount": "1.00", "currency": "EUR"}, "clause"),
    ("money", {"kind": "receipt", "on": "2026-01-01", "amount": "10.00", "currency": "EUR"}, "evidence"),
    ("money", {"kind": "offer", "on": "2026-02-29", "amount": "10.00", "currency": "EUR"}, "on"),
    ("rate", {"base": "USD", "quote": "EUR", "rate": "0", "on": "2026-01-01", "source": "ECB"}, "rate"),
    ("rate", {"base": "USD", "quote": "EUR", "rate": "0.9", "on": "2026-01-01", "source": ""}, "source"),
]


def test_bad_input_names_the_field_and_stores_nothing(world) -> None:
    """Each bad input is refused with a message that starts with the field's name; no row, no ledger entry."""
    ctx = world
    case_id = open_basic(ctx)
    before = counts(ctx)
    for what, data, field in BAD:
        with pytest.raises(ValueError) as err:
            if what == "open":
                open_basic(ctx, **data)
            elif what == "step":
                step(ctx, case_id, **data)
            elif what == "claim":
                cases.add_claim(ctx, "default", case_id, data, actor="t")
            elif what == "money":
                cases.add_money(ctx, "default", case_id, data, actor="t")
            else:
                cases.record_rate(ctx, "default", data, actor="t")
        assert str(err.value).startswith(f"{field}:"), (what, data, str(err.value))
        assert counts(ctx) == before, (what, data)


def test_recovery_offers_settlement_received_outstanding(world) -> None:
    ctx = world
    case_id = open_basic(ctx)
    cases.add_claim(
        ctx, "default", case_id, {"kind": "refund_return", "amount": "3000.00", "currency": "EUR"}, actor="t"
    )
    cases.add_money(
        ctx,
        "default",
        case_id,
        {"kind": "offer", "on": "2026-02-01", "amount": "1000.00", "currency": "EUR"},
        actor="t",
    )
    v = cases.get_case(ctx, "default", case_id)
    assert v.recovery.best_open_offer[0].amount.amount == Decimal("1000.00")
    cases.add_money(
        ctx,
        "default",
        case_id,
        {"kind": "settlement", "on": "2026-03-01", "amount": "2500.00", "currency": "EUR", "evidence": "E-0005"},
        actor="t",
    )
    cases.add_money(
        ctx,
        "default",
        case_id,
        {"kind": "receipt", "on": "2026-03-20", "amount": "1500.00", "currency": "EUR", "evidence": "E-0006"},
        actor="t",
    )
    v = cases.get_case(ctx, "default", case_id)
    p = v.recovery.position("EUR")
    assert (p.claimed.amount, p.settled.amount, p.received.amount, p.outstanding.amount) == (  # type: ignore[union-attr]
        Decimal("3000.00"),
        Decimal("2500.00"),
        Decimal("1500.00"),
        Decimal("1000.00"),
    )
    assert v.status == "settled"


def test_platform_order_puts_the_platform_dispute_first(world) -> None:
    ctx = world
    case_id = open_basic(ctx, platform_order=True, receipt_confirmed_on="2026-11-10")
    v = cases.get_case(ctx, "default", case_id)
    assert v.platform is not None and v.platform["window_end"] == "2026-12-10"
    assert "not law" in v.platform["rule"] and "2026-11-26" in v.platform["rule"]  # dated configuration
    assert v.suggestion.step is not None and v.suggestion.step.value == "platform_dispute"
    assert v.suggestion.by == date(2026, 12, 10)
    dash = cases.dashboard_data(ctx, "default")
    assert any(c["kind"] == "ladder" and c["due"] == date(2026, 12, 10) for c in dash["coming"])


def test_the_demo_dispute_becomes_a_case_with_its_ladder_deadlines_and_claims(ctx) -> None:
    from disputedesk.services.demo import demo_dir, load_demo
    from disputedesk.services.workspaces import ensure_workspace

    ctx.clock = lambda: NOW
    ensure_workspace(ctx, "demo", "Demo")
    lines = load_demo(ctx, "demo")  # the demo loader opens the case
    assert any("CASE-2026-001" in line for line in lines), lines
    spec = json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8"))
    assert load_demo_case(ctx, "demo", spec) is None  # once
    v = cases.get_case(ctx, "demo", "CASE-2026-001")
    assert [(s.step.value, s.sent_on.isoformat()) for s in v.steps] == [
        ("support_request", "2026-03-27"),
        ("support_request", "2026-04-14"),
        ("formal_complaint", "2026-07-06"),
        ("senior_management", "2026-08-03"),
    ]
    assert all(s.proof for s in v.steps)
    assert v.steps[2].cure_deadline == date(2026, 7, 31) and v.steps[3].response_due.due == date(2026, 8, 14)  # type: ignore[union-attr]
    assert [s.restarts_limitation for s in v.steps] == [False, False, True, True]
    # the mandate to the buyer's own counsel is a note, not a demand to the supplier
    assert "counsel" not in " ".join(s.step.value for s in v.steps)
    assert v.notes and v.notes[0]["date"] == "2026-10-27"
    assert v.suggestion.step is not None and v.suggestion.step.value == "lawyer_demand"
    assert v.facts is not None and [d.isoformat() for d in v.facts.demands] == ["2026-07-06", "2026-08-03"]
    lim = next(d.deadline for d in v.deadlines if d.deadline.kind == "limitation")
    # restarted last by the general manager's promise of 10 Aug 2026: 4 years → Sat 10 Aug 2030 → Mon 12 Aug
    assert lim.due == date(2030, 8, 12) and lim.provisional
    kinds = {d.deadline.kind for d in v.deadlines}
    assert {"notice_prc", "notice_cisg", "limitation", "limitation_longstop"} <= kinds
    assert v.totals["EUR"].amount == Decimal("24964.50")
    assert [h.head.amount.amount for h in v.heads] == [Decimal("2350.00"), Decimal("22550.00"), Decimal("64.50")]
    assert all(h.head.evidence for h in v.heads)
    assert "Art. 584" in "; ".join(v.heads[1].head.basis)


def test_the_dashboard_reads_the_cached_case_rows(world, monkeypatch) -> None:
    """The dashboard builds a case's view only when its row for the day is not cached (the first
    view, or after the case changed), and shows the same items either way."""
    from disputedesk.services.cases import listing

    ctx = world
    first_id = open_basic(ctx)
    open_basic(ctx, title="Acme: second machine")
    step(ctx, first_id, step="support_request", sent_on="2025-06-03", proof="E-0001")
    built: list[int] = []
    real = listing._build_view

    def counting(s, ws, case, today):  # type: ignore[no-untyped-def]
        built.append(case.id)
        return real(s, ws, case, today)

    monkeypatch.setattr(listing, "_build_view", counting)
    first = cases.dashboard_data(ctx, "default")
    assert len(built) == 2 and [(o["case"], o["step"]) for o in first["overdue"]] == [
        ("CASE-2025-001", "support_request")
    ]
    assert cases.dashboard_data(ctx, "default") == first and len(built) == 2  # nothing rebuilt
    step(ctx, first_id, step="formal_complaint", sent_on="2025-07-01", proof="E-0002")
    after = cases.dashboard_data(ctx, "default")
    assert built[2:] == [first_id]  # only the changed case
    assert after["overdue"] != first["overdue"]
    assert cases.list_cases_json(ctx, "default")[0].keys() == {
        "id", "number", "title", "status", "opened_on", "supplier", "issues", "amount_at_stake", "steps",
        "last_step", "overdue_steps", "next_deadline", "claimed",
    }  # fmt: skip
