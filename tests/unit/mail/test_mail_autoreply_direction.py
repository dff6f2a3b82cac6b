"""Automatic replies (EN/ZH) and message direction."""

from __future__ import annotations

import base64

import pytest

from disputedesk.ingest.mail.autoreply import detect_auto_reply
from disputedesk.ingest.mail.direction import Parties, classify
from disputedesk.ingest.mail.eml import parse_eml
from disputedesk.ingest.mail.model import Address, ParsedMessage

from .conftest import build_message


def _b(s: str) -> bytes:
    return b"=?UTF-8?B?" + base64.b64encode(s.encode()) + b"?="


@pytest.mark.parametrize(
    ("subject", "extra"),
    [
        (b"Automatic reply: Machine down", b""),
        (b"Out of Office: back on Monday", b""),
        (_b("自动回复: 设备故障"), b""),
        (_b("自动答复：关于退款"), b""),
        (_b("休假通知"), b""),
        ("自動回覆：報價".encode("big5"), b""),
        (b"Re: Machine down", b"Auto-Submitted: auto-replied\n"),
        (b"Re: Machine down", b"X-Autoreply: yes\n"),
        (b"Re: Machine down", b"X-Autorespond: Machine down\n"),
        (b"Re: Machine down", b"Precedence: auto_reply\n"),
    ],
)
def test_auto_replies_recognised(subject: bytes, extra: bytes) -> None:
    msg = parse_eml(build_message(subject=subject, extra_headers=extra))
    assert msg.is_auto_reply, msg.subject
    assert msg.auto_reply


@pytest.mark.parametrize(
    ("subject", "extra"),
    [
        (b"Re: Machine down", b"Auto-Submitted: no\n"),
        (_b("回复: 设备故障，工程师明天到"), b""),
        (b"Re: Out of stock items", b""),
        (b"Office hours for support", b"X-Auto-Response-Suppress: All\n"),
    ],
)
def test_human_replies_not_flagged(subject: bytes, extra: bytes) -> None:
    assert not parse_eml(build_message(subject=subject, extra_headers=extra)).is_auto_reply


def test_auto_response_suppress_with_ooo_subject_gives_reason() -> None:
    reason = detect_auto_reply([("X-Auto-Response-Suppress", "All")], "Automatic reply: hello")
    assert reason and "X-Auto-Response-Suppress" in reason


PARTIES = Parties.build(
    ours=["buyer.example", "ceo@gmail.com"],
    supplier=["supplier.cn", "wang.engineer@qq.com"],
    supplier_names=["Li Wei (supplier)"],
)


def _msg(frm: str, *to: str, channel: str = "email", hint: str | None = None) -> ParsedMessage:
    return ParsedMessage(
        channel=channel,
        from_=Address("", frm) if "@" in frm else Address(frm, ""),
        to=[Address("", t) for t in to],
        direction_hint=hint,
    )


@pytest.mark.parametrize(
    ("msg", "expected"),
    [
        (_msg("anna@buyer.example", "sales@supplier.cn"), "buyer->supplier"),
        (_msg("ceo@gmail.com", "wang.engineer@qq.com"), "buyer->supplier"),
        (_msg("support@mail.supplier.cn", "anna@buyer.example"), "supplier->buyer"),
        (_msg("wang.engineer@qq.com", "ceo@gmail.com"), "supplier->buyer"),
        (_msg("anna@buyer.example", "bob@buyer.example"), "internal"),
        (_msg("anna@buyer.example", "lawyer@lawfirm.example"), "other"),
        (_msg("someone@qq.com", "anna@buyer.example"), "other"),
        (_msg("Li Wei (supplier)", channel="whatsapp"), "supplier->buyer"),
        (_msg("Unknown", channel="chat-csv", hint="out"), "buyer->supplier"),
        (_msg("Unknown", channel="chat-csv", hint="in"), "supplier->buyer"),
    ],
)
def test_direction(msg: ParsedMessage, expected: str) -> None:
    d = classify(msg, PARTIES)
    assert d.value == expected, d.reason
    assert d.reason
