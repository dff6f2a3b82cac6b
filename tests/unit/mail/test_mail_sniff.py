"""A message is recognised by its header block, whatever the file is called (issue 17)."""

from __future__ import annotations

import pytest

from disputedesk.ingest.mail.sniff import looks_like_message

MAIL = [
    b"Received: from a by b; Mon, 3 Mar 2025 10:00:00 +0800\nDate: Mon, 3 Mar 2025 10:00:00 +0800\n"
    b"From: w@s.cn\nSubject: x\n\nbody",
    b"\xef\xbb\xbfFrom: w@s.cn\r\nTo: a@b.example\r\nSubject: =?utf-8?b?5pWF6Zqc?=\r\n\r\n",
    b"MIME-Version: 1.0\nContent-Type: multipart/mixed;\n boundary=x\nSubject: export\n\n--x\n",
    b"Return-Path: <w@s.cn>\nDelivered-To: a@b.example\nX-Custom-Thing: 1\nSubject: spool",  # cut inside a line
    b"From 8f3c2a1b Mon Sep 17 00:00:00 2001\nFrom: A <a@b.example>\nDate: Wed, 5 Mar 2025 11:00:00 +0100\n\n",
    b"Message-ID: <1@x>\nDate: Wed, 5 Mar 2025\n" + b"Received: from x\n\tby y\n" * 500,  # headers past the head
]
NOT_MAIL = [
    b"",
    b"%PDF-1.7\n",
    b"Date: 2025-03-01\nSubject: meeting notes\n\ntext",  # no field only mail has
    b"From: w@s.cn\n\nonly one field",
    b"Dear Mr Wang,\nFrom: our side\nDate: today\n",  # prose first
    b" From: w@s.cn\nDate: x\n\n",  # starts folded
    b"Subject: x\nFrom: y\nthis line is not a header\n\n",
    b"name,subject,from\nx,y,z\n",
    b"key: value\nfrom: x\ndate: y\n" + b"x" * 5000 + b": long\n",
]


@pytest.mark.parametrize("head", MAIL)
def test_header_blocks_are_mail(head: bytes) -> None:
    assert looks_like_message(head)


@pytest.mark.parametrize("head", NOT_MAIL)
def test_other_text_is_not(head: bytes) -> None:
    assert not looks_like_message(head)
