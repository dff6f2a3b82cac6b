from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "mail"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def build_message(
    *,
    subject: bytes = b"Test",
    body: bytes = b"Hello\n",
    charset: str = "utf-8",
    extra_headers: bytes = b"",
    date: bytes | None = b"Tue, 05 Mar 2024 09:12:00 +0800",
    message_id: bytes | None = b"<m1@example.com>",
    from_: bytes = b"Li Wei <li.wei@supplier.cn>",
    to: bytes = b"Anna <anna@buyer.example>",
    cte: bytes = b"8bit",
) -> bytes:
    lines = [b"From: " + from_, b"To: " + to, b"Subject: " + subject]
    if date is not None:
        lines.append(b"Date: " + date)
    if message_id is not None:
        lines.append(b"Message-ID: " + message_id)
    lines += [
        b"MIME-Version: 1.0",
        b"Content-Type: text/plain; charset=" + charset.encode(),
        b"Content-Transfer-Encoding: " + cte,
    ]
    head = b"\n".join(lines) + b"\n" + extra_headers
    return head + b"\n" + body
