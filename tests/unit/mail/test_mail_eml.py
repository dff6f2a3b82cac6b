"""Single-message parsing: bad input, dates, charsets, HTML, attachments, nesting."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from disputedesk.ingest.mail import parse_path
from disputedesk.ingest.mail.eml import iter_eml_items, parse_eml

from .conftest import build_message


def test_gbk_text_declared_gb2312_keeps_characters_outside_gb2312() -> None:
    # 镕 (U+9555), 喆 (U+5586), 堃 (U+5803) are in GBK but not in GB2312.
    text = "朱镕基、张喆和王堃确认设备故障"
    raw = build_message(
        subject=b"=?gb2312?B?" + base64.b64encode("关于镕基设备".encode("gbk")) + b"?=",
        body=text.encode("gbk"),
        charset="gb2312",
    )
    msg = parse_eml(raw)
    assert msg.text_body.strip() == text
    assert msg.subject == "关于镕基设备"
    assert not msg.damaged


def test_gb18030_four_byte_characters_in_gbk_labelled_mail() -> None:
    text = "𠀀 扩展字符 €"
    msg = parse_eml(build_message(body=text.encode("gb18030"), charset="gbk"))
    assert msg.text_body.strip() == text


def test_raw_8bit_gbk_subject_header() -> None:
    raw = build_message(subject="回复: 设备故障 退款".encode("gbk"))
    assert parse_eml(raw).subject == "回复: 设备故障 退款"


def test_subject_split_across_encoded_words_mid_character() -> None:
    data = "关于合同第七条的紧急技术支持".encode()
    words = [data[i : i + 7] for i in range(0, len(data), 7)]  # cuts UTF-8 sequences
    subject = b"\n ".join(b"=?UTF-8?B?" + base64.b64encode(w) + b"?=" for w in words)
    assert parse_eml(build_message(subject=subject)).subject == "关于合同第七条的紧急技术支持"


def test_rfc2231_chinese_attachment_filename() -> None:
    name = "合同附件.pdf".encode("gbk")
    quoted = "".join(f"%{b:02X}" for b in name).encode()
    raw = (
        b"From: a@supplier.cn\nTo: b@buyer.example\nSubject: x\nDate: Tue, 05 Mar 2024 09:12:00 +0800\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="XX"\n\n'
        b"--XX\nContent-Type: text/plain; charset=utf-8\n\nsee attachment\n"
        b"--XX\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
        b"Content-Disposition: attachment; filename*=gb2312''"
        + quoted
        + b"\n\n"
        + base64.b64encode(b"%PDF-1.4 test")
        + b"\n--XX--\n"
    )
    items = list(iter_eml_items(raw, source="t"))
    att = [i for i in items if i.kind == "attachment"]
    assert att[0].attachment.filename == "合同附件.pdf"
    assert att[0].raw == b"%PDF-1.4 test"
    assert att[0].parent_key == items[0].key
    assert items[0].message.attachments[0].filename == "合同附件.pdf"


def test_damaged_text_is_flagged_not_repaired() -> None:
    body = "您好，锟斤拷锟斤拷设备已经发货".encode("gbk")
    msg = parse_eml(build_message(body=body, charset="gbk"))
    assert "锟斤拷" in msg.text_body, "text is kept as it is"
    assert msg.damaged
    assert any("锟斤拷" in r for r in msg.damage_reasons)
    msg2 = parse_eml(build_message(body="reply \ufffd\ufffd ok".encode(), charset="utf-8"))
    assert msg2.damaged
    clean = parse_eml(build_message(body="设备正常".encode(), charset="utf-8"))
    assert not clean.damaged


def test_invalid_utf8_is_damaged_not_guessed_as_chinese() -> None:
    msg = parse_eml(build_message(body="Grüße aus Köln ".encode() + b"\xff\xfe", charset="utf-8"))
    assert msg.text_body.startswith("Grüße aus Köln")
    assert msg.damaged


def test_utf8_content_labelled_latin1() -> None:
    msg = parse_eml(build_message(body="Prüfbericht für Maschine".encode(), charset="iso-8859-1"))
    assert msg.text_body.strip() == "Prüfbericht für Maschine"


def test_no_date_no_message_id_dated_from_received() -> None:
    extra = (
        b"Received: from mx2.buyer.example by mx1.buyer.example; Wed, 06 Mar 2024 10:00:05 +0100\n"
        b"Received: from smtp.supplier.cn by mx2.buyer.example;\n Wed, 06 Mar 2024 16:59:59 +0800\n"
    )
    msg = parse_eml(build_message(date=None, message_id=None, extra_headers=extra))
    assert msg.message_id is None
    assert msg.date is not None and msg.date.isoformat() == "2024-03-06T08:59:59+00:00"
    assert msg.date_source == "received"
    assert any("no Date header" in e for e in msg.errors)
    assert any("Message-ID" in e for e in msg.errors)


def test_no_date_at_all() -> None:
    msg = parse_eml(build_message(date=b"yesterday-ish", message_id=None))
    assert msg.date is None and msg.date_source == "none"
    assert any("unusable Date" in e for e in msg.errors)


def test_date_converted_to_utc() -> None:
    msg = parse_eml(build_message())
    assert msg.date.isoformat() == "2024-03-05T01:12:00+00:00"
    assert msg.date_source == "date"


def test_200kb_header_parses() -> None:
    big = b"X-Trace: " + b"\n ".join([b"a" * 70] * 3000) + b"\n"
    assert len(big) > 200_000
    refs = b"References: " + b" ".join(b"<ref%d@example.com>" % i for i in range(8000)) + b"\n"
    msg = parse_eml(build_message(extra_headers=big + refs))
    assert msg.subject == "Test"
    assert len(msg.references) == 8000
    assert msg.text_body.strip() == "Hello"


def test_empty_file_and_binary_junk_named_eml_are_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.eml"
    junk.write_bytes(os.urandom(5000))
    text = tmp_path / "notes.eml"
    text.write_bytes(b"just some notes\nwithout any headers\n" * 10)
    for path, reason in ((empty, "empty"), (junk, "binary"), (text, "header")):
        items = list(parse_path(path))
        assert len(items) == 1 and items[0].kind == "rejected"
        assert reason in items[0].reason
        assert items[0].raw == path.read_bytes()


def test_broken_boundary_recovered_from_body() -> None:
    raw = (
        b"From: a@supplier.cn\nTo: b@buyer.example\nSubject: broken\nDate: Tue, 05 Mar 2024 09:12:00 +0800\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="declared-but-absent"\n\n'
        b"--real\nContent-Type: text/plain\n\nthe body text\n--real\nContent-Type: application/octet-stream\n"
        b'Content-Disposition: attachment; filename="a.bin"\n\nabc\n--real--\n'
    )
    items = list(iter_eml_items(raw, source="t"))
    assert items[0].message.text_body.strip() == "the body text"
    assert any("boundary" in e for e in items[0].message.errors)
    assert [i.attachment.filename for i in items if i.kind == "attachment"] == ["a.bin"]


def test_truncated_multipart_is_kept_with_error() -> None:
    raw = (
        b"From: a@supplier.cn\nTo: b@buyer.example\nSubject: cut\nDate: Tue, 05 Mar 2024 09:12:00 +0800\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n'
        b"--B\nContent-Type: text/plain\n\nfirst part\n--B\nContent-Type: application/pdf\n"
        b"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK"
    )
    items = list(iter_eml_items(raw, source="t"))
    msg = items[0].message
    assert msg.text_body.strip() == "first part"
    assert any("closing boundary" in e for e in msg.errors)


def test_html_only_body_is_indexed_and_sanitised() -> None:
    html = (
        b"<html><head><title>t</title><style>p{color:red}</style><script>alert(1)</script></head>"
        b'<body onload="evil()"><p>Dear buyer,</p><p>the spare part &amp; manual</p>'
        b'<img src="https://tracker.example/pixel.gif" onerror="x()"><img src="cid:logo@x">'
        b'<a href="javascript:alert(1)">click</a><a href="https://supplier.cn/">site</a></body></html>'
    )
    raw = build_message(body=html).replace(b"text/plain", b"text/html")
    msg = parse_eml(raw)
    assert msg.text_body == ""
    assert "Dear buyer," in msg.index_text and "the spare part & manual" in msg.index_text
    assert "alert" not in msg.html_text and "color" not in msg.html_text
    safe = msg.html_safe or ""
    for bad in ("<script", "onload", "onerror", "tracker.example", "javascript:", "<style"):
        assert bad not in safe
    assert 'src="cid:logo@x"' in safe
    assert 'href="https://supplier.cn/"' in safe


def test_nested_rfc822_keeps_exact_bytes_and_links_parent() -> None:
    inner = build_message(subject=b"=?UTF-8?B?" + base64.b64encode("原始报价".encode()) + b"?=", message_id=b"<in@x>")
    raw = (
        b"From: a@buyer.example\nTo: b@supplier.cn\nSubject: Fwd: quote\nDate: Tue, 05 Mar 2024 09:12:00 +0800\n"
        b'Message-ID: <out@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n'
        b"--B\nContent-Type: text/plain\n\nsee below\n--B\nContent-Type: message/rfc822\n\n" + inner + b"\n--B--\n"
    )
    items = list(iter_eml_items(raw, source="t"))
    nested = [i for i in items if i.kind == "message" and i.parent_key == "0"]
    assert len(nested) == 1
    assert nested[0].raw == inner, "nested message bytes are the original bytes"
    assert nested[0].message.subject == "原始报价"
    assert items[0].message.nested_messages == 1


def test_pgp_encrypted_kept_and_marked() -> None:
    body = b"-----BEGIN PGP MESSAGE-----\n\nhQEMA...\n-----END PGP MESSAGE-----\n"
    msg = parse_eml(build_message(body=body))
    assert msg.encrypted


def test_smime_encrypted_part_marked() -> None:
    raw = (
        b"From: a@supplier.cn\nTo: b@buyer.example\nSubject: secret\nDate: Tue, 05 Mar 2024 09:12:00 +0800\n"
        b'MIME-Version: 1.0\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"\n'
        b"Content-Transfer-Encoding: base64\n\n" + base64.b64encode(b"\x30\x82\x01\x00 fake der") + b"\n"
    )
    items = list(iter_eml_items(raw, source="t"))
    assert items[0].message.encrypted
    assert any(i.attachment and i.attachment.filename == "smime.p7m" for i in items)
