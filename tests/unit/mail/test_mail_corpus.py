"""Every real-world file of the shared corpora (copied into tests/fixtures/mail) parses without
a crash, and the Chinese ones come out with the right Chinese text."""

from __future__ import annotations

from pathlib import Path

import pytest

from disputedesk.ingest.mail import parse_path

from .conftest import FIXTURES

CORPUS = sorted(
    p
    for p in FIXTURES.rglob("*")
    if p.is_file() and p.suffix.lower() in {".eml", ".msg", ".p7m", ".txt"} and "license" not in p.name.lower()
)
EXPECTED_REJECTS = {"no_content.eml": "empty file"}


def _top(path: Path):
    items = list(parse_path(path))
    assert items, path
    return items


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_parses_without_crash(path: Path) -> None:
    items = _top(path)
    keys = [i.key for i in items]
    assert len(keys) == len(set(keys)), "item keys are unique"
    top = items[0]
    if path.name in EXPECTED_REJECTS:
        assert top.kind == "rejected"
        assert EXPECTED_REJECTS[path.name] in (top.reason or "")
        return
    assert top.kind in ("message", "container"), top.reason
    assert top.raw == path.read_bytes(), "the item keeps the exact original bytes"
    for item in items:
        assert not (item.kind == "rejected" and item.parent_key is None), item.reason
        if item.parent_key is not None:
            assert any(i.key == item.parent_key for i in items), "children point to a parent that exists"
        if item.message is not None and item.message.date is not None:
            assert item.message.date.utcoffset() is not None and item.message.date.utcoffset().total_seconds() == 0


def _message(path: Path):
    return _top(path)[0].message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("chinese_gb2312_encoding.eml", "你好，我是程序员，很高兴认识你"),
        ("chinese_gbk_encoding.eml", "你好，中国"),
        ("chinese_big5_encoding.eml", "圖形碼"),
        ("chinese_iso_2022_jp_encoding.eml", "中文字"),
    ],
)
def test_chinese_body_charsets(name: str, expected: str) -> None:
    msg = _message(FIXTURES / "demisto-parse-emails" / name)
    assert msg.text_body.strip() == expected
    assert not msg.damaged


def test_utf8_chinese_subject_and_body() -> None:
    msg = _message(FIXTURES / "demisto-parse-emails" / "chinese_email_test.eml")
    assert msg.subject == "示例邮件"
    assert "这是一个示例邮件，用于演示指定的条件。" in msg.text_body
    assert msg.date is not None and msg.date.isoformat() == "2019-01-23T17:55:56+00:00"


def test_thai_attachment_name_from_windows_874_encoded_word() -> None:
    items = _top(FIXTURES / "demisto-parse-emails" / "eml_contains_image_name_with_Thai_characters.eml")
    names = [i.attachment.filename for i in items if i.attachment]
    assert "ผ้าห่ม06[4].jpg" in names


def test_raw_8bit_and_unknown_8bit_headers() -> None:
    msg = _message(FIXTURES / "demisto-parse-emails" / "test-unknown-8bit.eml")
    assert msg.from_ is not None and msg.from_.addr == "test@test.com"
    bcc_names = [a.name for a in msg.bcc]
    assert "משה גליצקי" in bcc_names or any("משה" in n for n in bcc_names)


def test_text_before_headers_and_bom_are_skipped_not_fatal() -> None:
    msg = _message(FIXTURES / "demisto-parse-emails" / "test_text_before_headers.eml")
    assert msg.subject == "test bcc"
    assert any("before the first header" in e for e in msg.errors)
    msg = _message(FIXTURES / "demisto-parse-emails" / "utf_8_with_bom.eml")
    assert msg.subject == "Test UTF Email"
    assert "עברי" in msg.text_body


def test_base64_nested_eml_becomes_linked_child_message() -> None:
    items = _top(FIXTURES / "demisto-parse-emails" / "eml_contains_base64_eml.eml")
    child = [i for i in items if i.kind == "message" and i.parent_key == items[0].key]
    assert child and child[0].message.subject == "test - inner attachment eml"
    assert child[0].sha256 != items[0].sha256


def test_smime_signed_is_marked_and_readable() -> None:
    items = _top(FIXTURES / "demisto-parse-emails" / "smime2.p7m")
    msg = items[0].message
    assert msg.signed and not msg.encrypted
    assert "This is the s/mime body text." in msg.index_text
    assert msg.date_source == "received", "no Date header: dated from Received and flagged"
    assert any(i.attachment and i.attachment.filename == "smime.p7s" for i in items)


def test_msg_chinese_body() -> None:
    msg = _message(FIXTURES / "outlook-message-parser" / "chinese message.msg")
    assert "经过汇总 大家提前合理安排进房间入住吧。" in msg.text_body
    assert "迷你房" in msg.text_body


def test_msg_chinese_subject_attachment_name_and_nested_msg() -> None:
    items = _top(FIXTURES / "outlook-message-parser" / "testgetmsgAttch.msg")
    top = items[0].message
    assert top.subject == "测试多人邮件抄送msg格式"
    assert [a.addr for a in top.to] == ["zhaopengfei@longestech.com", "zhangtianhua@longestech.com"]
    assert any(i.attachment and i.attachment.filename == "剑来.jpg" for i in items)
    nested = [i for i in items if i.kind == "message" and i.parent_key == items[0].key]
    assert nested and nested[0].message.subject == "test mail"


@pytest.mark.parametrize("name", ["chinese message garbled.msg", "chinese message un_garbled.msg"])
def test_msg_chinese_subject(name: str) -> None:
    assert _message(FIXTURES / "outlook-message-parser" / name).subject == "测试邮件"


def test_eml_inside_msg() -> None:
    items = _top(FIXTURES / "demisto-parse-emails" / "msg_contains_eml.msg")
    nested = [i for i in items if i.kind == "message" and i.parent_key == items[0].key]
    assert nested and nested[0].media_type == "message/rfc822"
    assert nested[0].message.subject


def test_msg_smime_encrypted_kept_and_marked() -> None:
    msg = _message(FIXTURES / "outlook-message-parser" / "S_MIME test message encrypted.msg")
    assert msg.encrypted
    assert msg.subject == "S/MIME test message encrypted"
    assert msg.index_text == "", "the DER envelope is not indexed as text"
    signed = _message(FIXTURES / "outlook-message-parser" / "S_MIME test message signed.msg")
    assert signed.signed and not signed.encrypted
    assert "For testing purposes" in signed.text_body
