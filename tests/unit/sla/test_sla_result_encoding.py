"""The stored form of an evaluation: the JSON text written directly (``data_json``) is byte for
byte the ``json.dumps`` of the documented dict (``compact``), and its fingerprint the same, for
random requests (pauses, reopen, terms changes, working-day modes, Chinese labels and refs)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disputedesk.domain.bizcal import BusinessCalendar, DaysMode, Duration, to_epoch
from disputedesk.domain.sla import (
    Direction,
    Event,
    EventKind,
    Message,
    ReopenRule,
    SeverityTerms,
    SupportRequest,
    SupportTerms,
    evaluate,
)
from disputedesk.services.sla.results import _fingerprint_of, compact, data_json, fingerprint

CAL = BusinessCalendar()
BERLIN = BusinessCalendar("Europe/Berlin")  # a zone with DST, as a severity's coverage
DURATIONS = [
    Duration.parse("2h"),
    Duration.parse("4h30m"),
    Duration.working_days(1, DaysMode.SAME_TIME),
    Duration.working_days(2, DaysMode.END_OF_DAY),
    Duration.working_days(3, DaysMode.HOURS),
    Duration.parse("3cd"),
]
BASE = datetime(2026, 9, 20, tzinfo=UTC)  # National Day holidays and make-up days ahead


@st.composite
def cases(draw: st.DrawFn) -> tuple[SupportRequest, SupportTerms, datetime]:
    def terms(label: str) -> SupportTerms:
        def target() -> Duration | None:
            return draw(st.sampled_from([*DURATIONS, None]))

        sev = SeverityTerms(target(), target(), target(), target(), draw(st.sampled_from([None, BERLIN])))
        return SupportTerms(
            {"P1": sev},
            acknowledgement_counts=draw(st.booleans()),
            pause_while_waiting_for_buyer=draw(st.booleans()),
            reopen=draw(st.sampled_from(list(ReopenRule))),
            respond_to_every_buyer_message=draw(st.booleans()),
            label=label,
        )

    first = terms(draw(st.sampled_from(["terms", '服务协议 §4 "SLA"', "Vertrag\\2026"])))
    secs = st.integers(0, 40 * 86400)
    msgs = tuple(
        Message(
            BASE + timedelta(seconds=draw(secs)),
            draw(st.sampled_from(list(Direction))),
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.sampled_from([None, "message 7", "E-0042", "邮件 \u2028"])),
        )
        for _ in range(draw(st.integers(1, 8)))
    )
    kinds = [k for k in EventKind if k != EventKind.TERMS_CHANGED]
    events = [
        Event(
            BASE + timedelta(seconds=draw(secs)), draw(st.sampled_from(kinds)), ref=draw(st.sampled_from([None, "r"]))
        )
        for _ in range(draw(st.integers(0, 5)))
    ]
    if draw(st.booleans()):
        events.append(Event(BASE + timedelta(seconds=draw(secs)), EventKind.TERMS_CHANGED, terms=terms("v2")))
    req = SupportRequest("SR-1", "s", "P1", msgs, tuple(events), BASE)
    return req, first, BASE + timedelta(seconds=draw(st.integers(0, 50 * 86400)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_stored_json_and_fingerprint_equal_the_documented_form(
    case: tuple[SupportRequest, SupportTerms, datetime],
) -> None:
    req, terms, as_of = case
    ev = evaluate(req, terms, CAL, as_of=as_of)
    dl = compact(ev)
    expected = json.dumps(
        {
            "deadlines": dl,
            "first_response_at": to_epoch(ev.first_response_at) if ev.first_response_at else None,
            "first_response_calendar_seconds": ev.first_response_calendar_seconds,
            "messages": len(req.messages),
        }
    )
    assert data_json(ev, len(req.messages)) == expected
    assert _fingerprint_of(ev.deadlines) == fingerprint(dl)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 3 * 365 * 86400), st.integers(0, 400 * 86400))
def test_provisional_is_any_unpublished_day_between(offset: int, span: int) -> None:
    """The fast check of the calendar reads the same as its day plans (the official data ends at
    a year; later days are provisional)."""
    e0 = int(datetime(2025, 1, 1, tzinfo=UTC).timestamp()) + offset
    e1 = e0 + span
    d0 = datetime.fromtimestamp(e0, CAL.tz).date()
    d1 = datetime.fromtimestamp(e1, CAL.tz).date()
    days = (d0 + timedelta(days=k) for k in range((d1 - d0).days + 1))
    assert CAL._is_provisional(e0, e1) == any(CAL.day_plan(d).provisional for d in days)


def test_message_of_is_the_same_frozen_message() -> None:
    for args in [(BASE, Direction.BUYER, False, False, None), (BASE, Direction.SUPPLIER, True, False, "E-0042")]:
        fast, slow = Message.of(*args), Message(*args)
        assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.ref = "changed"  # type: ignore[misc]
