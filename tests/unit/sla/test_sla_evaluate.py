"""SLA evaluation of support requests: deadlines, breaches, pauses, reopen, terms changes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from disputedesk.domain.bizcal import BusinessCalendar, Closure, DaysMode, Duration
from disputedesk.domain.sla import (
    Direction,
    Event,
    EventKind,
    LiquidatedDamages,
    Message,
    Money,
    ReopenRule,
    SeverityTerms,
    Status,
    SupportRequest,
    SupportTerms,
    compare,
    evaluate,
    liquidated_damages,
    supplier_stats,
)

T = datetime.fromisoformat
H = 3600
CAL = BusinessCalendar()  # Mon-Fri 09:00-12:00, 13:00-18:00 Asia/Shanghai, official cn
B, S = Direction.BUYER, Direction.SUPPLIER


def terms(**kw: object) -> SupportTerms:
    sev = {k: kw.pop(k) for k in ("first_response", "update_interval", "resolution", "workaround") if k in kw}
    parsed = {k: Duration.parse(v) if isinstance(v, str) else v for k, v in sev.items()}
    return SupportTerms({"P2": SeverityTerms(**parsed)}, **kw)  # type: ignore[arg-type]


def req(*items: Message | Event, opened: str | None = None, **kw: object) -> SupportRequest:
    msgs = tuple(i for i in items if isinstance(i, Message))
    evs = tuple(i for i in items if isinstance(i, Event))
    return SupportRequest(
        "SR-1",
        "Acme Laser Co.",
        "P2",
        msgs,
        evs,
        T(opened) if opened else None,
        **kw,  # type: ignore[arg-type]
    )


def by_kind(ev, kind: str, seq: int = 1):  # type: ignore[no-untyped-def]
    return next(d for d in ev.deadlines if d.kind == kind and d.seq == seq)


def test_reply_exactly_at_deadline_is_on_time() -> None:
    t = terms(first_response="4h")
    opened = "2026-03-02T10:00+08:00"  # Monday; deadline 15:00
    on_time = evaluate(req(Message(T("2026-03-02T15:00:00+08:00"), S), opened=opened), t, CAL)
    fr = by_kind(on_time, "first_response")
    assert fr.deadline == T("2026-03-02T15:00+08:00")
    assert fr.status == Status.MET
    # Fractions of a second are dropped: 15:00:00.9 is still 15:00:00.
    frac = evaluate(req(Message(T("2026-03-02T15:00:00.900+08:00"), S), opened=opened), t, CAL)
    assert by_kind(frac, "first_response").status == Status.MET
    late = evaluate(req(Message(T("2026-03-02T15:00:01+08:00"), S), opened=opened), t, CAL)
    fr = by_kind(late, "first_response")
    assert fr.status == Status.BREACHED
    assert (fr.late_business_seconds, fr.late_calendar_seconds) == (1, 1)
    assert "exactly at the deadline is on time" in fr.summary()


def test_late_answer_stays_a_breach_measured_in_both_times() -> None:
    t = terms(first_response="4h")
    ev = evaluate(req(Message(T("2026-03-03T10:00+08:00"), S), opened="2026-03-02T10:00+08:00"), t, CAL)
    fr = by_kind(ev, "first_response")
    assert fr.status == Status.BREACHED
    assert fr.late_business_seconds == 4 * H  # 15-18 Mon + 09-10 Tue
    assert fr.late_calendar_seconds == 19 * H
    assert fr.satisfied_at == T("2026-03-03T10:00+08:00")
    text = fr.explanation.render()
    assert "BREACHED" in text and "late by 4h00m00s business time" in text


def test_unanswered_breach_continues_until_as_of_and_next_is_earliest_pending() -> None:
    t = terms(first_response="4h", resolution=Duration.working_days(3, DaysMode.END_OF_DAY))
    r = req(opened="2026-03-02T10:00+08:00")
    early = evaluate(r, t, CAL, as_of=T("2026-03-02T11:00+08:00"))
    assert [d.status for d in early.deadlines] == [Status.PENDING, Status.PENDING]
    assert early.next is not None and early.next.kind == "first_response"
    assert early.next.remaining_business_seconds == 3 * H
    at_deadline = evaluate(r, t, CAL, as_of=T("2026-03-02T15:00+08:00"))
    assert by_kind(at_deadline, "first_response").status == Status.PENDING
    later = evaluate(r, t, CAL, as_of=T("2026-03-03T10:00+08:00"))
    fr = by_kind(later, "first_response")
    assert fr.status == Status.BREACHED and fr.continuing
    assert fr.late_business_seconds == 4 * H
    assert later.next is not None and later.next.kind == "resolution"
    assert later.next.deadline == T("2026-03-05T18:00+08:00")


def test_clock_runs_from_oldest_unanswered_message_auto_reply_and_ack_do_not_stop_it() -> None:
    items = (
        Message(T("2026-03-02T10:00+08:00"), B, ref="E-1"),
        Message(T("2026-03-02T10:00:05+08:00"), S, is_auto_reply=True, ref="E-2"),
        Message(T("2026-03-02T11:00+08:00"), B, ref="E-3"),
        Message(T("2026-03-02T11:30+08:00"), S, is_acknowledgement=True, ref="E-4"),
        Message(T("2026-03-02T14:00+08:00"), B, ref="E-5"),
        Message(T("2026-03-02T16:00+08:00"), S, ref="E-6"),
    )
    ev = evaluate(req(*items), terms(first_response="4h"), CAL)
    fr = by_kind(ev, "first_response")
    assert fr.clock_start == T("2026-03-02T10:00+08:00")
    assert fr.status == Status.BREACHED and fr.satisfied_ref == "E-6"
    assert fr.late_business_seconds == 1 * H
    # Where the contract says an acknowledgement counts, it stops the clock.
    ev = evaluate(req(*items), terms(first_response="4h", acknowledgement_counts=True), CAL)
    fr = by_kind(ev, "first_response")
    assert fr.status == Status.MET and fr.satisfied_ref == "E-4"


def test_each_later_buyer_message_gets_its_own_response_deadline() -> None:
    items = (
        Message(T("2026-03-02T10:00+08:00"), B),
        Message(T("2026-03-02T11:00+08:00"), S),
        Message(T("2026-03-03T09:30+08:00"), B),
        Message(T("2026-03-03T10:00+08:00"), B),
        Message(T("2026-03-03T15:00+08:00"), S),
    )
    ev = evaluate(req(*items), terms(first_response="4h", respond_to_every_buyer_message=True), CAL)
    assert by_kind(ev, "first_response").status == Status.MET
    r2 = by_kind(ev, "response", 2)
    assert r2.clock_start == T("2026-03-03T09:30+08:00")
    assert r2.deadline == T("2026-03-03T14:30+08:00")
    assert r2.status == Status.BREACHED and r2.late_business_seconds == 30 * 60


def test_first_response_and_shorter_update_interval_evaluated_separately() -> None:
    items = (
        Message(T("2026-03-02T10:00+08:00"), B),
        Message(T("2026-03-02T17:00+08:00"), S),  # first response, within 8h
        Message(T("2026-03-03T09:30+08:00"), S),  # update due Tue 10:00: met
        Message(T("2026-03-03T14:00+08:00"), S),  # update due Tue 11:30: late 1h30 business
        Event(T("2026-03-03T15:00+08:00"), EventKind.RESOLVED),  # before the next update is due
    )
    t = terms(first_response="8h", update_interval="2h", resolution="2wd")
    ev = evaluate(req(*items), t, CAL)
    fr = by_kind(ev, "first_response")
    assert fr.deadline == T("2026-03-03T10:00+08:00") and fr.status == Status.MET
    u1, u2 = by_kind(ev, "update", 1), by_kind(ev, "update", 2)
    assert (u1.deadline, u1.status) == (T("2026-03-03T10:00+08:00"), Status.MET)
    assert (u2.deadline, u2.status) == (T("2026-03-03T11:30+08:00"), Status.BREACHED)
    assert (u2.late_business_seconds, u2.late_calendar_seconds) == (90 * 60, 150 * 60)
    assert not any(d.kind == "update" and d.seq == 3 for d in ev.deadlines)
    assert by_kind(ev, "resolution").status == Status.MET


def test_pause_outside_hours_and_terms_change_keep_accrued_pause() -> None:
    opened = "2026-03-02T16:00+08:00"  # Monday
    wait = (
        Event(T("2026-03-02T20:00+08:00"), EventKind.WAITING_START),
        Event(T("2026-03-04T08:00+08:00"), EventKind.WAITING_END),
    )
    t16 = terms(resolution="16h")
    unpaused = evaluate(req(opened=opened), t16, CAL, as_of=T("2026-03-02T17:00+08:00"))
    assert by_kind(unpaused, "resolution").deadline == T("2026-03-04T16:00+08:00")
    ev = evaluate(req(*wait, opened=opened), t16, CAL, as_of=T("2026-03-04T09:00+08:00"))
    res = by_kind(ev, "resolution")
    assert res.deadline == T("2026-03-05T16:00+08:00")  # all of Tuesday paused
    paused = [s for s in res.explanation.counted.steps if s.kind == "paused"]
    assert sum(s.seconds for s in paused) == 8 * H
    # Terms change in the middle of the pause; the new terms also pause: hold time counted once.
    new_pausing = terms(resolution="24h", label="amended terms")
    change = Event(T("2026-03-03T12:00+08:00"), EventKind.TERMS_CHANGED, terms=new_pausing)
    ev = evaluate(req(*wait, change, opened=opened), t16, CAL, as_of=T("2026-03-04T09:00+08:00"))
    res = by_kind(ev, "resolution")
    assert res.deadline == T("2026-03-06T16:00+08:00") and res.terms_label == "amended terms"
    # New terms without pausing: the pause accrued before the change (Tue 09-12) is kept.
    new_no_pause = terms(resolution="24h", pause_while_waiting_for_buyer=False)
    change = Event(T("2026-03-03T12:00+08:00"), EventKind.TERMS_CHANGED, terms=new_no_pause)
    ev = evaluate(req(*wait, change, opened=opened), t16, CAL, as_of=T("2026-03-04T09:00+08:00"))
    assert by_kind(ev, "resolution").deadline == T("2026-03-06T10:00+08:00")


def test_open_pause_marks_deadline_as_moving() -> None:
    ev = evaluate(
        req(Event(T("2026-03-02T11:00+08:00"), EventKind.WAITING_START), opened="2026-03-02T10:00+08:00"),
        terms(resolution="4h"),
        CAL,
        as_of=T("2026-03-02T17:00+08:00"),
    )
    res = by_kind(ev, "resolution")
    assert res.status == Status.PENDING and res.paused_open
    assert "paused" in res.summary()


def test_settled_deadline_keeps_the_old_terms() -> None:
    t_old = terms(first_response="2h", label="old")
    t_new = terms(first_response="8h", label="new")
    items = (
        Message(T("2026-03-02T13:00+08:00"), S),  # 1 h after the 2h deadline at 12:00
        Event(T("2026-03-02T14:00+08:00"), EventKind.TERMS_CHANGED, terms=t_new),
    )
    fr = by_kind(evaluate(req(*items, opened="2026-03-02T10:00+08:00"), t_old, CAL), "first_response")
    assert fr.terms_label == "old" and fr.status == Status.BREACHED


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (ReopenRule.RESUME, [("resolution", 1, Status.BREACHED, "2026-03-04T14:00+08:00")]),
        (
            ReopenRule.RESTART,
            [
                ("resolution", 1, Status.MET, "2026-03-02T18:00+08:00"),
                ("resolution", 2, Status.MET, "2026-03-05T10:00+08:00"),
            ],
        ),
    ],
)
def test_reopen_behaviour(rule: ReopenRule, expected: list[tuple[str, int, Status, str]]) -> None:
    items = (
        Event(T("2026-03-02T15:00+08:00"), EventKind.RESOLVED),
        Event(T("2026-03-04T10:00+08:00"), EventKind.REOPENED),
        Event(T("2026-03-04T14:30+08:00"), EventKind.RESOLVED),
    )
    # Mon 09:00 + 8h; resolved Mon 15:00 after 5h; reopened Wed 10:00.
    ev = evaluate(req(*items, opened="2026-03-02T09:00+08:00"), terms(resolution="8h", reopen=rule), CAL)
    got = [(d.kind, d.seq, d.status, d.deadline) for d in ev.deadlines if d.kind == "resolution"]
    assert got == [(k, s, st, T(dl)) for k, s, st, dl in expected]
    if rule == ReopenRule.RESUME:
        assert ev.deadlines[0].late_business_seconds == 30 * 60


def test_coverage_calendar_per_severity() -> None:
    always = BusinessCalendar(windows={k: "00:00-24:00" for k in range(7)}, official="none")
    t = SupportTerms(
        {
            "P1": SeverityTerms(first_response=Duration.parse("2h"), coverage=always),
            "P2": SeverityTerms(first_response=Duration.parse("2h")),
        }
    )
    r = SupportRequest("SR-9", "Acme", "P1", opened_at=T("2026-03-07T10:00+08:00"))
    assert evaluate(r, t, CAL).deadlines[0].deadline == T("2026-03-07T12:00+08:00")
    r2 = SupportRequest("SR-9", "Acme", "P2", opened_at=T("2026-03-07T10:00+08:00"))
    assert evaluate(r2, t, CAL).deadlines[0].deadline == T("2026-03-09T11:00+08:00")


def test_provisional_and_calendar_change_reported() -> None:
    t = terms(first_response="8h")
    r = req(opened="2026-12-31T16:00+08:00")
    assert evaluate(r, t, CAL).provisional
    r = req(Message(T("2026-03-03T16:00+08:00"), S), opened="2026-03-02T16:00+08:00")
    before = evaluate(r, t, CAL)
    assert by_kind(before, "first_response").status == Status.MET
    again = evaluate(r, t, BusinessCalendar())
    assert compare(before, again) == []  # deterministic
    closed = BusinessCalendar(closures=[Closure(date(2026, 3, 3), date(2026, 3, 3), "closed")])
    after = evaluate(r, t, closed)
    changes = compare(before, after)
    assert len(changes) == 1 and changes[0].deadline == "first_response #1"
    assert before.calendar_version != after.calendar_version


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="severity 'P9'"):
        evaluate(SupportRequest("X", "A", "P9", opened_at=T("2026-03-02T10:00+08:00")), terms(first_response="1h"), CAL)
    with pytest.raises(ValueError, match="no UTC offset"):
        evaluate(SupportRequest("X", "A", "P2", opened_at=datetime(2026, 3, 2, 10)), terms(first_response="1h"), CAL)
    with pytest.raises(ValueError, match="no opened_at"):
        evaluate(SupportRequest("X", "A", "P2"), terms(first_response="1h"), CAL)


def test_buyer_zone_in_explanations() -> None:
    r = req(Message(T("2026-03-03T10:00+08:00"), S), opened="2026-03-02T10:00+08:00", buyer_tz="Europe/Berlin")
    fr = by_kind(evaluate(r, terms(first_response="4h"), CAL), "first_response")
    d = fr.explanation.to_dict()
    assert d["counted"]["buyer_timezone"] == "Europe/Berlin"
    assert d["counted"]["steps"][0]["buyer_start"] == "2026-03-02T03:00:00+01:00"


def test_liquidated_damages_per_started_day_with_cap() -> None:
    # Worked example: contract price 200,000.00 USD; 0.5 % (1,000.00 USD) per started calendar day
    # of delay in resolution, capped at 5 % (10,000.00 USD).
    ld = LiquidatedDamages(Money(Decimal("1000.00"), "USD"), "day", cap=Money(Decimal("10000.00"), "USD"))
    t = terms(resolution="8h", liquidated_damages=ld)
    opened = "2026-03-02T09:00+08:00"  # deadline Mon 18:00
    ev = evaluate(req(Event(T("2026-03-04T21:00+08:00"), EventKind.RESOLVED), opened=opened), t, CAL)
    res = liquidated_damages(ev, ld)
    assert res.lines[0].late_seconds == 2 * 86400 + 3 * H and res.lines[0].units == 3
    assert res.amount == Money(Decimal("3000.00"), "USD") and not res.capped
    assert "Civil Code Art. 585" in res.citation
    ev = evaluate(req(Event(T("2026-03-20T09:00+08:00"), EventKind.RESOLVED), opened=opened), t, CAL)
    res = liquidated_damages(ev, ld)
    assert res.amount == Money(Decimal("10000.00"), "USD") and res.capped


def test_supplier_stats_median_p90_compliance_and_damages() -> None:
    ld = LiquidatedDamages(Money(Decimal("100"), "EUR"), "hour", applies_to=("first_response",), measured_in="business")
    t = terms(first_response="4h", liquidated_damages=ld)
    evs = []
    for i, hours in enumerate([1, 2, 3, 5, 10]):  # business hours to first response
        opened = T("2026-03-02T09:00+08:00")
        reply = CAL.add(opened, f"{hours}h").deadline
        r = SupportRequest(f"SR-{i}", "Acme", "P2", (Message(reply, S),), (), opened)
        evs.append(evaluate(r, t, CAL))
    evs.append(evaluate(SupportRequest("SR-x", "Other", "P2", opened_at=T("2026-04-01T09:00+08:00")), t, CAL))
    stats = {s.supplier: s for s in supplier_stats(evs, terms_by_supplier={"Acme": t})}
    acme = stats["Acme"]
    assert (acme.met, acme.breached, acme.pending) == (3, 2, 0)
    assert acme.compliance_rate == Decimal("0.6000")
    assert acme.median_first_response_seconds == 3 * H
    assert acme.p90_first_response_seconds == 10 * H
    assert acme.breaches_by_severity == {"P2": 2}
    # Per business hour late: 1 h late -> 1 started hour, 6 h late -> 6 hours: 700 EUR.
    assert acme.damages_owed == {"EUR": Money(Decimal("700"), "EUR")}
    assert stats["Other"].compliance_rate is None and stats["Other"].pending == 1
    monthly = supplier_stats(evs, period="month")
    assert [(s.supplier, s.period) for s in monthly] == [("Acme", "2026-03"), ("Other", "2026-04")]


def test_terms_and_calendar_round_trip_through_json() -> None:
    import json

    from disputedesk.domain.bizcal import DayOverride, Window
    from disputedesk.domain.sla import AvailabilityTerms, CreditTier, ServiceCredits

    cal = BusinessCalendar(
        tz="Asia/Shanghai",
        windows="08:30-12:00,13:30-17:30",
        closures=[Closure(date(2026, 2, 24), date(2026, 2, 27), "factory shutdown", "E-0042")],
        overrides=[DayOverride(date(2026, 3, 7), True, (Window.parse("09:00-12:00"),), "Saturday shift")],
    )
    t = SupportTerms(
        {
            "P1": SeverityTerms(
                Duration.parse("2h"), Duration.parse("4h"), Duration.working_days(2, "end-of-day"), None, cal
            ),
            "P2": SeverityTerms(Duration.parse("1wd", "same-time")),
        },
        acknowledgement_counts=True,
        reopen=ReopenRule.RESTART,
        availability=AvailabilityTerms(Decimal("99.5")),
        service_credits=ServiceCredits((CreditTier(Decimal("99.5"), Decimal("5")),), Decimal("20")),
        liquidated_damages=LiquidatedDamages(Money(Decimal("1000.00"), "USD"), cap=Money(Decimal("10000.00"), "USD")),
        label="Service Agreement §4",
    )
    back = SupportTerms.from_dict(json.loads(json.dumps(t.to_dict())))
    assert back.to_dict() == t.to_dict()
    cov = back.severities["P1"].coverage
    assert cov is not None and cov.version == cal.version
    with pytest.raises(ValueError, match="severities.P1.first_response"):
        SupportTerms.from_dict({"severities": {"P1": {"first_response": "soon"}}})
    with pytest.raises(ValueError, match="liquidated_damages.rate"):
        SupportTerms.from_dict({"severities": {"P1": {}}, "liquidated_damages": {"rate": {"amount": "1.5"}}})
