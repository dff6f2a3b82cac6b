"""Mail through the whole pipeline (SQLite and PostgreSQL): messages, parts, variants, flags,
threads, search in English and Chinese, the demo's directions and auto-replies. The real third-party
corpora: test_mail_real_corpora.py (a file of their own, so the test runner can hand them to the
other worker: they take most of this area's time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from disputedesk.services import mail
from disputedesk.services.demo import demo_dir, load_demo
from disputedesk.services.demo.mail import after_demo_load
from disputedesk.services.imports import import_paths
from disputedesk.services.verify import verify
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import EvidenceItem, LedgerEntry, Message

from support import write_files


def _msg(
    mid: str,
    subject: str,
    body: str,
    *,
    frm: str = "wang@supplier.cn",
    to: str = "anna@buyer.example",
    date: str = "Mon, 02 Mar 2026 09:00:00 +0800",
    extra: str = "",
    charset: str = "utf-8",
) -> bytes:
    import base64
    from email.header import Header

    subj = Header(subject, "utf-8").encode()
    return (
        f"From: {frm}\r\nTo: {to}\r\nSubject: {subj}\r\nDate: {date}\r\nMessage-ID: {mid}\r\n{extra}"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + base64.encodebytes(body.encode(charset))


def _with_attachment(mid: str, subject: str, body: str, att_name: str, att: bytes, *, extra: str = "") -> bytes:
    import base64

    b = "==b1=="
    return (
        (
            f"From: wang@supplier.cn\r\nTo: anna@buyer.example\r\nSubject: {subject}\r\n"
            f"Date: Tue, 03 Mar 2026 10:00:00 +0800\r\nMessage-ID: {mid}\r\n{extra}MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/mixed; boundary="{b}"\r\n\r\n'
            f"--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"{body}\r\n--{b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
            f'Content-Disposition: attachment; filename="{att_name}"\r\n\r\n'
        ).encode()
        + base64.encodebytes(att)
        + f"--{b}--\r\n".encode()
    )


@pytest.fixture
def parties(ctx):  # type: ignore[no-untyped-def]
    """A buyer (buyer.example) and a supplier (supplier.cn) in the default workspace."""
    from disputedesk.services.workspaces import get_workspace
    from disputedesk.store.models import Organization

    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, "default")
        s.add(
            Organization(
                workspace_id=ws.id,
                key="buyer",
                role="buyer",
                name_en="Buyer GmbH",
                email_domains=["buyer.example"],
                details={},
            )
        )
        s.add(
            Organization(
                workspace_id=ws.id,
                key="acme",
                role="supplier",
                name_en="Acme Machines",
                email_domains=["supplier.cn"],
                details={},
            )
        )
    return ctx


def _messages(ctx) -> dict[str, Message]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        return {m.subject: m for m in s.execute(select(Message)).scalars()}


def test_mailbox_becomes_messages_parts_threads_and_search(parties, tmp_path: Path) -> None:
    ctx = parties
    root = _msg("<a1@supplier.cn>", "设备故障 machine down", "The spindle stopped. 设备故障，请尽快处理。")
    reply = _msg(
        "<a2@buyer.example>",
        "Re: 设备故障 machine down",
        "We need a refund / 退款 if not fixed.",
        frm="anna@buyer.example",
        to="wang@supplier.cn",
        extra="In-Reply-To: <a1@supplier.cn>\r\nReferences: <a1@supplier.cn>\r\n",
        date="Tue, 03 Mar 2026 08:00:00 +0100",
    )
    auto = _msg(
        "<a3@supplier.cn>",
        "自动回复: Re: 设备故障 machine down",
        "我正在休假。",
        extra="Auto-Submitted: auto-replied\r\nIn-Reply-To: <a2@buyer.example>\r\n",
    )
    with_att = _with_attachment(
        "<a4@supplier.cn>", "Quotation", "see the file", "quote.txt", "合同 price list: 退款 not possible".encode()
    )
    no_date = (
        b"From: wang@supplier.cn\r\nTo: anna@buyer.example\r\nSubject: no date here\r\n"
        b"Received: from x by y; Wed, 04 Mar 2026 01:02:03 +0000\r\n\r\nbody\r\n"
    )
    damaged = _msg("<a5@supplier.cn>", "damaged", "锟斤拷锟斤拷 text that was already broken")
    mbox = b"".join(
        b"From wang@supplier.cn Mon Mar  2 01:00:00 2026\n" + m.replace(b"\r\n", b"\n") + b"\n"
        for m in (root, reply, auto, with_att, no_date, damaged)
    )
    write_files(
        tmp_path / "in",
        {
            "Inbox.mbox": mbox,
            "variant.eml": root.replace(b"The spindle stopped.", b"The spindle stopped!"),
            "junk.eml": bytes(range(256)) * 8,
            "empty.eml": b"",
        },
    )
    report = import_paths(ctx, "default", [tmp_path / "in"], actor="t")
    failed = {o.name: o.reason for o in report.outcomes if o.status == "failed"}
    assert set(failed) == {"empty.eml"}, failed
    assert "empty" in failed["empty.eml"]
    junk = next(o for o in report.outcomes if o.name == "junk.eml")
    assert junk.status == "imported" and "not read as mail" in junk.reason  # kept, with the reason

    msgs = _messages(ctx)
    assert msgs["设备故障 machine down"].direction == "supplier->buyer"
    assert msgs["Re: 设备故障 machine down"].direction == "buyer->supplier"
    assert msgs["Re: 设备故障 machine down"].sent_at.isoformat() == "2026-03-03T07:00:00+00:00"
    assert msgs["自动回复: Re: 设备故障 machine down"].flags["auto_reply"]
    assert msgs["no date here"].flags["date_source"] == "received"
    assert msgs["no date here"].sent_at.isoformat() == "2026-03-04T01:02:03+00:00"
    assert msgs["damaged"].flags["damaged"]

    with unit_of_work(ctx.engine) as s:
        items = {e.original_name: e for e in s.execute(select(EvidenceItem)).scalars()}
        box = items["Inbox.mbox"]
        att = items["quote.txt"]
        parent_of_att = s.get(EvidenceItem, att.parent_id)
        assert parent_of_att is not None and "Quotation" in (parent_of_att.original_name or "")
        assert parent_of_att.parent_id == box.id  # message inside the mbox container
        # same Message-ID, different bytes: both kept and flagged as variants of each other
        ids = [m for m in s.execute(select(Message).where(Message.message_id == "a1@supplier.cn")).scalars()]
        assert len(ids) == 2
        assert any(m.flags.get("variant_of") for m in ids) and any(m.flags.get("variants") for m in ids)
        n_items = s.execute(select(func.count()).select_from(EvidenceItem)).scalar()
        adds = s.execute(
            select(func.count()).select_from(LedgerEntry).where(LedgerEntry.action == "evidence.added")
        ).scalar()
        assert adds == n_items  # one ledger entry per item
    assert verify(ctx).ok

    threads = mail.list_threads(ctx, "default")
    big = next(t for t in threads if t.subject == "设备故障 machine down")
    assert big.message_count >= 3  # root, reply, auto-reply (and the variant)

    def labels(q: str, **flt) -> list[str]:  # type: ignore[no-untyped-def]
        return sorted(h.subject for h in mail.search(ctx, "default", q, mail.SearchFilter(**flt)))

    assert "设备故障 machine down" in labels("故障")
    assert labels("退款") == ["Quotation", "Re: 设备故障 machine down"]  # message body and attachment text
    assert labels("退款", direction="buyer->supplier") == ["Re: 设备故障 machine down"]
    assert labels("退款", has_attachment=True) == ["Quotation"]
    assert labels("合同") == ["Quotation"]
    assert labels("spindl") == labels("spindle") != []  # Latin prefixes
    hit = mail.search(ctx, "default", "故障")[0]
    assert "«故障»" in hit.snippet and "<mark>故障</mark>" in hit.snippet_html

    again = import_paths(ctx, "default", [tmp_path / "in"], actor="t")
    assert again.imported == 0 and again.duplicates >= 8


def test_mail_without_an_eml_suffix_is_found_by_its_headers(parties, tmp_path: Path) -> None:
    """Ticket-system exports, spool files, a message saved as ``message`` or ``1234``, git
    format-patch: imported as mail (parsed, searched, threaded) whatever the name (issue 17)."""
    ctx = parties
    spool = (
        b"Received: from mx.supplier.cn by mx.buyer.example; Mon, 3 Mar 2025 10:00:00 +0800\n"
        b"Date: Mon, 3 Mar 2025 10:00:00 +0800\nFrom: Wang <wang@supplier.cn>\nTo: anna@buyer.example\n"
        b"Subject: Spindle repair schedule\nMessage-ID: <spool-1@supplier.cn>\n\nWe will send an engineer.\n"
    )
    ticket = _msg("<ticket-7@desk.supplier.cn>", "故障报告 ticket 7", "主轴故障，工程师周五到。")
    reply = _msg(
        "<re-7@buyer.example>",
        "Re: 故障报告 ticket 7",
        "Friday is too late.",
        frm="anna@buyer.example",
        to="wang@supplier.cn",
        extra="In-Reply-To: <ticket-7@desk.supplier.cn>\r\n",
    )
    patch = (
        b"From 8f3c2a1b4d5e6f708192a3b4c5d6e7f8091a2b3c Mon Sep 17 00:00:00 2001\n"
        b"From: Anna <anna@buyer.example>\nDate: Wed, 5 Mar 2025 11:00:00 +0100\n"
        b"Subject: [PATCH] config: raise the spindle limit\n\n---\n a | 1 +\n"
    )
    empty_part = _with_attachment("<a9@supplier.cn>", "Log attached", "see the log", "machine.log", b"")
    write_files(
        tmp_path / "in",
        {
            "1234": spool,
            "message": ticket,
            "ticket-export.txt": reply,
            "0001-config-raise-the-spindle-limit.patch": patch,
            "with-empty-part": empty_part,
            "notes.txt": b"Date: 2025-03-01\nSubject: meeting notes\n\nnot a message: no mail-only field\n",
            "headers.csv": b"Subject,Date\nx,y\n",
        },
    )
    report = import_paths(ctx, "default", [tmp_path / "in"], actor="t")
    assert report.failed == 0, [(o.name, o.reason) for o in report.outcomes if o.status == "failed"]
    outcome = {o.name: o for o in report.outcomes}
    assert outcome["with-empty-part"].reason == "empty attachment part: machine.log"

    msgs = _messages(ctx)
    assert {"Spindle repair schedule", "故障报告 ticket 7", "Re: 故障报告 ticket 7", "Log attached"} <= set(msgs)
    assert "[PATCH] config: raise the spindle limit" in msgs
    assert msgs["Log attached"].flags["notes"] == ["empty attachment part: machine.log"]
    assert msgs["Spindle repair schedule"].direction == "supplier->buyer"
    with unit_of_work(ctx.engine) as s:
        items = {e.original_name: e for e in s.execute(select(EvidenceItem)).scalars()}
    for name in ("1234", "message", "ticket-export.txt", "with-empty-part"):
        assert items[name].media_type == "message/rfc822" and items[name].kind == "correspondence", name
    assert items["notes.txt"].media_type == "text/plain"  # "Date:" and "Subject:" alone: a note
    assert "machine.log" not in items  # nothing to keep

    subjects = sorted(h.subject for h in mail.search(ctx, "default", "故障"))
    assert subjects == ["Re: 故障报告 ticket 7", "故障报告 ticket 7"]
    thread = next(t for t in mail.list_threads(ctx, "default") if t.subject == "故障报告 ticket 7")
    assert thread.message_count == 2
    assert verify(ctx).ok


def test_demo_mail_directions_auto_replies_threads_and_requests(ctx) -> None:
    ensure_workspace(ctx, "demo", "Demo")
    load_demo(ctx, "demo")
    spec = json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8"))
    with unit_of_work(ctx.engine) as s:
        by_path = {
            src.removeprefix("demo:"): f"E-{n:04d}"
            for src, n in s.execute(select(EvidenceItem.source, EvidenceItem.number)).all()
        }
    after_demo_load(ctx, "demo", spec, by_path, actor="test")  # idempotent if demo.py calls it
    with unit_of_work(ctx.engine) as s:
        rows = s.execute(
            select(Message, EvidenceItem.source).join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
        ).all()
    by_file = {src.removeprefix("demo:"): m for m, src in rows}
    mails = [p for p in by_file if p.startswith("mail/") and p.endswith(".eml")]
    assert len(mails) == 59
    exp = spec["expectations"]
    for p in exp["auto_replies"]:
        assert by_file[p].flags.get("auto_reply"), p
    assert sum(1 for p in mails if by_file[p].flags.get("auto_reply")) == len(exp["auto_replies"])
    for p in exp["internal"]:
        assert by_file[p].direction == "internal", p
    assert by_file["mail/20260327T154000Z_sr-e207.eml"].direction == "buyer->supplier"
    assert by_file["mail/20260330T021500Z_sr-e207-ack.eml"].direction == "supplier->buyer"
    assert by_file["mail/20260521T014700Z_fraud-bank-change.eml"].direction == "other"  # look-alike domain
    chats = [m for m, _ in rows if m.channel == "whatsapp" and not m.flags.get("system")]
    assert len(chats) == 15 and all(m.direction in ("buyer->supplier", "supplier->buyer") for m in chats)
    assert all(m.flags.get("local_time_zone") == "Europe/Berlin" for m in chats)
    # support requests list their messages
    chron = mail.chronology(ctx, "demo", request="SR-0002")
    assert len(chron) == len(spec["support_requests"][1]["messages"])
    assert [v.sent_at for v in chron] == sorted(v.sent_at for v in chron)
    threads = mail.list_threads(ctx, "demo", request="SR-0002")
    assert threads and threads[0].message_count >= 15
    hits = mail.search(ctx, "demo", "故障")
    assert any(h.kind == "message" for h in hits)
    assert {h.evidence for h in mail.search(ctx, "demo", "合同")} >= {
        by_path["mail/20260706T080000Z_formal-complaint.eml"]
    }
