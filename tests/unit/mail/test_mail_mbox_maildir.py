"""mbox (mboxrd / mboxo, unquoted "From " body lines, truncation) and Maildir trees."""

from __future__ import annotations

from pathlib import Path

from disputedesk.ingest.mail import parse_path
from disputedesk.ingest.mail.mbox import iter_mbox_items
from disputedesk.ingest.mediatypes import detect_source_type as detect_media_type

from .conftest import build_message

SEP = b"From supplier@example.cn Tue Mar  5 09:12:00 2024\n"


def _messages(items):
    return [i for i in items if i.kind == "message" and i.parent_key is None]


def test_mboxrd_from_lines_are_unquoted_and_do_not_split(tmp_path: Path) -> None:
    body1 = b"Line one\n\n>From the start we said so.\n>>From quoted twice\nFrom here on, no split.\n"
    m1 = build_message(body=body1, message_id=b"<a@x>")
    m2 = build_message(body=b"second\n", message_id=b"<b@x>")
    mbox = tmp_path / "box.mbox"
    mbox.write_bytes(SEP + m1 + b"\n" + SEP + m2 + b"\n")
    msgs = _messages(parse_path(mbox))
    assert [m.message.message_id for m in msgs] == ["a@x", "b@x"]
    text = msgs[0].message.text_body
    assert "\nFrom the start we said so." in text
    assert "\n>From quoted twice" in text
    assert "From here on, no split." in text
    assert msgs[0].raw == m1.replace(b">From the", b"From the").replace(b">>From", b">From")


def test_unquoted_from_line_after_blank_line_without_date_does_not_split(tmp_path: Path) -> None:
    body = b"Dear Anna,\n\nFrom our side the machine is fine.\n\nFrom Li Wei\n"
    mbox = tmp_path / "mboxo"
    mbox.write_bytes(SEP + build_message(body=body) + b"\n" + SEP + build_message(message_id=b"<2@x>") + b"\n")
    msgs = _messages(iter_mbox_items(mbox))
    assert len(msgs) == 2
    assert "From our side the machine is fine." in msgs[0].message.text_body
    assert msgs[0].message.text_body.rstrip().endswith("From Li Wei")


def test_mboxo_variant_unquotes_one_level_only(tmp_path: Path) -> None:
    mbox = tmp_path / "o.mbox"
    mbox.write_bytes(SEP + build_message(body=b">From a\n>>From b\n") + b"\n")
    msg = _messages(iter_mbox_items(mbox, variant="mboxo"))[0].message
    assert msg.text_body.splitlines() == ["From a", ">>From b"]


def test_truncated_last_message(tmp_path: Path) -> None:
    m2 = (
        b"From: a@supplier.cn\nSubject: cut off\nMessage-ID: <cut@x>\n"
        b'Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain\n\npartial te'
    )
    mbox = tmp_path / "cut.mbox"
    mbox.write_bytes(SEP + build_message() + b"\n" + SEP + m2)
    items = list(parse_path(mbox))
    msgs = _messages(items)
    assert len(msgs) == 2
    last = msgs[1].message
    assert last.subject == "cut off"
    assert "partial te" in last.text_body
    assert any("truncated" in e for e in last.errors)
    assert msgs[1].location and "mbox bytes" in msgs[1].location


def test_mbox_location_points_at_original_bytes(tmp_path: Path) -> None:
    m1, m2 = build_message(message_id=b"<1@x>"), build_message(message_id=b"<2@x>")
    data = SEP + m1 + b"\n" + SEP + m2 + b"\n"
    mbox = tmp_path / "x.mbox"
    mbox.write_bytes(data)
    msgs = _messages(parse_path(mbox))
    start, end = msgs[1].location.split()[2].split("-")
    assert data[int(start) : int(end)] == SEP + m2 + b"\n"


def test_mbox_detected_without_extension(tmp_path: Path) -> None:
    p = tmp_path / "Inbox"
    p.write_bytes(SEP + build_message() + b"\n")
    assert detect_media_type(p) == "application/mbox"


def test_maildir_cur_new_and_nested_folders(tmp_path: Path) -> None:
    root = tmp_path / "Mail"
    layout = {
        "cur/1700000000.1.host:2,S": b"<top-cur@x>",
        "new/1700000001.2.host": b"<top-new@x>",
        "tmp/1700000002.3.host": b"<in-delivery@x>",
        ".Sent/cur/1700000003.4.host:2,S": b"<sent@x>",
        ".Supplier.2024/new/1700000004.5.host": b"<supplier-2024@x>",
        "Archive/Old/cur/1700000005.6.host:2,": b"<archive-old@x>",
    }
    for rel, mid in layout.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(build_message(message_id=mid))
    (root / ".Sent" / "tmp").mkdir()
    items = list(parse_path(root))
    got = {i.message.message_id: i.location for i in _messages(items)}
    assert set(got) == {"top-cur@x", "top-new@x", "sent@x", "supplier-2024@x", "archive-old@x"}
    assert "folder Supplier/2024" in got["supplier-2024@x"]
    assert "folder Archive/Old" in got["archive-old@x"]
    assert "folder (top)" in got["top-new@x"]
