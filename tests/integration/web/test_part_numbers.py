"""The messages of a mailbox or chat export are named "message 1", "message 2", … as a person
counts them: the first message is message 1 (it was message 2: the export file itself was
counted), attachments are not counted, and a message forwarded inside message 2 is message 2.1.
Items already in the vault keep their names and numbers when the same file comes again."""

from __future__ import annotations

import base64
from pathlib import Path

from sqlalchemy import select

from disputedesk.services.evidence import get_evidence
from disputedesk.services.imports import import_paths
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import EvidenceItem

from support import write_files


def _mail(subject: str, body: str, *, attachment: bytes | None = None, forwarded: bytes | None = None) -> bytes:
    head = f"From: wang@supplier.cn\nTo: anna@buyer.example\nSubject: {subject}\n"
    head += "Date: Mon, 02 Mar 2026 09:00:00 +0800\n"
    if attachment is None and forwarded is None:
        return (head + f"Message-ID: <{subject}@x>\n\n{body}\n").encode()
    parts = f"--b\nContent-Type: text/plain\n\n{body}\n"
    if attachment is not None:
        parts += (
            "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n"
            'Content-Disposition: attachment; filename="list.txt"\n\n' + base64.encodebytes(attachment).decode()
        )
    if forwarded is not None:
        parts += "--b\nContent-Type: message/rfc822\n\n" + forwarded.decode() + "\n"
    return (head + f'Message-ID: <{subject}@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
            + parts + "--b--\n").encode()  # fmt: skip


def _names(ctx) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        items = s.execute(select(EvidenceItem).order_by(EvidenceItem.number)).scalars()
        return {e.label: e.original_name for e in items}


def test_first_message_is_message_one(sqlite_ctx, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    csv = (
        "sent_at,sender,direction,text\n"
        "2026-03-05T09:12:00+08:00,Li Wei,in,设备已经发货\n"
        "2026-03-05T10:00:00+08:00,Anna,out,When will the engineer come?\n"
    )
    inner = _mail("inner", "forwarded words")
    mbox = b"".join(
        b"From wang@supplier.cn Mon Mar  2 01:00:00 2026\n" + m + b"\n"
        for m in (
            _mail("first", "one", attachment=b"price list"),
            _mail("second", "two", forwarded=inner),
            _mail("third", "three"),
        )
    )
    folder = write_files(tmp_path / "in", {"a-wechat.csv": csv.encode(), "b-Inbox.mbox": mbox})
    report = import_paths(ctx, "default", [folder], actor="t")
    assert report.failed == 0, [o.reason for o in report.outcomes]
    names = list(_names(ctx).values())
    assert names == [
        "a-wechat.csv",
        "a-wechat.csv [message 1]",
        "a-wechat.csv [message 2]",
        "b-Inbox.mbox",
        "b-Inbox.mbox [message 1: first]",
        "list.txt",
        "b-Inbox.mbox [message 2: second]",
        "b-Inbox.mbox [message 2.1: inner]",
        "b-Inbox.mbox [message 3: third]",
    ]

    # the same files again: nothing renumbered, nothing renamed, every item named by its number
    before = _names(ctx)
    again = import_paths(ctx, "default", [folder], actor="t")
    assert again.imported == 0 and again.duplicates == len(before)
    assert _names(ctx) == before
    dup = next(o for o in again.outcomes if o.name == "a-wechat.csv [message 1]")
    assert dup.evidence == "E-0002" and get_evidence(ctx, "default", "E-0002").original_name == dup.name


def test_part_number_in_the_page_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    mbox = b"From wang@supplier.cn Mon Mar  2 01:00:00 2026\n" + _mail("second", "two", forwarded=_mail("inner", "x"))
    r = c.post("/api/evidence", files={"files": ("Inbox.mbox", mbox, "application/mbox")})
    assert r.status_code == 201, r.text
    labels = {o["name"]: o["evidence"] for o in r.json()["items"]}
    page = c.get(f"/evidence/{labels['Inbox.mbox [message 1.1: inner]']}?lang=zh").text
    assert "第1.1条消息" in page and "[message" not in page
