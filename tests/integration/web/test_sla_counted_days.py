"""The days an SLA explanation counted, in the page's language (quality sweep). The table showed ISO dates and
weekday codes ("2026-02-14 Sat"); the Chinese page now reads 2026年2月14日（星期六）, with the zone of the days named,
and each explanation says which days were skipped as statutory holidays and which make-up working Saturdays
(调休) were counted. Demo dispute: Hengtuo's terms (3 business days to resolve a critical fault, Monday to Friday
08:30–17:30 Beijing time); a fault reported on Friday 13 February 2026, before the Spring Festival (15–23 February
2026), with Saturday 14 February a make-up working day."""

from __future__ import annotations

import re

from pages_support import open_request, page_text

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_counted_days_read_in_the_pages_language_with_holidays_and_make_up_days_named(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    number = open_request(c, "hengtuo", "Press brake down before the holiday", "critical", "2026-02-13T08:00:00Z")
    zh = page_text(c, f"/requests/{number}?lang=zh")
    assert not ISO_DAY.search(zh), ISO_DAY.findall(zh)[:5]
    assert "2026年2月14日（星期六）" in zh and "2026年2月13日（星期五）" in zh
    assert "日期（Asia/Shanghai）" in zh  # the days are the supplier's dates
    assert "作为法定节假日跳过：春节，2026年2月15日至2026年2月23日" in zh
    assert "计入的调休上班日：2026年2月14日" in zh
    en = page_text(c, f"/requests/{number}?lang=en")
    assert not ISO_DAY.search(en), ISO_DAY.findall(en)[:5]
    assert "Sat 14 Feb 2026" in en and "Day (Asia/Shanghai)" in en
    assert "Skipped as statutory holidays: Spring Festival, 15 Feb 2026 to 23 Feb 2026" in en
    assert "Make-up working days counted: 14 Feb 2026" in en
