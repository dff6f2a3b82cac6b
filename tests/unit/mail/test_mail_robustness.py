"""No input crashes a parser; the registry and the optional .msg extra behave as documented."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disputedesk.ingest import mail
from disputedesk.ingest.mail import ParsedItem, parse_path, register
from disputedesk.ingest.mail.charset import decode_bytes, decode_header
from disputedesk.ingest.mail.eml import iter_eml_items
from disputedesk.ingest.mail.mbox import iter_mbox_messages
from disputedesk.ingest.mail.msg import MSG_EXTRA_MISSING, iter_msg_items

from .conftest import FIXTURES, build_message

HEADERISH = st.lists(
    st.sampled_from(
        [
            b"From: a@b.c\n",
            b"Subject: =?gb2312?B?xOO6ww==?=\n",
            b"Subject: =?utf-8?q?broken",
            b"Content-Type: multipart/mixed; boundary=X\n",
            b"Content-Type: message/rfc822\n",
            b"Content-Transfer-Encoding: base64\n",
            b"\n",
            b"--X\n",
            b"--X--\n",
            b"From x Tue Mar  5 09:12:00 2024\n",
            b"\xff\xfe\x00junk",
            b"Date: not a date\n",
            b"=?unknown-8bit?b?////?=",
        ]
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), HEADERISH.map(b"".join)))
def test_eml_parser_never_raises(data: bytes) -> None:
    items = list(iter_eml_items(data, source="fuzz"))
    assert items and items[0].raw == data
    assert all(i.kind != "rejected" or i.reason for i in items)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=500), st.text(max_size=200))
def test_charset_functions_never_raise(data: bytes, text: str) -> None:
    decode_bytes(data, "gb2312")
    decode_bytes(data, None)
    decode_bytes(data, "no-such-charset")
    decode_header(data)
    decode_header(text)


@settings(max_examples=100, deadline=None)
@given(HEADERISH.map(b"".join))
def test_mbox_splitter_keeps_every_byte_accounted(data: bytes) -> None:
    import io

    total = 0
    for offset, length, _from, _body, _notes in iter_mbox_messages(io.BytesIO(data)):
        assert offset == total or offset >= total
        total = offset + length
    assert total <= len(data)


def test_msg_without_extract_msg_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "extract_msg", None)  # makes "import extract_msg" fail
    raw = (FIXTURES / "outlook-message-parser" / "simple sent.msg").read_bytes()
    items = list(iter_msg_items(raw, source="simple sent.msg"))
    assert len(items) == 1 and items[0].kind == "rejected"
    assert items[0].reason == MSG_EXTRA_MISSING and "msg" in MSG_EXTRA_MISSING
    assert items[0].raw == raw


def test_non_ole_file_named_msg_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "fake.msg"
    p.write_bytes(b"hello, not outlook")
    (item,) = list(parse_path(p))
    assert item.kind == "rejected" and "OLE" in (item.reason or "")


def test_register_parser_by_media_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mail, "_REGISTRY", dict(mail._REGISTRY))
    seen: list[Path] = []

    def fake(path: Path, *, key: str, tz: object = None) -> Iterator[ParsedItem]:  # noqa: ARG001
        seen.append(path)
        yield ParsedItem(key=key, kind="container", source=str(path), media_type="message/rfc822", raw=b"")

    register("message/rfc822", fake)
    p = tmp_path / "a.eml"
    p.write_bytes(build_message())
    assert [i.kind for i in parse_path(p)] == ["container"] and seen == [p]


def test_parser_crash_becomes_rejected_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mail, "_REGISTRY", dict(mail._REGISTRY))

    def boom(path: Path, *, key: str, tz: object = None) -> Iterator[ParsedItem]:  # noqa: ARG001
        raise RuntimeError("disk on fire")
        yield  # pragma: no cover

    register("message/rfc822", boom)
    p = tmp_path / "a.eml"
    p.write_bytes(build_message())
    (item,) = list(parse_path(p))
    assert item.kind == "rejected" and "disk on fire" in (item.reason or "")


def test_missing_file_is_rejected_not_raised(tmp_path: Path) -> None:
    (item,) = list(parse_path(tmp_path / "nope.eml"))
    assert item.kind == "rejected" and "cannot read" in (item.reason or "")
