"""Support requests of one's own dispute (SQLite and PostgreSQL): opened by hand or from a mail
thread, corrected with history, mail linked and unlinked, closed and reopened, and evaluated by the
SLA engine like the demo's. Bad input names the field and writes nothing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from disputedesk.services import sla
from disputedesk.services.import_evidence import Candidate, import_candidates
from disputedesk.services.records import request_models as m
from disputedesk.services.records import requests as svc
from disputedesk.services.records.errors import FieldError
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry, SupportRequest

from records_fixtures import SERIAL, TERMS, seed
from support import demo_loaded

WS = "default"


def t(s: str) -> datetime:
    return datetime.fromisoformat(s)


def counts(ctx) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        return (
            s.execute(select(func.count(SupportRequest.id))).scalar_one(),
            s.execute(select(func.count()).select_from(LedgerEntry)).scalar_one(),
        )


def spindle_thread(ctx) -> int:  # type: ignore[no-untyped-def]
    return next(x.thread for x in svc.suggestions(ctx, WS) if "SP-0410" in x.subject)


def test_threads_started_by_the_buyer_are_suggested_and_open_a_request(ctx) -> None:
    seed(ctx)
    rows = svc.suggestions(ctx, WS)
    # The newsletter (started by the supplier), the internal mail and the forwarder's are not requests.
    assert [(r.supplier, r.first_message_at) for r in rows] == [
        ("jinhua", t("2026-10-20T07:00:00+00:00")),
        ("jinhua", t("2026-09-30T14:30:00+00:00")),
    ]
    spindle = spindle_thread(ctx)
    rec = svc.open_from_thread(
        ctx, WS, m.OpenFromThread(thread=spindle, severity="critical", contract="JH-2026-014"), actor="anna"
    )
    assert rec.number == "SR-0001"
    assert rec.opened_at == t("2026-09-30T16:30:00+02:00")  # the buyer's first message, not the auto-reply
    assert rec.title.startswith("VMC-850 JH850-2507-0113: spindle alarm") and rec.contract == "JH-2026-014"
    assert rec.threads == [spindle] and len(rec.messages) == 6
    assert [r.thread for r in svc.suggestions(ctx, WS)] != [spindle] and len(svc.suggestions(ctx, WS)) == 1
    history = svc.get_request(ctx, WS, "SR-0001").history
    assert history[0].action == "request.opened" and history[0].details["from_thread"] == spindle

    before = counts(ctx)
    with pytest.raises(FieldError) as exc:
        svc.open_from_thread(ctx, WS, m.OpenFromThread(thread=spindle), actor="anna")
    assert exc.value.field == "thread" and "already linked to SR-0001" in str(exc.value)
    assert counts(ctx) == before


def test_a_request_from_mail_is_judged_in_the_suppliers_calendar(ctx) -> None:
    """The fixture's machine-down request: after-hours on the eve of National Day, an auto-reply and
    a bare acknowledgement that do not count, the answer on the make-up working day Sat 10 Oct."""
    seed(ctx)
    svc.open_from_thread(ctx, WS, m.OpenFromThread(thread=spindle_thread(ctx), severity="critical"), actor="anna")
    sla.set_terms(ctx, WS, TERMS, contract_number="JH-2026-014", valid_from=t("2026-05-04T00:00+08:00"), actor="anna")
    report = sla.evaluate_all(ctx, WS, as_of=t("2026-11-30T12:00+01:00"), actor="anna")
    assert report.by_status == {"breached": 1}
    data = svc.request_json(ctx, WS, "SR-0001")
    first = next(d for d in data["evaluation"]["deadlines"] if d["kind"] == "first_response")
    assert t(first["clock_start"]) == t("2026-09-30T16:30+02:00")  # the buyer's first message
    assert t(first["deadline"]) == t("2026-10-08T14:00+08:00")  # 1-7 October are public holidays
    assert first["status"] == "breached" and t(first["satisfied_at"]) == t("2026-10-10T10:20+08:00")
    assert first["late_business_seconds"] == 13 * 3600 + 20 * 60
    flags = [f for item in data["timeline"] for f in item["flags"]]
    assert "automatic reply: never counts" in flags and "bare acknowledgement (rule)" in flags
    assert data["record"]["contract"] is None and data["record"]["threads"]


def test_open_by_hand_and_bad_input_names_the_field(ctx) -> None:
    seed(ctx)
    rec = svc.open_request(
        ctx,
        WS,
        m.OpenRequest(
            supplier="jinhua",
            title="Coolant pump leaking",
            severity="high",
            contract="JH-2026-014",
            serial=SERIAL,
            opened_at="2026-11-02T08:15:00+01:00",
        ),
        actor="anna",
    )
    assert (rec.number, rec.serial, rec.model, rec.status) == ("SR-0001", SERIAL, "VMC-850", "open")
    assert rec.opened_at == t("2026-11-02T07:15:00+00:00")
    before = counts(ctx)
    bad = [
        ({"supplier": "nobody"}, "supplier", "no supplier 'nobody'"),
        ({"contract": "NOPE-1"}, "contract", "no contract 'NOPE-1'"),
        ({"contract": "OT-1"}, "contract", "not a contract with Jinhua"),
        ({"serial": "XX-1"}, "serial", "no machine with serial number 'XX-1'"),
    ]
    for change, field, text in bad:
        cmd = m.OpenRequest(**{"supplier": "jinhua", "title": "x", **change})
        with pytest.raises(FieldError) as exc:
            svc.open_request(ctx, WS, cmd, actor="anna")
        assert exc.value.field == field and text in str(exc.value)
    for values, field, text in [
        ({"opened_at": "2026-11-02T08:15"}, "opened_at", "has no UTC offset"),
        ({"opened_at": "yesterday"}, "opened_at", "datetime"),
        ({"severity": "urgent"}, "severity", "'critical', 'high', 'normal' or 'low'"),
        ({"title": ""}, "title", "at least 1 character"),
    ]:
        with pytest.raises(ValidationError) as verr:
            m.OpenRequest(**{"supplier": "jinhua", "title": "x", **values})
        err = verr.value.errors()[0]
        assert err["loc"] == (field,) and text in err["msg"], err
    assert counts(ctx) == before  # nothing half-written


def test_corrections_keep_the_old_values(ctx) -> None:
    seed(ctx)
    svc.open_request(ctx, WS, m.OpenRequest(supplier="jinhua", title="Pump", contract="JH-2026-014"), actor="anna")
    rec = svc.change_request(ctx, WS, "SR-0001", m.ChangeRequest(severity="critical", contract=None), actor="ben")
    assert rec.severity == "critical" and rec.contract is None
    rec = svc.change_request(ctx, WS, "sr-0001", m.ChangeRequest(severity="critical"), actor="ben")  # no change
    hist = svc.get_request(ctx, WS, "SR-0001").history
    assert [h.action for h in hist] == ["request.opened", "request.changed"]
    assert hist[1].actor == "ben" and hist[1].details["changes"] == {
        "severity": {"old": "normal", "new": "critical"},
        "contract": {"old": "JH-2026-014", "new": None},
    }
    with pytest.raises(ValidationError):
        m.ChangeRequest(severity=None)
    with pytest.raises(FieldError) as exc:
        svc.change_request(ctx, WS, "SR-0001", m.ChangeRequest(supplier="other", contract="JH-2026-014"), actor="b")
    assert exc.value.field == "contract"
    assert svc.get_request(ctx, WS, "SR-0001").supplier == "jinhua"  # rolled back
    with pytest.raises(LookupError):
        svc.change_request(ctx, WS, "SR-0099", m.ChangeRequest(title="x"), actor="b")


def test_link_and_unlink_threads_and_single_messages(ctx) -> None:
    seed(ctx)
    import io

    import_candidates(ctx, WS, [Candidate("note.txt", "t:note", lambda: io.BytesIO(b"a note"))], actor="t")
    sug = {("SP-0410" in x.subject): x.thread for x in svc.suggestions(ctx, WS)}
    spindle, manual = sug[True], sug[False]
    svc.open_request(ctx, WS, m.OpenRequest(supplier="jinhua", title="Manual"), actor="a")
    svc.open_request(ctx, WS, m.OpenRequest(supplier="jinhua", title="Spindle"), actor="a")
    res = svc.link_mail(ctx, WS, "SR-0002", m.MailLink(thread=spindle), actor="a")
    assert res.thread == spindle and len(res.linked) == 6
    # A message of another thread, on its own:
    manual_msgs = [lab for lab in svc.get_request(ctx, WS, "SR-0002").messages]
    assert manual_msgs
    with pytest.raises(FieldError) as exc:
        svc.link_mail(ctx, WS, "SR-0001", m.MailLink(messages=[manual_msgs[0]]), actor="a")
    assert exc.value.field == "messages" and "linked to SR-0002" in str(exc.value)
    with pytest.raises(FieldError) as exc:
        svc.link_mail(ctx, WS, "SR-0001", m.MailLink(thread=spindle), actor="a")
    assert exc.value.field == "thread" and "linked to SR-0002" in str(exc.value)
    with pytest.raises(FieldError) as exc:
        svc.unlink_mail(ctx, WS, "SR-0002", m.MailLink(messages=[manual_msgs[0]]), actor="a")
    assert "linked as a whole" in str(exc.value)
    note = "E-0013"  # the text file imported after the 12 mailbox items
    with pytest.raises(FieldError) as exc:
        svc.link_mail(ctx, WS, "SR-0001", m.MailLink(messages=[note]), actor="a")
    assert "is not a message" in str(exc.value)
    with pytest.raises(FieldError) as exc:
        svc.link_mail(ctx, WS, "SR-0001", m.MailLink(messages=["E-9999"]), actor="a")
    assert "does not exist" in str(exc.value)
    with pytest.raises(FieldError) as exc:
        svc.link_mail(ctx, WS, "SR-0001", m.MailLink(thread=99999), actor="a")
    assert exc.value.field == "thread"
    with pytest.raises(ValidationError):
        m.MailLink()
    with pytest.raises(ValidationError):
        m.MailLink(thread=1, messages=["E-0001"])
    # The manual thread's messages one by one, then undone.
    manual_thread_msgs = [v for v in _thread_labels(ctx, manual)]
    res = svc.link_mail(ctx, WS, "SR-0001", m.MailLink(messages=manual_thread_msgs), actor="a")
    assert res.linked == manual_thread_msgs and res.thread is None
    assert svc.get_request(ctx, WS, "SR-0001").threads == []  # single messages do not take the thread
    res = svc.unlink_mail(ctx, WS, "SR-0001", m.MailLink(messages=manual_thread_msgs[:1]), actor="a")
    assert svc.get_request(ctx, WS, "SR-0001").messages == manual_thread_msgs[1:]
    res = svc.unlink_mail(ctx, WS, "SR-0002", m.MailLink(thread=spindle), actor="a")
    assert len(res.linked) == 6 and svc.get_request(ctx, WS, "SR-0002").messages == []
    actions = [h.action for h in svc.get_request(ctx, WS, "SR-0002").history]
    assert actions == ["request.opened", "request.linked", "request.unlinked"]


def _thread_labels(ctx, thread_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    from disputedesk.services import mail

    return sorted(v.evidence for v in mail.thread_detail(ctx, WS, thread_id).messages)


def test_close_reopen_and_events_are_what_the_sla_engine_reads(ctx) -> None:
    seed(ctx)
    svc.open_from_thread(ctx, WS, m.OpenFromThread(thread=spindle_thread(ctx), severity="critical"), actor="a")
    sla.set_terms(ctx, WS, TERMS, contract_number="JH-2026-014", valid_from=t("2026-05-04T00:00+08:00"), actor="a")
    with pytest.raises(FieldError) as exc:
        svc.reopen_request(ctx, WS, "SR-0001", m.StatusChange(at="2026-10-20T10:00+08:00"), actor="a")
    assert "only a closed request" in str(exc.value)
    with pytest.raises(FieldError) as exc:
        svc.close_request(ctx, WS, "SR-0001", m.StatusChange(at="2026-09-01T10:00+08:00"), actor="a")
    assert exc.value.field == "at" and "before the request was opened" in str(exc.value)
    rec = svc.close_request(ctx, WS, "SR-0001", m.StatusChange(at="2026-10-14T16:00+08:00", ref="E-0006"), actor="a")
    assert (rec.status, rec.closed_at) == ("resolved", t("2026-10-14T08:00:00+00:00"))
    with pytest.raises(FieldError):
        svc.close_request(ctx, WS, "SR-0001", m.StatusChange(at="2026-10-15T10:00+08:00"), actor="a")
    with pytest.raises(FieldError) as exc:
        svc.reopen_request(ctx, WS, "SR-0001", m.StatusChange(at="2026-10-13T10:00+08:00"), actor="a")
    assert "is before it was closed" in str(exc.value)
    svc.reopen_request(ctx, WS, "SR-0001", m.StatusChange(at="2026-10-19T09:30+08:00"), actor="a")
    svc.record_event(ctx, WS, "SR-0001", m.RequestEvent(kind="workaround", at="2026-10-19T15:00+08:00"), actor="a")
    rec = svc.close_request(ctx, WS, "SR-0001", m.StatusChange(at="2026-10-20T11:00+08:00"), actor="a")
    assert rec.status == "resolved"
    sla.evaluate_all(ctx, WS, as_of=t("2026-11-30T12:00+01:00"), actor="a")
    data = svc.request_json(ctx, WS, "SR-0001")
    events = [(i["what"], i["at"]) for i in data["timeline"] if i["kind"] == "event"]
    assert events == [
        ("resolved", "2026-10-14T08:00:00+00:00"),
        ("reopened", "2026-10-19T01:30:00+00:00"),
        ("workaround", "2026-10-19T07:00:00+00:00"),
        ("resolved", "2026-10-20T03:00:00+00:00"),
    ]
    resolution = next(d for d in data["evaluation"]["deadlines"] if d["kind"] == "resolution")
    assert resolution["status"] == "breached"  # 3 working days from 8 Oct, resolved only on the 14th
    assert [h.action for h in svc.get_request(ctx, WS, "SR-0001").history][-4:] == [
        "request.closed",
        "request.reopened",
        "request.event",
        "request.closed",
    ]


def test_two_writers_never_get_the_same_number(ctx) -> None:
    seed(ctx)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for i in range(6):
                cmd = m.OpenRequest(supplier="jinhua", title=f"{name} {i}", opened_at=datetime.now(UTC))
                numbers.append(svc.open_request(ctx, WS, cmd, actor=name).number)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert sorted(numbers) == [f"SR-{i:04d}" for i in range(1, 13)]


def test_the_demos_requests_opened_again_from_their_threads_get_the_same_deadlines(sqlite_ctx) -> None:
    """The SLA engine judges a request opened through the public service exactly like the demo's:
    each demo request's thread, unlinked and opened again (same severity, its resolution recorded
    with `close`), gets the same deadlines, statuses and lateness as the demo request had."""
    ctx = sqlite_ctx
    demo_loaded(ctx, "demo", None)
    as_of = t("2026-11-20T12:00+01:00")
    sla.evaluate_all(ctx, "demo", as_of=as_of, actor="t")

    def deadlines(number: str) -> list[tuple]:  # type: ignore[type-arg]
        data = svc.request_json(ctx, "demo", number)
        return [
            (d["kind"], d["seq"], d["deadline"], d["status"], d["late_business_seconds"], d["satisfied_at"])
            for d in data["evaluation"]["deadlines"]
        ]

    demo = [f"SR-{n:04d}" for n in range(1, 6)]
    before = {n: deadlines(n) for n in demo}
    assert sum(s == "breached" for n in demo for _k, _q, _d, s, *_ in before[n]) >= 4
    again = {}
    for number in demo:
        rec = svc.get_request(ctx, "demo", number)
        resolved = [i["at"] for i in svc.request_json(ctx, "demo", number)["timeline"] if i["what"] == "resolved"]
        (thread,) = rec.threads
        svc.unlink_mail(ctx, "demo", number, m.MailLink(thread=thread), actor="t")
        cmd = m.OpenFromThread(thread=thread, severity=rec.severity, supplier=rec.supplier)
        new = svc.open_from_thread(ctx, "demo", cmd, actor="t")
        assert new.opened_at == rec.opened_at and len(new.messages) == len(rec.messages)
        for at in resolved:
            svc.close_request(ctx, "demo", new.number, m.StatusChange(at=at), actor="t")
        again[number] = new.number
    sla.evaluate_all(ctx, "demo", as_of=as_of, actor="t")
    assert {n: deadlines(again[n]) for n in demo} == before


def test_a_request_from_a_thread_takes_the_machine_its_subject_names(ctx) -> None:  # type: ignore[no-untyped-def]
    """The recorded machine the thread's subject names becomes the request's machine; a serial
    given wins; an unknown one names the field and writes nothing; a subject naming none leaves it
    to the user."""
    seed(ctx)
    spindle = spindle_thread(ctx)
    other = next(r.thread for r in svc.suggestions(ctx, WS) if r.thread != spindle)  # the manual, no serial
    before = counts(ctx)
    with pytest.raises(FieldError) as exc:
        svc.open_from_thread(ctx, WS, m.OpenFromThread(thread=spindle, serial="NO-SUCH-1"), actor="anna")
    assert exc.value.field == "serial" and counts(ctx) == before
    rec = svc.open_from_thread(ctx, WS, m.OpenFromThread(thread=spindle), actor="anna")
    assert (rec.serial, rec.model) == (SERIAL, "VMC-850")
    assert svc.open_from_thread(ctx, WS, m.OpenFromThread(thread=other), actor="anna").serial is None
