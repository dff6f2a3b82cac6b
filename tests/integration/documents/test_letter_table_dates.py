"""Dates in a letter's tables read like the rest of the letter: a Chinese letter writes
2026年3月16日 in its tables as in its body (never 2026-03-16), an English one 16 March 2026, and
a time of day is the sender's local time with the zone named in the column's heading (the demo
buyer is in Berlin: SR-0001 was opened at 16:20 in Shenzhen, 09:20 in Berlin)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from disputedesk.documents import letter_render as R
from disputedesk.services import letters as svc

from documents_support import demo_context

ISO_DAY = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    yield from demo_context(tmp_path_factory, "letter-dates")


def pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def table_cells(rendered: svc.Rendered, lang: str, marker: str) -> tuple[list[str], list[list[str]]]:
    table = next(b.table for b in rendered.letter.blocks[lang] if b.marker == marker)
    assert table is not None, marker
    return table.columns, table.rows


def test_a_chinese_letter_writes_the_dates_in_its_tables_in_chinese_in_the_senders_zone(demo) -> None:
    r = svc.render_letter(
        demo, "demo", None, "arbitration-request", lang="zh", fmt="pdf", letter_date=date(2026, 11, 2)
    )
    columns, rows = table_cells(r, "zh", "requests")
    assert columns[2] == "提出时间（中欧时间）"
    sr1 = next(row for row in rows if row[0] == "SR-0001")
    assert sr1[2] == "2026年3月16日 09:20"  # 16:20 in Shenzhen is 09:20 in Berlin (CET)
    columns, rows = table_cells(r, "zh", "breaches")
    assert columns[3] == "截止时间（中欧时间）" and columns[4] == "实际情况（中欧时间）"
    assert rows[0][3] == "2026年3月19日 09:20" and rows[0][4] == "2026年3月19日 09:45"
    assert any(row[4] == "未答复" for row in rows)
    # summer time in Berlin: UTC+2, still "中欧时间" in the heading
    assert any(row[3] == "2026年5月15日 08:45" for row in rows)
    _columns, rows = table_cells(r, "zh", "payments")
    assert rows[0][0] == "2025年10月21日"
    _columns, rows = table_cells(r, "zh", "evidence")
    assert any(row[2] == "2025年10月14日" for row in rows)
    # What the reader sees: no ISO date and no "(UTC+8)" that the generator wrote, in the PDF or the DOCX
    own_words = [e["title"] for e in r.letter.facts.evidence]  # the user's descriptions, shown as written
    for text in (
        pdf_text(r.data),
        R.docx_text(
            svc.render_letter(
                demo, "demo", None, "arbitration-request", lang="zh", fmt="docx", letter_date=date(2026, 11, 2)
            ).data
        ),
    ):
        flat = text.replace("\n", "")
        for words in own_words:
            flat = flat.replace(words, "")
        assert "(UTC+8)" not in flat and "UTC+8" not in flat
        assert not ISO_DAY.search(flat), ISO_DAY.search(flat)
        assert "2026年3月16日 09:20" in flat and "2025年10月21日" in flat


def test_an_english_letter_writes_its_table_dates_in_english_in_the_senders_zone(demo) -> None:
    r = svc.render_letter(demo, "demo", None, "demand", lang="en", fmt="pdf", letter_date=date(2026, 11, 2))
    columns, rows = table_cells(r, "en", "breaches")
    assert columns[3] == "Deadline (Central European Time)"
    assert rows[0][3] == "19 March 2026, 09:20" and rows[0][4] == "19 March 2026, 09:45"
    assert any(row[4] == "no answer" for row in rows)
    text = pdf_text(r.data).replace("\n", "")
    assert "19 March 2026, 09:20" in text and "(UTC+8)" not in text


def test_a_side_by_side_letter_gives_each_table_date_in_both_languages(demo) -> None:
    r = svc.render_letter(demo, "demo", None, "formal-complaint", lang="both", fmt="pdf", letter_date=date(2026, 11, 2))
    columns, rows = table_cells(r, "en", "requests")
    assert columns[2] == "Opened 提出时间 (Central European Time / 中欧时间)"
    sr1 = next(row for row in rows if row[0] == "SR-0001")
    assert sr1[2] == "16 March 2026, 09:20\n2026年3月16日 09:20"


def test_without_a_recorded_zone_the_writers_zone_is_used_and_named(demo) -> None:
    from disputedesk.services.records.buyer import get_buyer, set_buyer
    from disputedesk.services.records.models import SetBuyer

    before = get_buyer(demo, "demo")
    assert before is not None and before.timezone == "Europe/Berlin"
    set_buyer(demo, "demo", SetBuyer(timezone=None), actor="test")
    try:
        r = svc.render_letter(
            demo,
            "demo",
            None,
            "support-request",
            lang="zh",
            fmt="pdf",
            letter_date=date(2026, 11, 2),
            sender_tz="Asia/Shanghai",
        )
        columns, rows = table_cells(r, "zh", "requests")
        assert columns[2] == "提出时间（中国时间）"
        assert next(row for row in rows if row[0] == "SR-0001")[2] == "2026年3月16日 16:20"
        r = svc.render_letter(
            demo, "demo", None, "support-request", lang="zh", fmt="pdf", letter_date=date(2026, 11, 2)
        )
        columns, rows = table_cells(r, "zh", "requests")
        assert columns[2] == "提出时间（协调世界时）"
        assert next(row for row in rows if row[0] == "SR-0001")[2] == "2026年3月16日 08:20"
    finally:
        set_buyer(demo, "demo", SetBuyer(timezone="Europe/Berlin"), actor="test")
