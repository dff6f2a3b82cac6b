"""WhatsApp export lines that lost their sender or their words: a message that is only "."
written without a space ("John Doe:."), attachments in the iOS form ("<attached: …>"), Chinese
phones' 上午/下午 clock, a subject change that quotes a colon, and a day/month order the file
never shows (flagged on each message it touches, not guessed silently)."""

from __future__ import annotations

from pathlib import Path

import pytest

from disputedesk.ingest.mail import parse_path
from disputedesk.ingest.mail.chat import parse_whatsapp_text

from .conftest import FIXTURES

WA = FIXTURES / "chat-miner" / "whatsapp"


@pytest.mark.parametrize("path", sorted(WA.glob("*.txt")), ids=lambda p: p.name)
def test_every_line_of_the_real_exports_keeps_its_sender(path: Path) -> None:
    items = [i for i in parse_path(path) if i.kind == "message"]
    said = [(i.message.from_.name, i.message.text_body) for i in items if not i.message.system]
    assert ("John Doe", ".") in said  # "John Doe:." was a system line without a sender
    assert [s for s, _ in said] == [
        "John Doe", "John Doe", "Jahn Doe", "John-John Doe", "John Doe 🤓", "🤓", "John Doe",
    ]  # fmt: skip
    system = [i.message.text_body for i in items if i.message.system]
    assert system == ['+12 345 578 created group "Groupname"', "You were added"]
    assert len(items) == 9  # nothing lost: 7 messages and 2 events, every line accounted for


def test_ios_attachments_and_omitted_media() -> None:
    text = (
        "[25/12/2023, 21:04:05] 王工: \u200e<attached: 00000012-PHOTO-2023-12-25-21-04-05.jpg>\n"
        "[25/12/2023, 21:05:00] 王工: \u200eimage omitted\n"
        "25/12/2023, 21:06 - Anna: <Media omitted>\n"
    )
    (photo, _, _), (omitted, _, _), (media, _, _) = parse_whatsapp_text(text)[0]
    assert photo.from_.name == "王工"
    assert [a.filename for a in photo.attachments] == ["00000012-PHOTO-2023-12-25-21-04-05.jpg"]
    assert omitted.from_.name == "王工" and omitted.text_body == "image omitted"
    assert any("not in the export" in n for n in omitted.notes)
    assert media.from_.name == "Anna" and any("not in the export" in n for n in media.notes)


def test_chinese_phone_clock() -> None:
    text = "2023/12/25 下午9:04 - 王工: 明天到现场\n2023/12/26 上午12:30 - 李经理: 收到\n"
    (late, _, _), (night, _, _) = parse_whatsapp_text(text)[0]
    assert late.from_.name == "王工" and late.text_body == "明天到现场"
    assert late.date.isoformat() == "2023-12-25T21:04:00+00:00"
    assert night.from_.name == "李经理" and night.date.isoformat() == "2023-12-26T00:30:00+00:00"


def test_subject_change_quoting_a_colon_is_an_event() -> None:
    text = '25/12/2023, 21:04 - Anna changed the subject from "Re: spindle" to "Spindle 2041"\n'
    (event, _, _) = parse_whatsapp_text(text)[0][0]
    assert event.system and event.from_ is None


def test_day_month_order_not_shown_is_flagged_on_the_messages_it_touches() -> None:
    text = "03/04/2024, 10:00 - Anna: one\n05/05/2024, 11:00 - Anna: two\n"
    (first, _, _), (second, _, _) = parse_whatsapp_text(text)[0]
    assert first.date.isoformat().startswith("2024-04-03")  # day first, as most locales write
    assert first.date_order_assumed == "dmy"  # 03/04 could be 4 March or 3 April
    assert second.date_order_assumed is None  # 05/05 reads the same either way
    shown = "03/14/2024, 10:00 - Anna: one\n03/04/2024, 11:00 - Anna: two\n"
    assert all(m.date_order_assumed is None for m, _, _ in parse_whatsapp_text(shown)[0])
